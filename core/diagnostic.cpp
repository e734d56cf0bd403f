#include "core/diagnostic.hpp"

#include <algorithm>
#include <tuple>

namespace samsvar {

Diagnostic& Diagnostics::error(std::string code, Span span, Bilingual message) {
  items_.push_back(Diagnostic{Severity::error, std::move(code), std::move(message), span, {}, {}});
  return items_.back();
}

Diagnostic& Diagnostics::warning(std::string code, Span span, Bilingual message) {
  items_.push_back(
      Diagnostic{Severity::warning, std::move(code), std::move(message), span, {}, {}});
  return items_.back();
}

bool Diagnostics::hasErrors() const { return errorCount() > 0; }

std::size_t Diagnostics::errorCount() const {
  return static_cast<std::size_t>(std::count_if(
      items_.begin(), items_.end(), [](const Diagnostic& d) { return d.severity == Severity::error; }));
}

void Diagnostics::sort() {
  auto key = [](const Diagnostic& d) {
    return std::make_tuple(d.span.file, d.span.begin, d.span.end, d.code, d.message.en);
  };
  std::stable_sort(items_.begin(), items_.end(),
                   [&](const Diagnostic& a, const Diagnostic& b) { return key(a) < key(b); });
  items_.erase(std::unique(items_.begin(), items_.end(),
                           [&](const Diagnostic& a, const Diagnostic& b) { return key(a) == key(b); }),
               items_.end());
}

namespace {

const char* severityName(Severity s) {
  switch (s) {
    case Severity::error: return "error";
    case Severity::warning: return "warning";
    case Severity::note: return "note";
  }
  return "error";
}

const char* severityColor(Severity s) {
  switch (s) {
    case Severity::error: return "\x1b[1;31m";
    case Severity::warning: return "\x1b[1;35m";
    case Severity::note: return "\x1b[1;36m";
  }
  return "";
}

// Prints the source line of `span` with a caret and tildes under the span
// (clipped to the first line of a multi-line span).
void renderSnippet(std::string& out, const SourceManager& sm, const Span& span, bool color) {
  if (!span.valid || span.file >= sm.size()) return;
  auto lc = sm.lineCol(span.file, span.begin);
  std::string_view line = sm.lineText(span.file, span.begin);
  std::string num = std::to_string(lc.line);
  std::string pad(num.size(), ' ');
  // Tabs are shown as single spaces so that the underline stays aligned.
  std::string shown(line);
  std::replace(shown.begin(), shown.end(), '\t', ' ');
  out += " " + num + " | " + shown + "\n";
  std::uint32_t lineBegin = sm.lineStart(span.file, span.begin);
  std::uint32_t lineEnd = lineBegin + static_cast<std::uint32_t>(line.size());
  std::uint32_t end = std::min(std::max(span.end, span.begin), lineEnd);
  std::uint32_t width =
      end > span.begin ? countCodePoints(sm.slice(Span::of(span.file, span.begin, end))) : 0;
  if (width == 0) width = 1;
  out += " " + pad + " | " + std::string(lc.column - 1, ' ');
  if (color) out += "\x1b[1;32m";
  out += "^" + std::string(width - 1, '~');
  if (color) out += "\x1b[0m";
  out += "\n";
}

}  // namespace

std::string render(const SourceManager& sm, const Diagnostic& d, Lang lang, bool color) {
  std::string out;
  auto head = [&](const std::optional<Span>& span, Severity sev, const std::string& msg) {
    if (span && span->valid && span->file < sm.size()) out += sm.location(*span) + ": ";
    if (color) out += severityColor(sev);
    out += severityName(sev);
    out += ":";
    if (color) out += "\x1b[0m";
    out += " " + msg + "\n";
  };
  head(d.span, d.severity, d.message.in(lang));
  renderSnippet(out, sm, d.span, color);
  for (const auto& n : d.notes) {
    head(n.span, Severity::note, n.message.in(lang));
    if (n.span) renderSnippet(out, sm, *n.span, color);
  }
  if (d.help) out += std::string(color ? "\x1b[1mhelp:\x1b[0m " : "help: ") + d.help->in(lang) + "\n";
  return out;
}

std::string renderAll(const SourceManager& sm, const Diagnostics& diags, Lang lang, bool color) {
  std::string out;
  for (const auto& d : diags.items()) out += render(sm, d, lang, color);
  std::size_t errors = diags.errorCount();
  if (errors > 0) {
    if (lang == Lang::nb)
      out += std::to_string(errors) + (errors == 1 ? " feil" : " feil") + " funnet.\n";
    else
      out += std::to_string(errors) + (errors == 1 ? " error" : " errors") + " generated.\n";
  }
  return out;
}


}  // namespace samsvar
