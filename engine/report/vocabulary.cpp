#include "engine/report/vocabulary.hpp"

#include <algorithm>
#include <set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "engine/report/strength.hpp"

namespace samsvar {

using model::Model;
using model::Ty;
using ordered_json = nlohmann::ordered_json;

namespace {

/// The form a word is searched in: lower case (ASCII and the Norwegian
/// capitals), and æ, ø, å spelt ae, oe, aa as the rules' names spell them, so
/// that "høring" finds `hoering` as well as "høringsfrist".
std::string folded(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c >= 'A' && c <= 'Z') {
      out += static_cast<char>(c - 'A' + 'a');
    } else if (c == 0xC3 && i + 1 < s.size()) {
      auto d = static_cast<unsigned char>(s[i + 1]);
      if (d == 0x86 || d == 0xA6) out += "ae";        // Æ æ
      else if (d == 0x98 || d == 0xB8) out += "oe";   // Ø ø
      else if (d == 0x85 || d == 0xA5) out += "aa";   // Å å
      else out += s.substr(i, 2);
      ++i;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

bool isReference(const Model& m, int i) { return !m.instances[i].phantom && !m.instances[i].module.empty(); }

/// The value of a declared fact as a user writes it.
std::string factValueText(const Model& m, int fact) {
  const model::Fact& f = m.facts[fact];
  const Ty& ty = m.types[m.instances[f.instance].type].attrs[f.attr].ty;
  if (!ty.set) return model::literalText(m, ty, f.value);
  std::vector<std::string> parts;
  for (int e : f.value.set.members) parts.push_back(model::literalText(m, ty.element(), e));
  if (f.value.set.open) parts.push_back("...");
  if (parts.empty()) return "{ }";
  std::string out = "{ ";
  for (std::size_t k = 0; k < parts.size(); ++k) out += (k ? ", " : "") + parts[k];
  return out + " }";
}

/// The declared facts of an instance, in the order of its type's attributes.
std::vector<std::pair<std::string, std::string>> instanceFacts(const Model& m, int i) {
  std::vector<std::pair<std::string, std::string>> out;
  const model::Instance& inst = m.instances[i];
  const model::TypeInfo& t = m.types[inst.type];
  for (std::size_t a = 0; a < t.attrs.size() && a < inst.factOfAttr.size(); ++a)
    if (inst.factOfAttr[a] >= 0) out.emplace_back(t.attrs[a].name, factValueText(m, inst.factOfAttr[a]));
  return out;
}

/// The reference instances that name instance `i` in one of their facts.
std::vector<int> namedBy(const Model& m, int i) {
  std::vector<int> out;
  for (std::size_t f = 0; f < m.facts.size(); ++f) {
    const model::Fact& fact = m.facts[f];
    if (!isReference(m, fact.instance)) continue;
    const Ty& ty = m.types[m.instances[fact.instance].type].attrs[fact.attr].ty;
    if (ty.kind != model::Kind::Ref || ty.decl != m.instances[i].type) continue;
    const bool names = ty.set ? std::find(fact.value.set.members.begin(), fact.value.set.members.end(), i) !=
                                    fact.value.set.members.end()
                              : fact.value.scalar == i;
    if (names && (out.empty() || out.back() != fact.instance)) out.push_back(fact.instance);
  }
  return out;
}

void collectAttributes(const model::TExprPtr& e, std::set<std::pair<int, int>>& out) {
  if (!e) return;
  if (e->op == model::Op::Attr && !e->kids.empty() && e->kids[0]->ty.kind == model::Kind::Ref)
    out.insert({e->kids[0]->ty.decl, e->index});
  for (const auto& k : e->kids) collectAttributes(k, out);
}

struct Words {
  const char* types;
  const char* enums;
  const char* instances;
  const char* rules;
  const char* ordered;
  const char* namedBy;
  const char* reads;
  const char* noneDeclared;
};
const Words& words(Lang lang) {
  static const Words nb{"Typer (det en instans i en sak kan være, med attributtene)", "Verdilister (enum)",
                        "Referansedata (instanser i regelmodulene, kan brukes ved navn)", "Regler", "ordnet",
                        "nevnt av", "leser", "ingen fakta deklarert"};
  static const Words en{"Types (what an instance in a case can be, with its attributes)", "Enumerations (enum)",
                        "Reference data (instances in the rule modules, usable by name)", "Rules", "ordered",
                        "named by", "reads", "no facts declared"};
  return lang == Lang::nb ? nb : en;
}

std::string joined(const std::vector<std::string>& parts, const char* sep = ", ") {
  std::string out;
  for (std::size_t k = 0; k < parts.size(); ++k) out += (k ? sep : "") + parts[k];
  return out;
}

std::vector<std::string> namesOf(const Model& m, const std::vector<int>& instances) {
  std::vector<std::string> out;
  for (int i : instances) out.push_back(m.instances[i].name);
  return out;
}

/// A description in one language as JSON: {"nb": …, "en": …}.
ordered_json wordsJson(const Bilingual& b) { return {{"nb", b.nb}, {"en", b.en}}; }

/// Both languages for the bilingual vocabulary page: once when they agree.
std::string bothWords(const Bilingual& b) { return b.nb == b.en ? b.nb : b.nb + " / " + b.en; }

std::string attributeList(const Model& m, const std::vector<std::pair<int, int>>& attrs) {
  std::vector<std::string> parts;
  for (auto [t, a] : attrs) parts.push_back(m.types[t].name + "." + m.types[t].attrs[a].name);
  return joined(parts);
}

}  // namespace

std::vector<std::string> labelledValues(const model::EnumInfo& ei, Lang lang) {
  auto lowered = [](std::string t) {
    for (char& c : t)
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return t;
  };
  std::vector<std::string> out;
  for (std::size_t v = 0; v < ei.values.size(); ++v) {
    out.push_back(ei.values[v]);
    // A label that only capitalises the name (`Helsedirektoratet`) adds nothing here.
    if (v < ei.labels.size() && !ei.labels[v].in(lang).empty() && lowered(ei.labels[v].in(lang)) != ei.values[v])
      out.back() += " (" + ei.labels[v].in(lang) + ")";
  }
  return out;
}

std::vector<std::pair<int, int>> attributesReadBy(const Model& m, int rule) {
  std::set<std::pair<int, int>> out;
  const model::RuleInfo& r = m.rules[rule];
  collectAttributes(r.when, out);
  collectAttributes(r.require, out);
  for (const auto& b : r.bindings) collectAttributes(b.set, out);
  return {out.begin(), out.end()};
}

VocabularySelection selectVocabulary(const Model& m, std::string_view word) {
  VocabularySelection s;
  s.word = std::string(word);
  const std::string w = folded(word);
  auto hit = [&](std::string_view text) { return !w.empty() && folded(text).find(w) != std::string::npos; };
  auto hitWords = [&](const Bilingual& b) { return hit(b.nb) || hit(b.en); };
  for (std::size_t t = 0; t < m.types.size(); ++t) {
    const model::TypeInfo& ti = m.types[t];
    std::vector<int> attrs;
    const bool whole = w.empty() || hit(ti.name) || hitWords(ti.doc);
    for (std::size_t a = 0; a < ti.attrs.size(); ++a)
      if (whole || hit(ti.attrs[a].name) || hitWords(ti.attrs[a].doc)) attrs.push_back(static_cast<int>(a));
    if (whole || !attrs.empty()) {
      s.types.push_back(static_cast<int>(t));
      s.attributes[static_cast<int>(t)] = std::move(attrs);
    }
  }
  for (std::size_t e = 0; e < m.enums.size(); ++e) {
    const model::EnumInfo& ei = m.enums[e];
    bool match = w.empty() || hit(ei.name) || hitWords(ei.doc);
    for (const auto& v : ei.values) match = match || hit(v);
    for (const auto& l : ei.labels) match = match || hitWords(l);
    if (match) s.enums.push_back(static_cast<int>(e));
  }
  for (std::size_t i = 0; i < m.instances.size(); ++i) {
    if (!isReference(m, static_cast<int>(i))) continue;
    bool match = w.empty() || hit(m.instances[i].name);
    for (const auto& [attr, value] : instanceFacts(m, static_cast<int>(i))) match = match || hit(value);
    if (match) s.instances.push_back(static_cast<int>(i));
  }
  if (!w.empty())
    for (std::size_t r = 0; r < m.rules.size(); ++r) {
      const model::RuleInfo& ri = m.rules[r];
      if (hit(ri.id) || hit(ri.title.nb) || hit(ri.title.en)) s.rules.push_back(static_cast<int>(r));
    }
  return s;
}

std::vector<std::string> vocabularyNames(const Model& m) {
  std::set<std::string> names;
  for (std::size_t t = 0; t < m.types.size(); ++t) {
    names.insert(m.types[t].name);
    for (const auto& a : m.types[t].attrs) names.insert(a.name);
  }
  for (std::size_t e = 0; e < m.enums.size(); ++e) {
    names.insert(m.enums[e].name);
    for (const auto& v : m.enums[e].values) names.insert(v);
  }
  for (std::size_t i = 0; i < m.instances.size(); ++i)
    if (isReference(m, static_cast<int>(i))) names.insert(m.instances[i].name);
  for (std::size_t r = 0; r < m.rules.size(); ++r) names.insert(m.rules[r].id);
  return {names.begin(), names.end()};
}

std::string renderVocabularyText(const Model& m, const VocabularySelection& s, Lang lang) {
  const Words& wd = words(lang);
  std::string out;
  if (!s.types.empty()) {
    out += fmt::format("{}\n\n", wd.types);
    for (int t : s.types) {
      const model::TypeInfo& ti = m.types[t];
      out += fmt::format("  type {}  ({}){}\n", ti.name, ti.module.empty() ? "sak / case" : ti.module,
                         ti.doc.in(lang).empty() ? "" : "  " + ti.doc.in(lang));
      for (int a : s.attributes.at(t)) {
        const model::AttrInfo& ai = ti.attrs[a];
        out += fmt::format("    {}: {}{}\n", ai.name, model::typeName(m, ai.ty), ai.doc.in(lang).empty() ? "" : "  — " + ai.doc.in(lang));
      }
      out += "\n";
    }
  }
  if (!s.enums.empty()) {
    out += fmt::format("{}\n\n", wd.enums);
    for (int e : s.enums) {
      const model::EnumInfo& ei = m.enums[e];
      out += fmt::format("  enum {}{}  ({})\n    {}\n", ei.name, ei.ordered ? std::string(" ") + wd.ordered : "",
                         ei.module, joined(labelledValues(ei, lang), ei.ordered ? " < " : ", "));
      if (!ei.doc.in(lang).empty()) out += fmt::format("    {}\n", ei.doc.in(lang));
    }
    out += "\n";
  }
  if (!s.instances.empty()) {
    out += fmt::format("{}\n\n", wd.instances);
    for (int i : s.instances) {
      const model::Instance& inst = m.instances[i];
      out += fmt::format("  {}: {}  ({})\n", inst.name, m.types[inst.type].name, inst.module);
      auto facts = instanceFacts(m, i);
      if (facts.empty()) out += fmt::format("    ({})\n", wd.noneDeclared);
      for (const auto& [attr, value] : facts) out += fmt::format("    {} = {}\n", attr, value);
      if (auto by = namedBy(m, i); !by.empty()) out += fmt::format("    {}: {}\n", wd.namedBy, joined(namesOf(m, by)));
    }
    out += "\n";
  }
  if (!s.rules.empty()) {
    out += fmt::format("{}\n\n", wd.rules);
    for (int r : s.rules) {
      const model::RuleInfo& ri = m.rules[r];
      out += fmt::format("  {} {}: {}\n", ri.id, strengthName(ri.strength), ri.title.in(lang));
      if (auto attrs = attributesReadBy(m, r); !attrs.empty())
        out += fmt::format("    {}: {}\n", wd.reads, attributeList(m, attrs));
    }
    out += "\n";
  }
  while (out.size() >= 2 && out[out.size() - 1] == '\n' && out[out.size() - 2] == '\n') out.pop_back();
  return out;
}

std::string renderVocabularyJson(const Model& m, const VocabularySelection& s) {
  ordered_json types = ordered_json::array(), enums = ordered_json::array(), instances = ordered_json::array(),
               rules = ordered_json::array();
  for (int t : s.types) {
    const model::TypeInfo& ti = m.types[t];
    ordered_json attrs = ordered_json::array();
    for (int a : s.attributes.at(t)) {
      const model::AttrInfo& ai = ti.attrs[a];
      attrs.push_back({{"name", ai.name}, {"type", model::typeName(m, ai.ty)}, {"doc", wordsJson(ai.doc)}});
    }
    types.push_back({{"name", ti.name}, {"module", ti.module}, {"doc", wordsJson(ti.doc)}, {"attributes", attrs}});
  }
  for (int e : s.enums) {
    const model::EnumInfo& ei = m.enums[e];
    ordered_json labels = ordered_json::object();
    for (std::size_t v = 0; v < ei.values.size(); ++v)
      if (v < ei.labels.size() && !ei.labels[v].nb.empty()) labels[ei.values[v]] = wordsJson(ei.labels[v]);
    enums.push_back({{"name", ei.name},
                     {"module", ei.module},
                     {"ordered", ei.ordered},
                     {"doc", wordsJson(ei.doc)},
                     {"values", ei.values},
                     {"labels", labels}});
  }
  for (int i : s.instances) {
    const model::Instance& inst = m.instances[i];
    ordered_json facts = ordered_json::object();
    for (const auto& [attr, value] : instanceFacts(m, i)) facts[attr] = value;
    instances.push_back({{"name", inst.name},
                         {"type", m.types[inst.type].name},
                         {"module", inst.module},
                         {"facts", facts},
                         {"named_by", namesOf(m, namedBy(m, i))}});
  }
  for (int r : s.rules) {
    const model::RuleInfo& ri = m.rules[r];
    std::vector<std::string> reads;
    for (auto [t, a] : attributesReadBy(m, r)) reads.push_back(m.types[t].name + "." + m.types[t].attrs[a].name);
    rules.push_back({{"id", ri.id},
                     {"strength", strengthName(ri.strength)},
                     {"title", {{"nb", ri.title.nb}, {"en", ri.title.en}}},
                     {"reads", reads}});
  }
  ordered_json out = {{"word", s.word}, {"types", types}, {"enums", enums}, {"instances", instances}};
  if (!s.word.empty()) out["rules"] = rules;
  return out.dump(2) + "\n";
}

std::string renderVocabularyMarkdown(const Model& m) {
  const VocabularySelection s = selectVocabulary(m, "");
  std::string out =
      "# The vocabulary of the bundled rules / Ordene i de medfølgende reglene\n\n"
      "<!-- Generated by `samsvar vocab --format markdown` from rules/*.rules; a test fails when this file is\n"
      "     stale. Regenerate it with that command rather than editing it. -->\n\n"
      "What a case may declare: the types of its instances with their attributes, the values of each\n"
      "enumeration, and the reference data every case may name. Search it from the command line with\n"
      "`samsvar vocab WORD` (a word in Norwegian or English; `--format json` for programs), and start a\n"
      "case with `samsvar init procurer|directorate|vendor`.\n\n"
      "## Types / Typer\n\n";
  for (int t : s.types) {
    const model::TypeInfo& ti = m.types[t];
    out += fmt::format("### `{}` ({})\n\n", ti.name, ti.module);
    if (!ti.doc.nb.empty()) out += bothWords(ti.doc) + "\n\n";
    out += "| attribute | type | documentation |\n| --- | --- | --- |\n";
    for (const auto& a : ti.attrs) out += fmt::format("| `{}` | `{}` | {} |\n", a.name, model::typeName(m, a.ty), bothWords(a.doc));
    out += "\n";
  }
  out += "## Enumerations / Verdilister\n\n| enum | module | values |\n| --- | --- | --- |\n";
  for (int e : s.enums) {
    const model::EnumInfo& ei = m.enums[e];
    std::vector<std::string> vals;
    for (std::size_t v = 0; v < ei.values.size(); ++v) {
      vals.push_back("`" + ei.values[v] + "`");
      if (v < ei.labels.size() && !ei.labels[v].nb.empty()) vals.back() += " (" + bothWords(ei.labels[v]) + ")";
    }
    out += fmt::format("| `{}`{} | {} | {}{} |\n", ei.name, ei.ordered ? " (ordered)" : "", ei.module,
                       joined(vals, ei.ordered ? " < " : ", "), ei.doc.nb.empty() ? "" : "<br>" + bothWords(ei.doc));
  }
  out += "\n## Reference data / Referansedata\n\n";
  std::string currentType;
  for (std::size_t k = 0; k < s.instances.size(); ++k) {
    const int i = s.instances[k];
    const model::Instance& inst = m.instances[i];
    const std::string& tn = m.types[inst.type].name;
    if (tn != currentType) {
      currentType = tn;
      out += fmt::format("### `{}`\n\n| name | facts |\n| --- | --- |\n", tn);
    }
    std::vector<std::string> facts;
    for (const auto& [attr, value] : instanceFacts(m, i)) facts.push_back(attr + " = " + value);
    std::string cell = joined(facts, "; ");
    std::string escaped;
    for (char c : cell) escaped += c == '|' ? std::string("\\|") : std::string(1, c);
    out += fmt::format("| `{}` | {} |\n", inst.name, escaped);
    if (k + 1 < s.instances.size() && m.instances[s.instances[k + 1]].type != inst.type) out += "\n";
  }
  return out;
}

std::string sampleValue(const Model& m, const Ty& ty, std::string_view date) {
  auto scalar = [&](const Ty& t) -> std::string {
    switch (t.kind) {
      case model::Kind::Bool: return "true";
      case model::Kind::Int: return "1";
      case model::Kind::Date: return std::string(date);
      case model::Kind::Duration: return "6 weeks";
      case model::Kind::Months: return "";
      case model::Kind::Text: return "\"…\"";
      case model::Kind::Enum: return m.enums[t.decl].values.empty() ? "" : m.enums[t.decl].values.front();
      case model::Kind::Ref: {
        auto inst = m.instancesOf(t.decl);
        return inst.empty() ? "" : m.instances[inst.front()].name;
      }
    }
    return "";
  };
  if (!ty.set) return scalar(ty);
  std::string member = scalar(ty.element());
  return member.empty() ? "{ }" : "{ " + member + " }";
}

}  // namespace samsvar
