// Verdicts decided by Z3 on small rule/case pairs: every verdict kind,
// explanations, gap suggestions, waivers per strength, open and complete
// sets, calendar months, determinism and solver limits.
#include <gtest/gtest.h>

#include "harness.hpp"
#include "test_rules.hpp"

using namespace samsvar;
using namespace samsvar::testing;

namespace {

Run check(const std::string& caseBody, CheckOptions opt = {}) {
  auto run = runTexts({{"t.rules", kTestModule}}, "case \"test\" uses t\n" + caseBody, opt);
  EXPECT_TRUE(run.checked) << run.errors();
  return run;
}

/// An explained fact as reports show it.
std::string fact(const Run& run, const ExplainedFact& e, Lang lang = Lang::en) {
  return factText(*run.model, e.fact, lang);
}

std::string attribute(const Run& run, const GapAttribute& g) { return attributeName(*run.model, g.instance, g.attr); }

TEST(Verdicts, SatisfiedWhenFactsGuaranteeTheRule) {
  auto run = check(R"(
p: Product { level = anbefalt  consultations = { h1 } }
h1: Consultation { kind = hoering  opens = 2024-01-01  closes = 2024-04-01  open_to_all = true }
)");
  EXPECT_EQ(run.verdict("H-6W"), Verdict::satisfied);
  EXPECT_EQ(run.verdict("H-3M"), Verdict::satisfied);
  EXPECT_EQ(run.verdict("H-ANB"), Verdict::satisfied);
  EXPECT_EQ(run.verdict("H-OPEN"), Verdict::satisfied);
}

TEST(Verdicts, ViolationIsExplainedByTheFactsThatCauseIt) {
  auto run = check(R"(
p: Product { level = anbefalt  consultations = { h1 } }
h1: Consultation {
  kind = hoering
  opens = 2024-03-01
  closes = 2024-04-05
  open_to_all = true
}
)");
  EXPECT_EQ(run.verdict("H-6W"), Verdict::violated);
  const Finding* f = run.finding("H-6W", "h1");
  ASSERT_NE(f, nullptr);
  ASSERT_EQ(f->because.size(), 4u);  // membership of h1, kind, opens, closes
  EXPECT_EQ(fact(run, f->because[0]), "p.consultations = { h1 }");
  EXPECT_EQ(fact(run, f->because[1]), "h1.kind = hoering");
  EXPECT_EQ(fact(run, f->because[2]), "h1.opens = 2024-03-01");
  EXPECT_EQ(fact(run, f->because[3]), "h1.closes = 2024-04-05");
  EXPECT_EQ(run.sm.location(f->because[3].span), "test.case:7:3");
  EXPECT_EQ(run.sm.location(f->location), "test.case:4:1");  // h1, the bound hearing
  // open_to_all is not part of the explanation: the core is minimal.
  for (const auto& e : f->because) EXPECT_EQ(fact(run, e).find("open_to_all"), std::string::npos);
}

TEST(Verdicts, GapNamesTheUndeclaredAttributeAndABound) {
  auto run = check(R"(
p: Product { consultations = { h1 } }
h1: Consultation { kind = hoering  opens = 2024-03-01 }
)");
  EXPECT_EQ(run.verdict("H-6W"), Verdict::gap);
  const Finding* f = run.finding("H-6W", "h1");
  ASSERT_NE(f, nullptr);
  ASSERT_EQ(f->gaps.size(), 1u);
  EXPECT_EQ(attribute(run, f->gaps[0]), "h1.closes");
  EXPECT_EQ(f->gaps[0].bound, BoundSide::on_or_after);
  EXPECT_EQ(gapExampleText(*run.model, f->gaps[0], Lang::en), "2024-04-12");
  EXPECT_NE(run.text(Lang::nb).find("deklarer h1.closes = 2024-04-12 eller senere (avgjør H-6W alene)"),
            std::string::npos)
      << run.text(Lang::nb);
}

TEST(Verdicts, NotApplicableWhenTheConditionIsFalse) {
  auto run = check(R"(
p: Product { level = veileder  consultations = { h1 } }
h1: Consultation { kind = innspillsrunde  opens = 2024-03-01  closes = 2024-03-05  open_to_all = true }
)");
  EXPECT_EQ(run.verdict("H-6W"), Verdict::not_applicable);
  EXPECT_EQ(run.verdict("H-ANB"), Verdict::not_applicable);
}

TEST(Sets, WrittenSetIsCompleteAbsentSetIsOpen) {
  auto complete = check("p: Product { level = anbefalt  consultations = {} }\n");
  EXPECT_EQ(complete.verdict("H-ANB"), Verdict::violated);
  auto absent = check("p: Product { level = anbefalt }\n");
  EXPECT_EQ(absent.verdict("H-ANB"), Verdict::gap);
  auto openSet = check(R"(
p: Product { level = anbefalt  consultations = { i1, ... } }
i1: Consultation { kind = innspillsrunde }
)");
  EXPECT_EQ(openSet.verdict("H-ANB"), Verdict::gap);
  const Finding* f = openSet.finding("H-ANB", "p");
  ASSERT_NE(f, nullptr);
  ASSERT_EQ(f->gaps.size(), 1u);
  EXPECT_EQ(attribute(openSet, f->gaps[0]), "p.consultations");
  // A further hearing: a new instance described by the values it needs.
  ASSERT_EQ(f->gaps[0].newMembers.size(), 1u);
  EXPECT_EQ(openSet.model->types[f->gaps[0].newMembers[0].type].name, "Consultation");
  std::string en = gapExampleText(*openSet.model, f->gaps[0], Lang::en);
  EXPECT_NE(en.find("another Consultation with kind = hoering"), std::string::npos) << en;
  // The Norwegian report says it in Norwegian.
  std::string nb = gapExampleText(*openSet.model, f->gaps[0], Lang::nb);
  EXPECT_NE(nb.find("en annen Consultation med kind = hoering"), std::string::npos) << nb;
  EXPECT_NE(openSet.text(Lang::nb).find("deklarer p.consultations = { en annen Consultation med kind = hoering"), std::string::npos)
      << openSet.text(Lang::nb);
  auto closedWithout = check(R"(
p: Product { level = anbefalt  consultations = { i1 } }
i1: Consultation { kind = innspillsrunde }
)");
  EXPECT_EQ(closedWithout.verdict("H-ANB"), Verdict::violated);
}

TEST(Sets, UnknownMembershipMakesABindingConditional) {
  // h1 exists but p.consultations is not written: whether the rule applies to
  // h1 depends on membership, so a too-short hearing is a gap, not a violation.
  auto run = check(R"(
p: Product { level = veileder }
h1: Consultation { kind = hoering  opens = 2024-03-01  closes = 2024-04-05 }
)");
  EXPECT_EQ(run.verdict("H-6W"), Verdict::gap);
}

TEST(Waivers, SkalDeviationWithReasonIsDeviated) {
  auto run = check(R"(
p: Product { level = anbefalt  consultations = { h1 } }
h1: Consultation { kind = hoering  opens = 2024-01-01  closes = 2024-03-01  note = ""  open_to_all = true }
deviation H-3M because "EU-tidsplanen krever kortere høring"
)");
  EXPECT_EQ(run.verdict("H-3M"), Verdict::deviated);
  const Finding* f = run.finding("H-3M", "h1");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->underlying, Verdict::violated);
  EXPECT_EQ(exitCodeFor(*run.model, run.result, false), 0);
}

TEST(Waivers, MaaRuleCannotBeDeviatedOnlyExempted) {
  auto bad = runTexts({{"t.rules", kTestModule}}, R"(case "x" uses t
p: Product { consultations = { h1 } }
h1: Consultation { kind = hoering  opens = 2024-03-01  closes = 2024-03-20 }
deviation H-6W because "hastverk"
)");
  EXPECT_FALSE(bad.checked);
  EXPECT_NE(bad.errors().find("test.case:4:11: error: `H-6W` is a `må` rule: it cannot be deviated from, only "
                              "exempted with a legal basis"),
            std::string::npos)
      << bad.errors();
  auto ok = check(R"(
p: Product { consultations = { h1 } }
h1: Consultation { kind = hoering  opens = 2024-03-01  closes = 2024-03-20 }
exemption H-6W for h1 basis "Forskrift om IKT-standarder § 9"
)");
  EXPECT_EQ(ok.verdict("H-6W"), Verdict::exempted);
}

TEST(Waivers, BoerDeviationIsAcceptedAndTargetedWaiversOnlyCoverTheirInstance) {
  auto run = check(R"(
h1: Consultation { open_to_all = false }
h2: Consultation { open_to_all = false }
deviation H-OPEN for h1 because "lukket arbeidsgruppe"
)");
  EXPECT_EQ(run.verdictsFor("H-OPEN", "h1"), std::vector<Verdict>{Verdict::deviated});
  EXPECT_EQ(run.verdictsFor("H-OPEN", "h2"), std::vector<Verdict>{Verdict::violated});
  // A violated bør rule is a warning: exit code 0.
  EXPECT_EQ(exitCodeFor(*run.model, run.result, false), 0);
}

TEST(Strengths, ExitCodeOnlyForMaaAndSkalAndGapsWithStrict) {
  auto violated = check(R"(
p: Product { consultations = { h1 } }
h1: Consultation { kind = hoering  opens = 2024-03-01  closes = 2024-03-20 }
)");
  EXPECT_EQ(exitCodeFor(*violated.model, violated.result, false), 1);
  auto gap = check("p: Product { level = anbefalt }\n");
  EXPECT_EQ(exitCodeFor(*gap.model, gap.result, false), 0);
  EXPECT_EQ(exitCodeFor(*gap.model, gap.result, true), 1);
  auto advice = check("p: Product { level = veileder  effects = true  consultations = {} }\n");
  EXPECT_EQ(advice.verdict("K-1"), Verdict::violated);
  EXPECT_EQ(exitCodeFor(*advice.model, advice.result, true), 0);
}

TEST(Months, ThreeMonthsFollowsDomstolloven148) {
  // 2023-11-30 + 3 months = 2024-02-29 (leap year: the last day of February).
  auto exact = check(R"(
p: Product { consultations = { h1 } }
h1: Consultation { kind = hoering  opens = 2023-11-30  closes = 2024-02-29  note = "" }
)");
  EXPECT_EQ(exact.verdict("H-3M"), Verdict::satisfied);
  auto dayShort = check(R"(
p: Product { consultations = { h1 } }
h1: Consultation { kind = hoering  opens = 2023-11-30  closes = 2024-02-28  note = "" }
)");
  EXPECT_EQ(dayShort.verdict("H-3M"), Verdict::violated);
}

TEST(Months, SymbolicDateUsesTheSameCalendarRule) {
  // opens is unknown; closes = 2024-02-29. opens + 3 months <= closes holds
  // exactly for opens on or before 2023-11-30 (2023-11-30 + 3 months = 2024-02-29,
  // 2023-12-01 + 3 months = 2024-03-01).
  auto run = check(R"(
p: Product { consultations = { h1 } }
h1: Consultation { kind = hoering  closes = 2024-02-29  note = "" }
)");
  const Finding* f = run.finding("H-3M", "h1");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->verdict, Verdict::gap);
  ASSERT_EQ(f->gaps.size(), 1u);
  EXPECT_EQ(attribute(run, f->gaps[0]), "h1.opens");
  EXPECT_EQ(f->gaps[0].bound, BoundSide::on_or_before);
  EXPECT_EQ(gapExampleText(*run.model, f->gaps[0], Lang::en), "2023-11-30");
}

TEST(Reports, TwoRunsAreByteIdentical) {
  const char* body = R"(
p: Product { level = anbefalt  consultations = { h1, h2 } }
h1: Consultation { kind = hoering  opens = 2024-03-01  closes = 2024-04-05 }
h2: Consultation { kind = innspillsrunde  open_to_all = false }
deviation H-OPEN for h2 because "lukket"
)";
  auto a = check(body);
  auto b = check(body);
  EXPECT_EQ(a.text(Lang::nb), b.text(Lang::nb));
  EXPECT_EQ(a.json(), b.json());
  EXPECT_NE(a.text(Lang::nb).find("1 brudd, 2 mangler, 1 avvik"), std::string::npos) << a.text(Lang::nb);
  EXPECT_NE(a.text(Lang::en).find("1 violation, 2 gaps, 1 deviation"), std::string::npos) << a.text(Lang::en);
}

/// A rule over linear equations of four unknowns (products of unknowns are
/// refused by semantic analysis): beyond what a small limit settles.
void expectHardRuleUnknown(const CheckOptions& opt) {
  const char* hard = R"(module h "hard"
type N { a: int  b: int  c: int  d: int }
rule FERMAT skal
  title nb "Fermat" en "Fermat"
  source "none"
  for n: N
  require not (n.a * 12345 + n.b * 54321 + n.c * 98765 + n.d * 31337 == 1234567891 and n.a * 7 - n.b * 3 + n.d * 11 == 5
               and n.a >= 0 and n.b >= 0 and n.c >= 0 and n.d >= 0)
)";
  auto run = runTexts({{"h.rules", hard}}, "case \"x\" uses h\nn1: N {}\n", opt);
  ASSERT_TRUE(run.checked) << run.errors();
  EXPECT_EQ(run.verdict("FERMAT"), Verdict::unknown);
  ASSERT_NE(run.finding("FERMAT"), nullptr);
  EXPECT_FALSE(run.finding("FERMAT")->unknownReason.empty());
}

TEST(Limits, HardRuleUnderATinyTimeoutIsUnknown) {
  CheckOptions opt;
  opt.timeoutMs = 1;
  opt.rlimit = 1000;
  expectHardRuleUnknown(opt);
}

TEST(Limits, TheResourceLimitAloneStopsAHardQuestion) {
  // No time limit: the resource limit bounds the question by itself, the
  // same on any machine.
  CheckOptions opt;
  opt.timeoutMs = 0;
  opt.rlimit = 1000;
  expectHardRuleUnknown(opt);
}

TEST(Limits, TheTimeLimitAloneStopsAHardQuestion) {
  // No resource limit: without its wall-clock limit this question runs for
  // minutes. The check thread's watchdog (not a Z3 timer per check) ends
  // it, as unknown, with the reason Z3 gives its own timer.
  CheckOptions opt;
  opt.timeoutMs = 50;
  opt.rlimit = 0;
  auto run = runTexts({{"h.rules", R"(module h "hard"
type N { a: int  b: int  c: int  d: int }
rule FERMAT skal
  title nb "Fermat" en "Fermat"
  source "none"
  for n: N
  require not (n.a * 12345 + n.b * 54321 + n.c * 98765 + n.d * 31337 == 1234567891 and n.a * 7 - n.b * 3 + n.d * 11 == 5
               and n.a >= 0 and n.b >= 0 and n.c >= 0 and n.d >= 0)
)"}},
                      "case \"x\" uses h\nn1: N {}\n", opt);
  ASSERT_TRUE(run.checked) << run.errors();
  EXPECT_EQ(run.verdict("FERMAT"), Verdict::unknown);
  ASSERT_NE(run.finding("FERMAT"), nullptr);
  // Stopped mid-question, Z3 says "canceled", or, when the stop reaches its
  // arithmetic first (seen under ASan), that the arithmetic is incomplete.
  const std::string& reason = run.finding("FERMAT")->unknownReason;
  EXPECT_TRUE(reason == "canceled" || reason.find("incomplete") != std::string::npos) << reason;
}

// A product of two unknowns is nonlinear arithmetic the solver cannot decide
// within a bound: semantic analysis refuses it, located, in both languages;
// a product with a constant stays allowed.
TEST(Limits, AProductOfTwoUnknownsIsRefusedWithItsLocation) {
  const char* module = R"(module h "hard"
type N { a: int  b: int  c: int }
rule CUBE skal
  title nb "Kube" en "Cube"
  source "none"
  for n: N
  require n.a * 2 + 3 * n.b + (2 * 3) * n.c < n.a * n.a * n.a
)";
  auto run = runTexts({{"h.rules", module}}, "case \"x\" uses h\nn1: N {}\n");
  ASSERT_FALSE(run.checked);
  std::string en = run.errors(), nb = renderAll(run.sm, run.diags, Lang::nb);
  EXPECT_NE(en.find("h.rules:7:47: error: cannot multiply two values that are not constants; the solver cannot decide "
                    "such (nonlinear) arithmetic reliably, so one side must be a number"),
            std::string::npos)
      << en;
  EXPECT_NE(nb.find("h.rules:7:47: error: kan ikke multiplisere to verdier som ikke er konstanter"), std::string::npos)
      << nb;
  EXPECT_EQ(en.find("7:11"), std::string::npos) << en;  // the products with a constant are fine
}

// Integers are 64-bit: no value a case can declare exceeds the largest, so a
// rule asking for one is violated (not a gap whose example would be false), and
// the repair does not claim a value that fixes it.
TEST(Limits, NoIntegerPastTheLargestIsOfferedAsAFix) {
  const char* module = R"(module i "ints"
type T { a: int }
rule I-1 skal
  title nb "Stor" en "Big"
  source "none"
  for t: T
  require t.a > 9223372036854775807
rule I-2 skal
  title nb "Nesten" en "Almost"
  source "none"
  for t: T
  require t.a + 1 > 9223372036854775807
)";
  auto run = runTexts({{"i.rules", module}}, "case \"x\" uses i\nx: T {}\ny: T { a = 9223372036854775807 }\n");
  ASSERT_TRUE(run.checked) << run.errors();
  const Finding* open = run.finding("I-1", "x");
  ASSERT_TRUE(open);
  EXPECT_EQ(open->verdict, Verdict::violated);
  const Finding* declared = run.finding("I-2", "y");
  ASSERT_TRUE(declared);
  EXPECT_EQ(declared->verdict, Verdict::satisfied);  // exact arithmetic: no wrap-around
  const Finding* gap = run.finding("I-2", "x");
  ASSERT_TRUE(gap);
  EXPECT_EQ(gap->verdict, Verdict::gap);
  std::string en = run.text(Lang::en);
  EXPECT_NE(en.find("declare x.a = 9223372036854775807"), std::string::npos) << en;
  EXPECT_EQ(en.find("x.a = 0"), std::string::npos) << en;
}

// Durations are worded in the report's language: "14 dager" in Norwegian.
TEST(Reports, DurationsInTheReportsLanguage) {
  const char* module = R"(module d "durations"
type Plan { notice: duration }
rule D-14 skal
  title nb "Varsel minst to uker" en "Notice of at least two weeks"
  source "none"
  for p: Plan
  require p.notice >= 14 days
)";
  auto run = runTexts({{"d.rules", module}}, "case \"x\" uses d\np1: Plan { notice = 10 days }\np2: Plan {}\n");
  ASSERT_TRUE(run.checked) << run.errors();
  const Finding* violated = run.finding("D-14", "p1");
  ASSERT_TRUE(violated && violated->verdict == Verdict::violated && violated->because.size() == 1u);
  EXPECT_EQ(fact(run, violated->because[0], Lang::nb), "p1.notice = 10 dager");
  EXPECT_EQ(fact(run, violated->because[0], Lang::en), "p1.notice = 10 days");
  std::string nb = run.text(Lang::nb), en = run.text(Lang::en);
  EXPECT_NE(nb.find("deklarer p2.notice = 14 dager eller større (avgjør D-14 alene)"), std::string::npos) << nb;
  EXPECT_NE(en.find("declare p2.notice = 14 days or greater (settles D-14 on its own)"), std::string::npos) << en;
  EXPECT_EQ(nb.find("days"), std::string::npos) << nb;
}

}  // namespace
