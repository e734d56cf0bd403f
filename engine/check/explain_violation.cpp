#include "engine/check/explain_violation.hpp"

#include <algorithm>
#include <tuple>

#include "engine/smt/minimise.hpp"

namespace samsvar {

using namespace model;

namespace {

/// Does the binding come out violated by exact evaluation alone (with the
/// facts the evaluator hides treated as unknown)?
bool forcedViolation(Evaluator& eval, const RuleInfo& rule, smt::Env& env) {
  BindingValue v = evaluateBinding(eval, rule, env);
  return v.applies && *v.applies != 0 && v.holds && *v.holds == 0;
}

/// The facts exact evaluation read decide the violation; deletion drops each
/// one without which, every other fact unknown, evaluation still finds it.
/// What is left forces the violation on its own, and no fact of it can go
/// (as far as three-valued evaluation sees; no solver call is needed).
/// nullopt: evaluation does not find the violation forced.
std::optional<std::vector<int>> coreByEvaluation(const Model& m, const RuleInfo& rule, smt::Env& env,
                                                 Evaluator& eval) {
  std::vector<int> reads;
  eval.recordReads(&reads);
  bool forced = forcedViolation(eval, rule, env);
  eval.recordReads(nullptr);
  if (!forced) return std::nullopt;
  std::sort(reads.begin(), reads.end());
  reads.erase(std::unique(reads.begin(), reads.end()), reads.end());
  std::vector<char>& hidden = eval.allHidden();
  eval.hideFacts(&hidden);
  std::vector<int> core = smt::minimiseByDeletion(reads, [&](const std::vector<int>& rest) {
    for (int fact : reads) hidden[fact] = 1;
    for (int fact : rest) hidden[fact] = 0;
    return forcedViolation(eval, rule, env);
  });
  for (int fact : reads) hidden[fact] = 1;  // all set again for the next caller
  eval.hideFacts(nullptr);
  return core;
}

}  // namespace

namespace {
std::vector<ExplainedFact> inSourceOrder(const Model& m, std::vector<int> facts) {
  std::sort(facts.begin(), facts.end(), [&](int a, int b) {
    const Span &x = m.facts[a].span, &y = m.facts[b].span;
    return std::tie(x.file, x.begin) < std::tie(y.file, y.begin);
  });
  std::vector<ExplainedFact> out;
  for (int fi : facts) out.push_back(ExplainedFact{fi, m.facts[fi].span});
  return out;
}
}  // namespace

std::vector<ExplainedFact> explainViolation(const Model& m, const RuleInfo& rule, smt::Env& env, Evaluator& eval,
                                            smt::CaseSolver& solver, bool byEvaluation) {
  std::optional<std::vector<int>> facts;
  if (byEvaluation) facts = coreByEvaluation(m, rule, env, eval);
  if (!facts) facts = solver.violationCore(rule, env);  // for evaluation, not expected
  return inSourceOrder(m, std::move(*facts));
}

std::optional<std::vector<ExplainedFact>> explainViolationByEvaluation(const Model& m, const RuleInfo& rule,
                                                                       smt::Env& env, Evaluator& eval) {
  std::optional<std::vector<int>> facts = coreByEvaluation(m, rule, env, eval);
  if (!facts) return std::nullopt;
  return inSourceOrder(m, std::move(*facts));
}

}  // namespace samsvar
