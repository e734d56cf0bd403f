// The two questions about a rulebase that `samsvar lint` and `samsvar
// explain` ask, as library functions that return data: the analysis findings
// matched with those documented as intended, and a rule's explanation looked
// up by id. engine/report words both.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/diagnostic.hpp"
#include "engine/lint/intended.hpp"
#include "engine/lint/rulebase_analysis.hpp"
#include "engine/sema/model.hpp"
#include "engine/smt/limits.hpp"

namespace samsvar {

/// A rulebase analysis finding, and whether lint-intended.txt documents it.
struct LintFinding {
  AnalysisFinding finding;
  std::string key;                      // "redundant HOR-03 HOR-01": its name in lint-intended.txt
  std::optional<std::string> intended;  // the documented reason, when intended
};

/// Analyses the rulebase (analyzeRulebase) and matches every finding with the
/// intended ones. In the analysis' order: by rule location, then kind.
std::vector<LintFinding> lintRulebase(const model::Model& rulebase, const IntendedFindings& intended,
                                      const smt::Limits& limits = {});

/// Whether `id` names one rule of `m` (without regard to case), as
/// explainRuleById finds it.
bool explainRuleIdKnown(const model::Model& m, const std::string& id);

/// The explanation of the rule `id` (explainRule); `id` may differ in case
/// (`hor-14`) when it names one rule. An unknown id is an error
/// in `diags`, with the closest rule id as help.
std::optional<RuleExplanation> explainRuleById(const model::Model& rulebase, const std::string& id,
                                               Diagnostics& diags, const smt::Limits& limits = {});

}  // namespace samsvar
