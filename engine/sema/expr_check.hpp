// Type checking of expressions: AST expressions to typed ones (TExpr), with
// names resolved against the model and an explicit scope of variables.
// Private to engine/sema/.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/ast.hpp"
#include "engine/sema/context.hpp"
#include "engine/sema/module_scope.hpp"

namespace samsvar::sema {

/// A variable bound by a rule's `for` or by a quantifier.
struct BoundVar {
  std::string name;
  int slot;  // index of the variable in the rule (Op::Var), for lowering
  model::Ty ty;
  Span span;  // where it is bound, for notes
};

/// The variables an expression may name: a rule's bindings and, while their
/// bodies are checked, the variables of enclosing quantifiers. Every
/// variable of a rule gets a slot of its own, even where scopes end.
class VarScope {
 public:
  /// The innermost variable named `name`, if any.
  const BoundVar* find(const std::string& name) const {
    for (auto it = vars_.rbegin(); it != vars_.rend(); ++it)
      if (it->name == name) return &*it;
    return nullptr;
  }
  /// Binds a variable (named at `span`) in a new slot; returns the slot.
  int bind(std::string name, model::Ty ty, Span span) {
    vars_.push_back({std::move(name), slots_, ty, span});
    return slots_++;
  }
  /// Ends the scope of the innermost variable (a quantifier's, after its body).
  void unbind() { vars_.pop_back(); }
  const std::vector<BoundVar>& vars() const { return vars_; }
  /// Slots used so far.
  int slots() const { return slots_; }

 private:
  std::vector<BoundVar> vars_;
  int slots_ = 0;
};

/// Checks expressions of one file, naming the variables of `vars`
/// (quantifiers bind theirs there while their bodies are checked).
class ExprChecker {
 public:
  ExprChecker(Context& ctx, const FileScope& file, VarScope& vars)
      : ctx_(ctx), m_(ctx.read), file_(file), vars_(vars) {}

  /// The typed expression, or null after reporting why there is none. An
  /// expected type decides what a bare enum value or `{}` means.
  model::TExprPtr check(const ast::Expr& e, std::optional<model::Ty> expected);
  /// The same for a condition, which must be a boolean; `clause` names it
  /// in the message (`when`, `require`, `and`, …).
  model::TExprPtr checkBool(const ast::Expr& e, const char* clause);
  /// The same for an expression that must be a set (what a binding, a
  /// quantifier or `count` ranges over).
  model::TExprPtr checkSet(const ast::Expr& e);
  /// Lets a written set say what it does not contain (`{ a, ..., not b }`):
  /// a declared fact may, a rule's expression may not.
  void allowExclusions() { allowExclusions_ = true; }
  /// Lets a date be a month, a half-year or a year (`2021-02`, `2021-H1`,
  /// `2021` where a date is expected): a declared fact may, a rule may not.
  void allowImpreciseDates() { allowImprecise_ = true; }

 private:
  using TExprPtr = model::TExprPtr;
  using Ty = model::Ty;

  TExprPtr checkNode(const ast::BoolLit& n, const ast::Expr& e, std::optional<Ty>);
  TExprPtr checkNode(const ast::IntLit& n, const ast::Expr& e, std::optional<Ty>);
  TExprPtr checkNode(const ast::DateLit& n, const ast::Expr& e, std::optional<Ty>);
  TExprPtr checkNode(const ast::DurationLit& n, const ast::Expr& e, std::optional<Ty>);
  TExprPtr checkNode(const ast::StrLit& n, const ast::Expr& e, std::optional<Ty>);
  TExprPtr checkNode(const ast::Path& p, const ast::Expr& e, std::optional<Ty> expected);
  TExprPtr checkNode(const ast::SetLit& s, const ast::Expr& e, std::optional<Ty> expected);
  TExprPtr checkNode(const ast::Unary& u, const ast::Expr& e, std::optional<Ty>);
  TExprPtr checkNode(const ast::Quantifier& qn, const ast::Expr& e, std::optional<Ty>);
  TExprPtr checkNode(const ast::Call& c, const ast::Expr& e, std::optional<Ty>);
  TExprPtr checkNode(const ast::Binary& b, const ast::Expr& e, std::optional<Ty>);

  TExprPtr resolveEnumValue(const ast::Ident& id, std::optional<Ty> expected);
  /// The value `id` of the expected enum, if it is one (before instances).
  TExprPtr expectedEnumValue(const ast::Ident& id, std::optional<Ty> expected);
  /// Whether `n` is a value of an enum this file sees.
  bool isEnumValueName(const std::string& n) const;
  TExprPtr checkMembership(const ast::Binary& b, const ast::Expr& e);
  std::pair<TExprPtr, TExprPtr> checkPair(const ast::Expr& lhs, const ast::Expr& rhs);
  TExprPtr checkComparison(const ast::Binary& b, const ast::Expr& e);
  TExprPtr checkArithmetic(const ast::Binary& b, const ast::Expr& e);
  /// A bare name that is neither a variable nor an instance: its meaning
  /// (an enum value) may depend on the other operand.
  bool isContextual(const ast::Expr& e) const;
  std::string typeName(const Ty& t) const { return model::typeName(m_, t); }

  Context& ctx_;
  const model::Model& m_;
  const FileScope& file_;
  VarScope& vars_;
  bool allowExclusions_ = false;
  bool allowImprecise_ = false;
};

}  // namespace samsvar::sema
