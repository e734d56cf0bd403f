#include "engine/serve/starts.hpp"

#include <filesystem>

#include "core/diagnostic.hpp"
#include "engine/report/starter.hpp"
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

std::vector<Start> templates(const model::Model& rulebase, Lang lang, std::string_view today) {
  std::vector<Start> out;
  for (const auto& role : starterRoles()) {
    auto text = starterCase(rulebase, role, lang, today);
    if (!text) continue;
    Start s;
    s.role = role;
    s.name = "templates/" + role + ".case";
    s.text = std::move(*text);
    s.title = starterTitle(role, lang);
    out.push_back(std::move(s));
  }
  return out;
}

std::optional<Start> templateNamed(const model::Model& rulebase, std::string_view name, Lang lang,
                                   std::string_view today) {
  for (auto& s : templates(rulebase, lang, today))
    if (s.name == name) return s;
  return std::nullopt;
}

}  // namespace samsvar::serve
