#include "engine/report/starter.hpp"

#include <fmt/format.h>

#include "engine/report/vocabulary.hpp"

namespace samsvar {

using model::Model;
using model::Ty;

namespace {

/// A value the template declares (uncommented), when the attribute exists.
struct Preset {
  const char* attr;
  const char* value;
};

/// One instance of a template: its name, its type and what it declares.
struct StarterInstance {
  const char* name;
  const char* type;
  Bilingual comment;
  std::vector<Preset> presets;
};

struct StarterSpec {
  const char* role;
  Bilingual intro;
  Bilingual title;
  std::vector<const char*> uses;  // modules the case uses (those loaded)
  std::vector<StarterInstance> instances;
};

constexpr const char* kVendorName = "\"Leverandøren\"";

/// An actor of a template: its name (a string literal), group and kind declared.
StarterInstance actor(const char* name, Bilingual comment, const char* displayName, const char* group,
                      const char* kind) {
  return {name, "Actor", std::move(comment), {{"name", displayName}, {"group", group}, {"kind", kind}}};
}

// What each user starts from: the instances a first case of that user needs.
// Types and attributes that no longer exist in the rules are left out; the
// attributes shown are always those the rules declare (a test checks that
// every template parses and checks).
const std::vector<StarterSpec>& specs() {
  static const std::vector<StarterSpec> all = {
      {"procurer",
       {"En anskaffelse (et anbud) av en e-helseløsning: hvem som kjøper, hvilke standarder som kreves, og hvem\n"
        "// som har ansvaret for å vurdere, velge og tilpasse dem.",
        "A procurement (a tender) of an e-health solution: who buys, which standards are required, and who\n"
        "// is responsible for assessing, choosing and adapting them."},
       {"Navn på anskaffelsen", "Name of the procurement"},
       {"anskaffelse", "referanse"},
       {actor("kjoeper", {"Virksomheten som kjøper.", "The organisation that buys."}, "\"Virksomheten som kjøper\"",
              "virksomhet", "kommune"),
        actor("leverandoeren", {"Leverandøren av løsningen.", "The vendor of the solution."}, kVendorName, "leverandoer",
              "programvareleverandoer"),
        {"anskaffelsen",
         "Procurement",
         {"Anskaffelsen selv. `choices` lister standardene som kreves.",
          "The procurement itself. `choices` lists the standards it requires."},
         {{"title", "\"Navn på anskaffelsen\""}, {"actor_kind", "kommune"}, {"choices", "{ valg_1 }"}}},
        {"valg_1",
         "Choice",
         {"Én standard som kreves (lag ett valg per standard; finn standardene med `samsvar vocab std_`).",
          "One standard required (make one choice per standard; find the standards with `samsvar vocab std_`)."},
         {}},
        {"ansvar_valg",
         "Assignment",
         {"Hvem som har hovedansvaret for å velge standardene.", "Who is mainly responsible for choosing the standards."},
         {{"process", "valg"}, {"main_responsible", "kjoeper"}}}},
      },
      {"directorate",
       {"Et normerende produkt Direktoratet for e-helse foreslår (veileder, retningslinje, anbefalt eller\n"
        "// obligatorisk standard), med innspillsrunde eller høring og utredning.",
        "A normative product the e-health directorate proposes (veileder, retningslinje, anbefalt or\n"
        "// obligatorisk standard), with its consultation and analysis."},
       {"Navn på det normerende produktet", "Name of the normative product"},
       {"hoering", "utredning", "referanse"},
       {actor("direktoratet", {"Direktoratet, som utgir produktet.", "The directorate, which issues the product."},
              "\"Direktoratet for e-helse\"", "myndighet", "direktoratet_for_ehelse"),
        {"produktet",
         "Product",
         {"Produktet som foreslås. `level` er nivået dere ønsker.", "The proposed product. `level` is the level you want."},
         {{"title", "\"Navn på det normerende produktet\""}, {"issuer", "direktoratet"}, {"consultations", "{ hoeringen }"}}},
        {"hoeringen",
         "Consultation",
         {"Innspillsrunden eller høringen (produktet lister den i `consultations`).",
          "The round of input or the hearing (the product lists it in `consultations`)."},
         {}},
        {"utredningen",
         "Utredning",
         {"Utredningen (analysen) av forslaget.", "The analysis (utredning) of the proposal."},
         {{"product", "produktet"}}}},
      },
      {"vendor",
       {"En leverandørs egenvurdering mot ansvaret samarbeidsmodellen gir leverandører. Et tilbud på et anbud\n"
        "// skrives med `against \"anbud.case\"` etter `uses` og sjekkes mot anbudets krav (se docs/language.md).",
        "A vendor's self-assessment against the responsibilities the collaboration model gives vendors. An\n"
        "// offer on a tender is written with `against \"tender.case\"` after `uses` and is checked against the\n"
        "// tender's requirements (see docs/language.md)."},
       {"Leverandørens egenvurdering", "The vendor's self-assessment"},
       {"samarbeid", "referanse"},
       {actor("leverandoeren", {"Dere, leverandøren.", "You, the vendor."}, kVendorName, "leverandoer",
              "programvareleverandoer"),
        {"rollen",
         "ActorRole",
         {"Det dere gjør i rollen som leverandør.", "What you do in the role of a vendor."},
         {{"actor", "leverandoeren"}}}},
      },
  };
  return all;
}

const StarterSpec* specOf(std::string_view role) {
  for (const auto& s : specs())
    if (role == s.role) return &s;
  return nullptr;
}

/// "veileder, retningslinje, …" for a comment: every value of a short enum,
/// the first ones and where to find the rest of a long one.
std::string valuesHint(const Model& m, int e, Lang lang) {
  const auto values = labelledValues(m.enums[e], lang);
  constexpr std::size_t kShown = 6;
  std::string out;
  for (std::size_t k = 0; k < values.size() && k < kShown; ++k) out += (k ? ", " : "") + values[k];
  if (values.size() > kShown)
    out += fmt::format(fmt::runtime(lang == Lang::nb ? ", … ({} i alt: samsvar vocab {})" : ", … ({} in all: samsvar vocab {})"),
                       values.size(), m.enums[e].name);
  return out;
}

}  // namespace

const std::vector<std::string>& starterRoles() {
  static const std::vector<std::string> roles = [] {
    std::vector<std::string> r;
    for (const auto& s : specs()) r.emplace_back(s.role);
    return r;
  }();
  return roles;
}

std::string starterTitle(std::string_view role, Lang lang) {
  const StarterSpec* spec = specOf(role);
  return spec ? spec->title.in(lang) : std::string();
}

std::optional<std::string> starterCase(const Model& m, std::string_view role, Lang lang, std::string_view today) {
  const StarterSpec* spec = specOf(role);
  if (!spec) return std::nullopt;
  const bool nb = lang == Lang::nb;
  // Only what the rules declare: modules that are loaded, instances of types that exist.
  std::vector<std::string> uses;
  for (const char* u : spec->uses)
    if (m.moduleByName.find(u) != m.moduleByName.end()) uses.emplace_back(u);
  std::vector<const StarterInstance*> instances;
  for (const auto& si : spec->instances)
    if (m.typeByName.find(si.type) != m.typeByName.end()) instances.push_back(&si);

  std::string out = fmt::format("// {}\n//\n", spec->intro.in(lang));
  out += nb ? "// Laget av `samsvar init` fra reglene. Det som ikke er deklarert, er ukjent: samsvar sier hva som\n"
              "// avgjør hver regel. Fjern `// ` foran en linje for å deklarere verdien, og skriv inn den riktige.\n"
              "// Alle ord du kan bruke: `samsvar vocab` (søk: `samsvar vocab ORD`). Sjekk saken med\n"
              "//   samsvar check FIL --repair\n\n"
            : "// Written by `samsvar init` from the rules. What is not declared is unknown: samsvar says what\n"
              "// decides each rule. Remove `// ` in front of a line to declare the value, and write the right one.\n"
              "// Every word you may use: `samsvar vocab` (search: `samsvar vocab WORD`). Check the case with\n"
              "//   samsvar check FILE --repair\n\n";
  out += fmt::format("case \"{}\"", spec->title.in(lang));
  for (std::size_t k = 0; k < uses.size(); ++k) out += (k ? ", " : " uses ") + uses[k];
  out += "\n";

  // A sample for a reference: an instance of this template first, then reference data.
  auto sample = [&](const Ty& ty) -> std::string {
    if (ty.kind == model::Kind::Ref) {
      for (const auto* si : instances)
        if (m.typeByName.find(si->type)->second == ty.decl) return ty.set ? fmt::format("{{ {} }}", si->name) : si->name;
    }
    return sampleValue(m, ty, today);
  };
  for (const auto* si : instances) {
    const int t = m.typeByName.find(si->type)->second;
    const model::TypeInfo& ti = m.types[t];
    out += fmt::format("\n// {}{}\n{}: {} {{\n", si->comment.in(lang), ti.doc.in(lang).empty() ? "" : " " + ti.doc.in(lang), si->name,
                       ti.name);
    for (const auto& a : ti.attrs) {
      std::string value;
      bool preset = false;
      for (const auto& p : si->presets)
        if (a.name == p.attr) value = p.value, preset = true;
      if (!preset) value = sample(a.ty);
      // What the attribute is, then the line that declares it.
      std::string note = model::typeName(m, a.ty);
      if (!a.doc.in(lang).empty()) note += " — " + a.doc.in(lang);
      out += fmt::format("  // {}: {}\n", a.name, note);
      if (a.ty.kind == model::Kind::Enum)
        out += fmt::format(fmt::runtime(nb ? "  //   verdier: {}\n" : "  //   values: {}\n"), valuesHint(m, a.ty.decl, lang));
      if (preset) out += fmt::format("  {} = {}\n", a.name, value);
      else if (value.empty())
        out += fmt::format(fmt::runtime(nb ? "  //   (deklarer en {} først, og skriv navnet her)\n"
                                           : "  //   (declare a {} first, and write its name here)\n"),
                           model::typeName(m, a.ty.element()));
      else out += fmt::format("  // {} = {}\n", a.name, value);
    }
    out += "}\n";
  }
  return out;
}

}  // namespace samsvar
