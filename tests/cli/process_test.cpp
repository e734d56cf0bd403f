// The command line as a process: exit codes, the report on stdout and
// diagnostics on stderr, batches. Everything else about reports is tested
// through the libraries (tests/examples/golden_test.cpp); these tests show
// that the executable prints exactly those reports.
//
// Exit code 3 (internal or solver failure) is not tested here: no input
// reaches it deterministically. A solver that gives up yields the verdict
// `unknown` (exit 0 or 1), and every InternalError guards an invariant that
// checked input cannot break; provoking one would need a hook in the CLI.
#include <gtest/gtest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <nlohmann/json.hpp>
#include <sstream>

#include "harness.hpp"
#include "process.hpp"

using namespace samsvar::testing;

namespace {

const std::vector<std::string> kHearing = {"--rules", "tests/cli/hearing.rules", "--lang", "en"};

std::vector<std::string> with(std::vector<std::string> args, const std::vector<std::string>& more) {
  args.insert(args.end(), more.begin(), more.end());
  return args;
}

TEST(ExitCode, ZeroWhenEveryRuleHolds) {
  Process p = runSamsvar(with({"check", "tests/cli/clean.case", "--date", "2026-12-01"}, kHearing));
  EXPECT_EQ(p.code, 0) << p.err;
  EXPECT_EQ(p.out,
            "Case «A hearing of six weeks» (tests/cli/clean.case)\n"
            "Date: 2026-12-01 (not declared in the case; the case is judged as of this day)\n"
            "\n"
            "0 violations, 0 gaps, 0 deviations, 1 satisfied\n");
  EXPECT_EQ(p.err, "");
}

// `--date` pins the day undated cases are judged on; it must be a real date.
TEST(ExitCode, TwoForADateThatDoesNotExist) {
  Process p = runSamsvar(with({"check", "tests/cli/clean.case", "--date", "2026-02-30"}, kHearing));
  EXPECT_EQ(p.code, 2);
  EXPECT_NE(p.err.find("2026-02-30"), std::string::npos) << p.err;
  EXPECT_EQ(p.out, "");
}

// `init --date` writes the same starting case on every run, its example
// dates on that day; a day that does not exist is a usage error.
TEST(Init, DatePinsTheStartingCase) {
  Process a = runSamsvar({"init", "directorate", "--date", "2026-12-01", "--lang", "en"});
  Process b = runSamsvar({"init", "directorate", "--date", "2026-12-01", "--lang", "en"});
  EXPECT_EQ(a.code, 0) << a.err;
  EXPECT_EQ(a.out, b.out);
  EXPECT_NE(a.out.find("  // opens = 2026-12-01\n"), std::string::npos) << a.out;
  Process bad = runSamsvar({"init", "directorate", "--date", "2026-02-30"});
  EXPECT_EQ(bad.code, 2);
  EXPECT_NE(bad.err.find("2026-02-30"), std::string::npos) << bad.err;
  EXPECT_EQ(bad.out, "");
}

TEST(ExitCode, OneWhenAMaaRuleIsViolated) {
  Process p = runSamsvar(with({"check", "tests/cli/violation.case"}, kHearing));
  EXPECT_EQ(p.code, 1) << p.err;
  EXPECT_NE(p.out.find("  error[H-6W] må: A hearing lasts at least six weeks\n"
                       "    for h = h1\n"
                       "    --> tests/cli/violation.case:2:1\n"
                       "    The hearing h1 is shorter than six weeks.\n"),
            std::string::npos)
      << p.out;
  EXPECT_NE(p.out.find("\n1 violation, 0 gaps, 0 deviations, 0 satisfied\n"), std::string::npos) << p.out;
  EXPECT_EQ(p.err, "");
}

// A gap alone passes; --strict fails it, and says so under the summary.
TEST(ExitCode, GapsFailOnlyWithStrict) {
  const std::string gapOnly = "examples/vendor/anbud-trygghetsalarm-vkp.case";
  Process lax = runSamsvar({"check", gapOnly});
  EXPECT_EQ(lax.code, 0) << lax.err;
  EXPECT_NE(lax.out.find("1 mangel"), std::string::npos) << lax.out;
  Process strict = runSamsvar({"check", gapOnly, "--strict"});
  EXPECT_EQ(strict.code, 1) << strict.err;
  EXPECT_EQ(strict.out, lax.out +
                            "--strict: ingen må/skal-regel er brutt, men sjekken feiler på grunn av 1 mangel i "
                            "må/skal-regler (avslutningskode 1). Deklarer det som avgjør reglene, eller sjekk uten "
                            "--strict.\n");
}

TEST(ExitCode, TwoForBadInputWithALocatedErrorOnStderrOnly) {
  Process p = runSamsvar(with({"check", "tests/cli/bad.case"}, kHearing));
  EXPECT_EQ(p.code, 2);
  EXPECT_EQ(p.out, "") << "nothing is reported for a case that cannot be read";
  EXPECT_EQ(p.err.rfind("tests/cli/bad.case:2:35: error: `Hearing` has no attribute `closed`\n", 0), 0u) << p.err;
  EXPECT_NE(p.err.find("help: did you mean `closes`?"), std::string::npos) << p.err;
}

TEST(ExitCode, TwoForAMissingFileAndForBadUsage) {
  Process missing = runSamsvar(with({"check", "tests/cli/no-such.case"}, kHearing));
  EXPECT_EQ(missing.code, 2);
  EXPECT_EQ(missing.out, "");
  EXPECT_NE(missing.err.find("tests/cli/no-such.case"), std::string::npos) << missing.err;

  Process usage = runSamsvar({"check", "tests/cli/clean.case", "--no-such-option"});
  EXPECT_EQ(usage.code, 2);
  EXPECT_EQ(usage.out, "");
  EXPECT_NE(usage.err.find("--no-such-option"), std::string::npos) << usage.err;
}

// The executable prints the reports the libraries render for the goldens.
TEST(Report, StdoutIsTheGoldenReport) {
  const std::string file = "examples/procurer/kritisk-info-helseforetak";
  Process text = runSamsvar({"check", file + ".case", "--repair", "--date", "2026-12-01"});
  EXPECT_EQ(text.code, 1);
  EXPECT_EQ(text.out, readFile(sourcePath(file + ".expected.txt")));
  EXPECT_EQ(text.err, "");
  Process json = runSamsvar({"check", file + ".case", "--repair", "--format", "json", "--date", "2026-12-01"});
  EXPECT_EQ(json.code, 1);
  EXPECT_EQ(json.out, readFile(sourcePath(file + ".expected.json")));
  EXPECT_EQ(json.err, "");
}

// `--all` lists satisfied findings in the JSON report; without it they are
// only counted.
TEST(Report, AllListsSatisfiedFindings) {
  Process shown = runSamsvar(with({"check", "tests/cli/clean.case", "--format", "json", "--all"}, kHearing));
  ASSERT_EQ(shown.code, 0) << shown.err;
  auto j = nlohmann::json::parse(shown.out);
  EXPECT_EQ(j["all_findings"], true);
  EXPECT_EQ(j["summary"]["satisfied"], 1);
  ASSERT_EQ(j["findings"].size(), 1u);
  EXPECT_EQ(j["findings"][0]["rule"], "H-6W");
  EXPECT_EQ(j["findings"][0]["verdict"], "satisfied");
  EXPECT_EQ(j["rules"]["H-6W"]["message"]["en"], "The hearing {h} is shorter than six weeks.");

  Process counted = runSamsvar(with({"check", "tests/cli/clean.case", "--format", "json"}, kHearing));
  ASSERT_EQ(counted.code, 0) << counted.err;
  j = nlohmann::json::parse(counted.out);
  EXPECT_EQ(j["all_findings"], false);
  EXPECT_EQ(j["summary"]["satisfied"], 1);
  EXPECT_TRUE(j["findings"].empty());
  EXPECT_TRUE(j["rules"].empty());
}

// A batch gives every case the report it gets alone, whatever the number of
// worker threads: each case is checked and repaired in its own Z3 context.
TEST(Batch, SameReportsOnOneThreadAndOnTwoAndAlone) {
  Process one = runSamsvar({"check", "examples/", "--repair", "-j1"});
  Process two = runSamsvar({"check", "examples/", "--repair", "-j2"});
  EXPECT_EQ(one.code, 1);
  EXPECT_EQ(two.code, 1);
  EXPECT_EQ(one.out, two.out);
  Process alone = runSamsvar({"check", "examples/vendor/anbud-trygghetsalarm-vkp.case", "--repair"});
  ASSERT_FALSE(alone.out.empty());
  EXPECT_NE(one.out.find(alone.out), std::string::npos) << "the batch report differs from the single run";
}

// With --format json a batch prints one compact report per line, in input
// order, each the same document as the case's golden report.
TEST(Batch, JsonLinesAreTheGoldenReports) {
  Process p = runSamsvar({"check", "examples/vendor/", "--repair", "--format", "json", "-j2", "--date", "2026-12-01"});
  EXPECT_EQ(p.code, 1) << p.err;
  std::istringstream lines(p.out);
  std::size_t n = 0;
  for (std::string line; std::getline(lines, line); ++n) {
    auto j = nlohmann::json::parse(line);
    std::string file = j["case"]["file"];
    auto golden = nlohmann::json::parse(readFile(sourcePath(file.substr(0, file.size() - 5) + ".expected.json")));
    EXPECT_EQ(j, golden) << file;
  }
  EXPECT_EQ(n, 5u);
}

// Errors of a batch come in input order whichever worker loads a case first.
TEST(Batch, ErrorsInInputOrder) {
  std::string lines;
  for (int k = 0; k < 6; ++k)
    lines += "{\"name\": \"bad" + std::to_string(k) + ".case\", \"text\": \"case \\\"x\\\" uses felles\\nbad\\n\"}\n";
  for (int run = 0; run < 3; ++run) {
    Process p = runSamsvar({"check", "-", "-j", "2"}, lines);
    EXPECT_EQ(p.code, 2);
    EXPECT_EQ(p.out, "");
    std::size_t at = 0;
    for (int k = 0; k < 6; ++k) {
      std::size_t found = p.err.find("bad" + std::to_string(k) + ".case:2:1: error", at);
      ASSERT_NE(found, std::string::npos) << "bad" << k << " out of order in:\n" << p.err;
      at = found;
    }
  }
}

}  // namespace
