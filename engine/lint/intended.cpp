#include "engine/lint/intended.hpp"

#include <fstream>
#include <iterator>
#include <sstream>

namespace samsvar {

namespace {

/// The words of a key joined by single spaces.
std::string normalizedKey(std::string_view text) {
  std::istringstream in{std::string(text)};
  std::string out, word;
  while (in >> word) out += (out.empty() ? "" : " ") + word;
  return out;
}

}  // namespace

std::string findingKey(const model::Model& rulebase, const AnalysisFinding& finding) {
  std::string key = std::string(analysisKindName(finding.kind)) + " " + rulebase.rules[finding.rule].id;
  for (int o : finding.others) key += " " + rulebase.rules[o].id;
  return key;
}

void IntendedFindings::addText(std::string_view text) {
  while (!text.empty()) {
    std::size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line[0] == '#') continue;
    std::size_t colon = line.find(" : ");
    if (colon == std::string_view::npos) continue;
    std::string key = normalizedKey(line.substr(0, colon));
    if (!key.empty()) reasons_[key] = std::string(line.substr(colon + 3));
  }
}

void IntendedFindings::addFileIn(const std::string& dir) {
  std::ifstream in(dir + "/lint-intended.txt", std::ios::binary);
  if (!in) return;
  addText(std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()));
}

const std::string* IntendedFindings::reasonFor(const std::string& key) const {
  auto it = reasons_.find(normalizedKey(key));
  return it == reasons_.end() ? nullptr : &it->second;
}

}  // namespace samsvar
