// The solver questions of rulebase analysis and `explain`, behind a Z3-free
// interface: engine/lint/ builds the generic world and decides what the
// answers mean; this lowers its rules and asks Z3.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "engine/sema/model.hpp"
#include "engine/smt/answer.hpp"
#include "engine/smt/limits.hpp"
#include "engine/smt/variable.hpp"

namespace samsvar::smt {

/// A variable's value in a generated example: the attribute's value, or 1/0
/// for a membership.
struct WitnessValue {
  Variable var;
  std::int64_t value = 0;
};

/// Questions about the rules of a generic world: a rulebase plus one
/// generic instance of every type with every attribute unknown. A rule's
/// bindings range over the generic instances (and every enum value). Owns
/// its Z3 context: its answers and examples depend on nothing asked before.
class RulebaseSolver {
 public:
  /// `generic[type]`: the generic instance of each type in `world`.
  RulebaseSolver(const model::Model& world, std::vector<int> generic, const Limits& limits);
  ~RulebaseSolver();
  RulebaseSolver(const RulebaseSolver&) = delete;
  RulebaseSolver& operator=(const RulebaseSolver&) = delete;

  Answer mayApply(int rule);                  ///< some binding applies
  Answer mayApplyAndHold(int rule);           ///< some binding applies and every binding holds
  Answer mayBothApply(int a, int b);          ///< a binding of each applies
  /// Both apply, and both hold. With `keepModel`, a sat answer's model stays
  /// for applyAndHoldInModel.
  Answer mayBothApplyAndHold(int a, int b, bool keepModel = false);
  /// Of `rules`, those that apply and hold, with the definitions and value
  /// ranges they need, in the model of the last sat answer (Z3 evaluates
  /// them; a variable the model leaves free takes one value for all). That
  /// model answers mayBothApplyAndHold of any two of them: sat. Empty when
  /// the last answer kept no model.
  std::vector<int> applyAndHoldInModel(const std::vector<int>& rules);
  /// The values the last sat answer gives to the variables of the last
  /// question (ordered by the solver's names for them). Empty before a sat answer.
  std::vector<WitnessValue> witness();

  /// The variables a rule's requirement (over every binding) depends on,
  /// the calendar definitions of month shifts included.
  std::vector<Variable> variables(int rule);

  /// Each rule of `rules` that the others imply, with a minimal set of them
  /// (minimiseByDeletion, ascending), asked in one solver under `limits`.
  /// A question the solver cannot settle within them is left out.
  /// With `targets`, only those rules are asked about (the others may imply them).
  std::vector<std::pair<int, std::vector<int>>> implied(const std::vector<int>& rules, const Limits& limits,
                                                        const std::set<int>* targets = nullptr);

  /// Generated examples of the first binding of `rule` that has one: where
  /// it applies and holds, and where it applies and fails (nullopt: none).
  struct Examples {
    std::optional<std::vector<WitnessValue>> satisfying, violating;
    /// Why an example is missing when the solver gave up (its reason), not
    /// because none exists. Empty: found, or proven not to exist.
    std::string satisfyingUndecided, violatingUndecided;
  };
  Examples examples(int rule);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace samsvar::smt
