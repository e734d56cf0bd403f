#include "engine/check/check.hpp"

#include <algorithm>
#include <map>
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
class CaseCheck : public smt::BindingVisitor {
 public:
  CaseCheck(const Model& m, const CheckOptions& opt) : m_(m), opt_(opt), eval_(m), solver_(m, opt.limits()) {}

  CaseResult run() {
    for (int r : m_.activeRules) {
      rule_ = r;
      bindings_ = 0;
      smt::forEachBinding(m_.rules[r], *this);
    }
    CaseResult out;
    out.findings = std::move(findings_);
    out.solverChecks = solver_.checks();
    out.evaluated = evaluated_;
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
    try {
      return !solver_.excludes(*b.set, env[k], env);
    } catch (const smt::LimitExceeded&) {
      return true;  // perhaps a member: its bindings are visited, and unknown
    }
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
    std::optional<Verdict> v;
    if (opt_.fold) v = verdictByEvaluation(evaluateBinding(eval_, rule, env));
    if (v) {
      ++evaluated_;
      f.verdict = f.underlying = *v;
      if (opt_.explain && *v == Verdict::violated)
        f.because = explainViolation(m_, rule, env, eval_, solver_, /*byEvaluation=*/true);
    } else {
      try {
        decide(rule, env, f);
      } catch (const smt::LimitExceeded&) {
        // Too large to lower: not asked, so not decided (nor explained).
        f = Finding{f.rule, f.binding, Verdict::unknown, Verdict::unknown, -1, {}, {}, smt::kExpansionLimitReason,
                    f.location};
      }
    }
    if (f.verdict == Verdict::violated || f.verdict == Verdict::gap) applyWaiver(m_, f);
    // Z3 (or evaluation) found the binding applies and holds; a rule that
    // cannot fail says nothing more than that it applies.
    if (f.verdict == Verdict::satisfied && rule.informational()) f.verdict = f.underlying = Verdict::information;
    findings_.push_back(std::move(f));
  }

 private:
  void decide(const RuleInfo& rule, smt::Env& env, Finding& f) {
    smt::BindingQuestions q = solver_.bind(rule, env);
    Decision d = decideBySolver(q, [&] { return opt_.explain && !gapIsSingleNumber(m_, q.variables()); });
    f.verdict = f.underlying = d.verdict;
    f.unknownReason = d.unknownReason;
    if (!opt_.explain) return;
    if (d.verdict == Verdict::violated) f.because = explainViolation(m_, rule, env, eval_, solver_, false);
    if (d.verdict == Verdict::gap) {
      if (!anchor_) anchor_ = caseAnchorDate(m_);
      f.gaps = explainGap(m_, rule, env, eval_, q, *anchor_);
    }
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
  smt::CaseSolver solver_;
  int rule_ = -1;  // the rule being enumerated
  std::size_t bindings_ = 0;  // bindings of rule_ visited so far
  std::vector<Finding> findings_;
  std::size_t evaluated_ = 0;
  std::map<std::pair<int, int>, std::vector<std::int64_t>> declared_;  // (kind, decl) -> declared elements
  std::optional<std::optional<std::int64_t>> anchor_;  // caseAnchorDate(m_), once a gap needs it
};

}  // namespace

CaseResult Checker::check(const Model& model) const { return CaseCheck(model, options_).run(); }

}  // namespace samsvar
