// Golden reports: every example under examples/ is checked with the bundled
// rules (and its repair computed); the Norwegian text report and the JSON
// report must match NAME.expected.txt / NAME.expected.json beside it.
// The reports come from the libraries, the steps `samsvar check FILE --repair`
// runs (load, check, repair, render); tests/cli/process_test.cpp shows that
// the executable prints these same reports.
// Regenerate on purpose with SAMSVAR_UPDATE_GOLDEN=1 and review the diff.
// An offer (`case … against "tender.case"`) is checked on top of its tender.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <sys/wait.h>
#include <unistd.h>

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

using Example = RepairedCase;

// The JSON report lists what asks for attention and counts the rest; `--all`
// lists every finding. Either way a finding's message is its rule's template
// (in the `rules` table, once) with the finding's binding filled in, the same
// message the text report prints.
void expectJsonListsOpenFindingsAndNamesTheirRulesOnce(const Example& ex) {
  auto summary = [](const nlohmann::json& j) {
    std::size_t n = 0;
    for (const auto& [verdict, k] : j["summary"].items()) n += k.get<std::size_t>();
    return n;
  };
  for (bool all : {false, true}) {
    SCOPED_TRACE(all ? "--all" : "default");
    nlohmann::json j = nlohmann::json::parse(renderJson(ex.input(Lang::en, all)));
    EXPECT_EQ(j["all_findings"], all);
    EXPECT_EQ(summary(j), ex.result.findings.size()) << "the summary counts every finding";

    std::vector<const Finding*> listed;
    for (const auto& f : ex.result.findings)
      if (all || (f.verdict != Verdict::satisfied && f.verdict != Verdict::information &&
                  f.verdict != Verdict::not_applicable))
        listed.push_back(&f);
    ASSERT_EQ(j["findings"].size(), listed.size());

    std::set<std::string> named;
    for (std::size_t i = 0; i < listed.size(); ++i) {
      const nlohmann::json& f = j["findings"][i];
      const Finding& want = *listed[i];
      const std::string id = f["rule"];
      EXPECT_EQ(id, ex.model->rules[want.rule].id);
      EXPECT_EQ(f["verdict"], verdictName(want.verdict));
      named.insert(id);
      ASSERT_TRUE(j["rules"].contains(id)) << id << " is not in the rules table";
      for (Lang lang : {Lang::nb, Lang::en}) {
        if (f.contains("message")) {
          // A gap says what is not known, in both languages.
          EXPECT_EQ(f["message"][lang == Lang::nb ? "nb" : "en"], ruleMessage(*ex.model, want, lang)) << id;
          EXPECT_TRUE(want.verdict == Verdict::gap || want.underlying == Verdict::gap) << id;
          continue;
        }
        std::string msg = j["rules"][id]["message"][lang == Lang::nb ? "nb" : "en"];
        // What a program reading the JSON does: `{var:id}` is the bound value,
        // `{var}` its label where binding_labels has one.
        auto fill = [&msg](const std::string& key, const std::string& val) {
          for (std::size_t p = msg.find(key); p != std::string::npos; p = msg.find(key, p + val.size()))
            msg.replace(p, key.size(), val);
        };
        for (const auto& [var, value] : f["binding"].items()) {
          fill("{" + var + ":id}", value);
          const bool labelled = f.contains("binding_labels") && f["binding_labels"].contains(var);
          fill("{" + var + "}", labelled ? f["binding_labels"][var][lang == Lang::nb ? "nb" : "en"] : value);
        }
        EXPECT_EQ(msg, ruleMessage(*ex.model, want, lang)) << id;
      }
    }
    // The table holds the rules the findings and the repair name, no others.
    for (const auto& c : j["repair"]["changes"])
      for (const auto& id : c["fixes"]) named.insert(id.get<std::string>());
    for (const auto& id : j["repair"]["conflicting_rules"]) named.insert(id.get<std::string>());
    std::set<std::string> table;
    for (const auto& [id, rule] : j["rules"].items()) table.insert(id);
    EXPECT_EQ(table, named);
  }
}

class Golden : public ::testing::TestWithParam<std::string> {};

TEST_P(Golden, ReportsMatchAndRepairsWork) {
  const std::string file = GetParam();
  Example ex(file);
  ASSERT_TRUE(ex.model) << renderAll(ex.sm, ex.diags, Lang::en);
  std::string stem = sourcePath(file.substr(0, file.size() - 5));
  compareOrUpdate(stem + ".expected.txt", renderText(ex.input(Lang::nb)));
  compareOrUpdate(stem + ".expected.json", renderJson(ex.input(Lang::nb)));
  expectJsonListsOpenFindingsAndNamesTheirRulesOnce(ex);

  // Every example shows at least one violation, gap or deviation.
  bool shows = false;
  for (const auto& f : ex.result.findings)
    shows |= f.verdict == Verdict::violated || f.verdict == Verdict::gap || f.verdict == Verdict::deviated;
  EXPECT_TRUE(shows) << file << " shows neither a violation, a gap nor a deviation";

  // The repair, applied, leaves no må/skal rule violated or open.
  ASSERT_NE(ex.repair.status, RepairResult::Status::unknown) << ex.repair.reason;
  if (ex.repair.status == RepairResult::Status::impossible) {
    // Only a declared world fact may rule a repair out (a vendor is not
    // approved by NHN): every rule named violated, forced by world facts alone.
    ASSERT_FALSE(ex.repair.conflicting.empty());
    for (int rule : ex.repair.conflicting) {
      bool forcedByFacts = false;
      for (const auto& f : ex.result.findings) {
        if (f.rule != rule || f.verdict != Verdict::violated || f.because.empty()) continue;
        forcedByFacts = std::all_of(f.because.begin(), f.because.end(), [&](const ExplainedFact& e) {
          const model::Fact& fact = ex.model->facts[e.fact];
          return ex.model->types[ex.model->instances[fact.instance].type].attrs[fact.attr].isFact();
        });
      }
      EXPECT_TRUE(forcedByFacts) << file << ": " << ex.model->rules[rule].id
                                 << " conflicts, but no declared world fact forces it";
    }
    return;
  }
  model::Model fixed = applyRepair(*ex.model, ex.repair);
  CaseResult again = ex.checker.check(fixed);
  EXPECT_EQ(exitCodeFor(fixed, again, true), 0)
      << file << ": the repair does not make the case pass:\n"
      << renderText(ReportInput{ex.sm, fixed, again, Lang::en});
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

// Every samsvar command the README shows in a shell block runs as printed,
// in order (init writes the file check then reads), from a folder with the
// examples and the build: no input error, no crash. `check` may exit 1 (a
// violated rule is its answer); the rest exit 0. `serve` runs until stopped,
// so it is left out; the synopsis under "Using it" is a text block.
TEST(Readme, EveryCommandItPrintsRuns) {
  const std::string readme = readFile(sourcePath("README.md"));
  std::vector<std::string> commands;
  for (std::size_t at = readme.find("```sh\n"); at != std::string::npos; at = readme.find("```sh\n", at + 1)) {
    const std::size_t close = readme.find("```\n", at + 6);
    ASSERT_NE(close, std::string::npos);
    std::istringstream block(readme.substr(at + 6, close - at - 6));
    for (std::string line; std::getline(block, line);)
      if (line.find("build/samsvar ") != std::string::npos && line.find("samsvar serve") == std::string::npos)
        commands.push_back(line);
  }
  EXPECT_GE(commands.size(), 11u);
  const fs::path dir = fs::temp_directory_path() / ("samsvar-readme-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  // A copy, not a link: a stream may only name files inside the case roots.
  fs::copy(sourcePath("examples"), dir / "examples", fs::copy_options::recursive);
  fs::create_directory_symlink(fs::path(SAMSVAR_BINARY).parent_path(), dir / "build");
  for (const auto& command : commands) {
    std::ofstream(dir / "command.sh") << command << "\n";
    const std::string run = "cd '" + dir.string() + "' && timeout 600 sh command.sh >command.out 2>command.err";
    const int status = std::system(run.c_str());
    ASSERT_TRUE(WIFEXITED(status)) << command;
    const int code = WEXITSTATUS(status);
    const bool isCheck = command.find("samsvar check ") != std::string::npos;
    EXPECT_TRUE(code == 0 || (isCheck && code == 1))
        << command << "\nexit " << code << "\n" << readFile((dir / "command.err").string());
    EXPECT_FALSE(fs::is_empty(dir / "command.out") && fs::is_empty(dir / "command.err") &&
                 command.find(" > ") == std::string::npos)
        << command << " printed nothing";
  }
  EXPECT_TRUE(fs::exists(dir / "mitt-anbud.case"));
  fs::remove_all(dir);
}

}  // namespace
