// The commands as the CLI runs them, on a small rulebase in a temporary
// folder: lint's findings and witnesses in each language, intended findings,
// explain, and check over a JSON-lines stream on several workers.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>

#include "command_run.hpp"
#include "engine/driver/commands.hpp"

using namespace samsvar;
using samsvar::testing::Output;
using samsvar::testing::runCommand;
namespace fs = std::filesystem;

namespace {

// Two rules that contradict each other wherever both apply; the analysis'
// witness has a set that holds one element and lacks another.
const char* kRules = R"(module a "analysis"
enum Group { barn, eldre }
type P { groups: set<Group>  weeks: int }
rule C-1 skal
  title nb "Minst seks uker" en "At least six weeks"
  source "s"
  for p: P
  when barn in p.groups and not (eldre in p.groups)
  require p.weeks >= 6
rule C-2 skal
  title nb "Under tre uker" en "Under three weeks"
  source "s"
  for p: P
  when barn in p.groups and not (eldre in p.groups)
  require p.weeks < 3
)";

class Commands : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("samsvar-commands-" + std::to_string(::getpid()));
    fs::create_directories(dir_);
    std::ofstream(dir_ / "a.rules") << kRules;
  }
  void TearDown() override { fs::remove_all(dir_); }

  CommonOptions common(Lang lang) const {
    CommonOptions c;
    c.rules = {dir_.string()};
    c.lang = lang;
    return c;
  }

  template <class Run>
  Output run(const Run& command, const std::string& input = "") {
    return runCommand(command, input);
  }

  Output lint(Lang lang) {
    LintCommand l;
    l.paths = {dir_.string()};
    return run([&](const Streams& io) { return runLint(common(lang), l, io); });
  }

  fs::path dir_;
};

TEST_F(Commands, LintInNorwegianHasNoEnglishWitnessWords) {
  Output nb = lint(Lang::nb);
  EXPECT_EQ(nb.code, 0) << nb.err;
  EXPECT_NE(nb.err.find("warning: `C-1` og `C-2` motsier hverandre der begge gjelder"), std::string::npos) << nb.err;
  EXPECT_NE(nb.err.find("note: vitne: p1.groups inneholder barn, p1.groups inneholder ikke eldre\n"), std::string::npos)
      << nb.err;
  for (const char* english : {" contains ", " lacks ", "witness", "is here"})
    EXPECT_EQ(nb.err.find(english), std::string::npos) << english << " in:\n" << nb.err;
  EXPECT_EQ(nb.out, "ok: 1 moduler, 2 regler, 0 saker; 1 advarsler, 0 tilsiktede analysefunn\n");

  Output en = lint(Lang::en);
  EXPECT_NE(en.err.find("note: witness: p1.groups contains barn, p1.groups lacks eldre\n"), std::string::npos) << en.err;
  EXPECT_NE(en.err.find("help: fix the rules, or document the finding in rules/lint-intended.txt as "
                        "`conflict C-1 C-2 : reason`"),
            std::string::npos)
      << en.err;
}

TEST_F(Commands, ADocumentedFindingIsANoteWithItsReason) {
  std::ofstream(dir_ / "lint-intended.txt") << "# kept on purpose\nconflict C-1 C-2 : two readings of one sentence\n";
  Output en = lint(Lang::en);
  EXPECT_EQ(en.code, 0) << en.err;
  EXPECT_NE(en.err.find("a.rules:4:6: note: `C-1` and `C-2` contradict each other wherever both apply"),
            std::string::npos)
      << en.err;
  EXPECT_NE(en.err.find("help: intended: two readings of one sentence\n"), std::string::npos) << en.err;
  EXPECT_EQ(en.out, "ok: 1 modules, 2 rules, 0 cases; 0 warnings, 1 intended analysis findings\n");
}

TEST_F(Commands, ExplainShowsTheStrengthAndNorwegianExamples) {
  ExplainCommand e{"C-1", {}, {}};
  Output nb = run([&](const Streams& io) { return runExplain(common(Lang::nb), e, io); });
  EXPECT_EQ(nb.code, 0) << nb.err;
  EXPECT_EQ(nb.out.rfind("C-1 [skal] (", 0), 0u) << nb.out;
  EXPECT_NE(nb.out.find("  styrke: skal følges; avvik krever skriftlig begrunnelse (særlige omstendigheter)\n"),
            std::string::npos)
      << nb.out;
  EXPECT_NE(nb.out.find("    p1.groups inneholder barn\n"), std::string::npos) << nb.out;
  EXPECT_EQ(nb.out.find(" contains "), std::string::npos) << nb.out;
}

TEST_F(Commands, ExplainAnUnknownRuleSuggestsTheClosest) {
  ExplainCommand e{"C-3", {}, {}};
  Output en = run([&](const Streams& io) { return runExplain(common(Lang::en), e, io); });
  EXPECT_EQ(en.code, 2);
  EXPECT_EQ(en.out, "");
  EXPECT_EQ(en.err, "error: unknown rule `C-3`\nhelp: did you mean `C-1`?\n");
}

TEST_F(Commands, CheckAStreamOnTwoWorkersInInputOrder) {
  std::string input;
  for (int k = 0; k < 6; ++k) {
    std::string weeks = k % 2 ? "2" : "8";
    input += "{\"name\": \"c" + std::to_string(k) + ".case\", \"text\": \"case \\\"Sak " + std::to_string(k) +
             "\\\" uses a\\np: P { groups = { barn } weeks = " + weeks + " }\\n\"}\n";
  }
  input += "{\"name\": \"bad.case\", \"text\": \"case \\\"x\\\" uses a\\nbad\\n\"}\n";
  CheckCommand c;
  c.cases = {"-"};
  c.jobs = 2;
  c.format = "json";
  Output two = run([&](const Streams& io) { return runCheck(common(Lang::en), c, io); }, input);
  c.jobs = 1;
  Output one = run([&](const Streams& io) { return runCheck(common(Lang::en), c, io); }, input);
  EXPECT_EQ(two.out, one.out);
  EXPECT_EQ(two.err, one.err);
  EXPECT_EQ(two.code, 2) << "a case that does not load is bad input";
  EXPECT_NE(two.err.find("bad.case:2:1: error"), std::string::npos) << two.err;
  // One JSON line per case that loaded, in input order.
  std::size_t at = 0;
  for (int k = 0; k < 6; ++k) {
    std::size_t found = two.out.find("\"title\":\"Sak " + std::to_string(k) + "\"", at);
    ASSERT_NE(found, std::string::npos) << k << " out of order in:\n" << two.out;
    at = found;
  }
  // Then one line with the input errors (docs/input-errors-schema.json).
  EXPECT_EQ(std::count(two.out.begin(), two.out.end(), '\n'), 7);
  const std::string last = two.out.substr(two.out.rfind('\n', two.out.size() - 2) + 1);
  EXPECT_EQ(last.rfind("{\"schema\":\"samsvar-input-errors/1\",\"exit_code\":2,\"errors\":[", 0), 0u) << last;
  EXPECT_NE(last.find("\"file\":\"bad.case\",\"line\":2,\"column\":1"), std::string::npos) << last;
}

}  // namespace
