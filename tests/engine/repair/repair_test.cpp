// Minimal repairs: changing a date, adding a missing member, declaring an
// undeclared fact, and rules that conflict so no repair exists. Every found
// repair is applied and re-checked.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>

#include "core/calendar.hpp"
#include "harness.hpp"
#include "engine/repair/repair.hpp"
#include "test_rules.hpp"

using namespace samsvar;
using namespace samsvar::testing;

namespace {

Run check(const std::string& body) {
  auto run = runTexts({{"t.rules", kTestModule}}, "case \"test\" uses t\n" + body);
  EXPECT_TRUE(run.checked) << run.errors();
  return run;
}

/// Applies the repair and asserts that no må/skal rule is violated or open.
void expectRepairWorks(Run& run, const RepairResult& r) {
  Checker checker;
  model::Model fixed = applyRepair(*run.model, r);
  CaseResult again = checker.check(fixed);
  EXPECT_EQ(exitCodeFor(fixed, again, true), 0) << renderText(ReportInput{run.sm, fixed, again, Lang::en});
}

TEST(Repair, MovesADateToTheNearestCompliantValue) {
  auto run = check(R"(
p: Product { level = anbefalt  consultations = { h1 } }
h1: Consultation { kind = hoering  opens = 2024-03-01  closes = 2024-04-05  note = "kort frist"  open_to_all = true }
)");
  Checker checker;
  RepairResult r = computeRepair(checker, *run.model, run.result);
  ASSERT_EQ(r.status, RepairResult::Status::found);
  ASSERT_EQ(r.changes.size(), 1u);
  EXPECT_EQ(r.changes[0].kind, RepairChange::Kind::change);
  EXPECT_EQ(attributeName(*run.model, r.changes[0].instance, r.changes[0].attr), "h1.closes");
  EXPECT_EQ(r.changes[0].value.scalar, *calendar::dayNumber(2024, 4, 12));
  // Every later date works too, and the report says so.
  EXPECT_EQ(r.changes[0].bound, BoundSide::on_or_after);
  EXPECT_NE(renderText(ReportInput{run.sm, *run.model, run.result, Lang::en, false, &r})
                .find("change h1.closes from 2024-04-05 to 2024-04-12 or later (fixes H-6W)"),
            std::string::npos);
  EXPECT_NE(renderText(ReportInput{run.sm, *run.model, run.result, Lang::nb, false, &r})
                .find("endre h1.closes fra 2024-04-05 til 2024-04-12 eller senere (retter H-6W)"),
            std::string::npos);
  EXPECT_EQ(r.changes[0].fixes, std::vector<int>{run.model->ruleById.at("H-6W")});
  expectRepairWorks(run, r);
}

TEST(Repair, AddsAMissingMemberToACompleteSet) {
  auto run = check(R"(
p: Product { level = anbefalt  consultations = { i1 } }
i1: Consultation { kind = innspillsrunde  opens = 2024-01-01  closes = 2024-02-01  open_to_all = true }
)");
  Checker checker;
  RepairResult r = computeRepair(checker, *run.model, run.result);
  ASSERT_EQ(r.status, RepairResult::Status::found);
  bool addsHearing = false;
  for (const auto& c : r.changes)
    if (c.kind == RepairChange::Kind::add_instance &&
        changeValueText(*run.model, r, c, Lang::en).find("kind = hoering") != std::string::npos)
      addsHearing = true;
  bool changesKind = false;
  for (const auto& c : r.changes)
    changesKind |= c.kind != RepairChange::Kind::add_instance && c.kind != RepairChange::Kind::deviate && attributeName(*run.model, c.instance, c.attr) == "i1.kind";
  EXPECT_TRUE(addsHearing || changesKind) << "a hearing must be added (or the round turned into one)";
  expectRepairWorks(run, r);
}

TEST(Repair, DeclaresWhatAGapNeeds) {
  auto run = check(R"(
p: Product { level = anbefalt  consultations = { h1 } }
h1: Consultation { kind = hoering  opens = 2024-03-01  open_to_all = true  note = "" }
)");
  Checker checker;
  RepairResult r = computeRepair(checker, *run.model, run.result);
  ASSERT_EQ(r.status, RepairResult::Status::found);
  ASSERT_FALSE(r.changes.empty());
  EXPECT_EQ(r.changes[0].kind, RepairChange::Kind::add);
  EXPECT_EQ(attributeName(*run.model, r.changes[0].instance, r.changes[0].attr), "h1.closes");
  // The nearest compliant date (the bound the check reports for the gap),
  // not whatever value the solver happens to pick.
  const Finding* gap = run.finding("H-3M");
  ASSERT_TRUE(gap && !gap->gaps.empty());
  EXPECT_EQ(gap->gaps[0].bound, BoundSide::on_or_after);
  EXPECT_EQ(r.changes[0].value.scalar, gap->gaps[0].example.scalar);
  EXPECT_EQ(changeValueText(*run.model, r, r.changes[0], Lang::en), "2024-06-01");
  expectRepairWorks(run, r);
}

TEST(Repair, NotNeededWhenCompliant) {
  auto run = check(R"(
p: Product { level = anbefalt  consultations = { h1 } }
h1: Consultation { kind = hoering  opens = 2024-01-01  closes = 2024-04-01  open_to_all = true }
)");
  Checker checker;
  EXPECT_EQ(computeRepair(checker, *run.model, run.result).status, RepairResult::Status::not_needed);
}

// Two må rules (a skal rule in the conflict would get a deviation record:
// ProposesADeviationWhereASkalRuleWouldTakeMoreThanItCosts).
TEST(Repair, ConflictingRulesAreNamedWhenNoRepairExists) {
  const char* conflicting = R"(module c "conflict"
type Thing { flag: bool }
rule C-1 må
  title nb "på" en "on"
  source "x"
  for t: Thing
  require t.flag
rule C-2 må
  title nb "av" en "off"
  source "x"
  for t: Thing
  require not t.flag
)";
  auto run = runTexts({{"c.rules", conflicting}}, "case \"x\" uses c\nt1: Thing { flag = true }\n");
  ASSERT_TRUE(run.checked) << run.errors();
  Checker checker;
  RepairResult r = computeRepair(checker, *run.model, run.result);
  ASSERT_EQ(r.status, RepairResult::Status::impossible);
  ASSERT_EQ(r.conflicting.size(), 2u);
  EXPECT_EQ(run.model->rules[r.conflicting[0]].id, "C-1");
  EXPECT_EQ(run.model->rules[r.conflicting[1]].id, "C-2");
}

// A repair the repaired case cannot confirm is reported as such, never
// dropped: here the checks' resource limit is too tight to decide h2's rules
// in the repaired case (the repair itself has its own, larger limit).
TEST(Repair, UnconfirmedRepairIsReportedWithTheRulesLeft) {
  CheckOptions opt;
  opt.rlimit = 1;
  auto run = runTexts({{"t.rules", kTestModule}}, R"(case "test" uses t
p: Product { level = anbefalt  consultations = { h1, h2 } }
h1: Consultation { kind = hoering  opens = 2024-03-01  closes = 2024-03-20  note = ""  open_to_all = true }
h2: Consultation { kind = hoering  opens = 2024-01-01  note = ""  open_to_all = true }
)", opt);
  ASSERT_TRUE(run.checked) << run.errors();
  ASSERT_EQ(run.verdictsFor("H-6W", "h1"), std::vector<Verdict>{Verdict::violated});
  ASSERT_EQ(run.verdictsFor("H-6W", "h2"), std::vector<Verdict>{Verdict::unknown});
  Checker checker(opt);
  RepairResult r = computeRepair(checker, *run.model, run.result);
  ASSERT_EQ(r.status, RepairResult::Status::unverified) << r.reason;
  EXPECT_EQ(r.unresolved, (std::vector<int>{run.model->ruleById.at("H-3M"), run.model->ruleById.at("H-6W")}));
  EXPECT_FALSE(r.changes.empty());
  std::string en = renderText(ReportInput{run.sm, *run.model, run.result, Lang::en, false, &r});
  EXPECT_NE(en.find("not verified: H-3M, H-6W still violated, open or undecided in the repaired case"),
            std::string::npos)
      << en;
  std::string json = renderJson(ReportInput{run.sm, *run.model, run.result, Lang::en, false, &r});
  EXPECT_NE(json.find("\"status\": \"unverified\""), std::string::npos) << json;
}

// A module whose tender marks what describes the world (`fact`) and what the
// procurer chooses (`choice`).
constexpr const char* kWorldModule = R"(module w
type Tender {
  fact   adaptation_needed: bool  "the standards must be adapted"
  fact   level: int               "how mature the chosen standard is"
  choice trial_users: bool        "users take part in the trial"
  choice trial_end: date
  choice golive: date
}
rule T-1 skal
  title nb "Tilpasning prøves ut med brukere" en "An adaptation is tried out with users"
  source "s.txt"
  for t: Tender
  when t.adaptation_needed
  require t.trial_users
rule T-2 skal
  title nb "Utprøvingen slutter før idriftsettelsen" en "The trial ends before go-live"
  source "s.txt"
  for t: Tender
  when t.adaptation_needed
  require t.trial_end < t.golive
rule L-1 skal
  title nb "Umoden standard krever utprøving" en "An immature standard needs a trial"
  source "s.txt"
  for t: Tender
  require t.level >= 2 or (t.trial_users and t.golive >= 2025-06-01)
)";

Run checkWorld(const std::string& body) {
  auto run = runTexts({{"w.rules", kWorldModule}}, "case \"tender\" uses w\n" + body);
  EXPECT_TRUE(run.checked) << run.errors();
  return run;
}

TEST(Repair, NeverChangesADeclaredWorldFact) {
  // Raising `level` alone would be the cheapest change (one instead of two),
  // but the standard's maturity is a fact: the repair changes the choices.
  auto run = checkWorld("t: Tender { adaptation_needed = false  level = 1  trial_users = false  golive = 2025-01-01 }\n");
  ASSERT_EQ(run.verdict("L-1"), Verdict::violated);
  Checker checker;
  RepairResult r = computeRepair(checker, *run.model, run.result);
  ASSERT_EQ(r.status, RepairResult::Status::found);
  std::set<std::string> changed;
  for (const auto& c : r.changes) changed.insert(attributeName(*run.model, c.instance, c.attr));
  EXPECT_EQ(changed, (std::set<std::string>{"t.golive", "t.trial_users"}));
  std::string en = renderText(ReportInput{run.sm, *run.model, run.result, Lang::en, false, &r});
  EXPECT_NE(en.find("change t.golive from 2025-01-01 to 2025-06-01 or later"), std::string::npos) << en;
  expectRepairWorks(run, r);
}

TEST(Repair, AsksToConfirmAnUndeclaredWorldFactInsteadOfInventingIt) {
  // Whether adaptation is needed is not declared. Declaring it true would
  // ask for a trial plan (two declarations); the repair instead relies on
  // "no adaptation is needed", and asks the procurer to confirm it.
  auto run = checkWorld("t: Tender { level = 3  golive = 2025-09-01 }\n");
  ASSERT_EQ(run.verdict("T-1"), Verdict::gap);
  ASSERT_EQ(run.verdict("T-2"), Verdict::gap);
  Checker checker;
  RepairResult r = computeRepair(checker, *run.model, run.result);
  ASSERT_EQ(r.status, RepairResult::Status::found);
  ASSERT_EQ(r.changes.size(), 1u) << renderText(ReportInput{run.sm, *run.model, run.result, Lang::en, false, &r});
  EXPECT_EQ(r.changes[0].kind, RepairChange::Kind::confirm);
  EXPECT_EQ(attributeName(*run.model, r.changes[0].instance, r.changes[0].attr), "t.adaptation_needed");
  EXPECT_EQ(r.changes[0].value.scalar, 0);
  std::string en = renderText(ReportInput{run.sm, *run.model, run.result, Lang::en, false, &r});
  std::string nb = renderText(ReportInput{run.sm, *run.model, run.result, Lang::nb, false, &r});
  EXPECT_NE(en.find("The repair relies on these facts about the world; confirm them"), std::string::npos) << en;
  EXPECT_NE(en.find("    confirm that t.adaptation_needed = false (settles T-1, T-2)"), std::string::npos) << en;
  EXPECT_NE(nb.find("Reparasjonen forutsetter dette om virkeligheten; bekreft det"), std::string::npos) << nb;
  EXPECT_NE(nb.find("    bekreft at t.adaptation_needed = false (avgjør T-1, T-2)"), std::string::npos) << nb;
  EXPECT_EQ(en.find("declare t.trial", en.find("Smallest repair")), std::string::npos) << en;
  std::string json = renderJson(ReportInput{run.sm, *run.model, run.result, Lang::en, false, &r});
  EXPECT_NE(json.find("\"confirm\": [\n      {\n        \"attribute\": \"t.adaptation_needed\",\n        \"value\": \"false\""),
            std::string::npos)
      << json;
  EXPECT_NE(json.find("\"changes\": []"), std::string::npos) << json;
  expectRepairWorks(run, r);
}

}  // namespace

namespace {

// A skal rule whose repair takes four changed values (more than a deviation
// costs), the same requirement as a må rule (no deviation is allowed), and
// a skal rule one change repairs.
const char* kDeviationModule = R"(module d "deviation"
type Delivery { choice a: int  choice b: int  choice c: int  choice e: int  choice m1: int  choice m2: int  choice m3: int  choice m4: int  choice y: int }
rule D-SKAL skal
  title nb "Fire verdier er satt" en "Four values are set"
  source "s"
  for d: Delivery
  require d.a == 1 and d.b == 1 and d.c == 1 and d.e == 1
rule D-MAA må
  title nb "Fire andre verdier er satt" en "Four other values are set"
  source "s"
  for d: Delivery
  require d.m1 == 1 and d.m2 == 1 and d.m3 == 1 and d.m4 == 1
rule D-EN skal
  title nb "Én verdi er satt" en "One value is set"
  source "s"
  for d: Delivery
  require d.y == 1
)";

TEST(Repair, ProposesADeviationWhereASkalRuleWouldTakeMoreThanItCosts) {
  auto run = runTexts({{"d.rules", kDeviationModule}}, R"(case "avvik" uses d
lev: Delivery { a = 0  b = 0  c = 0  e = 0  m1 = 0  m2 = 0  m3 = 0  m4 = 0  y = 0 }
)");
  ASSERT_TRUE(run.checked) << run.errors();
  Checker checker;
  RepairResult r = computeRepair(checker, *run.model, run.result);
  ASSERT_EQ(r.status, RepairResult::Status::found);
  std::set<std::string> deviations, changed;
  for (const auto& c : r.changes) {
    if (c.kind == RepairChange::Kind::deviate) deviations.insert(run.model->rules[c.rule].id);
    else changed.insert(attributeName(*run.model, c.instance, c.attr));
  }
  // The skal rule that takes four changes is deviated from; the må rule is
  // repaired (never deviated from), and so is the skal rule one change repairs.
  EXPECT_EQ(deviations, std::set<std::string>{"D-SKAL"});
  EXPECT_EQ(changed, (std::set<std::string>{"lev.m1", "lev.m2", "lev.m3", "lev.m4", "lev.y"}));
  // The record names the rule and the instance; the reason is the user's.
  std::string nb = renderText(ReportInput{run.sm, *run.model, run.result, Lang::nb, false, &r});
  std::string en = renderText(ReportInput{run.sm, *run.model, run.result, Lang::en, false, &r});
  EXPECT_NE(nb.find("  begrunn et avvik fra D-SKAL for lev: skriv deviation D-SKAL for lev because \"…\" i saken, med "
                    "din egen begrunnelse\n    --> test.case:2:1\n"),
            std::string::npos)
      << nb;
  EXPECT_NE(en.find("  justify a deviation from D-SKAL for lev: write deviation D-SKAL for lev because \"…\" in the "
                    "case, with your own reason\n"),
            std::string::npos)
      << en;
  nlohmann::json j = nlohmann::json::parse(renderJson(ReportInput{run.sm, *run.model, run.result, Lang::en, false, &r}));
  bool found = false;
  for (const auto& c : j["repair"]["changes"])
    if (c["kind"] == "deviation") {
      found = true;
      EXPECT_EQ(c["rule"], "D-SKAL");
      EXPECT_EQ(c["for"], "lev");
      EXPECT_EQ(c["to"], "deviation D-SKAL for lev because \"…\"");
    }
  EXPECT_TRUE(found) << j.dump(2);
  // Applied, the record makes D-SKAL deviated, and every må/skal rule holds.
  model::Model fixed = applyRepair(*run.model, r);
  CaseResult again = checker.check(fixed);
  EXPECT_EQ(exitCodeFor(fixed, again, true), 0) << renderText(ReportInput{run.sm, fixed, again, Lang::en});
  for (const auto& f : again.findings)
    if (fixed.rules[f.rule].id == "D-SKAL") { EXPECT_EQ(f.verdict, Verdict::deviated); }
}

}  // namespace
