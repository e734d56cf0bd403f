#include "core/diagnostic.hpp"

#include <algorithm>
#include <climits>
#include <cstdint>
#include <map>
#include <tuple>

namespace samsvar {

Diagnostic& Diagnostics::push(Diagnostic d) {
  if (items_.size() >= kMaxStored) {
    ++dropped_;
    if (d.severity == Severity::error) ++droppedErrors_;
    overflow_ = std::move(d);
    return overflow_;
  }
  items_.push_back(std::move(d));
  return items_.back();
}

void Diagnostics::add(Diagnostic d) { push(std::move(d)); }

void Diagnostics::append(const Diagnostics& other) {
  for (const auto& d : other.items_) push(d);
  dropped_ += other.dropped_;
  droppedErrors_ += other.droppedErrors_;
}

Diagnostic Diagnostic::make(Severity severity, DiagCode code, Span span, MsgArgs args) {
  Diagnostic d;
  d.severity = severity;
  d.code = code;
  d.message = samsvar::message(code, args);
  d.span = span;
  return d;
}

Diagnostic& Diagnostic::withHelp(Phrase p, MsgArgs args) {
  help = phrase(p, args);
  return *this;
}

Diagnostic& Diagnostic::withNote(std::optional<Span> at, Phrase p, MsgArgs args) {
  notes.push_back({at, phrase(p, args)});
  return *this;
}

Diagnostic& Diagnostics::error(DiagCode code, Span span, MsgArgs args) {
  return push(Diagnostic::make(Severity::error, code, span, args));
}

Diagnostic& Diagnostics::warning(DiagCode code, Span span, MsgArgs args) {
  return push(Diagnostic::make(Severity::warning, code, span, args));
}

bool Diagnostics::hasErrors() const { return errorCount() > 0; }

std::size_t Diagnostics::errorCount() const {
  return droppedErrors_ + static_cast<std::size_t>(std::count_if(
      items_.begin(), items_.end(), [](const Diagnostic& d) { return d.severity == Severity::error; }));
}

void Diagnostics::sort() {
  auto key = [](const Diagnostic& d) {
    return std::make_tuple(d.span.file, d.span.begin, d.span.end, codeName(d.code), d.message.en);
  };
  std::stable_sort(items_.begin(), items_.end(),
                   [&](const Diagnostic& a, const Diagnostic& b) { return key(a) < key(b); });
  items_.erase(std::unique(items_.begin(), items_.end(),
                           [&](const Diagnostic& a, const Diagnostic& b) { return key(a) == key(b); }),
               items_.end());
}

const char* severityName(Severity s) {
  switch (s) {
    case Severity::error: return "error";
    case Severity::warning: return "warning";
    case Severity::note: return "note";
  }
  return "error";
}

namespace {

const char* severityColor(Severity s) {
  switch (s) {
    case Severity::error: return "\x1b[1;31m";
    case Severity::warning: return "\x1b[1;35m";
    case Severity::note: return "\x1b[1;36m";
  }
  return "";
}

/// Byte offset in `s` after `n` code points (or s.size()).
std::size_t advance(std::string_view s, std::size_t from, std::uint32_t n) {
  std::size_t i = from;
  while (i < s.size() && n > 0) {
    ++i;
    while (i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) ++i;
    --n;
  }
  return i;
}

/// Text from the input, safe to print: controls visible, at most `max` code
/// points (then "…").
std::string shownText(std::string_view s, std::uint32_t max) {
  if (countCodePoints(s) <= max) return escapeControls(s);
  return escapeControls(s.substr(0, advance(s, 0, max))) + "…";
}

constexpr std::uint32_t kMaxLineShown = 160;    // code points of a source line
constexpr std::uint32_t kMaxMessageShown = 400;  // code points of a message

// Prints the source line of `span` with a caret and tildes under the span
// (clipped to the first line of a multi-line span). A long line is cut to a
// window that starts a little before the span.
void renderSnippet(std::string& out, const SourceManager& sm, const Span& span, bool color) {
  if (!span.valid || span.file >= sm.size()) return;
  auto lc = sm.lineCol(span.file, span.begin);
  std::string_view line = sm.lineText(span.file, span.begin);
  std::string num = std::to_string(lc.line);
  std::string pad(num.size(), ' ');
  std::uint32_t lineBegin = sm.lineStart(span.file, span.begin);
  std::uint32_t lineEnd = lineBegin + static_cast<std::uint32_t>(line.size());
  std::uint32_t end = std::min(std::max(span.end, span.begin), lineEnd);
  std::uint32_t width =
      end > span.begin ? countCodePoints(sm.slice(Span::of(span.file, span.begin, end))) : 0;
  if (width == 0) width = 1;
  std::uint32_t column = lc.column;
  std::string prefix, suffix;
  if (countCodePoints(line) > kMaxLineShown) {
    std::uint32_t skip = column > 40 ? column - 40 : 0;
    std::size_t from = advance(line, 0, skip);
    std::size_t to = advance(line, from, kMaxLineShown);
    if (skip) prefix = "…";
    if (to < line.size()) suffix = "…";
    column = column - skip + (skip ? 1 : 0);
    width = std::min(width, kMaxLineShown - (column - 1));
    line = line.substr(from, to - from);
  }
  // Tabs are shown as single spaces so that the underline stays aligned.
  std::string shown = prefix + escapeControls(line) + suffix;
  std::replace(shown.begin(), shown.end(), '\t', ' ');
  out += " " + num + " | " + shown + "\n";
  out += " " + pad + " | " + std::string(column - 1, ' ');
  if (color) out += "\x1b[1;32m";
  out += "^" + std::string(width - 1, '~');
  if (color) out += "\x1b[0m";
  out += "\n";
}

}  // namespace

std::string render(const SourceManager& sm, const Diagnostic& d, Lang lang, bool color) {
  std::string out;
  auto head = [&](const std::optional<Span>& span, Severity sev, const std::string& text) {
    std::string msg = shownText(text, kMaxMessageShown);
    if (span && span->valid && span->file < sm.size()) out += escapeControls(sm.location(*span)) + ": ";
    if (color) out += severityColor(sev);
    out += severityName(sev);
    out += ":";
    if (color) out += "\x1b[0m";
    out += " " + msg + "\n";
  };
  head(d.span, d.severity, d.message.in(lang));
  if (d.showSource) renderSnippet(out, sm, d.span, color);
  for (const auto& n : d.notes) {
    head(n.span, Severity::note, n.message.in(lang));
    if (n.span && d.showSource) renderSnippet(out, sm, *n.span, color);
  }
  if (d.help)
    out += std::string(color ? "\x1b[1mhelp:\x1b[0m " : "help: ") + shownText(d.help->in(lang), kMaxMessageShown) + "\n";
  return out;
}

std::string renderAll(const SourceManager& sm, const Diagnostics& diags, Lang lang, bool color) {
  std::string out;
  // Per file, in the order given: the first kMaxShownPerFile, then a count.
  std::map<std::uint32_t, std::size_t> shown, hidden;
  std::vector<std::uint32_t> order;
  for (const auto& d : diags.items()) {
    std::uint32_t f = d.span.valid ? d.span.file : UINT32_MAX;
    if (!shown.count(f) && !hidden.count(f)) order.push_back(f);
    if (shown[f] < kMaxShownPerFile) {
      ++shown[f];
      out += render(sm, d, lang, color);
    } else {
      ++hidden[f];
    }
  }
  for (auto f : order) {
    auto it = hidden.find(f);
    if (it == hidden.end()) continue;
    std::string where = f == UINT32_MAX || f >= sm.size() ? "" : escapeControls(sm.name(f)) + ": ";
    out += where + "note: " + phrase(Phrase::moreNotShown, {{"count", std::to_string(it->second)}}).in(lang) + "\n";
  }
  if (diags.dropped() > 0)
    out += "note: " + phrase(Phrase::moreNotKept, {{"count", std::to_string(diags.dropped())}}).in(lang) + "\n";
  if (std::size_t errors = diags.errorCount(); errors > 0)
    out += phrase(errors == 1 ? Phrase::errorCountOne : Phrase::errorCountMany, {{"count", std::to_string(errors)}})
               .in(lang) +
           "\n";
  return out;
}


}  // namespace samsvar
