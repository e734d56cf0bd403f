// Offers against tenders: `case … against "tender.case"` loads the tender
// first, so its requirement rules see the offer's facts; a missing tender or
// a chain of offers is a located error.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "engine/check/check.hpp"
#include "harness.hpp"
#include "test_rules.hpp"
#include "engine/driver/load.hpp"

using namespace samsvar;
using namespace samsvar::testing;
namespace fs = std::filesystem;

namespace {

class Offers : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("samsvar-offers-" + std::to_string(::getpid()));
    fs::create_directories(dir_);
    write("t.rules", kTestModule);
    write("anbud.case", R"(case "Anbud" uses t
type Tilbud { frist: date }
rule KRAV-1 må
  title nb "Levering før fristen" en "Delivery before the deadline"
  source "anbud.case" section "krav 1"
  for o: Tilbud
  require o.frist <= 2026-06-30
)");
  }
  void TearDown() override { fs::remove_all(dir_); }

  void write(const std::string& name, const std::string& text) { std::ofstream(dir_ / name) << text; }

  std::optional<model::Model> load(const std::string& name) {
    rulebase_ = loadRulebase(sm_, {{(dir_ / "t.rules").string(), ""}}, diags_);
    EXPECT_TRUE(rulebase_) << renderAll(sm_, diags_, Lang::en);
    return loadCase(sm_, *rulebase_, (dir_ / name).string(), "offers/" + name, diags_);
  }

  fs::path dir_;
  SourceManager sm_;
  Diagnostics diags_;
  std::optional<model::Model> rulebase_;
};

TEST_F(Offers, TheTendersRequirementsApplyToTheOffer) {
  write("tilbud.case", "case \"Tilbud\" uses t against \"anbud.case\"\nmitt: Tilbud { frist = 2026-09-01 }\n");
  auto model = load("tilbud.case");
  ASSERT_TRUE(model) << renderAll(sm_, diags_, Lang::en);
  Checker checker;
  CaseResult r = checker.check(*model);
  const Finding* f = nullptr;
  for (const auto& x : r.findings)
    if (model->rules[x.rule].id == "KRAV-1") f = &x;
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->verdict, Verdict::violated);
  ASSERT_EQ(f->because.size(), 1u);
  EXPECT_EQ(factText(*model, f->because[0].fact, Lang::en), "mitt.frist = 2026-09-01");
  EXPECT_EQ(sm_.location(f->because[0].span), "offers/tilbud.case:2:16");
  EXPECT_EQ(sm_.location(model->rules[f->rule].idSpan), "offers/anbud.case:3:6");
}

TEST_F(Offers, AMissingTenderIsALocatedError) {
  write("tilbud.case", "case \"Tilbud\" uses t against \"finnes-ikke.case\"\n");
  EXPECT_FALSE(load("tilbud.case"));
  std::string out = renderAll(sm_, diags_, Lang::en);
  EXPECT_NE(out.find("offers/tilbud.case:1:30: error: cannot find the tender offers/finnes-ikke.case this offer answers"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("^~~~~~~~~~~~~~~~~~"), std::string::npos) << out;
}

TEST_F(Offers, AnOfferCannotBeATender) {
  write("tilbud.case", "case \"Tilbud\" uses t against \"anbud.case\"\n");
  write("tilbud2.case", "case \"Tilbud 2\" uses t against \"tilbud.case\"\n");
  EXPECT_FALSE(load("tilbud2.case"));
  std::string out = renderAll(sm_, diags_, Lang::en);
  EXPECT_NE(out.find("offers/tilbud2.case:1:32: error: offers/tilbud.case itself answers a tender"), std::string::npos)
      << out;
}

TEST_F(Offers, AgainstNeedsAFileName) {
  write("tilbud.case", "case \"Tilbud\" uses t against anbud\n");
  EXPECT_FALSE(load("tilbud.case"));
  std::string out = renderAll(sm_, diags_, Lang::en);
  EXPECT_NE(out.find("offers/tilbud.case:1:30: error:"), std::string::npos) << out;
}

}  // namespace

namespace {

// A batch can come as a JSON-lines stream: a path or the case text per line;
// a bad line is a located error and does not stop the good ones.
TEST(CaseStream, ReadsPathsAndTextsAndLocatesBadLines) {
  SourceManager sm;
  Diagnostics diags;
  std::string input =
      "{\"path\": \"examples/vendor/anbud-trygghetsalarm-vkp.case\"}\n"
      "\n"
      "{\"name\": \"inline.case\", \"text\": \"case \\\"Åpen sak\\\" uses felles\\n\"}\n"
      "{\"navn\": 1}\n"
      "ikke json\n";
  auto cases = readCaseStream(sm, "<stdin>", input, diags);
  ASSERT_EQ(cases.size(), 2u);
  EXPECT_FALSE(cases[0].inline_);
  EXPECT_EQ(cases[0].name, "examples/vendor/anbud-trygghetsalarm-vkp.case");
  EXPECT_TRUE(cases[1].inline_);
  EXPECT_EQ(cases[1].name, "inline.case");
  EXPECT_EQ(cases[1].text, "case \"Åpen sak\" uses felles\n");
  std::string errors = renderAll(sm, diags, Lang::en);
  EXPECT_NE(errors.find("<stdin>:4:1: error: line 4 has neither \"path\" nor \"text\""), std::string::npos) << errors;
  EXPECT_NE(errors.find("<stdin>:5:1: error: line 5 is not a JSON object"), std::string::npos) << errors;
}

TEST(CaseStream, AnInlineCaseIsCheckedLikeAFile) {
  SourceManager sm;
  Diagnostics diags;
  auto rb = loadRulebase(sm, {{sourcePath("rules"), "rules/"}}, diags);
  ASSERT_TRUE(rb);
  std::string text = readFile(sourcePath("examples/vendor/anbud-trygghetsalarm-vkp.case"));
  auto fromText = loadCaseText(sm, *rb, "anbud.case", text, diags);
  auto fromFile = loadCase(sm, *rb, sourcePath("examples/vendor/anbud-trygghetsalarm-vkp.case"), "anbud.case", diags);
  ASSERT_TRUE(fromText && fromFile) << renderAll(sm, diags, Lang::en);
  Checker checker;
  CaseResult a = checker.check(*fromText), b = checker.check(*fromFile);
  ASSERT_EQ(a.findings.size(), b.findings.size());
  for (std::size_t i = 0; i < a.findings.size(); ++i) EXPECT_EQ(a.findings[i].verdict, b.findings[i].verdict);
}

}  // namespace

// Why a file cannot be read is said in the language of the run, like the
// rest of the message.
TEST_F(Offers, AnUnreadableCaseIsReportedInBothLanguages) {
  fs::create_directories(dir_ / "mappe.case");
  EXPECT_FALSE(load("mappe.case"));
  ASSERT_EQ(diags_.items().size(), 1u);
  // Named as the user named it, never by a path of this machine.
  EXPECT_EQ(diags_.items()[0].message.en, "`offers/mappe.case` is a directory, not a file");
  EXPECT_EQ(diags_.items()[0].message.nb, "`offers/mappe.case` er en mappe, ikke en fil");
}
