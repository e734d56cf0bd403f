// parseFile: checks the bytes (UTF-8, strings, comments), then runs the X3
// grammar on the header and on one declaration at a time, so that a syntax
// error in one declaration does not hide errors in the next ones.
#include "grammar/parse.hpp"

#include <exception>

#if __has_include(<pthread.h>)
#include <pthread.h>
#define SAMSVAR_PARSE_THREAD 1
#else
#define SAMSVAR_PARSE_THREAD 0
#endif
#include <functional>
#include <string_view>

#include "core/errors.hpp"
#include "grammar/scan.hpp"
#include "grammar/x3/ast.hpp"
#include "grammar/x3/config.hpp"
#include "grammar/x3/convert.hpp"
#include "grammar/x3/grammar.hpp"

namespace samsvar {

namespace {

namespace x3 = boost::spirit::x3;
using grammar::iterator_type;
using grammar::parse_state;

struct Expected {
  std::string_view which;  // the rule name or X3 description of what was expected
  Bilingual message;
  std::optional<Bilingual> help;
};

// What an expectation failure says, by the name of the rule that failed (see
// the rule names in x3_grammar_def.hpp). Keywords and punctuation not listed
// here get the generic "expected `x`".
const std::vector<Expected>& expectedTable() {
  static const std::vector<Expected> table = {
      {"expression", {"forventet uttrykk", "expected expression"}, std::nullopt},
      {"name", {"forventet navn", "expected name"}, std::nullopt},
      {"type name", {"forventet typenavn", "expected type name"}, std::nullopt},
      {"enum value", {"forventet enum-verdi", "expected enum value"}, std::nullopt},
      {"rule id", {"forventet regel-id", "expected rule id"},
       Bilingual{"en regel-id er bokstaver, sifre, `_` og `-`, f.eks. `HOR-14`",
             "a rule id is letters, digits, `_` and `-`, e.g. `HOR-14`"}},
      {"string", {"forventet streng", "expected string"},
       Bilingual{"en streng skrives i doble anførselstegn: \"…\"",
             "a string is written in double quotes: \"…\""}},
      {"strength",
       {"forventet styrke `må`, `skal`, `bør` eller `kan`",
        "expected strength `må`, `skal`, `bør` or `kan`"},
       std::nullopt},
      {"`nb` or `en`", {"forventet `nb` eller `en`", "expected `nb` or `en`"}, std::nullopt},
      {"`:` or `in`", {"forventet `:` eller `in`", "expected `:` or `in`"},
       Bilingual{"en binding er `x: Type` eller `x in uttrykk`",
             "a binding is `x: Type` or `x in expression`"}},
      {"binding", {"forventet binding", "expected binding"},
       Bilingual{"en binding er `x: Type` eller `x in uttrykk`",
             "a binding is `x: Type` or `x in expression`"}},
      {"type", {"forventet type", "expected type"},
       Bilingual{"typer: `bool`, `int`, `date`, `duration`, `text`, et enum- eller typenavn, `set<T>`",
             "types: `bool`, `int`, `date`, `duration`, `text`, an enum or type name, `set<T>`"}},
      {"`require`", {"forventet `require`", "expected `require`"},
       Bilingual{"en regel har leddene `title`, `message`, `source`, `for`, `when` og `require`, i "
             "denne rekkefølgen",
             "a rule has the clauses `title`, `message`, `source`, `for`, `when` and `require`, "
             "in this order"}},
      {"no-chain", {"sammenligninger kan ikke kjedes", "comparisons cannot be chained"},
       Bilingual{"kombiner dem med `and`: `a < b and b < c`",
             "combine them with `and`: `a < b and b < c`"}},
      {"no-assign", {"uventet `=`; bruk `==` for å sammenligne",
                     "unexpected `=`; use `==` to compare"},
       std::nullopt},
  };
  return table;
}

Expected describeExpected(const std::string& which) {
  for (const auto& e : expectedTable())
    if (e.which == which) return e;
  std::string shown = which;
  // X3 describes literals as 'c' and "text"; show them like keywords: `c`.
  if (shown.size() >= 2 && ((shown.front() == '\'' && shown.back() == '\'') ||
                            (shown.front() == '"' && shown.back() == '"')))
    shown = std::string(1, '`').append(which, 1, which.size() - 2).append(1, '`');
  return {which, {"forventet " + shown, "expected " + shown}, std::nullopt};
}

class Driver {
 public:
  Driver(const SourceManager& sm, std::uint32_t fileId, Diagnostics& diags)
      : fileId_(fileId),
        text_(sm.text(fileId)),
        diags_(diags),
        state_(text_.begin(), text_.end()),
        convert_(fileId, diags) {}

  std::optional<ast::File> run();

 private:
  template <typename Rule, typename Attr>
  bool parse(const Rule& rule, std::size_t start, Attr& attr, std::size_t& end) {
    iterator_type it = text_.begin() + static_cast<std::ptrdiff_t>(start);
    state_.reset(it);
    bool ok = x3::phrase_parse(it, text_.end(),
                               x3::with<x3::error_handler_tag>(std::ref(state_))[rule],
                               grammar::skipper, attr, x3::skip_flag::dont_post_skip);
    end = static_cast<std::size_t>(it - text_.begin());
    return ok;
  }

  Span span(std::size_t b, std::size_t e) const {
    return Span::of(fileId_, static_cast<std::uint32_t>(b), static_cast<std::uint32_t>(e));
  }
  /// The token at `pos` (after whitespace and comments); at the end of the
  /// text, an empty span right after the last token before it (tokens are
  /// counted from `from`, a token boundary).
  Span tokenSpan(std::size_t pos, std::size_t from) const {
    std::size_t p = scan::skipTrivia(text_, pos);
    if (p >= text_.size()) {
      std::size_t end = scan::lastTokenEnd(text_, std::min(from, pos), pos);
      return span(end, end);
    }
    return span(p, scan::tokenEnd(text_, p));
  }
  /// True if the token right before `pos` is a number.
  bool previousIsNumber(std::size_t pos) const {
    std::size_t i = pos;
    while (i > 0 && (text_[i - 1] == ' ' || text_[i - 1] == '\t')) --i;
    return i > 0 && text_[i - 1] >= '0' && text_[i - 1] <= '9';
  }
  /// Reports why a parse starting at `start` failed; returns where.
  std::size_t reportFailure(std::size_t start, bool isHeader);

  std::uint32_t fileId_;
  const std::string& text_;
  Diagnostics& diags_;
  parse_state state_;
  grammar::Converter convert_;
  bool failed_ = false;
  std::size_t previousEnd_ = 0;  // end of the last header or declaration parsed
};

std::size_t Driver::reportFailure(std::size_t start, bool isHeader) {
  failed_ = true;
  if (state_.failure) {
    auto where = static_cast<std::size_t>(state_.failure->where - text_.begin());
    Span at = tokenSpan(where, start);
    if (state_.failure->which == grammar::nesting_which) {
      diags_.error("parse.nesting", at, grammar::nestingMessage());
    } else if (state_.failure->which == grammar::chain_which) {
      std::string limit = std::to_string(kMaxNesting);
      auto& d = diags_.error("parse.nesting", at,
                             {"uttrykket er for langt (grensen er " + limit + " operatorer på rad)",
                              "expression too long (limit " + limit + " operators in a row)"});
      d.help = Bilingual{"del opp regelen, eller sett parenteser rundt deler av uttrykket",
                     "split the rule, or parenthesise parts of the expression"};
    } else {
      Expected e = describeExpected(state_.failure->which);
      auto& d = diags_.error("parse.expected", at, e.message);
      d.help = e.help;
      std::string word(text_.substr(at.begin, at.end - at.begin));
      const std::string& which = state_.failure->which;
      bool wantsName = which == "name" || which == "type name" || which == "enum value" ||
                       which == "binding" || which == "'}'";
      if (!d.help && wantsName && scan::isReserved(word) &&
          !scan::startsDeclaration(text_, at.begin))
        d.help = Bilingual{"`" + word + "` er et reservert ord og kan ikke brukes som navn",
                       "`" + word + "` is a reserved word and cannot be used as a name"};
    }
    return at.begin;
  }
  if (isHeader) {
    std::size_t first = scan::skipTrivia(text_, 0);
    Span at = first >= text_.size() ? span(0, 0) : tokenSpan(first, 0);
    auto& d = diags_.error("parse.expected", at,
                           {"forventet `module` eller `case`", "expected `module` or `case`"});
    d.help = Bilingual{"en regelfil begynner med `module navn`, en sak med `case \"tittel\"`",
                   "a rules file starts with `module name`, a case with `case \"title\"`"};
    return at.begin;
  }
  Span at = tokenSpan(start, start);
  auto furthest = static_cast<std::size_t>(state_.furthest - text_.begin());
  if (furthest > at.end) {
    // Something matched beyond the first token without reaching an
    // expectation point: point at the furthest position reached.
    Span there = tokenSpan(furthest, start);
    diags_.error("parse.unexpected", there, {"uventet tekst", "unexpected input"});
    return there.begin;
  }
  std::string word(text_.substr(at.begin, at.end - at.begin));
  if (previousEnd_ > 0 && text_.find('\n', previousEnd_) >= at.begin) {
    // The previous declaration ended on this line, so this is most likely a
    // misspelt or superfluous part of it rather than a new declaration.
    auto& d = diags_.error("parse.unexpected", at,
                           {"uventet `" + word + "`", "unexpected `" + word + "`"});
    auto unit = closestName(word, {"days", "day", "weeks", "week", "months", "month", "dager", "dag",
                               "uker", "uke", "måneder", "måned"});
    if (unit && previousIsNumber(at.begin))
      d.help = Bilingual{"mente du `" + *unit + "`?", "did you mean `" + *unit + "`?"};
    else
      d.help = Bilingual{"deklarasjonen foran slutter rett før dette",
                     "the declaration before ends just before this"};
    return at.begin;
  }
  auto& d = diags_.error("parse.expected", at, {"forventet deklarasjon", "expected declaration"});
  if (auto kw = closestName(word, {"rule", "type", "enum", "deviation", "exemption"})) {
    d.help = Bilingual{"mente du `" + *kw + "`?", "did you mean `" + *kw + "`?"};
  } else {
    d.help = Bilingual{"en deklarasjon begynner med `rule`, `type`, `enum`, `deviation`, `exemption` "
                   "eller `navn: Type {`",
                   "a declaration starts with `rule`, `type`, `enum`, `deviation`, `exemption` "
                   "or `name: Type {`"};
  }
  return at.begin;
}

std::optional<ast::File> Driver::run() {
  // A file that does not begin like a samsvar file (a header, or a
  // declaration of a case that forgot its header) may be anything, a
  // password file named by mistake or on purpose: say so by name, and never
  // echo a byte of it.
  {
    std::size_t first = scan::skipTrivia(text_, 0);
    std::string_view word = std::string_view(text_).substr(first, scan::tokenEnd(text_, first) - first);
    if (word != "module" && word != "case" && !scan::startsDeclaration(text_, first)) {
      const std::size_t at = first >= text_.size() ? 0 : first;
      auto& d = diags_.error("parse.not-samsvar", span(at, at),
                             {first >= text_.size() ? "filen er tom: forventet `module` eller `case`"
                                                    : "dette er ikke en samsvar-fil: forventet `module` eller `case`",
                              first >= text_.size() ? "the file is empty: expected `module` or `case`"
                                                    : "this is not a samsvar file: expected `module` or `case`"});
      d.help = Bilingual{"en regelfil begynner med `module navn`, en sak med `case \"tittel\"`",
                         "a rules file starts with `module name`, a case with `case \"title\"`"};
      d.showSource = false;
      return std::nullopt;
    }
  }
  if (std::size_t bad = findInvalidUtf8(text_); bad != std::string_view::npos) {
    auto& d = diags_.error("parse.utf8", span(bad, bad + 1),
                           {"ugyldig UTF-8-bytesekvens", "invalid UTF-8 byte sequence"});
    d.help = Bilingual{"lagre filen som UTF-8 (den er kanskje lagret som Latin-1 eller Windows-1252)",
                       "save the file as UTF-8 (it may have been saved as Latin-1 or Windows-1252)"};
    return std::nullopt;
  }
  if (!scan::checkLexical(text_, fileId_, diags_)) return std::nullopt;

  ast::File file;
  file.fileId = fileId_;
  file.span = span(0, text_.size());

  std::size_t pos = 0;
  {
    x3ast::header header;
    std::size_t end = 0;
    if (parse(grammar::header(), 0, header, end)) {
      convert_.header(header, file);
      pos = previousEnd_ = end;
    } else {
      std::size_t where = reportFailure(0, true);
      // Without a header, the file may still go on with declarations.
      std::size_t first = scan::skipTrivia(text_, 0);
      pos = where == first && first < text_.size() && scan::startsDeclaration(text_, first)
                ? first
                : scan::recoveryPoint(text_, 0, where);
    }
  }

  while (true) {
    std::size_t start = scan::skipTrivia(text_, pos);
    if (start >= text_.size()) break;
    x3ast::declaration decl;
    std::size_t end = 0;
    if (parse(grammar::declaration(), start, decl, end)) {
      file.decls.push_back(convert_.declaration(decl));
      pos = previousEnd_ = end;
    } else {
      std::size_t where = reportFailure(start, false);
      pos = scan::recoveryPoint(text_, start, where);
    }
  }

  if (failed_ || convert_.failed()) return std::nullopt;
  return file;
}

/// A failure inside the parser is a bug, not bad input: it becomes an
/// InternalError naming the file (exit code 3), never a user diagnostic.
std::optional<ast::File> parseGuarded(const SourceManager& sm, std::uint32_t fileId,
                                      Diagnostics& diags) {
  try {
    return Driver(sm, fileId, diags).run();
  } catch (const InternalError&) {
    throw;
  } catch (const std::exception& e) {
    throw InternalError("parser failed on " + sm.name(fileId) + ": " + e.what());
  } catch (...) {
    throw InternalError("parser failed on " + sm.name(fileId));
  }
}

}  // namespace

std::optional<ast::File> parseFile(const SourceManager& sm, std::uint32_t fileId,
                                   Diagnostics& diags) {
#if SAMSVAR_PARSE_THREAD
  // The grammar recurses about ten rules deep per nesting level: at
  // kMaxNesting that is ~1 MB of stack in a release build, but 4–8 MB with
  // AddressSanitizer and more than a small worker thread may have. The parse
  // therefore runs on a thread of its own with a generous stack (reserved,
  // not committed); if that thread cannot be made, on the caller's.
  struct Job {
    const SourceManager& sm;
    std::uint32_t fileId;
    Diagnostics& diags;
    std::optional<ast::File> result;
    std::exception_ptr error;
  } job{sm, fileId, diags, std::nullopt, nullptr};
  constexpr std::size_t kStackBytes = std::size_t{64} << 20;
  pthread_attr_t attr;
  if (pthread_attr_init(&attr) == 0) {
    pthread_t thread;
    bool started =
        pthread_attr_setstacksize(&attr, kStackBytes) == 0 &&
        pthread_create(
            &thread, &attr,
            [](void* p) -> void* {
              auto& j = *static_cast<Job*>(p);
              try {
                j.result = parseGuarded(j.sm, j.fileId, j.diags);
              } catch (...) {
                j.error = std::current_exception();
              }
              return nullptr;
            },
            &job) == 0;
    pthread_attr_destroy(&attr);
    if (started) {
      pthread_join(thread, nullptr);
      if (job.error) std::rethrow_exception(job.error);
      return std::move(job.result);
    }
  }
#endif
  return parseGuarded(sm, fileId, diags);
}

}  // namespace samsvar
