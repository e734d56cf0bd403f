// Diagnostics are values: collected while parsing and checking, sorted and
// rendered once by the caller (clang/rustc style, with the source line and an
// underline). The library never prints.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/source.hpp"
#include "core/suggest.hpp"
#include "core/text.hpp"

namespace samsvar {

enum class Severity { error, warning, note };

struct DiagNote {
  std::optional<Span> span;  // absent: a note without location
  Bilingual message;
};

struct Diagnostic {
  Severity severity = Severity::error;
  std::string code;  // stable identifier, e.g. "parse.expected", "sema.unknown-name"
  Bilingual message;
  Span span;
  std::vector<DiagNote> notes;
  std::optional<Bilingual> help;
};

/// Collects diagnostics of one run.
class Diagnostics {
 public:
  Diagnostic& error(std::string code, Span span, Bilingual message);
  Diagnostic& warning(std::string code, Span span, Bilingual message);
  void add(Diagnostic d) { items_.push_back(std::move(d)); }

  bool hasErrors() const;
  std::size_t errorCount() const;
  const std::vector<Diagnostic>& items() const { return items_; }
  /// Sorts by file, offset and code, and drops exact duplicates.
  void sort();
  void clear() { items_.clear(); }

 private:
  std::vector<Diagnostic> items_;
};

/// Renders one diagnostic:
///   file:3:14: error: message
///      3 | text of the line
///        |              ^~~~
///   file:1:1: note: ...
///   help: ...
std::string render(const SourceManager& sm, const Diagnostic& d, Lang lang, bool color = false);

/// Renders all diagnostics in order, followed by a count line when there are errors.
std::string renderAll(const SourceManager& sm, const Diagnostics& diags, Lang lang,
                      bool color = false);

}  // namespace samsvar
