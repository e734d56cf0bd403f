// Reports of a checked case: text for people, JSON for tools (schema in
// docs/report-schema.json). Both are deterministic for the same input.
#pragma once

#include <cstdint>
#include <string>

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
/// A declared fact: "h1.closes = 2024-04-05".
std::string factText(const model::Model& m, int fact, Lang lang);
/// The value a gap suggests: "2024-04-12", "{ en annen Consultation med kind = hoering }".
std::string gapExampleText(const model::Model& m, const GapAttribute& g, Lang lang);
/// "on_or_after" / "on_or_before" (JSON), "" for none.
const char* boundSideName(BoundSide side);
/// The value a repair change gives, with the new instances it adds to a set:
/// "2024-04-12", "{ h1, a new Consultation with kind = hoering }".
std::string changeValueText(const model::Model& m, const RepairResult& r, const RepairChange& c, Lang lang);

}  // namespace samsvar
