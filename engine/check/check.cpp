#include "engine/check/check.hpp"

#include <algorithm>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <optional>
#include <tuple>

#include "engine/check/decide.hpp"
#include "engine/check/evaluate.hpp"
#include "engine/check/explain_gap.hpp"
#include "engine/check/explain_violation.hpp"
#include "engine/check/waivers.hpp"
#include "engine/smt/bindings.hpp"
#include "engine/smt/case_solver.hpp"

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
    case Verdict::information: return "information";
  }
  return "unknown";
}

int verdictRank(Verdict v) {
  switch (v) {
    case Verdict::violated: return 7;
    case Verdict::unknown: return 6;
    case Verdict::gap: return 5;
    case Verdict::deviated: return 4;
    case Verdict::exempted: return 3;
    case Verdict::satisfied: return 2;
    case Verdict::information: return 1;
    case Verdict::not_applicable: return 0;
  }
  return 0;
}

namespace {

/// Checking one case: every binding of every active rule is decided (exact
/// evaluation first, then the case's solver), explained, waived and located.
///
/// With a CheckReuse, a binding decided by evaluation whose attributes read
/// did not change keeps its finding, and the solver's uses are taken over
/// while each is the previous check's next use and its rule reads no changed
/// attribute; from the first that is not, the solver is made and the uses
/// before it are replayed, so it sees what it would have seen in a check
/// without reuse. The solver is made on first use: a case every binding of
/// which evaluation decides never makes a Z3 context.
class CaseCheck : public smt::BindingVisitor {
 public:
  using Use = CheckTrace::SolverUse;

  CaseCheck(const Model& m, const CheckOptions& opt, const CheckReuse* reuse, CheckTrace* trace)
      : m_(m), opt_(opt), eval_(m), reuse_(reuse && reuse->previous ? reuse : nullptr), trace_(trace) {
    if (reuse_) changedAttrs();
  }

  CaseResult run() {
    for (int r : m_.activeRules) {
      rule_ = r;
      bindings_ = 0;
      smt::forEachBinding(m_.rules[r], *this);
    }
    CaseResult out;
    out.findings = std::move(findings_);
    out.solverChecks = solver_ ? solver_->checks() : reusedChecks_;
    out.evaluated = evaluated_;
    out.reused = reused_;
    std::stable_sort(out.findings.begin(), out.findings.end(), [&](const Finding& a, const Finding& b) {
      return std::tie(a.location.file, a.location.begin, m_.rules[a.rule].id, a.binding) <
             std::tie(b.location.file, b.location.begin, m_.rules[b.rule].id, b.binding);
    });
    return out;
  }

  // Bindings range over declared elements; memberships are decided by exact
  // evaluation where they can be, else by the lowered membership.
  std::vector<std::int64_t> candidates(const Binding& b) override { return smt::declaredElements(m_, b.ty); }

  // The same, without a pass over every instance per binding: `x in set`
  // over a set exact evaluation knows takes its members (in the same order:
  // the others are not members, so enter() would skip them), and the
  // declared elements of a type are listed once per case. Linear in the
  // bindings, where trying every declared element for every outer binding
  // was quadratic (N products each with its own hearing).
  const std::vector<std::int64_t>* candidatesAt(std::size_t k, smt::Env& env) override {
    const Binding& b = m_.rules[rule_].bindings[k];
    if (b.set && opt_.fold && !overLimit()) {
      const Ty elem = b.set->ty.element();
      if (elem.kind == b.ty.kind && elem.decl == b.ty.decl)
        if (const std::vector<std::int64_t>* members = eval_.exactMembers(*b.set, env)) return members;
    }
    auto key = std::make_pair(static_cast<int>(b.ty.kind), b.ty.decl);
    auto it = declared_.find(key);
    if (it == declared_.end()) it = declared_.emplace(key, smt::declaredElements(m_, b.ty)).first;
    return &it->second;
  }

  bool enter(std::size_t k, smt::Env& env) override {
    if (overLimit()) return false;  // ends the enumeration quickly
    const Binding& b = m_.rules[rule_].bindings[k];
    if (!b.set) return true;
    if (opt_.fold)
      if (Evaluator::Value mem = eval_.member(*b.set, env[k], env)) return *mem != 0;
    return !excludes(k, env);
  }

  void visit(smt::Env& env) override {
    if (overLimit()) return;
    const RuleInfo& rule = m_.rules[rule_];
    Finding f;
    f.rule = rule_;
    f.binding.assign(env.begin(), env.begin() + static_cast<long>(rule.bindings.size()));
    f.location = locationOf(rule, f.binding);
    if (++bindings_ > opt_.maxBindings && opt_.maxBindings) {
      // This binding and the rest are undecided: one finding says so, at
      // the first of them, rather than a verdict nobody computed.
      f.verdict = f.underlying = Verdict::unknown;
      f.unknownReason = kBindingLimitReason;
      findings_.push_back(std::move(f));
      return;
    }
    if (reuse_ && opt_.fold && takeOver(f)) return;
    std::vector<std::int64_t> reads;
    if (trace_) eval_.traceAttrs(&reads);
    bool byEvaluation = false;
    std::optional<Verdict> v;
    if (opt_.fold) v = verdictByEvaluation(evaluateBinding(eval_, rule, env));
    if (v) {
      ++evaluated_;
      byEvaluation = true;
      f.verdict = f.underlying = *v;
      if (opt_.explain && *v == Verdict::violated) {
        auto because = explainViolationByEvaluation(m_, rule, env, eval_);
        if (because) {
          f.because = std::move(*because);
        } else {
          byEvaluation = false;
          f.because = core(rule, env);
        }
      }
    } else {
      eval_.traceAttrs(nullptr);
      decide(rule, env, f);
    }
    eval_.traceAttrs(nullptr);
    if (f.verdict == Verdict::violated || f.verdict == Verdict::gap) applyWaiver(m_, f);
    // Z3 (or evaluation) found the binding applies and holds; a rule that
    // cannot fail says nothing more than that it applies.
    if (f.verdict == Verdict::satisfied && rule.informational()) f.verdict = f.underlying = Verdict::information;
    if (trace_ && byEvaluation) {
      std::sort(reads.begin(), reads.end());
      reads.erase(std::unique(reads.begin(), reads.end()), reads.end());
      trace_->bindings[{rule_, f.binding}] = CheckTrace::Binding{f, keysOf(f.because), std::move(reads), true};
    }
    findings_.push_back(std::move(f));
  }

 private:
  /// The previous finding of this binding, when evaluation decided it and
  /// no attribute it read changed.
  bool takeOver(Finding& f) {
    const auto& prev = reuse_->previous->bindings;
    auto it = prev.find({rule_, f.binding});
    if (it == prev.end() || !it->second.reusable || anyChanged(it->second.reads)) return false;
    ++evaluated_;
    ++reused_;
    Span location = f.location;
    f = it->second.finding;
    f.location = location;
    f.because = factsOf(it->second.because);
    if (trace_) trace_->bindings.insert(*it);
    findings_.push_back(std::move(f));
    return true;
  }

  /// The solver, made on first use; with reuse, the previous check's uses
  /// taken over so far are replayed in it first.
  smt::CaseSolver& solver() {
    if (solver_) return *solver_;
    solver_ = std::make_unique<smt::CaseSolver>(m_, opt_.limits());
    if (reuse_) {
      const auto& uses = reuse_->previous->solverUses;
      for (std::size_t i = 0; i < cursor_; ++i) {
        const Use& u = uses[i];
        const RuleInfo& rule = m_.rules[u.rule];
        smt::Env env = u.env;
        if (u.kind == Use::Kind::excludes) {
          askExcludes(rule, u.slot, env);
        } else if (u.kind == Use::Kind::decide) {
          Finding scratch;
          scratch.rule = u.rule;
          scratch.binding.assign(env.begin(), env.begin() + static_cast<long>(rule.bindings.size()));
          askDecide(rule, env, scratch);
        } else {
          explainViolation(m_, rule, env, eval_, *solver_, /*byEvaluation=*/false);
        }
      }
    }
    return *solver_;
  }

  /// The previous check's next solver use, when it is this one and its rule
  /// reads no changed attribute (and no use was asked anew before it).
  const Use* previousUse(Use::Kind kind, std::size_t slot, const smt::Env& env) {
    if (!reuse_ || solver_) return nullptr;
    const auto& uses = reuse_->previous->solverUses;
    if (cursor_ >= uses.size()) return nullptr;
    const Use& u = uses[cursor_];
    if (u.kind != kind || u.rule != rule_ || u.slot != slot || u.env != env || ruleTouched(rule_)) return nullptr;
    ++cursor_;
    reusedChecks_ += u.checks;
    if (trace_) trace_->solverUses.push_back(u);
    return &u;
  }

  /// Starts recording a use asked anew; returns the solver's calls so far.
  std::size_t beginUse() { return solver().checks(); }
  void endUse(Use use, std::size_t checksBefore) {
    if (!trace_) return;
    use.rule = rule_;
    use.checks = solver_->checks() - checksBefore;
    use.because = keysOf(use.decided.because);
    trace_->solverUses.push_back(std::move(use));
  }

  bool excludes(std::size_t k, smt::Env& env) {
    if (const Use* u = previousUse(Use::Kind::excludes, k, env)) return u->excluded;
    std::size_t before = beginUse();
    Use use{Use::Kind::excludes, rule_, k, trace_ ? env : smt::Env{}, false, {}, {}, 0};
    use.excluded = askExcludes(m_.rules[rule_], k, env);
    bool excluded = use.excluded;
    endUse(std::move(use), before);
    return excluded;
  }

  bool askExcludes(const RuleInfo& rule, std::size_t k, smt::Env& env) {
    try {
      return solver_->excludes(*rule.bindings[k].set, env[k], env);
    } catch (const smt::LimitExceeded&) {
      return false;  // perhaps a member: its bindings are visited, and unknown
    }
  }

  void decide(const RuleInfo& rule, smt::Env& env, Finding& f) {
    if (const Use* u = previousUse(Use::Kind::decide, 0, env)) {
      f.verdict = u->decided.verdict;
      f.underlying = u->decided.underlying;
      f.unknownReason = u->decided.unknownReason;
      f.gaps = u->decided.gaps;
      f.because = factsOf(u->because);
      ++reused_;
      return;
    }
    std::size_t before = beginUse();
    Use use{Use::Kind::decide, rule_, 0, trace_ ? env : smt::Env{}, false, {}, {}, 0};
    askDecide(rule, env, f);
    if (trace_) use.decided = f;
    endUse(std::move(use), before);
  }

  void askDecide(const RuleInfo& rule, smt::Env& env, Finding& f) {
    try {
      smt::BindingQuestions q = solver_->bind(rule, env);
      Decision d = decideBySolver(q, [&] { return opt_.explain && !gapIsSingleNumber(m_, q.variables()); });
      f.verdict = f.underlying = d.verdict;
      f.unknownReason = d.unknownReason;
      if (!opt_.explain) return;
      if (d.verdict == Verdict::violated) f.because = explainViolation(m_, rule, env, eval_, *solver_, false);
      if (d.verdict == Verdict::gap) {
        if (!anchor_) anchor_ = caseAnchorDate(m_);
        f.gaps = explainGap(m_, rule, env, eval_, q, *anchor_);
      }
    } catch (const smt::LimitExceeded&) {
      // Too large to lower: not asked, so not decided (nor explained).
      f = Finding{f.rule, f.binding, Verdict::unknown, Verdict::unknown, -1, {}, {}, smt::kExpansionLimitReason,
                  f.location};
    }
  }

  /// A violation exact evaluation found but cannot explain: Z3's core.
  std::vector<ExplainedFact> core(const RuleInfo& rule, smt::Env& env) {
    if (const Use* u = previousUse(Use::Kind::core, 0, env)) return factsOf(u->because);
    std::size_t before = beginUse();
    Use use{Use::Kind::core, rule_, 0, trace_ ? env : smt::Env{}, false, {}, {}, 0};
    std::vector<ExplainedFact> because = explainViolation(m_, rule, env, eval_, *solver_, /*byEvaluation=*/false);
    if (trace_) use.decided.because = because;
    endUse(std::move(use), before);
    return because;
  }

  std::vector<std::int64_t> keysOf(const std::vector<ExplainedFact>& facts) const {
    std::vector<std::int64_t> out;
    for (const auto& e : facts) out.push_back(factKey(m_.facts[e.fact].instance, m_.facts[e.fact].attr));
    return out;
  }

  /// The facts named by `keys` in this case's model, with their spans here.
  std::vector<ExplainedFact> factsOf(const std::vector<std::int64_t>& keys) const {
    std::vector<ExplainedFact> out;
    for (std::int64_t key : keys) {
      const Instance& in = m_.instances[static_cast<std::size_t>(key >> 20)];
      int fact = in.factOfAttr[static_cast<std::size_t>(key & 0xFFFFF)];
      if (fact < 0) throw InternalError("a reused explanation names a fact the case no longer declares");
      out.push_back(ExplainedFact{fact, m_.facts[fact].span});
    }
    return out;
  }

  /// The attributes whose facts changed, as (type, attr) pairs; a changed
  /// set-valued fact may change any rule's lowering (its open sets' unknown
  /// members), so it touches every rule.
  void changedAttrs() {
    for (std::int64_t key : reuse_->changed) {
      int type = m_.instances[static_cast<std::size_t>(key >> 20)].type;
      int attr = static_cast<int>(key & 0xFFFFF);
      changedTypeAttrs_.insert({type, attr});
      if (m_.types[type].attrs[attr].ty.set) everyRuleTouched_ = true;
    }
  }

  bool anyChanged(const std::vector<std::int64_t>& reads) const {
    const auto& changed = reuse_->changed;
    for (std::int64_t r : reads)
      if (std::binary_search(changed.begin(), changed.end(), r)) return true;
    return false;
  }

  /// Whether the rule's terms read an attribute whose facts changed.
  bool ruleTouched(int r) {
    if (everyRuleTouched_) return true;
    if (changedTypeAttrs_.empty()) return false;
    if (touched_.empty()) touched_.assign(m_.rules.size(), -1);
    if (touched_[r] < 0) {
      bool hit = false;
      std::function<void(const TExpr&)> walk = [&](const TExpr& e) {
        if (hit) return;
        if (e.op == Op::Attr && e.kids[0]->ty.kind == Kind::Ref &&
            changedTypeAttrs_.count({e.kids[0]->ty.decl, e.index}))
          hit = true;
        for (const auto& k : e.kids) walk(*k);
      };
      const RuleInfo& rule = m_.rules[r];
      for (const auto& b : rule.bindings)
        if (b.set) walk(*b.set);
      if (rule.when) walk(*rule.when);
      if (rule.require) walk(*rule.require);
      touched_[r] = hit;
    }
    return touched_[r] != 0;
  }

  bool overLimit() const { return opt_.maxBindings && bindings_ > opt_.maxBindings; }

  /// The most specific bound instance declared in the case; else any bound
  /// instance; else the rule itself.
  Span locationOf(const RuleInfo& rule, const std::vector<std::int64_t>& b) const {
    Span any;
    for (std::size_t k = rule.bindings.size(); k-- > 0;) {
      if (rule.bindings[k].ty.kind != Kind::Ref) continue;
      const Instance& in = m_.instances[b[k]];
      if (in.module.empty()) return in.span;
      if (!any.valid) any = in.span;
    }
    return any.valid ? any : rule.idSpan;
  }

  const Model& m_;
  const CheckOptions& opt_;
  Evaluator eval_;
  std::unique_ptr<smt::CaseSolver> solver_;
  const CheckReuse* reuse_;
  CheckTrace* trace_;
  std::size_t cursor_ = 0;        // the previous check's solver uses taken over so far
  std::size_t reusedChecks_ = 0;  // their solver calls
  std::set<std::pair<int, int>> changedTypeAttrs_;
  bool everyRuleTouched_ = false;
  std::vector<signed char> touched_;  // per rule: -1 not yet known
  int rule_ = -1;  // the rule being enumerated
  std::size_t bindings_ = 0;  // bindings of rule_ visited so far
  std::vector<Finding> findings_;
  std::size_t evaluated_ = 0;
  std::map<std::pair<int, int>, std::vector<std::int64_t>> declared_;  // (kind, decl) -> declared elements
  std::optional<std::optional<std::int64_t>> anchor_;  // caseAnchorDate(m_), once a gap needs it
  std::size_t reused_ = 0;
};

}  // namespace

CaseResult Checker::check(const Model& model) const { return CaseCheck(model, options_, nullptr, nullptr).run(); }

CaseResult Checker::check(const Model& model, const CheckReuse* reuse, CheckTrace* trace) const {
  return CaseCheck(model, options_, reuse, trace).run();
}

}  // namespace samsvar
