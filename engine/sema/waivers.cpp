#include "engine/sema/waivers.hpp"

#include <algorithm>
#include <map>
#include <string>
#include <utility>

#include "core/suggest.hpp"

namespace samsvar::sema {

using namespace model;

namespace {

/// A deviation or an exemption, seen alike.
struct WaiverDecl {
  const ast::Ident& rule;
  const std::optional<ast::Ident>& target;
  const ast::StringLit& text;  // the reason, or the legal basis
  Span span;
  bool exemption;
};

std::optional<WaiverDecl> asWaiver(const ast::Decl& decl) {
  if (auto* d = std::get_if<ast::DeviationDecl>(&decl))
    return WaiverDecl{d->rule, d->target, d->reason, d->span, false};
  if (auto* x = std::get_if<ast::ExemptionDecl>(&decl))
    return WaiverDecl{x->rule, x->target, x->basis, x->span, true};
  return std::nullopt;
}

}  // namespace

void declareWaivers(Context& ctx, const FileScope& scope, const ast::File& file) {
  const Model& m = ctx.read;
  std::map<std::pair<int, int>, Span> seen;
  for (const auto& decl : file.decls) {
    auto wd = asWaiver(decl);
    if (!wd) continue;
    if (file.kind == ast::FileKind::module) {
      ctx.diags.error(wd->exemption ? DiagCode::semaExemptionInModule : DiagCode::semaDeviationInModule, wd->span);
      continue;
    }
    auto r = m.ruleById.find(wd->rule.name);
    if (r == m.ruleById.end()) {
      std::vector<std::string> cands;
      for (const auto& [k, v] : m.ruleById) cands.push_back(k);
      std::sort(cands.begin(), cands.end());
      ctx.diags.error(wd->exemption ? DiagCode::semaExemptionUnknownRule : DiagCode::semaDeviationUnknownRule,
                      wd->rule.span, {{"rule", wd->rule.name}})
          .help = nameHelp(wd->rule.name, cands);
      continue;
    }
    const RuleInfo& ri = m.rules[r->second];
    if (!scope.sees(ri.module)) {
      // The case does not check the rule, so the waiver would waive nothing
      // and its report would never show it.
      ctx.diags.error(DiagCode::semaWaiverModuleNotUsed, wd->rule.span, {{"rule", ri.id}, {"module", ri.module}})
          .withNote(ri.idSpan, Phrase::ruleDefinedHere)
          .withHelp(Phrase::addToUses, {{"module", ri.module}});
      continue;
    }
    Waiver w;
    w.rule = r->second;
    w.exemption = wd->exemption;
    w.text = wd->text.value;
    w.span = wd->span;
    if (wd->target) {
      auto i = m.instanceByName.find(wd->target->name);
      if (i == m.instanceByName.end()) {
        ctx.diags.error(DiagCode::semaUnknownInstance, wd->target->span, {{"instance", wd->target->name}});
        continue;
      }
      w.target = i->second;
    }
    if (!wd->exemption && ri.strength == ast::Strength::maa) {
      ctx.diags.error(DiagCode::semaDeviationFromMaa, wd->rule.span, {{"rule", ri.id}})
          .withNote(ri.idSpan, Phrase::ruleDefinedHere)
          .withHelp(Phrase::exemptInstead, {{"rule", ri.id}});
      continue;
    }
    if (w.text.find_first_not_of(" \t\n") == std::string::npos) {
      ctx.diags.error(wd->exemption ? DiagCode::semaEmptyBasis : DiagCode::semaEmptyReason, wd->text.span);
      continue;
    }
    auto key = std::make_pair(w.rule, w.target);
    if (auto s = seen.find(key); s != seen.end()) {
      ctx.diags.error(DiagCode::semaDuplicateWaiver, wd->rule.span, {{"rule", ri.id}})
          .withNote(s->second, Phrase::firstHere);
      continue;
    }
    seen[key] = wd->span;
    ctx.write.waivers.push_back(std::move(w));
  }
}

}  // namespace samsvar::sema
