// Lowering of the checked model to Z3 terms. PRIVATE to engine/smt/ (it
// includes Z3; tests/layering.sh keeps every other folder out of smt/z3/).
#pragma once

#include <z3++.h>

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "engine/sema/model.hpp"
#include "engine/smt/bindings.hpp"
#include "engine/smt/limits.hpp"
#include "engine/smt/variable.hpp"

namespace samsvar::smt {

/// Lowers expressions of one case model. Declared facts are either
/// substituted as constants (fast checking) or kept as variables whose values
/// are asserted under tracking literals (unsat cores).
class Lowering {
 public:
  /// With `substituteFacts`, every declared fact is a constant. Without it,
  /// facts are variables, except, with `fixModuleFacts`, the facts of rule
  /// modules (reference data a case cannot change), which stay constants.
  Lowering(z3::context& ctx, const model::Model& m, bool substituteFacts, bool fixModuleFacts = false);
  /// Keeps these declared facts as variables although facts are otherwise
  /// substituted (repair: the facts it may change). Indexed by fact.
  void setFreeFacts(std::vector<bool> free) {
    free_ = std::move(free);
    knownMembers_.clear();
  }
  /// References held by declared instances point only at declared instances
  /// (repair: "set step to an undeclared plan step" repairs nothing).
  void setDeclaredRefsOnly(bool on) { declaredRefsOnly_ = on; }
  /// The declared value of fact `fact` is substituted as a constant.
  bool substitutesFact(int fact) const;

  z3::expr lower(const model::TExpr& e, Env& env);
  /// Every reference `e` reads an attribute through names an instance (none
  /// is declared `none`); quantifier bodies are guarded per member by lower().
  z3::expr defined(const model::TExpr& e, Env& env);
  /// Membership of `element` in the set denoted by `set`.
  z3::expr member(const model::TExpr& set, std::int64_t element, Env& env);

  /// Universe of an element type: enum values, or declared instances plus
  /// one phantom (an undeclared further instance) for types.
  /// (Listed once per element type and filter: a pass over every instance
  /// per quantifier made lowering N bindings quadratic.)
  const std::vector<std::int64_t>& universe(const model::Ty& elem) const {
    auto key = std::make_pair(static_cast<int>(elem.kind), elem.decl);
    if (auto it = universes_.find(key); it != universes_.end()) return it->second;
    auto all = elementsWithPhantom(m_, elem);
    if (universeFilter_ && elem.kind == model::Kind::Ref) {
      std::vector<std::int64_t> out;
      for (auto u : all)
        if (isPhantom(u) || universeFilter_(u)) out.push_back(u);
      all = std::move(out);
    }
    return universes_.emplace(key, std::move(all)).first->second;
  }
  /// Restricts the declared instances of universe() to those `keep` accepts
  /// (repair: one independent part of a case at a time; phantoms always
  /// stay); null: every instance. Forgets lowered terms (they depend on the
  /// universe) and starts the expansion count afresh.
  void setUniverseFilter(std::function<bool(std::int64_t)> keep) {
    universeFilter_ = std::move(keep);
    universes_.clear();
    knownMembers_.clear();
    memo_.clear();
    expansions_ = 0;
  }

  /// Domain constraints of variables created since the last call (value
  /// ranges of enum, reference and date attributes; cheap, asserted once).
  std::vector<z3::expr> takeDomainConstraints();
  /// What a query about `e` needs besides `e`: the definitions of the
  /// auxiliary calendar variables it depends on (transitively) and the value
  /// ranges of the variables it mentions. They are asserted only with the
  /// query that needs them: asserted once for good, every later check of the
  /// case would pay for every symbolic month deadline and every variable of
  /// every rule (a case with 300 open rules spent most of its time there).
  std::vector<z3::expr> definitionsFor(const z3::expr& e) const;
  /// Every auxiliary definition created so far (for one-shot queries).
  std::vector<z3::expr> allDefinitions() const;
  /// The constraint of one declared fact (tracked mode).
  z3::expr factConstraint(int fact);

  /// What the variable named `name` stands for (null: not a variable of an
  /// attribute or membership, e.g. an auxiliary calendar variable).
  const Variable* varInfo(const std::string& name) const;
  /// A variable exists for attribute `attr` of `instance` (lowering mentioned it).
  bool hasAttrVar(std::int64_t instance, int attr) const { return attrVars_.count({instance, attr}) > 0; }
  /// For an auxiliary variable of calendar arithmetic: the date it decomposes.
  const z3::expr* auxSource(const std::string& name) const;
  bool isPhantom(std::int64_t instance) const { return instance >= instanceCount_; }
  int phantomType(std::int64_t instance) const { return static_cast<int>(instance - instanceCount_); }
  /// Display name of an element of an element type.
  std::string elementName(const model::Ty& elem, std::int64_t v) const;

  z3::context& context() { return ctx_; }
  const model::Model& modelOf() const { return m_; }
  /// The phantom of `type` is a member of some set of a declared instance.
  z3::expr phantomExists(int type);
  z3::expr attrTerm(std::int64_t instance, int attr);
  z3::expr memberTerm(std::int64_t instance, int attr, std::int64_t element);

 private:
  /// One more element of a quantifier or count: throws LimitExceeded past kMaxExpansions.
  void expand() {
    if (++expansions_ > kMaxExpansions) throw LimitExceeded();
  }
  std::size_t expansions_ = 0;
  std::function<bool(std::int64_t)> universeFilter_;
  z3::expr attrVar(std::int64_t instance, int attr);
  z3::expr memberVar(std::int64_t instance, int attr, std::int64_t element);
  std::optional<std::int64_t> concreteRef(const model::TExpr& e, Env& env);
  z3::expr addMonths(const z3::expr& date, std::int64_t months);
  z3::expr daysFromMarchYear(const z3::expr& y, const z3::expr& mp, const z3::expr& d);
  z3::expr daysInMarchMonth(const z3::expr& y, const z3::expr& mp);

  z3::context& ctx_;
  const model::Model& m_;
  bool substitute_;
  bool fixModules_;
  std::vector<bool> free_;
  bool declaredRefsOnly_ = false;
  std::int64_t instanceCount_;
  std::map<std::pair<std::int64_t, int>, z3::expr> attrVars_;
  std::map<std::tuple<std::int64_t, int, std::int64_t>, z3::expr> memberVars_;
  std::map<std::pair<const model::TExpr*, Env>, z3::expr> memo_;
  mutable std::map<std::pair<int, int>, std::vector<std::int64_t>> universes_;  // universe() by (kind, decl)
  /// The members of a substituted closed set (by fact), in universe order:
  /// what exists, forall and count range over instead of the universe.
  const std::vector<std::int64_t>* knownMembers(const model::TExpr& set, Env& env);
  std::unordered_map<int, std::vector<std::int64_t>> knownMembers_;
  const std::vector<std::int64_t>& sortedMembers(int fact);  // ascending, for lookups in large sets
  std::unordered_map<int, std::vector<std::int64_t>> sortedMembers_;
  std::unordered_map<std::string, Variable> varInfo_;
  std::unordered_map<std::string, z3::expr> auxSource_;
  std::unordered_map<std::string, int> auxDefOf_;  // aux variable name -> index into auxDefs_
  std::vector<z3::expr> auxDefs_;
  /// addMonths of a symbolic date: (date id, months) -> (the date, the shifted date).
  std::map<std::pair<unsigned, std::int64_t>, std::pair<z3::expr, z3::expr>> monthShifts_;
  std::vector<z3::expr> pendingDomain_;
  std::unordered_map<unsigned, z3::expr> domainOf_;  // variable id -> its value range
  int fresh_ = 0;
  std::optional<bool> hasNone_;  // some reference of the model is declared `none`
};

/// The binding enumerator (engine/smt/bindings.hpp) with memberships
/// lowered: calls `each(env, memberships)` for every binding whose slots
/// range over `candidates`; `memberships` are the conditions of its `x in
/// set` slots and, for a phantom, that it is a member of some set of a
/// declared instance (simplified, in slot order). A phantom whose membership
/// is certainly false is skipped; with `prune`, so is any such element.
void forEachLoweredBinding(Lowering& low, const model::RuleInfo& rule,
                           const std::function<std::vector<std::int64_t>(const model::Binding&)>& candidates,
                           bool prune, const std::function<void(Env&, const std::vector<z3::expr>&)>& each);

/// Applicability (memberships and `when`) and requirement of a rule binding.
struct RuleTerms {
  z3::expr app;
  z3::expr req;
  z3::expr phi() const { return z3::implies(app, req); }
};
RuleTerms ruleTerms(Lowering& low, const model::RuleInfo& rule, Env& env,
                    const std::vector<z3::expr>& memberships);

}  // namespace samsvar::smt
