// The exact evaluation pass (engine/check/evaluate.hpp) is an optimisation: with it
// and without it, every binding of every rule must get the same verdict,
// location, explanation and gap description. Z3 is the judge: the reference
// run lowers and asks every binding.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "engine/check/check.hpp"
#include "harness.hpp"
#include "engine/driver/load.hpp"

#if __has_include("workload.hpp")
#include <unistd.h>

#include "engine/sema/sema.hpp"
#include "workload.hpp"
#define SAMSVAR_HAVE_WORKLOAD 1
#endif

namespace fs = std::filesystem;
using namespace samsvar;

namespace {

std::string describe(const model::Model& m, const Finding& f) {
  std::string s = m.rules[f.rule].id + " [" + bindingText(m, f) + "] " + verdictName(f.verdict) + "/" +
                  verdictName(f.underlying) + " @" + std::to_string(f.location.file) + ":" +
                  std::to_string(f.location.begin);
  // A violation can have several minimal explanations; the pass searches
  // among the facts its evaluation read, so only their presence must agree
  // (tests/engine/check/check_test.cpp checks that explanations are minimal).
  if (!f.because.empty()) s += " explained";
  // A gap's example value is any model the solver finds; only a bound
  // ("on or after …") is a property of the case.
  for (const auto& g : f.gaps)
    s += " gap " + attributeName(m, g.instance, g.attr) +
         (g.bound == BoundSide::none ? "" : std::string(" ") + boundSideName(g.bound) + " " + gapExampleText(m, g, Lang::en));
  return s;
}

/// Checks `m` with and without the pass and compares finding by finding.
/// Returns how many bindings the pass decided without lowering them.
std::size_t expectSameFindings(const model::Model& m, const std::string& what) {
  CheckOptions folded, reference;
  reference.fold = false;
  Checker a(folded), b(reference);
  CaseResult fr = a.check(m), rr = b.check(m);
  EXPECT_EQ(fr.findings.size(), rr.findings.size()) << what;
  for (std::size_t i = 0; i < std::min(fr.findings.size(), rr.findings.size()); ++i)
    EXPECT_EQ(describe(m, fr.findings[i]), describe(m, rr.findings[i])) << what << " finding " << i;
  EXPECT_EQ(rr.evaluated, 0u);
  return fr.evaluated;
}

std::vector<std::string> bundledCases() {
  std::vector<std::string> out;
  for (const char* dir : {"examples", "tests/rules"})
    for (const auto& e : fs::recursive_directory_iterator(samsvar::testing::sourcePath(dir)))
      if (e.path().extension() == ".case") out.push_back(e.path().string());
  std::sort(out.begin(), out.end());
  return out;
}

TEST(ExactEvaluation, AgreesWithZ3OnEveryBundledCase) {
  SourceManager sm;
  Diagnostics diags;
  auto rb = loadRulebase(sm, {{samsvar::testing::sourcePath("rules"), "rules/"}}, diags);
  ASSERT_TRUE(rb);
  std::size_t cases = 0, bindings = 0, evaluated = 0;
  for (const auto& path : bundledCases()) {
    Diagnostics cd;
    auto m = loadCase(sm, *rb, path, path, cd);
    if (!m) continue;  // tests/rules also holds cases that must be rejected
    ++cases;
    evaluated += expectSameFindings(*m, path);
    Checker c;
    bindings += c.check(*m).findings.size();
  }
  EXPECT_GE(cases, 60u);
  // Most bindings of the bundled cases are fully declared; the pass must
  // decide them (or it is not doing its job), and leave the rest to Z3.
  EXPECT_GT(evaluated * 2, bindings) << evaluated << " of " << bindings;
  EXPECT_LT(evaluated, bindings);
}

#ifdef SAMSVAR_HAVE_WORKLOAD
TEST(ExactEvaluation, AgreesWithZ3OnGeneratedWorkloads) {
  for (bench::WorkloadSpec spec : {bench::WorkloadSpec{200, 6, 50, 11}, bench::WorkloadSpec{100, 6, 8, 12}}) {
    if (spec.facts == 8) spec.declaredShare = 0.3;
    fs::path dir = fs::temp_directory_path() / ("samsvar-eval-" + std::to_string(spec.seed) + "-" +
                                                std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    bench::Workload w = bench::generateWorkload(spec);
    bench::WorkloadFiles files = bench::writeWorkload(w, dir.string());
    SourceManager sm;
    Diagnostics diags;
    auto rb = loadRulebase(sm, {{files.rulesDir, ""}}, diags);
    ASSERT_TRUE(rb);
    for (const auto& c : files.caseFiles) {
      Diagnostics cd;
      auto m = loadCase(sm, *rb, c, c, cd);
      ASSERT_TRUE(m) << c;
      expectSameFindings(*m, c);
    }
    fs::remove_all(dir);
  }
}
#endif

}  // namespace
