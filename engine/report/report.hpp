// Reports of a checked case: text for people, JSON for tools (schema in
// docs/report-schema.json). Both are deterministic for the same input.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "engine/check/check.hpp"
#include "engine/repair/repair.hpp"
#include "core/diagnostic.hpp"
#include "engine/report/strength.hpp"
#include "engine/sema/model.hpp"

namespace samsvar {

struct ReportInput {
  const SourceManager& sm;
  const model::Model& model;
  const CaseResult& result;
  Lang lang = Lang::nb;
  bool strict = false;
  const RepairResult* repair = nullptr;  // shown when present
  /// JSON: list satisfied and not-applicable findings too (`check --all`);
  /// the summary counts them either way.
  bool all = false;
};

/// Exit code of a check: 1 if a må or skal rule is violated (or, with
/// `strict`, has a gap); 0 otherwise.
int exitCodeFor(const model::Model& m, const CaseResult& r, bool strict);

/// Input errors (exit code 2) for `--format json`: one JSON document
/// (docs/input-errors-schema.json) with every diagnostic, its location, the
/// source line, help and notes, in `lang`; one line when `compact`.
std::string renderInputErrorsJson(const SourceManager& sm, const Diagnostics& diags, Lang lang, bool compact);

/// With `strict`, when only gaps or unknown verdicts of må/skal rules (no
/// violation) give exit code 1: a line that says so and what to do; else "".
std::string strictFailureText(const model::Model& m, const CaseResult& r, bool strict, Lang lang);

std::string renderText(const ReportInput& in);
/// Pretty JSON, or one compact line (`compact`) for JSON Lines output of many
/// cases (docs/report-schema.json). Findings name their rule by id; the text
/// they share is in the report's `rules` table, once per rule.
std::string renderJson(const ReportInput& in, bool compact = false);

/// The rule's message with `{var}` replaced by the bound elements.
std::string ruleMessage(const model::Model& m, const Finding& f, Lang lang);

// The wording of values and findings. Steps before the report hand over ids
// and values; these turn them into text. JSON value fields use the English
// wording (as tools have always read them), the text report the report's language.

/// A scalar value as reports show it: dates as ISO, enum value and instance
/// names, texts quoted, durations as "14 dager" / "14 days".
std::string valueText(const model::Model& m, const model::Ty& ty, std::int64_t v, Lang lang);
/// "inst.attr".
std::string attributeName(const model::Model& m, int instance, int attr);
/// The elements bound by a finding: "p = ips, c = h1".
std::string bindingText(const model::Model& m, const Finding& f);
/// The elements bound by a finding, variable and element name: {"p", "ips"}, {"c", "h1"}.
/// The label of enum value `value` of type `ty` (nullptr: not an enum value,
/// or one without a label): how prose words it.
const Bilingual* bindingLabel(const model::Model& m, const model::Ty& ty, std::int64_t value);
std::vector<std::pair<std::string, std::string>> bindingValues(const model::Model& m, const Finding& f);
/// A declared fact: "h1.closes = 2024-04-05".
std::string factText(const model::Model& m, int fact, Lang lang);
/// A declared fact as the evidence of finding `f`: a set of more than
/// kShownMembers members shows its first members and the ones `f` binds,
/// then how many more it has ("{ h1, h2, h3, h4, h5, h731 and 2994 more }"),
/// so that a report of N findings about one set of N members stays linear.
std::string factText(const model::Model& m, int fact, Lang lang, const Finding& f);
inline constexpr std::size_t kShownMembers = 10;
/// The value a gap suggests: "2024-04-12", "{ en annen Consultation med kind = hoering }".
std::string gapExampleText(const model::Model& m, const GapAttribute& g, Lang lang);
/// "on_or_after" / "on_or_before" (JSON), "" for none.
const char* boundSideName(BoundSide side);
/// The value a repair change gives, with the new instances it adds to a set:
/// "2024-04-12", "{ h1, a new Consultation with kind = hoering }".
std::string changeValueText(const model::Model& m, const RepairResult& r, const RepairChange& c, Lang lang);

// Pieces every format of the check report shares (text, HTML, SARIF,
// JUnit), so the formats word a finding and a repair the same way.

/// A group of findings as reports show them: "Brudd på må/skal-regler", …
struct ReportSection {
  Bilingual heading;
  const char* label;  // "error", "warning", "gap", "unknown", "deviation", "exemption", "advice"
};
/// The groups, in the order reports show them.
const std::vector<ReportSection>& reportSections();
/// The index into reportSections() of a finding's group; -1 for satisfied and
/// not-applicable findings, which reports only count.
int reportSectionOf(const model::Model& m, const Finding& f);
/// A rule's source as a reader can follow it: "Title, section «quote»" from
/// the document's record (rules/kilder.rules); the file name when the
/// document has no record.
std::string citationText(const model::Model& m, const model::Citation& c, Lang lang);
/// The day a case is judged on, and where it comes from: "Dato: 2024-03-01
/// (oppgitt i saken)" / "Date: 2026-12-07 (not declared in the case: …)".
std::string caseDateText(const model::Model& m, Lang lang);
/// The record of the document a citation names; null when it has none.
const model::DocumentInfo* citedDocument(const model::Model& m, const model::Citation& c);
/// Who issued a document, when and where it is published, as far as its
/// record says: "Direktoratet for e-helse, 2022, https://…"; empty when none.
std::string documentDetails(const model::DocumentInfo& d);
/// What decides a gap: "deklarer h1.closes; f.eks. 2024-04-12 eller senere oppfyller HOR-14".
std::string gapText(const model::Model& m, const Finding& f, const GapAttribute& g, Lang lang);
/// "avvik begrunnet" / "unntak med hjemmel".
std::string waiverLabel(const model::Waiver& w, Lang lang);
/// The verdict a deviation or exemption covers: "brudd" / "mangel".
std::string underlyingText(const Finding& f, Lang lang);
/// Why a verdict is unknown, in the user's language where samsvar set the limit.
std::string unknownReasonText(const std::string& reason, Lang lang);
/// "2 brudd, 3 mangler, 0 avvik, 38 oppfylt, 173 ikke aktuelle".
std::string summaryText(const CaseResult& r, Lang lang);
/// The parts of summaryText: a verdict, its count and the word for it.
struct SummaryPart {
  Verdict verdict;
  std::size_t count;
  const char* word;
};
std::vector<SummaryPart> summaryParts(const CaseResult& r, Lang lang);
/// One change of a repair: "endre a.b fra X til Y (retter R)"; empty for a new
/// instance shown inside the change of the set it joins.
std::string repairChangeText(const model::Model& m, const RepairResult& r, const RepairChange& c, Lang lang);
/// The heading of a repair's confirmations (RepairChange::Kind::confirm),
/// which every format lists apart from its changes: what the user must
/// confirm about the world before the repair holds.
std::string repairConfirmHeading(Lang lang);
/// Whether a change is a confirmation (listed under repairConfirmHeading).
inline bool isConfirmation(const RepairChange& c) { return c.kind == RepairChange::Kind::confirm; }
/// What a repair with status `unverified` leaves unresolved.
std::string repairUnverifiedText(const model::Model& m, const RepairResult& r, Lang lang);
/// The outcome of a repair that lists no changes (not needed, unknown,
/// undecided, impossible); empty for `found` and `unverified`.
std::string repairOutcomeText(const model::Model& m, const RepairResult& r, Lang lang);

}  // namespace samsvar
