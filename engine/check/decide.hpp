// The verdict of one binding: by exact evaluation when the declared facts
// decide it, else by Z3's answers to at most four questions.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "engine/check/check.hpp"
#include "engine/check/evaluate.hpp"
#include "engine/smt/case_solver.hpp"

namespace samsvar {

/// The verdict exact evaluation decides: not_applicable, satisfied or
/// violated (never a gap or unknown: those need Z3); nullopt when open.
std::optional<Verdict> verdictByEvaluation(const BindingValue& value);

struct Decision {
  Verdict verdict = Verdict::satisfied;
  std::string unknownReason;  // unknown: why the solver gave up
};

/// The verdict Z3 decides. `wantExample()` says whether a gap will need an
/// example (a model where the binding applies and holds); it is asked only
/// when the binding can fail.
Decision decideBySolver(smt::BindingQuestions& q, const std::function<bool()>& wantExample);

}  // namespace samsvar
