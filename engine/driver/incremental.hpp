// The warm, incremental engine: the rulebase loaded once, then case texts
// checked one after another, as an editor or the web page sends them. A
// re-check of an edited text analyses the text again (parsing and semantic
// analysis of one case are cheap), compares the new case model with the
// previous one, and when only facts changed re-decides only the bindings
// whose inputs read a changed fact (engine/check/check.hpp, CheckTrace); the
// others keep their findings. The result is always the one a cold check of
// the same text gives, byte for byte (tests/engine/driver/incremental_test.cpp).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/ast.hpp"
#include "core/diagnostic.hpp"
#include "core/source.hpp"
#include "engine/check/check.hpp"
#include "engine/sema/model.hpp"

namespace samsvar {

/// A case's text as the editor holds it, with the name messages show.
struct CaseText {
  std::string name;
  std::string text;
};

/// One check's products.
struct WarmCheck {
  /// The rulebase's files under the ids its spans use, then the tender's and
  /// the case's text.
  std::unique_ptr<SourceManager> sm;
  std::uint32_t caseFile = 0;
  std::optional<ast::File> caseAst;   // absent when the case does not parse
  Diagnostics diags;                  // sorted
  std::optional<model::Model> model;  // absent on bad input (see diags)
  CaseResult result;                  // when model is present
  /// Whether the previous check's findings could be reused (only facts
  /// changed; result.reused says how many were).
  bool incremental = false;
};

/// Checks one case text after another against a rulebase loaded once. Not
/// thread-safe: one checker per editor (engine/serve keeps a few).
class IncrementalChecker {
 public:
  /// `rulebase` was analysed from the files of `sources` (their ids are the
  /// ones its spans use); both must outlive the checker.
  IncrementalChecker(const SourceManager& sources, const model::Model& rulebase, CheckOptions options = {});

  /// Checks `caseText`; an offer (`against "…"`) needs its tender in
  /// `tender`, under the name the offer gives it (relative to the offer's
  /// own name). The result stays valid until the next call.
  const WarmCheck& check(const CaseText& caseText, const std::optional<CaseText>& tender = std::nullopt);

  /// The last check (nullptr before the first).
  const WarmCheck* last() const { return last_.get(); }
  /// The name and tender of the last check, to find the checker an editor used.
  const std::string& lastName() const { return lastName_; }
  const Checker& checker() const { return checker_; }

 private:
  std::vector<std::pair<std::string, std::string>> files_;  // the rulebase's names and texts, in id order
  const model::Model& rulebase_;
  Checker checker_;
  std::shared_ptr<WarmCheck> last_;
  std::shared_ptr<WarmCheck> good_;  // the last check that analysed
  std::string lastName_;
  CheckTrace trace_;  // of good_
};

/// Whether `b` (of `bsm`) declares what `a` (of `asm_`) declares, facts
/// aside: the same instances, rules, waivers, types, enums and date. Then
/// instance, attribute and rule indices mean the same in both. Exposed for tests.
bool sameDeclarations(const SourceManager& asm_, const model::Model& a, const SourceManager& bsm,
                      const model::Model& b);

/// The facts (factKey, sorted) whose presence or value differs between two
/// models with the same declarations.
std::vector<std::int64_t> changedFacts(const model::Model& a, const model::Model& b);

}  // namespace samsvar
