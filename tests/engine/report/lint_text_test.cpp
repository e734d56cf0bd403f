// The words of lint and explain: witness facts, findings and the strength
// meaning, in nb and en.
#include <gtest/gtest.h>

#include "engine/report/lint_text.hpp"
#include "engine/report/strength.hpp"

using namespace samsvar;

namespace {

TEST(LintText, WitnessFactsInBothLanguages) {
  WitnessFact has{"product1.consultations", WitnessFact::Kind::contains, "consultation1"};
  WitnessFact lacks{"product1.consultations", WitnessFact::Kind::lacks, "?Consultation"};
  WitnessFact equals{"consultation1.closes", WitnessFact::Kind::equals, "1970-01-01"};
  EXPECT_EQ(witnessText(has, Lang::en), "product1.consultations contains consultation1");
  EXPECT_EQ(witnessText(has, Lang::nb), "product1.consultations inneholder consultation1");
  EXPECT_EQ(witnessText(lacks, Lang::en), "product1.consultations lacks ?Consultation");
  EXPECT_EQ(witnessText(lacks, Lang::nb), "product1.consultations inneholder ikke ?Consultation");
  EXPECT_EQ(witnessText(equals, Lang::nb), "consultation1.closes = 1970-01-01");
  EXPECT_EQ(witnessText(equals, Lang::en), "consultation1.closes = 1970-01-01");
}

TEST(LintText, SummaryLine) {
  LintCounts c{11, 248, 2, 1, 18};
  EXPECT_EQ(lintSummary(c, Lang::nb), "ok: 11 moduler, 248 regler, 2 saker; 1 advarsler, 18 tilsiktede analysefunn\n");
  EXPECT_EQ(lintSummary(c, Lang::en), "ok: 11 modules, 248 rules, 2 cases; 1 warnings, 18 intended analysis findings\n");
}

TEST(Strength, NamesAndMeanings) {
  EXPECT_STREQ(strengthName(ast::Strength::maa), "må");
  EXPECT_STREQ(strengthName(ast::Strength::boer), "bør");
  EXPECT_EQ(strengthMeaning(ast::Strength::skal).nb,
            "skal følges; avvik krever skriftlig begrunnelse (særlige omstendigheter)");
  EXPECT_EQ(strengthMeaning(ast::Strength::kan).en, "may: advice, never a violation");
}

}  // namespace
