// What the page's "apply" and "insert" buttons do: a repair, or the
// declaration that settles a gap, as edits of the case's text, written as a
// user would write them (a value replaced in its `name = value`, a missing
// `name = value` added inside its instance, a new instance declared at the
// end). The repaired text, checked again, is what the repair promised.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/ast.hpp"
#include "core/source.hpp"
#include "engine/check/check.hpp"
#include "engine/repair/repair.hpp"
#include "engine/sema/model.hpp"

namespace samsvar::serve {

/// Replace the bytes [begin, end) of the case's text by `text`.
struct TextEdit {
  std::uint32_t begin = 0, end = 0;
  std::string text;
};

/// The edits of one action, and how many of its changes no edit of this
/// text can make (reference data of a rule module, a fact of the tender).
struct EditPlan {
  std::vector<TextEdit> edits;
  std::size_t notApplied = 0;
};

/// The case file of a checked model, to edit.
class CaseEditor {
 public:
  /// `file`: the parsed case (its instance declarations); `lang` words the
  /// names of new instances and placeholders of texts to fill in.
  CaseEditor(const SourceManager& sm, const model::Model& m, const ast::File& file, Lang lang);

  /// Every change of a repair that the case's text can carry.
  EditPlan repair(const RepairResult& r) const;
  /// The declaration that settles one gap of a finding.
  EditPlan declare(const GapAttribute& g) const;

 private:
  struct Builder;
  const SourceManager& sm_;
  const model::Model& m_;
  Lang lang_;
  std::uint32_t file_;
  std::unordered_map<std::string, Span> declSpans_;  // instance name → its whole declaration
};

/// `text` with `edits` made (edits at one place keep their order).
std::string applyEdits(std::string text, const std::vector<TextEdit>& edits);

/// Lines that differ between two texts: from line `line` (1-based, of
/// `before`), `removed` become `added`.
struct DiffHunk {
  std::uint32_t line = 0;
  std::vector<std::string> removed, added;
};
std::vector<DiffHunk> diffLines(std::string_view before, std::string_view after);

/// The offset in UTF-16 code units (a browser's string index) of a byte offset of UTF-8 text.
std::uint32_t utf16Offset(std::string_view text, std::uint32_t byte);

}  // namespace samsvar::serve
