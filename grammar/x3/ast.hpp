// The X3-shaped syntax tree: what the grammar synthesises directly. x3_convert
// turns it into samsvar::ast (std::variant nodes with Spans), which is all the
// rest of samsvar sees. Private to grammar/.
//
// Every node that needs a source range derives from `tagged`; the rule that
// produces it writes the byte offsets in its on_success handler. Nodes with a
// single member are filled by a semantic action instead of being adapted as
// fusion sequences (single-element sequences are a known X3 trap).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <boost/fusion/include/adapt_struct.hpp>
#include <boost/optional.hpp>
#include <boost/spirit/home/x3/support/ast/variant.hpp>

#include "core/ast.hpp"

namespace samsvar::x3ast {

namespace x3 = boost::spirit::x3;

/// Byte offsets [begin, end) of a node in its file.
struct tagged {
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
};

struct identifier : tagged {
  std::string value;
};

struct string_lit : tagged {
  std::string value;  // escapes resolved, adjacent literals joined
};

struct strength : tagged {
  ast::Strength value = ast::Strength::skal;
};

// ---------------------------------------------------------------- expressions

struct bool_lit : tagged {
  bool value = false;
};
struct int_lit : tagged {
  std::string value;  // decimal digits; range checked by x3_convert
};
struct date_lit : tagged {
  int year = 0;
  int month = 0;
  int day = 0;
};
/// An imprecise date: `2021-02` (a month), `2021-H2` (a half-year).
struct month_date : tagged {
  int year = 0;
  int month = 0;
};
struct half_date : tagged {
  int year = 0;
  int half = 0;
};
struct duration_lit : tagged {
  std::string amount;  // decimal digits
  ast::DurationUnit unit = ast::DurationUnit::days;
};
struct path : tagged {
  std::vector<identifier> value;
};

struct expr;
struct paren;
struct set_lit;
struct quantifier;
struct call;
struct unary;

/// Any expression. Precedence levels without an operator are collapsed by the
/// grammar (a lone `x` is a path, not seven nested one-element chains).
struct operand : x3::variant<bool_lit, int_lit, date_lit, month_date, half_date, duration_lit, string_lit, path,
                             x3::forward_ast<set_lit>, x3::forward_ast<quantifier>,
                             x3::forward_ast<call>, x3::forward_ast<unary>,
                             x3::forward_ast<expr>, x3::forward_ast<paren>> {
  using base_type::base_type;
  using base_type::operator=;
};

/// `op rhs` in a chain of one precedence level.
struct operation {
  ast::BinaryOp op = ast::BinaryOp::And;
  operand rhs;
};

/// A chain of one precedence level with at least one operator:
/// `first op rhs op rhs …`; x3_convert folds it into binary nodes.
struct expr : tagged {
  operand first;
  std::vector<operation> rest;
};

/// `( value )`: kept so that the expression's span includes the parentheses.
struct paren : tagged {
  operand value;
};

struct unary : tagged {
  ast::UnaryOp op = ast::UnaryOp::Not;
  operand rhs;
};

struct set_lit : tagged {
  std::vector<operand> elements;
  bool open = false;
  std::vector<operand> excluded;  // `{ a, ..., not b }`
};

struct quantifier : tagged {
  ast::QuantKind kind = ast::QuantKind::Exists;
  identifier var;
  operand set;
  operand body;
};

struct call : tagged {
  identifier callee;
  std::vector<operand> args;
};

// --------------------------------------------------------------- declarations

struct type_ref : tagged {
  bool is_set = false;
  identifier name;
};

struct bilingual : tagged {
  boost::optional<string_lit> nb;
  boost::optional<string_lit> en;
};

/// A description or label: one string for both languages, or `nb "…" en "…"`.
struct doc_text : x3::variant<string_lit, bilingual> {
  using base_type::base_type;
  using base_type::operator=;
};

struct attr_decl : tagged {
  ast::AttrRole role = ast::AttrRole::unmarked;
  identifier name;
  type_ref type;
  boost::optional<doc_text> doc;
};

/// An enum value with its optional label: `terminologi_kodeverk nb "terminologi/kodeverk" en "…"`.
struct enum_item : tagged {
  identifier name;
  boost::optional<doc_text> label;
};

struct enum_decl : tagged {
  identifier name;
  bool ordered = false;
  std::vector<enum_item> values;
  boost::optional<doc_text> doc;
};

struct type_decl : tagged {
  identifier name;
  std::vector<attr_decl> attrs;
  boost::optional<doc_text> doc;
};

struct source_citation : tagged {
  string_lit file;
  boost::optional<string_lit> section;
  boost::optional<string_lit> quote;
};

/// `: Type` or `in expr`
struct binding_range : x3::variant<identifier, operand> {
  using base_type::base_type;
  using base_type::operator=;
};

struct binding : tagged {
  identifier var;
  binding_range range;
};

struct rule_decl : tagged {
  identifier id;
  strength level;
  bilingual title;
  boost::optional<bilingual> message;
  std::vector<source_citation> sources;
  std::vector<binding> bindings;
  boost::optional<operand> when;
  operand require;
};

struct field_assign : tagged {
  identifier name;
  operand value;
};

struct instance_decl : tagged {
  identifier name;
  identifier type;
  std::vector<field_assign> fields;
};

struct deviation_decl : tagged {
  identifier rule;
  boost::optional<identifier> target;
  string_lit reason;
};

struct exemption_decl : tagged {
  identifier rule;
  boost::optional<identifier> target;
  string_lit basis;
};

struct document_decl : tagged {
  string_lit file;
  bilingual title;
  boost::optional<string_lit> issuer;
  boost::optional<string_lit> issued;
  boost::optional<string_lit> address;
};

struct succession_decl : tagged {
  identifier enum_name;
  identifier value;
  identifier successor;
  date_lit from;
  boost::optional<string_lit> note;
};

struct declaration : x3::variant<enum_decl, type_decl, rule_decl, instance_decl, deviation_decl,
                                 exemption_decl, document_decl, succession_decl> {
  using base_type::base_type;
  using base_type::operator=;
};

struct module_header : tagged {
  identifier name;
  boost::optional<string_lit> title;
  std::vector<identifier> imports;
};

struct case_header : tagged {
  string_lit title;
  std::vector<identifier> uses;
  boost::optional<string_lit> against;
  boost::optional<date_lit> date;
};

struct header : x3::variant<module_header, case_header> {
  using base_type::base_type;
  using base_type::operator=;
};

}  // namespace samsvar::x3ast

BOOST_FUSION_ADAPT_STRUCT(samsvar::x3ast::date_lit, year, month, day)
BOOST_FUSION_ADAPT_STRUCT(samsvar::x3ast::month_date, year, month)
BOOST_FUSION_ADAPT_STRUCT(samsvar::x3ast::half_date, year, half)
BOOST_FUSION_ADAPT_STRUCT(samsvar::x3ast::duration_lit, amount, unit)
BOOST_FUSION_ADAPT_STRUCT(samsvar::x3ast::operation, op, rhs)
BOOST_FUSION_ADAPT_STRUCT(samsvar::x3ast::expr, first, rest)
BOOST_FUSION_ADAPT_STRUCT(samsvar::x3ast::unary, op, rhs)
BOOST_FUSION_ADAPT_STRUCT(samsvar::x3ast::set_lit, elements, open, excluded)
BOOST_FUSION_ADAPT_STRUCT(samsvar::x3ast::quantifier, kind, var, set, body)
BOOST_FUSION_ADAPT_STRUCT(samsvar::x3ast::call, callee, args)
BOOST_FUSION_ADAPT_STRUCT(samsvar::x3ast::type_ref, is_set, name)
BOOST_FUSION_ADAPT_STRUCT(samsvar::x3ast::attr_decl, role, name, type, doc)
BOOST_FUSION_ADAPT_STRUCT(samsvar::x3ast::enum_item, name, label)
BOOST_FUSION_ADAPT_STRUCT(samsvar::x3ast::enum_decl, name, ordered, values, doc)
BOOST_FUSION_ADAPT_STRUCT(samsvar::x3ast::type_decl, name, attrs, doc)
BOOST_FUSION_ADAPT_STRUCT(samsvar::x3ast::bilingual, nb, en)
BOOST_FUSION_ADAPT_STRUCT(samsvar::x3ast::source_citation, file, section, quote)
BOOST_FUSION_ADAPT_STRUCT(samsvar::x3ast::binding, var, range)
BOOST_FUSION_ADAPT_STRUCT(samsvar::x3ast::rule_decl, id, level, title, message, sources, bindings,
                          when, require)
BOOST_FUSION_ADAPT_STRUCT(samsvar::x3ast::field_assign, name, value)
BOOST_FUSION_ADAPT_STRUCT(samsvar::x3ast::instance_decl, name, type, fields)
BOOST_FUSION_ADAPT_STRUCT(samsvar::x3ast::deviation_decl, rule, target, reason)
BOOST_FUSION_ADAPT_STRUCT(samsvar::x3ast::exemption_decl, rule, target, basis)
BOOST_FUSION_ADAPT_STRUCT(samsvar::x3ast::module_header, name, title, imports)
BOOST_FUSION_ADAPT_STRUCT(samsvar::x3ast::case_header, title, uses, against, date)
BOOST_FUSION_ADAPT_STRUCT(samsvar::x3ast::document_decl, file, title, issuer, issued, address)
BOOST_FUSION_ADAPT_STRUCT(samsvar::x3ast::succession_decl, enum_name, value, successor, from, note)
