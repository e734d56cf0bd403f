#include "engine/sema/records.hpp"

#include <algorithm>

#include "core/calendar.hpp"
#include "core/suggest.hpp"

namespace samsvar::sema {

using namespace model;

namespace {

void declareDocument(Context& ctx, const FileScope& scope, const ast::DocumentDecl& d) {
  const Model& m = ctx.read;
  if (auto it = m.documentByFile.find(d.file.value); it != m.documentByFile.end()) {
    ctx.diags.error(DiagCode::semaDuplicateDocument, d.file.span, {{"file", d.file.value}})
        .withNote(m.documents[it->second].span, Phrase::firstDefinedHere);
    return;
  }
  if (!d.title.nb || !d.title.en) {
    ctx.diags.error(DiagCode::semaMissingTranslation, d.title.span.valid ? d.title.span : d.file.span,
                    {{"clause", "title"}});
    return;
  }
  DocumentInfo info;
  info.file = d.file.value;
  info.title = Bilingual{d.title.nb->value, d.title.en->value};
  if (d.issuer) info.issuer = d.issuer->value;
  if (d.issued) info.issued = d.issued->value;
  if (d.address) info.address = d.address->value;
  info.module = scope.module();
  info.span = d.file.span;
  ctx.write.documentByFile[info.file] = static_cast<int>(m.documents.size());
  ctx.write.documents.push_back(std::move(info));
}

/// The index of `value` in enum `e`, or an error.
std::optional<std::int64_t> valueOf(Context& ctx, int e, const ast::Ident& value) {
  const EnumInfo& ei = ctx.read.enums[e];
  auto it = std::find(ei.values.begin(), ei.values.end(), value.name);
  if (it == ei.values.end()) {
    ctx.diags.error(DiagCode::semaUnknownValue, value.span, {{"enum", ei.name}, {"value", value.name}}).help =
        didYouMean(value.name, ei.values);
    return std::nullopt;
  }
  return it - ei.values.begin();
}

void declareSuccession(Context& ctx, const FileScope& scope, const ast::SuccessionDecl& s) {
  const Model& m = ctx.read;
  auto en = m.enumByName.find(s.enumName.name);
  if (en == m.enumByName.end()) {
    std::vector<std::string> names;
    for (const auto& e : m.enums) names.push_back(e.name);
    ctx.diags.error(DiagCode::semaUnknownName, s.enumName.span, {{"name", s.enumName.name}}).help =
        didYouMean(s.enumName.name, names);
    return;
  }
  scope.requireVisible(ctx.diags, s.enumName.name, m.enums[en->second].module, s.enumName.span);
  auto value = valueOf(ctx, en->second, s.value);
  auto successor = valueOf(ctx, en->second, s.successor);
  auto from = calendar::dayNumber(s.from.year, s.from.month, s.from.day);
  if (!from || s.from.year < calendar::kMinYear || s.from.year > calendar::kMaxYear) {
    ctx.diags.error(DiagCode::semaBadDate, s.fromSpan,
                    {{"date", std::string(ctx.sm.slice(s.fromSpan))},
                     {"min", std::to_string(calendar::kMinYear)},
                     {"max", std::to_string(calendar::kMaxYear)}});
    return;
  }
  if (!value || !successor) return;
  Succession out;
  out.enumDecl = en->second;
  out.value = *value;
  out.successor = *successor;
  out.from = *from;
  out.note = s.note ? s.note->value : "";
  out.module = scope.module();
  out.span = s.span;
  ctx.write.successions.push_back(std::move(out));
}

TExprPtr node(Op op, Ty ty, Span span, std::vector<TExprPtr> kids, std::int64_t value = 0) {
  return makeTExpr(op, ty, span, std::move(kids), value);
}

/// The constant enum value of `e`, if it is one.
const TExpr* enumConst(const TExprPtr& e) {
  return e && e->op == Op::Const && e->ty.kind == Kind::Enum && !e->ty.set ? e.get() : nullptr;
}

/// `x == S and today >= from` for every succession of value `v` (or null).
TExprPtr successorHolds(const Model& m, const TExprPtr& x, int enumDecl, std::int64_t v, Span span) {
  TExprPtr out;
  const Ty boolTy{Kind::Bool}, dateTy{Kind::Date};
  for (const auto& s : m.successions) {
    if (s.enumDecl != enumDecl || s.value != v) continue;
    TExprPtr isSuccessor = node(Op::Eq, boolTy, span, {x, node(Op::Const, Ty{Kind::Enum, enumDecl, false}, span, {}, s.successor)});
    TExprPtr inForce = node(Op::Ge, boolTy, span, {node(Op::Today, dateTy, span, {}), node(Op::Const, dateTy, span, {}, s.from)});
    TExprPtr both = node(Op::And, boolTy, span, {isSuccessor, inForce});
    out = out ? node(Op::Or, boolTy, span, {out, both}) : both;
  }
  return out;
}

}  // namespace

void declareRecords(Context& ctx, const FileScope& scope, const ast::File& file) {
  for (const auto& decl : file.decls) {
    if (auto* d = std::get_if<ast::DocumentDecl>(&decl)) declareDocument(ctx, scope, *d);
    if (auto* s = std::get_if<ast::SuccessionDecl>(&decl)) declareSuccession(ctx, scope, *s);
  }
}

TExprPtr applySuccessions(const Model& m, const TExprPtr& e) {
  if (!e || m.successions.empty()) return e;
  std::vector<TExprPtr> kids;
  bool changed = false;
  for (const auto& k : e->kids) {
    kids.push_back(applySuccessions(m, k));
    changed = changed || kids.back() != k;
  }
  TExprPtr self = e;
  if (changed) {
    auto copy = std::make_shared<TExpr>(*e);
    copy->kids = kids;
    self = copy;
  }
  const Ty boolTy{Kind::Bool};
  if ((e->op == Op::Eq || e->op == Op::Ne) && kids.size() == 2) {
    const TExpr* c = enumConst(kids[1]) ? kids[1].get() : enumConst(kids[0]);
    if (!c || (enumConst(kids[0]) && enumConst(kids[1]))) return self;
    const TExprPtr& x = c == kids[1].get() ? kids[0] : kids[1];
    TExprPtr extra = successorHolds(m, x, c->ty.decl, c->value, e->span);
    if (!extra) return self;
    TExprPtr eq = e->op == Op::Eq ? self : node(Op::Eq, boolTy, e->span, kids);
    TExprPtr widened = node(Op::Or, boolTy, e->span, {eq, extra});
    return e->op == Op::Eq ? widened : node(Op::Not, boolTy, e->span, {widened});
  }
  if (e->op == Op::In && kids.size() == 2 && kids[1]->op == Op::SetLit && kids[0]->ty.kind == Kind::Enum) {
    TExprPtr out = self;
    for (const auto& member : kids[1]->kids)
      if (const TExpr* c = enumConst(member))
        if (TExprPtr extra = successorHolds(m, kids[0], c->ty.decl, c->value, e->span))
          out = node(Op::Or, boolTy, e->span, {out, extra});
    return out;
  }
  return self;
}

}  // namespace samsvar::sema
