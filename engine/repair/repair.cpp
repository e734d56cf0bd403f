#include "engine/repair/repair.hpp"

#include <algorithm>
#include <tuple>

#include "engine/repair/decode.hpp"
#include "engine/repair/encode.hpp"
#include "engine/repair/verify.hpp"
#include "engine/smt/repair_solver.hpp"

namespace samsvar {

using namespace model;

namespace {

/// The budget of one repair attempt, per independent part: resource units
/// decide when it gives up, deterministically (the same case gives the same
/// report on any machine); three times the wall clock of a check question
/// is only the backstop, far above what the resource units allow on a
/// loaded machine.
smt::Limits repairLimits(const CheckOptions& o) { return {o.repairRlimit, o.timeoutMs * 3}; }

/// The order of a report: by position, then by attribute.
std::string sortName(const Model& m, const RepairChange& c) {
  if (c.kind == RepairChange::Kind::add_instance) return "";
  if (c.kind == RepairChange::Kind::deviate) return "~" + m.rules[c.rule].id;  // after the instance's changes
  return m.instances[c.instance].name + "." + m.types[c.type].attrs[c.attr].name;
}

/// One attempt, changing only the declared facts marked in `freeFacts`.
RepairResult attempt(const Checker& checker, const Model& m, const CaseResult& result, std::vector<bool> freeFacts) {
  RepairResult out;
  smt::RepairSolver solver(m, repairLimits(checker.options()), checker.options().limits());
  smt::Answer answer = smt::Answer::unknown(smt::kExpansionLimitReason);
  try {
    smt::RepairProblem problem = encodeRepair(m, result, std::move(freeFacts));
    problem.byParts = checker.options().repairByParts;
    answer = solver.solve(problem);
  } catch (const smt::LimitExceeded&) {
    // the case is too large to encode: the solver is not asked
  }
  if (answer.isUnknown()) {
    out.status = RepairResult::Status::unknown;
    out.reason = answer.reason();
    return out;
  }
  if (answer.isUnsat()) {
    out.status = RepairResult::Status::impossible;
    out.conflicting = solver.conflictingRules();
    return out;
  }
  out.status = RepairResult::Status::found;
  RepairDecoder decode(m, result, solver);
  decode.addChangedFacts(out.changes);
  auto declare = [&](int inst, int attr) { decode.declare(out.changes, inst, attr); };
  for (const auto& f : result.findings)
    if (needsRepair(m, f))
      for (const auto& g : f.gaps) declare(g.instance, g.attr);
  CheckedRepair verified;
  verifyRepair(checker, m, result, out, declare, &verified);
  describeBounds(checker, m, out, true, out.status == RepairResult::Status::found ? &verified : nullptr);
  std::stable_sort(out.changes.begin(), out.changes.end(), [&](const RepairChange& a, const RepairChange& b) {
    return std::forward_as_tuple(a.span.file, a.span.begin, sortName(m, a)) <
           std::forward_as_tuple(b.span.file, b.span.begin, sortName(m, b));
  });
  return out;
}

}  // namespace

RepairResult computeRepair(const Checker& checker, const Model& m, const CaseResult& result) {
  if (std::none_of(result.findings.begin(), result.findings.end(), [&](const Finding& f) { return needsRepair(m, f); })) {
    // Nothing decided needs repair, but an unknown må/skal verdict may hide a
    // violation: "nothing to repair" would not be true. (A repair that is
    // found is re-checked, and an unknown verdict left in the repaired case
    // makes it `unverified`.)
    std::vector<int> undecided;
    for (const auto& f : result.findings)
      if (f.verdict == Verdict::unknown && mustHold(m.rules[f.rule].strength)) undecided.push_back(f.rule);
    if (undecided.empty()) return {};
    RepairResult out;
    out.status = RepairResult::Status::undecided;
    out.unresolved = orderedById(m, std::move(undecided));
    return out;
  }
  // First the facts that cause the findings: every repair must change at
  // least one fact of each violation's core, and with the rest of the case
  // fixed the MaxSMT problem stays small (symbolic dates in particular).
  // When that is not enough (no repair, or a core is missing), every fact
  // the case itself declares may change; the rulebase's reference data never
  // does. A narrow repair the repaired case does not confirm gives way to a
  // wide one only if the repaired case confirms that.
  std::vector<bool> causes(m.facts.size(), false), caseFacts(m.facts.size(), false);
  bool coresComplete = true;
  for (std::size_t fi = 0; fi < m.facts.size(); ++fi) caseFacts[fi] = m.instances[m.facts[fi].instance].module.empty();
  for (const auto& f : result.findings) {
    if (!needsRepair(m, f) || f.verdict != Verdict::violated) continue;
    if (f.because.empty()) coresComplete = false;
    for (const auto& e : f.because) causes[e.fact] = caseFacts[e.fact];
  }
  if (!coresComplete || causes == caseFacts) return attempt(checker, m, result, caseFacts);
  RepairResult narrow = attempt(checker, m, result, causes);
  // A deviation is the narrow repair's last resort, not necessarily the
  // wide one's: with every choice free the rule may hold at less cost.
  const bool deviates = std::any_of(narrow.changes.begin(), narrow.changes.end(),
                                    [](const RepairChange& c) { return c.kind == RepairChange::Kind::deviate; });
  if (narrow.status == RepairResult::Status::found && !deviates) return narrow;
  // A narrow repair the budget stopped: the wide one is a larger problem
  // of the same kind, and its failure would only hide the reason.
  if (narrow.status == RepairResult::Status::unknown && narrow.reason == smt::kRepairBudgetReason) return narrow;
  RepairResult wide = attempt(checker, m, result, caseFacts);
  if ((narrow.status == RepairResult::Status::unverified || narrow.status == RepairResult::Status::found) &&
      wide.status != RepairResult::Status::found)
    return narrow;
  return wide;
}

}  // namespace samsvar
