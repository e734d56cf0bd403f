// Verifying a repair by checking the repaired case, and describing the moved
// values it allows on either side.
#pragma once

#include <functional>
#include <optional>

#include "engine/check/check.hpp"
#include "engine/repair/repair.hpp"

namespace samsvar {

/// A repaired case and what its check decided and read: a re-check of the
/// same case with some facts changed (a declaration dropped, a moved value
/// left open) decides again only what those facts can change (CheckReuse),
/// with the verdicts of a whole check.
struct CheckedRepair {
  model::Model model;
  CheckTrace trace;
  /// The reuse for a check of `other` (the same case, the same repair's new
  /// instances and deviation records, other facts), or none.
  std::optional<CheckReuse> reuseFor(const model::Model& other) const;
};

/// Checks the repaired case; while a må/skal rule is still open there,
/// declares what its gaps need (`declare(instance, attr)`) and checks again,
/// a few rounds at most. A violated skal binding the solver chose to leave
/// violated (weighed against its deviation, RepairProblem::deviable) gets a
/// deviation record (RepairChange::Kind::deviate) instead. When a må/skal rule stays violated, open or
/// undecided, `repair` becomes unverified with those rules: never dropped.
/// With `verified`, the check that verified it (before unneeded
/// declarations were dropped) is kept there.
void verifyRepair(const Checker& checker, const model::Model& m, const CaseResult& result, RepairResult& repair,
                  const std::function<void(int instance, int attr)>& declare, CheckedRepair* verified = nullptr);

/// A moved, declared or confirmed number or date: says which side of the new value
/// also satisfies ("2024-04-12 or later"), when every må/skal rule that
/// depends on it, checked with it left open in the repaired case, has a
/// bound on the same side and the tightest one is the new value.
/// With `together`, one check with every moved value open decides the
/// bounds of the values that are the only gap of each of their findings;
/// the rest (and, without it, every value) get a check of their own.
/// With `verified` (from verifyRepair, with the same checker), each check
/// re-decides only what the opened values can change.
void describeBounds(const Checker& checker, const model::Model& m, RepairResult& repair, bool together = true,
                    const CheckedRepair* verified = nullptr);

}  // namespace samsvar
