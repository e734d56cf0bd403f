// lint-intended.txt: which analysis findings are documented as intended, and why.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <unistd.h>

#include "engine/lint/intended.hpp"

using namespace samsvar;
namespace fs = std::filesystem;

namespace {

TEST(Intended, AnEntryNamesKindRuleAndOtherRules) {
  IntendedFindings f;
  f.addText("# findings we keep\n"
            "\n"
            "redundant HOR-03 HOR-01 : each source sentence keeps its own rule\n"
            "conflict HOR-06 HOR-15 : engine limitation\n");
  EXPECT_EQ(f.size(), 2u);
  ASSERT_NE(f.reasonFor("redundant HOR-03 HOR-01"), nullptr);
  EXPECT_EQ(*f.reasonFor("redundant HOR-03 HOR-01"), "each source sentence keeps its own rule");
  EXPECT_EQ(*f.reasonFor("conflict HOR-06 HOR-15"), "engine limitation");
  // Another kind, another order or a missing rule is another finding.
  EXPECT_EQ(f.reasonFor("conflict HOR-03 HOR-01"), nullptr);
  EXPECT_EQ(f.reasonFor("redundant HOR-01 HOR-03"), nullptr);
  EXPECT_EQ(f.reasonFor("redundant HOR-03"), nullptr);
}

TEST(Intended, BlanksBetweenWordsAndLineEndingsDoNotMatter) {
  IntendedFindings f;
  f.addText("never_applies   PLAN-01\t : two steps needed\r\nunsatisfiable ROLE-20 : four contributors");
  ASSERT_NE(f.reasonFor("never_applies PLAN-01"), nullptr);
  EXPECT_EQ(*f.reasonFor("never_applies PLAN-01"), "two steps needed");
  ASSERT_NE(f.reasonFor("unsatisfiable ROLE-20"), nullptr);
  EXPECT_EQ(*f.reasonFor("unsatisfiable ROLE-20"), "four contributors");
}

TEST(Intended, LinesWithoutAReasonAndCommentsAreNoEntries) {
  IntendedFindings f;
  f.addText("#redundant A-1 A-2 : commented out\nredundant B-1 B-2\nredundant C-1 C-2: no blank before the colon\n");
  EXPECT_EQ(f.size(), 0u);
  EXPECT_EQ(f.reasonFor("redundant A-1 A-2"), nullptr);
  EXPECT_EQ(f.reasonFor("redundant B-1 B-2"), nullptr);
}

TEST(Intended, ALaterEntryReplacesAnEarlierOne) {
  IntendedFindings f;
  f.addText("redundant A-1 A-2 : first\n");
  f.addText("redundant A-1 A-2 : second\n");
  EXPECT_EQ(*f.reasonFor("redundant A-1 A-2"), "second");
}

TEST(Intended, ReadFromTheFileBesideTheRules) {
  fs::path dir = fs::temp_directory_path() / ("samsvar-intended-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::ofstream(dir / "lint-intended.txt") << "conflict X-1 X-2 : documented\n";
  IntendedFindings f;
  f.addFileIn(dir.string());
  f.addFileIn((dir / "no-such-folder").string());  // nothing documented there
  fs::remove_all(dir);
  ASSERT_NE(f.reasonFor("conflict X-1 X-2"), nullptr);
  EXPECT_EQ(*f.reasonFor("conflict X-1 X-2"), "documented");
}

}  // namespace
