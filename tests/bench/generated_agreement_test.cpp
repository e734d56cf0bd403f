// The generated workload (bench/workload.hpp) must mean the same thing in both
// of its languages: for every rule of every case, samsvar's verdict equals the
// one read off clingo's cautious and brave consequences. This keeps the
// side-by-side benchmark honest (both engines decide the same question) and
// checks samsvar's verdicts against an independent solver.
#include <gtest/gtest.h>

#if __has_include("workload.hpp")

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <map>
#include <sstream>
#include <string>

#include "engine/check/check.hpp"
#include "core/diagnostic.hpp"
#include "engine/sema/sema.hpp"
#include "workload.hpp"
#include "engine/driver/load.hpp"

namespace fs = std::filesystem;
using namespace samsvar;

namespace {

/// clingo on PATH, or "" when it is not installed.
std::string findClingo() {
  const char* path = std::getenv("PATH");
  std::stringstream dirs(path ? path : "");
  for (std::string dir; std::getline(dirs, dir, ':');) {
    if (dir.empty()) continue;
    fs::path p = fs::path(dir) / "clingo";
    if (::access(p.c_str(), X_OK) == 0) return p.string();
  }
  return "";
}

/// A fresh directory under the system temp dir, removed at the end of the test.
struct TempDir {
  fs::path path;
  explicit TempDir(const std::string& tag) {
    path = fs::temp_directory_path() /
           ("samsvar-agreement-" + tag + "-" + std::to_string(::getpid()));
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

/// Generates, checks with the engine and with clingo, and compares rule by rule.
/// Returns the tally of verdicts (for the coverage assertions of the callers).
std::map<std::string, int> expectAgreement(const bench::WorkloadSpec& spec) {
  std::map<std::string, int> tally;
  std::string clingo = findClingo();
  if (clingo.empty()) return tally;
  TempDir dir("r" + std::to_string(spec.rules) + "-s" + std::to_string(spec.seed));
  bench::Workload w = bench::generateWorkload(spec);
  bench::WorkloadFiles files = bench::writeWorkload(w, dir.path.string());

  SourceManager sm;
  Diagnostics diags;
  auto rulebase = loadRulebase(sm, {{files.rulesDir, ""}}, diags);
  EXPECT_TRUE(rulebase) << renderAll(sm, diags, Lang::en);
  if (!rulebase) return tally;
  EXPECT_FALSE(diags.hasErrors()) << renderAll(sm, diags, Lang::en);
  Checker checker;
  for (int k = 0; k < spec.cases; ++k) {
    SCOPED_TRACE("case " + files.caseFiles[k] + " with " + files.aspRules + " + " + files.aspCases[k]);
    Diagnostics cd;
    auto cf = loadFile(sm, files.caseFiles[k], files.caseFiles[k], cd);
    std::optional<model::Model> m;
    if (cf) m = analyzeCase(*rulebase, sm, *cf, cd);
    EXPECT_TRUE(m) << renderAll(sm, cd, Lang::en);
    if (!m) continue;
    CaseResult r = checker.check(*m);

    std::map<std::string, std::string> engine;  // rule id -> verdict
    for (const auto& f : r.findings) {
      const std::string& id = m->rules[f.rule].id;
      EXPECT_TRUE(engine.emplace(id, verdictName(f.verdict)).second) << id << " has two findings";
    }
    EXPECT_EQ(engine.size(), static_cast<std::size_t>(spec.rules));

    std::string error;
    auto cons = bench::runClingo(clingo, files.aspRules, files.aspCases[k], error);
    EXPECT_TRUE(cons) << error;
    if (!cons) continue;
    for (int rule = 1; rule <= spec.rules; ++rule) {
      const std::string& id = w.ruleIds[rule - 1];
      std::string expected = bench::aspVerdict(*cons, rule);
      EXPECT_EQ(engine[id], expected) << "rule " << id << " of case " << k + 1;
      ++tally[expected];
    }
  }
  return tally;
}

TEST(GeneratedAgreement, TenRules) {
  if (findClingo().empty()) GTEST_SKIP() << "clingo is not installed (Debian package gringo)";
  auto tally = expectAgreement({10, 6, 50, 1});
  int total = 0;
  for (const auto& [v, n] : tally) total += n;
  EXPECT_EQ(total, 60);
}

TEST(GeneratedAgreement, HundredRules) {
  if (findClingo().empty()) GTEST_SKIP() << "clingo is not installed (Debian package gringo)";
  auto tally = expectAgreement({100, 4, 50, 2});
  // The workload must exercise every verdict, or agreement proves little.
  for (const char* v : {"satisfied", "violated", "gap", "not_applicable"}) EXPECT_GT(tally[v], 0) << v;
}

// Few attributes and many undeclared: rules share attributes across rules
// and most verdicts hinge on undeclared values, including sums of two
// undeclared ints (the corner of the exact-domain argument).
TEST(GeneratedAgreement, MostlyUndeclared) {
  if (findClingo().empty()) GTEST_SKIP() << "clingo is not installed (Debian package gringo)";
  bench::WorkloadSpec spec{100, 4, 8, 3};
  spec.declaredShare = 0.3;
  auto tally = expectAgreement(spec);
  EXPECT_GT(tally["gap"], 0);
}

TEST(GeneratedWorkload, DeterministicForASeed) {
  auto a = bench::generateWorkload({50, 3, 20, 7});
  auto b = bench::generateWorkload({50, 3, 20, 7});
  auto c = bench::generateWorkload({50, 3, 20, 8});
  EXPECT_EQ(a.rulesText, b.rulesText);
  EXPECT_EQ(a.caseTexts, b.caseTexts);
  EXPECT_EQ(a.aspRules, b.aspRules);
  EXPECT_EQ(a.aspCases, b.aspCases);
  EXPECT_NE(a.rulesText, c.rulesText);
  // A smaller workload is a prefix of a larger one: rule k and case k depend only on k.
  auto small = bench::generateWorkload({10, 1, 20, 7});
  EXPECT_EQ(small.caseTexts.front(), a.caseTexts.front());
  EXPECT_EQ(small.ruleIds, std::vector<std::string>(a.ruleIds.begin(), a.ruleIds.begin() + 10));
}

TEST(GeneratedWorkload, RejectsTooFewAttributes) {
  EXPECT_THROW(bench::generateWorkload({10, 1, 5, 1}), std::invalid_argument);
}

}  // namespace

#else

TEST(GeneratedAgreement, NeedsTheWorkloadLibrary) {
  GTEST_SKIP() << "bench/ is not built (SAMSVAR_BENCH=OFF): samsvar_workload is missing";
}

#endif
