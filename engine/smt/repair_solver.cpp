#include "engine/smt/repair_solver.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <string>

#include "engine/smt/z3/decode.hpp"
#include "engine/smt/z3/lower.hpp"
#include "engine/smt/z3/solver.hpp"

namespace samsvar::smt {

using namespace model;

struct RepairSolver::Impl {
  Impl(const Model& model, const Limits& l, const Limits& q)
      : m(model), limits(l), questionLimits(q), low(ctx, model, true), opt(ctx) {}

  /// Every binding of every rule that takes part: hard where it must hold,
  /// soft where it should.
  void encodeRules(const RepairProblem& p) {
    auto candidates = [&](const Binding& b) { return low.universe(b.ty); };
    for (int r : m.activeRules) {
      const RuleInfo& rule = m.rules[r];
      RepairProblem::Role role = p.roles[r];
      if (role == RepairProblem::Role::ignored) continue;
      forEachLoweredBinding(low, rule, candidates, /*prune=*/false, [&](Env& env, const std::vector<z3::expr>& conds) {
        std::vector<std::int64_t> b(env.begin(), env.begin() + static_cast<long>(rule.bindings.size()));
        if (p.waived.count({r, b}) || p.waivedRules.count(r)) return;
        RuleTerms terms = ruleTerms(low, rule, env, conds);
        z3::expr phi = p.broken.count({r, b}) ? terms.app && terms.req : terms.phi();
        if (role == RepairProblem::Role::must_hold) {
          opt.add(phi);
          hard.emplace_back(phi, r);
        } else {
          opt.add_soft(phi, p.costs.breakShould);
        }
      });
    }
  }

  /// Soft constraints that keep each changeable declared fact, and the
  /// second objective: moved and declared numbers and dates move as little
  /// as they must.
  void encodePreferences(const RepairProblem& p) {
    z3::expr_vector displacement(ctx);
    for (std::size_t fi = 0; fi < m.facts.size(); ++fi) {
      const Fact& fact = m.facts[fi];
      if (low.substitutesFact(static_cast<int>(fi))) continue;  // not to be changed
      const Ty& ty = m.types[m.instances[fact.instance].type].attrs[fact.attr].ty;
      if (!ty.set) {
        z3::expr v = low.attrTerm(fact.instance, fact.attr);
        z3::expr c = ty.kind == Kind::Bool ? v == ctx.bool_val(fact.value.scalar != 0)
                                           : v == ctx.int_val(static_cast<int64_t>(fact.value.scalar));
        opt.add_soft(c, ty.kind == Kind::Ref ? p.costs.changeRef : p.costs.changeValue);
        facts.emplace_back(c, static_cast<int>(fi));
        if (ty.kind == Kind::Date || ty.kind == Kind::Int || ty.kind == Kind::Duration) {
          z3::expr old = ctx.int_val(static_cast<int64_t>(fact.value.scalar));
          displacement.push_back(z3::ite(v >= old, v - old, old - v));
        }
        continue;
      }
      const SetValue& sv = fact.value.set;
      for (auto u : low.universe(ty.element())) {
        z3::expr mem = low.memberTerm(fact.instance, fact.attr, u);
        bool in = std::find(sv.members.begin(), sv.members.end(), u) != sv.members.end();
        if (in) {
          opt.add_soft(mem, p.costs.removeMember);
          facts.emplace_back(mem, static_cast<int>(fi));
        } else if (!sv.open || sv.excludes(u)) {
          opt.add_soft(!mem, ty.kind == Kind::Ref && low.isPhantom(u) ? p.costs.addNewInstance : p.costs.addMember);
          facts.emplace_back(!mem, static_cast<int>(fi));
        }
      }
    }
    std::set<std::pair<int, int>> anchored;
    for (const auto& a : p.anchors) {
      if (a.ifEncoded && !low.hasAttrVar(a.instance, a.attr)) continue;
      if (!anchored.insert({a.instance, a.attr}).second) continue;
      z3::expr v = low.attrTerm(a.instance, a.attr);
      z3::expr at = ctx.int_val(static_cast<int64_t>(a.value));
      displacement.push_back(z3::ite(v >= at, v - at, at - v));
    }
    if (!displacement.empty()) opt.minimize(z3::sum(displacement));
  }

  const Model& m;
  Limits limits, questionLimits;
  z3::context ctx;
  Lowering low;
  z3::optimize opt;
  std::vector<std::pair<z3::expr, int>> hard;   // must_hold constraints and their rules
  std::vector<std::pair<z3::expr, int>> facts;  // "keep this fact" constraints and their facts
  std::vector<z3::expr> domain;                 // value ranges and calendar definitions
  std::optional<z3::model> model;
};

RepairSolver::RepairSolver(const Model& m, const Limits& limits, const Limits& questionLimits)
    : impl_(guarded("repair", [&] { return std::make_unique<Impl>(m, limits, questionLimits); })) {}
RepairSolver::~RepairSolver() = default;

Answer RepairSolver::solve(const RepairProblem& p) {
  return guarded("repair", [&] {
    Impl& s = *impl_;
    s.low.setFreeFacts(p.freeFacts);
    // References held by declared instances point only at declared
    // instances: "set step to an undeclared plan step" repairs nothing.
    s.low.setDeclaredRefsOnly(true);
    s.opt.set(limitParams(s.ctx, s.limits));
    s.encodeRules(p);
    s.encodePreferences(p);
    auto domain = s.low.takeDomainConstraints();
    for (auto& d : s.low.allDefinitions()) domain.push_back(d);
    for (auto& d : domain) {
      s.opt.add(d);
      s.domain.push_back(d);
    }
    z3::check_result r = s.opt.check();
    std::string reason = r == z3::unknown ? Z3_optimize_get_reason_unknown(s.ctx, s.opt) : "";
    if (r == z3::sat) s.model.emplace(s.opt.get_model());
    return answerOf(r, reason);
  });
}

std::vector<int> RepairSolver::conflictingRules() {
  return guarded("repair", [&] {
    Impl& s = *impl_;
    z3::solver solver(s.ctx, z3::solver::simple());
    applyLimits(solver, s.questionLimits);
    for (auto& d : s.domain) solver.add(d);
    z3::expr_vector trackers(s.ctx);
    std::map<unsigned, int> ruleOf;
    for (std::size_t i = 0; i < s.hard.size(); ++i) {
      z3::expr t = s.ctx.bool_const(("rule#" + std::to_string(i)).c_str());
      solver.add(z3::implies(t, s.hard[i].first));
      trackers.push_back(t);
      ruleOf[t.id()] = s.hard[i].second;
    }
    std::set<int> rules;
    if (solver.check(trackers) == z3::unsat) {
      auto core = solver.unsat_core();
      std::vector<z3::expr> c;
      for (unsigned i = 0; i < core.size(); ++i) c.push_back(core[i]);
      for (auto& t : shrinkCore(solver, std::move(c))) rules.insert(ruleOf.at(t.id()));
    }
    return std::vector<int>(rules.begin(), rules.end());
  });
}

std::vector<int> RepairSolver::changedFacts() {
  if (!impl_->model) throw InternalError("changedFacts(): no repair found");
  return guarded("repair", [&] {
    std::set<int> changed;
    for (auto& [c, fi] : impl_->facts)
      if (!impl_->model->eval(c, true).is_true()) changed.insert(fi);
    return std::vector<int>(changed.begin(), changed.end());
  });
}

FactValue RepairSolver::value(int instance, int attr, bool open, std::vector<std::int64_t>* phantoms) {
  if (!impl_->model) throw InternalError("value(): no repair found");
  return guarded("repair", [&] { return decodeAttr(*impl_->model, impl_->low, instance, attr, open, phantoms); });
}

std::vector<std::pair<int, FactValue>> RepairSolver::phantomValues(std::int64_t phantom) {
  if (!impl_->model) throw InternalError("phantomValues(): no repair found");
  return guarded("repair", [&] { return decodePhantom(*impl_->model, impl_->low, phantom); });
}

}  // namespace samsvar::smt
