// Spirit X3 configuration of the samsvar grammar: iterator, skipper, parse
// state (the "error handler" reachable from every rule) and the exact context
// type the grammar is instantiated with. Private to grammar/ (never include
// it from outside this directory).
#pragma once

#include <algorithm>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <type_traits>

#include <boost/spirit/home/x3.hpp>
#include <boost/spirit/home/x3/support/utility/error_reporting.hpp>

#include "grammar/lexical.hpp"

namespace samsvar::grammar {

namespace x3 = boost::spirit::x3;

using iterator_type = std::string::const_iterator;

// ------------------------------------------------------------------ characters

/// Parses one byte satisfying `Pred` (on the unsigned byte value). X3's own
/// classifiers (alnum, space, …) index tables with possibly negative chars;
/// bytes >= 0x80 (UTF-8) must be handled explicitly, so we use our own.
template <bool (*Pred)(unsigned char)>
struct byte_parser : x3::char_parser<byte_parser<Pred>> {
  using attribute_type = char;
  using encoding = boost::spirit::char_encoding::standard;
  static bool const has_attribute = true;

  template <typename Char, typename Context>
  bool test(Char ch, Context const&) const {
    return Pred(static_cast<unsigned char>(ch));
  }
};

using lexical::isDigit;
using lexical::isIdentChar;
using lexical::isIdentStart;
using lexical::isSpace;
using lexical::isStringChar;

inline constexpr byte_parser<isIdentStart> ident_start{};
inline constexpr byte_parser<isIdentChar> ident_char{};
inline constexpr byte_parser<isDigit> digit{};
inline constexpr byte_parser<isSpace> space{};

// --------------------------------------------------------------------- skipper

/// Whitespace (including newlines) and comments: `// …` up to the end of the
/// line and `/* … */`. An unterminated block comment is not skipped; the
/// lexical pre-check (scan.cpp) reports it before the grammar runs.
///
/// One call skips the whole run of whitespace and comments before a token
/// (X3 calls a skipper until it fails): written as `space | "//" … | "/*" …`
/// it was one call, and three tries, per byte of whitespace, the largest
/// single cost of a parse.
struct trivia_parser : x3::parser<trivia_parser> {
  using attribute_type = x3::unused_type;
  static bool const has_attribute = false;

  template <typename It, typename Ctx, typename RCtx, typename Attr>
  bool parse(It& first, It const& last, Ctx const&, RCtx&, Attr&) const {
    It it = first;
    while (it != last) {
      const auto c = static_cast<unsigned char>(*it);
      if (isSpace(c)) {
        ++it;
        continue;
      }
      if (c != '/' || last - it < 2) break;
      if (it[1] == '/') {
        it = std::find(it + 2, last, '\n');  // the line break is whitespace
        continue;
      }
      if (it[1] != '*') break;
      It close = it + 2;
      while (close != last && !(*close == '*' && close + 1 != last && close[1] == '/')) ++close;
      if (close == last) break;  // unterminated: not a comment to skip
      it = close + 2;
    }
    if (it == first) return false;
    first = it;
    return true;
  }
};
inline constexpr trivia_parser skipper{};
using skipper_type = trivia_parser;

// ----------------------------------------------------------------- parse state

/// The first expectation failure of one parse call.
struct expectation {
  iterator_type where;
  std::string which;  // X3's description of what was expected (a rule name, `kw`, 'c')
};

/// State shared by all rules of one parse call, reachable through
/// x3::get<x3::error_handler_tag>: text bounds for byte offsets, the furthest
/// position any rule reached, the expression nesting depth and the first
/// expectation failure.
struct parse_state {
  iterator_type begin;
  iterator_type end;
  iterator_type furthest;
  int depth = 0;
  std::optional<expectation> failure;

  parse_state(iterator_type b, iterator_type e) : begin(b), end(e), furthest(b) {}

  std::uint32_t offset(iterator_type it) const {
    return static_cast<std::uint32_t>(it - begin);
  }
  void reach(iterator_type it) {
    if (it > furthest) furthest = it;
  }
  /// Readies the state for a new parse call starting at `start`.
  void reset(iterator_type start) {
    furthest = start;
    depth = 0;
    failure.reset();
  }
};

/// The "which" text thrown when expressions nest deeper than kMaxNesting.
inline constexpr const char* nesting_which = "@nesting";
/// The "which" text thrown when one chain has more than kMaxNesting operators.
inline constexpr const char* chain_which = "@chain";

// ------------------------------------------------------------------- contexts

using phrase_context_type = x3::phrase_parse_context<skipper_type>::type;
using context_type =
    x3::context<x3::error_handler_tag, std::reference_wrapper<parse_state>, phrase_context_type>;

}  // namespace samsvar::grammar
