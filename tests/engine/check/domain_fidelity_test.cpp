// Issue 15: what a case may name is what it is checked against (reference
// data of modules it does not use is neither), rules that cannot be violated
// are information and never "satisfied", and the context decides a bare name
// that is both an instance and an enum value.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

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
