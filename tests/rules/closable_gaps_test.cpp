// A gap says "this depends on what you have not declared yet", so declaring it
// must decide the rule. These tests take one case with a gap, add the missing
// declaration, and check that the same binding becomes satisfied (or violated):
// the gap was closable, not a finding no declaration could ever settle.
#include <gtest/gtest.h>

#include <string>

#include "harness.hpp"
#include "engine/driver/load.hpp"
#include "engine/sema/sema.hpp"
#include "grammar/parse.hpp"

using namespace samsvar;
using namespace samsvar::testing;

namespace {

/// The bundled rules/ with a case given as text.
Run runBundledText(const std::string& caseText) {
  Run run;
  run.rulebase = loadRulebase(run.sm, {{sourcePath("rules"), "rules/"}}, run.diags);
  if (run.rulebase) run.rulebase->today = testToday();
  if (!run.rulebase) return run;
  auto cf = parseFile(run.sm, run.sm.add("test.case", caseText), run.diags);
  if (!cf) return run;
  run.model = analyzeCase(*run.rulebase, run.sm, *cf, run.diags);
  if (!run.model) return run;
  Checker checker;
  run.result = checker.check(*run.model);
  run.checked = true;
  return run;
}

/// The single verdict of `rule` on the bindings of `inst` ("" when none).
std::string verdictOf(const Run& run, const std::string& rule, const std::string& inst) {
  EXPECT_TRUE(run.checked) << run.errors();
  auto vs = run.verdictsFor(rule, inst);
  if (vs.empty()) return "";
  for (auto v : vs)
    if (v != vs.front()) return "mixed";
  return std::string(verdictName(vs.front()));
}

}  // namespace

// HOR-15: a proposal that has been on høring, with no answer to whether it
// changed substantially, is a gap; the answer decides it.
TEST(ClosableGaps, NewHoeringAfterChangesIsDecidedByTheDeclaredAnswer) {
  const std::string head = R"(case "t" uses hoering
h: Consultation { kind = hoering  opens = 2024-01-08  closes = 2024-04-08 }
)";
  auto gap = runBundledText(head + "p: Product { level = anbefalt  consultations = { h }  bp4_date = 2024-09-01 }\n");
  EXPECT_EQ(verdictOf(gap, "HOR-15", "p"), "gap");

  auto unchanged = runBundledText(
      head + "p: Product { level = anbefalt  consultations = { h }  bp4_date = 2024-09-01"
             "  substantial_changes_after_hearing = false }\n");
  EXPECT_EQ(verdictOf(unchanged, "HOR-15", "p"), "satisfied");

  auto changed = runBundledText(
      head + "p: Product { level = anbefalt  consultations = { h }  bp4_date = 2024-09-01"
             "  substantial_changes_after_hearing = true }\n");
  EXPECT_EQ(verdictOf(changed, "HOR-15", "p"), "violated");

  auto repeated = runBundledText(
      head + "n: Consultation { kind = ny_hoering  opens = 2024-05-02  closes = 2024-08-02 }\n"
             "p: Product { level = anbefalt  consultations = { h, n }  bp4_date = 2024-09-01"
             "  substantial_changes_after_hearing = true }\n");
  EXPECT_EQ(verdictOf(repeated, "HOR-15", "p"), "satisfied");
}

// HOR-15 does not apply to a product that never had a høring, whatever its
// changes: an innspillsrunde alone leaves no høring to repeat.
TEST(ClosableGaps, NoHoeringMeansNoNewHoering) {
  auto run = runBundledText(R"(case "t" uses hoering
r: Consultation { kind = innspillsrunde }
p: Product { level = retningslinje  consultations = { r }  substantial_changes_after_hearing = true }
q: Product { level = veileder  consultations = {}  substantial_changes_after_hearing = true }
)");
  EXPECT_EQ(verdictOf(run, "HOR-15", "p"), "not_applicable");
  EXPECT_EQ(verdictOf(run, "HOR-15", "q"), "not_applicable");
}

// HOR-23: a product on international standards is a gap until its
// innspillsrunder are declared; declaring one that invites the utvalg
// satisfies it.
TEST(ClosableGaps, UtvalgetIsOpenUntilTheInnspillsrundeIsDeclared) {
  auto gap = runBundledText(R"(case "t" uses hoering
p: Product { level = retningslinje  international = true }
)");
  EXPECT_EQ(verdictOf(gap, "HOR-23", "p"), "gap");

  auto invited = runBundledText(R"(case "t" uses hoering
r: Consultation { kind = innspillsrunde  invited = { standardiseringsutvalget } }
p: Product { level = retningslinje  international = true  consultations = { r } }
)");
  EXPECT_EQ(verdictOf(invited, "HOR-23", "p"), "satisfied");
}
