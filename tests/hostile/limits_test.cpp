// Hostile input against the solver's limits: an undecided må/skal rule must
// never look like a pass, and every check stays bounded (nonlinear
// arithmetic refused, bindings and quantifier expansion capped, a wall-clock
// backstop). Each test runs the executable; see tests/hostile/README.md.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "harness.hpp"
#include "process.hpp"

using namespace samsvar::testing;

namespace {

constexpr double kBound = 60;  // seconds: a hang guard, not a speed target

Process run(std::vector<std::string> args, const std::string& lang) {
  args.push_back("--lang");
  args.push_back(lang);
  Process p = runSamsvar(args, "", "", kBound);
  EXPECT_FALSE(p.timedOut) << "ran past " << kBound << " s";
  EXPECT_EQ(p.signal, 0) << "killed by a signal";
  return p;
}

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

const std::string kUnknownCase = "tests/hostile/unknown_must_rule.case";

TEST(HostileUnknown, AnUndecidedMaaRuleFailsStrictAndClaimsNoRepairInEnglish) {
  Process p = run({"check", kUnknownCase, "--rlimit", "1", "--strict", "--repair"}, "en");
  EXPECT_EQ(p.code, 1) << p.out << p.err;
  EXPECT_TRUE(contains(p.out, " unknown, ")) << p.out;  // the summary counts them
  EXPECT_FALSE(contains(p.out, "nothing to repair")) << p.out;
  EXPECT_TRUE(contains(p.out, "cannot be decided: the solver did not decide the må/skal rules ")) << p.out;
  EXPECT_TRUE(contains(p.out, "HOR-02")) << p.out;
  EXPECT_TRUE(contains(p.out, "no repair can be claimed until they are")) << p.out;
}

TEST(HostileUnknown, AnUndecidedMaaRuleFailsStrictAndClaimsNoRepairInNorwegian) {
  Process p = run({"check", kUnknownCase, "--rlimit", "1", "--strict", "--repair"}, "nb");
  EXPECT_EQ(p.code, 1) << p.out << p.err;
  EXPECT_TRUE(contains(p.out, " ukjente, ")) << p.out;
  EXPECT_FALSE(contains(p.out, "ingenting å reparere")) << p.out;
  EXPECT_TRUE(contains(p.out, "kan ikke avgjøres: løseren avgjorde ikke må/skal-reglene ")) << p.out;
  EXPECT_TRUE(contains(p.out, "ingen reparasjon kan påstås før de er avgjort")) << p.out;
}

TEST(HostileUnknown, JsonReportsTheUndecidedRepairAndTheExitCode) {
  Process p = run({"check", kUnknownCase, "--rlimit", "1", "--strict", "--repair", "--format", "json"}, "en");
  EXPECT_EQ(p.code, 1) << p.err;
  EXPECT_TRUE(contains(p.out, "\"exit_code\": 1")) << p.out;
  EXPECT_TRUE(contains(p.out, "\"status\": \"undecided\"")) << p.out;
  EXPECT_TRUE(contains(p.out, "\"unresolved_rules\"")) << p.out;
}

TEST(HostileUnknown, WithoutStrictAnUnknownIsReportedButDoesNotFail) {
  // Without --strict only violations fail (documented); the unknowns are
  // still counted and the repair still refuses to claim anything.
  Process p = run({"check", kUnknownCase, "--rlimit", "1", "--repair"}, "en");
  EXPECT_EQ(p.code, 0) << p.out << p.err;
  EXPECT_TRUE(contains(p.out, " unknown, ")) << p.out;
  EXPECT_FALSE(contains(p.out, "nothing to repair")) << p.out;
}

TEST(HostileUnknown, WithEnoughBudgetTheSameCaseIsDecided) {
  Process p = run({"check", kUnknownCase, "--strict", "--repair"}, "en");
  EXPECT_FALSE(contains(p.out, " unknown, ")) << p.out;
  EXPECT_FALSE(contains(p.out, "cannot be decided")) << p.out;
}

TEST(HostileBounds, SevenBindingsOverTenInstancesStopAtTheBindingLimit) {
  // 10^7 bindings once ended in std::bad_alloc (exit 3) after 3 GB.
  Process p = run({"check", "tests/hostile/bind7x10.case"}, "en");
  EXPECT_EQ(p.code, 0) << p.err;
  EXPECT_LT(p.seconds, 30);
  EXPECT_TRUE(contains(p.out, "reason: the rule has more bindings in this case than the limit of 100000; the rest are "
                              "not decided"))
      << p.out;
  EXPECT_TRUE(contains(p.out, "1 unknown, 100000 satisfied")) << p.out;
  Process strict = run({"check", "tests/hostile/bind7x10.case", "--strict"}, "nb");
  EXPECT_EQ(strict.code, 1);
  EXPECT_TRUE(contains(strict.out, "årsak: regelen har flere bindinger i saken enn grensen på 100000")) << strict.out;
}

TEST(HostileBounds, FourNestedQuantifiersStopAtTheExpansionLimit) {
  // Once past 60 s and 2.8 GB, with neither --rlimit nor --timeout-ms helping.
  Process p = run({"check", "tests/hostile/quant_d4_n20.case", "--strict"}, "en");
  EXPECT_EQ(p.code, 1) << p.err;
  EXPECT_LT(p.seconds, 30);
  EXPECT_TRUE(contains(p.out, "reason: the rule unfolds to more than 100000 elements of quantifiers and counts in this "
                              "case; it was not asked"))
      << p.out;
  EXPECT_TRUE(contains(p.out, "20 unknown")) << p.out;
}

TEST(HostileBounds, TheWallClockBackstopIsOnByDefaultAndDocumented) {
  Process p = run({"check", "--help"}, "en");
  EXPECT_EQ(p.code, 0);
  EXPECT_TRUE(contains(p.out, "(default 10000; 0: none)")) << p.out;
}

// lint and explain ask under the same limits and take the same options; a
// question the solver gives up on is said, never dropped or shown as "none".
TEST(HostileBounds, ExplainSaysAnExampleWasNotDecidedWithinTheLimit) {
  Process en = run({"explain", "HOR-04", "--rlimit", "1"}, "en");
  EXPECT_EQ(en.code, 0) << en.err;
  EXPECT_TRUE(contains(en.out, "example that satisfies the rule (generated by Z3):\n    (not decided: ")) << en.out;
  EXPECT_FALSE(contains(en.out, "none exists")) << en.out;
  Process nb = run({"explain", "HOR-04", "--rlimit", "1"}, "nb");
  EXPECT_TRUE(contains(nb.out, "(ikke avgjort: ")) << nb.out;
  Process enough = run({"explain", "HOR-04", "--rlimit", "0"}, "en");
  EXPECT_FALSE(contains(enough.out, "not decided")) << enough.out;
}

TEST(HostileBounds, LintSaysWhichAnalysisDidNotFinish) {
  Process en = run({"lint", "rules/hoering.rules", "--rlimit", "1", "--timeout-ms", "5000"}, "en");
  EXPECT_EQ(en.code, 0) << en.err;
  EXPECT_TRUE(contains(en.err, "rules/hoering.rules:")) << en.err;
  EXPECT_TRUE(contains(en.err, "warning: the analysis of `HOR-")) << en.err;
  EXPECT_TRUE(contains(en.err, "did not finish: ")) << en.err;
  Process nb = run({"lint", "rules/hoering.rules", "--rlimit", "1"}, "nb");
  EXPECT_TRUE(contains(nb.err, "ble ikke ferdig: ")) << nb.err;
  Process bad = run({"lint", "rules/hoering.rules", "--rlimit", "-5"}, "en");
  EXPECT_EQ(bad.code, 2) << bad.err;
}

}  // namespace
