// Golden reports: every example under examples/ is checked with the bundled
// rules (and its repair computed); the Norwegian text report and the JSON
// report must match NAME.expected.txt / NAME.expected.json beside it.
// The reports come from the command-line tool itself, one process per
// report, exactly as a user runs it (`samsvar check FILE --repair`).
// Regenerate on purpose with SAMSVAR_UPDATE_GOLDEN=1 and review the diff.
// An offer (`case … against "tender.case"`) is checked on top of its tender.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdio.h>

#include "harness.hpp"
#include "engine/repair/repair.hpp"
#include "engine/sema/sema.hpp"
#include "engine/driver/load.hpp"

namespace fs = std::filesystem;
using namespace samsvar;
using namespace samsvar::testing;

namespace {

std::vector<std::string> examples() {
  std::vector<std::string> out;
  if (!fs::exists(sourcePath("examples"))) return out;
  for (auto& e : fs::recursive_directory_iterator(sourcePath("examples")))
    if (e.path().extension() == ".case") out.push_back(fs::relative(e.path(), sourcePath("")).generic_string());
  std::sort(out.begin(), out.end());
  return out;
}

void compareOrUpdate(const std::string& path, const std::string& actual) {
  if (std::getenv("SAMSVAR_UPDATE_GOLDEN")) {
    std::ofstream(path, std::ios::binary) << actual;
    return;
  }
  ASSERT_TRUE(fs::exists(path)) << path << " is missing; run the tests with SAMSVAR_UPDATE_GOLDEN=1";
  std::string expected = readFile(path);
  EXPECT_EQ(expected, actual) << "golden report differs: " << path
                              << " (rerun with SAMSVAR_UPDATE_GOLDEN=1 if the change is intended)";
}

/// Runs the samsvar binary from the source tree and returns its stdout.
std::string runCli(const std::string& args) {
  std::string cmd = "cd '" + sourcePath("") + "' && '" SAMSVAR_BINARY "' " + args + " 2>/dev/null";
  std::string out;
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return out;
  char buf[65536];
  for (std::size_t n; (n = fread(buf, 1, sizeof buf, p)) > 0;) out.append(buf, n);
  pclose(p);
  return out;
}

class Golden : public ::testing::TestWithParam<std::string> {};

TEST_P(Golden, ReportsMatchAndRepairsWork) {
  const std::string file = GetParam();
  SourceManager sm;
  Diagnostics diags;
  auto rb = loadRulebase(sm, {{sourcePath("rules"), "rules/"}}, diags);
  ASSERT_TRUE(rb) << renderAll(sm, diags, Lang::en);
  auto model = loadCase(sm, *rb, sourcePath(file), file, diags);
  ASSERT_TRUE(model) << renderAll(sm, diags, Lang::en);
  Checker checker;
  CaseResult result = checker.check(*model);
  RepairResult repair = computeRepair(checker, *model, result);
  std::string stem = sourcePath(file.substr(0, file.size() - 5));
  std::string args = "check '" + file + "' --repair --lang nb";
  compareOrUpdate(stem + ".expected.txt", runCli(args));
  compareOrUpdate(stem + ".expected.json", runCli(args + " --format json"));

  // Every example shows at least one violation, gap or deviation.
  bool shows = false;
  for (const auto& f : result.findings)
    shows |= f.verdict == Verdict::violated || f.verdict == Verdict::gap || f.verdict == Verdict::deviated;
  EXPECT_TRUE(shows) << file << " shows neither a violation, a gap nor a deviation";

  // The repair, applied, leaves no må/skal rule violated or open.
  ASSERT_NE(repair.status, RepairResult::Status::unknown) << repair.reason;
  ASSERT_NE(repair.status, RepairResult::Status::impossible);
  model::Model fixed = applyRepair(*model, repair);
  CaseResult again = checker.check(fixed);
  EXPECT_EQ(exitCodeFor(fixed, again, true), 0)
      << file << ": the repair does not make the case pass:\n"
      << renderText(ReportInput{sm, fixed, again, Lang::en});
}

INSTANTIATE_TEST_SUITE_P(Examples, Golden, ::testing::ValuesIn(examples()),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           std::string s = info.param;
                           for (char& c : s)
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           return s;
                         });
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(Golden);

}  // namespace

namespace {

// The README's walkthrough shows real reports: each block after
// `<!-- output: PATH -->` must be the golden report PATH, byte for byte.
TEST(Readme, WalkthroughOutputsAreTheGoldenReports) {
  std::string readme = readFile(sourcePath("README.md"));
  const std::string marker = "<!-- output: ";
  std::size_t blocks = 0;
  for (std::size_t at = readme.find(marker); at != std::string::npos; at = readme.find(marker, at + 1)) {
    std::size_t end = readme.find(" -->", at);
    ASSERT_NE(end, std::string::npos);
    std::string path = readme.substr(at + marker.size(), end - at - marker.size());
    std::size_t open = readme.find("```text\n", end);
    ASSERT_NE(open, std::string::npos) << path;
    open += 8;
    std::size_t close = readme.find("```\n", open);
    ASSERT_NE(close, std::string::npos) << path;
    EXPECT_EQ(readme.substr(open, close - open), readFile(sourcePath(path)))
        << "README block for " << path << " differs from the golden report";
    ++blocks;
  }
  EXPECT_EQ(blocks, 3u);
}

}  // namespace

namespace {

// A batch gives every case the report it gets alone, whatever the number of
// worker threads: each case is checked and repaired in its own Z3 context.
TEST(Batch, SameReportsOnOneThreadAndOnTwoAndAlone) {
  std::string one = runCli("check examples/ --repair -j1");
  std::string two = runCli("check examples/ --repair -j2");
  EXPECT_EQ(one, two);
  std::string alone = runCli("check examples/vendor/anbud-trygghetsalarm-vkp.case --repair");
  ASSERT_FALSE(alone.empty());
  EXPECT_NE(one.find(alone), std::string::npos) << "the batch report differs from the single run";
}

// Errors of a batch come in input order whichever worker loads a case first.
TEST(Batch, ErrorsInInputOrder) {
  std::string lines;
  for (int k = 0; k < 6; ++k)
    lines += "{\"name\": \"bad" + std::to_string(k) + ".case\", \"text\": \"case \\\"x\\\" uses felles\\nbad\\n\"}\n";
  std::string cmd = "cd '" + sourcePath("") + "' && printf '%s' '" + lines + "' | '" SAMSVAR_BINARY "' check - -j 2 2>&1 >/dev/null";
  for (int run = 0; run < 3; ++run) {
    FILE* p = popen(cmd.c_str(), "r");
    ASSERT_NE(p, nullptr);
    std::string out;
    char buf[4096];
    for (std::size_t n; (n = fread(buf, 1, sizeof buf, p)) > 0;) out.append(buf, n);
    pclose(p);
    std::size_t at = 0;
    for (int k = 0; k < 6; ++k) {
      std::size_t found = out.find("bad" + std::to_string(k) + ".case:2:1: error", at);
      ASSERT_NE(found, std::string::npos) << "bad" << k << " out of order in:\n" << out;
      at = found;
    }
  }
}

}  // namespace
