// Explaining a violation: a minimal set of declared facts that forces it.
#pragma once

#include <optional>
#include <vector>

#include "engine/check/check.hpp"
#include "engine/check/evaluate.hpp"
#include "engine/smt/case_solver.hpp"

namespace samsvar {

/// The declared facts that force binding `env` of `rule` to be violated, in
/// source order: with them fixed and every other fact unknown, the binding
/// cannot hold, and none of them can go. A violation exact evaluation found
/// is explained by evaluation alone (`byEvaluation`); any other by Z3's core.
std::vector<ExplainedFact> explainViolation(const model::Model& m, const model::RuleInfo& rule, smt::Env& env,
                                            Evaluator& eval, smt::CaseSolver& solver, bool byEvaluation);

/// The explanation of a violation exact evaluation found, by evaluation
/// alone (what explainViolation gives with `byEvaluation`); nullopt when
/// evaluation cannot give it and Z3's core is needed.
std::optional<std::vector<ExplainedFact>> explainViolationByEvaluation(const model::Model& m,
                                                                       const model::RuleInfo& rule, smt::Env& env,
                                                                       Evaluator& eval);

}  // namespace samsvar
