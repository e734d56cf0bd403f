// Issue 15: what a case may name is what it is checked against (reference
// data of modules it does not use is neither), rules that cannot be violated
// are information and never "satisfied", and the context decides a bare name
// that is both an instance and an enum value.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>

#include "harness.hpp"

using namespace samsvar;
using namespace samsvar::testing;

namespace {

const char* kBase = R"(module base
enum Status { gjeldende, utfases }
type Std { status: Status }
type Order { standards: set<Std> }
rule R-CURRENT skal title nb "Bestilte standarder gjelder" en "Ordered standards are current"
  for o: Order, s in o.standards
  require s.status == gjeldende
rule R-EVERY skal title nb "Hver standard har status" en "Every standard has a status"
  for s: Std
  require s.status == gjeldende or s.status == utfases
)";

const char* kRef = R"(module ref
import base
old: Std { status = utfases }
cur: Std { status = gjeldende }
)";

std::size_t findingsBinding(const Run& run, const std::string& inst) {
  std::size_t n = 0;
  for (const auto& f : run.result.findings)
    for (auto e : f.binding)
      if (e >= 0 && e < static_cast<std::int64_t>(run.model->instances.size()) && run.model->instances[e].name == inst)
        ++n;
  return n;
}

TEST(ReferenceVisibility, ACaseIsNotCheckedAgainstReferenceDataOfModulesItDoesNotUse) {
  auto run = runTexts({{"base.rules", kBase}, {"ref.rules", kRef}}, "case \"c\" uses base\nmine: Std {}\no: Order {}\n");
  ASSERT_TRUE(run.checked) << run.errors();
  EXPECT_EQ(findingsBinding(run, "old"), 0u);
  EXPECT_EQ(findingsBinding(run, "cur"), 0u);
  EXPECT_GE(findingsBinding(run, "mine"), 1u);  // the case's own standard is checked
}

TEST(ReferenceVisibility, ACaseThatUsesTheModuleIsCheckedAgainstItsData) {
  auto run = runTexts({{"base.rules", kBase}, {"ref.rules", kRef}},
                      "case \"c\" uses base, ref\no: Order { standards = { old } }\n");
  ASSERT_TRUE(run.checked) << run.errors();
  EXPECT_EQ(run.verdict("R-CURRENT"), Verdict::violated);
  EXPECT_EQ(run.verdictsFor("R-EVERY", "old"), std::vector<Verdict>{Verdict::satisfied});
}

TEST(ReferenceVisibility, NamingReferenceDataOfAModuleNotUsedIsAnError) {
  auto run = runTexts({{"base.rules", kBase}, {"ref.rules", kRef}}, "case \"c\" uses base\no: Order { standards = { old } }\n");
  EXPECT_FALSE(run.checked);
  EXPECT_NE(run.errors().find("not imported"), std::string::npos) << run.errors();
}

TEST(ReferenceVisibility, AProcurementUsingOnlyAnskaffelseGetsNoReferenceGaps) {
  auto run = runBundled("tests/engine/check/fixtures/bare_procurement.case");
  ASSERT_TRUE(run.checked) << run.errors();
  std::size_t role12 = 0, sel24 = 0;
  for (const auto& f : run.result.findings) {
    const auto& id = run.model->rules[f.rule].id;
    role12 += id == "ROLE-12";
    sel24 += id == "SEL-24";
  }
  // Before: one binding per Normering entry of referanse.rules (113 gaps).
  EXPECT_EQ(role12, 0u);
  EXPECT_EQ(sel24, 0u);
}

const char* kPermission = R"(module perm
type Product { level: int  skipped: bool }
rule P-MAY kan title nb "Nivåer kan hoppes over" en "Levels may be skipped"
  for p: Product
  when p.skipped
  require true
rule P-MUST skal title nb "Nivå minst 1" en "Level at least 1"
  for p: Product
  require p.level >= 1
)";

TEST(InformationVerdict, ARuleThatCannotBeViolatedIsInformationNotSatisfied) {
  auto run = runTexts({{"perm.rules", kPermission}}, "case \"c\" uses perm\np: Product { level = 2  skipped = true }\n");
  ASSERT_TRUE(run.checked) << run.errors();
  EXPECT_EQ(run.verdict("P-MAY"), Verdict::information);
  EXPECT_EQ(run.verdict("P-MUST"), Verdict::satisfied);
  std::string nb = run.text(Lang::nb);
  EXPECT_NE(nb.find("0 brudd, 0 mangler, 0 avvik, 1 oppfylt, 1 til informasjon"), std::string::npos) << nb;
  std::string en = run.text(Lang::en);
  EXPECT_NE(en.find("0 violations, 0 gaps, 0 deviations, 1 satisfied, 1 for information"), std::string::npos) << en;
  auto j = nlohmann::json::parse(run.json());
  EXPECT_EQ(j["summary"]["satisfied"], 1);
  EXPECT_EQ(j["summary"]["information"], 1);
}

TEST(InformationVerdict, APermissionWhoseSituationIsAbsentIsNotApplicable) {
  auto run = runTexts({{"perm.rules", kPermission}}, "case \"c\" uses perm\np: Product { level = 0  skipped = false }\n");
  ASSERT_TRUE(run.checked) << run.errors();
  EXPECT_EQ(run.verdict("P-MAY"), Verdict::not_applicable);
  EXPECT_EQ(run.verdict("P-MUST"), Verdict::violated);
}

const char* kShadow = R"(module s
enum ActorKind { helsedirektoratet, kommune }
enum NeedPattern { pasientoppsummering, henvisning }
type Actor { kind: ActorKind }
type Need { pattern: NeedPattern  owner: Actor }
rule S-OWNER skal title nb "Eieren er Helsedirektoratet" en "The owner is Helsedirektoratet"
  for n: Need
  require n.owner.kind == helsedirektoratet and n.pattern in { pasientoppsummering }
)";

TEST(EnumContext, AnInstanceNamedLikeAnEnumValueDoesNotShadowIt) {
  auto run = runTexts({{"s.rules", kShadow}}, R"(case "c" uses s
helsedirektoratet: Actor { kind = helsedirektoratet }
pasientoppsummering: Need { pattern = pasientoppsummering  owner = helsedirektoratet }
)");
  ASSERT_TRUE(run.checked) << run.errors();
  EXPECT_EQ(run.verdict("S-OWNER"), Verdict::satisfied);
}

TEST(EnumContext, WhereAnInstanceIsExpectedTheInstanceIsMeant) {
  auto run = runTexts({{"s.rules", kShadow}}, R"(case "c" uses s
kommune: Actor { kind = helsedirektoratet }
n: Need { pattern = henvisning  owner = kommune }
)");
  ASSERT_TRUE(run.checked) << run.errors();
  EXPECT_EQ(run.verdict("S-OWNER"), Verdict::violated);  // owner is the instance `kommune`, of kind helsedirektoratet
}

}  // namespace

namespace {

const char* kAuthority = R"(module a
enum ActorKind { direktoratet_for_ehelse, helsedirektoratet, kommune }
type Actor { kind: ActorKind }
type Task { owner: Actor }
rule T-DIR skal title nb "Direktoratet eier" en "The directorate owns it"
  for t: Task
  require t.owner.kind == direktoratet_for_ehelse
rule T-NOT skal title nb "Ikke direktoratet" en "Not the directorate"
  for t: Task
  require t.owner.kind not in { direktoratet_for_ehelse }
rule T-DATE skal title nb "Etter 2020" en "After 2020"
  require today >= 2021-01-01
succession ActorKind.direktoratet_for_ehelse by helsedirektoratet from 2024-01-01 "sammenslått"
)";

Run authority(const std::string& header) {
  return runTexts({{"a.rules", kAuthority}}, "case \"c\" uses a" + header +
                                                 "\nhdir: Actor { kind = helsedirektoratet }\nt: Task { owner = hdir }\n");
}

TEST(CaseDate, TheSuccessorMeetsWhatRulesAskOfTheValueFromItsDay) {
  auto after = authority(" date 2024-01-01");
  ASSERT_TRUE(after.checked) << after.errors();
  EXPECT_EQ(after.verdict("T-DIR"), Verdict::satisfied);
  EXPECT_EQ(after.verdict("T-NOT"), Verdict::violated);
  auto before = authority(" date 2023-12-31");
  ASSERT_TRUE(before.checked) << before.errors();
  EXPECT_EQ(before.verdict("T-DIR"), Verdict::violated);
  EXPECT_EQ(before.verdict("T-NOT"), Verdict::satisfied);
}

TEST(CaseDate, ACaseWithoutADateIsJudgedOnTheDayItIsChecked) {
  auto run = authority("");
  ASSERT_TRUE(run.checked) << run.errors();
  EXPECT_EQ(run.model->caseDate, testToday());  // tests pin "today" as `check --date` does
  EXPECT_FALSE(run.model->caseDateDeclared);
  EXPECT_EQ(run.verdict("T-DIR"), Verdict::satisfied);  // 2026: after the merger
  EXPECT_NE(run.text(Lang::nb).find("Dato: 2026-12-01 (ikke oppgitt i saken; saken er vurdert per denne dagen)"),
            std::string::npos)
      << run.text(Lang::nb);
}

TEST(CaseDate, RulesReadTheDateAsToday) {
  auto old = authority(" date 2020-06-30");
  ASSERT_TRUE(old.checked) << old.errors();
  EXPECT_EQ(old.verdict("T-DATE"), Verdict::violated);
  EXPECT_NE(old.text(Lang::en).find("Date: 2020-06-30 (declared in the case)"), std::string::npos) << old.text(Lang::en);
  auto j = nlohmann::json::parse(old.json());
  EXPECT_EQ(j["case"]["date"], "2020-06-30");
  EXPECT_EQ(j["case"]["date_declared"], true);
  auto recent = authority(" date 2021-01-01");
  EXPECT_EQ(recent.verdict("T-DATE"), Verdict::satisfied);
}

TEST(CaseDate, AnImpossibleDateIsAnErrorAtTheDate) {
  auto run = authority(" date 2024-02-30");
  EXPECT_FALSE(run.checked);
  EXPECT_NE(run.errors().find("test.case:1:22: error:"), std::string::npos) << run.errors();
  EXPECT_NE(run.errors().find("2024-02-30"), std::string::npos) << run.errors();
}

TEST(CaseDate, ASuccessionNamesAValueOfTheEnum) {
  std::string errors = lintTexts({{"a.rules", R"(module a
enum ActorKind { direktoratet_for_ehelse, helsedirektoratet }
succession ActorKind.direktoratet_for_ehelse by helsedirektorat from 2024-01-01
)"}});
  EXPECT_NE(errors.find("a.rules:3:49: error:"), std::string::npos) << errors;
  EXPECT_NE(errors.find("`ActorKind` has no value `helsedirektorat`"), std::string::npos) << errors;
}

const char* kCited = R"(module c
document "003_x.txt"
  title nb "Forvaltningsmodell for normerende produkter" en "Governance model for normative products"
  issuer "Direktoratet for e-helse"
  address "https://example.org/forvaltningsmodell"
type P { ok: bool }
rule C-1 skal title nb "Ok" en "Ok"
  message nb "{p} er ikke ok." en "{p} is not ok."
  source "003_x.txt" section "4.1.4" quote "Høringsfristen skal normalt være tre måneder"
  source "999_unknown.txt" section "2"
  for p: P
  require p.ok
)";

TEST(Citations, ReportsCiteTheDocumentByTitleAndSection) {
  auto run = runTexts({{"c.rules", kCited}}, "case \"c\" uses c\np: P { ok = false }\n");
  ASSERT_TRUE(run.checked) << run.errors();
  std::string nb = run.text(Lang::nb), en = run.text(Lang::en);
  EXPECT_NE(nb.find("kilde: Forvaltningsmodell for normerende produkter, 4.1.4 «Høringsfristen skal normalt være tre "
                    "måneder»"),
            std::string::npos)
      << nb;
  EXPECT_NE(en.find("source: Governance model for normative products, 4.1.4 «"), std::string::npos) << en;
  EXPECT_EQ(nb.find("003_x.txt"), std::string::npos) << nb;
  EXPECT_NE(nb.find("kilde: 999_unknown.txt 2"), std::string::npos) << nb;  // no record: the file name
  auto j = nlohmann::json::parse(run.json());
  const auto& src = j["rules"]["C-1"]["source"][0];
  EXPECT_EQ(src["file"], "003_x.txt");
  EXPECT_EQ(src["title"]["nb"], "Forvaltningsmodell for normerende produkter");
  EXPECT_EQ(src["address"], "https://example.org/forvaltningsmodell");
  EXPECT_FALSE(j["rules"]["C-1"]["source"][1].contains("title"));
}

TEST(Citations, ADocumentDescribedTwiceIsAnError) {
  std::string errors = lintTexts({{"c.rules", R"(module c
document "003_x.txt" title nb "A" en "A"
document "003_x.txt" title nb "B" en "B"
)"}});
  EXPECT_NE(errors.find("c.rules:3:10: error: the source document `003_x.txt` is described more than once"),
            std::string::npos)
      << errors;
  EXPECT_NE(errors.find("first defined here"), std::string::npos) << errors;
}

TEST(Citations, ADocumentNeedsATitleInBothLanguages) {
  std::string errors = lintTexts({{"c.rules", "module c\ndocument \"003_x.txt\" title nb \"A\"\n"}});
  EXPECT_NE(errors.find("c.rules:2:28: error: title needs both `nb` and `en`"), std::string::npos) << errors;
  std::string missing = lintTexts({{"c.rules", "module c\ndocument \"003_x.txt\" issuer \"X\"\n"}});
  EXPECT_NE(missing.find("c.rules:2:22: error:"), std::string::npos) << missing;
  EXPECT_NE(missing.find("title"), std::string::npos) << missing;
}

TEST(Citations, AnInstanceMayStillBeCalledDocument) {
  auto run = runTexts({{"c.rules", kCited}}, "case \"c\" uses c\ndocument: P { ok = true }\n");
  ASSERT_TRUE(run.checked) << run.errors();
  EXPECT_EQ(run.verdict("C-1"), Verdict::satisfied);
}

TEST(Citations, EveryBundledSourceDocumentHasARecord) {
  auto run = runBundled("tests/engine/check/fixtures/bare_procurement.case");
  ASSERT_TRUE(run.checked) << run.errors();
  const auto& m = *run.model;
  std::set<std::string> cited;
  for (const auto& r : m.rules)
    for (const auto& c : r.sources) cited.insert(c.file);
  ASSERT_FALSE(cited.empty());
  for (const auto& f : cited) EXPECT_TRUE(m.documentByFile.count(f)) << f << " has no `document` record in rules/";
  for (const auto& d : m.documents) EXPECT_FALSE(d.title.nb.empty() || d.title.en.empty()) << d.file;
}

}  // namespace

namespace {

const char* kOpenSets = R"(module o
type Catalogue { name: text }
type Order { consulted: set<Catalogue> }
rule O-NOT-REF bør title nb "Ikke katalogen" en "Not the catalogue"
  for o: Order
  require refkat not in o.consulted
refkat: Catalogue { name = "Referansekatalogen" }
other: Catalogue { name = "Annet" }
)";

Run openSet(const std::string& value) {
  return runTexts({{"o.rules", kOpenSets}}, "case \"c\" uses o\nmine: Catalogue {}\no: Order { consulted = " + value + " }\n");
}

TEST(ExplicitAbsence, AnOpenSetMayStateWhatItDoesNotContain) {
  auto stated = openSet("{ other, ..., not refkat }");
  ASSERT_TRUE(stated.checked) << stated.errors();
  EXPECT_EQ(stated.verdict("O-NOT-REF"), Verdict::satisfied);
  auto open = openSet("{ other, ... }");
  ASSERT_TRUE(open.checked) << open.errors();
  EXPECT_EQ(open.verdict("O-NOT-REF"), Verdict::gap);
  auto with = openSet("{ other, refkat, ... }");
  ASSERT_TRUE(with.checked) << with.errors();
  EXPECT_EQ(with.verdict("O-NOT-REF"), Verdict::violated);
  auto none = openSet("{ ..., not refkat, not other }");  // nothing known in it, two things known not to be
  ASSERT_TRUE(none.checked) << none.errors();
  EXPECT_EQ(none.verdict("O-NOT-REF"), Verdict::satisfied);
}

TEST(ExplicitAbsence, ASetCannotBothHoldAndLeaveOutTheSameElement) {
  auto run = openSet("{ refkat, ..., not refkat }");
  EXPECT_FALSE(run.checked);
  EXPECT_NE(run.errors().find("test.case:3:43: error: `refkat` is both in the set and left out of it"), std::string::npos)
      << run.errors();
}

TEST(ExplicitAbsence, OnlyADeclaredSetMayStateAnAbsence) {
  std::string errors = lintTexts({{"o.rules", std::string(kOpenSets) + R"(
rule O-BAD skal title nb "x" en "x"
  for o: Order
  require o.consulted == { other, ..., not refkat }
)"}});
  EXPECT_NE(errors.find("o.rules:12:44: error: only a declared set may say what it does not contain"), std::string::npos)
      << errors;
}

TEST(ExplicitAbsence, AnExclusionNeedsAnElement) {
  std::string errors = lintTexts({{"c.case", "case \"c\"\nx: T { s = { a, ..., not } }\n"}});
  EXPECT_NE(errors.find("c.case:2:"), std::string::npos) << errors;
  EXPECT_NE(errors.find("error"), std::string::npos) << errors;
}

}  // namespace

// A status in Referansekatalogen changes on a day: the same tender is judged
// on its own date (rules/referanse.rules: phased_out_from), and the report says
// which day the phase-out is in force from.
TEST(CaseDate, AReferenceStatusIsInForceFromItsDay) {
  auto before = runBundled("tests/rules/referanse/henvisning_v11_foer_utfasing.case");
  ASSERT_TRUE(before.checked) << before.errors();
  EXPECT_EQ(before.verdictsFor("SEL-24", "norm_henvisning_v11_obl_sende"), std::vector<Verdict>{Verdict::satisfied});
  EXPECT_EQ(before.verdictsFor("ROLE-12", "norm_henvisning_v11_obl_sende"), std::vector<Verdict>{Verdict::satisfied});
  auto after = runBundled("tests/rules/referanse/henvisning_v11_etter_utfasing.case");
  ASSERT_TRUE(after.checked) << after.errors();
  EXPECT_EQ(after.verdictsFor("SEL-24", "norm_henvisning_v11_obl_sende"), std::vector<Verdict>{Verdict::violated});
  std::string nb = after.text(Lang::nb), en = after.text(Lang::en);
  EXPECT_NE(nb.find("Dato: 2021-07-02 (oppgitt i saken)"), std::string::npos) << nb;
  EXPECT_NE(nb.find("  std_henvisning_v11.phased_out_from = 2021-07-02\n"), std::string::npos) << nb;
  EXPECT_NE(en.find("or is being phased out without this being noted"), std::string::npos) << en;
  EXPECT_NE(en.find("  std_henvisning_v11.phased_out_from = 2021-07-02\n"), std::string::npos) << en;
}

// PROC-28 (003 4.1.5): one finding per forum, naming the forum, in both languages.
TEST(PublicationNotices, AFindingNamesTheForumNotInformedOrToldTooEarly) {
  auto run = runBundled("tests/rules/proc/realisering_og_vedlikehold.case");
  ASSERT_TRUE(run.checked) << run.errors();
  std::string nb = run.text(Lang::nb), en = run.text(Lang::en);
  EXPECT_NE(nb.find("    for r = r_pub_feil, f = nuit\n"), std::string::npos) << nb;
  // The forum by its name (its label), and the value a case writes for it.
  EXPECT_NE(nb.find("Prioriteringsutvalget (NUIT) er ikke informert om at r_pub_feil er publisert, eller ble informert før "
                    "publiseringsdatoen. Informer Prioriteringsutvalget (NUIT) om publiseringen, og før det opp i "
                    "informed_of_publication: en PublicationNotice med forum = nuit og dagen (date)."),
            std::string::npos)
      << nb;
  EXPECT_NE(en.find("Professional committee (NUFA) has not been informed that r_obl_feil is published, or was informed "
                    "before the publication date. Inform Professional committee (NUFA) of the publication and list it in "
                    "informed_of_publication: a PublicationNotice with forum = nufa and the day (date)."),
            std::string::npos)
      << en;
  // The notice that came too early is among the reasons.
  EXPECT_NE(nb.find("obl_nufa.date = 2024-04-01"), std::string::npos) << nb;
  // A forum informed on time gives no finding of its own.
  EXPECT_EQ(nb.find("for r = r_pub_feil, f = nufa\n"), std::string::npos) << nb;
}
