#include "engine/lint/rulebase_analysis.hpp"

#include <algorithm>
#include <cctype>
#include <functional>
#include <map>
#include <set>

#include "engine/check/checker_impl.hpp"
#include "engine/smt/lower.hpp"

namespace samsvar {

using namespace model;

const char* analysisKindName(AnalysisKind k) {
  switch (k) {
    case AnalysisKind::unsatisfiable: return "unsatisfiable";
    case AnalysisKind::never_applies: return "never_applies";
    case AnalysisKind::conflict: return "conflict";
    case AnalysisKind::redundant: return "redundant";
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

class Analyzer {
 public:
  Analyzer(Checker& checker, const Model& rb)
      : checker_(checker), ctx_(checker.impl().context()), world_(rb), low_(ctx_, world_.model, true),
        solver_(ctx_, z3::solver::simple()) {
    configureSolver(ctx_, solver_, limitsOf(checker.options()));
  }

  struct Terms {
    z3::expr app;  // some binding applies
    z3::expr phi;  // every binding holds
  };

  Terms terms(int r) {
    if (auto it = terms_.find(r); it != terms_.end()) return it->second;
    const RuleInfo& rule = world_.model.rules[r];
    z3::expr_vector apps(ctx_), phis(ctx_);
    Lowering::Env env(std::max(rule.slots, 1), -1);
    std::vector<z3::expr> conds;
    enumerate(rule, 0, env, conds, apps, phis);
    Terms t{apps.empty() ? ctx_.bool_val(false) : z3::mk_or(apps),
            phis.empty() ? ctx_.bool_val(true) : z3::mk_and(phis)};
    for (auto& d : low_.takeDomainConstraints()) solver_.add(d);
    terms_.emplace(r, t);
    return t;
  }

  z3::check_result ask(const z3::expr& e) {
    solver_.push();
    solver_.add(e);
    for (auto& d : low_.definitionsFor(e)) solver_.add(d);
    auto r = solver_.check();
    if (r == z3::sat) lastModel_ = std::make_unique<z3::model>(solver_.get_model());
    solver_.pop();
    return r;
  }

  std::vector<WitnessFact> witness(const z3::expr& formula) {
    std::vector<WitnessFact> out;
    if (!lastModel_) return out;
    std::set<std::string> names;
    std::set<unsigned> seen;
    collect(formula, names, seen);
    for (const auto& n : names) {
      const VarInfo* vi = low_.varInfo(n);
      if (!vi) continue;
      int type = low_.isPhantom(vi->instance) ? low_.phantomType(vi->instance) : world_.model.instances[vi->instance].type;
      const AttrInfo& a = world_.model.types[type].attrs[vi->attr];
      std::string inst = low_.isPhantom(vi->instance) ? "?" + world_.model.types[type].name
                                                      : world_.model.instances[vi->instance].name;
      if (vi->element >= 0) {
        z3::expr v = lastModel_->eval(ctx_.bool_const(n.c_str()), true);
        out.push_back({inst + "." + a.name, v.is_true() ? WitnessFact::Kind::contains : WitnessFact::Kind::lacks,
                       low_.elementName(a.ty.element(), vi->element)});
        continue;
      }
      z3::expr var = a.ty.kind == Kind::Bool ? ctx_.bool_const(n.c_str()) : ctx_.int_const(n.c_str());
      z3::expr v = lastModel_->eval(var, true);
      std::string text;
      if (a.ty.kind == Kind::Bool) {
        text = v.is_true() ? "true" : "false";
      } else {
        int64_t x = 0;
        v.is_numeral_i64(x);
        if (a.ty.kind == Kind::Text) text = x == 0 ? "\"\"" : "\"…\"";
        else if (a.ty.kind == Kind::Ref) text = low_.elementName(a.ty, x);
        else text = valueText(world_.model, a.ty, x);
      }
      out.push_back({inst + "." + a.name, WitnessFact::Kind::equals, text});
    }
    return out;
  }

  RuleExplanation explain(int r) {
    RuleExplanation out;
    out.rule = r;
    const RuleInfo& rule = world_.model.rules[r];
    z3::expr_vector apps(ctx_), phis(ctx_);
    Lowering::Env env(std::max(rule.slots, 1), -1);
    std::vector<z3::expr> conds;
    // One binding is enough for an example: the first generic one.
    bool done = false;
    enumerateFirst(rule, 0, env, conds, [&](Lowering::Env& e, const std::vector<z3::expr>& c) {
      if (done) return;
      RuleTerms t = ruleTerms(low_, rule, e, c);
      for (auto& d : low_.takeDomainConstraints()) solver_.add(d);
      z3::expr formula = t.app && t.req;
      if (ask(t.app && t.req) == z3::sat) {
        out.satisfying.found = true;
        out.satisfying.facts = witness(formula);
      }
      if (ask(t.app && !t.req) == z3::sat) {
        out.violating.found = true;
        out.violating.facts = witness(formula);
      }
      done = out.satisfying.found || out.violating.found;
    });
    return out;
  }

  std::vector<AnalysisFinding> analyze(const AnalysisOptions& opt) {
    std::vector<AnalysisFinding> out;
    const Model& m = world_.model;
    std::vector<int> rules;
    for (int r : m.activeRules)
      if (!exemptByDesign(m.rules[r])) rules.push_back(r);
    std::set<int> broken;
    for (int r : rules) {
      Terms t = terms(r);
      if (ask(t.app) == z3::unsat) {
        out.push_back({AnalysisKind::never_applies, r, {}, {}, ""});
        broken.insert(r);
        continue;
      }
      if (ask(t.app && t.phi) == z3::unsat) {
        ask(t.app);
        out.push_back({AnalysisKind::unsatisfiable, r, {}, witness(t.app), ""});
        broken.insert(r);
      }
    }
    if (opt.conflicts) {
      // Only pairs that share an attribute can contradict each other.
      std::map<std::string, std::vector<int>> byVar;
      std::map<int, std::set<std::string>> varsOf;
      for (int r : rules) {
        if (broken.count(r)) continue;
        Terms t = terms(r);
        std::set<std::string> names;
        std::set<unsigned> seen;
        collect(t.app && t.phi, names, seen);
        for (const auto& n : names)
          if (low_.varInfo(n)) byVar[n].push_back(r);
        varsOf[r] = std::move(names);
      }
      std::set<std::pair<int, int>> pairs;
      for (const auto& [v, rs] : byVar)
        for (std::size_t i = 0; i < rs.size(); ++i)
          for (std::size_t j = i + 1; j < rs.size(); ++j) pairs.insert({std::min(rs[i], rs[j]), std::max(rs[i], rs[j])});
      for (auto [a, b] : pairs) {
        Terms ta = terms(a), tb = terms(b);
        z3::expr both = ta.app && tb.app;
        if (ask(both && ta.phi && tb.phi) != z3::unsat) continue;
        if (ask(both) != z3::sat) continue;
        out.push_back({AnalysisKind::conflict, a, {b}, witness(both), ""});
      }
    }
    if (opt.redundancy) redundancy(rules, broken, out);
    std::stable_sort(out.begin(), out.end(), [&](const AnalysisFinding& x, const AnalysisFinding& y) {
      const Span &sx = m.rules[x.rule].idSpan, &sy = m.rules[y.rule].idSpan;
      return std::tie(sx.file, sx.begin, x.kind, x.others) < std::tie(sy.file, sy.begin, y.kind, y.others);
    });
    return out;
  }

 private:
  /// A rule is redundant when the other rules imply it. Only rules that
  /// share a variable with it, directly or through other rules (its
  /// connected component), can take part: the rest is independent of it. Each
  /// component gets its own solver, so a rule is asked against its component
  /// only (the bundled rules: 19 s against the whole rulebase).
  void redundancy(const std::vector<int>& rules, const std::set<int>& broken, std::vector<AnalysisFinding>& out) {
    std::vector<int> live;
    for (int r : rules)
      if (!broken.count(r)) live.push_back(r);
    // Union-find over rules that share a variable.
    std::vector<std::size_t> parent(live.size());
    for (std::size_t i = 0; i < live.size(); ++i) parent[i] = i;
    std::function<std::size_t(std::size_t)> find = [&](std::size_t i) {
      return parent[i] == i ? i : parent[i] = find(parent[i]);
    };
    std::map<std::string, std::size_t> firstWith;
    for (std::size_t i = 0; i < live.size(); ++i) {
      std::set<std::string> names;
      std::set<unsigned> seen;
      collect(terms(live[i]).phi, names, seen);
      for (auto& d : low_.definitionsFor(terms(live[i]).phi)) collect(d, names, seen);
      for (const auto& n : names) {
        auto [it, fresh] = firstWith.emplace(n, i);
        if (!fresh) parent[find(i)] = find(it->second);
      }
    }
    std::map<std::size_t, std::vector<std::size_t>> components;
    for (std::size_t i = 0; i < live.size(); ++i) components[find(i)].push_back(i);

    for (const auto& [root, members] : components) {
      if (members.size() < 2) continue;  // nothing else can imply it
      z3::solver s(ctx_, z3::solver::simple());
      // Redundancy is a hint, not a verdict: a question the solver cannot
      // settle within a fifth of a check's resources is left unreported
      // (month arithmetic over a large component can take seconds).
      CheckOptions limited = checker_.options();
      limited.rlimit = std::max<unsigned long long>(1, limited.rlimit / 5);
      configureSolver(ctx_, s, limitsOf(limited));
      std::map<unsigned, int> ruleOf;
      std::vector<std::pair<int, z3::expr>> tracked;
      for (std::size_t i : members) {
        int r = live[i];
        z3::expr t = ctx_.bool_const(("holds#" + std::to_string(r)).c_str());
        s.add(z3::implies(t, terms(r).phi));
        for (auto& d : low_.definitionsFor(terms(r).phi)) s.add(z3::implies(t, d));
        ruleOf[t.id()] = r;
        tracked.emplace_back(r, t);
      }
      for (auto& [r, t] : tracked) {
        z3::expr_vector others(ctx_);
        for (auto& [r2, t2] : tracked)
          if (r2 != r) others.push_back(t2);
        s.push();
        s.add(!terms(r).phi);
        for (auto& d : low_.definitionsFor(terms(r).phi)) s.add(d);
        auto res = s.check(others);
        std::vector<z3::expr> core;
        if (res == z3::unsat) {
          auto uc = s.unsat_core();
          for (unsigned i = 0; i < uc.size(); ++i) core.push_back(uc[i]);
          core = shrinkCore(s, std::move(core));
        }
        s.pop();
        if (res != z3::unsat || core.empty()) continue;
        std::vector<int> by;
        for (auto& c : core) by.push_back(ruleOf.at(c.id()));
        std::sort(by.begin(), by.end());
        out.push_back({AnalysisKind::redundant, r, by, {}, ""});
      }
    }
  }

  void collect(const z3::expr& e, std::set<std::string>& names, std::set<unsigned>& seen) {
    if (!seen.insert(e.id()).second) return;
    if (!e.is_app()) return;
    if (e.num_args() == 0 && e.decl().decl_kind() == Z3_OP_UNINTERPRETED) {
      names.insert(e.decl().name().str());
      return;
    }
    for (unsigned i = 0; i < e.num_args(); ++i) collect(e.arg(i), names, seen);
  }

  std::vector<std::int64_t> genericUniverse(const Ty& ty) {
    if (ty.kind == Kind::Ref) return {world_.freshOf[ty.decl]};
    return low_.declaredUniverse(ty);
  }

  void enumerate(const RuleInfo& rule, std::size_t k, Lowering::Env& env, std::vector<z3::expr>& conds,
                 z3::expr_vector& apps, z3::expr_vector& phis) {
    enumerateFirst(rule, k, env, conds, [&](Lowering::Env& e, const std::vector<z3::expr>& c) {
      RuleTerms t = ruleTerms(low_, rule, e, c);
      apps.push_back(t.app);
      phis.push_back(t.phi());
    });
  }

  void enumerateFirst(const RuleInfo& rule, std::size_t k, Lowering::Env& env, std::vector<z3::expr>& conds,
                      const std::function<void(Lowering::Env&, const std::vector<z3::expr>&)>& each) {
    if (k == rule.bindings.size()) {
      each(env, conds);
      return;
    }
    const Binding& b = rule.bindings[k];
    for (auto u : genericUniverse(b.ty)) {
      env[k] = u;
      if (b.set) {
        z3::expr mem = low_.member(*b.set, u, env);
        if (mem.simplify().is_false()) continue;
        conds.push_back(mem);
        enumerateFirst(rule, k + 1, env, conds, each);
        conds.pop_back();
      } else {
        enumerateFirst(rule, k + 1, env, conds, each);
      }
    }
    env[k] = -1;
  }

  Checker& checker_;
  z3::context& ctx_;
  GenericWorld world_;
  Lowering low_;
  z3::solver solver_;
  std::map<int, Terms> terms_;
  std::unique_ptr<z3::model> lastModel_;
};

}  // namespace

RuleExplanation explainRule(Checker& checker, const Model& rulebase, int rule) {
  try {
    Analyzer a(checker, rulebase);
    return a.explain(rule);
  } catch (const z3::exception& e) {
    throw InternalError(std::string("solver error in explain: ") + e.msg());
  }
}

std::vector<AnalysisFinding> analyzeRulebase(Checker& checker, const Model& rulebase, AnalysisOptions options) {
  try {
    Analyzer a(checker, rulebase);
    return a.analyze(options);
  } catch (const z3::exception& e) {
    throw InternalError(std::string("solver error in analysis: ") + e.msg());
  }
}

}  // namespace samsvar
