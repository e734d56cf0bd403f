// The solver questions of checking one case, behind a Z3-free interface:
// engine/check/ decides which questions to ask and what the answers mean;
// this lowers a binding (engine/smt/z3/lower.hpp) and asks Z3.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

#include "engine/sema/model.hpp"
#include "engine/smt/answer.hpp"
#include "engine/smt/bindings.hpp"
#include "engine/smt/limits.hpp"
#include "engine/smt/variable.hpp"

namespace samsvar::smt {

/// The side of a bound: every value at least, or at most, the bound.
enum class Direction { at_least, at_most };

/// A value with the side on which a binding holds.
struct Bound {
  std::int64_t value = 0;
  Direction direction = Direction::at_least;
};

/// The questions about one binding of a rule, lowered with the case's
/// declared facts as constants: does it apply (`app`: the memberships of its
/// `x in set` slots and its `when`) and does its requirement hold (`req`)?
/// Made by CaseSolver::bind; used while that solver lives, one at a time.
class BindingQuestions {
 public:
  BindingQuestions(BindingQuestions&&) noexcept;
  BindingQuestions& operator=(BindingQuestions&&) noexcept;
  ~BindingQuestions();

  /// `app` and `req` when the declared facts alone decide them (after
  /// simplification); nullopt when they depend on undeclared facts.
  std::optional<bool> applies() const;
  std::optional<bool> holds() const;

  Answer canFail();       ///< app ∧ ¬req
  Answer canApply();      ///< app
  Answer canNotApply();   ///< ¬app
  /// app ∧ req. With `keepExample`, a sat answer keeps its model (example*).
  Answer canHold(bool keepExample);

  /// Values of some variables (a membership: 1 or 0).
  using Fixed = std::vector<std::pair<Variable, std::int64_t>>;
  /// app ∧ ¬req with `fixed`: unsat means these values alone settle the
  /// binding (it holds or does not apply, whatever the rest).
  Answer canFailWith(const Fixed& fixed);
  /// app ∧ req with `fixed`; a sat answer keeps its model as the example
  /// (example* read it).
  Answer canHoldWith(const Fixed& fixed);
  /// ¬app; a sat answer keeps its model as the example: values with which
  /// the binding does not apply (for a gap that cannot hold where it applies).
  Answer canNotApplyExample();

  /// The variables `app` and `req` depend on (the month shift of an unknown
  /// date counts as that date), ordered by the solver's names for them.
  std::vector<Variable> variables() const;

  /// The example kept by canHold: a case where the binding applies and holds.
  bool hasExample() const;
  /// A variable's value in the example: the attribute's value, or 1/0 for a membership.
  std::int64_t exampleValue(const Variable& v);
  /// The attribute values of a phantom in the example (sets excepted), in
  /// attribute order: what a further instance needs.
  std::vector<std::pair<int, model::FactValue>> examplePhantom(std::int64_t phantom);

  /// Whether Z3 proves `bound` a bound of the scalar variable `x`: wherever
  /// the binding applies, it holds for every value of `x` on the bound's
  /// side, and for none on the other. An unknown answer proves nothing.
  bool provesBound(const Variable& x, const Bound& bound);
  /// The least, else the greatest, value of `x` for which the binding
  /// applies and holds (Optimize), when Z3 proves every value beyond it on
  /// that side holds too.
  std::optional<Bound> boundByOptimize(const Variable& x);

 private:
  friend class CaseSolver;
  struct Impl;
  explicit BindingQuestions(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

/// The solver of one case: a fresh Z3 context (Z3's choices among equally
/// good models and cores depend on every term a context has seen, so a case
/// gets the same report in a batch, on any thread, and alone), the case's
/// lowering with declared facts substituted, and every question's limits.
class CaseSolver {
 public:
  CaseSolver(const model::Model& m, const Limits& limits);
  ~CaseSolver();
  CaseSolver(const CaseSolver&) = delete;
  CaseSolver& operator=(const CaseSolver&) = delete;

  /// `element` is certainly not in `set` (the lowered membership simplifies
  /// to false whatever the undeclared facts).
  bool excludes(const model::TExpr& set, std::int64_t element, Env& env);

  /// Lowers binding `env` of `rule`.
  BindingQuestions bind(const model::RuleInfo& rule, Env& env);

  /// The declared facts that force binding `env` of `rule` to fail where it
  /// applies: with them fixed and every other fact free, it cannot hold. A
  /// minimal such set (minimiseByDeletion from every fact the binding
  /// mentions, in fact order); empty when Z3 cannot show it within limits.
  std::vector<int> violationCore(const model::RuleInfo& rule, Env& env);

  /// Solver calls so far.
  std::size_t checks() const;

 private:
  friend class BindingQuestions;
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace samsvar::smt
