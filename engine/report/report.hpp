// Reports of a checked case: text for people, JSON for tools (schema in
// docs/report-schema.json). Both are deterministic for the same input.
#pragma once

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

}  // namespace samsvar
