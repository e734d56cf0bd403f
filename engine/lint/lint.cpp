#include "engine/lint/lint.hpp"

namespace samsvar {

std::vector<LintFinding> lintRulebase(Checker& checker, const model::Model& rulebase,
                                      const IntendedFindings& intended) {
  std::vector<LintFinding> out;
  for (auto& f : analyzeRulebase(checker, rulebase)) {
    LintFinding lf;
    lf.key = findingKey(rulebase, f);
    if (const std::string* reason = intended.reasonFor(lf.key)) lf.intended = *reason;
    lf.finding = std::move(f);
    out.push_back(std::move(lf));
  }
  return out;
}

std::optional<RuleExplanation> explainRuleById(Checker& checker, const model::Model& rulebase,
                                               const std::string& id, Diagnostics& diags) {
  auto it = rulebase.ruleById.find(id);
  if (it != rulebase.ruleById.end()) return explainRule(checker, rulebase, it->second);
  std::vector<std::string> ids;
  for (const auto& r : rulebase.rules) ids.push_back(r.id);
  diags.error(DiagCode::explainUnknownRule, Span{}, {{"rule", id}}).help = didYouMean(id, ids);
  return std::nullopt;
}

}  // namespace samsvar
