#include "engine/report/report.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>

#include "core/calendar.hpp"
#include "engine/sema/absence.hpp"

namespace samsvar {

using namespace model;
using nlohmann::ordered_json;

namespace {

bool binding(ast::Strength s) { return s == ast::Strength::maa || s == ast::Strength::skal; }

/// An enum value or instance name; the phantom of a type (an instance the
/// case does not declare) is "?Type".
std::string elementName(const Model& m, const Ty& t, std::int64_t v) {
  if (t.kind == Kind::Ref && v >= static_cast<std::int64_t>(m.instances.size()))
    return "?" + m.types[v - static_cast<std::int64_t>(m.instances.size())].name;
  return model::literalText(m, t, v);
}

std::string join(const std::vector<std::string>& parts) {
  std::string s;
  for (std::size_t i = 0; i < parts.size(); ++i) s += (i ? ", " : "") + parts[i];
  return s;
}

/// A further instance described by the values it needs: "en annen
/// Consultation med kind = hoering" (`nbWord` "annen", `enWord` "another").
std::string newInstanceText(const Model& m, const NewInstance& n, Lang lang, const char* nbWord, const char* enWord,
                            const std::function<std::string(const Ty&, std::int64_t)>& scalar) {
  const TypeInfo& ti = m.types[n.type];
  std::vector<std::string> with;
  for (const auto& [a, v] : n.attrs) with.push_back(ti.attrs[a].name + " = " + scalar(ti.attrs[a].ty, v.scalar));
  bool nb = lang == Lang::nb;
  std::string out = std::string(nb ? nbWord : enWord) + " " + ti.name;
  if (!with.empty()) out += (nb ? " med " : " with ") + join(with);
  return out;
}

/// A value a solver chose for a gap's example: its text says nothing, only
/// that it must not be empty.
std::string exampleScalarText(const Model& m, const Ty& ty, std::int64_t v, Lang lang) {
  if (ty.kind == Kind::Text)
    return v == 0 ? "\"\"" : lang == Lang::nb ? "\"…\" (en ikke-tom tekst)" : "\"…\" (a non-empty text)";
  if (ty.kind == Kind::Ref) return elementName(m, ty, v);
  return valueText(m, ty, v, lang);
}

/// A value a repair gives: a text the solver picked says nothing, so a
/// repair only asks for some non-empty text.
std::string repairScalarText(const Model& m, const Ty& ty, std::int64_t v, Lang lang) {
  if (ty.kind == Kind::Text) return v == 0 ? "\"\"" : "\"…\"";
  return valueText(m, ty, v, lang);
}

/// A set or scalar value of a repair, with the new instances a set gains.
std::string repairValueText(const Model& m, const Ty& ty, const FactValue& v, const std::vector<const RepairChange*>& added,
                            Lang lang) {
  if (!ty.set) return v.imprecise() ? model::literalText(m, ty, v) : repairScalarText(m, ty, v.scalar, lang);
  std::vector<std::string> parts;
  for (int e : v.set.members) parts.push_back(valueText(m, ty.element(), e, lang));
  auto scalar = [&](const Ty& t, std::int64_t x) { return repairScalarText(m, t, x, lang); };
  for (const RepairChange* c : added)
    parts.push_back(newInstanceText(m, NewInstance{c->type, c->attrs}, lang, "en ny", "a new", scalar));
  if (v.set.open) parts.push_back("...");
  for (int e : v.set.excluded) parts.push_back("not " + valueText(m, ty.element(), e, lang));
  return parts.empty() ? "{}" : "{ " + join(parts) + " }";
}

/// `deviation RULE for INSTANCE because "…"`: the record a deviation change
/// proposes, with the place of the reason the user writes.
std::string deviationRecordText(const Model& m, const RepairChange& c) {
  return fmt::format("deviation {}{} because \"…\"", m.rules[c.rule].id,
                     c.instance >= 0 ? " for " + m.instances[c.instance].name : "");
}

/// The add_instance changes of `r` into the set that `c` changes.
std::vector<const RepairChange*> addedTo(const RepairResult& r, const RepairChange& c) {
  std::vector<const RepairChange*> out;
  if (c.kind == RepairChange::Kind::add_instance || c.kind == RepairChange::Kind::deviate) return out;
  for (const auto& o : r.changes)
    if (o.kind == RepairChange::Kind::add_instance && o.intoInstance == c.instance && o.intoAttr == c.attr)
      out.push_back(&o);
  return out;
}

/// The declared value a repair changes.
std::string changeFromText(const Model& m, const RepairChange& c, Lang lang) {
  int fi = m.instances[c.instance].factOfAttr[c.attr];
  if (fi < 0) return "";
  return repairValueText(m, m.types[c.type].attrs[c.attr].ty, m.facts[fi].value, {}, lang);
}

struct Counts {
  std::map<Verdict, std::size_t> n;
};

Counts count(const CaseResult& r) {
  Counts c;
  for (const auto& f : r.findings) ++c.n[f.verdict];
  return c;
}

std::vector<SummaryPart> summaryParts(const Counts& c, Lang lang) {
  auto get = [&](Verdict v) { auto it = c.n.find(v); return it == c.n.end() ? std::size_t{0} : it->second; };
  std::vector<SummaryPart> parts;
  auto add = [&](Verdict v, const char* nb1, const char* nbN, const char* en1, const char* enN, bool always) {
    std::size_t k = get(v);
    if (!k && !always) return;
    const char* w = lang == Lang::nb ? (k == 1 ? nb1 : nbN) : (k == 1 ? en1 : enN);
    parts.push_back({v, k, w});
  };
  add(Verdict::violated, "brudd", "brudd", "violation", "violations", true);
  add(Verdict::gap, "mangel", "mangler", "gap", "gaps", true);
  add(Verdict::deviated, "avvik", "avvik", "deviation", "deviations", true);
  add(Verdict::exempted, "unntak", "unntak", "exemption", "exemptions", false);
  add(Verdict::unknown, "ukjent", "ukjente", "unknown", "unknown", false);
  add(Verdict::satisfied, "oppfylt", "oppfylt", "satisfied", "satisfied", true);
  add(Verdict::information, "til informasjon", "til informasjon", "for information", "for information", false);
  add(Verdict::not_applicable, "ikke aktuell", "ikke aktuelle", "not applicable", "not applicable", false);
  return parts;
}

std::string summaryLine(const Counts& c, Lang lang) {
  std::string s;
  for (const auto& p : summaryParts(c, lang)) s += (s.empty() ? "" : ", ") + std::to_string(p.count) + " " + p.word;
  return s;
}

/// Why a verdict is unknown: the solver's own reason (Z3 words it in
/// English), or samsvar's limit in the user's language.
std::string unknownReasonWords(const std::string& reason, bool nb) {
  if (reason == kBindingLimitReason)
    return nb ? fmt::format("regelen har flere bindinger i saken enn grensen på {}; resten er ikke avgjort",
                            kDefaultMaxBindings)
              : fmt::format("the rule has more bindings in this case than the limit of {}; the rest are not decided",
                            kDefaultMaxBindings);
  if (reason == smt::kExpansionLimitReason)
    return nb ? fmt::format("regelen folder seg ut til mer enn {} elementer av kvantorer og tellinger i saken; "
                            "den er ikke spurt",
                            smt::kMaxExpansions)
              : fmt::format("the rule unfolds to more than {} elements of quantifiers and counts in this case; "
                            "it was not asked",
                            smt::kMaxExpansions);
  if (reason == smt::kRepairBudgetReason)
    return nb ? "reparasjonen brukte opp budsjettet sitt før den fant den minste; øk --repair-rlimit eller "
                "--timeout-ms, eller del saken opp"
              : "the repair used up its budget before it found the smallest one; raise --repair-rlimit or "
                "--timeout-ms, or split the case";
  // Z3 words its reasons in English: the ones its limits give are said in
  // the user's language with what to do; any other is quoted as Z3's.
  if (reason == "timeout")
    return nb ? "tidsgrensen ble nådd før løseren var ferdig; øk --timeout-ms"
              : "the time limit was reached before the solver finished; raise --timeout-ms";
  // Z3 says "canceled" both when its resource limit and when its timer stops it.
  if (reason == "canceled")
    return nb ? "løseren nådde ressursgrensen eller tidsgrensen før den var ferdig; øk --rlimit eller --timeout-ms"
              : "the solver reached its resource or time limit before it finished; raise --rlimit or --timeout-ms";
  if (reason.find("resource limit") != std::string::npos || reason.find("rlimit") != std::string::npos)
    return nb ? "ressursgrensen ble nådd før løseren var ferdig; øk --rlimit"
              : "the resource limit was reached before the solver finished; raise --rlimit";
  if (reason == "memout" || reason.find("memory") != std::string::npos)
    return nb ? "løseren gikk tom for minne" : "the solver ran out of memory";
  return nb ? fmt::format("løseren kunne ikke avgjøre det (Z3 sier «{}»)", reason)
            : fmt::format("the solver could not decide it (Z3 says \"{}\")", reason);
}

std::string loc(const SourceManager& sm, const Span& s) {
  if (!s.valid || s.file >= sm.size()) return "";
  return sm.location(s);
}

ordered_json locJson(const SourceManager& sm, const Span& s) {
  if (!s.valid || s.file >= sm.size()) return nullptr;
  auto lc = sm.lineCol(s.file, s.begin);
  return ordered_json{{"file", sm.name(s.file)}, {"line", lc.line}, {"column", lc.column}};
}

/// "H-6W, H-3M" for rule indices.
std::string ruleIds(const Model& m, const std::vector<int>& rules) {
  std::vector<std::string> ids;
  for (int r : rules) ids.push_back(m.rules[r].id);
  return join(ids);
}

/// " or later" (dates) / " or greater" (numbers, durations) after a value.
std::string boundText(BoundSide bound, bool nb, bool date) {
  switch (bound) {
    case BoundSide::on_or_after:
      return date ? (nb ? " eller senere" : " or later") : (nb ? " eller større" : " or greater");
    case BoundSide::on_or_before:
      return date ? (nb ? " eller tidligere" : " or earlier") : (nb ? " eller mindre" : " or smaller");
    case BoundSide::none: break;
  }
  return "";
}

bool isDateAttr(const Model& m, int type, int attr) {
  return type >= 0 && attr >= 0 && m.types[type].attrs[attr].ty.kind == Kind::Date;
}

std::string renderRepairText(const ReportInput& in) {
  const RepairResult& r = *in.repair;
  const Model& m = in.model;
  bool nb = in.lang == Lang::nb;
  std::string out = fmt::format("\n{}\n", nb ? "Minste reparasjon" : "Smallest repair");
  if (r.status != RepairResult::Status::found && r.status != RepairResult::Status::unverified) {
    out += "  " + repairOutcomeText(m, r, in.lang) + "\n";
    if (r.status == RepairResult::Status::impossible)
      for (int rule : r.conflicting)
        out += fmt::format("    {} ({}) {}\n", m.rules[rule].id, loc(in.sm, m.rules[rule].idSpan),
                           m.rules[rule].title.in(in.lang));
    return out;
  }
  for (bool confirm : {false, true}) {
    bool headed = false;
    for (const auto& c : r.changes) {
      if (isConfirmation(c) != confirm) continue;
      std::string line = repairChangeText(m, r, c, in.lang);
      if (line.empty()) continue;
      if (confirm && !headed) out += "  " + repairConfirmHeading(in.lang) + "\n";
      headed = true;
      out += (confirm ? "    " : "  ") + line + "\n";
      // A new instance is not in the case yet: it has no location.
      if (c.kind != RepairChange::Kind::add_instance)
        out += fmt::format("{}--> {}\n", confirm ? "      " : "    ", loc(in.sm, c.span));
    }
  }
  if (r.status == RepairResult::Status::unverified) out += "  " + repairUnverifiedText(m, r, in.lang) + "\n";
  return out;
}

ordered_json repairJson(const ReportInput& in) {
  const RepairResult& r = *in.repair;
  const Model& m = in.model;
  static const char* status[] = {"not_needed", "found", "unverified", "impossible", "unknown", "undecided"};
  ordered_json j{{"status", status[static_cast<int>(r.status)]}};
  auto ids = [&](const std::vector<int>& rules) {
    ordered_json a = ordered_json::array();
    for (int rule : rules) a.push_back(m.rules[rule].id);
    return a;
  };
  ordered_json changes = ordered_json::array(), confirm = ordered_json::array();
  for (const auto& c : r.changes) {
    if (isConfirmation(c)) {
      ordered_json cj{{"attribute", attributeName(m, c.instance, c.attr)}, {"value", changeValueText(m, r, c, Lang::en)}};
      if (c.bound != BoundSide::none) cj["bound"] = boundSideName(c.bound);
      cj["settles"] = ids(c.fixes);
      cj["text"] = repairChangeText(m, r, c, in.lang);
      cj["location"] = locJson(in.sm, c.span);
      confirm.push_back(cj);
      continue;
    }
    static const char* kinds[] = {"change", "add", "add_instance", "assume", "confirm", "deviation"};
    ordered_json cj{{"kind", kinds[static_cast<int>(c.kind)]}};
    if (c.kind == RepairChange::Kind::deviate) {
      cj["rule"] = m.rules[c.rule].id;
      cj["for"] = c.instance >= 0 ? ordered_json(m.instances[c.instance].name) : ordered_json(nullptr);
    } else if (c.kind == RepairChange::Kind::add_instance) {
      cj["type"] = m.types[c.type].name;
      cj["into"] = attributeName(m, c.intoInstance, c.intoAttr);
    } else {
      cj["attribute"] = attributeName(m, c.instance, c.attr);
    }
    if (c.kind == RepairChange::Kind::change) cj["from"] = changeFromText(m, c, Lang::en);
    cj["to"] = changeValueText(m, r, c, Lang::en);
    if (c.bound != BoundSide::none) cj["bound"] = boundSideName(c.bound);
    cj["fixes"] = ids(c.fixes);
    cj["location"] = locJson(in.sm, c.span);
    changes.push_back(cj);
  }
  j["changes"] = changes;
  j["confirm"] = confirm;
  j["conflicting_rules"] = ids(r.conflicting);
  if (r.status == RepairResult::Status::unverified || r.status == RepairResult::Status::undecided)
    j["unresolved_rules"] = ids(r.unresolved);
  if (r.status == RepairResult::Status::unknown) j["reason"] = r.reason;
  return j;
}

/// Satisfied, information and not-applicable findings: reports count them
/// and list them only on request (`--all`).
bool onlyCounted(const Finding& f) {
  return f.verdict == Verdict::satisfied || f.verdict == Verdict::information || f.verdict == Verdict::not_applicable;
}

/// Whether the JSON report lists a finding: every finding with `all`, else
/// only those that ask for attention. Satisfied and not-applicable findings
/// are most of a case (a binding per rule and instance) and are only counted.
bool listedInJson(const Finding& f, bool all) {
  return all || !onlyCounted(f);
}

/// An entry of the JSON report's `rules` table: what every finding of a rule
/// shares, written once per report instead of once per finding.
/// A rule's source in JSON: the file name is the document's id; its record
/// adds the title (and where it is published) when there is one.
ordered_json sourceJson(const Model& m, const Citation& c) {
  ordered_json s{{"file", c.file}};
  if (const DocumentInfo* d = citedDocument(m, c)) {
    s["title"] = {{"nb", d->title.nb}, {"en", d->title.en}};
    if (!d->address.empty()) s["address"] = d->address;
  }
  s["section"] = c.section;
  s["quote"] = c.quote;
  return s;
}

ordered_json ruleJson(const SourceManager& sm, const Model& m, const RuleInfo& rule) {
  ordered_json r;
  r["strength"] = strengthName(rule.strength);
  r["module"] = rule.module.empty() ? ordered_json(nullptr) : ordered_json(rule.module);
  r["title"] = {{"nb", rule.title.nb}, {"en", rule.title.en}};
  // The template ruleMessage() fills in; a rule without a message says its title.
  const Bilingual& message = rule.message ? *rule.message : rule.title;
  r["message"] = {{"nb", message.nb}, {"en", message.en}};
  ordered_json src = ordered_json::array();
  for (const auto& s : rule.sources) src.push_back(sourceJson(m, s));
  r["source"] = src;
  r["location"] = locJson(sm, rule.idSpan);
  return r;
}

}  // namespace

std::string valueText(const Model& m, const Ty& ty, std::int64_t v, Lang lang) {
  bool nb = lang == Lang::nb;
  switch (ty.kind) {
    case Kind::Duration: return std::to_string(v) + (nb ? (v == 1 ? " dag" : " dager") : (v == 1 ? " day" : " days"));
    case Kind::Months:
      return std::to_string(v) + (nb ? (v == 1 ? " måned" : " måneder") : (v == 1 ? " month" : " months"));
    default: return model::literalText(m, ty, v);
  }
}

std::string attributeName(const Model& m, int instance, int attr) {
  const Instance& in = m.instances[instance];
  return in.name + "." + m.types[in.type].attrs[attr].name;
}

std::string bindingText(const Model& m, const Finding& f) {
  const RuleInfo& rule = m.rules[f.rule];
  std::vector<std::string> parts;
  for (std::size_t k = 0; k < rule.bindings.size(); ++k)
    parts.push_back(rule.bindings[k].var + " = " + elementName(m, rule.bindings[k].ty, f.binding[k]));
  return join(parts);
}

const Bilingual* bindingLabel(const Model& m, const model::Ty& ty, std::int64_t value) {
  if (ty.kind != model::Kind::Enum || ty.set) return nullptr;
  const auto& labels = m.enums[ty.decl].labels;
  const auto v = static_cast<std::size_t>(value);
  return v < labels.size() && !labels[v].nb.empty() ? &labels[v] : nullptr;
}

std::vector<std::pair<std::string, std::string>> bindingValues(const Model& m, const Finding& f) {
  const RuleInfo& rule = m.rules[f.rule];
  std::vector<std::pair<std::string, std::string>> out;
  for (std::size_t k = 0; k < rule.bindings.size(); ++k)
    out.emplace_back(rule.bindings[k].var, elementName(m, rule.bindings[k].ty, f.binding[k]));
  return out;
}

namespace {

std::string factText(const Model& m, int fi, Lang lang, const Finding* finding) {
  const Fact& fact = m.facts[fi];
  const Ty& ty = m.types[m.instances[fact.instance].type].attrs[fact.attr].ty;
  std::string v;
  if (ty.set) {
    std::vector<std::string> parts;
    const auto& members = fact.value.set.members;
    if (finding && members.size() > kShownMembers) {
      // The first members, and those the finding binds, in declared order.
      const RuleInfo& rule = m.rules[finding->rule];
      auto bound = [&](int e) {
        for (std::size_t k = 0; k < rule.bindings.size() && k < finding->binding.size(); ++k)
          if (rule.bindings[k].ty == ty.element() && finding->binding[k] == e) return true;
        return false;
      };
      std::size_t shown = 0;
      for (std::size_t i = 0; i < members.size(); ++i)
        if (i < kShownMembers / 2 || bound(members[i])) parts.push_back(valueText(m, ty.element(), members[i], lang)), ++shown;
      std::size_t more = members.size() - shown;
      parts.back() += (lang == Lang::nb ? " og " : " and ") + std::to_string(more) + (lang == Lang::nb ? " til" : " more");
    } else {
      for (int e : members) parts.push_back(valueText(m, ty.element(), e, lang));
    }
    if (fact.value.set.open) parts.push_back("...");
    for (int e : fact.value.set.excluded) parts.push_back("not " + valueText(m, ty.element(), e, lang));
    v = "{ " + join(parts) + (parts.empty() ? "}" : " }");
  } else if (ty.kind == Kind::Ref && fact.value.scalar == kNoInstance) {
    v = lang == Lang::nb ? "none (ingen er oppgitt)" : "none (nobody is named)";
  } else {
    v = fact.value.imprecise() ? model::literalText(m, ty, fact.value) : valueText(m, ty, fact.value.scalar, lang);
  }
  return attributeName(m, fact.instance, fact.attr) + " = " + v;
}

}  // namespace

std::string factText(const Model& m, int fi, Lang lang) { return factText(m, fi, lang, nullptr); }
std::string factText(const Model& m, int fi, Lang lang, const Finding& f) { return factText(m, fi, lang, &f); }

std::string gapExampleText(const Model& m, const GapAttribute& g, Lang lang) {
  const Ty& ty = m.types[m.instances[g.instance].type].attrs[g.attr].ty;
  if (g.bound != BoundSide::none) return valueText(m, ty, g.example.scalar, lang);
  if (!ty.set) return exampleScalarText(m, ty, g.example.scalar, lang);
  std::vector<std::string> parts;
  auto scalar = [&](const Ty& t, std::int64_t x) { return exampleScalarText(m, t, x, lang); };
  for (const auto& n : g.newMembers) parts.push_back(newInstanceText(m, n, lang, "en annen", "another", scalar));
  for (int e : g.example.set.members) parts.push_back(elementName(m, ty.element(), e));
  return parts.empty() ? "{}" : "{ " + join(parts) + " }";
}

const char* boundSideName(BoundSide side) {
  switch (side) {
    case BoundSide::on_or_after: return "on_or_after";
    case BoundSide::on_or_before: return "on_or_before";
    case BoundSide::none: break;
  }
  return "";
}

std::string changeValueText(const Model& m, const RepairResult& r, const RepairChange& c, Lang lang) {
  if (c.kind == RepairChange::Kind::deviate)
    return deviationRecordText(m, c);
  if (c.kind == RepairChange::Kind::add_instance) {
    auto scalar = [&](const Ty& t, std::int64_t x) { return repairScalarText(m, t, x, lang); };
    return newInstanceText(m, NewInstance{c.type, c.attrs}, lang, "en ny", "a new", scalar);
  }
  return repairValueText(m, m.types[c.type].attrs[c.attr].ty, c.value, addedTo(r, c), lang);
}

namespace {

/// "a, b og c" / "a, b and c".
std::string listText(const std::vector<std::string>& parts, Lang lang) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i)
    out += (i == 0 ? "" : i + 1 == parts.size() ? (lang == Lang::nb ? " og " : " and ") : ", ") + parts[i];
  return out;
}

const Fact* impreciseFact(const Model& m, const GapAttribute& g);
std::string periodWords(const FactValue& v, bool nb);

/// What a gap does not know, worded as unknown (never as the violation the
/// rule's message describes).
std::string gapMessage(const Model& m, const Finding& f, Lang lang) {
  bool nb = lang == Lang::nb;
  std::vector<std::string> attrs, given;
  for (const auto& g : f.gaps) {
    // A date declared as a month, half-year or year is declared, only not to the day.
    if (const Fact* fact = impreciseFact(m, g))
      given.push_back(attributeName(m, g.instance, g.attr) + (nb ? " er oppgitt bare som " : " is given only as ") +
                      periodWords(fact->value, nb));
    else
      attrs.push_back(attributeName(m, g.instance, g.attr));
  }
  if (!given.empty()) {
    if (!attrs.empty())
      given.insert(given.begin(), nb ? "det er ikke oppgitt " + listText(attrs, lang)
                                     : listText(attrs, lang) + (attrs.size() == 1 ? " is" : " are") + " not declared");
    std::string text = listText(given, lang) + (nb ? ", så det er ikke kjent om regelen er oppfylt."
                                                   : ", so it is not known whether the rule holds.");
    if (text.compare(0, 3, "det") == 0) text[0] = 'D';
    return text;
  }
  if (attrs.empty())
    return nb ? "Det er ikke kjent om regelen er oppfylt: den avhenger av noe som ikke er deklarert, men samsvar fant "
                "ikke en verdi som avgjør den innen løserens grense."
              : "It is not known whether the rule holds: it depends on something not declared, but samsvar found no "
                "value that settles it within the solver's limit.";
  if (nb) return fmt::format("Det er ikke oppgitt {}, så det er ikke kjent om regelen er oppfylt.", listText(attrs, lang));
  return fmt::format("{} {} not declared, so it is not known whether the rule holds.", listText(attrs, lang),
                     attrs.size() == 1 ? "is" : "are");
}

}  // namespace

std::string ruleMessage(const Model& m, const Finding& f, Lang lang) {
  if (f.verdict == Verdict::gap || f.underlying == Verdict::gap) return gapMessage(m, f, lang);
  const RuleInfo& rule = m.rules[f.rule];
  std::string msg = rule.message ? rule.message->in(lang) : rule.title.in(lang);
  // `{k}` words the bound value for a reader (an enum value's label, when it
  // has one); `{k:id}` is its name as a case writes it.
  auto fill = [&msg](const std::string& key, const std::string& val) {
    for (std::size_t p = msg.find(key); p != std::string::npos; p = msg.find(key, p + val.size()))
      msg.replace(p, key.size(), val);
  };
  for (std::size_t k = 0; k < rule.bindings.size(); ++k) {
    const std::string name = elementName(m, rule.bindings[k].ty, f.binding[k]);
    const Bilingual* label = bindingLabel(m, rule.bindings[k].ty, f.binding[k]);
    fill("{" + rule.bindings[k].var + ":id}", name);
    fill("{" + rule.bindings[k].var + "}", label ? label->in(lang) : name);
  }
  return msg;
}

const std::vector<ReportSection>& reportSections() {
  static const std::vector<ReportSection> sections = {
      {{"Brudd på må/skal-regler", "Violations of må/skal rules"}, "error"},
      {{"Brudd på bør-regler", "Violations of bør rules"}, "warning"},
      {{"Mangler (avhenger av det som ikke er deklarert)", "Gaps (depend on what is not declared)"}, "gap"},
      {{"Ukjent (løseren ga opp)", "Unknown (the solver gave up)"}, "unknown"},
      {{"Avvik", "Deviations"}, "deviation"},
      {{"Unntak", "Exemptions"}, "exemption"},
      {{"Råd (kan)", "Advice (kan)"}, "advice"},
  };
  return sections;
}

int reportSectionOf(const Model& m, const Finding& f) {
  const ast::Strength s = m.rules[f.rule].strength;
  switch (f.verdict) {
    case Verdict::violated:
      return binding(s) ? 0 : s == ast::Strength::boer ? 1 : 6;
    case Verdict::gap: return s == ast::Strength::kan ? 6 : 2;
    case Verdict::unknown: return 3;
    case Verdict::deviated: return 4;
    case Verdict::exempted: return 5;
    case Verdict::satisfied:
    case Verdict::information:
    case Verdict::not_applicable: break;
  }
  return -1;
}

std::string caseDateText(const Model& m, Lang lang) {
  const bool nb = lang == Lang::nb;
  const char* from = m.caseDateDeclared
                         ? (nb ? "oppgitt i saken" : "declared in the case")
                         : (nb ? "ikke oppgitt i saken; saken er vurdert per denne dagen"
                               : "not declared in the case; the case is judged as of this day");
  return fmt::format("{}: {} ({})", nb ? "Dato" : "Date", calendar::isoDate(m.caseDate), from);
}

const DocumentInfo* citedDocument(const Model& m, const Citation& c) {
  auto it = m.documentByFile.find(c.file);
  return it == m.documentByFile.end() ? nullptr : &m.documents[it->second];
}

std::string citationText(const Model& m, const Citation& c, Lang lang) {
  const DocumentInfo* d = citedDocument(m, c);
  std::string where = d ? d->title.in(lang) + (c.section.empty() ? "" : ", " + c.section)
                        : c.file + (c.section.empty() ? "" : " " + c.section);
  return where + (c.quote.empty() ? "" : " «" + c.quote + "»");
}

std::string documentDetails(const DocumentInfo& d) {
  std::string out;
  for (const std::string* part : {&d.issuer, &d.issued, &d.address})
    if (!part->empty()) out += (out.empty() ? "" : ", ") + *part;
  return out;
}

namespace {

/// The declared fact of a gap attribute when it is a date written less
/// exactly than a day (a month, half-year or year), else null.
const Fact* impreciseFact(const Model& m, const GapAttribute& g) {
  const int fi = m.instances[g.instance].factOfAttr[g.attr];
  return fi >= 0 && m.facts[fi].value.imprecise() ? &m.facts[fi] : nullptr;
}

const char* monthName(int month, bool nb) {
  static const char* const kNb[] = {"januar", "februar", "mars",     "april",   "mai",      "juni",
                                    "juli",   "august",  "september", "oktober", "november", "desember"};
  static const char* const kEn[] = {"January", "February", "March",     "April",   "May",      "June",
                                    "July",    "August",   "September", "October", "November", "December"};
  return (nb ? kNb : kEn)[month - 1];
}

/// "15. februar 2021" / "15 February 2021".
std::string dayWords(std::int64_t day, bool nb) {
  const calendar::Civil c = calendar::civil(day);
  return nb ? fmt::format("{}. {} {}", c.day, monthName(c.month, true), c.year)
            : fmt::format("{} {} {}", c.day, monthName(c.month, false), c.year);
}

/// "februar 2021", "første halvår 2021", "2021" (and in English).
std::string periodWords(const FactValue& v, bool nb) {
  const calendar::Civil c = calendar::civil(v.scalar);
  switch (v.precision) {
    case ast::DatePrecision::month: return fmt::format("{} {}", monthName(c.month, nb), c.year);
    case ast::DatePrecision::half_year:
      return fmt::format("{} {}", c.month <= 6 ? (nb ? "første halvår" : "the first half of")
                                               : (nb ? "andre halvår" : "the second half of"),
                         c.year);
    default: return fmt::format("{}", c.year);
  }
}

/// A gap that an imprecise date leaves open: the rule holds for some days of
/// the period and not for others; the bound is the day where it flips.
std::string impreciseGapText(const Model& m, const Finding& f, const GapAttribute& g, const Fact& fact, Lang lang) {
  const bool nb = lang == Lang::nb;
  const std::string& id = m.rules[f.rule].id;
  const std::string what = fmt::format("{} = {}", attributeName(m, g.instance, g.attr),
                                       model::literalText(m, m.types[m.instances[g.instance].type].attrs[g.attr].ty, fact.value));
  const std::string period = periodWords(fact.value, nb);
  if (g.bound == BoundSide::none)
    return nb ? fmt::format("{} ({}): {} er oppfylt for noen dager i perioden, men ikke for alle, for eksempel {}; "
                            "oppgi den nøyaktige datoen",
                            what, period, id, dayWords(g.example.scalar, true))
              : fmt::format("{} ({}): {} holds for some days of the period but not for all, for example {}; "
                            "state the exact day",
                            what, period, id, dayWords(g.example.scalar, false));
  const bool later = g.bound == BoundSide::on_or_after;
  return nb ? fmt::format("{} ({}): {} er oppfylt bare hvis datoen er {} eller {}; oppgi den nøyaktige datoen", what,
                          period, id, dayWords(g.example.scalar, true), later ? "senere" : "tidligere")
            : fmt::format("{} ({}): {} holds only if the date is {} or {}; state the exact day", what, period, id,
                          dayWords(g.example.scalar, false), later ? "later" : "earlier");
}

}  // namespace

std::string gapText(const Model& m, const Finding& f, const GapAttribute& g, Lang lang) {
  const Fact* imprecise = impreciseFact(m, g);
  if (imprecise && (g.bound != BoundSide::none || g.alone)) return impreciseGapText(m, f, g, *imprecise, lang);
  bool nb = lang == Lang::nb;
  std::string side = boundText(g.bound, nb, isDateAttr(m, m.instances[g.instance].type, g.attr));
  const std::string& id = m.rules[f.rule].id;
  std::string why;
  if (g.alone && g.outOfForce) why = nb ? "da gjelder ikke " + id : "then " + id + " does not apply";
  else if (g.alone) why = nb ? "avgjør " + id + " alene" : "settles " + id + " on its own";
  else if (g.outOfForce)
    why = nb ? "sammen med de andre; ett eksempel der " + id + " ikke gjelder"
             : "with the others; one example in which " + id + " does not apply";
  else
    why = nb ? "sammen med de andre; ett eksempel der " + id + " er oppfylt"
             : "with the others; one example in which " + id + " holds";
  // A date declared as a month, half-year or year is declared: what is
  // missing is its day.
  const char* verb = imprecise ? (nb ? "oppgi dagen: deklarer" : "state the day: declare") : (nb ? "deklarer" : "declare");
  return fmt::format("{} {} = {}{} ({})", verb, attributeName(m, g.instance, g.attr), gapExampleText(m, g, lang), side,
                     why);
}

std::string waiverLabel(const Waiver& w, Lang lang) {
  bool nb = lang == Lang::nb;
  return w.exemption ? (nb ? "unntak med hjemmel" : "exemption with legal basis")
                     : (nb ? "avvik begrunnet" : "deviation justified");
}

std::string underlyingText(const Finding& f, Lang lang) {
  bool nb = lang == Lang::nb;
  return f.underlying == Verdict::violated ? (nb ? "brudd" : "violated") : (nb ? "mangel" : "gap");
}

std::string unknownReasonText(const std::string& reason, Lang lang) { return unknownReasonWords(reason, lang == Lang::nb); }

std::string summaryText(const CaseResult& r, Lang lang) { return summaryLine(count(r), lang); }

std::vector<SummaryPart> summaryParts(const CaseResult& r, Lang lang) { return summaryParts(count(r), lang); }

std::string repairChangeText(const Model& m, const RepairResult& r, const RepairChange& c, Lang lang) {
  bool nb = lang == Lang::nb;
  std::string fixes = c.fixes.empty() ? "" : fmt::format(" ({} {})", nb ? "retter" : "fixes", ruleIds(m, c.fixes));
  std::string to = changeValueText(m, r, c, lang);
  // Declaring the day of a date given as a month, half-year or year narrows
  // it: say what it was given as, so that the date never moves silently.
  if (c.kind == RepairChange::Kind::add || c.kind == RepairChange::Kind::confirm) {
    const int fi = c.instance >= 0 && c.attr >= 0 && c.instance < static_cast<int>(m.instances.size())
                       ? m.instances[c.instance].factOfAttr[c.attr]
                       : -1;
    if (fi >= 0 && m.facts[fi].value.imprecise()) {
      const std::string day = to + boundText(c.bound, nb, true);
      const std::string period = periodWords(m.facts[fi].value, nb);
      const std::string settles = c.fixes.empty() ? "" : fmt::format(" ({} {})", nb ? "avgjør" : "settles", ruleIds(m, c.fixes));
      const bool confirm = c.kind == RepairChange::Kind::confirm;
      return fmt::format("{} {} = {} ({} {}){}",
                         confirm ? (nb ? "bekreft at" : "confirm that") : (nb ? "angi dagen:" : "state the day:"),
                         attributeName(m, c.instance, c.attr), day, nb ? "oppgitt som" : "given as", period,
                         confirm ? settles : fixes);
    }
  }
  switch (c.kind) {
    case RepairChange::Kind::change:
      return fmt::format("{} {} {} {} {} {}{}{}", nb ? "endre" : "change", attributeName(m, c.instance, c.attr),
                         nb ? "fra" : "from", changeFromText(m, c, lang), nb ? "til" : "to", to,
                         boundText(c.bound, nb, isDateAttr(m, c.type, c.attr)), fixes);
    case RepairChange::Kind::add:
      return fmt::format("{} {} = {}{}{}", nb ? "deklarer" : "declare", attributeName(m, c.instance, c.attr), to,
                         boundText(c.bound, nb, isDateAttr(m, c.type, c.attr)), fixes);
    case RepairChange::Kind::assume:
      return fmt::format("{} {} = {}{} ({}){}", nb ? "forutsetter" : "assumes", attributeName(m, c.instance, c.attr), to,
                         boundText(c.bound, nb, isDateAttr(m, c.type, c.attr)),
                         nb ? "referansedata som ikke er deklarert; sjekk kilden" : "undeclared reference data; check the source",
                         fixes);
    case RepairChange::Kind::confirm: {
      std::string settles =
          c.fixes.empty() ? "" : fmt::format(" ({} {})", nb ? "avgjør" : "settles", ruleIds(m, c.fixes));
      // A text the solver picked says nothing: the user states the real one.
      if (m.types[c.type].attrs[c.attr].ty.kind == Kind::Text && !m.types[c.type].attrs[c.attr].ty.set)
        return fmt::format("{} {} ({}){}", nb ? "oppgi" : "state", attributeName(m, c.instance, c.attr),
                           nb ? "en ikke-tom tekst" : "a non-empty text", settles);
      return fmt::format("{} {} = {}{}{}", nb ? "bekreft at" : "confirm that", attributeName(m, c.instance, c.attr), to,
                         boundText(c.bound, nb, isDateAttr(m, c.type, c.attr)), settles);
    }
    case RepairChange::Kind::deviate:
      return fmt::format(fmt::runtime(nb ? "begrunn et avvik fra {}{}: skriv {} i saken, med din egen begrunnelse"
                                         : "justify a deviation from {}{}: write {} in the case, with your own reason"),
                         m.rules[c.rule].id,
                         c.instance >= 0 ? " for " + m.instances[c.instance].name : std::string(), to);
    case RepairChange::Kind::add_instance:
      // Shown inside the change of its set when that set changes too.
      if (std::any_of(r.changes.begin(), r.changes.end(), [&](const RepairChange& o) {
            return o.kind != RepairChange::Kind::add_instance && o.instance == c.intoInstance && o.attr == c.intoAttr;
          }))
        return "";
      return fmt::format("{} {} {} {}{}", nb ? "legg til" : "add", to, nb ? "i" : "to",
                         attributeName(m, c.intoInstance, c.intoAttr), fixes);
  }
  return "";
}

std::string repairConfirmHeading(Lang lang) {
  return lang == Lang::nb
             ? "Reparasjonen forutsetter dette om virkeligheten; bekreft det (og deklarer det i saken), "
               "eller deklarer det som stemmer og sjekk på nytt:"
             : "The repair relies on these facts about the world; confirm them (and declare them in the case), "
               "or declare what is true and check again:";
}

std::string repairUnverifiedText(const Model& m, const RepairResult& r, Lang lang) {
  bool nb = lang == Lang::nb;
  return fmt::format("{}: {} {}", nb ? "ikke bekreftet" : "not verified", ruleIds(m, r.unresolved),
                     nb ? "er fortsatt brutt, åpen eller uavgjort i den reparerte saken"
                        : "still violated, open or undecided in the repaired case");
}

std::string repairOutcomeText(const Model& m, const RepairResult& r, Lang lang) {
  bool nb = lang == Lang::nb;
  switch (r.status) {
    case RepairResult::Status::not_needed:
      return nb ? "Ingen må/skal-regel er brutt eller åpen: ingenting å reparere."
                : "No må/skal rule is violated or open: nothing to repair.";
    case RepairResult::Status::unknown:
      return fmt::format("{}: {}", nb ? "løseren ga opp" : "the solver gave up", unknownReasonWords(r.reason, nb));
    case RepairResult::Status::undecided:
      return fmt::format("{}: {}", nb ? "kan ikke avgjøres" : "cannot be decided",
                         nb ? "løseren avgjorde ikke må/skal-reglene " + ruleIds(m, r.unresolved) +
                                  "; ingen reparasjon kan påstås før de er avgjort (øk --rlimit eller --timeout-ms)"
                            : "the solver did not decide the må/skal rules " + ruleIds(m, r.unresolved) +
                                  "; no repair can be claimed until they are (raise --rlimit or --timeout-ms)");
    case RepairResult::Status::impossible:
      return nb ? "Ingen endring av valgene i saken kan oppfylle alle må/skal-regler: disse reglene kan ikke "
                  "oppfylles med de faktaene saken oppgir, eller er i konflikt med hverandre:"
                : "No change of the case's choices can satisfy every må/skal rule: these rules cannot hold with the "
                  "facts the case declares, or conflict with each other:";
    case RepairResult::Status::found:
    case RepairResult::Status::unverified: break;
  }
  return "";
}

int exitCodeFor(const Model& m, const CaseResult& r, bool strict) {
  for (const auto& f : r.findings) {
    if (!binding(m.rules[f.rule].strength)) continue;
    if (f.verdict == Verdict::violated) return 1;
    // --strict: only what is decided to hold passes; an open or undecided
    // må/skal rule fails too.
    if (strict && (f.verdict == Verdict::gap || f.verdict == Verdict::unknown)) return 1;
  }
  return 0;
}

std::string renderInputErrorsJson(const SourceManager& sm, const Diagnostics& diags, Lang lang, bool compact) {
  auto located = [&](ordered_json& j, const Span& s) {
    if (!s.valid || s.file >= sm.size()) return;
    const LineCol lc = sm.lineCol(s.file, s.begin);
    j["file"] = sm.name(s.file);
    j["line"] = lc.line;
    j["column"] = lc.column;
  };
  ordered_json errors = ordered_json::array();
  for (const auto& d : diags.items()) {
    ordered_json e{{"severity", severityName(d.severity)}, {"code", std::string(codeName(d.code))},
                   {"message", escapeControls(d.message.in(lang))}};
    located(e, d.span);
    if (d.showSource && d.span.valid && d.span.file < sm.size())
      e["source_line"] = escapeControls(std::string(sm.lineText(d.span.file, d.span.begin)));
    if (d.help) e["help"] = escapeControls(d.help->in(lang));
    ordered_json notes = ordered_json::array();
    for (const auto& n : d.notes) {
      ordered_json note{{"message", escapeControls(n.message.in(lang))}};
      if (n.span) located(note, *n.span);
      notes.push_back(note);
    }
    if (!notes.empty()) e["notes"] = notes;
    errors.push_back(e);
  }
  ordered_json out{{"schema", "samsvar-input-errors/1"}, {"exit_code", 2}, {"errors", errors}};
  if (diags.dropped() > 0) out["omitted"] = diags.dropped();
  // A file that is not UTF-8 is echoed with replacement characters.
  const auto replace = nlohmann::json::error_handler_t::replace;
  return (compact ? out.dump(-1, ' ', false, replace) : out.dump(2, ' ', false, replace)) + "\n";
}

std::string strictFailureText(const Model& m, const CaseResult& r, bool strict, Lang lang) {
  if (!strict || exitCodeFor(m, r, false) != 0 || exitCodeFor(m, r, true) == 0) return "";
  std::size_t open = 0, unknown = 0;
  for (const auto& f : r.findings) {
    if (!binding(m.rules[f.rule].strength)) continue;
    open += f.verdict == Verdict::gap ? 1 : 0;
    unknown += f.verdict == Verdict::unknown ? 1 : 0;
  }
  const bool nb = lang == Lang::nb;
  std::string what;
  if (open > 0) what = open == 1 ? (nb ? "1 mangel" : "1 gap") : fmt::format(fmt::runtime(nb ? "{} mangler" : "{} gaps"), open);
  if (unknown > 0) {
    if (!what.empty()) what += nb ? " og " : " and ";
    what += fmt::format(fmt::runtime(nb ? "{} uavgjorte" : "{} undecided"), unknown);
  }
  return nb ? fmt::format("--strict: ingen må/skal-regel er brutt, men sjekken feiler på grunn av {} i må/skal-regler "
                          "(avslutningskode 1). Deklarer det som avgjør reglene, eller sjekk uten --strict.",
                          what)
            : fmt::format("--strict: no må/skal rule is violated, but the check fails because of {} in må/skal rules (exit "
                          "code 1). Declare what decides those rules, or check without --strict.",
                          what);
}

std::string renderText(const ReportInput& in) {
  const Model& m = in.model;
  const SourceManager& sm = in.sm;
  bool nb = in.lang == Lang::nb;
  std::string out;
  out += fmt::format("{} «{}» ({})\n", nb ? "Sak" : "Case", m.caseTitle, sm.name(m.caseFile));
  out += caseDateText(m, in.lang) + "\n";

  const auto& sections = reportSections();
  for (std::size_t si = 0; si < sections.size(); ++si) {
    const ReportSection& sec = sections[si];
    std::string body;
    for (const auto& f : in.result.findings) {
      if (reportSectionOf(m, f) != static_cast<int>(si)) continue;
      const RuleInfo& rule = m.rules[f.rule];
      body += fmt::format("\n  {}[{}] {}: {}\n", sec.label, rule.id, strengthName(rule.strength),
                          rule.title.in(in.lang));
      std::string bound = bindingText(m, f);
      if (!bound.empty()) body += fmt::format("    {} {}\n", nb ? "for" : "for", bound);
      body += fmt::format("    --> {}\n", loc(sm, f.location));
      body += fmt::format("    {}\n", ruleMessage(m, f, in.lang));
      for (const auto& c : rule.sources) body += fmt::format("    {}: {}\n", nb ? "kilde" : "source", citationText(m, c, in.lang));
      if (!f.because.empty()) {
        body += fmt::format("    {}:\n", nb ? "fordi" : "because");
        for (const auto& e : f.because) body += fmt::format("      {}  {}\n", loc(sm, e.span), factText(m, e.fact, in.lang, f));
      }
      if (!f.gaps.empty()) {
        body += fmt::format("    {}:\n", nb ? "avgjøres ved å deklarere" : "settled by declaring");
        for (const auto& g : f.gaps) body += "      " + gapText(m, f, g, in.lang) + "\n";
      }
      if (f.waiver >= 0) {
        const Waiver& w = m.waivers[f.waiver];
        body += fmt::format("    {} ({}): «{}»\n", waiverLabel(w, in.lang), loc(sm, w.span), w.text);
        body += fmt::format("    {}: {}\n", nb ? "uten dette" : "without it", underlyingText(f, in.lang));
      }
      if (f.verdict == Verdict::unknown)
        body += fmt::format("    {}: {}\n", nb ? "årsak" : "reason", unknownReasonText(f.unknownReason, in.lang));
    }
    if (!body.empty()) out += fmt::format("\n{}\n{}", sec.heading.in(in.lang), body);
  }
  if (in.repair) out += renderRepairText(in);
  out += "\n" + summaryText(in.result, in.lang) + "\n";
  if (const std::string why = strictFailureText(m, in.result, in.strict, in.lang); !why.empty()) out += why + "\n";
  return out;
}

std::string renderJson(const ReportInput& in, bool compact) {
  const Model& m = in.model;
  const SourceManager& sm = in.sm;
  ordered_json j;
  j["schema"] = "https://samsvar.no/schema/report/v2";
  j["version"] = 2;
  j["case"] = {{"file", sm.name(m.caseFile)},
               {"title", m.caseTitle},
               {"date", calendar::isoDate(m.caseDate)},
               {"date_declared", m.caseDateDeclared}};
  j["lang"] = in.lang == Lang::nb ? "nb" : "en";
  Counts c = count(in.result);
  ordered_json summary = ordered_json::object();
  for (Verdict v : {Verdict::violated, Verdict::gap, Verdict::deviated, Verdict::exempted, Verdict::unknown,
                    Verdict::satisfied, Verdict::information, Verdict::not_applicable})
    summary[verdictName(v)] = c.n.count(v) ? c.n.at(v) : 0;
  j["summary"] = summary;
  j["summary_text"] = summaryLine(c, in.lang);
  j["exit_code"] = exitCodeFor(m, in.result, in.strict);
  j["all_findings"] = in.all;
  ordered_json findings = ordered_json::array();
  std::map<std::string, int> referenced;  // rule id -> rule, sorted by id
  for (const auto& f : in.result.findings) {
    if (!listedInJson(f, in.all)) continue;
    const RuleInfo& rule = m.rules[f.rule];
    referenced.emplace(rule.id, f.rule);
    ordered_json o;
    o["rule"] = rule.id;
    o["verdict"] = verdictName(f.verdict);
    if (f.verdict != f.underlying) o["underlying"] = verdictName(f.underlying);
    ordered_json b = ordered_json::object(), labels = ordered_json::object();
    for (std::size_t k = 0; k < rule.bindings.size(); ++k) {
      b[rule.bindings[k].var] = elementName(m, rule.bindings[k].ty, f.binding[k]);
      if (const Bilingual* l = bindingLabel(m, rule.bindings[k].ty, f.binding[k]))
        labels[rule.bindings[k].var] = {{"nb", l->nb}, {"en", l->en}};
    }
    o["binding"] = b;
    // How the message words an enum value with a label: `{k}` is the label,
    // `{k:id}` the value in "binding".
    if (!labels.empty()) o["binding_labels"] = labels;
    o["location"] = locJson(sm, f.location);
    ordered_json facts = ordered_json::array();
    for (const auto& e : f.because) {
      ordered_json fj = locJson(sm, e.span);
      fj["fact"] = factText(m, e.fact, Lang::en, f);
      facts.push_back(fj);
    }
    o["explanation"] = facts;
    ordered_json gaps = ordered_json::array();
    for (const auto& g : f.gaps) {
      ordered_json gj{{"attribute", attributeName(m, g.instance, g.attr)}, {"suggestion", gapExampleText(m, g, Lang::en)}};
      if (g.bound != BoundSide::none) gj["bound"] = boundSideName(g.bound);
      if (const Fact* fact = impreciseFact(m, g)) {
        // The declared period the day lies in; the suggestion is a day of it.
        gj["declared"] = model::literalText(m, m.types[m.instances[g.instance].type].attrs[g.attr].ty, fact->value);
        gj["period"] = {{"first", calendar::isoDate(fact->value.scalar)}, {"last", calendar::isoDate(fact->value.last)}};
      }
      gj["alone"] = g.alone;
      gj["out_of_force"] = g.outOfForce;
      gj["text"] = gapText(m, f, g, in.lang);
      gaps.push_back(gj);
    }
    o["gaps"] = gaps;
    // A gap is worded as what is not known, not by the rule's message
    // template (which describes a violation).
    if (f.verdict == Verdict::gap || f.underlying == Verdict::gap)
      o["message"] = {{"nb", ruleMessage(m, f, Lang::nb)}, {"en", ruleMessage(m, f, Lang::en)}};
    if (f.waiver >= 0) {
      const Waiver& w = m.waivers[f.waiver];
      ordered_json wj{{"kind", w.exemption ? "exemption" : "deviation"}, {"text", w.text}};
      wj["location"] = locJson(sm, w.span);
      o["waiver"] = wj;
    }
    if (f.verdict == Verdict::unknown) o["unknown_reason"] = f.unknownReason;
    findings.push_back(o);
  }
  // The repair names the rules it fixes or finds in conflict; a reader looks
  // them up in the same table.
  ordered_json repair = in.repair ? repairJson(in) : ordered_json();
  auto name = [&](const ordered_json& id) {
    if (auto it = m.ruleById.find(id.get<std::string>()); it != m.ruleById.end()) referenced.emplace(it->first, it->second);
  };
  if (in.repair) {
    for (const auto& change : repair["changes"])
      for (const auto& id : change["fixes"]) name(id);
    for (const auto& item : repair["confirm"])
      for (const auto& id : item["settles"]) name(id);
    for (const auto& id : repair["conflicting_rules"]) name(id);
  }
  ordered_json rules = ordered_json::object();
  for (const auto& [id, rule] : referenced) rules[id] = ruleJson(sm, m, m.rules[rule]);
  j["rules"] = rules;
  j["findings"] = findings;
  if (in.repair) j["repair"] = std::move(repair);
  return (compact ? j.dump() : j.dump(2)) + "\n";
}

}  // namespace samsvar
