#include "engine/check/check.hpp"

#include <algorithm>
#include <functional>
#include <map>
#include <set>

#include "core/calendar.hpp"
#include "engine/check/checker_impl.hpp"
#include "engine/check/evaluate.hpp"
#include "engine/smt/lower.hpp"

namespace samsvar {

using namespace model;

const char* verdictName(Verdict v) {
  switch (v) {
    case Verdict::satisfied: return "satisfied";
    case Verdict::violated: return "violated";
    case Verdict::gap: return "gap";
    case Verdict::deviated: return "deviated";
    case Verdict::exempted: return "exempted";
    case Verdict::not_applicable: return "not_applicable";
    case Verdict::unknown: return "unknown";
  }
  return "unknown";
}

int verdictRank(Verdict v) {
  switch (v) {
    case Verdict::violated: return 6;
    case Verdict::unknown: return 5;
    case Verdict::gap: return 4;
    case Verdict::deviated: return 3;
    case Verdict::exempted: return 2;
    case Verdict::satisfied: return 1;
    case Verdict::not_applicable: return 0;
  }
  return 0;
}

namespace {

enum class Answer { sat, unsat, unknown };

/// One case's checking session: the fast solver (facts substituted), and on
/// demand a tracked solver (facts under tracking literals) for cores.
class Session {
 public:
  Session(z3::context& ctx, const Model& m, const CheckOptions& opt)
      : ctx_(ctx), m_(m), opt_(opt), fast_(ctx, m, true), eval_(m), solver_(ctx, z3::solver::simple()) {
    configure(solver_);
  }

  CaseResult run() {
    CaseResult out;
    for (int r : m_.activeRules) checkRule(r, out);
    out.solverChecks = checks_;
    out.evaluated = evaluated_;
    std::stable_sort(out.findings.begin(), out.findings.end(), [&](const Finding& a, const Finding& b) {
      return std::tie(a.location.file, a.location.begin, m_.rules[a.rule].id, a.binding) <
             std::tie(b.location.file, b.location.begin, m_.rules[b.rule].id, b.binding);
    });
    return out;
  }

 private:
  void configure(z3::solver& s) { configureSolver(ctx_, s, limitsOf(opt_)); }

  Answer ask(z3::solver& s, const z3::expr& e, std::string& reason, std::optional<z3::model>* model = nullptr) {
    s.push();
    s.add(e);
    for (auto& d : fast_.definitionsFor(e)) s.add(d);
    ++checks_;
    z3::check_result r = s.check();
    if (r == z3::unknown) reason = s.reason_unknown();
    if (r == z3::sat && model) model->emplace(s.get_model());
    s.pop();
    return r == z3::sat ? Answer::sat : r == z3::unsat ? Answer::unsat : Answer::unknown;
  }

  void checkRule(int r, CaseResult& out) {
    const RuleInfo& rule = m_.rules[r];
    if (!opt_.fold) {
      forEachBinding(fast_, rule, true, [&](Lowering::Env& env, const std::vector<z3::expr>& conds) {
        Finding f = newFinding(r, rule, env);
        decide(rule, env, conds, f);
        out.findings.push_back(std::move(f));
      });
      return;
    }
    Lowering::Env env(std::max(rule.slots, 1), -1);
    enumerate(r, rule, 0, env, out);
  }

  Finding newFinding(int r, const RuleInfo& rule, const Lowering::Env& env) {
    Finding f;
    f.rule = r;
    f.binding.assign(env.begin(), env.begin() + static_cast<long>(rule.bindings.size()));
    return f;
  }

  /// The bindings of forEachBinding, in its order and with its pruning, with
  /// memberships decided by exact evaluation where they can be.
  void enumerate(int r, const RuleInfo& rule, std::size_t k, Lowering::Env& env, CaseResult& out) {
    if (k == rule.bindings.size()) {
      decideFolded(r, rule, env, out);
      return;
    }
    const Binding& b = rule.bindings[k];
    for (auto u : fast_.declaredUniverse(b.ty)) {
      env[k] = u;
      if (b.set) {
        Evaluator::Value mem = eval_.member(*b.set, u, env);
        if (mem && *mem == 0) continue;
        if (!mem && fast_.member(*b.set, u, env).simplify().is_false()) continue;  // as forEachBinding prunes
      }
      enumerate(r, rule, k + 1, env, out);
    }
    env[k] = -1;
  }

  void decideFolded(int r, const RuleInfo& rule, Lowering::Env& env, CaseResult& out) {
    Finding f = newFinding(r, rule, env);
    Evaluated e = evaluate(rule, env);
    std::optional<Verdict> v;
    if (e.app && *e.app == 0) v = Verdict::not_applicable;
    else if (e.app && e.req) v = *e.req != 0 ? Verdict::satisfied : Verdict::violated;
    if (v) {
      ++evaluated_;
      finish(rule, env, *v, f);
    } else {
      std::vector<z3::expr> conds;
      for (std::size_t k = 0; k < rule.bindings.size(); ++k)
        if (rule.bindings[k].set) conds.push_back(fast_.member(*rule.bindings[k].set, env[k], env).simplify());
      decide(rule, env, conds, f);
    }
    out.findings.push_back(std::move(f));
  }

  /// Location, explanation and waivers of a binding whose verdict is known
  /// without a solver (never a gap or unknown: those need Z3).
  void finish(const RuleInfo& rule, Lowering::Env& env, Verdict v, Finding& f) {
    f.bindingText = bindingText(rule, f.binding);
    f.location = locationOf(rule, f.binding);
    f.verdict = f.underlying = v;
    if (opt_.explain && v == Verdict::violated) explainFolded(rule, env, f);
    if (v == Verdict::violated) applyWaiver(rule, f);
  }

  void decide(const RuleInfo& rule, Lowering::Env& env, const std::vector<z3::expr>& conds, Finding& f) {
    RuleTerms terms = ruleTerms(fast_, rule, env, conds);
    z3::expr app = terms.app.simplify();
    z3::expr req = terms.req.simplify();
    // Value ranges go with each query (definitionsFor), never to the base
    // level where every later query would pay for them.
    fast_.takeDomainConstraints();
    f.bindingText = bindingText(rule, f.binding);
    f.location = locationOf(rule, f.binding);

    Verdict v;
    std::string reason;
    std::optional<z3::model> holdsModel;
    if (app.is_false()) {
      v = Verdict::not_applicable;
    } else if (app.is_true() && req.is_true()) {
      v = Verdict::satisfied;
    } else if (app.is_true() && req.is_false()) {
      v = Verdict::violated;
    } else {
      // Two questions for most bindings: can it fail where it applies (which
      // also shows it can apply), and can it hold where it applies (whose
      // model is the gap's example).
      Answer canFail = ask(solver_, app && !req, reason);
      if (canFail == Answer::unknown) {
        v = Verdict::unknown;
      } else if (canFail == Answer::unsat) {
        Answer canApply = app.is_true() ? Answer::sat : ask(solver_, app, reason);
        v = canApply == Answer::unsat ? Verdict::not_applicable
            : canApply == Answer::unknown ? Verdict::unknown : Verdict::satisfied;
      } else {
        // A gap on a single undeclared number or date is described by its
        // bound, found without a model (see boundOf); others need one.
        bool wantModel = opt_.explain && !singleScalarGap(app, req);
        Answer holds = ask(solver_, app && req, reason, wantModel ? &holdsModel : nullptr);
        if (holds == Answer::sat) {
          v = Verdict::gap;
        } else if (holds == Answer::unknown) {
          v = Verdict::unknown;
        } else {
          // It cannot hold where it applies; it is open only if it may not apply.
          Answer mayNotApply = ask(solver_, !app, reason);
          v = mayNotApply == Answer::unsat ? Verdict::violated
              : mayNotApply == Answer::unknown ? Verdict::unknown : Verdict::gap;
        }
      }
    }
    f.verdict = f.underlying = v;
    if (v == Verdict::unknown) f.unknownReason = reason.empty() ? "unknown" : reason;
    if (opt_.explain) {
      if (v == Verdict::violated) explainViolation(rule, env, f);
      if (v == Verdict::gap) explainGap(rule, env, app, req, holdsModel, f);
    }
    if (v == Verdict::violated || v == Verdict::gap) applyWaiver(rule, f);
  }

  void applyWaiver(const RuleInfo& rule, Finding& f) {
    int ruleIndex = f.rule;
    int best = -1;
    for (std::size_t w = 0; w < m_.waivers.size(); ++w) {
      const Waiver& wv = m_.waivers[w];
      if (wv.rule != ruleIndex) continue;
      bool matches = wv.target < 0;
      for (std::size_t k = 0; k < rule.bindings.size() && !matches; ++k)
        if (rule.bindings[k].ty.kind == Kind::Ref && f.binding[k] == wv.target) matches = true;
      if (!matches) continue;
      // An exemption outranks a deviation; a targeted waiver outranks a general one.
      if (best < 0 || (wv.exemption && !m_.waivers[best].exemption) ||
          (wv.exemption == m_.waivers[best].exemption && m_.waivers[best].target < 0 && wv.target >= 0))
        best = static_cast<int>(w);
    }
    if (best < 0) return;
    const Waiver& wv = m_.waivers[best];
    if (!wv.exemption && rule.strength == ast::Strength::maa) return;  // sema rejects this
    f.waiver = best;
    f.verdict = wv.exemption ? Verdict::exempted : Verdict::deviated;
  }

  std::string bindingText(const RuleInfo& rule, const std::vector<std::int64_t>& b) {
    std::string s;
    for (std::size_t k = 0; k < rule.bindings.size(); ++k) {
      if (!s.empty()) s += ", ";
      s += rule.bindings[k].var + " = " + fast_.elementName(rule.bindings[k].ty, b[k]);
    }
    return s;
  }

  Span locationOf(const RuleInfo& rule, const std::vector<std::int64_t>& b) {
    // The most specific bound instance declared in the case; else any bound
    // instance; else the rule itself.
    Span any;
    for (std::size_t k = rule.bindings.size(); k-- > 0;) {
      if (rule.bindings[k].ty.kind != Kind::Ref) continue;
      const Instance& in = m_.instances[b[k]];
      if (in.module.empty()) return in.span;
      if (!any.valid) any = in.span;
    }
    return any.valid ? any : rule.idSpan;
  }

  // -------------------------------------------------------------- violations
  /// Applicability (memberships and `when`) and requirement of a binding by
  /// exact evaluation; either may be open.
  struct Evaluated {
    Evaluator::Value app, req;
  };
  Evaluated evaluate(const RuleInfo& rule, Lowering::Env& env) {
    Evaluator::Value app = 1;
    auto conj = [&](Evaluator::Value v) {
      if (app && *app == 0) return;
      if (v && *v == 0) app = 0;
      else if (!v) app = std::nullopt;
    };
    for (std::size_t k = 0; k < rule.bindings.size(); ++k)
      if (rule.bindings[k].set) conj(eval_.member(*rule.bindings[k].set, env[k], env));
    if (app && *app == 0) return {app, std::nullopt};
    if (rule.when) conj(eval_.eval(*rule.when, env));
    if (app && *app == 0) return {app, std::nullopt};
    return {app, eval_.eval(*rule.require, env)};
  }

  /// Does the binding come out violated by exact evaluation alone (with the
  /// facts the evaluator hides treated as unknown)?
  bool forcedViolation(const RuleInfo& rule, Lowering::Env& env) {
    Evaluated e = evaluate(rule, env);
    return e.app && *e.app != 0 && e.req && *e.req == 0;
  }

  /// The explanation of a violation that exact evaluation decided: the facts
  /// the evaluation read decide it; deletion drops each one without which,
  /// every other fact unknown, evaluation still finds the violation. What is
  /// left forces the violation on its own, and no fact of it can go (as far
  /// as three-valued evaluation sees; no solver call is needed).
  void explainFolded(const RuleInfo& rule, Lowering::Env& env, Finding& f) {
    std::vector<int> reads;
    eval_.recordReads(&reads);
    bool forced = forcedViolation(rule, env);
    eval_.recordReads(nullptr);
    if (!forced) {
      explainViolation(rule, env, f);  // not expected: the solver explains it
      return;
    }
    std::sort(reads.begin(), reads.end());
    reads.erase(std::unique(reads.begin(), reads.end()), reads.end());
    std::vector<char> hidden(m_.facts.size(), 1);
    for (int fact : reads) hidden[fact] = 0;
    eval_.hideFacts(&hidden);
    std::vector<int> core;
    for (int fact : reads) {
      hidden[fact] = 1;
      if (!forcedViolation(rule, env)) {
        hidden[fact] = 0;
        core.push_back(fact);
      }
    }
    eval_.hideFacts(nullptr);
    addBecause(core, f);
  }

  void addBecause(std::vector<int> facts, Finding& f) {
    std::sort(facts.begin(), facts.end(), [&](int a, int b) {
      const Span &x = m_.facts[a].span, &y = m_.facts[b].span;
      return std::tie(x.file, x.begin) < std::tie(y.file, y.begin);
    });
    for (int fi : facts) f.because.push_back(ExplainedFact{fi, factText(fi), m_.facts[fi].span});
  }

  void ensureTracked() {
    if (tsolver_) return;
    tsolver_ = std::make_unique<z3::solver>(ctx_, z3::solver::simple());
    configure(*tsolver_);
  }

  /// The declared facts whose variables occur in `terms` (a cone of
  /// influence: no other fact can be part of the contradiction).
  std::vector<int> factsMentioned(const Lowering& low, const std::vector<z3::expr>& terms) {
    std::set<int> out;
    std::set<unsigned> seen;
    std::vector<z3::expr> todo(terms.begin(), terms.end());
    while (!todo.empty()) {
      z3::expr e = todo.back();
      todo.pop_back();
      if (!seen.insert(e.id()).second || !e.is_app()) continue;
      if (e.num_args() == 0 && e.decl().decl_kind() == Z3_OP_UNINTERPRETED) {
        const VarInfo* vi = low.varInfo(e.decl().name().str());
        if (vi && !low.isPhantom(vi->instance)) {
          int fact = m_.instances[vi->instance].factOfAttr[vi->attr];
          if (fact >= 0) out.insert(fact);
        }
        continue;
      }
      for (unsigned i = 0; i < e.num_args(); ++i) todo.push_back(e.arg(i));
    }
    return {out.begin(), out.end()};
  }

  /// A minimal set of declared facts that forces the violation: with them
  /// fixed and every other fact free, the binding cannot hold (deletion-
  /// based, asked of Z3: for violations the solver decided).
  void explainViolation(const RuleInfo& rule, Lowering::Env& env, Finding& f) {
    ensureTracked();
    Lowering low(ctx_, m_, false);
    std::vector<z3::expr> memberships;
    for (std::size_t k = 0; k < rule.bindings.size(); ++k)
      if (rule.bindings[k].set) memberships.push_back(low.member(*rule.bindings[k].set, env[k], env));
    z3::expr phi = ruleTerms(low, rule, env, memberships).phi();
    std::vector<z3::expr> query = low.definitionsFor(phi);
    query.push_back(phi);
    std::vector<int> relevant = factsMentioned(low, query);
    std::vector<z3::expr> factTerms;
    for (int fact : relevant) factTerms.push_back(low.factConstraint(fact));
    // Each fact under an assumption literal, minimised by deletion from every
    // relevant fact in fact order (not from unsat_core(), whose pick among
    // several cores depends on what the solver saw before).
    tsolver_->push();
    for (auto& d : low.takeDomainConstraints()) tsolver_->add(d);
    for (auto& q : query) tsolver_->add(q);
    std::vector<z3::expr> lits;
    std::map<unsigned, int> litFact;
    for (std::size_t i = 0; i < relevant.size(); ++i) {
      lits.push_back(ctx_.bool_const(("fact#" + std::to_string(relevant[i])).c_str()));
      litFact[lits.back().id()] = relevant[i];
      tsolver_->add(z3::implies(lits.back(), factTerms[i]));
    }
    std::vector<int> facts;
    z3::expr_vector all(ctx_);
    for (auto& l : lits) all.push_back(l);
    ++checks_;
    if (tsolver_->check(all) == z3::unsat)
      for (auto& l : shrinkCore(*tsolver_, lits, &checks_)) facts.push_back(litFact.at(l.id()));
    tsolver_->pop();
    addBecause(std::move(facts), f);
  }

  std::string factText(int fi) {
    const Fact& fact = m_.facts[fi];
    const Instance& in = m_.instances[fact.instance];
    const AttrInfo& a = m_.types[in.type].attrs[fact.attr];
    std::string v;
    if (a.ty.set) {
      v = "{ ";
      bool first = true;
      for (int e : fact.value.set.members) {
        v += (first ? "" : ", ") + valueText(m_, a.ty.element(), e);
        first = false;
      }
      if (fact.value.set.open) v += first ? "..." : ", ...";
      v += first && !fact.value.set.open ? "}" : " }";
    } else {
      v = valueText(m_, a.ty, fact.value.scalar);
    }
    return in.name + "." + a.name + " = " + v;
  }

  // -------------------------------------------------------------- gaps
  void collectVars(const z3::expr& e, std::set<std::string>& names, std::set<unsigned>& seen) {
    if (!seen.insert(e.id()).second) return;
    if (e.is_app()) {
      if (e.num_args() == 0 && e.decl().decl_kind() == Z3_OP_UNINTERPRETED) {
        std::string n = e.decl().name().str();
        if (const z3::expr* src = fast_.auxSource(n)) collectVars(*src, names, seen);
        else names.insert(n);
        return;
      }
      for (unsigned i = 0; i < e.num_args(); ++i) collectVars(e.arg(i), names, seen);
    }
  }

  /// Describes a gap by the undeclared attributes that decide it, with the
  /// values of `model` (one where the rule applies and holds).
  /// The undeclared attribute variables a binding's terms mention (calendar
  /// variables stand for the date they decompose).
  std::set<std::string> gapVars(const z3::expr& app, const z3::expr& req) {
    std::set<std::string> names;
    std::set<unsigned> seen;
    collectVars(app, names, seen);
    collectVars(req, names, seen);
    return names;
  }

  bool singleScalarGap(const z3::expr& app, const z3::expr& req) {
    std::set<std::string> names = gapVars(app, req);
    if (names.size() != 1) return false;
    const VarInfo* vi = fast_.varInfo(*names.begin());
    if (!vi || vi->element >= 0 || fast_.isPhantom(vi->instance)) return false;
    Kind k = m_.types[m_.instances[vi->instance].type].attrs[vi->attr].ty.kind;
    return k == Kind::Int || k == Kind::Date || k == Kind::Duration;
  }

  void explainGap(const RuleInfo& rule, Lowering::Env& env, const z3::expr& app, const z3::expr& req,
                  std::optional<z3::model>& given, Finding& f) {
    std::set<std::string> names = gapVars(app, req);
    if (!given && names.size() == 1) {
      // A single number or date: its bound, when it has one, says it all.
      const VarInfo* vi = fast_.varInfo(*names.begin());
      if (vi && vi->element < 0 && !fast_.isPhantom(vi->instance)) {
        const AttrInfo& a = m_.types[m_.instances[vi->instance].type].attrs[vi->attr];
        GapAttribute g;
        g.instance = vi->instance;
        g.attr = vi->attr;
        g.path = m_.instances[vi->instance].name + "." + a.name;
        if (boundNatively(rule, env, *vi, ctx_.int_const(names.begin()->c_str()), a.ty, app, req, g)) {
          f.gaps.push_back(std::move(g));
          return;
        }
      }
    }
    if (!given) {
      std::string reason;
      if (ask(solver_, app && req, reason, &given) != Answer::sat || !given) return;
    }
    const z3::model& model = *given;
    // Group by (instance, attribute); phantom members become "another X with …".
    std::map<std::pair<int, int>, GapAttribute> groups;
    std::map<std::pair<int, int>, std::vector<Bilingual>> members;
    std::vector<std::pair<std::string, const VarInfo*>> scalars;
    for (const auto& n : names) {
      const VarInfo* vi = fast_.varInfo(n);
      if (!vi) continue;  // auxiliary (calendar) variables
      if (fast_.isPhantom(vi->instance)) continue;  // described through the set that holds it
      auto key = std::make_pair(vi->instance, vi->attr);
      const AttrInfo& a = m_.types[m_.instances[vi->instance].type].attrs[vi->attr];
      GapAttribute& g = groups[key];
      g.instance = vi->instance;
      g.attr = vi->attr;
      g.path = m_.instances[vi->instance].name + "." + a.name;
      z3::expr var = a.ty.kind == Kind::Bool || vi->element >= 0 ? ctx_.bool_const(n.c_str()) : ctx_.int_const(n.c_str());
      z3::expr val = model.eval(var, true);
      if (vi->element >= 0) {
        if (val.is_true()) members[key].push_back(memberDescription(model, a.ty.element(), vi->element));
      } else {
        Bilingual t = scalarText(a.ty, val);
        g.suggestion = t.en;
        g.suggestionNb = t.nb;
        scalars.emplace_back(n, vi);
      }
    }
    for (auto& [key, g] : groups) {
      if (g.suggestion.empty()) {
        std::string nb = "{ ", en = "{ ";
        for (std::size_t i = 0; i < members[key].size(); ++i) {
          nb += (i ? ", " : "") + members[key][i].nb;
          en += (i ? ", " : "") + members[key][i].en;
        }
        g.suggestion = members[key].empty() ? "{}" : en + " }";
        g.suggestionNb = members[key].empty() ? "{}" : nb + " }";
      }
    }
    // A single undeclared number or date: say which side of a bound satisfies.
    if (groups.size() == 1 && scalars.size() == 1) {
      const VarInfo* vi = scalars[0].second;
      const AttrInfo& a = m_.types[m_.instances[vi->instance].type].attrs[vi->attr];
      if (a.ty.kind == Kind::Int || a.ty.kind == Kind::Date || a.ty.kind == Kind::Duration)
        boundOf(rule, env, *vi, ctx_.int_const(scalars[0].first.c_str()), a.ty, app, req, groups.begin()->second);
    }
    for (auto& [key, g] : groups) f.gaps.push_back(std::move(g));
  }

  /// Does the binding apply and hold, by exact evaluation, when the gap's
  /// single undeclared attribute has value `v`? (nullopt: still open.)
  std::optional<bool> holdsWith(const RuleInfo& rule, Lowering::Env& env, const VarInfo& vi, std::int64_t v) {
    eval_.assume(vi.instance, vi.attr, v);
    Evaluated e = evaluate(rule, env);
    eval_.assume(-1, -1, 0);
    if (e.app && *e.app == 0) return false;
    if (!e.app || !e.req) return std::nullopt;
    return *e.req != 0;
  }

  /// The bound of a single undeclared number or date: the value from which
  /// on (or up to which) the rule holds, when it has one. Exact evaluation
  /// finds the threshold by bisection; Z3 confirms it (every value on that
  /// side satisfies, none on the other does). Optimize is the fallback.
  void boundOf(const RuleInfo& rule, Lowering::Env& env, const VarInfo& vi, const z3::expr& x, const Ty& ty,
               const z3::expr& app, const z3::expr& req, GapAttribute& g) {
    if (!boundNatively(rule, env, vi, x, ty, app, req, g)) boundByOptimize(x, ty, app, req, g);
  }

  bool boundNatively(const RuleInfo& rule, Lowering::Env& env, const VarInfo& vi, const z3::expr& x, const Ty& ty,
                     const z3::expr& app, const z3::expr& req, GapAttribute& g) {
    std::int64_t lo = -(std::int64_t{1} << 40), hi = std::int64_t{1} << 40;
    if (ty.kind == Kind::Date) {
      lo = *calendar::dayNumber(calendar::kMinYear, 1, 1);
      hi = *calendar::dayNumber(calendar::kMaxYear, 12, 31);
    }
    auto atLo = holdsWith(rule, env, vi, lo), atHi = holdsWith(rule, env, vi, hi);
    if (atLo && atHi && *atLo != *atHi) {
      bool lower = *atHi;  // holds from some value upwards
      std::int64_t a = lo, b = hi;  // P(a) != P(b); find the first value where P flips
      bool ok = true;
      while (b - a > 1 && ok) {
        std::int64_t mid = a + (b - a) / 2;
        auto p = holdsWith(rule, env, vi, mid);
        if (!p) ok = false;
        else if (*p == *atLo) a = mid;
        else b = mid;
      }
      if (ok) {
        std::int64_t n = lower ? b : a;
        std::string reason;
        z3::expr side = lower ? x >= ctx_.int_val(n) : x <= ctx_.int_val(n);
        z3::expr other = lower ? x < ctx_.int_val(n) : x > ctx_.int_val(n);
        if (ask(solver_, app && side && !req, reason) == Answer::unsat &&
            ask(solver_, app && req && other, reason) == Answer::unsat) {
          g.suggestion = g.suggestionNb = valueText(m_, ty, n);
          g.bound = lower ? "on_or_after" : "on_or_before";
          g.boundValue = n;
          return true;
        }
      }
    }
    return false;
  }

  void boundByOptimize(const z3::expr& x, const Ty& ty, const z3::expr& app, const z3::expr& req, GapAttribute& g) {
    // The least and the greatest value that satisfy the rule, in one
    // Optimize call (box priority: each objective on its own).
    z3::optimize opt(ctx_);
    z3::params p(ctx_);
    p.set("rlimit", static_cast<unsigned>(std::min<unsigned long long>(opt_.rlimit, 4'000'000'000ULL)));
    if (opt_.timeoutMs) p.set("timeout", opt_.timeoutMs);
    p.set("priority", ctx_.str_symbol("box"));
    opt.set(p);
    opt.add(app && req);
    for (auto& d : fast_.definitionsFor(app && req)) opt.add(d);
    auto lo = opt.minimize(x);
    auto hi = opt.maximize(x);
    ++checks_;
    if (opt.check() != z3::sat) return;
    for (bool lower : {true, false}) {
      z3::expr best = lower ? opt.lower(lo) : opt.upper(hi);
      int64_t n;
      if (!best.is_numeral_i64(n)) continue;  // unbounded
      std::string reason;
      z3::expr side = lower ? x >= ctx_.int_val(n) : x <= ctx_.int_val(n);
      if (ask(solver_, app && side && !req, reason) == Answer::unsat) {
        g.suggestion = g.suggestionNb = valueText(m_, ty, n);
        g.bound = lower ? "on_or_after" : "on_or_before";
        g.boundValue = n;
        return;
      }
    }
  }

  Bilingual scalarText(const Ty& ty, const z3::expr& val) {
    auto same = [](std::string t) { return Bilingual{t, t}; };
    if (ty.kind == Kind::Bool) return same(val.is_true() ? "true" : "false");
    int64_t n;
    if (!val.is_numeral_i64(n)) return same("?");
    if (ty.kind == Kind::Text)
      return n == 0 ? same("\"\"") : Bilingual{"\"…\" (en ikke-tom tekst)", "\"…\" (a non-empty text)"};
    if (ty.kind == Kind::Ref) return same(fast_.elementName(ty, n));
    return same(valueText(m_, ty, n));
  }

  Bilingual memberDescription(const z3::model& model, const Ty& elem, std::int64_t u) {
    if (elem.kind != Kind::Ref || !fast_.isPhantom(u)) {
      std::string name = fast_.elementName(elem, u);
      return Bilingual{name, name};
    }
    // Describe the phantom member by the attribute values the rule needs.
    const TypeInfo& ti = m_.types[fast_.phantomType(u)];
    std::string withNb, withEn;
    for (std::size_t a = 0; a < ti.attrs.size(); ++a) {
      std::string n = "?" + ti.name + "." + ti.attrs[a].name;
      if (!fast_.varInfo(n) || ti.attrs[a].ty.set) continue;
      z3::expr var = ti.attrs[a].ty.kind == Kind::Bool ? ctx_.bool_const(n.c_str()) : ctx_.int_const(n.c_str());
      Bilingual v = scalarText(ti.attrs[a].ty, model.eval(var, true));
      withNb += (withNb.empty() ? "" : ", ") + ti.attrs[a].name + " = " + v.nb;
      withEn += (withEn.empty() ? "" : ", ") + ti.attrs[a].name + " = " + v.en;
    }
    return Bilingual{"en annen " + ti.name + (withNb.empty() ? "" : " med " + withNb),
                 "another " + ti.name + (withEn.empty() ? "" : " with " + withEn)};
  }

  z3::context& ctx_;
  const Model& m_;
  const CheckOptions& opt_;
  Lowering fast_;
  Evaluator eval_;
  z3::solver solver_;
  std::unique_ptr<z3::solver> tsolver_;
  std::size_t checks_ = 0;
  std::size_t evaluated_ = 0;
};

}  // namespace


Checker::Checker(CheckOptions options) : impl_(std::make_unique<Impl>()) { impl_->options = options; }
Checker::~Checker() = default;
const CheckOptions& Checker::options() const { return impl_->options; }

CaseResult Checker::check(const Model& model) {
  try {
    // A fresh context per case: Z3's choices among equally good models and
    // cores depend on every term the context has seen, so a case checked
    // after others would get other gap examples and cores than the same
    // case checked alone. With its own context a case's report is the same
    // in a batch, on any thread, and in a single run (~1 ms per case).
    z3::context ctx;
    Session s(ctx, model, impl_->options);
    return s.run();
  } catch (const z3::exception& e) {
    throw InternalError(std::string("solver error: ") + e.msg());
  }
}

}  // namespace samsvar
