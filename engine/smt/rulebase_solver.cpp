#include "engine/smt/rulebase_solver.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <unordered_map>

#include "core/calendar.hpp"
#include "engine/smt/bindings.hpp"
#include "engine/smt/z3/decode.hpp"
#include "engine/smt/z3/lower.hpp"
#include "engine/smt/z3/solver.hpp"
#include "engine/smt/z3/terms.hpp"

namespace samsvar::smt {

using namespace model;

struct RulebaseSolver::Impl {
  Impl(const Model& w, std::vector<int> g, const Limits& l)
      : world(w), generic(std::move(g)), low(ctx, world, true), solver(ctx, z3::solver::simple()) {
    applyLimits(solver, l);
  }

  /// Enum values, or the generic instance of a type.
  std::vector<std::int64_t> candidates(const Binding& b) const {
    if (b.ty.kind == Kind::Ref) return {generic[b.ty.decl]};
    return declaredElements(world, b.ty);
  }

  void forEachGenericBinding(const RuleInfo& rule, const std::function<void(Env&, const std::vector<z3::expr>&)>& each) {
    forEachLoweredBinding(low, rule, [&](const Binding& b) { return candidates(b); }, /*prune=*/true, each);
  }

  struct Terms {
    z3::expr app;  // some binding applies
    z3::expr phi;  // every binding holds
    std::optional<z3::expr> ok;  // app and phi with what they need (okTerm)
    std::vector<unsigned> okConstants;  // the declarations of ok's constants
    /// Whether ok is true under the values of okConstants (their value ids,
    /// 0 for a constant a model leaves free): models share most values, so
    /// most rules are looked up here rather than evaluated again.
    std::map<std::vector<unsigned>, bool> okUnder;
  };

  Terms& terms(int r) {
    if (auto it = cache.find(r); it != cache.end()) return it->second;
    z3::expr_vector apps(ctx), phis(ctx);
    forEachGenericBinding(world.rules[r], [&](Env& env, const std::vector<z3::expr>& conds) {
      RuleTerms t = ruleTerms(low, world.rules[r], env, conds);
      apps.push_back(t.app);
      phis.push_back(t.phi());
    });
    Terms t{apps.empty() ? ctx.bool_val(false) : z3::mk_or(apps), phis.empty() ? ctx.bool_val(true) : z3::mk_and(phis),
            std::nullopt, {}, {}};
    addDomainConstraints();
    return cache.emplace(r, t).first->second;
  }

  /// Asserts the value ranges of the variables lowered since the last call,
  /// for good: every question of the main solver has them.
  void addDomainConstraints() {
    for (auto& d : low.takeDomainConstraints()) {
      solver.add(d);
      base.push_back(d);
    }
  }

  /// Every assertion of the main solver outside a question, as one term.
  const z3::expr& baseTerm() {
    if (!baseAll || baseAllSize != base.size()) {
      baseAll = base.empty() ? ctx.bool_val(true) : z3::mk_and(base);
      baseAllSize = base.size();
    }
    return *baseAll;
  }

  /// The rule applies and holds, with the definitions and value ranges that
  /// question needs: what a model must make true to answer it.
  const z3::expr& okTerm(int r) {
    Terms& t = terms(r);
    if (!t.ok) {
      z3::expr e = t.app && t.phi;
      z3::expr_vector all(ctx);
      all.push_back(e);
      for (auto& d : low.definitionsFor(e)) all.push_back(d);
      t.ok = z3::mk_and(all);
      std::set<unsigned> decls;
      forEachConstant({*t.ok}, [&](const z3::expr& c, std::vector<z3::expr>&) { decls.insert(c.decl().id()); });
      t.okConstants.assign(decls.begin(), decls.end());
    }
    return *t.ok;
  }

  /// Asks `e` in the main solver. Only a question whose model may become a
  /// witness keeps it: taking a model is a fifth of a lint otherwise.
  Answer ask(const z3::expr& e, bool keepModel = true) {
    last.emplace(e);
    lastModel.reset();
    std::optional<z3::model> model;
    Answer a = smt::ask(solver, e, low.definitionsFor(e), keepModel ? &model : nullptr);
    if (model) lastModel.emplace(std::move(*model));
    return a;
  }


  /// The names of the constants of `roots`: attribute variables, and the
  /// auxiliary variables of month shifts.
  std::set<std::string> constants(std::vector<z3::expr> roots) {
    std::set<std::string> names;
    forEachConstant(std::move(roots), [&](const z3::expr& c, std::vector<z3::expr>&) { names.insert(c.decl().name().str()); });
    return names;
  }

  /// Every date `e` depends on within two years of the latest date the
  /// rulebase's reference data declares: an example tried first, so that
  /// `explain` shows plausible dates (never 1969 or 1970).
  z3::expr plausibleDates(const z3::expr& e) {
    std::int64_t latest = *calendar::dayNumber(2025, 1, 1);
    bool any = false;
    for (const auto& f : world.facts) {
      const Ty& ty = world.types[world.instances[f.instance].type].attrs[f.attr].ty;
      if (ty.kind == Kind::Date && !ty.set && (!any || f.value.scalar > latest)) latest = f.value.scalar, any = true;
    }
    z3::expr all = ctx.bool_val(true);
    for (const auto& n : constants({e})) {
      const Variable* v = low.varInfo(n);
      if (!v || v->isMembership()) continue;
      const Ty& ty = world.types[typeOfInstance(world, v->instance)].attrs[v->attr].ty;
      if (ty.kind != Kind::Date || ty.set) continue;
      z3::expr x = low.attrTerm(v->instance, v->attr);
      assign(all, all && x >= ctx.int_val(static_cast<int64_t>(latest - 730)) && x <= ctx.int_val(static_cast<int64_t>(latest + 730)));
    }
    return all;
  }

  std::vector<WitnessValue> witness() {
    std::vector<WitnessValue> out;
    if (!lastModel || !last) return out;
    for (const auto& n : constants({*last}))
      if (const Variable* v = low.varInfo(n)) out.push_back({*v, decodeVariable(*lastModel, low, *v)});
    return out;
  }

  /// The witness of the last answer without the unknowns `question` does not
  /// depend on. Greedily, in name order: an unknown is left out when
  /// `question` holds for every value of it and of the unknowns already left
  /// out, the others keeping their witness values (Z3 decides it). What is
  /// shown then forces `question` on its own. An example of SEL-24 thus shows
  /// no phase-out day of a standard it never chooses or that is not phased out.
  std::vector<WitnessValue> relevantWitness(const z3::expr& question) {
    std::vector<WitnessValue> out;
    if (!lastModel || !last) return out;
    std::map<std::string, z3::expr> byName;
    forEachConstant({*last}, [&](const z3::expr& c, std::vector<z3::expr>&) { byName.emplace(c.decl().name().str(), c); });
    std::set<std::string> free;
    for (const auto& [name, c] : byName) {
      const Variable* v = low.varInfo(name);
      if (!v) continue;
      // The unknowns still shown are fixed to their witness values; this one,
      // those left out and auxiliary variables (month shifts, tied to theirs
      // by their definitions) stay free.
      z3::expr_vector from(ctx), to(ctx);
      for (const auto& [other, o] : byName)
        if (other != name && !free.count(other) && low.varInfo(other)) {
          from.push_back(o);
          to.push_back(lastModel->eval(o, true));
        }
      z3::expr fixed = z3::expr(question).substitute(from, to);
      std::optional<z3::model> unused;
      if (smt::ask(solver, !fixed, low.definitionsFor(fixed), &unused).isUnsat()) {
        free.insert(name);
        continue;
      }
      out.push_back({*v, decodeVariable(*lastModel, low, *v)});
    }
    return out;
  }

  const Model& world;
  std::vector<int> generic;
  z3::context ctx;
  Lowering low;
  z3::solver solver;
  std::map<int, Terms> cache;
  z3::expr_vector base{ctx};  // what addDomainConstraints asserted
  std::optional<z3::expr> baseAll;
  unsigned baseAllSize = 0;
  std::unordered_map<unsigned, z3::expr> modelValues;  // every value okUnder's keys name, by id
  std::optional<z3::expr> last;  // the last question
  std::optional<z3::model> lastModel;  // the model of the last sat answer
};

RulebaseSolver::RulebaseSolver(const Model& world, std::vector<int> generic, const Limits& limits)
    : impl_(guarded("analysis", [&] { return std::make_unique<Impl>(world, std::move(generic), limits); })) {}
RulebaseSolver::~RulebaseSolver() = default;

Answer RulebaseSolver::mayApply(int r) {
  return guarded("analysis", [&] { return impl_->ask(impl_->terms(r).app); });
}

Answer RulebaseSolver::mayApplyAndHold(int r) {
  return guarded("analysis", [&] {
    const auto& t = impl_->terms(r);
    return impl_->ask(t.app && t.phi, /*keepModel=*/false);
  });
}

Answer RulebaseSolver::mayBothApply(int a, int b) {
  return guarded("analysis", [&] { return impl_->ask(impl_->terms(a).app && impl_->terms(b).app); });
}

Answer RulebaseSolver::mayBothApplyAndHold(int a, int b, bool keepModel) {
  return guarded("analysis", [&] {
    const auto &ta = impl_->terms(a), &tb = impl_->terms(b);
    return impl_->ask(ta.app && tb.app && ta.phi && tb.phi, keepModel);
  });
}

std::vector<int> RulebaseSolver::applyAndHoldInModel(const std::vector<int>& rules) {
  return guarded("analysis", [&] {
    Impl& s = *impl_;
    std::vector<int> out;
    if (!s.lastModel) return out;
    z3::model& m = *s.lastModel;
    auto& values = s.modelValues;
    // Lowered first: lowering a rule asserts its value ranges. The model
    // answers the solver's own assertions (every value range) too: checked,
    // so that each pair it settles has a model of its whole question.
    for (int r : rules) s.okTerm(r);
    if (!m.eval(s.baseTerm(), true).is_true()) return out;
    // The value of each constant the model gives (by declaration; its id + 1);
    // a free one (0) takes the same value in every evaluation (model completion).
    std::unordered_map<unsigned, unsigned> valueOf;
    for (unsigned i = 0; i < m.num_consts(); ++i) {
      z3::func_decl d = m.get_const_decl(i);
      z3::expr v = m.get_const_interp(d);
      values.try_emplace(v.id(), v);  // kept, so that no other value takes its id
      valueOf.emplace(d.id(), v.id() + 1);
    }
    for (int r : rules) {
      Impl::Terms& t = s.terms(r);
      std::vector<unsigned> key;
      key.reserve(t.okConstants.size());
      for (unsigned c : t.okConstants) {
        auto it = valueOf.find(c);
        key.push_back(it == valueOf.end() ? 0 : it->second);
      }
      auto [at, fresh] = t.okUnder.try_emplace(std::move(key), false);
      if (fresh) at->second = m.eval(*t.ok, true).is_true();
      if (at->second) out.push_back(r);
    }
    return out;
  });
}

std::vector<WitnessValue> RulebaseSolver::witness() {
  return guarded("analysis", [&] { return impl_->witness(); });
}

std::vector<Variable> RulebaseSolver::variables(int r) {
  return guarded("analysis", [&] {
    const auto& phi = impl_->terms(r).phi;
    std::vector<z3::expr> roots{phi};
    for (auto& d : impl_->low.definitionsFor(phi)) roots.push_back(d);
    std::vector<Variable> out;
    for (const auto& n : impl_->constants(roots))
      if (const Variable* v = impl_->low.varInfo(n)) out.push_back(*v);
    return out;
  });
}

std::vector<std::pair<int, std::vector<int>>> RulebaseSolver::implied(const std::vector<int>& rules, const Limits& limits,
                                                                      const std::set<int>* targets) {
  return guarded("analysis", [&] {
    Impl& s = *impl_;
    std::vector<std::pair<int, std::vector<int>>> out;
    z3::solver solver(s.ctx, z3::solver::simple());
    applyLimits(solver, limits);
    std::map<unsigned, int> ruleOf;
    std::vector<std::pair<int, z3::expr>> tracked;
    for (int r : rules) {
      const z3::expr& phi = s.terms(r).phi;
      z3::expr t = s.ctx.bool_const(("holds#" + std::to_string(r)).c_str());
      solver.add(z3::implies(t, phi));
      for (auto& d : s.low.definitionsFor(phi)) solver.add(z3::implies(t, d));
      ruleOf[t.id()] = r;
      tracked.emplace_back(r, t);
    }
    for (auto& [r, t] : tracked) {
      if (targets && !targets->count(r)) continue;
      z3::expr_vector others(s.ctx);
      for (auto& [r2, t2] : tracked)
        if (r2 != r) others.push_back(t2);
      const z3::expr& phi = s.terms(r).phi;
      solver.push();
      solver.add(!phi);
      for (auto& d : s.low.definitionsFor(phi)) solver.add(d);
      auto res = solver.check(others);
      std::vector<z3::expr> core;
      if (res == z3::unsat) {
        auto uc = solver.unsat_core();
        for (unsigned i = 0; i < uc.size(); ++i) core.push_back(uc[i]);
        // The same subset as deletion check by check, with the cores seen on
        // the way reused instead of asked again.
        core = shrinkCoreReusing(solver, std::move(core));
      }
      solver.pop();
      if (res != z3::unsat || core.empty()) continue;
      std::vector<int> by;
      for (auto& c : core) by.push_back(ruleOf.at(c.id()));
      std::sort(by.begin(), by.end());
      out.emplace_back(r, std::move(by));
    }
    return out;
  });
}

RulebaseSolver::Examples RulebaseSolver::examples(int r) {
  return guarded("explain", [&] {
    Impl& s = *impl_;
    Examples out;
    const RuleInfo& rule = s.world.rules[r];
    // One binding is enough for an example: the first generic one.
    s.forEachGenericBinding(rule, [&](Env& env, const std::vector<z3::expr>& conds) {
      if (out.satisfying || out.violating) return;
      RuleTerms t = ruleTerms(s.low, rule, env, conds);
      s.addDomainConstraints();
      z3::expr formula = t.app && t.req;
      z3::expr violating = t.app && !t.req;
      // Plausible dates first; then any. The plain question decides whether none exists.
      auto example = [&](const z3::expr& e, std::optional<std::vector<WitnessValue>>& found, std::string& undecided) {
        if (s.ask(e && s.plausibleDates(e)).isSat()) return found.emplace(s.relevantWitness(e)), void();
        Answer a = s.ask(e);
        if (a.isSat()) found = s.relevantWitness(e);
        else if (a.isUnknown()) undecided = a.reason();
      };
      example(formula, out.satisfying, out.satisfyingUndecided);
      example(violating, out.violating, out.violatingUndecided);
    });
    return out;
  });
}

}  // namespace samsvar::smt
