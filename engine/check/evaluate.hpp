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

  const model::Model& m_;
  std::vector<int>* reads_ = nullptr;
  std::vector<std::int64_t>* trace_ = nullptr;
  const std::vector<char>* hidden_ = nullptr;
  int assumedInstance_ = -1, assumedAttr_ = -1;
  std::int64_t assumedValue_ = 0;
  std::int64_t instanceCount_;
  std::vector<std::vector<std::int64_t>> typeUniverse_;  // declared instances + phantom
  std::vector<std::vector<std::int64_t>> enumUniverse_;
};

/// Applicability (memberships of `x in set` bindings, and `when`) and
/// requirement of one binding of a rule by exact evaluation; either may be
/// open. The requirement is evaluated only where the binding may apply.
struct BindingValue {
  Evaluator::Value applies, holds;
};
BindingValue evaluateBinding(Evaluator& eval, const model::RuleInfo& rule, Evaluator::Env& env);

}  // namespace samsvar
