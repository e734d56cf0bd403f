#include "grammar/x3/convert.hpp"

#include <algorithm>
#include <limits>
#include <utility>

#include "grammar/parse.hpp"

namespace samsvar::grammar {

namespace x3 = boost::spirit::x3;

namespace {

using Converted = Converter::Converted;

Converted leaf(ast::Expr e) { return {std::make_shared<ast::Expr>(std::move(e)), 1}; }

}  // namespace

bool Converter::tooDeep(int depth, const Span& where) {
  if (depth <= kMaxNesting + 1) return false;
  if (!depthReported_) {
    depthReported_ = true;
    failed_ = true;
    diags_.error(DiagCode::parseNesting, where, {{"limit", std::to_string(kMaxNesting)}});
  }
  return true;
}

std::int64_t Converter::integer(const std::string& digits, bool negative,
                                const x3ast::tagged& where) {
  // The magnitude of INT64_MIN is one more than INT64_MAX.
  const std::uint64_t limit =
      static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()) + (negative ? 1 : 0);
  std::uint64_t value = 0;
  for (char c : digits) {
    auto d = static_cast<std::uint64_t>(c - '0');
    if (value > (limit - d) / 10) {
      failed_ = true;
      diags_.error(DiagCode::parseIntOverflow, span(where)).withHelp(Phrase::largestInteger);
      return 0;
    }
    value = value * 10 + d;
  }
  if (negative) return value == 0 ? 0 : static_cast<std::int64_t>(0 - value);
  return static_cast<std::int64_t>(value);
}

// ---------------------------------------------------------------- expressions

Converter::Converted Converter::unary(const x3ast::unary& u) {
  // `-42` is an int literal, not the negation of one (so that the most negative
  // int can be written and values need no folding later).
  if (u.op == ast::UnaryOp::Neg) {
    if (const auto* lit = boost::get<x3ast::int_lit>(&u.rhs.get())) {
      return leaf({ast::IntLit{integer(lit->value, true, u)}, span(u)});
    }
  }
  Converted rhs = operand(u.rhs);
  return node({ast::Unary{u.op, rhs.expr}, span(u)}, rhs.depth);
}

Converter::Converted Converter::node(ast::Expr e, int childDepth) {
  Converted out = leaf(std::move(e));
  out.depth = childDepth + 1;
  tooDeep(out.depth, out.expr->span);
  return out;
}

int Converter::operands(const std::vector<x3ast::operand>& in, std::vector<ast::ExprPtr>& out) {
  int depth = 0;
  for (const auto& o : in) {
    Converted c = operand(o);
    depth = std::max(depth, c.depth);
    out.push_back(c.expr);
  }
  return depth;
}

Converter::Converted Converter::operand(const x3ast::operand& o) {
  struct Visitor {
    Converter& c;
    using result_type = Converted;

    Converted operator()(const x3ast::bool_lit& b) const {
      return leaf({ast::BoolLit{b.value}, c.span(b)});
    }
    Converted operator()(const x3ast::int_lit& i) const {
      return leaf({ast::IntLit{c.integer(i.value, false, i)}, c.span(i)});
    }
    Converted operator()(const x3ast::date_lit& d) const {
      return leaf({ast::DateLit{d.year, d.month, d.day}, c.span(d)});
    }
    Converted operator()(const x3ast::month_date& d) const {
      return leaf({ast::DateLit{d.year, d.month, 0, ast::DatePrecision::month}, c.span(d)});
    }
    Converted operator()(const x3ast::half_date& d) const {
      return leaf({ast::DateLit{d.year, d.half, 0, ast::DatePrecision::half_year}, c.span(d)});
    }
    Converted operator()(const x3ast::duration_lit& d) const {
      return leaf({ast::DurationLit{c.integer(d.amount, false, d), d.unit}, c.span(d)});
    }
    Converted operator()(const x3ast::string_lit& s) const {
      return leaf({ast::StrLit{s.value}, c.span(s)});
    }
    Converted operator()(const x3ast::path& p) const {
      ast::Path path;
      path.parts.reserve(p.value.size());
      for (const auto& part : p.value) path.parts.push_back(c.ident(part));
      // Every `.attr` is one level of the checked expression: a path counts
      // towards the nesting limit like parentheses do, so no later walk
      // (semantic analysis, evaluation, lowering) recurses without bound.
      const int parts = static_cast<int>(path.parts.size());
      Converted out = leaf({std::move(path), c.span(p)});
      out.depth = parts;
      if (parts > kMaxNesting && !c.depthReported_) {
        c.depthReported_ = true;
        c.failed_ = true;
        c.diags_.error(DiagCode::parsePathTooLong, out.expr->span,
                       {{"parts", std::to_string(parts)}, {"limit", std::to_string(kMaxNesting)}});
      }
      return out;
    }
    Converted operator()(const x3::forward_ast<x3ast::set_lit>& fs) const {
      const x3ast::set_lit& s = fs.get();
      ast::SetLit set;
      set.open = s.open;
      int depth = c.operands(s.elements, set.elements);
      depth = std::max(depth, c.operands(s.excluded, set.excluded));
      return c.node({std::move(set), c.span(s)}, depth);
    }
    Converted operator()(const x3::forward_ast<x3ast::quantifier>& fq) const {
      const x3ast::quantifier& q = fq.get();
      Converted set = c.operand(q.set);
      Converted body = c.operand(q.body);
      return c.node({ast::Quantifier{q.kind, c.ident(q.var), set.expr, body.expr}, c.span(q)},
                    std::max(set.depth, body.depth));
    }
    Converted operator()(const x3::forward_ast<x3ast::call>& fc) const {
      const x3ast::call& k = fc.get();
      ast::Call call{c.ident(k.callee), {}};
      int depth = c.operands(k.args, call.args);
      return c.node({std::move(call), c.span(k)}, depth);
    }
    Converted operator()(const x3::forward_ast<x3ast::unary>& u) const { return c.unary(u.get()); }
    Converted operator()(const x3::forward_ast<x3ast::expr>& e) const { return c.expr(e.get()); }
    Converted operator()(const x3::forward_ast<x3ast::paren>& p) const {
      // The parenthesised expression itself, with a span that includes the parens.
      Converted inner = c.operand(p.get().value);
      inner.expr->span = c.span(p.get());
      return inner;
    }
  };
  return o.apply_visitor(Visitor{*this});
}

Converter::Converted Converter::expr(const x3ast::expr& e) {
  Converted result;
  if (e.rest.empty()) return operand(e.first);  // not produced by the grammar
  if (e.rest.front().op == ast::BinaryOp::Implies) {
    // Right-associative: a implies (b implies c).
    std::vector<Converted> items;
    items.reserve(e.rest.size() + 1);
    items.push_back(operand(e.first));
    for (const auto& op : e.rest) items.push_back(operand(op.rhs));
    result = items.back();
    for (std::size_t i = items.size() - 1; i-- > 0;) {
      const Converted& lhs = items[i];
      Span s = lhs.expr->span.to(result.expr->span);
      int depth = std::max(lhs.depth, result.depth) + 1;
      result = leaf({ast::Binary{ast::BinaryOp::Implies, lhs.expr, result.expr}, s});
      result.depth = depth;
      if (tooDeep(depth, s)) break;
    }
  } else {
    // Left-associative: a - b - c is (a - b) - c.
    result = operand(e.first);
    for (const auto& op : e.rest) {
      Converted rhs = operand(op.rhs);
      Span s = result.expr->span.to(rhs.expr->span);
      int depth = std::max(result.depth, rhs.depth) + 1;
      result = leaf({ast::Binary{op.op, result.expr, rhs.expr}, s});
      result.depth = depth;
      if (tooDeep(depth, s)) break;
    }
  }
  return result;
}

ast::ExprPtr Converter::topExpr(const x3ast::operand& e) {
  depthReported_ = false;
  return operand(e).expr;
}

// --------------------------------------------------------------- declarations

ast::BilingualLit Converter::bilingual(const x3ast::bilingual& b) {
  ast::BilingualLit out;
  if (b.nb) out.nb = string(*b.nb);
  if (b.en) out.en = string(*b.en);
  out.span = span(b);
  return out;
}

ast::EnumDecl Converter::enumDecl(const x3ast::enum_decl& d) {
  ast::EnumDecl out;
  out.name = ident(d.name);
  out.ordered = d.ordered;
  for (const auto& v : d.values) {
    out.values.push_back(ident(v.name));
    out.labels.push_back(v.label ? std::optional<ast::BilingualLit>(docText(*v.label)) : std::nullopt);
  }
  if (d.doc) out.doc = docText(*d.doc);
  out.span = span(d);
  return out;
}

ast::TypeDecl Converter::typeDecl(const x3ast::type_decl& d) {
  ast::TypeDecl out;
  out.name = ident(d.name);
  for (const auto& a : d.attrs) {
    ast::AttrDecl attr;
    attr.role = a.role;
    attr.name = ident(a.name);
    attr.type = ast::TypeRef{ident(a.type.name), a.type.is_set, span(a.type)};
    if (a.doc) attr.doc = docText(*a.doc);
    attr.span = span(a);
    out.attrs.push_back(std::move(attr));
  }
  if (d.doc) out.doc = docText(*d.doc);
  out.span = span(d);
  return out;
}

ast::BilingualLit Converter::docText(const x3ast::doc_text& d) {
  if (const auto* s = boost::get<x3ast::string_lit>(&d.get())) {
    ast::BilingualLit out;
    out.nb = out.en = string(*s);
    out.span = span(*s);
    return out;
  }
  return bilingual(boost::get<x3ast::bilingual>(d.get()));
}

ast::RuleDecl Converter::ruleDecl(const x3ast::rule_decl& d) {
  ast::RuleDecl out;
  out.id = ident(d.id);
  out.strength = d.level.value;
  out.strengthSpan = span(d.level);
  out.title = bilingual(d.title);
  if (d.message) out.message = bilingual(*d.message);
  for (const auto& s : d.sources) {
    ast::SourceCitation cite;
    cite.file = string(s.file);
    if (s.section) cite.section = string(*s.section);
    if (s.quote) cite.quote = string(*s.quote);
    cite.span = span(s);
    out.sources.push_back(std::move(cite));
  }
  for (const auto& b : d.bindings) {
    ast::Binding binding;
    binding.var = ident(b.var);
    if (const auto* type = boost::get<x3ast::identifier>(&b.range.get()))
      binding.type = ident(*type);
    else
      binding.set = topExpr(boost::get<x3ast::operand>(b.range.get()));
    binding.span = span(b);
    out.bindings.push_back(std::move(binding));
  }
  if (d.when) out.when = topExpr(*d.when);
  out.require = topExpr(d.require);
  out.span = span(d);
  return out;
}

ast::InstanceDecl Converter::instanceDecl(const x3ast::instance_decl& d) {
  ast::InstanceDecl out;
  out.name = ident(d.name);
  out.type = ident(d.type);
  for (const auto& f : d.fields)
    out.fields.push_back(ast::FieldAssign{ident(f.name), topExpr(f.value), span(f)});
  out.span = span(d);
  return out;
}

ast::Decl Converter::declaration(const x3ast::declaration& d) {
  struct Visitor {
    Converter& c;
    using result_type = ast::Decl;
    ast::Decl operator()(const x3ast::enum_decl& e) const { return c.enumDecl(e); }
    ast::Decl operator()(const x3ast::type_decl& t) const { return c.typeDecl(t); }
    ast::Decl operator()(const x3ast::rule_decl& r) const { return c.ruleDecl(r); }
    ast::Decl operator()(const x3ast::instance_decl& i) const { return c.instanceDecl(i); }
    ast::Decl operator()(const x3ast::deviation_decl& v) const {
      ast::DeviationDecl out{c.ident(v.rule), std::nullopt, c.string(v.reason), c.span(v)};
      if (v.target) out.target = c.ident(*v.target);
      return out;
    }
    ast::Decl operator()(const x3ast::document_decl& d) const {
      ast::DocumentDecl out{c.string(d.file), c.bilingual(d.title), std::nullopt, std::nullopt, std::nullopt, c.span(d)};
      if (d.issuer) out.issuer = c.string(*d.issuer);
      if (d.issued) out.issued = c.string(*d.issued);
      if (d.address) out.address = c.string(*d.address);
      return out;
    }
    ast::Decl operator()(const x3ast::succession_decl& s) const {
      ast::SuccessionDecl out{c.ident(s.enum_name), c.ident(s.value), c.ident(s.successor),
                              ast::DateLit{s.from.year, s.from.month, s.from.day}, c.span(s.from), std::nullopt, c.span(s)};
      if (s.note) out.note = c.string(*s.note);
      return out;
    }
    ast::Decl operator()(const x3ast::exemption_decl& x) const {
      ast::ExemptionDecl out{c.ident(x.rule), std::nullopt, c.string(x.basis), c.span(x)};
      if (x.target) out.target = c.ident(*x.target);
      return out;
    }
  };
  return d.apply_visitor(Visitor{*this});
}

void Converter::header(const x3ast::header& h, ast::File& file) {
  if (const auto* m = boost::get<x3ast::module_header>(&h.get())) {
    file.kind = ast::FileKind::module;
    file.name = ident(m->name);
    if (m->title) file.title = string(*m->title);
    for (const auto& i : m->imports) file.imports.push_back(ident(i));
  } else {
    const auto& c = boost::get<x3ast::case_header>(h.get());
    file.kind = ast::FileKind::case_;
    file.title = string(c.title);
    for (const auto& u : c.uses) file.imports.push_back(ident(u));
    if (c.against) file.against = string(*c.against);
    if (c.date) file.date = ast::CaseDate{ast::DateLit{c.date->year, c.date->month, c.date->day}, span(*c.date)};
  }
}

}  // namespace samsvar::grammar
