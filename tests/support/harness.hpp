// Test helpers: load rule modules and cases from strings or files, check
// them, and look verdicts up by rule id.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/check/check.hpp"
#include "core/diagnostic.hpp"
#include "engine/sema/model.hpp"
#include "engine/repair/repair.hpp"
#include "engine/report/report.hpp"

namespace samsvar::testing {

/// The day tests judge cases without a declared `date` on (as `check
/// --date 2026-12-01` does), so that reports do not change with the clock.
std::int64_t testToday();

/// Path of a file in the source tree.
std::string sourcePath(const std::string& relative);
std::string readFile(const std::string& path);

struct Run {
  SourceManager sm;
  Diagnostics diags;
  std::optional<model::Model> rulebase;
  std::optional<model::Model> model;  // the case
  CaseResult result;
  bool checked = false;

  /// Rendered diagnostics (English), e.g. to assert messages.
  std::string errors() const;
  /// Aggregated verdict of a rule (worst over bindings), or nullopt when the
  /// rule produced no finding.
  std::optional<Verdict> verdict(const std::string& ruleId) const;
  /// Verdicts of the bindings of a rule that bind instance `inst`.
  std::vector<Verdict> verdictsFor(const std::string& ruleId, const std::string& inst) const;
  const Finding* finding(const std::string& ruleId, const std::string& inst = "") const;
  std::string text(Lang lang = Lang::en) const;
  std::string json() const;
};

/// Parses and analyses modules given as (name, text) pairs and a case text,
/// then checks the case (when everything is valid).
Run runTexts(const std::vector<std::pair<std::string, std::string>>& modules, const std::string& caseText,
             CheckOptions options = {});

/// Same with the bundled rules/ and a case file from the source tree.
Run runBundled(const std::string& caseFile, CheckOptions options = {});

/// A case file of the source tree loaded, checked and repaired as `samsvar
/// check FILE --repair` does it: bundled rules named `rules/…`, the case named
/// as given, judged on testToday() when it declares no date.
struct RepairedCase {
  SourceManager sm;
  Diagnostics diags;
  std::optional<model::Model> rulebase;
  std::optional<model::Model> model;
  Checker checker;
  CaseResult result;
  RepairResult repair;

  explicit RepairedCase(const std::string& file);
  ReportInput input(Lang lang, bool all = false) const {
    return ReportInput{sm, *model, result, lang, false, &repair, all};
  }
};

/// Only parse + analyse (no check): returns rendered diagnostics in English.
std::string lintTexts(const std::vector<std::pair<std::string, std::string>>& files);

}  // namespace samsvar::testing
