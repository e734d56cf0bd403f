#include "engine/smt/case_solver.hpp"

#include <map>
#include <set>
#include <string>

#include "engine/smt/z3/decode.hpp"
#include "engine/smt/z3/lower.hpp"
#include "engine/smt/z3/solver.hpp"
#include "engine/smt/z3/terms.hpp"
#include "engine/smt/z3/watchdog.hpp"

namespace samsvar::smt {

using namespace model;

struct CaseSolver::Impl {
  // The solvers take the resource limit; the wall-clock limit is kept by the
  // thread's CheckWatchdog rather than a Z3 timer per check (z3/watchdog.hpp).
  Impl(const Model& model, const Limits& l) : m(model), limits(l), fast(ctx, model, true), solver(ctx, z3::solver::simple()) {
    applyLimits(solver, withoutTimeout(limits));
  }

  Answer ask(const z3::expr& e, std::optional<z3::model>* model = nullptr) {
    ++checks;
    return smt::ask(solver, e, fast.definitionsFor(e), model, limits.timeoutMs);
  }

  /// The solver of violation cores, made on first use: facts under tracking literals.
  z3::solver& tracked() {
    if (!trackedSolver) {
      trackedSolver = std::make_unique<z3::solver>(ctx, z3::solver::simple());
      applyLimits(*trackedSolver, withoutTimeout(limits));
    }
    return *trackedSolver;
  }

  const Model& m;
  Limits limits;
  z3::context ctx;
  Lowering fast;  // declared facts substituted
  z3::solver solver;
  std::unique_ptr<z3::solver> trackedSolver;
  std::size_t checks = 0;
};

// The terms stay alive as long as the questions (Z3 recycles the ids of
// terms nobody holds, and its choices among equally good models follow ids).
struct BindingQuestions::Impl {
  Impl(CaseSolver::Impl& solver, std::vector<z3::expr> memberships, RuleTerms t)
      : s(solver), conds(std::move(memberships)), terms(std::move(t)), app(terms.app.simplify()),
        req(terms.req.simplify()) {}

  CaseSolver::Impl& s;
  std::vector<z3::expr> conds;
  RuleTerms terms;
  z3::expr app, req;  // simplified
  std::optional<z3::model> example;
};

namespace {
std::optional<bool> constantOf(const z3::expr& e) {
  if (e.is_true()) return true;
  if (e.is_false()) return false;
  return std::nullopt;
}
}  // namespace

BindingQuestions::BindingQuestions(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
BindingQuestions::BindingQuestions(BindingQuestions&&) noexcept = default;
BindingQuestions& BindingQuestions::operator=(BindingQuestions&&) noexcept = default;
BindingQuestions::~BindingQuestions() = default;

std::optional<bool> BindingQuestions::applies() const { return constantOf(impl_->app); }
std::optional<bool> BindingQuestions::holds() const { return constantOf(impl_->req); }

Answer BindingQuestions::canFail() {
  return guarded("check", [&] { return impl_->s.ask(impl_->app && !impl_->req); });
}
Answer BindingQuestions::canApply() {
  return guarded("check", [&] { return impl_->s.ask(impl_->app); });
}
Answer BindingQuestions::canNotApply() {
  return guarded("check", [&] { return impl_->s.ask(!impl_->app); });
}
Answer BindingQuestions::canHold(bool keepExample) {
  return guarded("check", [&] { return impl_->s.ask(impl_->app && impl_->req, keepExample ? &impl_->example : nullptr); });
}

namespace {
z3::expr fixedTerm(Lowering& low, z3::context& ctx, const BindingQuestions::Fixed& fixed) {
  z3::expr all = ctx.bool_val(true);
  for (const auto& [v, value] : fixed) {
    if (v.isMembership()) {
      z3::expr mem = low.memberTerm(v.instance, v.attr, v.element);
      assign(all, all && (value ? mem : !mem));
      continue;
    }
    z3::expr x = low.attrTerm(v.instance, v.attr);
    assign(all, all && (x.is_bool() ? x == ctx.bool_val(value != 0) : x == ctx.int_val(static_cast<int64_t>(value))));
  }
  return all;
}
}  // namespace

Answer BindingQuestions::canFailWith(const Fixed& fixed) {
  return guarded("check", [&] {
    Impl& q = *impl_;
    return q.s.ask(q.app && !q.req && fixedTerm(q.s.fast, q.s.ctx, fixed));
  });
}
Answer BindingQuestions::canHoldWith(const Fixed& fixed) {
  return guarded("check", [&] {
    Impl& q = *impl_;
    std::optional<z3::model> model;
    Answer a = q.s.ask(q.app && q.req && fixedTerm(q.s.fast, q.s.ctx, fixed), &model);
    if (a.isSat() && model) q.example = std::move(model);
    return a;
  });
}
Answer BindingQuestions::canNotApplyExample() {
  return guarded("check", [&] { return impl_->s.ask(!impl_->app, &impl_->example); });
}

std::vector<Variable> BindingQuestions::variables() const {
  return guarded("check", [&] {
    Lowering& low = impl_->s.fast;
    std::set<std::string> names;
    forEachConstant({impl_->app, impl_->req}, [&](const z3::expr& c, std::vector<z3::expr>& more) {
      std::string n = c.decl().name().str();
      if (const z3::expr* date = low.auxSource(n)) more.push_back(*date);
      else names.insert(n);
    });
    std::vector<Variable> out;
    for (const auto& n : names)
      if (const Variable* v = low.varInfo(n)) out.push_back(*v);
    return out;
  });
}

bool BindingQuestions::hasExample() const { return impl_->example.has_value(); }

std::int64_t BindingQuestions::exampleValue(const Variable& v) {
  if (!impl_->example) throw InternalError("exampleValue(): no example kept");
  return guarded("check", [&] { return decodeVariable(*impl_->example, impl_->s.fast, v); });
}

std::vector<std::pair<int, FactValue>> BindingQuestions::examplePhantom(std::int64_t phantom) {
  if (!impl_->example) throw InternalError("examplePhantom(): no example kept");
  return guarded("check", [&] { return decodePhantom(*impl_->example, impl_->s.fast, phantom); });
}

bool BindingQuestions::provesBound(const Variable& xv, const Bound& b) {
  return guarded("check", [&] {
    Impl& q = *impl_;
    z3::expr x = q.s.fast.attrTerm(xv.instance, xv.attr);
    if (!x.is_int()) return false;
    z3::context& ctx = q.s.ctx;
    bool atLeast = b.direction == Direction::at_least;
    z3::expr side = atLeast ? x >= ctx.int_val(b.value) : x <= ctx.int_val(b.value);
    z3::expr other = atLeast ? x < ctx.int_val(b.value) : x > ctx.int_val(b.value);
    return q.s.ask(q.app && side && !q.req).isUnsat() && q.s.ask(q.app && q.req && other).isUnsat();
  });
}

std::optional<Bound> BindingQuestions::boundByOptimize(const Variable& xv) {
  return guarded("check", [&]() -> std::optional<Bound> {
    Impl& q = *impl_;
    z3::context& ctx = q.s.ctx;
    z3::expr x = q.s.fast.attrTerm(xv.instance, xv.attr);
    if (!x.is_int()) return std::nullopt;
    // The least and the greatest value that satisfy the rule, in one
    // Optimize call (box priority: each objective on its own).
    z3::optimize opt(ctx);
    z3::params p = limitParams(ctx, q.s.limits);
    p.set("priority", ctx.str_symbol("box"));
    opt.set(p);
    opt.add(q.app && q.req);
    for (auto& d : q.s.fast.definitionsFor(q.app && q.req)) opt.add(d);
    auto lo = opt.minimize(x);
    auto hi = opt.maximize(x);
    ++q.s.checks;
    if (opt.check() != z3::sat) return std::nullopt;
    for (bool lower : {true, false}) {
      z3::expr best = lower ? opt.lower(lo) : opt.upper(hi);
      int64_t n;
      if (!best.is_numeral_i64(n)) continue;  // unbounded
      z3::expr side = lower ? x >= ctx.int_val(n) : x <= ctx.int_val(n);
      if (q.s.ask(q.app && side && !q.req).isUnsat())
        return Bound{static_cast<std::int64_t>(n), lower ? Direction::at_least : Direction::at_most};
    }
    return std::nullopt;
  });
}

CaseSolver::CaseSolver(const Model& m, const Limits& limits)
    : impl_(guarded("check", [&] { return std::make_unique<Impl>(m, limits); })) {}
CaseSolver::~CaseSolver() = default;

std::size_t CaseSolver::checks() const { return impl_->checks; }

bool CaseSolver::excludes(const TExpr& set, std::int64_t element, Env& env) {
  return guarded("check", [&] { return impl_->fast.member(set, element, env).simplify().is_false(); });
}

BindingQuestions CaseSolver::bind(const RuleInfo& rule, Env& env) {
  return guarded("check", [&] {
    Lowering& fast = impl_->fast;
    std::vector<z3::expr> conds;
    for (std::size_t k = 0; k < rule.bindings.size(); ++k)
      if (rule.bindings[k].set) conds.push_back(fast.member(*rule.bindings[k].set, env[k], env).simplify());
    RuleTerms terms = ruleTerms(fast, rule, env, conds);
    auto q = std::make_unique<BindingQuestions::Impl>(*impl_, std::move(conds), std::move(terms));
    // Value ranges go with each query (definitionsFor), never to the base
    // level where every later query would pay for them.
    fast.takeDomainConstraints();
    return BindingQuestions(std::move(q));
  });
}

std::vector<int> CaseSolver::violationCore(const RuleInfo& rule, Env& env) {
  return guarded("check", [&] {
    Impl& s = *impl_;
    z3::solver& tracked = s.tracked();
    Lowering low(s.ctx, s.m, false);
    std::vector<z3::expr> memberships;
    for (std::size_t k = 0; k < rule.bindings.size(); ++k)
      if (rule.bindings[k].set) memberships.push_back(low.member(*rule.bindings[k].set, env[k], env));
    z3::expr phi = ruleTerms(low, rule, env, memberships).phi();
    std::vector<z3::expr> query = low.definitionsFor(phi);
    query.push_back(phi);
    // The declared facts whose variables occur in the query (a cone of
    // influence: no other fact can be part of the contradiction).
    std::set<int> mentioned;
    forEachConstant(query, [&](const z3::expr& c, std::vector<z3::expr>&) {
      const Variable* v = low.varInfo(c.decl().name().str());
      if (!v || low.isPhantom(v->instance)) return;
      int fact = s.m.instances[v->instance].factOfAttr[v->attr];
      if (fact >= 0) mentioned.insert(fact);
    });
    std::vector<int> relevant(mentioned.begin(), mentioned.end());
    std::vector<z3::expr> factTerms;
    for (int fact : relevant) factTerms.push_back(low.factConstraint(fact));
    // Each fact under an assumption literal, minimised by deletion from every
    // relevant fact in fact order (not from unsat_core(), whose pick among
    // several cores depends on what the solver saw before).
    tracked.push();
    for (auto& d : low.takeDomainConstraints()) tracked.add(d);
    for (auto& q : query) tracked.add(q);
    std::vector<z3::expr> lits;
    std::map<unsigned, int> litFact;
    for (std::size_t i = 0; i < relevant.size(); ++i) {
      lits.push_back(s.ctx.bool_const(("fact#" + std::to_string(relevant[i])).c_str()));
      litFact[lits.back().id()] = relevant[i];
      tracked.add(z3::implies(lits.back(), factTerms[i]));
    }
    std::vector<int> facts;
    z3::expr_vector all(s.ctx);
    for (auto& l : lits) all.push_back(l);
    ++s.checks;
    auto check = [&] { return tracked.check(all); };
    if (checkWithin(s.ctx, s.limits.timeoutMs, check) == z3::unsat)
      for (auto& l : shrinkCore(tracked, lits, &s.checks, s.limits.timeoutMs)) facts.push_back(litFact.at(l.id()));
    tracked.pop();
    return facts;
  });
}

}  // namespace samsvar::smt
