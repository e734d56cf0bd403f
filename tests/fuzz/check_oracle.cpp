#include "check_oracle.hpp"

#include "core/diagnostic.hpp"
#include "engine/check/check.hpp"
#include "engine/repair/repair.hpp"
#include "engine/sema/sema.hpp"
#include "grammar/parse.hpp"

namespace samsvar::fuzz {

namespace {

bool mustHold(const model::Model& m, const Finding& f) {
  auto s = m.rules[f.rule].strength;
  return s == ast::Strength::maa || s == ast::Strength::skal;
}

}  // namespace

std::string checkProperties(const Generated& in, bool repair) {
  const std::string shown = "\n--- module\n" + in.module + "--- case\n" + in.kase;
  SourceManager sm;
  Diagnostics diags;
  auto mod = parseFile(sm, sm.add("fz.rules", in.module), diags);
  auto kase = parseFile(sm, sm.add("fz.case", in.kase), diags);
  std::optional<model::Model> rulebase, m;
  if (mod && kase) rulebase = analyzeModules(sm, {*mod}, diags);
  if (rulebase) m = analyzeCase(*rulebase, sm, *kase, diags);
  if (!m) return "the generator wrote an input that does not check:\n" + renderAll(sm, diags, Lang::en) + shown;

  CheckOptions folded, reference;
  reference.fold = false;
  Checker a(folded), b(reference);
  CaseResult ra = a.check(*m), rb = b.check(*m);
  if (ra.findings.size() != rb.findings.size()) return "evaluation and Z3 found different bindings" + shown;
  for (std::size_t i = 0; i < ra.findings.size(); ++i) {
    const Finding &x = ra.findings[i], &y = rb.findings[i];
    if (x.rule != y.rule || x.binding != y.binding) return "evaluation and Z3 ordered the bindings differently" + shown;
    if (x.verdict == Verdict::unknown || y.verdict == Verdict::unknown) continue;
    if (x.verdict != y.verdict)
      return "rule " + m->rules[x.rule].id + ": evaluation says " + verdictName(x.verdict) + ", Z3 says " +
             verdictName(y.verdict) + shown;
  }
  if (!repair) return {};
  RepairResult r = computeRepair(a, *m, ra);
  if (r.status != RepairResult::Status::found) return {};
  model::Model fixed = applyRepair(*m, r);
  CaseResult after = a.check(fixed);
  for (const auto& f : after.findings) {
    if (!mustHold(fixed, f)) continue;
    if (f.verdict == Verdict::violated || f.verdict == Verdict::gap)
      return "the printed repair leaves " + fixed.rules[f.rule].id + " " + verdictName(f.verdict) + shown;
  }
  return {};
}

}  // namespace samsvar::fuzz
