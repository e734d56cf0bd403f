#include "engine/sema/rules.hpp"

#include <algorithm>
#include <string>

#include "core/suggest.hpp"
#include "engine/sema/expr_check.hpp"
#include "engine/sema/records.hpp"

namespace samsvar::sema {

using namespace model;

namespace {

/// Checks one rule into a RuleInfo; `ok` turns false on any error.
class RuleChecker {
 public:
  RuleChecker(Context& ctx, const FileScope& scope, const ast::RuleDecl& r)
      : ctx_(ctx), m_(ctx.read), scope_(scope), r_(r), exprs_(ctx, scope, vars_) {}

  std::optional<RuleInfo> check() {
    if (auto it = m_.ruleById.find(r_.id.name); it != m_.ruleById.end()) {
      ctx_.diags.error(DiagCode::semaDuplicateRule, r_.id.span, {{"rule", r_.id.name}})
          .withNote(m_.rules[it->second].idSpan, Phrase::firstDefinedHere);
      return std::nullopt;
    }
    RuleInfo info;
    info.id = r_.id.name;
    info.strength = r_.strength;
    info.module = scope_.module();
    info.span = r_.span;
    info.idSpan = r_.id.span;
    info.title = bilingual(r_.title, "title");
    if (r_.message) info.message = bilingual(*r_.message, "message");
    for (const auto& s : r_.sources)
      info.sources.push_back({s.file.value, s.section ? s.section->value : "", s.quote ? s.quote->value : "", s.span});
    if (r_.sources.empty() && !scope_.module().empty())
      ctx_.diags.warning(DiagCode::semaNoSource, r_.id.span, {{"rule", r_.id.name}});
    for (const auto& b : r_.bindings)
      if (auto bi = binding(b)) info.bindings.push_back(std::move(*bi));
    if (r_.when) {
      info.when = exprs_.checkBool(*r_.when, "when");
      if (!info.when) ok_ = false;
    }
    if (r_.require) {
      info.require = exprs_.checkBool(*r_.require, "require");
      if (!info.require) ok_ = false;
    } else {
      ok_ = false;
    }
    info.slots = vars_.slots();
    if (info.message) checkPlaceholders(*info.message, info);
    if (!ok_) return std::nullopt;
    // What the rule asks of a value that has a successor, the successor
    // meets from the day it takes over (rules/*.rules `succession`).
    info.when = applySuccessions(m_, info.when);
    info.require = applySuccessions(m_, info.require);
    return info;
  }

 private:
  /// The title or message; both languages are required (the one given
  /// stands in for the other, so that later errors still read well).
  Bilingual bilingual(const ast::BilingualLit& b, const char* clause) {
    if (!b.nb || !b.en) {
      ctx_.diags.error(DiagCode::semaMissingTranslation, b.span.valid ? b.span : r_.id.span, {{"clause", clause}});
      ok_ = false;
    }
    Bilingual out;
    out.nb = b.nb ? b.nb->value : (b.en ? b.en->value : "");
    out.en = b.en ? b.en->value : out.nb;
    return out;
  }

  /// `x: Type` (every instance or enum value) or `x in set`; binds x.
  std::optional<Binding> binding(const ast::Binding& b) {
    if (vars_.find(b.var.name)) {
      ctx_.diags.error(DiagCode::semaDuplicateVariable, b.var.span, {{"variable", b.var.name}});
      ok_ = false;
    }
    Binding bi;
    bi.var = b.var.name;
    bi.span = b.span;
    if (b.type) {
      const std::string& tn = b.type->name;
      if (auto t = m_.typeByName.find(tn); t != m_.typeByName.end()) {
        scope_.requireVisible(ctx_.diags, tn, m_.types[t->second].module, b.type->span);
        bi.ty = Ty{Kind::Ref, t->second, false};
      } else if (auto e = m_.enumByName.find(tn); e != m_.enumByName.end()) {
        bi.ty = Ty{Kind::Enum, e->second, false};
      } else {
        std::vector<std::string> cands;
        for (const auto& [k, v] : m_.typeByName) cands.push_back(k);
        ctx_.diags.error(DiagCode::semaUnknownType, b.type->span, {{"type", tn}}).help = didYouMean(tn, cands);
        ok_ = false;
        return std::nullopt;
      }
    } else if (b.set) {
      auto s = exprs_.checkSet(*b.set);
      if (!s) {
        ok_ = false;
        return std::nullopt;
      }
      bi.ty = s->ty.element();
      bi.set = s;
    }
    vars_.bind(bi.var, bi.ty, b.var.span);
    return bi;
  }

  /// Every `{x}` (or `{x:id}`, the value's name rather than its label) of the
  /// message must name a binding.
  void checkPlaceholders(const Bilingual& msg, const RuleInfo& info) {
    for (const std::string* s : {&msg.nb, &msg.en}) {
      for (std::size_t p = s->find('{'); p != std::string::npos; p = s->find('{', p + 1)) {
        std::size_t e = s->find('}', p);
        if (e == std::string::npos) break;
        std::string var = s->substr(p + 1, e - p - 1);
        if (var.size() > 3 && var.compare(var.size() - 3, 3, ":id") == 0) var.resize(var.size() - 3);
        bool found = std::any_of(info.bindings.begin(), info.bindings.end(),
                                 [&](const Binding& b) { return b.var == var; });
        if (!found)
          ctx_.diags.error(DiagCode::semaUnknownPlaceholder, r_.message->span,
                           {{"placeholder", "{" + var + "}"}, {"variable", var}});
      }
    }
  }

  Context& ctx_;
  const Model& m_;
  const FileScope& scope_;
  const ast::RuleDecl& r_;
  VarScope vars_;
  ExprChecker exprs_;
  bool ok_ = true;
};

}  // namespace

void declareRules(Context& ctx, const FileScope& scope, const ast::File& file) {
  for (const auto& decl : file.decls) {
    auto* r = std::get_if<ast::RuleDecl>(&decl);
    if (!r) continue;
    auto info = RuleChecker(ctx, scope, *r).check();
    if (!info) continue;
    ctx.write.ruleById[info->id] = static_cast<int>(ctx.read.rules.size());
    ctx.write.rules.push_back(std::move(*info));
  }
}

}  // namespace samsvar::sema
