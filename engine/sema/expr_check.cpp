#include "engine/sema/expr_check.hpp"

#include <algorithm>

#include "core/calendar.hpp"
#include "core/suggest.hpp"

namespace samsvar::sema {

using namespace model;

namespace {

TExprPtr make(Op op, Ty ty, Span span, std::vector<TExprPtr> kids = {}, std::int64_t value = 0, int index = -1) {
  return makeTExpr(op, ty, span, std::move(kids), value, index);
}

/// Months are counted as a plain int inside AddMonths.
TExprPtr asInt(const TExprPtr& months) {
  auto e = std::make_shared<TExpr>(*months);
  e->ty = Ty{Kind::Int};
  if (e->op == Op::Neg) e->kids = {asInt(e->kids[0])};
  return e;
}

bool isNumeric(const Ty& t) {
  return !t.set && (t.kind == Kind::Int || t.kind == Kind::Date || t.kind == Kind::Duration);
}

}  // namespace

TExprPtr ExprChecker::check(const ast::Expr& e, std::optional<Ty> expected) {
  return std::visit([&](const auto& n) { return checkNode(n, e, expected); }, e.node);
}

TExprPtr ExprChecker::checkBool(const ast::Expr& e, const char* clause) {
  auto t = check(e, Ty{Kind::Bool});
  if (!t) return nullptr;
  if (!(t->ty == Ty{Kind::Bool})) {
    ctx_.diags.error(DiagCode::semaNotBool, e.span, {{"clause", clause}, {"type", typeName(t->ty)}});
    return nullptr;
  }
  return t;
}

TExprPtr ExprChecker::checkSet(const ast::Expr& e) {
  auto t = check(e, std::nullopt);
  if (!t) return nullptr;
  if (!t->ty.set) {
    ctx_.diags.error(DiagCode::semaNotASet, e.span, {{"type", typeName(t->ty)}});
    return nullptr;
  }
  return t;
}

bool ExprChecker::isContextual(const ast::Expr& e) const {
  if (std::holds_alternative<ast::SetLit>(e.node)) return true;
  auto* p = std::get_if<ast::Path>(&e.node);
  if (!p || p->parts.size() != 1) return false;
  const auto& n = p->parts[0].name;
  if (vars_.find(n)) return false;
  // An instance name that is also an enum value is decided by the context
  // too (an actor instance `helsedirektoratet` beside ActorKind.helsedirektoratet).
  return !m_.instanceByName.count(n) || isEnumValueName(n);
}

bool ExprChecker::isEnumValueName(const std::string& n) const {
  for (const auto& en : m_.enums)
    if (file_.sees(en.module) && std::find(en.values.begin(), en.values.end(), n) != en.values.end()) return true;
  return false;
}

// ------------------------------------------------------------------ literals

TExprPtr ExprChecker::checkNode(const ast::BoolLit& n, const ast::Expr& e, std::optional<Ty>) {
  return make(Op::Const, Ty{Kind::Bool}, e.span, {}, n.value ? 1 : 0);
}

TExprPtr ExprChecker::checkNode(const ast::IntLit& n, const ast::Expr& e, std::optional<Ty> expected) {
  // A declared date may be a year: `published = 2024`.
  if (allowImprecise_ && expected && expected->kind == Kind::Date && !expected->set) {
    const std::string written(ctx_.sm.slice(e.span));
    auto year = written.size() == 4 ? calendar::yearPeriod(static_cast<int>(n.value)) : std::nullopt;
    if (!year) {
      ctx_.diags.error(DiagCode::semaNotADate, e.span,
                       {{"value", written},
                        {"min", std::to_string(calendar::kMinYear)},
                        {"max", std::to_string(calendar::kMaxYear)}});
      return nullptr;
    }
    return make(Op::Const, Ty{Kind::Date}, e.span, {}, year->first, static_cast<int>(ast::DatePrecision::year));
  }
  return make(Op::Const, Ty{Kind::Int}, e.span, {}, n.value);
}

TExprPtr ExprChecker::checkNode(const ast::DateLit& n, const ast::Expr& e, std::optional<Ty>) {
  if (n.precision != ast::DatePrecision::day) {
    if (!allowImprecise_) {
      ctx_.diags.error(DiagCode::semaImpreciseDateInRule, e.span, {{"date", std::string(ctx_.sm.slice(e.span))}});
      return nullptr;
    }
    auto period = n.precision == ast::DatePrecision::month ? calendar::monthPeriod(n.year, n.month)
                                                           : calendar::halfYearPeriod(n.year, n.month);
    if (!period) {
      ctx_.diags.error(DiagCode::semaBadDate, e.span,
                       {{"date", std::string(ctx_.sm.slice(e.span))},
                        {"min", std::to_string(calendar::kMinYear)},
                        {"max", std::to_string(calendar::kMaxYear)}});
      return nullptr;
    }
    return make(Op::Const, Ty{Kind::Date}, e.span, {}, period->first, static_cast<int>(n.precision));
  }
  auto d = calendar::dayNumber(n.year, n.month, n.day);
  if (!d || n.year < calendar::kMinYear || n.year > calendar::kMaxYear) {
    ctx_.diags.error(DiagCode::semaBadDate, e.span,
                     {{"date", std::string(ctx_.sm.slice(e.span))},
                      {"min", std::to_string(calendar::kMinYear)},
                      {"max", std::to_string(calendar::kMaxYear)}});
    return nullptr;
  }
  return make(Op::Const, Ty{Kind::Date}, e.span, {}, *d);
}

TExprPtr ExprChecker::checkNode(const ast::DurationLit& n, const ast::Expr& e, std::optional<Ty>) {
  constexpr std::int64_t kLimit = 1'000'000'000;
  if (n.amount > kLimit || n.amount < -kLimit) {
    ctx_.diags.error(DiagCode::semaDurationRange, e.span);
    return nullptr;
  }
  switch (n.unit) {
    case ast::DurationUnit::days: return make(Op::Const, Ty{Kind::Duration}, e.span, {}, n.amount);
    case ast::DurationUnit::weeks: return make(Op::Const, Ty{Kind::Duration}, e.span, {}, n.amount * 7);
    case ast::DurationUnit::months: return make(Op::Const, Ty{Kind::Months}, e.span, {}, n.amount);
  }
  return nullptr;
}

TExprPtr ExprChecker::checkNode(const ast::StrLit& n, const ast::Expr& e, std::optional<Ty>) {
  return make(Op::Const, Ty{Kind::Text}, e.span, {}, ctx_.write.internText(n.value));
}

// ------------------------------------------------------------------- names

TExprPtr ExprChecker::checkNode(const ast::Path& p, const ast::Expr& e, std::optional<Ty> expected) {
  const auto& first = p.parts[0];
  TExprPtr cur;
  std::size_t i = 1;
  if (auto* v = vars_.find(first.name)) {
    cur = make(Op::Var, v->ty, first.span, {}, 0, v->slot);
  } else if (TExprPtr value = p.parts.size() == 1 ? expectedEnumValue(first, expected) : nullptr) {
    // Where an enum is expected, a bare name that is one of its values means
    // that value, even when an instance has the same name: the context decides.
    cur = value;
  } else if (auto inst = m_.instanceByName.find(first.name); inst != m_.instanceByName.end()) {
    const Instance& in = m_.instances[inst->second];
    if (!in.module.empty()) file_.requireVisible(ctx_.diags, first.name, in.module, first.span);
    cur = make(Op::Const, Ty{Kind::Ref, in.type, false}, first.span, {}, inst->second);
  } else if (auto en = m_.enumByName.find(first.name); en != m_.enumByName.end() && p.parts.size() >= 2) {
    const EnumInfo& ei = m_.enums[en->second];
    const auto& vname = p.parts[1];
    auto it = std::find(ei.values.begin(), ei.values.end(), vname.name);
    if (it == ei.values.end()) {
      ctx_.diags.error(DiagCode::semaUnknownValue, vname.span, {{"enum", ei.name}, {"value", vname.name}}).help =
          nameHelp(vname.name, ei.values);
      return nullptr;
    }
    file_.requireVisible(ctx_.diags, ei.name, ei.module, first.span);
    cur = make(Op::Const, Ty{Kind::Enum, en->second, false}, first.span.to(vname.span), {}, it - ei.values.begin());
    i = 2;
  } else if (first.name == "today" && p.parts.size() == 1 && !isEnumValueName(first.name)) {
    cur = make(Op::Today, Ty{Kind::Date}, first.span);  // the case's date
  } else {
    cur = resolveEnumValue(first, expected);
    if (!cur) return nullptr;
  }
  for (; i < p.parts.size(); ++i) {
    const auto& part = p.parts[i];
    if (cur->ty.kind != Kind::Ref || cur->ty.set) {
      ctx_.diags.error(DiagCode::semaNoAttributes, part.span, {{"type", typeName(cur->ty)}});
      return nullptr;
    }
    const TypeInfo& ti = m_.types[cur->ty.decl];
    auto a = ti.attrIndex.find(part.name);
    if (a == ti.attrIndex.end()) {
      std::vector<std::string> cands;
      for (const auto& at : ti.attrs) cands.push_back(at.name);
      ctx_.diags.error(DiagCode::semaUnknownAttribute, part.span, {{"type", ti.name}, {"attribute", part.name}}).help =
          nameHelp(part.name, cands);
      return nullptr;
    }
    Span span = e.span.valid ? Span::of(e.span.file, e.span.begin, part.span.end) : part.span;
    cur = make(Op::Attr, ti.attrs[a->second].ty, span, {cur}, 0, a->second);
  }
  return cur;
}

TExprPtr ExprChecker::expectedEnumValue(const ast::Ident& id, std::optional<Ty> expected) {
  if (!expected || expected->kind != Kind::Enum || expected->set) return nullptr;
  const EnumInfo& ei = m_.enums[expected->decl];
  auto it = std::find(ei.values.begin(), ei.values.end(), id.name);
  if (it == ei.values.end()) return nullptr;
  return make(Op::Const, Ty{Kind::Enum, expected->decl, false}, id.span, {}, it - ei.values.begin());
}

TExprPtr ExprChecker::resolveEnumValue(const ast::Ident& id, std::optional<Ty> expected) {
  const bool expectsEnum = expected && expected->kind == Kind::Enum;
  if (expectsEnum) {
    const EnumInfo& ei = m_.enums[expected->decl];
    auto it = std::find(ei.values.begin(), ei.values.end(), id.name);
    if (it != ei.values.end())
      return make(Op::Const, Ty{Kind::Enum, expected->decl, false}, id.span, {}, it - ei.values.begin());
  }
  std::vector<int> matches;
  for (std::size_t k = 0; k < m_.enums.size(); ++k) {
    const auto& vals = m_.enums[k].values;
    if (std::find(vals.begin(), vals.end(), id.name) != vals.end() && file_.sees(m_.enums[k].module))
      matches.push_back(static_cast<int>(k));
  }
  if (matches.size() == 1) {
    const auto& vals = m_.enums[matches[0]].values;
    return make(Op::Const, Ty{Kind::Enum, matches[0], false}, id.span, {},
                std::find(vals.begin(), vals.end(), id.name) - vals.begin());
  }
  if (matches.size() > 1) {
    std::vector<std::string> choices;
    for (int k : matches) choices.push_back(m_.enums[k].name + "." + id.name);
    ctx_.diags.error(DiagCode::semaAmbiguousValue, id.span, {{"value", id.name}, {"choices", quotedNames(choices)}});
    return nullptr;
  }
  // Unknown: suggest from variables, instances and enum values of the expected enum (or all).
  std::vector<std::string> cands;
  for (const auto& v : vars_.vars()) cands.push_back(v.name);
  if (expectsEnum) {
    for (const auto& v : m_.enums[expected->decl].values) cands.push_back(v);
  } else {
    for (const auto& en : m_.enums)
      for (const auto& v : en.values) cands.push_back(v);
    for (const auto& [k, v] : m_.instanceByName) cands.push_back(k);
  }
  auto& d = expectsEnum ? ctx_.diags.error(DiagCode::semaUnknownValue, id.span,
                                           {{"enum", m_.enums[expected->decl].name}, {"value", id.name}})
                        : ctx_.diags.error(DiagCode::semaUnknownName, id.span, {{"name", id.name}});
  if (expectsEnum) d.help = nameHelp(id.name, m_.enums[expected->decl].values);
  else {
    std::sort(cands.begin(), cands.end());
    cands.erase(std::unique(cands.begin(), cands.end()), cands.end());
    d.help = nameHelp(id.name, cands);
  }
  return nullptr;
}

// -------------------------------------------------------------------- sets

TExprPtr ExprChecker::checkNode(const ast::SetLit& s, const ast::Expr& e, std::optional<Ty> expected) {
  std::optional<Ty> elem;
  if (expected && expected->set) elem = expected->element();
  std::vector<TExprPtr> kids;
  bool ok = true;
  if (!s.excluded.empty() && !allowExclusions_) {
    ctx_.diags.error(DiagCode::semaExclusionOutsideFact, s.excluded.front()->span);
    return nullptr;
  }
  // Exclusions (`not c`) follow the members in `kids`; `index` counts the members.
  std::vector<const ast::ExprPtr*> all;
  for (const auto& el : s.elements) all.push_back(&el);
  for (const auto& el : s.excluded) all.push_back(&el);
  for (const auto* elp : all) {
    const auto& el = *elp;
    auto k = check(*el, elem);
    if (!k) {
      ok = false;
      continue;
    }
    if (k->ty.set || (k->ty.kind != Kind::Enum && k->ty.kind != Kind::Ref)) {
      ctx_.diags.error(DiagCode::semaBadSetElement, el->span);
      ok = false;
      continue;
    }
    if (!elem) {
      elem = k->ty;
    } else if (!(k->ty == *elem)) {
      ctx_.diags.error(DiagCode::semaElementType, el->span,
                       {{"found", typeName(k->ty)}, {"expected", typeName(*elem)}});
      ok = false;
      continue;
    }
    kids.push_back(k);
  }
  if (!ok) return nullptr;
  if (!elem) {
    ctx_.diags.error(DiagCode::semaUntypedSet, e.span);
    return nullptr;
  }
  Ty ty = *elem;
  ty.set = true;
  return make(Op::SetLit, ty, e.span, std::move(kids), s.open ? 1 : 0, static_cast<int>(s.elements.size()));
}

TExprPtr ExprChecker::checkNode(const ast::Quantifier& qn, const ast::Expr& e, std::optional<Ty>) {
  auto set = checkSet(*qn.set);
  if (!set) return nullptr;
  const char* keyword = qn.kind == ast::QuantKind::Exists ? "exists" : "forall";
  // A quantifier whose variable hides a bound one makes the outer variable
  // unreachable in its body: almost always a slip (`exists c in p.xs: c …`
  // inside `for c: …`), so it is refused rather than resolved silently.
  bool shadows = false;
  if (const BoundVar* outer = vars_.find(qn.var.name)) {
    ctx_.diags.error(DiagCode::semaShadowedVariable, qn.var.span, {{"variable", qn.var.name}})
        .withNote(outer->span, Phrase::variableBoundHere, {{"variable", qn.var.name}})
        .withHelp(Phrase::renameVariable, {{"quantifier", keyword}});
    shadows = true;
  }
  int slot = vars_.bind(qn.var.name, set->ty.element(), qn.var.span);
  auto body = checkBool(*qn.body, keyword);  // still checked: its own errors are reported too
  vars_.unbind();
  if (!body || shadows) return nullptr;
  return make(qn.kind == ast::QuantKind::Exists ? Op::Exists : Op::Forall, Ty{Kind::Bool}, e.span, {set, body}, 0,
              slot);
}

TExprPtr ExprChecker::checkNode(const ast::Call& c, const ast::Expr& e, std::optional<Ty>) {
  if (c.callee.name != "count") {
    ctx_.diags.error(DiagCode::semaUnknownFunction, c.callee.span, {{"function", c.callee.name}})
        .withHelp(Phrase::countAvailable);
    return nullptr;
  }
  if (c.args.size() != 1) {
    ctx_.diags.error(DiagCode::semaArity, e.span);
    return nullptr;
  }
  auto s = checkSet(*c.args[0]);
  if (!s) return nullptr;
  return make(Op::Count, Ty{Kind::Int}, e.span, {s});
}

// --------------------------------------------------------------- operators

TExprPtr ExprChecker::checkNode(const ast::Unary& u, const ast::Expr& e, std::optional<Ty>) {
  if (u.op == ast::UnaryOp::Not) {
    auto k = checkBool(*u.operand, "not");
    if (!k) return nullptr;
    return make(Op::Not, Ty{Kind::Bool}, e.span, {k});
  }
  auto k = check(*u.operand, std::nullopt);
  if (!k) return nullptr;
  if (k->ty.set || (k->ty.kind != Kind::Int && k->ty.kind != Kind::Duration && k->ty.kind != Kind::Months)) {
    ctx_.diags.error(DiagCode::semaBadNegation, e.span, {{"type", typeName(k->ty)}});
    return nullptr;
  }
  return make(Op::Neg, k->ty, e.span, {k});
}

TExprPtr ExprChecker::checkNode(const ast::Binary& b, const ast::Expr& e, std::optional<Ty>) {
  using BO = ast::BinaryOp;
  switch (b.op) {
    case BO::Implies: case BO::Or: case BO::And: {
      const char* word = b.op == BO::Implies ? "implies" : b.op == BO::Or ? "or" : "and";
      auto l = checkBool(*b.lhs, word);
      auto r = checkBool(*b.rhs, word);
      if (!l || !r) return nullptr;
      Op op = b.op == BO::Implies ? Op::Implies : b.op == BO::Or ? Op::Or : Op::And;
      return make(op, Ty{Kind::Bool}, e.span, {l, r});
    }
    case BO::In: case BO::NotIn:
      return checkMembership(b, e);
    case BO::Eq: case BO::Ne: case BO::Lt: case BO::Le: case BO::Gt: case BO::Ge:
      return checkComparison(b, e);
    case BO::Add: case BO::Sub: case BO::Mul:
      return checkArithmetic(b, e);
  }
  return nullptr;
}

TExprPtr ExprChecker::checkMembership(const ast::Binary& b, const ast::Expr& e) {
  TExprPtr l, r;
  if (isContextual(*b.lhs)) {
    r = check(*b.rhs, std::nullopt);
    if (!r) return nullptr;
    l = check(*b.lhs, r->ty.set ? std::optional<Ty>(r->ty.element()) : std::nullopt);
  } else {
    l = check(*b.lhs, std::nullopt);
    if (!l) return nullptr;
    Ty st = l->ty;
    st.set = true;
    r = check(*b.rhs, st);
  }
  if (!l || !r) return nullptr;
  if (!r->ty.set) {
    ctx_.diags.error(DiagCode::semaInNeedsSet, b.rhs->span, {{"type", typeName(r->ty)}});
    return nullptr;
  }
  if (l->ty.set || !(l->ty == r->ty.element())) {
    ctx_.diags.error(DiagCode::semaInType, e.span, {{"element", typeName(l->ty)}, {"set", typeName(r->ty)}});
    return nullptr;
  }
  auto in = make(Op::In, Ty{Kind::Bool}, e.span, {l, r});
  return b.op == ast::BinaryOp::In ? in : make(Op::Not, Ty{Kind::Bool}, e.span, {in});
}

std::pair<TExprPtr, TExprPtr> ExprChecker::checkPair(const ast::Expr& lhs, const ast::Expr& rhs) {
  TExprPtr l, r;
  if (isContextual(lhs) && !isContextual(rhs)) {
    r = check(rhs, std::nullopt);
    if (!r) return {};
    l = check(lhs, r->ty);
  } else {
    l = check(lhs, std::nullopt);
    if (!l) return {};
    r = check(rhs, l->ty);
  }
  return {l, r};
}

TExprPtr ExprChecker::checkComparison(const ast::Binary& b, const ast::Expr& e) {
  using BO = ast::BinaryOp;
  auto [l, r] = checkPair(*b.lhs, *b.rhs);
  if (!l || !r) return nullptr;
  Op op = b.op == BO::Eq ? Op::Eq : b.op == BO::Ne ? Op::Ne : b.op == BO::Lt ? Op::Lt
        : b.op == BO::Le ? Op::Le : b.op == BO::Gt ? Op::Gt : Op::Ge;
  // `a - b >= 3 months` compares a date difference with calendar months:
  // rewrite it to `a >= b + 3 months`, which is what the sources mean.
  if (r->ty.kind == Kind::Months && l->op == Op::Sub && l->kids[0]->ty.kind == Kind::Date &&
      l->kids[1]->ty.kind == Kind::Date) {
    auto shifted = make(Op::AddMonths, Ty{Kind::Date}, r->span.to(l->kids[1]->span),
                        {l->kids[1], make(Op::Const, Ty{Kind::Int}, r->span, {}, r->value)});
    return make(op, Ty{Kind::Bool}, e.span, {l->kids[0], shifted});
  }
  if (l->ty.kind == Kind::Months || r->ty.kind == Kind::Months) {
    ctx_.diags.error(DiagCode::semaMonthsNotDuration, (l->ty.kind == Kind::Months ? l : r)->span)
        .withHelp(Phrase::monthsExample);
    return nullptr;
  }
  if (!(l->ty == r->ty)) {
    const bool enums = l->ty.kind == Kind::Enum && r->ty.kind == Kind::Enum && !l->ty.set && !r->ty.set;
    ctx_.diags.error(enums ? DiagCode::semaEnumMismatch : DiagCode::semaIncomparable, e.span,
                     {{"left", typeName(l->ty)}, {"right", typeName(r->ty)}});
    return nullptr;
  }
  if (op != Op::Eq && op != Op::Ne) {
    const bool isEnum = l->ty.kind == Kind::Enum && !l->ty.set;
    const bool ordered = isNumeric(l->ty) || (isEnum && m_.enums[l->ty.decl].ordered);
    if (!ordered) {
      auto& d = ctx_.diags.error(DiagCode::semaUnordered, e.span, {{"type", typeName(l->ty)}});
      if (isEnum) d.withHelp(Phrase::declareOrdered, {{"enum", m_.enums[l->ty.decl].name}});
      return nullptr;
    }
  }
  return make(op, Ty{Kind::Bool}, e.span, {l, r});
}

namespace {
/// Whether a term is a number known without the case: a literal, or
/// arithmetic of literals.
bool isConstantTerm(const TExpr& t) {
  switch (t.op) {
    case Op::Const: return true;
    case Op::Neg: case Op::Add: case Op::Sub: case Op::Mul:
      return std::all_of(t.kids.begin(), t.kids.end(), [](const TExprPtr& k) { return k && isConstantTerm(*k); });
    default: return false;
  }
}
}  // namespace

TExprPtr ExprChecker::checkArithmetic(const ast::Binary& b, const ast::Expr& e) {
  using BO = ast::BinaryOp;
  auto l = check(*b.lhs, std::nullopt);
  auto r = check(*b.rhs, std::nullopt);
  if (!l || !r) return nullptr;
  Kind lk = l->ty.set ? Kind::Bool : l->ty.kind, rk = r->ty.set ? Kind::Bool : r->ty.kind;
  auto bad = [&]() -> TExprPtr {
    const char* sym = b.op == BO::Add ? "+" : b.op == BO::Sub ? "-" : "*";
    ctx_.diags.error(DiagCode::semaBadArithmetic, e.span,
                     {{"left", typeName(l->ty)}, {"operator", sym}, {"right", typeName(r->ty)}});
    return nullptr;
  };
  if (l->ty.set || r->ty.set) return bad();
  if (b.op == BO::Mul) {
    std::optional<Kind> product;
    if (lk == Kind::Int && rk == Kind::Int) product = Kind::Int;
    if ((lk == Kind::Int && rk == Kind::Duration) || (lk == Kind::Duration && rk == Kind::Int)) product = Kind::Duration;
    if (product) {
      // A product of two unknowns is nonlinear arithmetic, which Z3 cannot
      // decide within any bound (it may run for minutes): every check must
      // stay bounded, so it is refused here rather than left to the solver.
      if (!isConstantTerm(*l) && !isConstantTerm(*r)) {
        ctx_.diags.error(DiagCode::semaNonlinear, e.span, {});
        return nullptr;
      }
      return make(Op::Mul, Ty{*product}, e.span, {l, r});
    }
    if (lk == Kind::Int && rk == Kind::Months && r->op == Op::Const && l->op == Op::Const)
      return make(Op::Const, Ty{Kind::Months}, e.span, {}, l->value * r->value);
    return bad();
  }
  bool add = b.op == BO::Add;
  if (lk == Kind::Date && rk == Kind::Months) {
    auto n = r;
    if (!add) n = make(Op::Neg, Ty{Kind::Months}, r->span, {r});
    return make(Op::AddMonths, Ty{Kind::Date}, e.span, {l, asInt(n)});
  }
  if (add && lk == Kind::Months && rk == Kind::Date) return make(Op::AddMonths, Ty{Kind::Date}, e.span, {r, asInt(l)});
  Op op = add ? Op::Add : Op::Sub;
  if (lk == Kind::Int && rk == Kind::Int) return make(op, Ty{Kind::Int}, e.span, {l, r});
  if (lk == Kind::Duration && rk == Kind::Duration) return make(op, Ty{Kind::Duration}, e.span, {l, r});
  if (lk == Kind::Date && rk == Kind::Duration) return make(op, Ty{Kind::Date}, e.span, {l, r});
  if (add && lk == Kind::Duration && rk == Kind::Date) return make(op, Ty{Kind::Date}, e.span, {r, l});
  if (!add && lk == Kind::Date && rk == Kind::Date) return make(op, Ty{Kind::Duration}, e.span, {l, r});
  return bad();
}

}  // namespace samsvar::sema
