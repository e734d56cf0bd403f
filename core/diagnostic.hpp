// Diagnostics are values: collected while parsing and checking, sorted and
// rendered once by the caller (clang/rustc style, with the source line and an
// underline). The library never prints. Every text comes from the message
// catalogue (core/messages.hpp): a diagnostic is made from a code and the
// arguments of its template.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/messages.hpp"
#include "core/source.hpp"
#include "core/suggest.hpp"
#include "core/text.hpp"

namespace samsvar {

enum class Severity { error, warning, note };

/// "error", "warning", "note": as rendered diagnostics and JSON name them.
const char* severityName(Severity s);

struct DiagNote {
  std::optional<Span> span;  // absent: a note without location
  Bilingual message;
};

struct Diagnostic {
  Severity severity = Severity::error;
  DiagCode code = DiagCode::parseExpected;
  Bilingual message;  // the code's template, filled
  Span span;
  std::vector<DiagNote> notes;
  std::optional<Bilingual> help;
  /// False for errors about a file that is not a samsvar file at all: its
  /// text may be anything (a password file named by mistake), so none of it
  /// is echoed.
  bool showSource = true;

  /// A diagnostic with the message of `code` filled with `args`.
  static Diagnostic make(Severity severity, DiagCode code, Span span, MsgArgs args = {});
  /// Sets the help line to a phrase of the catalogue.
  Diagnostic& withHelp(Phrase p, MsgArgs args = {});
  /// Adds a note (located, or not when `span` is empty) with a phrase of the catalogue.
  Diagnostic& withNote(std::optional<Span> span, Phrase p, MsgArgs args = {});
};

/// Collects diagnostics of one run. Holds at most kMaxStored; the rest are
/// counted, never lost silently (a file of 100,000 broken lines must not
/// produce 100,000 messages).
class Diagnostics {
 public:
  static constexpr std::size_t kMaxStored = 10'000;

  /// Adds an error or a warning with the message of `code` filled with
  /// `args`; returns it, for help and notes.
  Diagnostic& error(DiagCode code, Span span, MsgArgs args = {});
  Diagnostic& warning(DiagCode code, Span span, MsgArgs args = {});
  void add(Diagnostic d);
  /// Adds every diagnostic of `other`, and counts those it could not keep.
  void append(const Diagnostics& other);

  bool hasErrors() const;
  std::size_t errorCount() const;
  const std::vector<Diagnostic>& items() const { return items_; }
  /// Sorts by file, offset and code name, and drops exact duplicates.
  void sort();
  void clear() {
    items_.clear();
    dropped_ = droppedErrors_ = 0;
  }
  /// Diagnostics not stored because kMaxStored was reached.
  std::size_t dropped() const { return dropped_; }

 private:
  Diagnostic& push(Diagnostic d);
  std::vector<Diagnostic> items_;
  std::size_t dropped_ = 0, droppedErrors_ = 0;
  Diagnostic overflow_;  // what error()/warning() return once the store is full
};

/// Renders one diagnostic:
///   file:3:14: error: message
///      3 | text of the line
///        |              ^~~~
///   file:1:1: note: ...
///   help: ...
std::string render(const SourceManager& sm, const Diagnostic& d, Lang lang, bool color = false);

/// Renders all diagnostics in order, at most kMaxShownPerFile per file (then
/// one line saying how many more there are), followed by a count line when
/// there are errors. Text from the input is shown with control characters
/// made visible (core/text.hpp), long source lines are cut around the
/// underline and long messages are shortened.
inline constexpr std::size_t kMaxShownPerFile = 50;
std::string renderAll(const SourceManager& sm, const Diagnostics& diags, Lang lang,
                      bool color = false);

}  // namespace samsvar
