// Definitions of the samsvar grammar (see docs/language.md). Included only by
// x3_grammar.cpp. Rule names are the keys of the error message table in
// parse.cpp: an expectation failure reports "expected <name>".
#pragma once

#include <string>
#include <type_traits>

#include "grammar/parse.hpp"
#include "grammar/scan.hpp"
#include "grammar/x3/ast.hpp"
#include "grammar/x3/config.hpp"
#include "grammar/x3/grammar.hpp"

namespace samsvar::grammar {

// ------------------------------------------------------------------ primitives

/// A reserved or contextual keyword: the word itself, not followed by an
/// identifier character (so `format` is not `for` + `mat`). Its `what` is the
/// word in backticks, which is how expectation failures name it.
struct keyword_parser : x3::parser<keyword_parser> {
  using attribute_type = x3::unused_type;
  static bool const has_attribute = false;

  const char* word;
  constexpr explicit keyword_parser(const char* w) : word(w) {}

  template <typename It, typename Ctx, typename RCtx, typename Attr>
  bool parse(It& first, It const& last, Ctx const& ctx, RCtx&, Attr&) const {
    x3::skip_over(first, last, ctx);
    It it = first;
    for (const char* p = word; *p != '\0'; ++p, ++it)
      if (it == last || *it != *p) return false;
    if (it != last && isIdentChar(static_cast<unsigned char>(*it))) return false;
    first = it;
    return true;
  }
};

constexpr keyword_parser kw(const char* word) { return keyword_parser{word}; }

/// The inside of a string literal: characters other than `"`, `\` and a line
/// break, and the escapes `\"`, `\\`, `\n`, `\t` (kept as written; the
/// string rule decodes them). One loop per literal instead of an X3
/// alternative per character: strings (titles, quotes) are most of a rule
/// module's bytes.
struct string_body_parser : x3::parser<string_body_parser> {
  using attribute_type = x3::unused_type;
  static bool const has_attribute = false;
  // Used under raw[], which then fills the string in one assignment (as it
  // did for the `*(…)` this replaces) instead of character by character.
  static bool const handles_container = true;

  template <typename It, typename Ctx, typename RCtx, typename Attr>
  bool parse(It& first, It const& last, Ctx const&, RCtx&, Attr&) const {
    It it = first;
    while (it != last) {
      const auto c = static_cast<unsigned char>(*it);
      if (isStringChar(c)) {
        ++it;
      } else if (c == '\\' && last - it >= 2 &&
                 (it[1] == '"' || it[1] == '\\' || it[1] == 'n' || it[1] == 't')) {
        it += 2;
      } else {
        break;
      }
    }
    first = it;
    return true;
  }
};
inline constexpr string_body_parser string_body{};

/// Succeeds, consuming nothing, where a name is followed by `(` (a call):
/// the call is tried before a path, and most primaries are paths, so this
/// spares building the name twice. It only rules out what the call rule
/// would reject anyway (no name, or no `(` after it).
struct call_ahead_parser : x3::parser<call_ahead_parser> {
  using attribute_type = x3::unused_type;
  static bool const has_attribute = false;

  template <typename It, typename Ctx, typename RCtx, typename Attr>
  bool parse(It& first, It const& last, Ctx const& ctx, RCtx&, Attr&) const {
    It it = first;
    x3::skip_over(it, last, ctx);
    if (it == last || !isIdentStart(static_cast<unsigned char>(*it))) return false;
    while (it != last && isIdentChar(static_cast<unsigned char>(*it))) ++it;
    x3::skip_over(it, last, ctx);
    return it != last && *it == '(';
  }
};
inline constexpr call_ahead_parser call_ahead{};

/// Limits the recursion of the expression grammar: entering the subject more
/// than kMaxNesting + 1 times (the outermost expression counts once) throws an
/// expectation failure that parse.cpp reports as "nested too deeply". This is
/// what keeps 10,000 nested parentheses from overflowing the stack.
template <typename Subject>
struct nesting_directive : x3::unary_parser<Subject, nesting_directive<Subject>> {
  using base_type = x3::unary_parser<Subject, nesting_directive<Subject>>;
  static bool const is_pass_through_unary = true;
  static bool const handles_container = Subject::handles_container;

  constexpr nesting_directive(Subject const& subject) : base_type(subject) {}

  template <typename It, typename Ctx, typename RCtx, typename Attr>
  bool parse(It& first, It const& last, Ctx const& ctx, RCtx& rctx, Attr& attr) const {
    parse_state& state = x3::get<x3::error_handler_tag>(ctx).get();
    if (state.depth > kMaxNesting) {
      It where = first;
      x3::skip_over(where, last, ctx);
      boost::throw_exception(x3::expectation_failure<It>(where, nesting_which));
    }
    struct depth_guard {
      int& depth;
      explicit depth_guard(int& d) : depth(d) { ++depth; }
      ~depth_guard() { --depth; }
    } guard(state.depth);
    return this->subject.parse(first, last, ctx, rctx, attr);
  }
};

struct nesting_gen {
  template <typename Subject>
  constexpr nesting_directive<typename x3::extension::as_parser<Subject>::value_type> operator[](
      Subject const& subject) const {
    return {x3::as_parser(subject)};
  }
};
constexpr nesting_gen nested{};

/// `*subject` for the operator tail of a precedence level (`op operand`),
/// bounded: more than kMaxNesting operators in one chain would make a binary
/// tree deeper than the limit, so the parse stops there instead of building
/// a huge chain first.
template <typename Subject>
struct operators_directive : x3::unary_parser<Subject, operators_directive<Subject>> {
  using base_type = x3::unary_parser<Subject, operators_directive<Subject>>;
  static bool const handles_container = true;

  constexpr operators_directive(Subject const& subject) : base_type(subject) {}

  template <typename It, typename Ctx, typename RCtx, typename Attr>
  bool parse(It& first, It const& last, Ctx const& ctx, RCtx& rctx, Attr& attr) const {
    for (int count = 0;; ++count) {
      It before = first;
      if (!x3::detail::parse_into_container(this->subject, first, last, ctx, rctx, attr))
        return true;
      if (count == kMaxNesting) {
        x3::skip_over(before, last, ctx);
        boost::throw_exception(x3::expectation_failure<It>(before, chain_which));
      }
    }
  }
};

struct operators_gen {
  template <typename Subject>
  constexpr operators_directive<typename x3::extension::as_parser<Subject>::value_type>
  operator[](Subject const& subject) const {
    return {x3::as_parser(subject)};
  }
};
constexpr operators_gen operators{};

}  // namespace samsvar::grammar

namespace boost::spirit::x3 {
template <>
struct get_info<samsvar::grammar::keyword_parser> {
  using result_type = std::string;
  std::string operator()(samsvar::grammar::keyword_parser const& p) const {
    return std::string("`") + p.word + "`";
  }
};
template <typename Subject, typename Context>
struct traits::attribute_of<samsvar::grammar::operators_directive<Subject>, Context>
    : traits::build_container<typename traits::attribute_of<Subject, Context>::type> {};
template <typename Subject>
struct get_info<samsvar::grammar::nesting_directive<Subject>> {
  using result_type = std::string;
  std::string operator()(samsvar::grammar::nesting_directive<Subject> const& p) const {
    return what(p.subject);
  }
};
}  // namespace boost::spirit::x3

namespace samsvar::grammar {

// ------------------------------------------------------------ rule id classes

/// on_success of every rule: records how far the parse got and writes the byte
/// offsets of tagged nodes. `first` is already past skipped whitespace.
struct annotate {
  template <typename It, typename Attr, typename Ctx>
  void on_success(It const& first, It const& last, Attr& attr, Ctx const& ctx) const {
    parse_state& state = x3::get<x3::error_handler_tag>(ctx).get();
    state.reach(last);
    if constexpr (std::is_base_of_v<x3ast::tagged, Attr>) {
      attr.begin = state.offset(first);
      attr.end = state.offset(last);
    }
  }
};

/// on_error of the entry rules: keeps the first expectation failure; the
/// driver in parse.cpp turns it into a diagnostic.
struct report_failure {
  template <typename It, typename Exception, typename Ctx>
  x3::error_handler_result on_error(It&, It const&, Exception const& x, Ctx const& ctx) const {
    parse_state& state = x3::get<x3::error_handler_tag>(ctx).get();
    if (!state.failure) state.failure = expectation{x.where(), x.which()};
    return x3::error_handler_result::fail;
  }
};

struct header_class : annotate, report_failure {};
struct declaration_class : annotate, report_failure {};

#define SAMSVAR_RULE(name, attribute, description) \
  struct name##_class : annotate {};                \
  x3::rule<name##_class, attribute> const name = description;

/// Fills the single `value` member of the rule's node from the subject's
/// attribute (single-member structs are not adapted as fusion sequences).
inline auto const assign_value = [](auto& ctx) { x3::_val(ctx).value = std::move(x3::_attr(ctx)); };

// ---------------------------------------------------------------- word tables

struct reserved_table : x3::symbols<> {
  reserved_table() {
    for (std::string_view w : scan::reservedWords()) add(std::string(w));
  }
} const reserved_words;

struct strength_table : x3::symbols<ast::Strength> {
  strength_table() {
    add("m\xc3\xa5", ast::Strength::maa)  // må
        ("maa", ast::Strength::maa)
        ("skal", ast::Strength::skal)
        ("b\xc3\xb8r", ast::Strength::boer)  // bør
        ("boer", ast::Strength::boer)
        ("kan", ast::Strength::kan);
  }
} const strength_words;

struct unit_table : x3::symbols<ast::DurationUnit> {
  unit_table() {
    using U = ast::DurationUnit;
    add("days", U::days)("day", U::days)("dager", U::days)("dag", U::days)
        ("weeks", U::weeks)("week", U::weeks)("uker", U::weeks)("uke", U::weeks)
        ("months", U::months)("month", U::months)
        ("m\xc3\xa5neder", U::months)("m\xc3\xa5ned", U::months);  // måneder, måned
  }
} const unit_words;

struct comparison_table : x3::symbols<ast::BinaryOp> {
  comparison_table() {
    using B = ast::BinaryOp;
    add("==", B::Eq)("!=", B::Ne)("<", B::Lt)("<=", B::Le)(">", B::Gt)(">=", B::Ge);
  }
} const comparison_ops;

// ----------------------------------------------------------------------- rules

// Lexical. `*_fill` rules run a semantic action; the tagged rule around them
// gets the node itself in on_success (X3 passes `unused` to on_success of a
// rule whose right-hand side has an action).
SAMSVAR_RULE(ident_text, std::string, "name")
SAMSVAR_RULE(ident_fill, x3ast::identifier, "name")
SAMSVAR_RULE(identifier, x3ast::identifier, "name")
SAMSVAR_RULE(type_name, x3ast::identifier, "type name")
SAMSVAR_RULE(enum_value, x3ast::identifier, "enum value")
SAMSVAR_RULE(rule_id_text, std::string, "rule id")
SAMSVAR_RULE(rule_id_fill, x3ast::identifier, "rule id")
SAMSVAR_RULE(rule_id, x3ast::identifier, "rule id")
SAMSVAR_RULE(string_piece, std::string, "string")
SAMSVAR_RULE(string_pieces, std::vector<std::string>, "string")
SAMSVAR_RULE(string_fill, x3ast::string_lit, "string")
SAMSVAR_RULE(string_lit, x3ast::string_lit, "string")
SAMSVAR_RULE(strength_fill, x3ast::strength, "strength")
SAMSVAR_RULE(strength, x3ast::strength, "strength")

// `raw[]` takes the matched bytes in one assignment instead of one
// insertion per character (a third of the parse time went there).
auto const ident_text_def =
    x3::raw[x3::lexeme[!(reserved_words >> !ident_char) >> ident_start >> *ident_char]];
auto const ident_fill_def = ident_text[assign_value];
auto const identifier_def = ident_fill;
auto const type_name_def = ident_fill;
auto const enum_value_def = ident_fill;
// A rule id is not a reserved word, nor `because`/`basis` (so that a missing id
// in `deviation because "…"` is reported as such).
auto const rule_id_text_def =
    x3::raw[x3::lexeme[!((reserved_words | x3::lit("because") | x3::lit("basis")) >> !(ident_char | '-'))
                       >> ident_start >> *(ident_char | x3::char_('-'))]];
auto const rule_id_fill_def = rule_id_text[assign_value];
auto const rule_id_def = rule_id_fill;
// The piece keeps its escapes; join_pieces decodes them.
auto const string_piece_def = x3::lexeme[x3::lit('"') >> x3::raw[string_body] >> x3::lit('"')];
auto const string_pieces_def = +string_piece;
// Adjacent literals ("a" "b") are joined.
auto const join_pieces = [](auto& ctx) {
  std::string& out = x3::_val(ctx).value;
  for (std::string& piece : x3::_attr(ctx)) {
    const std::size_t escape = piece.find('\\');
    if (escape == std::string::npos) {  // most literals: taken as they are
      if (out.empty()) out = std::move(piece);
      else out += piece;
      continue;
    }
    out.append(piece, 0, escape);
    for (std::size_t i = escape; i < piece.size(); ++i) {
      if (piece[i] != '\\' || i + 1 == piece.size()) {
        out += piece[i];
        continue;
      }
      char c = piece[++i];
      out += c == 'n' ? '\n' : c == 't' ? '\t' : c;  // \" and \\ stand for themselves
    }
  }
};
auto const string_fill_def = string_pieces[join_pieces];
auto const string_lit_def = string_fill;
auto const strength_fill_def = x3::lexeme[strength_words >> !ident_char][assign_value];
auto const strength_def = strength_fill;

// Expressions, lowest precedence first. A level with operators is an
// x3ast::expr chain (`first op rhs op rhs …`, tagged by its `*_chain` rule),
// which x3_convert folds (right for `implies`); `collapse` makes a level
// without an operator just its operand.
SAMSVAR_RULE(expression, x3ast::operand, "expression")
SAMSVAR_RULE(implies_chain, x3ast::expr, "expression")
SAMSVAR_RULE(or_expr, x3ast::operand, "expression")
SAMSVAR_RULE(or_chain, x3ast::expr, "expression")
SAMSVAR_RULE(and_expr, x3ast::operand, "expression")
SAMSVAR_RULE(and_chain, x3ast::expr, "expression")
SAMSVAR_RULE(not_expr, x3ast::operand, "expression")
SAMSVAR_RULE(unary_not, x3ast::unary, "expression")
SAMSVAR_RULE(cmp_expr, x3ast::operand, "expression")
SAMSVAR_RULE(cmp_chain, x3ast::expr, "expression")
SAMSVAR_RULE(cmp_op, ast::BinaryOp, "comparison")
SAMSVAR_RULE(cmp_tail, x3ast::operation, "comparison")
SAMSVAR_RULE(no_chain, x3::unused_type, "no-chain")
SAMSVAR_RULE(no_assign, x3::unused_type, "no-assign")
SAMSVAR_RULE(add_expr, x3ast::operand, "expression")
SAMSVAR_RULE(add_chain, x3ast::expr, "expression")
SAMSVAR_RULE(add_op, ast::BinaryOp, "`+` or `-`")
SAMSVAR_RULE(mul_expr, x3ast::operand, "expression")
SAMSVAR_RULE(mul_chain, x3ast::expr, "expression")
SAMSVAR_RULE(neg_expr, x3ast::operand, "expression")
SAMSVAR_RULE(unary_neg, x3ast::unary, "expression")
SAMSVAR_RULE(primary, x3ast::operand, "expression")
SAMSVAR_RULE(number_lit, x3ast::operand, "expression")
SAMSVAR_RULE(paren_fill, x3ast::paren, "expression")
SAMSVAR_RULE(paren_expr, x3ast::paren, "expression")
SAMSVAR_RULE(bool_word, bool, "expression")
SAMSVAR_RULE(bool_fill, x3ast::bool_lit, "expression")
SAMSVAR_RULE(bool_lit, x3ast::bool_lit, "expression")
SAMSVAR_RULE(digits, std::string, "number")
SAMSVAR_RULE(int_fill, x3ast::int_lit, "number")
SAMSVAR_RULE(int_lit, x3ast::int_lit, "number")
SAMSVAR_RULE(date_lit, x3ast::date_lit, "date")
SAMSVAR_RULE(month_date, x3ast::month_date, "date")
SAMSVAR_RULE(half_date, x3ast::half_date, "date")
SAMSVAR_RULE(unit, ast::DurationUnit, "unit")
SAMSVAR_RULE(duration_lit, x3ast::duration_lit, "duration")
SAMSVAR_RULE(path_parts, std::vector<x3ast::identifier>, "name")
SAMSVAR_RULE(path_fill, x3ast::path, "name")
SAMSVAR_RULE(path, x3ast::path, "name")
SAMSVAR_RULE(set_elements, std::vector<x3ast::operand>, "expression")
SAMSVAR_RULE(set_lit, x3ast::set_lit, "set")
SAMSVAR_RULE(quant_kind, ast::QuantKind, "`exists` or `forall`")
SAMSVAR_RULE(quantifier, x3ast::quantifier, "expression")
SAMSVAR_RULE(call_args, std::vector<x3ast::operand>, "expression")
SAMSVAR_RULE(call, x3ast::call, "expression")

inline auto const collapse = [](auto& ctx) {
  auto& chain = x3::_attr(ctx);
  if (chain.rest.empty())
    x3::_val(ctx) = std::move(chain.first);
  else
    x3::_val(ctx) = std::move(chain);
};

auto const expression_def = nested[implies_chain][collapse];
auto const implies_chain_def =
    or_expr >> operators[kw("implies") >> x3::attr(ast::BinaryOp::Implies) > or_expr];
auto const or_expr_def = or_chain[collapse];
auto const or_chain_def = and_expr >> operators[kw("or") >> x3::attr(ast::BinaryOp::Or) > and_expr];
auto const and_expr_def = and_chain[collapse];
auto const and_chain_def =
    not_expr >> operators[kw("and") >> x3::attr(ast::BinaryOp::And) > not_expr];
auto const not_expr_def = unary_not | cmp_expr;
auto const unary_not_def = kw("not") >> x3::attr(ast::UnaryOp::Not) > nested[not_expr];
auto const cmp_expr_def = cmp_chain[collapse];
// Comparisons do not chain (`a < b < c` is an error, not `(a < b) < c`), and a
// single `=` where a comparison could continue is almost always a typo for `==`.
auto const cmp_chain_def = add_expr >> -cmp_tail > no_chain > no_assign;
auto const cmp_tail_def = cmp_op > add_expr;
auto const cmp_op_def = comparison_ops
                      | kw("in") >> x3::attr(ast::BinaryOp::In)
                      | kw("not") >> kw("in") >> x3::attr(ast::BinaryOp::NotIn);
auto const no_chain_def = !cmp_op;
auto const no_assign_def = !(x3::lit('=') >> !x3::lit('='));
auto const add_expr_def = add_chain[collapse];
auto const add_chain_def = mul_expr >> operators[add_op > mul_expr];
auto const add_op_def = x3::lit('+') >> x3::attr(ast::BinaryOp::Add)
                      | x3::lit('-') >> x3::attr(ast::BinaryOp::Sub);
auto const mul_expr_def = mul_chain[collapse];
auto const mul_chain_def =
    neg_expr >> operators[x3::lit('*') >> x3::attr(ast::BinaryOp::Mul) > neg_expr];
auto const neg_expr_def = unary_neg | primary;
auto const unary_neg_def = x3::lit('-') >> x3::attr(ast::UnaryOp::Neg) > nested[neg_expr];
// Dates and durations start like ints, so they are tried first.
// They are tried only at a digit: a path (most primaries) then costs one test
// instead of five failed number parses.
auto const primary_def = paren_expr | bool_lit | number_lit | string_lit | set_lit | quantifier | call | path;
auto const number_lit_def = &digit >> (date_lit | month_date | half_date | duration_lit | int_lit);
auto const paren_fill_def = (x3::lit('(') > expression > x3::lit(')'))[assign_value];
auto const paren_expr_def = paren_fill;
auto const bool_word_def = kw("true") >> x3::attr(true) | kw("false") >> x3::attr(false);
auto const bool_fill_def = bool_word[assign_value];
auto const bool_lit_def = bool_fill;
auto const digits_def = x3::lexeme[+digit];
auto const int_fill_def = digits[assign_value];
auto const int_lit_def = int_fill;
auto const date_lit_def = x3::lexeme[x3::uint_parser<int, 10, 4, 4>() >> '-'
                                     >> x3::uint_parser<int, 10, 2, 2>() >> '-'
                                     >> x3::uint_parser<int, 10, 2, 2>() >> !ident_char];
// Imprecise dates, one word each: `2021-02` (a month) and `2021-H1` /
// `2021-H2` (a half-year). Not followed by `-` and a digit, so a misspelt
// day (`2021-02-1`) is not read as a month minus a number.
auto const month_date_def = x3::lexeme[x3::uint_parser<int, 10, 4, 4>() >> '-'
                                       >> x3::uint_parser<int, 10, 2, 2>() >> !ident_char
                                       >> !(x3::lit('-') >> digit)];
auto const half_date_def = x3::lexeme[x3::uint_parser<int, 10, 4, 4>() >> x3::lit("-H")
                                      >> x3::uint_parser<int, 10, 1, 1>() >> !ident_char];
auto const unit_def = x3::lexeme[unit_words >> !ident_char];
auto const duration_lit_def = digits >> unit;
auto const path_parts_def = identifier >> *(x3::lit('.') > identifier);
auto const path_fill_def = path_parts[assign_value];
auto const path_def = path_fill;
auto const set_elements_def = expression >> *(x3::lit(',') >> !x3::lit("...") > expression);
// An open set may say what it does not contain: `{ a, ..., not b }`, `{ ..., not b }`.
auto const set_lit_def = x3::lit('{')
                      >> -set_elements
                      >> x3::matches[-x3::lit(',') >> x3::lit("...")]
                      >> *(x3::lit(',') >> kw("not") > expression)
                      > x3::lit('}');
auto const quant_kind_def = kw("exists") >> x3::attr(ast::QuantKind::Exists)
                          | kw("forall") >> x3::attr(ast::QuantKind::Forall);
auto const quantifier_def = quant_kind > identifier > kw("in") > expression > x3::lit(':')
                          > expression;
auto const call_args_def = expression >> *(x3::lit(',') > expression);
auto const call_def = call_ahead >> identifier >> x3::lit('(') > call_args > x3::lit(')');

// Declarations.
SAMSVAR_RULE(type_ref, x3ast::type_ref, "type")
SAMSVAR_RULE(attr_role, ast::AttrRole, "`fact` or `choice`")
SAMSVAR_RULE(attr_decl, x3ast::attr_decl, "attribute")
SAMSVAR_RULE(type_decl, x3ast::type_decl, "type declaration")
SAMSVAR_RULE(doc_bilingual, x3ast::bilingual, "`nb` or `en`")
SAMSVAR_RULE(doc_text, x3ast::doc_text, "description")
SAMSVAR_RULE(enum_item, x3ast::enum_item, "enum value")
SAMSVAR_RULE(enum_values, std::vector<x3ast::enum_item>, "enum value")
SAMSVAR_RULE(enum_decl, x3ast::enum_decl, "enum declaration")
SAMSVAR_RULE(bilingual, x3ast::bilingual, "`nb` or `en`")
SAMSVAR_RULE(source_citation, x3ast::source_citation, "source")
SAMSVAR_RULE(binding_range, x3ast::binding_range, "`:` or `in`")
SAMSVAR_RULE(binding, x3ast::binding, "binding")
SAMSVAR_RULE(bindings, std::vector<x3ast::binding>, "binding")
SAMSVAR_RULE(rule_decl, x3ast::rule_decl, "rule")
SAMSVAR_RULE(field_value, x3ast::operand, "expression")
SAMSVAR_RULE(field_assign, x3ast::field_assign, "field")
SAMSVAR_RULE(instance_decl, x3ast::instance_decl, "instance")
SAMSVAR_RULE(deviation_decl, x3ast::deviation_decl, "deviation")
SAMSVAR_RULE(exemption_decl, x3ast::exemption_decl, "exemption")
SAMSVAR_RULE(document_decl, x3ast::document_decl, "document")
SAMSVAR_RULE(succession_decl, x3ast::succession_decl, "succession")
SAMSVAR_RULE(module_header, x3ast::module_header, "module header")
SAMSVAR_RULE(name_list, std::vector<x3ast::identifier>, "name")
SAMSVAR_RULE(case_header, x3ast::case_header, "case header")

header_type const header_rule = "`module` or `case`";
declaration_type const declaration_rule = "declaration";

auto const type_ref_def = (kw("set") >> x3::attr(true) > x3::lit('<') > type_name > x3::lit('>'))
                        | (x3::attr(false) >> type_name);
// `fact level: Level` / `choice opens: date`: the words are contextual, so an
// attribute may itself be called `fact` (`fact: bool`).
auto const attr_role_def = (kw("fact") >> x3::attr(ast::AttrRole::fact) | kw("choice") >> x3::attr(ast::AttrRole::choice))
                           >> &(identifier >> x3::lit(':'))
                         | x3::attr(ast::AttrRole::unmarked);
// A description (of a type, an attribute or an enum) or an enum value's label:
// one string shown in both languages, or `nb "…" en "…"` (either may be left
// out). `nb`/`en` count only before a string, so an attribute or a value may
// still be called `nb` or `en`.
auto const doc_bilingual_def = &((kw("nb") | kw("en")) >> x3::lit('"'))
                             >> -(kw("nb") >> &x3::lit('"') > string_lit)
                             >> -(kw("en") >> &x3::lit('"') > string_lit);
auto const doc_text_def = string_lit | doc_bilingual;
auto const attr_decl_def = attr_role >> identifier > x3::lit(':') > type_ref > -doc_text;
auto const type_decl_def =
    kw("type") > identifier > x3::lit('{') > *(attr_decl >> -x3::lit(',')) > x3::lit('}')
    > -doc_text;
auto const enum_item_def = enum_value >> -doc_text;
auto const enum_values_def = +(enum_item >> -x3::lit(','));
auto const enum_decl_def = kw("enum") > identifier > x3::matches[kw("ordered")] > x3::lit('{')
                         > enum_values > x3::lit('}') > -doc_text;
auto const bilingual_def =
    &(kw("nb") | kw("en")) >> -(kw("nb") > string_lit) >> -(kw("en") > string_lit);
auto const source_citation_def = kw("source") > string_lit > -(kw("section") > string_lit)
                               > -(kw("quote") > string_lit);
auto const binding_range_def = (x3::lit(':') > type_name) | (kw("in") > expression);
auto const binding_def = identifier > binding_range;
auto const bindings_def = binding >> *(x3::lit(',') > binding);
auto const rule_decl_def = kw("rule") > rule_id > strength > kw("title") > bilingual
                         > -(kw("message") > bilingual)
                         > *source_citation
                         > -(kw("for") > bindings)
                         > -(kw("when") > expression)
                         > kw("require") > expression;
// `kind =` followed by `opens = …` on the next line: the value is missing (it
// is not the path `opens` followed by a stray `=`).
auto const field_value_def = !(identifier >> x3::lit('=') >> !x3::lit('=')) >> expression;
auto const field_assign_def = identifier > x3::lit('=') > field_value;
auto const instance_decl_def = identifier >> x3::lit(':') > type_name > x3::lit('{')
                             > *(field_assign >> -(x3::lit(',') | x3::lit(';')))
                             > x3::lit('}');
auto const deviation_decl_def = kw("deviation") > rule_id > -(kw("for") > identifier)
                              > kw("because") > string_lit;
auto const exemption_decl_def = kw("exemption") > rule_id > -(kw("for") > identifier)
                              > kw("basis") > string_lit;
// `document` is a declaration only before its file name: an instance may
// still be called `document`.
auto const document_decl_def = (kw("document") >> &x3::lit('"')) > string_lit > kw("title") > bilingual
                             > -(kw("issuer") > string_lit) > -(kw("issued") > string_lit)
                             > -(kw("address") > string_lit);
auto const succession_decl_def = (kw("succession") >> !x3::lit(':')) > identifier > x3::lit('.') > identifier
                               > kw("by") > identifier > kw("from") > date_lit > -string_lit;
auto const module_header_def = kw("module") > identifier > -string_lit
                             > *(kw("import") > identifier);
auto const name_list_def = identifier >> *(x3::lit(',') > identifier);
auto const case_header_def =
    kw("case") > string_lit > -(kw("uses") > name_list) > -(kw("against") > string_lit)
    > -((kw("date") >> !x3::lit(':')) > date_lit);
auto const header_rule_def = module_header | case_header;
auto const declaration_rule_def =
    enum_decl | type_decl | rule_decl | deviation_decl | exemption_decl | document_decl | succession_decl
                                | instance_decl;

#undef SAMSVAR_RULE

BOOST_SPIRIT_DEFINE(ident_text, ident_fill, identifier, type_name, enum_value, rule_id_text,
                    rule_id_fill, rule_id, string_piece, string_pieces, string_fill, string_lit, strength_fill,
                    strength)
BOOST_SPIRIT_DEFINE(expression, implies_chain, or_expr, or_chain, and_expr, and_chain, not_expr,
                    unary_not, cmp_expr, cmp_chain, cmp_op, cmp_tail, no_chain, no_assign,
                    add_expr, add_chain, add_op, mul_expr, mul_chain, neg_expr, unary_neg,
                    primary, number_lit, paren_fill, paren_expr, bool_word, bool_fill, bool_lit, digits,
                    int_fill, int_lit, date_lit, month_date, half_date, unit, duration_lit, path_parts, path_fill, path,
                    set_elements, set_lit, quant_kind, quantifier, call_args, call)
BOOST_SPIRIT_DEFINE(type_ref, attr_role, attr_decl, type_decl, doc_bilingual, doc_text, enum_item, enum_values,
                    enum_decl, bilingual,
                    source_citation, binding_range, binding, bindings, rule_decl, field_value, field_assign,
                    instance_decl, deviation_decl, exemption_decl, document_decl, succession_decl, module_header, name_list,
                    case_header)

BOOST_SPIRIT_DEFINE(header_rule, declaration_rule)

}  // namespace samsvar::grammar
