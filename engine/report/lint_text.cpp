#include "engine/report/lint_text.hpp"

#include <fmt/format.h>

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

Bilingual findingMessage(const model::Model& rb, const AnalysisFinding& f) {
  const std::string rule = "`" + rb.rules[f.rule].id + "`";
  std::string others;
  for (int o : f.others) others += (others.empty() ? "" : ", ") + ("`" + rb.rules[o].id + "`");
  switch (f.kind) {
    case AnalysisKind::unsatisfiable:
      return {"ingen sak kan oppfylle " + rule + " der den gjelder", "no case can satisfy " + rule + " where it applies"};
    case AnalysisKind::never_applies:
      return {rule + " gjelder aldri (betingelsen kan ikke bli sann)", rule + " never applies (its condition cannot hold)"};
    case AnalysisKind::conflict:
      return {rule + " og " + others + " motsier hverandre der begge gjelder",
              rule + " and " + others + " contradict each other wherever both apply"};
    case AnalysisKind::redundant:
      return {rule + " følger av " + others + " (overflødig)", rule + " is implied by " + others + " (redundant)"};
  }
  return {};
}

std::string witnessList(const std::vector<WitnessFact>& facts, Lang lang) {
  std::string out;
  for (const auto& f : facts) out += (out.empty() ? "" : ", ") + witnessText(f, lang);
  return out;
}

}  // namespace

void addLintDiagnostics(const model::Model& rulebase, const std::vector<LintFinding>& findings,
                        Diagnostics& diags) {
  for (const auto& lf : findings) {
    const AnalysisFinding& f = lf.finding;
    Diagnostic d;
    d.severity = lf.intended ? Severity::note : Severity::warning;
    d.code = std::string("analysis.") + analysisKindName(f.kind);
    d.message = findingMessage(rulebase, f);
    d.span = rulebase.rules[f.rule].idSpan;
    for (int o : f.others) {
      const std::string& id = rulebase.rules[o].id;
      d.notes.push_back({rulebase.rules[o].idSpan, {"`" + id + "` er her", "`" + id + "` is here"}});
    }
    if (!f.witness.empty())
      d.notes.push_back({std::nullopt,
                         {"vitne: " + witnessList(f.witness, Lang::nb), "witness: " + witnessList(f.witness, Lang::en)}});
    if (lf.intended)
      d.help = Bilingual{"tilsiktet: " + *lf.intended, "intended: " + *lf.intended};
    else
      d.help = Bilingual{"rett reglene, eller dokumenter funnet i rules/lint-intended.txt som `" + lf.key + " : begrunnelse`",
                         "fix the rules, or document the finding in rules/lint-intended.txt as `" + lf.key + " : reason`"};
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
