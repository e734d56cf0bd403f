#include "engine/sema/sema.hpp"

#include <algorithm>
#include <functional>
#include <set>

#include "core/calendar.hpp"

namespace samsvar {

using namespace model;
namespace A = ast;

namespace {

std::string q(const std::string& s) { return "`" + s + "`"; }

struct ScopeVar {
  std::string name;
  int slot;
  Ty ty;
};

/// Checks one file's declarations into a shared Model.
class Analyzer {
 public:
  Analyzer(Model& m, const SourceManager& sm, Diagnostics& d) : out_(m), m_(m), sm_(sm), diags_(d) {}

  // ------------------------------------------------------------- modules
  void registerModule(const A::File& f) {
    if (f.kind != A::FileKind::module) return;
    const auto& name = f.name->name;
    if (auto it = m_.moduleByName.find(name); it != m_.moduleByName.end()) {
      auto& d = diags_.error("sema.duplicate-module", f.name->span,
                             {"modulen " + q(name) + " er definert mer enn én gang",
                              "module " + q(name) + " is defined more than once"});
      d.notes.push_back({m_.modules[it->second].span, {"først definert her", "first defined here"}});
      return;
    }
    ModuleInfo mi;
    mi.name = name;
    mi.title = f.title ? f.title->value : "";
    for (const auto& i : f.imports) mi.imports.push_back(i.name);
    mi.file = f.fileId;
    mi.span = f.name->span;
    out_.moduleByName[name] = static_cast<int>(m_.modules.size());
    out_.modules.push_back(std::move(mi));
  }

  void checkImports(const A::File& f) {
    for (const auto& imp : f.imports) {
      if (!m_.moduleByName.count(imp.name)) {
        std::vector<std::string> names;
        for (const auto& mod : m_.modules) names.push_back(mod.name);
        auto& d = diags_.error("sema.unknown-module", imp.span,
                               {"ukjent modul " + q(imp.name), "unknown module " + q(imp.name)});
        if (auto c = closestName(imp.name, names))
          d.help = Bilingual{"mente du " + q(*c) + "?", "did you mean " + q(*c) + "?"};
      }
    }
  }

  /// Names visible from a file: its own module plus the transitive imports;
  /// for a case without `uses`, everything.
  void computeVisibility(const A::File& f) {
    visible_.clear();
    allVisible_ = false;
    std::vector<std::string> work;
    if (f.kind == A::FileKind::module) {
      work.push_back(f.name->name);
    } else {
      if (f.imports.empty()) {
        allVisible_ = true;
        return;
      }
      visible_.insert("");  // the case's own declarations
    }
    for (const auto& i : f.imports) work.push_back(i.name);
    while (!work.empty()) {
      std::string n = work.back();
      work.pop_back();
      if (!visible_.insert(n).second) continue;
      auto it = m_.moduleByName.find(n);
      if (it == m_.moduleByName.end()) continue;
      for (const auto& i : m_.modules[it->second].imports) work.push_back(i);
    }
    visible_.insert(currentModule_);
  }

  bool isVisible(const std::string& module) const {
    return allVisible_ || module == currentModule_ || visible_.count(module) > 0;
  }

  void notVisible(const std::string& what, const std::string& module, Span span) {
    auto& d = diags_.error("sema.not-imported", span,
                           {q(what) + " er definert i modulen " + q(module) + ", som ikke er importert",
                            q(what) + " is defined in module " + q(module) + ", which is not imported"});
    d.help = Bilingual{"legg til `import " + module + "` (eller `uses " + module + "` i en sak)",
                   "add `import " + module + "` (or `uses " + module + "` in a case)"};
  }

  void setFile(const A::File& f) {
    file_ = &f;
    currentModule_ = f.kind == A::FileKind::module ? f.name->name : std::string();
    computeVisibility(f);
  }

  // ------------------------------------------------------------- pass 1: names
  void declareNames(const A::File& f) {
    setFile(f);
    for (const auto& decl : f.decls) {
      if (auto* e = std::get_if<A::EnumDecl>(&decl)) declareEnum(*e);
      if (auto* t = std::get_if<A::TypeDecl>(&decl)) declareType(*t);
    }
  }

  bool checkGlobalName(const std::string& name, Span span) {
    auto clash = [&](Span first) {
      auto& d = diags_.error("sema.duplicate-name", span,
                             {"navnet " + q(name) + " er allerede definert",
                              "the name " + q(name) + " is already defined"});
      d.notes.push_back({first, {"først definert her", "first defined here"}});
      return false;
    };
    if (auto it = m_.enumByName.find(name); it != m_.enumByName.end())
      return clash(m_.enums[it->second].span);
    if (auto it = m_.typeByName.find(name); it != m_.typeByName.end())
      return clash(m_.types[it->second].span);
    if (auto it = m_.instanceByName.find(name); it != m_.instanceByName.end())
      return clash(m_.instances[it->second].span);
    if (isBuiltinType(name)) {
      diags_.error("sema.reserved-name", span,
                   {q(name) + " er en innebygd type", q(name) + " is a built-in type"});
      return false;
    }
    return true;
  }

  static bool isBuiltinType(const std::string& n) {
    return n == "bool" || n == "int" || n == "date" || n == "duration" || n == "text";
  }

  void declareEnum(const A::EnumDecl& e) {
    if (!checkGlobalName(e.name.name, e.name.span)) return;
    EnumInfo info;
    info.name = e.name.name;
    info.ordered = e.ordered;
    info.module = currentModule_;
    info.span = e.name.span;
    std::unordered_map<std::string, Span> seen;
    for (const auto& v : e.values) {
      if (auto it = seen.find(v.name); it != seen.end()) {
        auto& d = diags_.error("sema.duplicate-value", v.span,
                               {"verdien " + q(v.name) + " står to ganger i " + q(e.name.name),
                                "the value " + q(v.name) + " appears twice in " + q(e.name.name)});
        d.notes.push_back({it->second, {"først her", "first here"}});
        continue;
      }
      seen[v.name] = v.span;
      info.values.push_back(v.name);
      info.valueSpans.push_back(v.span);
    }
    if (info.values.empty())
      diags_.error("sema.empty-enum", e.name.span,
                   {"enum " + q(e.name.name) + " har ingen verdier",
                    "enum " + q(e.name.name) + " has no values"});
    out_.enumByName[info.name] = static_cast<int>(m_.enums.size());
    out_.enums.push_back(std::move(info));
  }

  void declareType(const A::TypeDecl& t) {
    if (!checkGlobalName(t.name.name, t.name.span)) return;
    TypeInfo info;
    info.name = t.name.name;
    info.module = currentModule_;
    info.span = t.name.span;
    out_.typeByName[info.name] = static_cast<int>(m_.types.size());
    out_.types.push_back(std::move(info));
  }

  // ------------------------------------------------------------- pass 2: attributes
  void resolveAttributes(const A::File& f) {
    setFile(f);
    for (const auto& decl : f.decls) {
      auto* t = std::get_if<A::TypeDecl>(&decl);
      if (!t) continue;
      auto it = m_.typeByName.find(t->name.name);
      if (it == m_.typeByName.end() || m_.types[it->second].span.begin != t->name.span.begin ||
          m_.types[it->second].span.file != t->name.span.file)
        continue;  // a duplicate, already reported
      TypeInfo& info = out_.types[it->second];  // declared by this file: never shared
      std::unordered_map<std::string, Span> seen;
      for (const auto& a : t->attrs) {
        if (auto s = seen.find(a.name.name); s != seen.end()) {
          auto& d = diags_.error("sema.duplicate-attribute", a.name.span,
                                 {"attributtet " + q(a.name.name) + " er allerede definert i " + q(info.name),
                                  "attribute " + q(a.name.name) + " is already defined in " + q(info.name)});
          d.notes.push_back({s->second, {"først definert her", "first defined here"}});
          continue;
        }
        seen[a.name.name] = a.name.span;
        auto ty = resolveTypeRef(a.type);
        if (!ty) continue;
        AttrInfo ai{a.name.name, *ty, a.doc ? a.doc->value : "", a.name.span};
        info.attrIndex[ai.name] = static_cast<int>(info.attrs.size());
        info.attrs.push_back(std::move(ai));
      }
    }
  }

  std::optional<Ty> resolveTypeRef(const A::TypeRef& r) {
    const std::string& n = r.name.name;
    Ty ty;
    if (n == "bool") ty.kind = Kind::Bool;
    else if (n == "int") ty.kind = Kind::Int;
    else if (n == "date") ty.kind = Kind::Date;
    else if (n == "duration") ty.kind = Kind::Duration;
    else if (n == "text") ty.kind = Kind::Text;
    else if (auto e = m_.enumByName.find(n); e != m_.enumByName.end()) {
      if (!isVisible(m_.enums[e->second].module)) notVisible(n, m_.enums[e->second].module, r.name.span);
      ty = Ty{Kind::Enum, e->second, false};
    } else if (auto t = m_.typeByName.find(n); t != m_.typeByName.end()) {
      if (!isVisible(m_.types[t->second].module)) notVisible(n, m_.types[t->second].module, r.name.span);
      ty = Ty{Kind::Ref, t->second, false};
    } else {
      std::vector<std::string> cands{"bool", "int", "date", "duration", "text"};
      for (auto& [k, v] : m_.enumByName) cands.push_back(k);
      for (auto& [k, v] : m_.typeByName) cands.push_back(k);
      auto& d = diags_.error("sema.unknown-type", r.name.span,
                             {"ukjent type " + q(n), "unknown type " + q(n)});
      if (auto c = closestName(n, cands)) d.help = Bilingual{"mente du " + q(*c) + "?", "did you mean " + q(*c) + "?"};
      return std::nullopt;
    }
    if (r.isSet) {
      if (ty.kind != Kind::Enum && ty.kind != Kind::Ref) {
        diags_.error("sema.bad-set", r.span,
                     {"mengder kan bare inneholde enum-verdier eller instanser, ikke " + q(n),
                      "sets may only hold enum values or instances, not " + q(n)});
        return std::nullopt;
      }
      ty.set = true;
    }
    return ty;
  }

  // ------------------------------------------------------------- pass 3: instances
  void declareInstances(const A::File& f) {
    setFile(f);
    for (const auto& decl : f.decls) {
      auto* i = std::get_if<A::InstanceDecl>(&decl);
      if (!i) continue;
      if (!checkGlobalName(i->name.name, i->name.span)) continue;
      auto t = m_.typeByName.find(i->type.name);
      if (t == m_.typeByName.end()) {
        std::vector<std::string> cands;
        for (auto& [k, v] : m_.typeByName) cands.push_back(k);
        Bilingual msg{"ukjent type " + q(i->type.name), "unknown type " + q(i->type.name)};
        if (m_.enumByName.count(i->type.name))
          msg = {q(i->type.name) + " er en enum; instanser må ha en type",
                 q(i->type.name) + " is an enum; instances need a type"};
        auto& d = diags_.error("sema.unknown-type", i->type.span, msg);
        if (auto c = closestName(i->type.name, cands))
          d.help = Bilingual{"mente du " + q(*c) + "?", "did you mean " + q(*c) + "?"};
        continue;
      }
      if (!isVisible(m_.types[t->second].module))
        notVisible(i->type.name, m_.types[t->second].module, i->type.span);
      Instance inst;
      inst.name = i->name.name;
      inst.type = t->second;
      inst.module = currentModule_;
      inst.span = i->name.span;
      inst.factOfAttr.assign(m_.types[t->second].attrs.size(), -1);
      out_.instanceByName[inst.name] = static_cast<int>(m_.instances.size());
      out_.instances.push_back(std::move(inst));
      pendingInstances_.push_back({&*i, static_cast<int>(m_.instances.size() - 1), &f});
    }
  }

  void assignFacts() {
    for (auto [decl, idx, file] : pendingInstances_) {
      setFile(*file);
      const Instance& inst = m_.instances[idx];
      const TypeInfo& ty = m_.types[inst.type];
      std::vector<Span> assigned(ty.attrs.size());
      for (const auto& fa : decl->fields) {
        auto a = ty.attrIndex.find(fa.name.name);
        if (a == ty.attrIndex.end()) {
          std::vector<std::string> cands;
          for (const auto& at : ty.attrs) cands.push_back(at.name);
          auto& d = diags_.error("sema.unknown-attribute", fa.name.span,
                                 {q(ty.name) + " har ikke attributtet " + q(fa.name.name),
                                  q(ty.name) + " has no attribute " + q(fa.name.name)});
          if (auto c = closestName(fa.name.name, cands))
            d.help = Bilingual{"mente du " + q(*c) + "?", "did you mean " + q(*c) + "?"};
          continue;
        }
        if (m_.instances[idx].factOfAttr[a->second] >= 0) {
          auto& d = diags_.error("sema.duplicate-assignment", fa.name.span,
                                 {q(fa.name.name) + " er allerede gitt en verdi for " + q(inst.name),
                                  q(fa.name.name) + " is already assigned for " + q(inst.name)});
          d.notes.push_back({assigned[a->second], {"første verdi her", "first assigned here"}});
          continue;
        }
        const AttrInfo& attr = ty.attrs[a->second];
        auto value = constantValue(*fa.value, attr.ty, attr.name);
        if (!value) continue;
        Fact fact{idx, a->second, std::move(*value), fa.span};
        assigned[a->second] = fa.span;
        out_.instances[idx].factOfAttr[a->second] = static_cast<int>(m_.facts.size());
        out_.facts.push_back(std::move(fact));
      }
    }
    pendingInstances_.clear();
  }

  /// Evaluates a field value, which must be a literal, an enum value, an
  /// instance name or a set of those.
  std::optional<FactValue> constantValue(const A::Expr& e, const Ty& expected,
                                         const std::string& attrName) {
    std::vector<ScopeVar> noScope;
    scope_ = &noScope;
    auto t = check(e, expected);
    scope_ = nullptr;
    if (!t) return std::nullopt;
    if (!(t->ty == expected)) {
      typeMismatch(e.span, expected, t->ty, attrName);
      return std::nullopt;
    }
    FactValue v;
    if (expected.set) {
      if (t->op != Op::SetLit) return notConstant(e.span);
      v.set.open = t->value != 0;
      std::set<int> seen;
      for (const auto& k : t->kids) {
        if (k->op != Op::Const) return notConstant(k->span);
        if (seen.insert(static_cast<int>(k->value)).second)
          v.set.members.push_back(static_cast<int>(k->value));
      }
      return v;
    }
    if (t->op == Op::Neg && t->kids[0]->op == Op::Const) {
      v.scalar = -t->kids[0]->value;
      return v;
    }
    if (t->op != Op::Const) return notConstant(e.span);
    v.scalar = t->value;
    return v;
  }

  std::nullopt_t notConstant(Span span) {
    diags_.error("sema.not-constant", span,
                 {"en verdi må være en literal, en enum-verdi eller et instansnavn",
                  "a value must be a literal, an enum value or an instance name"});
    return std::nullopt;
  }

  void typeMismatch(Span span, const Ty& expected, const Ty& got, const std::string& what) {
    std::string e = typeName(m_, expected), g = typeName(m_, got);
    diags_.error("sema.type-mismatch", span,
                 {"feil type for " + q(what) + ": forventet " + e + ", fikk " + g,
                  "wrong type for " + q(what) + ": expected " + e + ", found " + g});
  }

  // ------------------------------------------------------------- pass 4: rules
  void declareRules(const A::File& f) {
    setFile(f);
    for (const auto& decl : f.decls) {
      if (auto* r = std::get_if<A::RuleDecl>(&decl)) declareRule(*r);
    }
  }

  void declareRule(const A::RuleDecl& r) {
    if (auto it = m_.ruleById.find(r.id.name); it != m_.ruleById.end()) {
      auto& d = diags_.error("sema.duplicate-rule", r.id.span,
                             {"regelen " + q(r.id.name) + " er definert mer enn én gang",
                              "rule " + q(r.id.name) + " is defined more than once"});
      d.notes.push_back({m_.rules[it->second].idSpan, {"først definert her", "first defined here"}});
      return;
    }
    RuleInfo info;
    info.id = r.id.name;
    info.strength = r.strength;
    info.module = currentModule_;
    info.span = r.span;
    info.idSpan = r.id.span;
    bool ok = true;
    auto bilingual = [&](const A::BilingualLit& b, const char* what, Bilingual& out) {
      if (!b.nb || !b.en) {
        diags_.error("sema.missing-translation", b.span.valid ? b.span : r.id.span,
                     {std::string(what) + " må ha både `nb` og `en`",
                      std::string(what) + " needs both `nb` and `en`"});
        ok = false;
      }
      out.nb = b.nb ? b.nb->value : (b.en ? b.en->value : "");
      out.en = b.en ? b.en->value : out.nb;
    };
    bilingual(r.title, "title", info.title);
    if (r.message) {
      Bilingual msg;
      bilingual(*r.message, "message", msg);
      info.message = msg;
    }
    for (const auto& s : r.sources)
      info.sources.push_back({s.file.value, s.section ? s.section->value : "",
                              s.quote ? s.quote->value : "", s.span});
    if (r.sources.empty() && !currentModule_.empty())
      diags_.warning("sema.no-source", r.id.span,
                     {"regelen " + q(r.id.name) + " har ingen kilde", "rule " + q(r.id.name) + " cites no source"});

    std::vector<ScopeVar> scope;
    scope_ = &scope;
    slots_ = 0;
    for (const auto& b : r.bindings) {
      for (const auto& s : scope)
        if (s.name == b.var.name) {
          diags_.error("sema.duplicate-variable", b.var.span,
                       {"variabelen " + q(b.var.name) + " er allerede bundet",
                        "variable " + q(b.var.name) + " is already bound"});
          ok = false;
        }
      Binding bi;
      bi.var = b.var.name;
      bi.span = b.span;
      if (b.type) {
        const std::string& tn = b.type->name;
        if (auto t = m_.typeByName.find(tn); t != m_.typeByName.end()) {
          if (!isVisible(m_.types[t->second].module)) notVisible(tn, m_.types[t->second].module, b.type->span);
          bi.ty = Ty{Kind::Ref, t->second, false};
        } else if (auto e = m_.enumByName.find(tn); e != m_.enumByName.end()) {
          bi.ty = Ty{Kind::Enum, e->second, false};
        } else {
          std::vector<std::string> cands;
          for (auto& [k, v] : m_.typeByName) cands.push_back(k);
          auto& d = diags_.error("sema.unknown-type", b.type->span,
                                 {"ukjent type " + q(tn), "unknown type " + q(tn)});
          if (auto c = closestName(tn, cands)) d.help = Bilingual{"mente du " + q(*c) + "?", "did you mean " + q(*c) + "?"};
          ok = false;
          continue;
        }
      } else if (b.set) {
        auto s = check(*b.set, std::nullopt);
        if (!s) { ok = false; continue; }
        if (!s->ty.set) {
          diags_.error("sema.not-a-set", b.set->span,
                       {"forventet en mengde, fikk " + typeName(m_, s->ty),
                        "expected a set, found " + typeName(m_, s->ty)});
          ok = false;
          continue;
        }
        bi.ty = s->ty.element();
        bi.set = s;
      }
      scope.push_back({bi.var, slots_++, bi.ty});
      info.bindings.push_back(std::move(bi));
    }
    if (r.when) {
      info.when = checkBool(*r.when, "when");
      if (!info.when) ok = false;
    }
    if (r.require) {
      info.require = checkBool(*r.require, "require");
      if (!info.require) ok = false;
    } else {
      ok = false;
    }
    info.slots = slots_;
    scope_ = nullptr;
    if (info.message) checkPlaceholders(*info.message, info, r);
    if (!ok) return;
    out_.ruleById[info.id] = static_cast<int>(m_.rules.size());
    out_.rules.push_back(std::move(info));
  }

  void checkPlaceholders(const Bilingual& msg, const RuleInfo& info, const A::RuleDecl& r) {
    for (const std::string* s : {&msg.nb, &msg.en}) {
      for (std::size_t p = s->find('{'); p != std::string::npos; p = s->find('{', p + 1)) {
        std::size_t e = s->find('}', p);
        if (e == std::string::npos) break;
        std::string var = s->substr(p + 1, e - p - 1);
        bool found = std::any_of(info.bindings.begin(), info.bindings.end(),
                                 [&](const Binding& b) { return b.var == var; });
        if (!found)
          diags_.error("sema.unknown-placeholder", r.message->span,
                       {"meldingen viser til " + q("{" + var + "}") + ", men regelen binder ikke " + q(var),
                        "the message refers to " + q("{" + var + "}") + ", but the rule binds no " + q(var)});
      }
    }
  }

  TExprPtr checkBool(const A::Expr& e, const char* clause) {
    auto t = check(e, Ty{Kind::Bool});
    if (!t) return nullptr;
    if (!(t->ty == Ty{Kind::Bool})) {
      diags_.error("sema.not-bool", e.span,
                   {"`" + std::string(clause) + "` trenger et sannhetsuttrykk, fikk " + typeName(m_, t->ty),
                    "`" + std::string(clause) + "` needs a boolean condition, found " + typeName(m_, t->ty)});
      return nullptr;
    }
    return t;
  }

  // ------------------------------------------------------------- waivers
  void declareWaivers(const A::File& f) {
    setFile(f);
    std::map<std::pair<int, int>, Span> seen;
    for (const auto& decl : f.decls) {
      const A::Ident* rule = nullptr;
      const std::optional<A::Ident>* target = nullptr;
      const A::StringLit* text = nullptr;
      bool exemption = false;
      Span span;
      if (auto* d = std::get_if<A::DeviationDecl>(&decl)) {
        rule = &d->rule; target = &d->target; text = &d->reason; span = d->span;
      } else if (auto* x = std::get_if<A::ExemptionDecl>(&decl)) {
        rule = &x->rule; target = &x->target; text = &x->basis; span = x->span; exemption = true;
      } else {
        continue;
      }
      const char* kindNb = exemption ? "unntak" : "avvik";
      const char* kindEn = exemption ? "exemption" : "deviation";
      if (f.kind == A::FileKind::module) {
        diags_.error("sema.waiver-in-module", span,
                     {std::string(kindNb) + " hører hjemme i en sak, ikke i en regelmodul",
                      std::string(kindEn) + "s belong in a case, not in a rule module"});
        continue;
      }
      auto r = m_.ruleById.find(rule->name);
      if (r == m_.ruleById.end()) {
        std::vector<std::string> cands;
        for (auto& [k, v] : m_.ruleById) cands.push_back(k);
        auto& d = diags_.error("sema.unknown-rule", rule->span,
                               {"ukjent regel " + q(rule->name) + " i " + kindNb,
                                "unknown rule " + q(rule->name) + " in " + kindEn});
        if (auto c = closestName(rule->name, cands))
          d.help = Bilingual{"mente du " + q(*c) + "?", "did you mean " + q(*c) + "?"};
        continue;
      }
      const RuleInfo& ri = m_.rules[r->second];
      Waiver w;
      w.rule = r->second;
      w.exemption = exemption;
      w.text = text->value;
      w.span = span;
      if (*target) {
        auto i = m_.instanceByName.find((*target)->name);
        if (i == m_.instanceByName.end()) {
          diags_.error("sema.unknown-instance", (*target)->span,
                       {"ukjent instans " + q((*target)->name), "unknown instance " + q((*target)->name)});
          continue;
        }
        w.target = i->second;
      }
      if (!exemption && ri.strength == A::Strength::maa) {
        auto& d = diags_.error("sema.deviation-from-maa", rule->span,
                               {q(ri.id) + " er en `må`-regel: den kan ikke fravikes, bare unntas med hjemmel",
                                q(ri.id) + " is a `må` rule: it cannot be deviated from, only exempted with a legal basis"});
        d.notes.push_back({ri.idSpan, {"regelen er definert her", "the rule is defined here"}});
        d.help = Bilingual{"skriv `exemption " + ri.id + " basis \"…\"` med lovhjemmelen",
                       "write `exemption " + ri.id + " basis \"…\"` with the legal basis"};
        continue;
      }
      if (w.text.find_first_not_of(" \t\n") == std::string::npos) {
        diags_.error(exemption ? "sema.empty-basis" : "sema.empty-reason", text->span,
                     {exemption ? "et unntak må oppgi hjemmelen" : "et avvik må begrunnes",
                      exemption ? "an exemption needs its legal basis" : "a deviation needs a reason"});
        continue;
      }
      auto key = std::make_pair(w.rule, w.target);
      if (auto s = seen.find(key); s != seen.end()) {
        auto& d = diags_.error("sema.duplicate-waiver", rule->span,
                               {"regelen " + q(ri.id) + " er allerede fraveket eller unntatt her",
                                "rule " + q(ri.id) + " already has a deviation or exemption"});
        d.notes.push_back({s->second, {"først her", "first here"}});
        continue;
      }
      seen[key] = span;
      out_.waivers.push_back(std::move(w));
    }
  }

  // ------------------------------------------------------------- expressions
  TExprPtr make(Op op, Ty ty, Span span, std::vector<TExprPtr> kids = {}, std::int64_t value = 0,
                int index = -1) {
    auto e = std::make_shared<TExpr>();
    e->op = op;
    e->ty = ty;
    e->span = span;
    e->kids = std::move(kids);
    e->value = value;
    e->index = index;
    return e;
  }

  const ScopeVar* lookupVar(const std::string& n) const {
    if (!scope_) return nullptr;
    for (auto it = scope_->rbegin(); it != scope_->rend(); ++it)
      if (it->name == n) return &*it;
    return nullptr;
  }

  /// A bare name that is neither a variable nor an instance: its meaning
  /// (an enum value) may depend on the other operand.
  bool isContextual(const A::Expr& e) const {
    auto* p = std::get_if<A::Path>(&e.node);
    if (auto* s = std::get_if<A::SetLit>(&e.node)) {
      (void)s;
      return true;
    }
    if (!p || p->parts.size() != 1) return false;
    const auto& n = p->parts[0].name;
    return !lookupVar(n) && !m_.instanceByName.count(n);
  }

  TExprPtr check(const A::Expr& e, std::optional<Ty> expected) {
    return std::visit([&](const auto& n) { return checkNode(n, e, expected); }, e.node);
  }

  TExprPtr checkNode(const A::BoolLit& n, const A::Expr& e, std::optional<Ty>) {
    return make(Op::Const, Ty{Kind::Bool}, e.span, {}, n.value ? 1 : 0);
  }
  TExprPtr checkNode(const A::IntLit& n, const A::Expr& e, std::optional<Ty>) {
    return make(Op::Const, Ty{Kind::Int}, e.span, {}, n.value);
  }
  TExprPtr checkNode(const A::DateLit& n, const A::Expr& e, std::optional<Ty>) {
    auto d = calendar::dayNumber(n.year, n.month, n.day);
    if (!d || n.year < calendar::kMinYear || n.year > calendar::kMaxYear) {
      std::string txt(sm_.slice(e.span));
      diags_.error("sema.bad-date", e.span,
                   {q(txt) + " er ikke en gyldig dato (år " + std::to_string(calendar::kMinYear) + "–" +
                        std::to_string(calendar::kMaxYear) + ")",
                    q(txt) + " is not a valid date (years " + std::to_string(calendar::kMinYear) + "–" +
                        std::to_string(calendar::kMaxYear) + ")"});
      return nullptr;
    }
    return make(Op::Const, Ty{Kind::Date}, e.span, {}, *d);
  }
  TExprPtr checkNode(const A::DurationLit& n, const A::Expr& e, std::optional<Ty>) {
    constexpr std::int64_t kLimit = 1'000'000'000;
    if (n.amount > kLimit || n.amount < -kLimit) {
      diags_.error("sema.duration-range", e.span, {"varigheten er for stor", "the duration is too large"});
      return nullptr;
    }
    switch (n.unit) {
      case A::DurationUnit::days: return make(Op::Const, Ty{Kind::Duration}, e.span, {}, n.amount);
      case A::DurationUnit::weeks: return make(Op::Const, Ty{Kind::Duration}, e.span, {}, n.amount * 7);
      case A::DurationUnit::months: return make(Op::Const, Ty{Kind::Months}, e.span, {}, n.amount);
    }
    return nullptr;
  }
  TExprPtr checkNode(const A::StrLit& n, const A::Expr& e, std::optional<Ty>) {
    return make(Op::Const, Ty{Kind::Text}, e.span, {}, out_.internText(n.value));
  }

  TExprPtr checkNode(const A::Path& p, const A::Expr& e, std::optional<Ty> expected) {
    const auto& first = p.parts[0];
    TExprPtr cur;
    std::size_t i = 1;
    if (auto* v = lookupVar(first.name)) {
      cur = make(Op::Var, v->ty, first.span, {}, 0, v->slot);
    } else if (auto inst = m_.instanceByName.find(first.name); inst != m_.instanceByName.end()) {
      const Instance& in = m_.instances[inst->second];
      if (!in.module.empty() && !isVisible(in.module)) notVisible(first.name, in.module, first.span);
      cur = make(Op::Const, Ty{Kind::Ref, in.type, false}, first.span, {}, inst->second);
    } else if (auto en = m_.enumByName.find(first.name);
               en != m_.enumByName.end() && p.parts.size() >= 2) {
      const EnumInfo& ei = m_.enums[en->second];
      const auto& vname = p.parts[1];
      auto it = std::find(ei.values.begin(), ei.values.end(), vname.name);
      if (it == ei.values.end()) {
        auto& d = diags_.error("sema.unknown-value", vname.span,
                               {q(ei.name) + " har ingen verdi " + q(vname.name),
                                q(ei.name) + " has no value " + q(vname.name)});
        if (auto c = closestName(vname.name, ei.values))
          d.help = Bilingual{"mente du " + q(*c) + "?", "did you mean " + q(*c) + "?"};
        return nullptr;
      }
      if (!isVisible(ei.module)) notVisible(ei.name, ei.module, first.span);
      cur = make(Op::Const, Ty{Kind::Enum, en->second, false}, first.span.to(vname.span), {},
                 it - ei.values.begin());
      i = 2;
    } else {
      cur = resolveEnumValue(first, expected);
      if (!cur) return nullptr;
    }
    for (; i < p.parts.size(); ++i) {
      const auto& part = p.parts[i];
      if (cur->ty.kind != Kind::Ref || cur->ty.set) {
        diags_.error("sema.no-attributes", part.span,
                     {typeName(m_, cur->ty) + " har ingen attributter", typeName(m_, cur->ty) + " has no attributes"});
        return nullptr;
      }
      const TypeInfo& ti = m_.types[cur->ty.decl];
      auto a = ti.attrIndex.find(part.name);
      if (a == ti.attrIndex.end()) {
        std::vector<std::string> cands;
        for (const auto& at : ti.attrs) cands.push_back(at.name);
        auto& d = diags_.error("sema.unknown-attribute", part.span,
                               {q(ti.name) + " har ikke attributtet " + q(part.name),
                                q(ti.name) + " has no attribute " + q(part.name)});
        if (auto c = closestName(part.name, cands)) d.help = Bilingual{"mente du " + q(*c) + "?", "did you mean " + q(*c) + "?"};
        return nullptr;
      }
      cur = make(Op::Attr, ti.attrs[a->second].ty, e.span.valid ? Span::of(e.span.file, e.span.begin, part.span.end) : part.span,
                 {cur}, 0, a->second);
    }
    return cur;
  }

  TExprPtr resolveEnumValue(const A::Ident& id, std::optional<Ty> expected) {
    if (expected && expected->kind == Kind::Enum) {
      const EnumInfo& ei = m_.enums[expected->decl];
      auto it = std::find(ei.values.begin(), ei.values.end(), id.name);
      if (it != ei.values.end())
        return make(Op::Const, Ty{Kind::Enum, expected->decl, false}, id.span, {}, it - ei.values.begin());
    }
    std::vector<int> matches;
    for (std::size_t k = 0; k < m_.enums.size(); ++k) {
      const auto& vals = m_.enums[k].values;
      if (std::find(vals.begin(), vals.end(), id.name) != vals.end() && isVisible(m_.enums[k].module))
        matches.push_back(static_cast<int>(k));
    }
    if (matches.size() == 1) {
      const auto& vals = m_.enums[matches[0]].values;
      return make(Op::Const, Ty{Kind::Enum, matches[0], false}, id.span, {},
                  std::find(vals.begin(), vals.end(), id.name) - vals.begin());
    }
    if (matches.size() > 1) {
      std::string list;
      for (int k : matches) list += (list.empty() ? "" : ", ") + q(m_.enums[k].name + "." + id.name);
      diags_.error("sema.ambiguous-value", id.span,
                   {q(id.name) + " er tvetydig; skriv " + list, q(id.name) + " is ambiguous; write " + list});
      return nullptr;
    }
    // Unknown: suggest from variables, instances and enum values of the expected enum (or all).
    std::vector<std::string> cands;
    if (scope_)
      for (const auto& s : *scope_) cands.push_back(s.name);
    if (expected && expected->kind == Kind::Enum) {
      for (const auto& v : m_.enums[expected->decl].values) cands.push_back(v);
    } else {
      for (const auto& en : m_.enums)
        for (const auto& v : en.values) cands.push_back(v);
      for (const auto& [k, v] : m_.instanceByName) cands.push_back(k);
    }
    Bilingual msg{"ukjent navn " + q(id.name), "unknown name " + q(id.name)};
    if (expected && expected->kind == Kind::Enum)
      msg = {q(m_.enums[expected->decl].name) + " har ingen verdi " + q(id.name),
             q(m_.enums[expected->decl].name) + " has no value " + q(id.name)};
    auto& d = diags_.error("sema.unknown-name", id.span, msg);
    if (auto c = closestName(id.name, cands)) d.help = Bilingual{"mente du " + q(*c) + "?", "did you mean " + q(*c) + "?"};
    return nullptr;
  }

  TExprPtr checkNode(const A::SetLit& s, const A::Expr& e, std::optional<Ty> expected) {
    std::optional<Ty> elem;
    if (expected && expected->set) elem = expected->element();
    std::vector<TExprPtr> kids;
    bool ok = true;
    for (const auto& el : s.elements) {
      auto k = check(*el, elem);
      if (!k) { ok = false; continue; }
      if (k->ty.set || (k->ty.kind != Kind::Enum && k->ty.kind != Kind::Ref)) {
        diags_.error("sema.bad-set", el->span,
                     {"mengder kan bare inneholde enum-verdier eller instanser",
                      "sets may only hold enum values or instances"});
        ok = false;
        continue;
      }
      if (!elem) elem = k->ty;
      else if (!(k->ty == *elem)) {
        diags_.error("sema.type-mismatch", el->span,
                     {"elementet har typen " + typeName(m_, k->ty) + ", forventet " + typeName(m_, *elem),
                      "element has type " + typeName(m_, k->ty) + ", expected " + typeName(m_, *elem)});
        ok = false;
        continue;
      }
      kids.push_back(k);
    }
    if (!ok) return nullptr;
    if (!elem) {
      diags_.error("sema.untyped-set", e.span,
                   {"kan ikke avgjøre hva den tomme mengden inneholder",
                    "cannot tell what the empty set holds"});
      return nullptr;
    }
    Ty ty = *elem;
    ty.set = true;
    return make(Op::SetLit, ty, e.span, std::move(kids), s.open ? 1 : 0);
  }

  TExprPtr checkNode(const A::Unary& u, const A::Expr& e, std::optional<Ty>) {
    if (u.op == A::UnaryOp::Not) {
      auto k = checkBool(*u.operand, "not");
      if (!k) return nullptr;
      return make(Op::Not, Ty{Kind::Bool}, e.span, {k});
    }
    auto k = check(*u.operand, std::nullopt);
    if (!k) return nullptr;
    if (k->ty.set || (k->ty.kind != Kind::Int && k->ty.kind != Kind::Duration && k->ty.kind != Kind::Months)) {
      diags_.error("sema.bad-operand", e.span,
                   {"kan ikke negere en verdi av typen " + typeName(m_, k->ty),
                    "cannot negate a value of type " + typeName(m_, k->ty)});
      return nullptr;
    }
    return make(Op::Neg, k->ty, e.span, {k});
  }

  TExprPtr checkNode(const A::Quantifier& qn, const A::Expr& e, std::optional<Ty>) {
    auto set = check(*qn.set, std::nullopt);
    if (!set) return nullptr;
    if (!set->ty.set) {
      diags_.error("sema.not-a-set", qn.set->span,
                   {"forventet en mengde, fikk " + typeName(m_, set->ty),
                    "expected a set, found " + typeName(m_, set->ty)});
      return nullptr;
    }
    int slot = slots_++;
    scope_->push_back({qn.var.name, slot, set->ty.element()});
    auto body = checkBool(*qn.body, qn.kind == A::QuantKind::Exists ? "exists" : "forall");
    scope_->pop_back();
    if (!body) return nullptr;
    return make(qn.kind == A::QuantKind::Exists ? Op::Exists : Op::Forall, Ty{Kind::Bool}, e.span,
                {set, body}, 0, slot);
  }

  TExprPtr checkNode(const A::Call& c, const A::Expr& e, std::optional<Ty>) {
    if (c.callee.name != "count") {
      auto& d = diags_.error("sema.unknown-function", c.callee.span,
                             {"ukjent funksjon " + q(c.callee.name), "unknown function " + q(c.callee.name)});
      d.help = Bilingual{"tilgjengelig: `count(mengde)`", "available: `count(set)`"};
      return nullptr;
    }
    if (c.args.size() != 1) {
      diags_.error("sema.arity", e.span,
                   {"`count` tar ett argument", "`count` takes one argument"});
      return nullptr;
    }
    auto s = check(*c.args[0], std::nullopt);
    if (!s) return nullptr;
    if (!s->ty.set) {
      diags_.error("sema.not-a-set", c.args[0]->span,
                   {"forventet en mengde, fikk " + typeName(m_, s->ty), "expected a set, found " + typeName(m_, s->ty)});
      return nullptr;
    }
    return make(Op::Count, Ty{Kind::Int}, e.span, {s});
  }

  static bool isNumeric(const Ty& t) {
    return !t.set && (t.kind == Kind::Int || t.kind == Kind::Date || t.kind == Kind::Duration);
  }

  TExprPtr checkNode(const A::Binary& b, const A::Expr& e, std::optional<Ty>) {
    using BO = A::BinaryOp;
    switch (b.op) {
      case BO::Implies: case BO::Or: case BO::And: {
        const char* word = b.op == BO::Implies ? "implies" : b.op == BO::Or ? "or" : "and";
        auto l = checkBool(*b.lhs, word);
        auto r = checkBool(*b.rhs, word);
        if (!l || !r) return nullptr;
        Op op = b.op == BO::Implies ? Op::Implies : b.op == BO::Or ? Op::Or : Op::And;
        return make(op, Ty{Kind::Bool}, e.span, {l, r});
      }
      case BO::In: case BO::NotIn: {
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
          diags_.error("sema.not-a-set", b.rhs->span,
                       {"høyre side av `in` må være en mengde, fikk " + typeName(m_, r->ty),
                        "the right side of `in` must be a set, found " + typeName(m_, r->ty)});
          return nullptr;
        }
        if (l->ty.set || !(l->ty == r->ty.element())) {
          diags_.error("sema.type-mismatch", e.span,
                       {"kan ikke teste om " + typeName(m_, l->ty) + " er i " + typeName(m_, r->ty),
                        "cannot test whether " + typeName(m_, l->ty) + " is in " + typeName(m_, r->ty)});
          return nullptr;
        }
        auto in = make(Op::In, Ty{Kind::Bool}, e.span, {l, r});
        return b.op == BO::In ? in : make(Op::Not, Ty{Kind::Bool}, e.span, {in});
      }
      case BO::Eq: case BO::Ne: case BO::Lt: case BO::Le: case BO::Gt: case BO::Ge:
        return checkComparison(b, e);
      case BO::Add: case BO::Sub: case BO::Mul:
        return checkArithmetic(b, e);
    }
    return nullptr;
  }

  std::pair<TExprPtr, TExprPtr> checkPair(const A::Expr& lhs, const A::Expr& rhs) {
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

  TExprPtr checkComparison(const A::Binary& b, const A::Expr& e) {
    using BO = A::BinaryOp;
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
      auto& d = diags_.error("sema.months-not-duration", (l->ty.kind == Kind::Months ? l : r)->span,
                             {"måneder har ingen fast lengde og kan bare legges til eller trekkes fra en dato",
                              "months have no fixed length and can only be added to or subtracted from a date"});
      d.help = Bilingual{"skriv f.eks. `c.closes >= c.opens + 3 months`", "write e.g. `c.closes >= c.opens + 3 months`"};
      return nullptr;
    }
    if (!(l->ty == r->ty)) {
      Bilingual msg{"kan ikke sammenligne " + typeName(m_, l->ty) + " med " + typeName(m_, r->ty),
                "cannot compare " + typeName(m_, l->ty) + " with " + typeName(m_, r->ty)};
      if (l->ty.kind == Kind::Enum && r->ty.kind == Kind::Enum && !l->ty.set && !r->ty.set)
        msg = {"en enum-verdi kan bare sammenlignes med verdier av sin egen enum (" + typeName(m_, l->ty) +
                   " mot " + typeName(m_, r->ty) + ")",
               "an enum value compares only with values of its own enum (" + typeName(m_, l->ty) +
                   " against " + typeName(m_, r->ty) + ")"};
      diags_.error("sema.type-mismatch", e.span, msg);
      return nullptr;
    }
    if (op != Op::Eq && op != Op::Ne) {
      bool ordered = isNumeric(l->ty) ||
                     (l->ty.kind == Kind::Enum && !l->ty.set && m_.enums[l->ty.decl].ordered);
      if (!ordered) {
        auto& d = diags_.error("sema.unordered", e.span,
                               {typeName(m_, l->ty) + " er ikke ordnet; bruk `==`, `!=` eller `in`",
                                typeName(m_, l->ty) + " is not ordered; use `==`, `!=` or `in`"});
        if (l->ty.kind == Kind::Enum && !l->ty.set)
          d.help = Bilingual{"deklarer `enum " + m_.enums[l->ty.decl].name + " ordered { … }` om verdiene har en rekkefølge",
                         "declare `enum " + m_.enums[l->ty.decl].name + " ordered { … }` if its values have an order"};
        return nullptr;
      }
    }
    return make(op, Ty{Kind::Bool}, e.span, {l, r});
  }

  TExprPtr checkArithmetic(const A::Binary& b, const A::Expr& e) {
    using BO = A::BinaryOp;
    auto l = check(*b.lhs, std::nullopt);
    auto r = check(*b.rhs, std::nullopt);
    if (!l || !r) return nullptr;
    Kind lk = l->ty.set ? Kind::Bool : l->ty.kind, rk = r->ty.set ? Kind::Bool : r->ty.kind;
    auto bad = [&]() -> TExprPtr {
      const char* sym = b.op == BO::Add ? "+" : b.op == BO::Sub ? "-" : "*";
      diags_.error("sema.bad-operands", e.span,
                   {"kan ikke regne " + typeName(m_, l->ty) + " " + sym + " " + typeName(m_, r->ty),
                    "cannot compute " + typeName(m_, l->ty) + " " + sym + " " + typeName(m_, r->ty)});
      return nullptr;
    };
    if (l->ty.set || r->ty.set) return bad();
    if (b.op == BO::Mul) {
      if (lk == Kind::Int && rk == Kind::Int) return make(Op::Mul, Ty{Kind::Int}, e.span, {l, r});
      if (lk == Kind::Int && rk == Kind::Duration) return make(Op::Mul, Ty{Kind::Duration}, e.span, {l, r});
      if (lk == Kind::Duration && rk == Kind::Int) return make(Op::Mul, Ty{Kind::Duration}, e.span, {l, r});
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
    if (add && lk == Kind::Months && rk == Kind::Date)
      return make(Op::AddMonths, Ty{Kind::Date}, e.span, {r, asInt(l)});
    Op op = add ? Op::Add : Op::Sub;
    if (lk == Kind::Int && rk == Kind::Int) return make(op, Ty{Kind::Int}, e.span, {l, r});
    if (lk == Kind::Duration && rk == Kind::Duration) return make(op, Ty{Kind::Duration}, e.span, {l, r});
    if (lk == Kind::Date && rk == Kind::Duration) return make(op, Ty{Kind::Date}, e.span, {l, r});
    if (add && lk == Kind::Duration && rk == Kind::Date) return make(op, Ty{Kind::Date}, e.span, {r, l});
    if (!add && lk == Kind::Date && rk == Kind::Date) return make(op, Ty{Kind::Duration}, e.span, {l, r});
    return bad();
  }

  /// Months are counted as a plain int inside AddMonths.
  TExprPtr asInt(const TExprPtr& months) {
    auto e = std::make_shared<TExpr>(*months);
    e->ty = Ty{Kind::Int};
    if (e->op == Op::Neg) e->kids = {asInt(e->kids[0])};
    return e;
  }

 private:
  // Writes go through out_, reads through m_: a read through a non-const
  // Model would copy a shared rulebase element (copy-on-write).
  Model& out_;
  const Model& m_;
  const SourceManager& sm_;
  Diagnostics& diags_;
  const A::File* file_ = nullptr;
  std::string currentModule_;
  std::set<std::string> visible_;
  bool allVisible_ = false;
  std::vector<ScopeVar>* scope_ = nullptr;
  int slots_ = 0;
  std::vector<std::tuple<const A::InstanceDecl*, int, const A::File*>> pendingInstances_;
};

/// The rules of `modules` (every rule when null), in source order.
std::vector<int> sortedRules(const Model& m, const std::set<std::string>* modules) {
  std::vector<int> out;
  for (std::size_t i = 0; i < m.rules.size(); ++i)
    if (!modules || modules->count(m.rules[i].module)) out.push_back(static_cast<int>(i));
  auto before = [&](int a, int b) {
    const auto& x = m.rules[a];
    const auto& y = m.rules[b];
    return std::tie(x.span.file, x.span.begin, x.id) < std::tie(y.span.file, y.span.begin, y.id);
  };
  // Rules are declared file by file in source order, so this is usually
  // sorted already; sorting thousands of rules for every case would cost
  // more than the rest of the case's analysis.
  if (!std::is_sorted(out.begin(), out.end(), before)) std::sort(out.begin(), out.end(), before);
  return out;
}

/// The rules a case checks: all, or those of the modules it uses (and what
/// they import) plus its own.
std::vector<int> caseRules(const Model& m, const ast::File& f) {
  if (f.imports.empty()) return sortedRules(m, nullptr);
  std::set<std::string> mods{""};
  std::vector<std::string> work;
  for (const auto& i : f.imports) work.push_back(i.name);
  while (!work.empty()) {
    auto n = work.back();
    work.pop_back();
    if (!mods.insert(n).second) continue;
    if (auto it = m.moduleByName.find(n); it != m.moduleByName.end())
      for (const auto& i : m.modules[it->second].imports) work.push_back(i);
  }
  return sortedRules(m, &mods);
}

}  // namespace

std::optional<Model> analyzeModules(const SourceManager& sm, const std::vector<ast::File>& files,
                                    Diagnostics& diags) {
  std::size_t before = diags.errorCount();
  Model m;
  Analyzer an(m, sm, diags);
  std::vector<const ast::File*> mods;
  for (const auto& f : files) {
    if (f.kind != ast::FileKind::module) {
      diags.error("sema.case-as-module", f.span,
                  {"en sak kan ikke brukes som regelmodul", "a case cannot be used as a rule module"});
      continue;
    }
    mods.push_back(&f);
  }
  for (auto* f : mods) an.registerModule(*f);
  for (auto* f : mods) an.checkImports(*f);
  for (auto* f : mods) an.declareNames(*f);
  for (auto* f : mods) an.resolveAttributes(*f);
  for (auto* f : mods) an.declareInstances(*f);
  an.assignFacts();
  for (auto* f : mods) an.declareRules(*f);
  for (auto* f : mods) an.declareWaivers(*f);
  m.activeRules = sortedRules(m, nullptr);
  if (diags.errorCount() > before) return std::nullopt;
  m.share();  // every case shares the rulebase instead of copying it
  return m;
}

std::optional<Model> analyzeCase(const Model& rulebase, const SourceManager& sm, const ast::File& f,
                                 Diagnostics& diags) {
  std::size_t before = diags.errorCount();
  if (f.kind != ast::FileKind::case_) {
    diags.error("sema.module-as-case", f.name ? f.name->span : f.span,
                {"forventet en sak (`case \"…\"`), fant en regelmodul",
                 "expected a case (`case \"…\"`), found a rule module"});
    return std::nullopt;
  }
  Model m = rulebase;
  m.isCase = true;
  m.caseTitle = f.title ? f.title->value : "";
  m.caseFile = f.fileId;
  Analyzer an(m, sm, diags);
  an.checkImports(f);
  an.declareNames(f);
  an.resolveAttributes(f);
  an.declareInstances(f);
  an.assignFacts();
  an.declareRules(f);
  an.declareWaivers(f);
  m.activeRules = caseRules(m, f);
  if (diags.errorCount() > before) return std::nullopt;
  return m;
}

}  // namespace samsvar
