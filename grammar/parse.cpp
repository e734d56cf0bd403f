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

/// What an expectation failure reports, by the name of the rule that failed
/// (see the rule names in x3/grammar_def.hpp).
struct Expectation {
  std::string_view which;               // the rule name or X3 description of what was expected
  DiagCode code = DiagCode::parseExpected;
  std::optional<Phrase> what;           // parse.expected: what was expected (default: `which`)
  std::optional<Phrase> help;
};

// Keywords and punctuation not listed here get the generic "expected `x`".
constexpr Expectation kExpectations[] = {
    {"expression", DiagCode::parseExpected, Phrase::expectedExpression, std::nullopt},
    {"name", DiagCode::parseExpected, Phrase::expectedName, std::nullopt},
    {"type name", DiagCode::parseExpected, Phrase::expectedTypeName, std::nullopt},
    {"enum value", DiagCode::parseExpected, Phrase::expectedEnumValue, std::nullopt},
    {"rule id", DiagCode::parseExpected, Phrase::expectedRuleId, Phrase::ruleIdForm},
    {"string", DiagCode::parseExpected, Phrase::expectedString, Phrase::stringForm},
    {"strength", DiagCode::parseExpected, Phrase::expectedStrength, std::nullopt},
    {"`nb` or `en`", DiagCode::parseExpected, Phrase::expectedNbOrEn, std::nullopt},
    {"`:` or `in`", DiagCode::parseExpected, Phrase::expectedColonOrIn, Phrase::bindingForm},
    {"binding", DiagCode::parseExpected, Phrase::expectedBinding, Phrase::bindingForm},
    {"type", DiagCode::parseExpected, Phrase::expectedType, Phrase::typeForms},
    {"`require`", DiagCode::parseExpected, std::nullopt, Phrase::ruleClauseOrder},
    {"no-chain", DiagCode::parseChainedComparison, std::nullopt, Phrase::combineWithAnd},
    {"no-assign", DiagCode::parseSingleEquals, std::nullopt, std::nullopt},
};

/// Reports the expectation failure `which` at `at`.
Diagnostic& reportExpected(Diagnostics& diags, Span at, const std::string& which) {
  for (const auto& e : kExpectations) {
    if (e.which != which) continue;
    Bilingual what = e.what ? phrase(*e.what) : Bilingual{which, which};
    auto& d = diags.error(e.code, at, {{"what", std::move(what)}});
    if (e.help) d.withHelp(*e.help);
    return d;
  }
  std::string shown = which;
  // X3 describes literals as 'c' and "text"; show them like keywords: `c`.
  if (shown.size() >= 2 && ((shown.front() == '\'' && shown.back() == '\'') ||
                            (shown.front() == '"' && shown.back() == '"')))
    shown = std::string(1, '`').append(which, 1, which.size() - 2).append(1, '`');
  return diags.error(DiagCode::parseExpected, at, {{"what", shown}});
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
  const std::string limit = std::to_string(kMaxNesting);
  if (state_.failure) {
    auto where = static_cast<std::size_t>(state_.failure->where - text_.begin());
    Span at = tokenSpan(where, start);
    const std::string& which = state_.failure->which;
    if (which == grammar::nesting_which) {
      diags_.error(DiagCode::parseNesting, at, {{"limit", limit}});
    } else if (which == grammar::chain_which) {
      diags_.error(DiagCode::parseChainTooLong, at, {{"limit", limit}}).withHelp(Phrase::splitExpression);
    } else {
      auto& d = reportExpected(diags_, at, which);
      std::string word(text_.substr(at.begin, at.end - at.begin));
      bool wantsName = which == "name" || which == "type name" || which == "enum value" ||
                       which == "binding" || which == "'}'";
      if (!d.help && wantsName && scan::isReserved(word) &&
          !scan::startsDeclaration(text_, at.begin))
        d.withHelp(Phrase::reservedWord, {{"word", word}});
    }
    return at.begin;
  }
  if (isHeader) {
    std::size_t first = scan::skipTrivia(text_, 0);
    Span at = first >= text_.size() ? span(0, 0) : tokenSpan(first, 0);
    diags_.error(DiagCode::parseExpected, at, {{"what", phrase(Phrase::expectedHeader)}})
        .withHelp(Phrase::fileStart);
    return at.begin;
  }
  Span at = tokenSpan(start, start);
  auto furthest = static_cast<std::size_t>(state_.furthest - text_.begin());
  if (furthest > at.end) {
    // Something matched beyond the first token without reaching an
    // expectation point: point at the furthest position reached.
    Span there = tokenSpan(furthest, start);
    diags_.error(DiagCode::parseUnexpectedInput, there);
    return there.begin;
  }
  std::string word(text_.substr(at.begin, at.end - at.begin));
  if (previousEnd_ > 0 && text_.find('\n', previousEnd_) >= at.begin) {
    // The previous declaration ended on this line, so this is most likely a
    // misspelt or superfluous part of it rather than a new declaration.
    auto& d = diags_.error(DiagCode::parseUnexpected, at, {{"token", word}});
    if (previousIsNumber(at.begin))
      d.help = didYouMean(word, {"days", "day", "weeks", "week", "months", "month", "dager", "dag", "uker", "uke",
                                 "måneder", "måned"});
    if (!d.help) d.withHelp(Phrase::declarationEndsBefore);
    return at.begin;
  }
  auto& d = diags_.error(DiagCode::parseExpected, at, {{"what", phrase(Phrase::expectedDeclaration)}});
  d.help = didYouMean(word, {"rule", "type", "enum", "deviation", "exemption"});
  if (!d.help) d.withHelp(Phrase::declarationStart);
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
      const bool empty = first >= text_.size();
      const std::size_t at = empty ? 0 : first;
      auto& d = diags_.error(empty ? DiagCode::parseEmptyFile : DiagCode::parseNotSamsvar, span(at, at));
      d.withHelp(Phrase::fileStart);
      d.showSource = false;
      return std::nullopt;
    }
  }
  if (std::size_t bad = findInvalidUtf8(text_); bad != std::string_view::npos) {
    diags_.error(DiagCode::parseUtf8, span(bad, bad + 1)).withHelp(Phrase::saveAsUtf8);
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
