// The MaxSMT problem of a minimal repair, behind a Z3-free interface:
// engine/repair/ states the problem as data (what must hold, what each change
// costs) and reads the answer back as values; this encodes it for Z3, splits
// it into independent parts, solves each with Z3's Optimize (cost of the
// changes, then displacement of moved values) and decodes the models.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <set>
#include <utility>
#include <vector>

#include "engine/sema/model.hpp"
#include "engine/smt/answer.hpp"
#include "engine/smt/limits.hpp"

namespace samsvar::smt {

/// A rule and the elements of its binding slots.
using RuleBinding = std::pair<int, std::vector<std::int64_t>>;

/// What a minimal repair must achieve and what it costs, as data.
struct RepairProblem {
  /// How each rule takes part.
  enum class Role { ignored, must_hold, should_hold };
  std::vector<Role> roles;  // indexed by rule
  /// Bindings left out (a waiver covers them), and rules whose every binding
  /// is left out (a waiver naming no instance, also for new members).
  std::set<RuleBinding> waived;
  std::set<int> waivedRules;
  /// Violated or open bindings: they must hold after the repair, where they
  /// apply or because a choice (or an undeclared world fact, which the user
  /// then confirms) makes them not apply; `open` are those that are gaps.
  std::set<RuleBinding> broken;
  /// For each open (gap) binding among them: what it costs that it still
  /// applies (the declarations its requirement needs) and that it does not
  /// (the choice or the confirmed world fact that takes it out of force).
  struct OpenCost {
    unsigned applies = 0;
    unsigned notApplies = 0;
  };
  std::map<RuleBinding, OpenCost> open;
  /// Violated bindings of must_hold rules that the rulebase lets a case
  /// deviate from (skal): the repair may leave one violated at
  /// `costs.deviate` and propose a deviation record instead of changes.
  std::set<RuleBinding> deviable;
  /// Declared facts the repair may change (indexed by fact); the others stay.
  std::vector<bool> freeFacts;
  /// Solve the independent parts of the problem separately (the same
  /// minimum, far faster); off: one problem (tests compare the two).
  bool byParts = true;

  /// Soft-constraint weights: what each kind of change costs (engine/repair
  /// sets them; they are its policy).
  struct Costs {
    unsigned changeValue = 0;     // changing a declared scalar value
    unsigned changeRef = 0;       // re-pointing a declared reference
    unsigned removeMember = 0;    // removing a declared member of a set
    unsigned addMember = 0;       // adding a member to a complete set
    unsigned addNewInstance = 0;  // adding a new instance to a complete set
    unsigned breakShould = 0;     // leaving a binding of a should_hold rule unsatisfied
    unsigned stopApplying = 0;    // a violated binding that no longer applies (instead of holding)
    unsigned breakOrder = 0;      // two declared dates of an instance end up in the opposite order
    unsigned deviate = 0;         // leaving a deviable binding violated (a deviation the user gives the reason for)
  } costs;

  /// A value an undeclared (or freely changed) number or date should stay
  /// close to, the second objective after the cost. Only the first anchor
  /// of an attribute counts; with `ifEncoded`, only when the encoding
  /// mentions the attribute anyway.
  struct Anchor {
    int instance = -1;
    int attr = -1;
    std::int64_t value = 0;
    bool ifEncoded = false;
  };
  std::vector<Anchor> anchors;
  /// Hard lower bounds of undeclared dates (`value`: the earliest allowed),
  /// with `ifEncoded` only when the encoding mentions the attribute anyway.
  std::vector<Anchor> floors;
  /// Declared dates of one instance in their declared order (`first` on or
  /// before `second`): a repair that moves one keeps the order unless it
  /// pays `costs.breakOrder` (a hearing that closes before it opens).
  struct Order {
    int instance = -1;
    int first = -1, second = -1;  // attributes
  };
  std::vector<Order> orders;
};

/// One attempt at a minimal repair, in its own Z3 context (which of several
/// equally small repairs Z3 finds depends on every term its context has
/// seen, and a report must not depend on the cases checked before it).
class RepairSolver {
 public:
  /// `limits` bound the whole MaxSMT solve (every solver call of every part
  /// together: the repair budget); `questionLimits` each question after it.
  RepairSolver(const model::Model& m, const Limits& limits, const Limits& questionLimits);
  ~RepairSolver();
  RepairSolver(const RepairSolver&) = delete;
  RepairSolver& operator=(const RepairSolver&) = delete;

  /// Encodes and solves `problem`: sat when a repair exists (read it back
  /// with changedFacts and value), unsat when none does (conflictingRules).
  Answer solve(const RepairProblem& problem);

  /// After unsat: a minimal set of must_hold rules that conflict
  /// (minimiseByDeletion), ascending.
  std::vector<int> conflictingRules();

  /// After sat: the declared facts the repair changes, ascending.
  std::vector<int> changedFacts();
  /// After sat: the value of attribute `attr` of `instance` in the repair.
  /// For a set: its declared members, `open` copied, and the phantoms it
  /// contains (new instances of engine/smt/bindings.hpp) in `phantoms`.
  model::FactValue value(int instance, int attr, bool open, std::vector<std::int64_t>* phantoms);
  /// After sat: the attribute values of a phantom the repair adds (sets
  /// excepted), in attribute order; each independent part has its own
  /// phantom, and this is the one of the set that value() read last.
  std::vector<std::pair<int, model::FactValue>> phantomValues(std::int64_t phantom);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace samsvar::smt
