#include "grammar/scan.hpp"

#include "grammar/lexical.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <optional>
#include <string>
#include <vector>

namespace samsvar::scan {

namespace {

using lexical::isDigit;
using lexical::isIdentChar;
using lexical::isIdentStart;
using lexical::isSpace;

unsigned char at(std::string_view text, std::size_t i) {
  return i < text.size() ? static_cast<unsigned char>(text[i]) : 0;
}

/// Like skipTrivia, and tells whether a line break was crossed.
std::size_t skipTriviaNoting(std::string_view text, std::size_t pos, bool& newline) {
  const std::size_t n = text.size();
  while (pos < n) {
    unsigned char c = at(text, pos);
    if (isSpace(c)) {
      if (c == '\n') newline = true;
      ++pos;
    } else if (c == '/' && at(text, pos + 1) == '/') {
      std::size_t eol = text.find('\n', pos);
      pos = eol == std::string_view::npos ? n : eol;
    } else if (c == '/' && at(text, pos + 1) == '*') {
      std::size_t close = text.find("*/", pos + 2);
      if (close == std::string_view::npos) return n;
      if (text.substr(pos, close - pos).find('\n') != std::string_view::npos) newline = true;
      pos = close + 2;
    } else {
      break;
    }
  }
  return pos;
}

/// Bytes of the UTF-8 sequence starting with `c` (1 for ASCII or stray bytes).
std::size_t sequenceLength(unsigned char c) {
  return c < 0xC0 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
}

constexpr std::array<std::string_view, 24> kReserved = {
    "module", "import", "case",    "uses", "enum", "ordered", "type",    "set",
    "rule",   "for",    "when",    "require", "in", "not",    "and",     "or",
    "implies", "exists", "forall", "true", "false", "deviation", "exemption", "against"};

constexpr std::array<std::string_view, 5> kDeclarationKeywords = {"rule", "type", "enum",
                                                                  "deviation", "exemption"};

bool isDeclarationKeyword(std::string_view word) {
  for (auto kw : kDeclarationKeywords)
    if (word == kw) return true;
  return false;
}

bool isName(std::string_view word) {
  if (word.empty() || !isIdentStart(static_cast<unsigned char>(word[0]))) return false;
  for (char c : word)
    if (!isIdentChar(static_cast<unsigned char>(c))) return false;
  return !isReserved(word);
}

/// A date written in another form than YYYY-MM-DD (`01.03.2025`,
/// `2025-3-1`): the ISO form it most likely means; nullopt for anything
/// else (a number, a correct date, arithmetic).
std::optional<std::string> misspeltDate(std::string_view tok) {
  auto parts = [](std::string_view s, char sep) {
    std::vector<std::string_view> out;
    std::size_t b = 0;
    for (std::size_t k = 0; k <= s.size(); ++k)
      if (k == s.size() || s[k] == sep) {
        out.push_back(s.substr(b, k - b));
        b = k + 1;
      }
    return out;
  };
  auto digitsOnly = [](std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char ch) { return isDigit(static_cast<unsigned char>(ch)); });
  };
  auto two = [](std::string_view s) { return s.size() == 1 ? "0" + std::string(s) : std::string(s); };
  if (tok.find('.') != std::string_view::npos && tok.find('-') == std::string_view::npos) {
    auto p = parts(tok, '.');  // DD.MM.YYYY, as Norwegians write dates
    if (p.size() == 3 && digitsOnly(p[0]) && digitsOnly(p[1]) && digitsOnly(p[2]) && p[0].size() <= 2 &&
        p[1].size() <= 2 && p[2].size() == 4)
      return std::string(p[2]) + "-" + two(p[1]) + "-" + two(p[0]);
  }
  if (tok.find('-') != std::string_view::npos && tok.find('.') == std::string_view::npos) {
    auto p = parts(tok, '-');  // YYYY-M-D
    if (p.size() == 3 && digitsOnly(p[0]) && digitsOnly(p[1]) && digitsOnly(p[2]) && p[0].size() == 4 &&
        p[1].size() <= 2 && p[2].size() <= 2 && (p[1].size() == 1 || p[2].size() == 1))
      return std::string(p[0]) + "-" + two(p[1]) + "-" + two(p[2]);
  }
  return std::nullopt;
}

}  // namespace

const std::array<std::string_view, 24>& reservedWords() { return kReserved; }

bool isReserved(std::string_view word) {
  for (auto r : kReserved)
    if (r == word) return true;
  return false;
}

std::size_t skipTrivia(std::string_view text, std::size_t pos) {
  bool newline = false;
  return skipTriviaNoting(text, pos, newline);
}

std::size_t tokenEnd(std::string_view text, std::size_t pos) {
  const std::size_t n = text.size();
  if (pos >= n) return n;
  unsigned char c = at(text, pos);
  std::size_t i = pos;
  if (isIdentStart(c)) {
    while (i < n && isIdentChar(at(text, i))) ++i;
    return i;
  }
  if (isDigit(c)) {
    // A date `2024-03-01` is one token.
    auto digits = [&](std::size_t from, std::size_t count) {
      for (std::size_t k = 0; k < count; ++k)
        if (!isDigit(at(text, from + k))) return false;
      return true;
    };
    if (digits(pos, 4) && at(text, pos + 4) == '-' && digits(pos + 5, 2) &&
        at(text, pos + 7) == '-' && digits(pos + 8, 2) && !isDigit(at(text, pos + 10)))
      return pos + 10;
    // So is a month `2021-02` or a half-year `2021-H1`.
    if (digits(pos, 4) && at(text, pos + 4) == '-' && digits(pos + 5, 2) && !isDigit(at(text, pos + 7)) &&
        at(text, pos + 7) != '-')
      return pos + 7;
    if (digits(pos, 4) && at(text, pos + 4) == '-' && at(text, pos + 5) == 'H' && digits(pos + 6, 1) &&
        !isIdentChar(at(text, pos + 7)))
      return pos + 7;
    while (i < n && isDigit(at(text, i))) ++i;
    return i;
  }
  if (c == '"') {
    ++i;
    while (i < n && text[i] != '"' && text[i] != '\n') {
      if (text[i] == '\\' && i + 1 < n && text[i + 1] != '\n')
        i += 2;
      else
        ++i;
    }
    if (i < n && text[i] == '"') return i + 1;
    if (i > pos && text[i - 1] == '\r') --i;
    return i;
  }
  if (text.substr(pos, 3) == "...") return pos + 3;
  unsigned char d = at(text, pos + 1);
  if ((c == '=' || c == '!' || c == '<' || c == '>') && d == '=') return pos + 2;
  return std::min(n, pos + sequenceLength(c));
}

std::size_t lastTokenEnd(std::string_view text, std::size_t from, std::size_t limit) {
  std::size_t last = from;
  std::size_t pos = from;
  while (true) {
    std::size_t start = skipTrivia(text, pos);
    if (start >= text.size() || start >= limit) return last;
    std::size_t end = tokenEnd(text, start);
    if (end > limit) return last;
    last = pos = end;
  }
}

namespace {

/// The bytes checkLexical passes over without a check of their own: not a
/// possible comment, string, control character or number.
constexpr std::array<bool, 256> kPassed = [] {
  std::array<bool, 256> t{};
  for (int c = 0; c < 256; ++c) {
    const auto u = static_cast<unsigned char>(c);
    t[u] = u != '/' && u != '"' && !isDigit(u) && !((u < 0x20 || u == 0x7F) && !isSpace(u));
  }
  return t;
}();

/// The bytes inside a string literal that need no check: not its end, a line
/// break, an escape or a control character.
constexpr std::array<bool, 256> kPlainInString = [] {
  std::array<bool, 256> t{};
  for (int c = 0; c < 256; ++c) {
    const auto u = static_cast<unsigned char>(c);
    t[u] = u != '"' && u != '\\' && u != '\n' && !((u < 0x20 || u == 0x7F) && !isSpace(u));
  }
  return t;
}();

}  // namespace

bool checkLexical(std::string_view text, std::uint32_t fileId, Diagnostics& diags) {
  const std::size_t n = text.size();
  bool ok = true;
  auto span = [&](std::size_t b, std::size_t e) {
    return Span::of(fileId, static_cast<std::uint32_t>(b), static_cast<std::uint32_t>(e));
  };
  // Control characters (NUL, ESC, …) have no place in a samsvar file, in a
  // string neither (an escape sequence in a deviation's reason could erase
  // the report above it in a terminal); a run of them is one error.
  auto isControl = [](unsigned char ch) { return ch < 0x20 || ch == 0x7F; };
  auto reportControls = [&](std::size_t start) {
    std::size_t end = start + 1;  // INVARIANT: called on a control character; always advances
    while (end < n && isControl(at(text, end)) && !isSpace(at(text, end))) ++end;
    char hex[8];
    std::snprintf(hex, sizeof hex, "U+%04X", at(text, start));
    diags.error(DiagCode::parseControlCharacter, span(start, end), {{"character", hex}})
        .withHelp(Phrase::removeControlCharacter);
    return end;
  };
  std::size_t i = 0;
  while (i < n) {
    unsigned char c = at(text, i);
    if (c == '/' && at(text, i + 1) == '/') {
      std::size_t eol = text.find('\n', i);
      i = eol == std::string_view::npos ? n : eol;
    } else if (c == '/' && at(text, i + 1) == '*') {
      std::size_t close = text.find("*/", i + 2);
      if (close == std::string_view::npos) {
        diags.error(DiagCode::parseUnterminatedComment, span(i, i + 2)).withHelp(Phrase::closeComment);
        return false;
      }
      i = close + 2;
    } else if (c == '"') {
      std::size_t start = i++;
      bool closed = false;
      while (i < n && text[i] != '\n') {
        while (i < n && kPlainInString[at(text, i)]) ++i;  // most of a string
        if (i >= n || text[i] == '\n') break;
        if (text[i] == '"') {
          closed = true;
          ++i;
          break;
        }
        if (isControl(at(text, i)) && !isSpace(at(text, i))) {
          i = reportControls(i);
          ok = false;
          continue;
        }
        if (text[i] == '\\') {
          unsigned char e = at(text, i + 1);
          if (e == '"' || e == '\\' || e == 'n' || e == 't') {
            i += 2;
            continue;
          }
          ok = false;
          std::size_t end = (i + 1 < n && e != '\n' && e != '\r') ? i + 1 + sequenceLength(e) : i + 1;
          diags.error(DiagCode::parseEscape, span(i, std::min(end, n))).withHelp(Phrase::validEscapes);
          ++i;
          continue;
        }
        ++i;
      }
      if (!closed) {
        ok = false;
        std::size_t end = i;
        if (end > start + 1 && text[end - 1] == '\r') --end;
        diags.error(DiagCode::parseUnterminatedString, span(start, end)).withHelp(Phrase::stringOnOneLine);
      }
    } else if (isControl(c) && !isSpace(c)) {
      i = reportControls(i);
      ok = false;
    } else if (isDigit(c) && (i == 0 || !isIdentChar(at(text, i - 1)))) {
      std::size_t end = i;
      while (end < n && (isDigit(at(text, end)) || at(text, end) == '.' || at(text, end) == '-')) ++end;
      if (auto iso = misspeltDate(text.substr(i, end - i))) {
        ok = false;
        diags.error(DiagCode::parseDateFormat, span(i, end)).withHelp(Phrase::writeDate, {{"date", *iso}});
      }
      i = std::max(end, i + 1);
    } else {
      // Most bytes start nothing the checks above look at: pass them in a
      // tight loop (a digit after a name character comes back here).
      ++i;
      while (i < n && kPassed[at(text, i)]) ++i;
    }
  }
  return ok;
}

bool startsDeclaration(std::string_view text, std::size_t pos) {
  std::size_t end = tokenEnd(text, pos);
  std::string_view word = text.substr(pos, end - pos);
  if (isDeclarationKeyword(word)) {
    // `rule HOR-1`, `type T`: a keyword followed by a name (an attribute named
    // like a keyword, `rule: text`, is not a declaration).
    std::size_t next = skipTrivia(text, end);
    return isName(text.substr(next, tokenEnd(text, next) - next));
  }
  // An instance `NAME : TYPE {` (an attribute `name: type` has no brace).
  if (!isName(word)) return false;
  std::size_t colon = skipTrivia(text, end);
  if (at(text, colon) != ':') return false;
  std::size_t type = skipTrivia(text, colon + 1);
  std::size_t typeEnd = tokenEnd(text, type);
  return isName(text.substr(type, typeEnd - type)) && at(text, skipTrivia(text, typeEnd)) == '{';
}

std::size_t recoveryPoint(std::string_view text, std::size_t declStart, std::size_t errorPos) {
  const std::size_t n = text.size();
  std::size_t pos = declStart;
  int depth = 0;  // braces opened since declStart
  while (true) {
    bool newline = false;
    std::size_t start = skipTriviaNoting(text, pos, newline);
    if (start >= n) return n;
    std::size_t end = tokenEnd(text, start);
    std::string_view word = text.substr(start, end - start);
    if (start > declStart && start >= errorPos && newline &&
        (depth <= 0 || isDeclarationKeyword(word)) && startsDeclaration(text, start))
      return start;
    if (word == "{") ++depth;
    if (word == "}") --depth;
    pos = end;
  }
}

}  // namespace samsvar::scan
