#include "engine/sema/facts.hpp"

#include <algorithm>
#include <set>
#include <string>

#include "core/calendar.hpp"
#include "core/suggest.hpp"
#include "engine/sema/absence.hpp"
#include "engine/sema/expr_check.hpp"

namespace samsvar::sema {

using namespace model;

namespace {

std::nullopt_t notConstant(Context& ctx, Span span) {
  ctx.diags.error(DiagCode::semaNotConstant, span);
  return std::nullopt;
}

/// Evaluates a field value, which must be a literal, an enum value, an
/// instance name or a set of those.
std::optional<FactValue> constantValue(Context& ctx, const FileScope& scope, const ast::Expr& e, const Ty& expected,
                                       const std::string& attrName) {
  // `none`: no instance is named (unless an instance is called `none`).
  if (const auto* path = std::get_if<ast::Path>(&e.node);
      path && path->parts.size() == 1 && path->parts[0].name == "none" && !ctx.read.instanceByName.count("none")) {
    if (expected.kind != Kind::Ref || expected.set) {
      ctx.diags.error(DiagCode::semaValueType, e.span,
                      {{"attribute", attrName}, {"expected", typeName(ctx.read, expected)}, {"found", "none"}});
      return std::nullopt;
    }
    FactValue v;
    v.scalar = kNoInstance;
    return v;
  }
  VarScope noVariables;
  ExprChecker checker(ctx, scope, noVariables);
  checker.allowExclusions();
  checker.allowImpreciseDates();
  auto t = checker.check(e, expected);
  if (!t) return std::nullopt;
  if (!(t->ty == expected)) {
    ctx.diags.error(DiagCode::semaValueType, e.span,
                    {{"attribute", attrName},
                     {"expected", typeName(ctx.read, expected)},
                     {"found", typeName(ctx.read, t->ty)}});
    return std::nullopt;
  }
  FactValue v;
  if (expected.set) {
    if (t->op != Op::SetLit) return notConstant(ctx, e.span);
    v.set.open = t->value != 0;
    std::set<int> seen;
    const std::size_t members = t->index < 0 ? t->kids.size() : static_cast<std::size_t>(t->index);
    for (std::size_t i = 0; i < t->kids.size(); ++i) {
      const auto& k = t->kids[i];
      if (k->op != Op::Const) return notConstant(ctx, k->span);
      const int elem = static_cast<int>(k->value);
      if (i < members) {
        if (seen.insert(elem).second) v.set.members.push_back(elem);
      } else if (seen.count(elem)) {
        ctx.diags.error(DiagCode::semaExclusionInSet, k->span, {{"excluded", std::string(ctx.sm.slice(k->span))}});
        return std::nullopt;
      } else if (std::find(v.set.excluded.begin(), v.set.excluded.end(), elem) == v.set.excluded.end()) {
        v.set.excluded.push_back(elem);
      }
    }
    return v;
  }
  if (t->op == Op::Neg && t->kids[0]->op == Op::Const) {
    v.scalar = -t->kids[0]->value;
    return v;
  }
  if (t->op != Op::Const) return notConstant(ctx, e.span);
  v.scalar = t->value;
  if (expected.kind == Kind::Date && t->index >= 0) {
    // A month, half-year or year: some day of that period.
    v.precision = static_cast<ast::DatePrecision>(t->index);
    const auto c = calendar::civil(t->value);
    const auto period = v.precision == ast::DatePrecision::month   ? calendar::monthPeriod(c.year, c.month)
                        : v.precision == ast::DatePrecision::year ? calendar::yearPeriod(c.year)
                                                                   : calendar::halfYearPeriod(c.year, c.month <= 6 ? 1 : 2);
    v.last = period->last;
  }
  return v;
}

}  // namespace

void assignFacts(Context& ctx, const std::vector<PendingInstance>& pending) {
  const Model& m = ctx.read;
  for (const auto& [decl, idx, scope] : pending) {
    const Instance& inst = m.instances[idx];
    const TypeInfo& ty = m.types[inst.type];
    std::vector<Span> assigned(ty.attrs.size());
    for (const auto& fa : decl->fields) {
      auto a = ty.attrIndex.find(fa.name.name);
      if (a == ty.attrIndex.end()) {
        std::vector<std::string> cands;
        for (const auto& at : ty.attrs) cands.push_back(at.name);
        ctx.diags.error(DiagCode::semaUnknownAttribute, fa.name.span, {{"type", ty.name}, {"attribute", fa.name.name}})
            .help = nameHelp(fa.name.name, cands);
        continue;
      }
      if (inst.factOfAttr[a->second] >= 0) {
        ctx.diags.error(DiagCode::semaDuplicateAssignment, fa.name.span,
                        {{"attribute", fa.name.name}, {"instance", inst.name}})
            .withNote(assigned[a->second], Phrase::firstAssignedHere);
        continue;
      }
      const AttrInfo& attr = ty.attrs[a->second];
      auto value = constantValue(ctx, *scope, *fa.value, attr.ty, attr.name);
      if (!value) continue;
      assigned[a->second] = fa.span;
      ctx.write.instances[idx].factOfAttr[a->second] = static_cast<int>(m.facts.size());
      ctx.write.facts.push_back(Fact{idx, a->second, std::move(*value), fa.span});
    }
  }
}

}  // namespace samsvar::sema
