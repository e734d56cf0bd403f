#include "engine/serve/starts.hpp"

#include <filesystem>

#include "core/diagnostic.hpp"
#include "grammar/parse.hpp"

namespace samsvar::serve {

namespace {

std::vector<Start> loadExamples() {
  std::vector<Start> out;
  for (std::string_view path : embedded::exampleFile_paths()) {
    Start s;
    s.name = std::string(path);
    s.role = s.name.substr(0, s.name.find('/'));
    s.text = std::string(embedded::exampleFile(path));
    // The title and the tender from the case's own header, read by the parser.
    SourceManager sm;
    Diagnostics diags;
    if (auto file = parseFile(sm, sm.add(s.name, s.text), diags)) {
      if (file->title) s.title = file->title->value;
      if (file->against) {
        std::filesystem::path folder = std::filesystem::path(s.name).parent_path();
        s.tender = (folder / file->against->value).lexically_normal().generic_string();
      }
    }
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace

const std::vector<std::string>& roles() {
  static const std::vector<std::string> r = {"procurer", "directorate", "vendor"};
  return r;
}

const std::vector<Start>& examples() {
  static const std::vector<Start> all = loadExamples();
  return all;
}

const Start* exampleNamed(std::string_view name) {
  for (const auto& s : examples())
    if (s.name == name) return &s;
  return nullptr;
}

std::vector<Start> templates() {
  // Until `samsvar init procurer|directorate|vendor` makes templates, each
  // role starts from a bundled example of its own (an offer needs its tender,
  // so the vendor starts from a self-assessment).
  static const char* const kStarts[][2] = {{"procurer", "procurer/fastlege-epj-kravsett.case"},
                                           {"directorate", "directorate/retningslinje-snomed-ct-innspillsrunde.case"},
                                           {"vendor", "vendor/egenvurdering-leverandoer.case"}};
  std::vector<Start> out;
  for (const auto& [role, name] : kStarts)
    if (const Start* s = exampleNamed(name)) out.push_back(*s);
  return out;
}

}  // namespace samsvar::serve
