#include "engine/report/lint_text.hpp"

#include <fmt/format.h>

#include "engine/report/report.hpp"

namespace samsvar {

std::string witnessText(const WitnessFact& fact, Lang lang) {
  bool nb = lang == Lang::nb;
  switch (fact.kind) {
    case WitnessFact::Kind::equals: return fact.attribute + " = " + fact.value;
    case WitnessFact::Kind::contains: return fact.attribute + (nb ? " inneholder " : " contains ") + fact.value;
    case WitnessFact::Kind::lacks: return fact.attribute + (nb ? " inneholder ikke " : " lacks ") + fact.value;
  }
  return fact.attribute;
}

namespace {

DiagCode findingCode(AnalysisKind kind) {
  switch (kind) {
    case AnalysisKind::unsatisfiable: return DiagCode::lintUnsatisfiable;
    case AnalysisKind::never_applies: return DiagCode::lintNeverApplies;
    case AnalysisKind::conflict: return DiagCode::lintConflict;
    case AnalysisKind::redundant: return DiagCode::lintRedundant;
    case AnalysisKind::undecided: return DiagCode::lintUndecided;
  }
  return DiagCode::lintConflict;
}

std::string witnessList(const std::vector<WitnessFact>& facts, Lang lang) {
  std::string out;
  for (const auto& f : facts) out += (out.empty() ? "" : ", ") + witnessText(f, lang);
  return out;
}

/// What the author of a case does about a finding on the case's own rule.
Phrase caseRuleHelp(AnalysisKind kind) {
  switch (kind) {
    case AnalysisKind::unsatisfiable: return Phrase::fixCaseRule;
    case AnalysisKind::never_applies: return Phrase::fixCaseRuleCondition;
    case AnalysisKind::conflict: return Phrase::fixCaseRuleConflict;
    case AnalysisKind::redundant: return Phrase::caseRuleRedundant;
    case AnalysisKind::undecided: break;  // the reason says what to do
  }
  return Phrase::fixCaseRule;
}

}  // namespace

void addLintDiagnostics(const model::Model& rulebase, const std::vector<LintFinding>& findings,
                        Diagnostics& diags) {
  for (const auto& lf : findings) {
    const AnalysisFinding& f = lf.finding;
    std::vector<std::string> others;
    for (int o : f.others) others.push_back(rulebase.rules[o].id);
    const model::RuleInfo& rule = rulebase.rules[f.rule];
    const std::string othersText = quotedNames(others);
    Bilingual with = others.empty() ? Bilingual{"", ""}
                                    : Bilingual{" sammen med " + othersText, " together with " + othersText};
    Diagnostic d = Diagnostic::make(lf.intended ? Severity::note : Severity::warning, findingCode(f.kind), rule.idSpan,
                                    {{"rule", rule.id},
                                     {"others", othersText},
                                     {"with", with},
                                     {"reason", Bilingual{unknownReasonText(f.reason, Lang::nb),
                                                          unknownReasonText(f.reason, Lang::en)}}});
    for (int o : f.others) d.withNote(rulebase.rules[o].idSpan, Phrase::ruleIsHere, {{"rule", rulebase.rules[o].id}});
    if (!f.witness.empty())
      d.withNote(std::nullopt, Phrase::witness,
                 {{"facts", Bilingual{witnessList(f.witness, Lang::nb), witnessList(f.witness, Lang::en)}}});
    if (f.kind == AnalysisKind::undecided)
      ;  // the reason says what to do: raise the limit it names
    else if (lf.intended)
      d.withHelp(Phrase::intended, {{"reason", *lf.intended}});
    else if (rule.module.empty())  // a case's own rule: its author corrects it in the case
      d.withHelp(caseRuleHelp(f.kind), {{"rule", rule.id}});
    else
      d.withHelp(Phrase::documentFinding, {{"key", lf.key}});
    diags.add(std::move(d));
  }
}

std::string lintSummary(const LintCounts& c, Lang lang) {
  return lang == Lang::nb
             ? fmt::format("ok: {} moduler, {} regler, {} saker; {} advarsler, {} tilsiktede analysefunn\n", c.modules,
                           c.rules, c.cases, c.warnings, c.intended)
             : fmt::format("ok: {} modules, {} rules, {} cases; {} warnings, {} intended analysis findings\n", c.modules,
                           c.rules, c.cases, c.warnings, c.intended);
}

}  // namespace samsvar
