#include "engine/lint/lint.hpp"

#include <algorithm>
#include <cctype>

#include "core/suggest.hpp"

namespace samsvar {

std::vector<LintFinding> lintRulebase(const model::Model& rulebase, const IntendedFindings& intended,
                                      const smt::Limits& limits) {
  std::vector<LintFinding> out;
  AnalysisOptions options;
  options.limits = limits;
  for (auto& f : analyzeRulebase(rulebase, options)) {
    LintFinding lf;
    lf.key = findingKey(rulebase, f);
    if (const std::string* reason = intended.reasonFor(lf.key)) lf.intended = *reason;
    lf.finding = std::move(f);
    out.push_back(std::move(lf));
  }
  return out;
}

namespace {

std::string upperCase(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

/// The rule `id` names, exactly or else without regard to case; -1 if none or several.
int ruleNamed(const model::Model& m, const std::string& id) {
  if (auto it = m.ruleById.find(id); it != m.ruleById.end()) return it->second;
  int match = -1, matches = 0;
  for (std::size_t r = 0; r < m.rules.size(); ++r)
    if (upperCase(m.rules[r].id) == upperCase(id)) match = static_cast<int>(r), ++matches;
  return matches == 1 ? match : -1;
}

}  // namespace

bool explainRuleIdKnown(const model::Model& m, const std::string& id) { return ruleNamed(m, id) >= 0; }

std::optional<RuleExplanation> explainRuleById(const model::Model& rulebase, const std::string& id,
                                               Diagnostics& diags, const smt::Limits& limits) {
  if (int r = ruleNamed(rulebase, id); r >= 0) return explainRule(rulebase, r, limits);
  // A near id is suggested without regard to case too.
  std::vector<std::string> ids, upperIds;
  for (const auto& rule : rulebase.rules) {
    ids.push_back(rule.id);
    upperIds.push_back(upperCase(rule.id));
  }
  Diagnostic& d = diags.error(DiagCode::explainUnknownRule, Span{}, {{"rule", id}});
  if (auto near = closestName(upperCase(id), upperIds)) {
    const auto k = static_cast<std::size_t>(std::find(upperIds.begin(), upperIds.end(), *near) - upperIds.begin());
    d.help = phrase(Phrase::didYouMean, {{"name", ids[k]}});
  } else {
    d.help = phrase(Phrase::searchVocabulary, {{"name", id}});
  }
  return std::nullopt;
}

}  // namespace samsvar
