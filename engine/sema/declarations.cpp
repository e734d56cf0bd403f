#include "engine/sema/declarations.hpp"

#include <algorithm>
#include <optional>
#include <string>
#include <unordered_map>

#include "core/suggest.hpp"

namespace samsvar::sema {

using namespace model;

namespace {

constexpr const char* kBuiltinTypes[] = {"bool", "int", "date", "duration", "text"};

bool isBuiltinType(const std::string& n) {
  for (const char* b : kBuiltinTypes)
    if (n == b) return true;
  return false;
}

/// A description or label in both languages; one given alone stands for both.
Bilingual words(const ast::BilingualLit& b) {
  Bilingual out;
  out.nb = b.nb ? b.nb->value : (b.en ? b.en->value : "");
  out.en = b.en ? b.en->value : out.nb;
  return out;
}

/// Declarations of one file: enums, types and instances share one namespace.
class Declarations {
 public:
  Declarations(Context& ctx, const FileScope& scope) : ctx_(ctx), m_(ctx.read), scope_(scope) {}

  /// False (and reported) if `name` cannot name a new enum, type or instance.
  bool isNewName(const std::string& name, Span span) {
    auto clash = [&](Span first) {
      ctx_.diags.error(DiagCode::semaDuplicateName, span, {{"name", name}})
          .withNote(first, Phrase::firstDefinedHere);
      return false;
    };
    if (auto it = m_.enumByName.find(name); it != m_.enumByName.end()) return clash(m_.enums[it->second].span);
    if (auto it = m_.typeByName.find(name); it != m_.typeByName.end()) return clash(m_.types[it->second].span);
    if (auto it = m_.instanceByName.find(name); it != m_.instanceByName.end())
      return clash(m_.instances[it->second].span);
    if (isBuiltinType(name)) {
      ctx_.diags.error(DiagCode::semaBuiltinName, span, {{"name", name}});
      return false;
    }
    return true;
  }

  void declareEnum(const ast::EnumDecl& e) {
    if (!isNewName(e.name.name, e.name.span)) return;
    EnumInfo info;
    info.name = e.name.name;
    info.ordered = e.ordered;
    info.module = scope_.module();
    info.span = e.name.span;
    if (e.doc) info.doc = words(*e.doc);
    std::unordered_map<std::string, Span> seen;
    for (const auto& v : e.values) {
      if (auto it = seen.find(v.name); it != seen.end()) {
        ctx_.diags.error(DiagCode::semaDuplicateValue, v.span, {{"value", v.name}, {"enum", e.name.name}})
            .withNote(it->second, Phrase::firstHere);
        continue;
      }
      seen[v.name] = v.span;
      info.values.push_back(v.name);
      info.valueSpans.push_back(v.span);
      const std::size_t i = static_cast<std::size_t>(&v - e.values.data());
      info.labels.push_back(i < e.labels.size() && e.labels[i] ? words(*e.labels[i]) : Bilingual{});
    }
    if (info.values.empty()) ctx_.diags.error(DiagCode::semaEmptyEnum, e.name.span, {{"enum", e.name.name}});
    ctx_.write.enumByName[info.name] = static_cast<int>(m_.enums.size());
    ctx_.write.enums.push_back(std::move(info));
  }

  void declareType(const ast::TypeDecl& t) {
    if (!isNewName(t.name.name, t.name.span)) return;
    TypeInfo info;
    info.name = t.name.name;
    info.module = scope_.module();
    info.span = t.name.span;
    if (t.doc) info.doc = words(*t.doc);
    ctx_.write.typeByName[info.name] = static_cast<int>(m_.types.size());
    ctx_.write.types.push_back(std::move(info));
  }

  void resolveAttributes(const ast::TypeDecl& t) {
    auto it = m_.typeByName.find(t.name.name);
    if (it == m_.typeByName.end() || m_.types[it->second].span.begin != t.name.span.begin ||
        m_.types[it->second].span.file != t.name.span.file)
      return;  // a duplicate, already reported
    TypeInfo& info = ctx_.write.types[it->second];  // declared by this file: never shared
    std::unordered_map<std::string, Span> seen;
    for (const auto& a : t.attrs) {
      if (auto s = seen.find(a.name.name); s != seen.end()) {
        ctx_.diags
            .error(DiagCode::semaDuplicateAttribute, a.name.span, {{"attribute", a.name.name}, {"type", info.name}})
            .withNote(s->second, Phrase::firstDefinedHere);
        continue;
      }
      seen[a.name.name] = a.name.span;
      auto ty = resolveTypeRef(a.type);
      if (!ty) continue;
      AttrInfo ai{a.name.name, *ty, a.doc ? words(*a.doc) : Bilingual{}, a.name.span, a.role};
      info.attrIndex[ai.name] = static_cast<int>(info.attrs.size());
      info.attrs.push_back(std::move(ai));
    }
  }

  std::optional<Ty> resolveTypeRef(const ast::TypeRef& r) {
    const std::string& n = r.name.name;
    Ty ty;
    if (n == "bool") ty.kind = Kind::Bool;
    else if (n == "int") ty.kind = Kind::Int;
    else if (n == "date") ty.kind = Kind::Date;
    else if (n == "duration") ty.kind = Kind::Duration;
    else if (n == "text") ty.kind = Kind::Text;
    else if (auto e = m_.enumByName.find(n); e != m_.enumByName.end()) {
      scope_.requireVisible(ctx_.diags, n, m_.enums[e->second].module, r.name.span);
      ty = Ty{Kind::Enum, e->second, false};
    } else if (auto t = m_.typeByName.find(n); t != m_.typeByName.end()) {
      scope_.requireVisible(ctx_.diags, n, m_.types[t->second].module, r.name.span);
      ty = Ty{Kind::Ref, t->second, false};
    } else {
      std::vector<std::string> cands(std::begin(kBuiltinTypes), std::end(kBuiltinTypes));
      for (const auto& [k, v] : m_.enumByName) cands.push_back(k);
      for (const auto& [k, v] : m_.typeByName) cands.push_back(k);
      std::sort(cands.begin() + std::size(kBuiltinTypes), cands.end());
      ctx_.diags.error(DiagCode::semaUnknownType, r.name.span, {{"type", n}}).help = nameHelp(n, cands);
      return std::nullopt;
    }
    if (r.isSet) {
      if (ty.kind != Kind::Enum && ty.kind != Kind::Ref) {
        ctx_.diags.error(DiagCode::semaBadSetType, r.span, {{"type", n}});
        return std::nullopt;
      }
      ty.set = true;
    }
    return ty;
  }

  /// Declares an instance; its index in Model::instances, or nullopt.
  std::optional<int> declareInstance(const ast::InstanceDecl& i) {
    if (!isNewName(i.name.name, i.name.span)) return std::nullopt;
    auto t = m_.typeByName.find(i.type.name);
    if (t == m_.typeByName.end()) {
      std::vector<std::string> cands;
      for (const auto& [k, v] : m_.typeByName) cands.push_back(k);
      auto& d = m_.enumByName.count(i.type.name)
                    ? ctx_.diags.error(DiagCode::semaEnumInstance, i.type.span, {{"name", i.type.name}})
                    : ctx_.diags.error(DiagCode::semaUnknownType, i.type.span, {{"type", i.type.name}});
      std::sort(cands.begin(), cands.end());
      d.help = nameHelp(i.type.name, cands);
      return std::nullopt;
    }
    scope_.requireVisible(ctx_.diags, i.type.name, m_.types[t->second].module, i.type.span);
    Instance inst;
    inst.name = i.name.name;
    inst.type = t->second;
    inst.module = scope_.module();
    inst.span = i.name.span;
    inst.factOfAttr.assign(m_.types[t->second].attrs.size(), -1);
    const int index = static_cast<int>(m_.instances.size());
    ctx_.write.instanceByName[inst.name] = index;
    ctx_.write.instances.push_back(std::move(inst));
    return index;
  }

 private:
  Context& ctx_;
  const Model& m_;
  const FileScope& scope_;
};

}  // namespace

void declareEnumsAndTypes(Context& ctx, const FileScope& scope, const ast::File& file) {
  Declarations decls(ctx, scope);
  for (const auto& decl : file.decls) {
    if (auto* e = std::get_if<ast::EnumDecl>(&decl)) decls.declareEnum(*e);
    if (auto* t = std::get_if<ast::TypeDecl>(&decl)) decls.declareType(*t);
  }
}

void resolveAttributes(Context& ctx, const FileScope& scope, const ast::File& file) {
  Declarations decls(ctx, scope);
  for (const auto& decl : file.decls)
    if (auto* t = std::get_if<ast::TypeDecl>(&decl)) decls.resolveAttributes(*t);
}

void declareInstances(Context& ctx, const FileScope& scope, const ast::File& file,
                      std::vector<PendingInstance>& pending) {
  Declarations decls(ctx, scope);
  for (const auto& decl : file.decls)
    if (auto* i = std::get_if<ast::InstanceDecl>(&decl))
      if (auto index = decls.declareInstance(*i)) pending.push_back({i, *index, &scope});
}

}  // namespace samsvar::sema
