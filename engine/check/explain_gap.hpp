// Explaining a gap: the undeclared attributes that decide it, each with a
// value that satisfies the rule, and for a single number or date the side
// of the bound from which on every value does.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "engine/check/check.hpp"
#include "engine/check/evaluate.hpp"
#include "engine/smt/case_solver.hpp"

namespace samsvar {

/// Whether a gap on these variables is described by a bound alone (a single
/// undeclared number, date or duration), so that deciding it needs no example.
bool gapIsSingleNumber(const model::Model& m, const std::vector<smt::Variable>& vars);

/// A date in the middle of the dates the case itself declares (nullopt: it
/// declares none; then the latest date of the reference data it uses): what
/// examples and repairs stay near, so they never suggest 1901 or 1970.
std::optional<std::int64_t> caseAnchorDate(const model::Model& m);

/// The undeclared attributes that decide the gap of binding `env` of `rule`
/// (`q`: its questions, with the example canHold kept, if any), ordered by
/// instance and attribute. `anchor` is caseAnchorDate(m), computed once per
/// case by the caller (it reads every fact: once per gap would be quadratic).
std::vector<GapAttribute> explainGap(const model::Model& m, const model::RuleInfo& rule, smt::Env& env,
                                     Evaluator& eval, smt::BindingQuestions& q, std::optional<std::int64_t> anchor);

}  // namespace samsvar
