// The warm, incremental engine (engine/driver/incremental.hpp): after a
// one-line edit, a re-check gives the report a cold check of the edited text
// gives, byte for byte (text in nb, JSON in en), over every bundled example
// edited on each of several fact lines, and over edits that add and remove
// an instance; and it re-decides only what the edit can change.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <optional>

#include "example_paths.hpp"
#include "harness.hpp"
#include "engine/driver/incremental.hpp"
#include "engine/driver/load.hpp"
#include "engine/report/report.hpp"

namespace fs = std::filesystem;
using namespace samsvar;
using namespace samsvar::testing;

namespace {

struct Rulebase {
  SourceManager sm;
  Diagnostics diags;
  std::optional<model::Model> model;
  Rulebase() {
    model = loadRulebase(sm, {{sourcePath("rules"), "rules/"}}, diags);
    if (model) model->today = testToday();
  }
};

const Rulebase& rulebase() {
  static const Rulebase rb;
  return rb;
}

/// An example's text and, for an offer, its tender's, under the names an editor would give them.
struct ExampleText {
  CaseText text;
  std::optional<CaseText> tender;
};

ExampleText exampleText(const std::string& file) {
  ExampleText out{{file, readFile(sourcePath(file))}, std::nullopt};
  const std::string key = "against \"";
  auto at = out.text.text.find(key);
  // The clause is on the case's header line, not in a comment.
  while (at != std::string::npos && out.text.text.rfind("//", at) != std::string::npos &&
         out.text.text.rfind("//", at) > out.text.text.rfind('\n', at))
    at = out.text.text.find(key, at + 1);
  if (at != std::string::npos) {
    auto end = out.text.text.find('"', at + key.size());
    std::string name = (fs::path(file).parent_path() / out.text.text.substr(at + key.size(), end - at - key.size()))
                           .lexically_normal()
                           .generic_string();
    out.tender = CaseText{name, readFile(sourcePath(name))};
  }
  return out;
}

std::vector<std::string> examples() { return exampleCasePaths(); }

/// The reports a user reads: the text report in nb and the JSON report in en.
std::string reports(const WarmCheck& c, const CaseResult& result) {
  if (!c.model) return "bad input:\n" + renderAll(*c.sm, c.diags, Lang::en);
  return renderText(ReportInput{*c.sm, *c.model, result, Lang::nb, false, nullptr, true}) + "\n---\n" +
         renderJson(ReportInput{*c.sm, *c.model, result, Lang::en, false, nullptr, true});
}

/// The reports of a cold check: a fresh checker, and Checker::check without any reuse.
std::string coldReports(const ExampleText& ex, const std::string& text) {
  IncrementalChecker fresh(rulebase().sm, *rulebase().model);
  const WarmCheck& c = fresh.check({ex.text.name, text}, ex.tender);
  EXPECT_FALSE(c.incremental);
  if (!c.model) return reports(c, c.result);
  return reports(c, Checker().check(*c.model));
}

/// The case's own facts with a value an edit of one character changes: the
/// last digit of a number or date, or a boolean. Each as the edited text.
std::vector<std::string> factEdits(const ExampleText& ex) {
  IncrementalChecker probe(rulebase().sm, *rulebase().model);
  const WarmCheck& c = probe.check(ex.text, ex.tender);
  std::vector<std::string> out;
  if (!c.model) return out;
  const std::string& text = ex.text.text;
  for (std::size_t f = c.model->facts.sharedSize(); f < c.model->facts.size(); ++f) {
    const Span& s = c.model->facts[f].span;
    if (s.file != c.caseFile) continue;
    std::string assignment = text.substr(s.begin, s.end - s.begin);
    auto eq = assignment.find('=');
    if (eq == std::string::npos) continue;
    std::string edited = assignment;
    if (auto t = assignment.find("true", eq); t != std::string::npos) {
      edited.replace(t, 4, "false");
    } else if (auto t2 = assignment.find("false", eq); t2 != std::string::npos) {
      edited.replace(t2, 5, "true");
    } else if (auto d = assignment.find_last_of("0123456789"); d != std::string::npos && d > eq &&
                                                               assignment.find('"', eq) == std::string::npos) {
      edited[d] = edited[d] >= '2' ? static_cast<char>(edited[d] - 1) : static_cast<char>(edited[d] + 1);
    } else {
      continue;
    }
    out.push_back(text.substr(0, s.begin) + edited + text.substr(s.end));
  }
  return out;
}

class Incremental : public ::testing::TestWithParam<std::string> {};

TEST_P(Incremental, EditedFactLinesGiveTheColdReport) {
  ASSERT_TRUE(rulebase().model);
  const ExampleText ex = exampleText(GetParam());
  IncrementalChecker warm(rulebase().sm, *rulebase().model);
  const WarmCheck& first = warm.check(ex.text, ex.tender);
  ASSERT_TRUE(first.model) << renderAll(*first.sm, first.diags, Lang::en);
  EXPECT_EQ(reports(first, first.result), coldReports(ex, ex.text.text));

  std::vector<std::string> edits = factEdits(ex);
  ASSERT_FALSE(edits.empty()) << "no fact line to edit";
  std::size_t checked = 0, reused = 0, findings = 0;
  // Every fact line of the smaller examples; a spread of them in the larger ones.
  const std::size_t step = std::max<std::size_t>(1, edits.size() / 12);
  for (std::size_t i = 0; i < edits.size(); i += step) {
    SCOPED_TRACE("edit " + std::to_string(i));
    for (const std::string* text : std::vector<const std::string*>{&edits[i], &ex.text.text}) {  // the edit, then back
      const WarmCheck& c = warm.check({ex.text.name, *text}, ex.tender);
      if (!c.model) continue;  // a changed digit that makes a date invalid
      EXPECT_TRUE(c.incremental) << "only a fact changed";
      EXPECT_EQ(reports(c, c.result), coldReports(ex, *text));
      ++checked;
      reused += c.result.reused;
      findings += c.result.findings.size();
    }
  }
  EXPECT_GT(checked, 0u);
  // One changed fact leaves most bindings' inputs as they were.
  EXPECT_GT(reused * 2, findings) << reused << " of " << findings << " findings reused";
}

TEST_P(Incremental, AddingAndRemovingAnInstanceGivesTheColdReport) {
  ASSERT_TRUE(rulebase().model);
  const ExampleText ex = exampleText(GetParam());
  IncrementalChecker warm(rulebase().sm, *rulebase().model);
  ASSERT_TRUE(warm.check(ex.text, ex.tender).model);
  const std::string added = ex.text.text + "\nekstra_standard: Standard {\n  title = \"Ekstra\"\n  international = false\n}\n";
  for (const std::string* text : {&added, &ex.text.text}) {
    const WarmCheck& c = warm.check({ex.text.name, *text}, ex.tender);
    ASSERT_TRUE(c.model) << renderAll(*c.sm, c.diags, Lang::en);
    EXPECT_FALSE(c.incremental) << "an instance more or less is a new case model";
    EXPECT_EQ(reports(c, c.result), coldReports(ex, *text));
  }
  // After an error the next text is compared with the last one that analysed.
  const WarmCheck& bad = warm.check({ex.text.name, ex.text.text + "\n}}}\n"}, ex.tender);
  EXPECT_FALSE(bad.model);
  const WarmCheck& again = warm.check(ex.text, ex.tender);
  EXPECT_TRUE(again.incremental);
  EXPECT_EQ(again.result.reused, again.result.findings.size()) << "nothing changed";
  EXPECT_EQ(reports(again, again.result), coldReports(ex, ex.text.text));
}

INSTANTIATE_TEST_SUITE_P(Examples, Incremental, ::testing::ValuesIn(examples()),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           std::string name = fs::path(info.param).stem().string();
                           for (char& ch : name)
                             if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
                           return name;
                         });

}  // namespace
