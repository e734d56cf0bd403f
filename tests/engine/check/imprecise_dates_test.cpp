// Issue 15: imprecise dates. A declared date may be a month (`2021-02`), a
// half-year (`2021-H1`) or a year (`2021`): some day of that period. Z3
// decides whether a rule holds for every day of it (satisfied), for none
// (violated) or for some (a gap, naming the day where it flips).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "engine/repair/repair.hpp"
#include "harness.hpp"

using namespace samsvar;
using namespace samsvar::testing;

namespace {

const char* kPub = R"(module pub
type Product {
  fact   published: date   "when the product was published"
  choice informed: date    "when the committees were informed of it"
  choice closes: date      "when the hearing closed"
}
rule INF skal
  title   nb "Utvalgene informeres etter publisering" en "The committees are informed after publication"
  message nb "{p}: utvalgene ble informert før publiseringen." en "{p}: the committees were informed before publication."
  for p: Product
  require p.informed >= p.published
)";

Run runPub(const std::string& product) {
  return runTexts({{"pub.rules", kPub}}, "case \"c\" uses pub\np: Product { " + product + " }\n");
}

std::string gapTextOf(const Run& run, const std::string& rule, Lang lang) {
  const Finding* f = run.finding(rule);
  if (!f || f->gaps.empty()) return "";
  return gapText(*run.model, *f, f->gaps.front(), lang);
}

TEST(ImpreciseDates, AMonthThatHoldsForEveryDayIsSatisfied) {
  auto run = runPub("published = 2021-02  informed = 2021-03-01");
  ASSERT_TRUE(run.checked) << run.errors();
  EXPECT_EQ(run.verdict("INF"), Verdict::satisfied);
}

TEST(ImpreciseDates, AMonthThatHoldsForNoDayIsViolatedAndBothFactsExplainIt) {
  auto run = runPub("published = 2021-02  informed = 2021-01-31");
  ASSERT_TRUE(run.checked) << run.errors();
  EXPECT_EQ(run.verdict("INF"), Verdict::violated);
  const Finding* f = run.finding("INF");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->because.size(), 2u);
  // The explanation shows the month as written, not its first day.
  EXPECT_NE(run.text().find("p.published = 2021-02"), std::string::npos) << run.text();
}

TEST(ImpreciseDates, AMonthThatHoldsForSomeDaysIsAGapNamingTheBoundaryDay) {
  auto run = runPub("published = 2021-02  informed = 2021-02-15");
  ASSERT_TRUE(run.checked) << run.errors();
  EXPECT_EQ(run.verdict("INF"), Verdict::gap);
  const Finding* f = run.finding("INF");
  ASSERT_NE(f, nullptr);
  ASSERT_EQ(f->gaps.size(), 1u);
  EXPECT_EQ(f->gaps[0].bound, BoundSide::on_or_before);
  EXPECT_EQ(gapTextOf(run, "INF", Lang::nb),
            "p.published = 2021-02 (februar 2021): INF er oppfylt bare hvis datoen er 15. februar 2021 eller "
            "tidligere; oppgi den nøyaktige datoen");
  EXPECT_EQ(gapTextOf(run, "INF", Lang::en),
            "p.published = 2021-02 (February 2021): INF holds only if the date is 15 February 2021 or earlier; "
            "state the exact day");
}

TEST(ImpreciseDates, TheBoundaryDayOfALaterBoundIsTheFirstDayThatHolds) {
  // Informed in March 2021 of a product published on 14 March: holds from the 14th.
  auto run = runPub("published = 2021-03-14  informed = 2021-03");
  ASSERT_TRUE(run.checked) << run.errors();
  EXPECT_EQ(run.verdict("INF"), Verdict::gap);
  EXPECT_EQ(gapTextOf(run, "INF", Lang::nb),
            "p.informed = 2021-03 (mars 2021): INF er oppfylt bare hvis datoen er 14. mars 2021 eller senere; "
            "oppgi den nøyaktige datoen");
}

TEST(ImpreciseDates, AYearAndAHalfYearAreTheirDays) {
  auto year = runPub("published = 2021  informed = 2021-07-01");
  ASSERT_TRUE(year.checked) << year.errors();
  EXPECT_EQ(year.verdict("INF"), Verdict::gap);
  EXPECT_EQ(gapTextOf(year, "INF", Lang::en),
            "p.published = 2021 (2021): INF holds only if the date is 1 July 2021 or earlier; state the exact day");
  // The second half of 2021 starts on 1 July: informed on 30 June is too early for every day of it.
  auto second = runPub("published = 2021-H2  informed = 2021-06-30");
  ASSERT_TRUE(second.checked) << second.errors();
  EXPECT_EQ(second.verdict("INF"), Verdict::violated);
  auto first = runPub("published = 2021-H1  informed = 2021-06-30");
  ASSERT_TRUE(first.checked) << first.errors();
  EXPECT_EQ(first.verdict("INF"), Verdict::satisfied);
  auto firstGap = runPub("published = 2021-H1  informed = 2021-03-01");
  ASSERT_TRUE(firstGap.checked) << firstGap.errors();
  EXPECT_EQ(gapTextOf(firstGap, "INF", Lang::nb),
            "p.published = 2021-H1 (første halvår 2021): INF er oppfylt bare hvis datoen er 1. mars 2021 eller "
            "tidligere; oppgi den nøyaktige datoen");
}

TEST(ImpreciseDates, TwoImpreciseDatesInTheSameMonthAreAGap) {
  auto run = runPub("published = 2021-02  informed = 2021-02");
  ASSERT_TRUE(run.checked) << run.errors();
  EXPECT_EQ(run.verdict("INF"), Verdict::gap);
  // Each is declared, only not to the day: the suggestion asks for the day.
  const Finding* f = run.finding("INF");
  ASSERT_NE(f, nullptr);
  ASSERT_FALSE(f->gaps.empty());
  for (const auto& g : f->gaps) {
    const std::string nb = gapText(*run.model, *f, g, Lang::nb), en = gapText(*run.model, *f, g, Lang::en);
    EXPECT_TRUE(nb.rfind("oppgi dagen: deklarer p.", 0) == 0 || nb.find("oppgi den nøyaktige datoen") != std::string::npos)
        << nb;
    EXPECT_TRUE(en.rfind("state the day: declare p.", 0) == 0 || en.find("state the exact day") != std::string::npos)
        << en;
    EXPECT_EQ(nb.rfind("deklarer", 0), std::string::npos) << "not worded as if nothing were declared: " << nb;
  }
}

TEST(ImpreciseDates, ExactEvaluationAndZ3Agree) {
  CheckOptions noFold;
  noFold.fold = false;
  for (const char* product : {"published = 2021-02  informed = 2021-03-01", "published = 2021-02  informed = 2021-01-31",
                              "published = 2021-02  informed = 2021-02-15", "published = 2021  informed = 2022-01-01",
                              "published = 2021-H2  informed = 2021-12-31"}) {
    auto folded = runPub(product);
    auto asked = runTexts({{"pub.rules", kPub}}, std::string("case \"c\" uses pub\np: Product { ") + product + " }\n", noFold);
    ASSERT_TRUE(folded.checked && asked.checked) << product;
    EXPECT_EQ(folded.verdict("INF"), asked.verdict("INF")) << product;
  }
}

TEST(ImpreciseDates, JsonGivesTheDeclaredPeriodOfAGap) {
  auto run = runPub("published = 2021-02  informed = 2021-02-15");
  ASSERT_TRUE(run.checked) << run.errors();
  auto j = nlohmann::json::parse(run.json());
  const nlohmann::json* gap = nullptr;
  for (const auto& f : j["findings"])
    if (f["rule"] == "INF") gap = &f["gaps"][0];
  ASSERT_NE(gap, nullptr) << run.json();
  EXPECT_EQ((*gap)["declared"], "2021-02");
  EXPECT_EQ((*gap)["period"]["first"], "2021-02-01");
  EXPECT_EQ((*gap)["period"]["last"], "2021-02-28");
  EXPECT_EQ((*gap)["suggestion"], "2021-02-15");
  EXPECT_EQ((*gap)["bound"], "on_or_before");
}

TEST(ImpreciseDates, BadImpreciseDatesAreErrorsAtTheValue) {
  auto bad = [](const std::string& value) {
    return lintTexts({{"pub.rules", kPub}, {"c.case", "case \"c\" uses pub\np: Product { published = " + value + " }\n"}});
  };
  EXPECT_NE(bad("2021-13").find("c.case:2:26: error: `2021-13` is not a valid date"), std::string::npos) << bad("2021-13");
  EXPECT_NE(bad("2021-00").find("`2021-00` is not a valid date"), std::string::npos) << bad("2021-00");
  EXPECT_NE(bad("2021-H3").find("`2021-H3` is not a valid date"), std::string::npos) << bad("2021-H3");
  EXPECT_NE(bad("20211").find("`20211` is not a date; write a day (`2021-02-15`), a month (`2021-02`)"),
            std::string::npos)
      << bad("20211");
  EXPECT_NE(bad("1800").find("`1800` is not a date"), std::string::npos) << bad("1800");
  EXPECT_NE(bad("21").find("`21` is not a date"), std::string::npos) << bad("21");
  // An int attribute is still an int.
  EXPECT_EQ(lintTexts({{"m.rules", "module m\ntype T { n: int }\n"}, {"c.case", "case \"c\" uses m\nt: T { n = 2021 }\n"}}), "");
}

TEST(ImpreciseDates, ARuleCannotUseAnImpreciseDate) {
  std::string errors = lintTexts({{"m.rules", R"(module m
type T { d: date }
rule R skal title nb "t" en "t" for t: T require t.d >= 2021-02
)"}});
  EXPECT_NE(errors.find("`2021-02` is not one day; only a declared value may be a month, a half-year or a year"),
            std::string::npos)
      << errors;
}

TEST(ImpreciseDates, AMisspeltDayIsNotReadAsAMonth) {
  std::string errors = lintTexts({{"pub.rules", kPub}, {"c.case", "case \"c\" uses pub\np: Product { published = 2021-02-1 }\n"}});
  EXPECT_NE(errors.find("write `2021-02-01`"), std::string::npos) << errors;
}

TEST(ImpreciseDates, ARepairDeclaresTheDayOfAnImpreciseChoiceAndConfirmsThatOfAFact) {
  const char* rules = R"(module pub
type Product {
  fact   published: date
  choice closes: date
}
rule CL skal title nb "Fristen er etter 15. februar" en "The deadline is after 15 February"
  for p: Product
  require p.closes >= 2021-02-15
rule PB skal title nb "Publisert innen 10. mars" en "Published by 10 March"
  for p: Product
  require p.published <= 2021-03-10
)";
  auto run = runTexts({{"pub.rules", rules}}, "case \"c\" uses pub\np: Product { published = 2021-03  closes = 2021-02 }\n");
  ASSERT_TRUE(run.checked) << run.errors();
  EXPECT_EQ(run.verdict("CL"), Verdict::gap);
  EXPECT_EQ(run.verdict("PB"), Verdict::gap);
  Checker checker;
  RepairResult repair = computeRepair(checker, *run.model, run.result);
  ASSERT_EQ(repair.status, RepairResult::Status::found);
  std::vector<std::string> nb, en;
  for (const auto& c : repair.changes) {
    nb.push_back(repairChangeText(*run.model, repair, c, Lang::nb));
    en.push_back(repairChangeText(*run.model, repair, c, Lang::en));
  }
  EXPECT_EQ(nb, (std::vector<std::string>{
                    "angi dagen: p.closes = 2021-02-15 eller senere (oppgitt som februar 2021) (retter CL)",
                    "bekreft at p.published = 2021-03-10 eller tidligere (oppgitt som mars 2021) (avgjør PB)"}));
  EXPECT_EQ(en, (std::vector<std::string>{
                    "state the day: p.closes = 2021-02-15 or later (given as February 2021) (fixes CL)",
                    "confirm that p.published = 2021-03-10 or earlier (given as March 2021) (settles PB)"}));
}

TEST(ImpreciseDates, ARealHearingClosingInAMonth) {
  // HOR-14 (at least six weeks) on a hearing that opened on 4 January 2021
  // and closed "in February 2021": it holds only if it closed on 15 February or later.
  auto run = runBundled("tests/engine/check/fixtures/hoering_frist_februar.case");
  ASSERT_TRUE(run.checked) << run.errors();
  EXPECT_EQ(run.verdict("HOR-14"), Verdict::gap);
  EXPECT_NE(run.text(Lang::nb).find("hoering_veileder.closes er oppgitt bare som februar 2021, så det er ikke kjent om "
                                    "regelen er oppfylt."),
            std::string::npos)
      << run.text(Lang::nb);
  EXPECT_NE(run.text(Lang::en).find("hoering_veileder.closes is given only as February 2021, so it is not known whether "
                                    "the rule holds."),
            std::string::npos)
      << run.text(Lang::en);
  EXPECT_EQ(gapTextOf(run, "HOR-14", Lang::nb),
            "hoering_veileder.closes = 2021-02 (februar 2021): HOR-14 er oppfylt bare hvis datoen er 15. februar 2021 "
            "eller senere; oppgi den nøyaktige datoen");
}

TEST(ImpreciseDates, TheSnomedCtRetningslinjePublishedInFebruary2021) {
  // The sources: published "i februar 2021"; NUIT informed "i februar 2021".
  auto run = runBundled("tests/engine/check/fixtures/snomed_ct_publisert_februar_2021.case");
  ASSERT_TRUE(run.checked) << run.errors();
  // One finding per forum (PublicationNotice): each a gap, as both days are months.
  EXPECT_EQ(run.verdictsFor("PROC-28", "prosess_snomed_ct"), std::vector<Verdict>(5, Verdict::gap));
  const Finding* f = run.finding("PROC-28", "prosess_snomed_ct");
  ASSERT_NE(f, nullptr);
  ASSERT_EQ(f->gaps.size(), 2u);  // both days decide it
}

// Issue 15, explicit absence: a repair that rewrites an open set keeps what
// the set said it does not contain.
TEST(ExplicitAbsenceRepair, ARepairOfAnOpenSetKeepsItsExclusions) {
  const char* rules = R"(module m
enum Channel { ehelse_no, nyhetsbrev, referansekatalogen }
type Product { choice published_on: set<Channel> }
rule PUB skal title nb "Publisert på ehelse.no" en "Published on ehelse.no"
  for p: Product
  require Channel.ehelse_no in p.published_on
)";
  auto run = runTexts({{"m.rules", rules}},
                      "case \"c\" uses m\np: Product { published_on = { nyhetsbrev, ..., not ehelse_no, not referansekatalogen } }\n");
  ASSERT_TRUE(run.checked) << run.errors();
  EXPECT_EQ(run.verdict("PUB"), Verdict::violated);
  Checker checker;
  RepairResult repair = computeRepair(checker, *run.model, run.result);
  ASSERT_EQ(repair.status, RepairResult::Status::found);
  ASSERT_EQ(repair.changes.size(), 1u);
  // ehelse_no is added; referansekatalogen stays left out.
  EXPECT_EQ(repairChangeText(*run.model, repair, repair.changes[0], Lang::en),
            "change p.published_on from { nyhetsbrev, ..., not ehelse_no, not referansekatalogen } to "
            "{ ehelse_no, nyhetsbrev, ..., not referansekatalogen } (fixes PUB)");
}

}  // namespace
