// The bound step of a repair ("2024-04-12 or later"): every moved number or
// date open at once in one check, and each on its own only where that one
// check cannot tell, gives the same bounds as one check per moved value
// (which made N independent products N checks of the whole case).
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "core/calendar.hpp"
#include "engine/driver/load.hpp"
#include "engine/repair/repair.hpp"
#include "engine/repair/verify.hpp"
#include "harness.hpp"
#include "test_rules.hpp"

namespace fs = std::filesystem;
using namespace samsvar;
using namespace samsvar::testing;

namespace {

std::vector<BoundSide> bounds(const RepairResult& r) {
  std::vector<BoundSide> out;
  for (const auto& c : r.changes) out.push_back(c.bound);
  return out;
}

/// The bounds of `r` recomputed one moved value at a time, and together.
void expectSameBounds(const Checker& checker, const model::Model& m, const RepairResult& r, const std::string& what) {
  RepairResult alone = r, together = r;
  for (auto* x : {&alone, &together})
    for (auto& c : x->changes) c.bound = BoundSide::none;
  describeBounds(checker, m, alone, /*together=*/false);
  describeBounds(checker, m, together, /*together=*/true);
  EXPECT_EQ(bounds(alone), bounds(together)) << what;
  EXPECT_EQ(bounds(together), bounds(r)) << what;
}

TEST(RepairBounds, EveryMovedDateOfIndependentProductsGetsItsBound) {
  std::string body;
  for (int i = 1; i <= 3; ++i) {
    std::string k = std::to_string(i);
    body += "p" + k + ": Product { level = anbefalt  consultations = { h" + k + " } }\n" + "h" + k +
            ": Consultation { kind = hoering  opens = 2024-03-01  closes = 2024-04-05  note = \"kort frist\"  open_to_all = true }\n";
  }
  auto run = runTexts({{"t.rules", kTestModule}}, "case \"test\" uses t\n" + body);
  ASSERT_TRUE(run.checked) << run.errors();
  Checker checker;
  RepairResult r = computeRepair(checker, *run.model, run.result);
  ASSERT_EQ(r.status, RepairResult::Status::found);
  ASSERT_EQ(r.changes.size(), 3u);
  for (const auto& c : r.changes) {
    EXPECT_EQ(c.value.scalar, *calendar::dayNumber(2024, 4, 12));
    EXPECT_EQ(c.bound, BoundSide::on_or_after);
  }
  std::string en = renderText(ReportInput{run.sm, *run.model, run.result, Lang::en, false, &r});
  std::string nb = renderText(ReportInput{run.sm, *run.model, run.result, Lang::nb, false, &r});
  for (const char* h : {"h1", "h2", "h3"}) {
    EXPECT_NE(en.find(std::string("change ") + h + ".closes from 2024-04-05 to 2024-04-12 or later (fixes H-6W)"),
              std::string::npos)
        << en;
    EXPECT_NE(nb.find(std::string("endre ") + h + ".closes fra 2024-04-05 til 2024-04-12 eller senere (retter H-6W)"),
              std::string::npos)
        << nb;
  }
  expectSameBounds(checker, *run.model, r, "three products");
}

TEST(RepairBounds, TogetherEqualsOneCheckPerValueOnEveryExample) {
  SourceManager sm;
  Diagnostics diags;
  auto rb = loadRulebase(sm, {{sourcePath("rules"), "rules/"}}, diags);
  ASSERT_TRUE(rb);
  std::vector<std::string> cases;
  for (auto& e : fs::recursive_directory_iterator(sourcePath("examples")))
    if (e.path().extension() == ".case") cases.push_back(e.path().string());
  std::sort(cases.begin(), cases.end());
  int withBounds = 0, moved = 0;
  for (const auto& path : cases) {
    Diagnostics cd;
    auto m = loadCase(sm, *rb, path, path, cd);
    if (!m) continue;
    Checker checker;
    CaseResult result = checker.check(*m);
    RepairResult r = computeRepair(checker, *m, result);
    if (r.status != RepairResult::Status::found) continue;
    expectSameBounds(checker, *m, r, path);
    for (const auto& c : r.changes) withBounds += c.bound != BoundSide::none;
    moved += static_cast<int>(r.changes.size());
  }
  EXPECT_GT(moved, 0);
  EXPECT_GT(withBounds, 0);  // some example has a bound to compare
}

}  // namespace
