#include "engine/check/explain_gap.hpp"

#include <algorithm>
#include <map>
#include <utility>

#include "core/calendar.hpp"

namespace samsvar {

using namespace model;

namespace {

const Ty& typeOf(const Model& m, const smt::Variable& v) {
  return m.types[smt::typeOfInstance(m, v.instance)].attrs[v.attr].ty;
}

bool isNumber(const Ty& ty) { return ty.kind == Kind::Int || ty.kind == Kind::Date || ty.kind == Kind::Duration; }

class GapExplainer {
 public:
  GapExplainer(const Model& m, const RuleInfo& rule, smt::Env& env, Evaluator& eval, smt::BindingQuestions& q,
               std::optional<std::int64_t> anchor)
      : m_(m), rule_(rule), env_(env), eval_(eval), q_(q), anchor_(anchor) {}

  std::vector<GapAttribute> run() {
    std::vector<GapAttribute> out;
    std::vector<smt::Variable> vars = q_.variables();
    if (!q_.hasExample() && vars.size() == 1) {
      // A single number or date: its bound, when it has one, says it all.
      const smt::Variable& v = vars[0];
      if (!v.isMembership() && !smt::isPhantom(m_, v.instance)) {
        GapAttribute g;
        g.instance = v.instance;
        g.attr = v.attr;
        if (boundByEvaluation(v, g)) {
          g.alone = true;  // the only undeclared value: its bound settles the rule
          out.push_back(std::move(g));
          return out;
        }
      }
    }
    // An example where the binding applies and holds; when none exists, one
    // where it does not apply (the only way it can be settled).
    bool outOfForce = false;
    if (!q_.hasExample() && (!q_.canHold(true).isSat() || !q_.hasExample())) {
      if (!q_.canNotApplyExample().isSat() || !q_.hasExample()) return out;
      outOfForce = true;
    }
    if (!outOfForce) plausibleExample(vars);
    // Group by (instance, attribute); members that are phantoms become
    // further instances with the values the example gives them.
    std::map<std::pair<int, int>, GapAttribute> groups;
    std::vector<smt::Variable> scalars;
    for (const auto& v : vars) {
      if (smt::isPhantom(m_, v.instance)) continue;  // described through the set that holds it
      GapAttribute& g = groups[{v.instance, v.attr}];
      g.instance = v.instance;
      g.attr = v.attr;
      std::int64_t value = q_.exampleValue(v);
      if (!v.isMembership()) {
        g.example.scalar = value;
        scalars.push_back(v);
      } else if (value) {
        const Ty elem = typeOf(m_, v).element();
        if (elem.kind == Kind::Ref && smt::isPhantom(m_, v.element))
          g.newMembers.push_back(NewInstance{smt::phantomType(m_, v.element), q_.examplePhantom(v.element)});
        else
          g.example.set.members.push_back(static_cast<int>(v.element));
      }
    }
    // A single undeclared number or date: say which side of a bound satisfies.
    if (groups.size() == 1 && scalars.size() == 1 && isNumber(typeOf(m_, scalars[0]))) {
      GapAttribute& g = groups.begin()->second;
      if (!boundByEvaluation(scalars[0], g)) boundBySolver(scalars[0], g);
    }
    bool single = groups.size() == 1 && std::none_of(vars.begin(), vars.end(), [&](const smt::Variable& v) {
                    return smt::isPhantom(m_, v.instance) || (v.isMembership() && smt::isPhantom(m_, v.element));
                  });
    for (auto& [key, g] : groups) {
      g.outOfForce = outOfForce;
      // The only attribute that decides the gap: declaring it as in the
      // example (a set: complete) settles the rule.
      g.alone = single;
      if (!single) settlesAlone(g);
      out.push_back(std::move(g));
    }
    return out;
  }

 private:
  /// Makes the kept example plausible, keeping the binding applying and
  /// holding: undeclared dates near the case's own dates, and sets with as
  /// few members as the rule needs (not every standard of the catalogue).
  void plausibleExample(const std::vector<smt::Variable>& vars) {
    smt::BindingQuestions::Fixed fixed;
    if (anchor_) {
      static constexpr std::int64_t kOffsets[] = {0, 7, 42, 91, 182, 365, -7, -42, -91, -182, -365};
      for (const auto& v : vars) {
        if (v.isMembership() || smt::isPhantom(m_, v.instance) || typeOf(m_, v).kind != Kind::Date) continue;
        for (std::int64_t off : kOffsets) {
          fixed.push_back({v, *anchor_ + off});
          if (q_.canHoldWith(fixed).isSat()) break;
          fixed.pop_back();
        }
      }
    }
    for (const auto& v : vars) {
      if (!v.isMembership() || !q_.hasExample() || q_.exampleValue(v) == 0) continue;
      fixed.push_back({v, 0});
      if (!q_.canHoldWith(fixed).isSat()) fixed.back().second = 1;
    }
    if (!fixed.empty()) q_.canHoldWith(fixed);  // the example with every choice above
  }

  /// Whether declaring `g` alone settles the rule: with the example's value,
  /// or (a bool or an enum) another value of it.
  void settlesAlone(GapAttribute& g) {
    if (g.bound != BoundSide::none) {
      g.alone = true;  // a single undeclared number: its bound settles it
      return;
    }
    const Ty& ty = m_.types[smt::typeOfInstance(m_, g.instance)].attrs[g.attr].ty;
    if (ty.set || smt::isPhantom(m_, g.instance)) return;
    smt::Variable x{g.instance, g.attr, -1};
    std::vector<std::int64_t> candidates{g.example.scalar};
    if (ty.kind == Kind::Bool) candidates.push_back(g.example.scalar ? 0 : 1);
    if (ty.kind == Kind::Enum)
      for (std::int64_t e = 0; e < static_cast<std::int64_t>(m_.enums[ty.decl].values.size()); ++e)
        if (e != g.example.scalar) candidates.push_back(e);
    for (std::int64_t c : candidates) {
      if (!q_.canFailWith({{x, c}}).isUnsat()) continue;
      g.alone = true;
      g.example.scalar = c;
      // Whether that value holds the rule or takes it out of force.
      g.outOfForce = !q_.canHoldWith({{x, c}}).isSat();
      return;
    }
  }

  /// Does the binding apply and hold, by exact evaluation, when the gap's
  /// single undeclared attribute has value `v`? (nullopt: still open.)
  std::optional<bool> holdsWith(const smt::Variable& x, std::int64_t v) {
    eval_.assume(x.instance, x.attr, v);
    BindingValue e = evaluateBinding(eval_, rule_, env_);
    eval_.assume(-1, -1, 0);
    if (e.applies && *e.applies == 0) return false;
    if (!e.applies || !e.holds) return std::nullopt;
    return *e.holds != 0;
  }

  /// The bound of a single undeclared value: the value from which on (or up
  /// to which) the rule holds, when it has one. Exact evaluation finds the
  /// threshold by bisection; Z3 confirms it (every value on that side
  /// satisfies, none on the other does).
  bool boundByEvaluation(const smt::Variable& x, GapAttribute& g) {
    std::int64_t lo = -(std::int64_t{1} << 40), hi = std::int64_t{1} << 40;
    if (typeOf(m_, x).kind == Kind::Date) {
      lo = *calendar::dayNumber(calendar::kMinYear, 1, 1);
      hi = *calendar::dayNumber(calendar::kMaxYear, 12, 31);
      // A date declared as a month, half-year or year: the day within it
      // from which on (or up to which) the rule holds.
      if (const int f = m_.instances[x.instance].factOfAttr[x.attr]; f >= 0 && m_.facts[f].value.imprecise()) {
        lo = m_.facts[f].value.scalar;
        hi = m_.facts[f].value.last;
      }
    }
    auto atLo = holdsWith(x, lo), atHi = holdsWith(x, hi);
    if (!atLo || !atHi || *atLo == *atHi) return false;
    bool lower = *atHi;  // holds from some value upwards
    std::int64_t a = lo, b = hi;  // P(a) != P(b); find the first value where P flips
    while (b - a > 1) {
      std::int64_t mid = a + (b - a) / 2;
      auto p = holdsWith(x, mid);
      if (!p) return false;
      if (*p == *atLo) a = mid;
      else b = mid;
    }
    smt::Bound bound{lower ? b : a, lower ? smt::Direction::at_least : smt::Direction::at_most};
    if (!q_.provesBound(x, bound)) return false;
    setBound(bound, g);
    return true;
  }

  /// Optimize, when bisection finds no threshold.
  void boundBySolver(const smt::Variable& x, GapAttribute& g) {
    if (auto bound = q_.boundByOptimize(x)) setBound(*bound, g);
  }

  static void setBound(const smt::Bound& b, GapAttribute& g) {
    g.example.scalar = b.value;
    g.bound = b.direction == smt::Direction::at_least ? BoundSide::on_or_after : BoundSide::on_or_before;
  }

  const Model& m_;
  const RuleInfo& rule_;
  smt::Env& env_;
  Evaluator& eval_;
  smt::BindingQuestions& q_;
  std::optional<std::int64_t> anchor_;  // caseAnchorDate(m_)
};

}  // namespace

std::optional<std::int64_t> caseAnchorDate(const Model& m) {
  std::vector<std::int64_t> dates;
  for (const auto& f : m.facts) {
    const Instance& in = m.instances[f.instance];
    const Ty& ty = m.types[in.type].attrs[f.attr].ty;
    if (in.module.empty() && ty.kind == Kind::Date && !ty.set) dates.push_back(f.value.scalar);
  }
  if (dates.empty()) {
    // A case that declares no date: the latest date of the reference data
    // (a fixed point, so that the same input gives the same report).
    for (const auto& f : m.facts) {
      const Ty& ty = m.types[m.instances[f.instance].type].attrs[f.attr].ty;
      if (ty.kind == Kind::Date && !ty.set && (dates.empty() || f.value.scalar > dates[0])) dates.assign(1, f.value.scalar);
    }
    if (dates.empty()) return std::nullopt;
  }
  std::sort(dates.begin(), dates.end());
  return dates[(dates.size() - 1) / 2];
}

bool gapIsSingleNumber(const Model& m, const std::vector<smt::Variable>& vars) {
  return vars.size() == 1 && !vars[0].isMembership() && !smt::isPhantom(m, vars[0].instance) &&
         isNumber(typeOf(m, vars[0]));
}

std::vector<GapAttribute> explainGap(const Model& m, const RuleInfo& rule, smt::Env& env, Evaluator& eval,
                                     smt::BindingQuestions& q, std::optional<std::int64_t> anchor) {
  return GapExplainer(m, rule, env, eval, q, anchor).run();
}

}  // namespace samsvar
