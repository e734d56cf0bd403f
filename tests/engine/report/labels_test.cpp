// Enum values with labels and descriptions in both languages (issue #14):
// a report words a bound enum value by its label in the report's language,
// `{k:id}` keeps the name a case writes, and `samsvar vocab` shows both.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "engine/report/report.hpp"
#include "engine/report/vocabulary.hpp"
#include "harness.hpp"

using namespace samsvar;
using namespace samsvar::testing;

namespace {

const char* kLabels = R"(module lab
enum Category {
  informasjonsmodell,
  terminologi_kodeverk  nb "terminologi/kodeverk"  en "terminology/code system"
} nb "rollen en standard har" en "the role a standard plays"
type Tender {
  choice covered: set<Category>  nb "kategoriene som er dekket" en "the categories covered"
  fact   note: text              en "only in English"
}
rule LAB-1 skal
  title   nb "Hver kategori er dekket" en "Every category is covered"
  message nb "{t} dekker ikke {k}. Før {k:id} opp i covered." en "{t} does not cover {k}. List {k:id} in covered."
  for t: Tender, k in { informasjonsmodell, terminologi_kodeverk }
  require k in t.covered
)";

TEST(EnumLabels, AMessageWordsTheValueByItsLabelAndKeepsTheNameForWhatToWrite) {
  auto run = runTexts({{"lab.rules", kLabels}}, "case \"c\" uses lab\nt: Tender { covered = { } }\n");
  ASSERT_TRUE(run.checked) << run.errors();
  std::vector<std::string> nb, en;
  for (const auto& f : run.result.findings)
    if (f.verdict == Verdict::violated) {
      nb.push_back(ruleMessage(*run.model, f, Lang::nb));
      en.push_back(ruleMessage(*run.model, f, Lang::en));
    }
  ASSERT_EQ(nb.size(), 2u);
  EXPECT_EQ(nb[0], "t dekker ikke informasjonsmodell. Før informasjonsmodell opp i covered.") << "no label: the name";
  EXPECT_EQ(nb[1], "t dekker ikke terminologi/kodeverk. Før terminologi_kodeverk opp i covered.");
  EXPECT_EQ(en[1], "t does not cover terminology/code system. List terminologi_kodeverk in covered.");
}

TEST(EnumLabels, VocabShowsLabelsAndDescriptionsInTheLanguageAsked) {
  auto run = runTexts({{"lab.rules", kLabels}}, "case \"c\" uses lab\nt: Tender { covered = { } }\n");
  ASSERT_TRUE(run.rulebase) << run.errors();
  const auto sel = selectVocabulary(*run.rulebase, "");
  const std::string nb = renderVocabularyText(*run.rulebase, sel, Lang::nb);
  const std::string en = renderVocabularyText(*run.rulebase, sel, Lang::en);
  EXPECT_NE(nb.find("informasjonsmodell, terminologi_kodeverk (terminologi/kodeverk)"), std::string::npos) << nb;
  EXPECT_NE(en.find("terminologi_kodeverk (terminology/code system)"), std::string::npos) << en;
  EXPECT_NE(nb.find("rollen en standard har"), std::string::npos) << nb;
  EXPECT_NE(en.find("the role a standard plays"), std::string::npos) << en;
  EXPECT_NE(nb.find("covered: set<Category>  — kategoriene som er dekket"), std::string::npos) << nb;
  EXPECT_NE(en.find("covered: set<Category>  — the categories covered"), std::string::npos) << en;
  EXPECT_NE(nb.find("note: text  — only in English"), std::string::npos) << "one language stands for both: " << nb;
  // A word of either language, or of a label, finds it.
  EXPECT_FALSE(selectVocabulary(*run.rulebase, "code system").enums.empty());
  EXPECT_FALSE(selectVocabulary(*run.rulebase, "kategoriene").types.empty());
  const auto json = nlohmann::json::parse(renderVocabularyJson(*run.rulebase, sel));
  ASSERT_EQ(json["enums"].size(), 1u);
  EXPECT_EQ(json["enums"][0]["labels"]["terminologi_kodeverk"]["en"], "terminology/code system");
  EXPECT_FALSE(json["enums"][0]["labels"].contains("informasjonsmodell"));
  EXPECT_EQ(json["enums"][0]["doc"]["nb"], "rollen en standard har");
}

TEST(EnumLabels, APlaceholderForAnUnknownVariableIsStillAnError) {
  std::string rules = kLabels;
  rules.replace(rules.find("{k:id} opp"), 6, "{x:id}");
  auto run = runTexts({{"lab.rules", rules}}, "case \"c\" uses lab\nt: Tender { covered = { } }\n");
  EXPECT_FALSE(run.checked);
  EXPECT_NE(run.errors().find("{x}"), std::string::npos) << run.errors();
}

}  // namespace
