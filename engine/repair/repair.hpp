// Minimal repairs: the smallest set of changes to a case's declared facts,
// and additions of undeclared ones, that makes every må and skal rule hold
// (MaxSMT with Z3's Optimize, engine/smt/repair_solver.hpp), verified by
// checking the repaired case. Changes carry ids and values; engine/report/
// words them.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "core/diagnostic.hpp"
#include "engine/check/check.hpp"
#include "engine/sema/model.hpp"

namespace samsvar {

struct RepairChange {
  /// `assume`: an undeclared attribute of reference data (a rule module) that
  /// the case cannot declare; the repair holds if the reference data has this
  /// value, so the user knows what to look up (Referansekatalogen).
  /// `confirm`: an undeclared world fact (`fact` in its type) of the case that
  /// the repair needs: never invented, the user confirms it (and declares
  /// it) or, if the world is otherwise, declares the true value and checks
  /// again. A repair never changes a declared world fact.
  /// `deviate`: a deviation record (`deviation RULE for INSTANCE because
  /// "…"`) for a violated skal rule whose repair would take more than the
  /// deviation costs; the reason is the user's to write, never invented.
  enum class Kind { change, add, add_instance, assume, confirm, deviate };
  Kind kind = Kind::change;
  int instance = -1;       // add_instance: -1 (a new instance of `type`)
  int type = -1;
  int attr = -1;           // add_instance: -1
  /// The new value. For a set: its declared members; the new instances it
  /// gains are the add_instance changes into it.
  model::FactValue value;
  /// With a side, every value on that side of `value.scalar` works too.
  BoundSide bound = BoundSide::none;
  std::vector<std::pair<int, model::FactValue>> attrs;  // add_instance: attribute values
  int intoInstance = -1, intoAttr = -1;  // add_instance: the set it joins
  int rule = -1;           // deviate: the rule deviated from (`instance`: its `for`, or -1)
  std::vector<int> fixes;  // rules this change helps (ordered by id)
  Span span;               // the fact (change) or the instance (add, assume)
};

struct RepairResult {
  /// `unverified`: a repair was found, but the repaired case still has a må
  /// or skal rule violated, open or undecided (`unresolved`): declaring what
  /// its gaps need did not settle it. `undecided`: no må/skal rule is decided
  /// violated or open, but some are unknown (`unresolved`): "nothing to
  /// repair" cannot be claimed.
  enum class Status { not_needed, found, unverified, impossible, unknown, undecided };
  Status status = Status::not_needed;
  std::vector<RepairChange> changes;
  std::vector<int> conflicting;  // impossible: rules that conflict (ascending)
  std::vector<int> unresolved;   // unverified: the rules still not satisfied; undecided: the unknown ones (by id)
  std::string reason;            // unknown: why the solver gave up
};

/// Computes a minimal repair for a checked case.
RepairResult computeRepair(const Checker& checker, const model::Model& m, const CaseResult& result);

/// Applies a repair to a copy of the model (for verification and `--apply`).
model::Model applyRepair(const model::Model& m, const RepairResult& repair);

}  // namespace samsvar
