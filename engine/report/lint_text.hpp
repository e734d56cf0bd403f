// The words of `samsvar lint`, in nb and en: rulebase analysis findings as
// diagnostics, the facts of their witnesses, and the summary line.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "core/diagnostic.hpp"
#include "engine/lint/lint.hpp"
#include "engine/sema/model.hpp"

namespace samsvar {

/// A fact of a witness or generated example: "p1.weeks = 6",
/// "product1.consultations contains consultation1" (nb: "inneholder").
std::string witnessText(const WitnessFact& fact, Lang lang);

/// The lint findings as diagnostics at their rules: a warning for a finding
/// not documented as intended (help: how to document it), a note for an
/// intended one (help: its reason).
void addLintDiagnostics(const model::Model& rulebase, const std::vector<LintFinding>& findings,
                        Diagnostics& diags);

/// What `samsvar lint` counted, for its last line.
struct LintCounts {
  std::size_t modules = 0;
  std::size_t rules = 0;
  std::size_t cases = 0;
  std::size_t warnings = 0;  // diagnostics other than intended findings
  std::size_t intended = 0;
};
/// "ok: 11 modules, 248 rules, 0 cases; 0 warnings, 18 intended analysis findings\n".
std::string lintSummary(const LintCounts& counts, Lang lang);

}  // namespace samsvar
