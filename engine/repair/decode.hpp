// Reading a found repair back from the solver: the changed facts, the
// declarations it needs, and the new instances their sets gain.
#pragma once

#include <vector>

#include "engine/check/check.hpp"
#include "engine/repair/repair.hpp"
#include "engine/smt/repair_solver.hpp"

namespace samsvar {

/// Reads a repair `solver` found (for the findings of `result`) into changes.
class RepairDecoder {
 public:
  RepairDecoder(const model::Model& m, const CaseResult& result, smt::RepairSolver& solver)
      : m_(m), result_(result), solver_(solver) {}

  /// Every declared fact the repair changes, in fact order, each followed by
  /// the new instances its set gains.
  void addChangedFacts(std::vector<RepairChange>& out);

  /// Declares undeclared attribute `attr` of `instance` with the repair's
  /// value (an assumption for reference data), unless a change has it.
  void declare(std::vector<RepairChange>& out, int instance, int attr);

 private:
  void addNewInstances(std::vector<RepairChange>& out, const std::vector<std::int64_t>& phantoms,
                       const RepairChange& into);
  /// The must-fix rules whose explanation or gaps involve the attribute (or fact).
  std::vector<int> rulesTouching(int instance, int attr, int fact) const;

  const model::Model& m_;
  const CaseResult& result_;
  smt::RepairSolver& solver_;
};

/// `rules` ordered by rule id (the order reports list them in).
std::vector<int> orderedById(const model::Model& m, std::vector<int> rules);

}  // namespace samsvar
