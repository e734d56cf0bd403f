// Issue 15, explicit absence: `owner = none` says that no owner is named. A
// rule that requires the owner's attributes is violated (not a gap), a rule
// whose condition reads them does not apply, and an undeclared owner stays
// unknown (a gap).
#include <gtest/gtest.h>

#include "engine/repair/repair.hpp"
#include "harness.hpp"

using namespace samsvar;
using namespace samsvar::testing;

namespace {

const char* kOwners = R"(module own
enum Kind { direktorat, virksomhet }
type Actor { fact kind: Kind }
type Product {
  choice owner: Actor       "who owns and maintains the product"
  fact   steward: Actor     "who the sources name as steward"
  choice reviewed: bool
  fact   count: int
  choice users: set<Actor>
}
rule OWN skal
  title   nb "Produktet har en eier i direktoratet" en "The product has an owner in the directorate"
  message nb "{p} har ingen eier i direktoratet." en "{p} has no owner in the directorate."
  for p: Product
  require p.owner.kind == direktorat
rule REV skal
  title   nb "Et produkt eid av en virksomhet gjennomgås" en "A product owned by a virksomhet is reviewed"
  for p: Product
  when p.owner.kind == virksomhet
  require p.reviewed
rule STW skal
  title   nb "Forvalteren er direktoratet" en "The steward is the directorate"
  for p: Product
  require exists a in p.users: a.kind == direktorat and p.steward.kind == direktorat
)";

const char* kActors = "d: Actor { kind = direktorat }\nv: Actor { kind = virksomhet }\n";

Run runOwners(const std::string& product) {
  return runTexts({{"own.rules", kOwners}}, std::string("case \"c\" uses own\n") + kActors + "p: Product { " + product + " }\n");
}

TEST(ExplicitAbsence, ARuleThatRequiresTheOwnerIsViolatedWhenNoneIsNamed) {
  auto none = runOwners("owner = none");
  ASSERT_TRUE(none.checked) << none.errors();
  EXPECT_EQ(none.verdict("OWN"), Verdict::violated);
  auto unknown = runOwners("");
  ASSERT_TRUE(unknown.checked) << unknown.errors();
  EXPECT_EQ(unknown.verdict("OWN"), Verdict::gap);
  auto named = runOwners("owner = d");
  ASSERT_TRUE(named.checked) << named.errors();
  EXPECT_EQ(named.verdict("OWN"), Verdict::satisfied);
}

TEST(ExplicitAbsence, ARuleWhoseConditionReadsTheOwnerDoesNotApply) {
  auto none = runOwners("owner = none  reviewed = false");
  ASSERT_TRUE(none.checked) << none.errors();
  EXPECT_EQ(none.verdict("REV"), Verdict::not_applicable);
  auto unknown = runOwners("reviewed = false");
  ASSERT_TRUE(unknown.checked) << unknown.errors();
  EXPECT_EQ(unknown.verdict("REV"), Verdict::gap);
  auto named = runOwners("owner = v  reviewed = false");
  ASSERT_TRUE(named.checked) << named.errors();
  EXPECT_EQ(named.verdict("REV"), Verdict::violated);
}

TEST(ExplicitAbsence, InsideAQuantifierTheMemberFailsToo) {
  auto none = runOwners("steward = none  users = { d }");
  ASSERT_TRUE(none.checked) << none.errors();
  EXPECT_EQ(none.verdict("STW"), Verdict::violated);
  auto named = runOwners("steward = d  users = { d }");
  ASSERT_TRUE(named.checked) << named.errors();
  EXPECT_EQ(named.verdict("STW"), Verdict::satisfied);
}

TEST(ExplicitAbsence, ExactEvaluationAndZ3Agree) {
  CheckOptions noFold;
  noFold.fold = false;
  for (const char* product : {"owner = none  reviewed = false", "owner = none  reviewed = true", "owner = d  reviewed = false",
                              "steward = none  users = { d }", "steward = none  users = { d, ... }"}) {
    auto folded = runOwners(product);
    auto asked = runTexts({{"own.rules", kOwners}}, std::string("case \"c\" uses own\n") + kActors + "p: Product { " + product + " }\n",
                          noFold);
    ASSERT_TRUE(folded.checked && asked.checked) << product;
    for (const char* rule : {"OWN", "REV", "STW"})
      EXPECT_EQ(folded.verdict(rule), asked.verdict(rule)) << product << " " << rule;
  }
}

TEST(ExplicitAbsence, TheReportSaysThatNobodyIsNamed) {
  auto run = runOwners("owner = none");
  ASSERT_TRUE(run.checked) << run.errors();
  EXPECT_NE(run.text(Lang::nb).find("p.owner = none (ingen er oppgitt)"), std::string::npos) << run.text(Lang::nb);
  EXPECT_NE(run.text(Lang::en).find("p.owner = none (nobody is named)"), std::string::npos) << run.text(Lang::en);
}

TEST(ExplicitAbsence, NoneFitsOnlyAReferenceToOneInstance) {
  auto lint = [](const std::string& product) {
    return lintTexts({{"own.rules", kOwners}, {"c.case", std::string("case \"c\" uses own\n") + kActors + "p: Product { " + product + " }\n"}});
  };
  EXPECT_NE(lint("count = none").find("c.case:4:22: error: wrong type for `count`: expected int, found none"),
            std::string::npos)
      << lint("count = none");
  EXPECT_NE(lint("users = none").find("wrong type for `users`: expected set<Actor>, found none"), std::string::npos)
      << lint("users = none");
  EXPECT_EQ(lint("owner = none").find("error"), std::string::npos) << lint("owner = none");
  // An instance called `none` is meant where there is one.
  EXPECT_EQ(lintTexts({{"own.rules", kOwners},
                       {"c.case", "case \"c\" uses own\nnone: Actor { kind = direktorat }\np: Product { owner = none }\n"}})
                .find("error"),
            std::string::npos);
}

TEST(ExplicitAbsence, ARepairMayNameAnOwnerForAChoiceButNeverForAFact) {
  auto choice = runOwners("owner = none");
  ASSERT_TRUE(choice.checked) << choice.errors();
  Checker checker;
  RepairResult repair = computeRepair(checker, *choice.model, choice.result);
  ASSERT_EQ(repair.status, RepairResult::Status::found);
  bool changed = false;
  for (const auto& c : repair.changes)
    if (repairChangeText(*choice.model, repair, c, Lang::en) == "change p.owner from none to d (fixes OWN)") changed = true;
  EXPECT_TRUE(changed);
  // The steward is a fact: declared none, it stays none, and STW cannot be repaired.
  auto fact = runOwners("steward = none  users = { d }");
  ASSERT_TRUE(fact.checked) << fact.errors();
  RepairResult none = computeRepair(checker, *fact.model, fact.result);
  for (const auto& c : none.changes)
    if (c.kind != RepairChange::Kind::deviate && c.instance >= 0 && c.attr >= 0) {
      EXPECT_NE(attributeName(*fact.model, c.instance, c.attr), "p.steward");
    }
  // STW is a skal rule: what is left is a deviation from it, with the user's own reason.
  bool deviates = false;
  for (const auto& c : none.changes)
    if (c.kind == RepairChange::Kind::deviate) deviates = true;
  EXPECT_TRUE(none.status != RepairResult::Status::found || deviates);
}

}  // namespace
