#include "engine/lint/lint.hpp"

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

std::optional<RuleExplanation> explainRuleById(const model::Model& rulebase, const std::string& id,
                                               Diagnostics& diags, const smt::Limits& limits) {
  auto it = rulebase.ruleById.find(id);
  if (it != rulebase.ruleById.end()) return explainRule(rulebase, it->second, limits);
  std::vector<std::string> ids;
  for (const auto& r : rulebase.rules) ids.push_back(r.id);
  diags.error(DiagCode::explainUnknownRule, Span{}, {{"rule", id}}).help = didYouMean(id, ids);
  return std::nullopt;
}

}  // namespace samsvar
