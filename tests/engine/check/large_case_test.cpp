// Large cases (bench::largeCaseText): one product with many consultations,
// and many products with one consultation each. What a user depends on:
// every binding gets the verdict Z3 gives it (the exact evaluation pass
// enumerates the members of a known set instead of trying every declared
// instance, and looks members up in a sorted copy: both must agree with Z3),
// and the evidence of each finding names the member it is about without
// printing the whole set once per finding (in both languages and in JSON).
// How fast they are is measured in bench/ (BM_Large_*), not here.
#include <gtest/gtest.h>

// The generator is the bench's workload library, linked when bench/ is built.
#if __has_include("workload.hpp")
#include <map>
#include <string>
#include <vector>

#include "engine/check/check.hpp"
#include "engine/driver/load.hpp"
#include "engine/report/report.hpp"
#include "engine/sema/sema.hpp"
#include "grammar/parse.hpp"
#include "harness.hpp"
#include "workload.hpp"

using namespace samsvar;

namespace {

struct Loaded {
  SourceManager sm;
  std::optional<model::Model> rulebase, model;
};

/// The bundled rules and one large case of `n` consultations.
std::unique_ptr<Loaded> load(bench::LargeCase kind, int n, bool openSet) {
  auto l = std::make_unique<Loaded>();
  Diagnostics diags;
  l->rulebase = loadRulebase(l->sm, {{samsvar::testing::sourcePath("rules"), "rules/"}}, diags);
  if (!l->rulebase) return l;
  auto file = parseFile(l->sm, l->sm.add("large.case", bench::largeCaseText(kind, n, openSet)), diags);
  if (file) l->model = analyzeCase(*l->rulebase, l->sm, *file, diags);
  EXPECT_FALSE(diags.hasErrors()) << renderAll(l->sm, diags, Lang::en);
  return l;
}

std::string describe(const model::Model& m, const Finding& f) {
  std::string s = m.rules[f.rule].id + " [" + bindingText(m, f) + "] " + verdictName(f.verdict);
  for (const auto& e : f.because) s += " " + factText(m, e.fact, Lang::en);
  for (const auto& g : f.gaps) s += " gap " + attributeName(m, g.instance, g.attr);
  return s;
}

std::map<std::string, int> verdictCounts(const CaseResult& r) {
  std::map<std::string, int> out;
  for (const auto& f : r.findings) ++out[verdictName(f.verdict)];
  return out;
}

TEST(LargeCase, EvaluationAgreesWithZ3OnEveryBinding) {
  for (auto kind : {bench::LargeCase::consultations, bench::LargeCase::products})
    for (bool openSet : {false, true}) {
      SCOPED_TRACE(std::string(kind == bench::LargeCase::consultations ? "one product" : "products") +
                   (openSet ? ", open sets" : ""));
      auto l = load(kind, 23, openSet);
      ASSERT_TRUE(l->model);
      CheckOptions reference;
      reference.fold = false;  // Z3 decides every binding
      CaseResult folded = Checker().check(*l->model), judged = Checker(reference).check(*l->model);
      ASSERT_EQ(folded.findings.size(), judged.findings.size());
      for (std::size_t i = 0; i < folded.findings.size(); ++i)
        EXPECT_EQ(describe(*l->model, folded.findings[i]), describe(*l->model, judged.findings[i])) << i;
      EXPECT_EQ(judged.evaluated, 0u);
      if (!openSet) {
        EXPECT_GT(folded.evaluated, folded.findings.size() / 2);
      }
    }
}

TEST(LargeCase, EveryConsultationOfOneProductIsJudged) {
  // 40 consultations: h7, h14, …, h35 close after the evaluation (HOR-24),
  // h11, h22, h33 leave the deadline undeclared.
  auto l = load(bench::LargeCase::consultations, 40, false);
  ASSERT_TRUE(l->model);
  CaseResult r = Checker().check(*l->model);
  std::map<std::string, int> hor24;
  for (const auto& f : r.findings)
    if (l->model->rules[f.rule].id == "HOR-24") ++hor24[bindingText(*l->model, f) + " " + verdictName(f.verdict)];
  EXPECT_EQ(hor24["p = p1, c = h14 violated"], 1);
  EXPECT_EQ(hor24["p = p1, c = h13 satisfied"], 1);
  EXPECT_EQ(hor24["p = p1, c = h22 gap"], 1);
  EXPECT_EQ(verdictCounts(r)["violated"], 5);
  // The same case as 40 products with one consultation each: the same
  // verdicts per consultation.
  auto p = load(bench::LargeCase::products, 40, false);
  ASSERT_TRUE(p->model);
  CaseResult rp = Checker().check(*p->model);
  EXPECT_EQ(verdictCounts(rp)["violated"], 5);
  EXPECT_EQ(verdictCounts(rp)["gap"], verdictCounts(r)["gap"]);
}

TEST(LargeCase, EvidenceNamesTheMemberNotTheWholeSet) {
  auto l = load(bench::LargeCase::consultations, 40, false);
  ASSERT_TRUE(l->model);
  CaseResult r = Checker().check(*l->model);
  ReportInput en{l->sm, *l->model, r, Lang::en}, nb{l->sm, *l->model, r, Lang::nb};
  std::string textEn = renderText(en), textNb = renderText(nb), json = renderJson(en);
  // h28 is the binding of the violation; the first five members lead.
  EXPECT_NE(textEn.find("p1.consultations = { h1, h2, h3, h4, h5, h28 and 34 more }"), std::string::npos) << textEn;
  EXPECT_NE(textNb.find("p1.consultations = { h1, h2, h3, h4, h5, h28 og 34 til }"), std::string::npos) << textNb;
  EXPECT_NE(json.find("p1.consultations = { h1, h2, h3, h4, h5, h28 and 34 more }"), std::string::npos);
  EXPECT_NE(textEn.find("p1.consultations = { h1, h2, h3, h4, h5, h7 and 34 more }"), std::string::npos);
  // The whole set is never printed per finding.
  EXPECT_EQ(textEn.find("h39, h40"), std::string::npos);
  // A set of ten members or fewer is printed whole.
  auto small = load(bench::LargeCase::consultations, 10, false);
  ASSERT_TRUE(small->model);
  CaseResult rs = Checker().check(*small->model);
  std::string s = renderText(ReportInput{small->sm, *small->model, rs, Lang::en});
  EXPECT_NE(s.find("p1.consultations = { h1, h2, h3, h4, h5, h6, h7, h8, h9, h10 }"), std::string::npos) << s;
}

}  // namespace
#endif
