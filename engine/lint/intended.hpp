// Analysis findings documented as intended. `lint-intended.txt` beside the
// rules names one finding per line, `KIND RULE [OTHER...] : reason`, e.g.
//   redundant HOR-03 HOR-01 : each source sentence keeps its own rule
// Blank lines, lines starting with `#` and lines without ` : ` are skipped.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <string_view>

#include "engine/lint/rulebase_analysis.hpp"
#include "engine/sema/model.hpp"

namespace samsvar {

/// How lint-intended.txt names a finding: "KIND RULE [OTHER...]", e.g.
/// "redundant HOR-03 HOR-01".
std::string findingKey(const model::Model& rulebase, const AnalysisFinding& finding);

/// The findings documented as intended, with their reasons.
class IntendedFindings {
 public:
  /// Adds the entries of a lint-intended.txt given as text. Words of a key
  /// may be separated by any blanks; a later entry for a key replaces an
  /// earlier one.
  void addText(std::string_view text);
  /// Adds `dir/lint-intended.txt` when it exists (a rules directory without
  /// one documents nothing).
  void addFileIn(const std::string& dir);

  /// The reason documented for the finding named `key` (as findingKey
  /// gives it), or null when the finding is not documented as intended.
  const std::string* reasonFor(const std::string& key) const;
  std::size_t size() const { return reasons_.size(); }

 private:
  std::map<std::string, std::string> reasons_;  // normalised key -> reason
};

}  // namespace samsvar
