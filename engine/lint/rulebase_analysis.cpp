#include "engine/lint/rulebase_analysis.hpp"

#include <algorithm>
#include <cctype>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <exception>
#include <thread>

#include "engine/smt/bindings.hpp"
#include "engine/smt/rulebase_solver.hpp"

namespace samsvar {

using namespace model;

const char* analysisKindName(AnalysisKind k) {
  switch (k) {
    case AnalysisKind::unsatisfiable: return "unsatisfiable";
    case AnalysisKind::never_applies: return "never_applies";
    case AnalysisKind::conflict: return "conflict";
    case AnalysisKind::redundant: return "redundant";
    case AnalysisKind::undecided: return "undecided";
  }
  return "unsatisfiable";
}

namespace {

/// The rulebase plus one fresh instance of every type, all attributes unknown.
struct GenericWorld {
  Model model;
  std::vector<int> freshOf;  // type -> fresh instance

  explicit GenericWorld(const Model& rb) : model(rb) {
    for (std::size_t t = 0; t < rb.types.size(); ++t) {
      std::string base = rb.types[t].name;
      for (auto& ch : base) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      std::string name = base + "1";
      for (int k = 2; model.instanceByName.count(name); ++k) name = base + std::to_string(k);
      Instance in;
      in.name = name;
      in.type = static_cast<int>(t);
      in.factOfAttr.assign(rb.types[t].attrs.size(), -1);
      in.span = rb.types[t].span;
      model.instanceByName[name] = static_cast<int>(model.instances.size());
      freshOf.push_back(static_cast<int>(model.instances.size()));
      model.instances.push_back(std::move(in));
    }
  }
};

bool isLiteral(const TExprPtr& e, bool value) {
  return e && e->op == Op::Const && e->ty.kind == Kind::Bool && !e->ty.set && (e->value != 0) == value;
}

/// A permission (`require true`) or a notice (`kan … require false`).
bool exemptByDesign(const RuleInfo& r) {
  return isLiteral(r.require, true) || (r.strength == ast::Strength::kan && isLiteral(r.require, false));
}

/// A fact of a generated example, as data (the report words it): the
/// attribute, and its value in case syntax or the element a set holds or lacks.
WitnessFact witnessFact(const GenericWorld& w, const smt::WitnessValue& x) {
  const Model& m = w.model;
  bool phantom = smt::isPhantom(m, x.var.instance);
  int type = smt::typeOfInstance(m, x.var.instance);
  const AttrInfo& a = m.types[type].attrs[x.var.attr];
  auto element = [&](const Ty& ty, std::int64_t v) {
    return ty.kind == Kind::Ref && smt::isPhantom(m, v) ? "?" + m.types[smt::phantomType(m, v)].name
                                                         : literalText(m, ty, v);
  };
  std::string inst = phantom ? "?" + m.types[type].name : m.instances[x.var.instance].name;
  if (x.var.isMembership())
    return {inst + "." + a.name, x.value ? WitnessFact::Kind::contains : WitnessFact::Kind::lacks,
            element(a.ty.element(), x.var.element)};
  std::string text;
  if (a.ty.kind == Kind::Text) text = x.value == 0 ? "\"\"" : "\"…\"";
  else text = element(a.ty, x.value);
  return {inst + "." + a.name, WitnessFact::Kind::equals, text};
}

std::vector<WitnessFact> witnessFacts(const GenericWorld& w, const std::vector<smt::WitnessValue>& values) {
  std::vector<WitnessFact> out;
  for (const auto& x : values) out.push_back(witnessFact(w, x));
  return out;
}

/// A rule is redundant when the other rules imply it. Only rules that share
/// a variable with it, directly or through other rules (its connected
/// component), can take part: the rest is independent of it. Each component
/// is asked in its own solver, so a rule is asked against its component only
/// (the bundled rules: 19 s against the whole rulebase).
void findRedundant(smt::RulebaseSolver& solver, const std::vector<int>& live, const smt::Limits& limits,
                   const std::set<int>* focus, std::vector<AnalysisFinding>& out) {
  // Union-find over rules that share a variable.
  std::vector<std::size_t> parent(live.size());
  for (std::size_t i = 0; i < live.size(); ++i) parent[i] = i;
  std::function<std::size_t(std::size_t)> find = [&](std::size_t i) {
    return parent[i] == i ? i : parent[i] = find(parent[i]);
  };
  std::map<smt::Variable, std::size_t> firstWith;
  for (std::size_t i = 0; i < live.size(); ++i)
    for (const auto& v : solver.variables(live[i])) {
      auto [it, fresh] = firstWith.emplace(v, i);
      if (!fresh) parent[find(i)] = find(it->second);
    }
  std::map<std::size_t, std::vector<int>> components;
  for (std::size_t i = 0; i < live.size(); ++i) components[find(i)].push_back(live[i]);
  // Redundancy is a hint, not a verdict: a question the solver cannot settle
  // within a fifth of a check's resources is left unreported (month
  // arithmetic over a large component can take seconds).
  smt::Limits limited = limits;
  limited.rlimit = std::max<unsigned long long>(1, limited.rlimit / 5);
  for (const auto& [root, rules] : components) {
    if (rules.size() < 2) continue;  // nothing else can imply it
    if (focus && std::none_of(rules.begin(), rules.end(), [&](int r) { return focus->count(r) > 0; })) continue;
    for (auto& [r, by] : solver.implied(rules, limited, focus))
      out.push_back({AnalysisKind::redundant, r, by, {}, "", ""});
  }
}

/// Types whose instances' attributes the lowering of `r` may make
/// variables of: the owner of every attribute it reads (only attributes are
/// variables), and for each type it binds, the types with a set that may hold
/// a further, undeclared instance of it. Two rules that share a solver
/// variable share one of these types.
std::set<int> typesTouched(const Model& m, const RuleInfo& r) {
  std::set<int> out;
  std::function<void(const TExprPtr&)> walk = [&](const TExprPtr& e) {
    if (!e) return;
    if (e->op == Op::Attr && !e->kids.empty() && e->kids[0]->ty.kind == Kind::Ref) out.insert(e->kids[0]->ty.decl);
    for (const auto& k : e->kids) walk(k);
  };
  for (const auto& b : r.bindings) {
    if (b.ty.kind == Kind::Ref) {
      out.insert(b.ty.decl);
      for (std::size_t o = 0; o < m.types.size(); ++o)
        for (const auto& a : m.types[o].attrs)
          if (a.ty.set && a.ty.kind == Kind::Ref && a.ty.decl == b.ty.decl) out.insert(static_cast<int>(o));
    }
    walk(b.set);
  }
  walk(r.when);
  walk(r.require);
  return out;
}

/// The rules of `rules` that may share a solver variable with a rule of
/// `focus`, directly or through other rules of `rules` (by typesTouched):
/// the others cannot take part in a finding about a rule of the focus.
std::set<int> reachableFromFocus(const Model& m, const std::vector<int>& rules, const std::set<int>& focus) {
  std::vector<std::set<int>> touched;
  for (int r : rules) touched.push_back(typesTouched(m, m.rules[r]));
  std::set<int> types, out;
  for (std::size_t i = 0; i < rules.size(); ++i)
    if (focus.count(rules[i])) {
      out.insert(rules[i]);
      types.insert(touched[i].begin(), touched[i].end());
    }
  for (bool grown = true; grown;) {
    grown = false;
    for (std::size_t i = 0; i < rules.size(); ++i) {
      if (out.count(rules[i])) continue;
      if (std::none_of(touched[i].begin(), touched[i].end(), [&](int t) { return types.count(t) > 0; })) continue;
      out.insert(rules[i]);
      types.insert(touched[i].begin(), touched[i].end());
      grown = true;
    }
  }
  return out;
}

/// The pairs of rules still to be asked whether they may both apply and
/// hold, and the rules that have one.
class PairCover {
 public:
  explicit PairCover(const std::set<std::pair<int, int>>& pairs) {
    for (auto [a, b] : pairs) {
      partners_[a].insert(b);
      partners_[b].insert(a);
    }
  }
  bool settled(int a, int b) const {
    auto it = partners_.find(a);
    return it == partners_.end() || !it->second.count(b);
  }
  /// The pair (a, b) has been asked.
  void drop(int a, int b) {
    for (auto [x, y] : {std::pair{a, b}, std::pair{b, a}})
      if (auto it = partners_.find(x); it != partners_.end()) {
        it->second.erase(y);
        if (it->second.empty()) partners_.erase(it);
      }
  }
  /// The rules with a pair still open, ascending.
  std::vector<int> openRules() const {
    std::vector<int> out;
    for (const auto& [r, ps] : partners_) out.push_back(r);
    return out;
  }
  /// Every pair of `rules` (ascending) may both apply and hold. Returns
  /// how many open pairs that settles.
  std::size_t settle(const std::vector<int>& rules) {
    std::set<int> ok(rules.begin(), rules.end());
    std::size_t ends = 0;  // each pair has two ends
    for (int r : rules) {
      auto it = partners_.find(r);
      if (it == partners_.end()) continue;
      for (auto p = it->second.begin(); p != it->second.end();) {
        if (ok.count(*p)) p = it->second.erase(p), ++ends;
        else ++p;
      }
      if (it->second.empty()) partners_.erase(it);
    }
    return ends / 2;
  }

 private:
  std::map<int, std::set<int>> partners_;  // rule -> the rules it still has an open pair with
};

}  // namespace

RuleExplanation explainRule(const Model& rulebase, int rule, const smt::Limits& limits) {
  GenericWorld world(rulebase);
  smt::RulebaseSolver solver(world.model, world.freshOf, limits);
  smt::RulebaseSolver::Examples ex = solver.examples(rule);
  RuleExplanation out;
  out.rule = rule;
  if (ex.satisfying) out.satisfying = {true, "", witnessFacts(world, *ex.satisfying)};
  if (ex.violating) out.violating = {true, "", witnessFacts(world, *ex.violating)};
  out.satisfying.undecided = ex.satisfyingUndecided;
  out.violating.undecided = ex.violatingUndecided;
  return out;
}

std::vector<AnalysisFinding> analyzeRulebase(const Model& rulebase, const AnalysisOptions& opt) {
  GenericWorld world(rulebase);
  const Model& m = world.model;
  smt::RulebaseSolver solver(m, world.freshOf, opt.limits);
  std::vector<AnalysisFinding> out;
  std::vector<int> rules;
  for (int r : m.activeRules)
    if (!exemptByDesign(m.rules[r])) rules.push_back(r);
  const std::set<int>* focus = opt.focus ? &*opt.focus : nullptr;
  auto inFocus = [&](int r) { return !focus || focus->count(r) > 0; };
  std::set<int> broken;
  for (int r : rules) {
    if (!inFocus(r)) continue;
    smt::Answer applies = solver.mayApply(r);
    if (applies.isUnsat()) {
      out.push_back({AnalysisKind::never_applies, r, {}, {}, "", ""});
      broken.insert(r);
      continue;
    }
    smt::Answer holds = solver.mayApplyAndHold(r);
    if (applies.isUnknown() || holds.isUnknown()) {  // said, never dropped
      out.push_back({AnalysisKind::undecided, r, {}, {}, "", (applies.isUnknown() ? applies : holds).reason()});
      broken.insert(r);
      continue;
    }
    if (holds.isUnsat()) {
      solver.mayApply(r);  // for the witness: where it applies
      out.push_back({AnalysisKind::unsatisfiable, r, {}, witnessFacts(world, solver.witness()), "", ""});
      broken.insert(r);
    }
  }
  // With a focus (a case's own rules), only the rules it may meet are
  // lowered and asked about: the bundled rules a case's rules share no type
  // with are not even lowered (that was most of `lint CASE`).
  std::optional<std::set<int>> reachable;
  if (focus && opt.onlyReachable) reachable = reachableFromFocus(m, rules, *focus);
  std::vector<int> live;
  for (int r : rules)
    if (!broken.count(r) && (!reachable || reachable->count(r))) live.push_back(r);
  // Redundancy is asked on another core, in a solver (and Z3 context) of
  // its own, while the conflicts are asked here: the two take about the same
  // time (the bundled rules: 1.2 and 1.0 s of CPU). Each solver asks the same
  // questions in the same order whatever the other does, so the findings do
  // not depend on the threads.
  std::vector<AnalysisFinding> redundant;
  std::exception_ptr redundancyFailed;
  auto askRedundancy = [&] {
    try {
      smt::RulebaseSolver own(m, world.freshOf, opt.limits);
      findRedundant(own, live, opt.limits, focus, redundant);
    } catch (...) {
      redundancyFailed = std::current_exception();
    }
  };
  std::thread redundancy;
  if (opt.redundancy && std::thread::hardware_concurrency() > 1) redundancy = std::thread(askRedundancy);
  else if (opt.redundancy) askRedundancy();
  std::exception_ptr conflictsFailed;
  if (opt.conflicts) try {
    // Only pairs that share a variable can contradict each other.
    std::map<smt::Variable, std::vector<int>> byVar;
    for (int r : live)
      for (const auto& v : solver.variables(r)) byVar[v].push_back(r);
    std::set<std::pair<int, int>> pairs;
    for (const auto& [v, rs] : byVar)
      for (std::size_t i = 0; i < rs.size(); ++i)
        for (std::size_t j = i + 1; j < rs.size(); ++j)
          if (inFocus(rs[i]) || inFocus(rs[j])) pairs.insert({std::min(rs[i], rs[j]), std::max(rs[i], rs[j])});
    // Most pairs may both apply and hold, and one model where many rules
    // apply and hold shows it for every pair among them at once: the model
    // of each pair asked is kept, Z3 evaluates the rules of the pairs still
    // open in it, and the pairs among those that apply and hold there are
    // settled without a question of their own (the generated 1,000 rules:
    // 4,554 of 99,743 pairs are asked). Pairs that cannot both apply and
    // hold are asked as before, so the findings are the same.
    PairCover cover(pairs);
    // Models are kept while they pay: after the first 32, only while each
    // settles at least one pair on average (the bundled rules' narrow `when`
    // conditions make models that settle few). Deterministic: the counts
    // depend on the answers only.
    std::size_t models = 0, settledByModels = 0;
    for (auto [a, b] : pairs) {
      if (cover.settled(a, b)) continue;
      const bool keep = opt.pairsFromModels && (models < 32 || settledByModels >= models);
      smt::Answer both = solver.mayBothApplyAndHold(a, b, keep);
      cover.drop(a, b);
      if (both.isSat()) {
        if (keep) {
          ++models;
          settledByModels += cover.settle(solver.applyAndHoldInModel(cover.openRules()));
        }
        continue;
      }
      smt::Answer apply = both.isUnsat() ? solver.mayBothApply(a, b) : both;
      if (apply.isUnknown()) {
        out.push_back({AnalysisKind::undecided, a, {b}, {}, "", apply.reason()});
        continue;
      }
      if (!apply.isSat()) continue;
      out.push_back({AnalysisKind::conflict, a, {b}, witnessFacts(world, solver.witness()), "", ""});
    }
  } catch (...) {
    conflictsFailed = std::current_exception();
  }
  if (redundancy.joinable()) redundancy.join();
  if (conflictsFailed) std::rethrow_exception(conflictsFailed);
  if (redundancyFailed) std::rethrow_exception(redundancyFailed);
  out.insert(out.end(), redundant.begin(), redundant.end());
  std::stable_sort(out.begin(), out.end(), [&](const AnalysisFinding& x, const AnalysisFinding& y) {
    const Span &sx = m.rules[x.rule].idSpan, &sy = m.rules[y.rule].idSpan;
    return std::tie(sx.file, sx.begin, x.kind, x.others) < std::tie(sy.file, sy.begin, y.kind, y.others);
  });
  return out;
}

}  // namespace samsvar
