#include "engine/check/explain_gap.hpp"

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
  GapExplainer(const Model& m, const RuleInfo& rule, smt::Env& env, Evaluator& eval, smt::BindingQuestions& q)
      : m_(m), rule_(rule), env_(env), eval_(eval), q_(q) {}

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
          out.push_back(std::move(g));
          return out;
        }
      }
    }
    if (!q_.hasExample() && (!q_.canHold(true).isSat() || !q_.hasExample())) return out;
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
    for (auto& [key, g] : groups) out.push_back(std::move(g));
    return out;
  }

 private:
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
};

}  // namespace

bool gapIsSingleNumber(const Model& m, const std::vector<smt::Variable>& vars) {
  return vars.size() == 1 && !vars[0].isMembership() && !smt::isPhantom(m, vars[0].instance) &&
         isNumber(typeOf(m, vars[0]));
}

std::vector<GapAttribute> explainGap(const Model& m, const RuleInfo& rule, smt::Env& env, Evaluator& eval,
                                     smt::BindingQuestions& q) {
  return GapExplainer(m, rule, env, eval, q).run();
}

}  // namespace samsvar
