#include "engine/check/decide.hpp"

namespace samsvar {

std::optional<Verdict> verdictByEvaluation(const BindingValue& v) {
  if (v.applies && *v.applies == 0) return Verdict::not_applicable;
  if (v.applies && v.holds) return *v.holds != 0 ? Verdict::satisfied : Verdict::violated;
  return std::nullopt;
}

namespace {
Decision unknown(const smt::Answer& a) { return {Verdict::unknown, a.reason()}; }
}  // namespace

Decision decideBySolver(smt::BindingQuestions& q, const std::function<bool()>& wantExample) {
  std::optional<bool> applies = q.applies(), holds = q.holds();
  if (applies == false) return {Verdict::not_applicable, {}};
  if (applies == true && holds == true) return {Verdict::satisfied, {}};
  if (applies == true && holds == false) return {Verdict::violated, {}};
  // Two questions for most bindings: can it fail where it applies (which
  // also shows it can apply), and can it hold where it applies (whose model
  // is the gap's example).
  smt::Answer canFail = q.canFail();
  if (canFail.isUnknown()) return unknown(canFail);
  if (canFail.isUnsat()) {
    if (applies == true) return {Verdict::satisfied, {}};
    smt::Answer canApply = q.canApply();
    if (canApply.isUnknown()) return unknown(canApply);
    return {canApply.isUnsat() ? Verdict::not_applicable : Verdict::satisfied, {}};
  }
  smt::Answer canHold = q.canHold(wantExample());
  if (canHold.isSat()) return {Verdict::gap, {}};
  if (canHold.isUnknown()) return unknown(canHold);
  // It cannot hold where it applies; it is open only if it may not apply.
  smt::Answer canNotApply = q.canNotApply();
  if (canNotApply.isUnknown()) return unknown(canNotApply);
  return {canNotApply.isUnsat() ? Verdict::violated : Verdict::gap, {}};
}

}  // namespace samsvar
