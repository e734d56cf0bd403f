// Converts the X3-shaped tree (x3_ast.hpp) into samsvar::ast. Private to
// grammar/. Besides copying, the conversion folds operator chains into binary
// trees (left-associative, right-associative for `implies`), gives every node
// its Span, checks integer ranges and bounds the depth of expression trees.
#pragma once

#include <cstdint>

#include "core/ast.hpp"
#include "core/diagnostic.hpp"
#include "grammar/x3/ast.hpp"

namespace samsvar::grammar {

class Converter {
 public:
  Converter(std::uint32_t fileId, Diagnostics& diags) : fileId_(fileId), diags_(diags) {}

  /// Fills kind, name, title and imports of `file`.
  void header(const x3ast::header& h, ast::File& file);
  /// Converts one declaration; errors (integer too large, expression too
  /// deep) are appended to the diagnostics and make failed() true.
  ast::Decl declaration(const x3ast::declaration& d);

  bool failed() const { return failed_; }

  // Pieces, public for the visitors in x3_convert.cpp.
  struct Converted {
    std::shared_ptr<ast::Expr> expr;
    int depth = 0;  // number of nodes on the longest path from this node to a leaf
  };
  Span span(const x3ast::tagged& t) const { return Span::of(fileId_, t.begin, t.end); }
  ast::Ident ident(const x3ast::identifier& i) const { return {i.value, span(i)}; }
  ast::StringLit string(const x3ast::string_lit& s) const { return {s.value, span(s)}; }
  Converted expr(const x3ast::expr& e);
  Converted operand(const x3ast::operand& o);
  Converted unary(const x3ast::unary& u);
  /// Parses decimal digits; reports "integer too large" at `where` on overflow.
  std::int64_t integer(const std::string& digits, bool negative, const x3ast::tagged& where);
  /// Records a node of depth `depth`; reports once per expression when too deep.
  bool tooDeep(int depth, const Span& where);
  /// `e` as a node over children whose deepest has depth `childDepth`.
  Converted node(ast::Expr e, int childDepth);
  /// Converts `in` into `out`; returns the depth of the deepest.
  int operands(const std::vector<x3ast::operand>& in, std::vector<ast::ExprPtr>& out);

 private:
  ast::EnumDecl enumDecl(const x3ast::enum_decl& d);
  ast::TypeDecl typeDecl(const x3ast::type_decl& d);
  ast::RuleDecl ruleDecl(const x3ast::rule_decl& d);
  ast::InstanceDecl instanceDecl(const x3ast::instance_decl& d);
  ast::BilingualLit bilingual(const x3ast::bilingual& b);
  /// A plain string fills both languages.
  ast::BilingualLit docText(const x3ast::doc_text& d);
  ast::ExprPtr topExpr(const x3ast::operand& e);

  std::uint32_t fileId_;
  Diagnostics& diags_;
  bool failed_ = false;
  bool depthReported_ = false;  // per top-level expression
};

}  // namespace samsvar::grammar
