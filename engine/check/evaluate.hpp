// Exact evaluation of rule terms on declared facts, before Z3 is asked.
//
// A value is returned only when every input it depends on is declared (or
// the undeclared inputs cannot change it: `false and …`, `true or …`). Then
// it is exactly the value Z3 computes for the lowered term with the case's
// facts substituted, and the verdict needs no solver call. Anything else is
// "open" and goes to Z3, so gaps stay exact (a Kleene-style pass alone would
// report gaps that are not there). tests/engine/check/evaluate_test.cpp compares
// this pass with Z3 on every binding of the bundled examples and of
// generated workloads.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "engine/sema/model.hpp"

namespace samsvar {

/// One attribute of one instance, as a single number (see Evaluator::traceAttrs).
inline std::int64_t factKey(std::int64_t instance, int attr) { return (instance << 20) | attr; }

class Evaluator {
 public:
  using Env = std::vector<std::int64_t>;
  /// An open value: depends on an undeclared fact.
  using Value = std::optional<std::int64_t>;

  explicit Evaluator(const model::Model& m);

  /// Scalar value of `e` (bools as 0/1, the encoding of model::FactValue).
  Value eval(const model::TExpr& e, Env& env);
  /// Membership of `element` in the set `set` (0/1).
  Value member(const model::TExpr& set, std::int64_t element, Env& env);

  /// Records the declared facts read from now on (null: stop). A value the
  /// pass returns depends on these facts only, which scopes the unsat core
  /// of a violation to them.
  void recordReads(std::vector<int>* reads) { reads_ = reads; }
  /// Records every attribute read from now on, declared or not, as
  /// factKey(instance, attr) (null: stop): a value the pass returns, and any
  /// explanation drawn from it, is the same while none of these changes.
  void traceAttrs(std::vector<std::int64_t>* trace) { trace_ = trace; }
  /// Treats the facts marked in `hidden` (indexed by fact) as undeclared
  /// (null: none). A value that still comes out is the same for every value
  /// the hidden facts could have.
  void hideFacts(const std::vector<char>* hidden) { hidden_ = hidden; }
  /// The members of the set `set` in universe order (the order member() is
  /// asked in by exists, forall, count and the enumeration of `x in set`
  /// bindings) when exact evaluation knows them all: a declared closed set
  /// of a known instance, not hidden. The read is recorded. null: not known
  /// exactly (ask member() element by element). The list stays valid for the
  /// evaluator's life. (Iterating the members, not the whole universe,
  /// keeps a case with one set of N members linear rather than quadratic.)
  const std::vector<std::int64_t>* exactMembers(const model::TExpr& set, Env& env);
  /// One flag per fact, all set, for hideFacts: reused by every caller, who
  /// sets every flag it cleared again afterwards (a fresh one per violation
  /// would cost a pass over every fact each time).
  std::vector<char>& allHidden() {
    if (allHidden_.size() != m_.facts.size()) allHidden_.assign(m_.facts.size(), 1);
    return allHidden_;
  }
  /// Reads `value` for the undeclared scalar attribute `attr` of `instance`
  /// (a what-if; instance -1 ends it).
  void assume(int instance, int attr, std::int64_t value) {
    assumedInstance_ = instance;
    assumedAttr_ = attr;
    assumedValue_ = value;
  }

 private:
  Value attr(std::int64_t instance, int attr);
  Value memberOf(std::int64_t instance, int attr, std::int64_t element);
  const std::vector<std::int64_t>& universe(const model::Ty& elem);
  /// The members of set fact `fact`, ascending (lookup), and those of them
  /// in the universe of the element type, in universe order (iteration):
  /// built on first use.
  const std::vector<std::int64_t>& sortedMembers(int fact);
  const std::vector<std::int64_t>& universeMembers(int fact);

  const model::Model& m_;
  std::vector<int>* reads_ = nullptr;
  std::vector<std::int64_t>* trace_ = nullptr;
  const std::vector<char>* hidden_ = nullptr;
  int assumedInstance_ = -1, assumedAttr_ = -1;
  std::int64_t assumedValue_ = 0;
  std::int64_t instanceCount_;
  std::vector<std::vector<std::int64_t>> typeUniverse_;  // declared instances + phantom
  std::vector<std::vector<std::int64_t>> enumUniverse_;
  std::vector<char> inTypeUniverse_;  // by instance: declared, in use, not a phantom
  std::vector<std::vector<std::int64_t>> sorted_, inUniverse_;  // by fact (sortedMembers, universeMembers)
  std::vector<char> sortedBuilt_, inUniverseBuilt_;
  std::vector<char> allHidden_;
};

/// Applicability (memberships of `x in set` bindings, and `when`) and
/// requirement of one binding of a rule by exact evaluation; either may be
/// open. The requirement is evaluated only where the binding may apply.
struct BindingValue {
  Evaluator::Value applies, holds;
};
BindingValue evaluateBinding(Evaluator& eval, const model::RuleInfo& rule, Evaluator::Env& env);

}  // namespace samsvar
