// Rulebase analysis on small purpose-built rulebases, and rule explanations
// with generated examples.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "engine/driver/load.hpp"
#include "engine/lint/rulebase_analysis.hpp"
#include "harness.hpp"
// The generated workload lives in bench/ (samsvar_workload), built only with
// SAMSVAR_BENCH (not in the sanitizer builds): without it, the test on
// generated rules is skipped.
#if __has_include("workload.hpp")
#include "workload.hpp"
#define SAMSVAR_HAVE_WORKLOAD 1
#endif
#include "grammar/parse.hpp"
#include "engine/sema/sema.hpp"

using namespace samsvar;
using namespace samsvar::testing;

namespace {

const char* kHead = R"(module a "analysis"
enum Level ordered { veileder, retningslinje, anbefalt, obligatorisk }
type P { level: Level  hearing: bool  weeks: int }
)";

std::string rule(const std::string& id, const std::string& strength, const std::string& when,
                 const std::string& require) {
  return "rule " + id + " " + strength + "\n  title nb \"t\" en \"t\"\n  source \"s\"\n  for p: P\n" +
         (when.empty() ? "" : "  when " + when + "\n") + "  require " + require + "\n";
}

struct Loaded {
  SourceManager sm;
  Diagnostics diags;
  std::optional<model::Model> rb;
};

std::unique_ptr<Loaded> load(const std::string& text) {
  auto l = std::make_unique<Loaded>();
  auto id = l->sm.add("a.rules", text);
  auto f = parseFile(l->sm, id, l->diags);
  EXPECT_TRUE(f) << renderAll(l->sm, l->diags, Lang::en);
  if (!f) return l;
  std::vector<ast::File> files{*f};
  l->rb = analyzeModules(l->sm, files, l->diags);
  EXPECT_TRUE(l->rb) << renderAll(l->sm, l->diags, Lang::en);
  return l;
}

/// The analysis findings of a loaded rulebase as "kind RULE [OTHERS…]".
std::vector<std::string> findings(const Loaded& l) {
  std::vector<std::string> out;
  for (const auto& f : analyzeRulebase(*l.rb)) {
    std::string s = std::string(analysisKindName(f.kind)) + " " + l.rb->rules[f.rule].id;
    for (int o : f.others) s += " " + l.rb->rules[o].id;
    out.push_back(s);
  }
  return out;
}

std::vector<std::string> run(const std::string& rules) {
  auto l = load(std::string(kHead) + rules);
  if (!l->rb) return {};
  return findings(*l);
}

TEST(Analysis, RuleThatNoCaseCanSatisfy) {
  auto out = run(rule("R-1", "skal", "p.level == anbefalt", "p.weeks > 6 and p.weeks < 3"));
  EXPECT_EQ(out, std::vector<std::string>{"unsatisfiable R-1"});
}

TEST(Analysis, RuleThatNeverApplies) {
  auto out = run(rule("R-1", "skal", "p.level > obligatorisk", "p.hearing"));
  EXPECT_EQ(out, std::vector<std::string>{"never_applies R-1"});
}

TEST(Analysis, TwoRulesThatContradictWhereBothApply) {
  auto out = run(rule("R-1", "skal", "p.level >= anbefalt", "p.hearing") +
                 rule("R-2", "skal", "p.level == obligatorisk", "not p.hearing"));
  EXPECT_EQ(out, std::vector<std::string>{"conflict R-1 R-2"});
}

TEST(Analysis, RuleImpliedByOthers) {
  auto out = run(rule("R-1", "skal", "p.level >= anbefalt", "p.weeks >= 6") +
                 rule("R-2", "skal", "p.level == obligatorisk", "p.weeks >= 4"));
  EXPECT_EQ(out, std::vector<std::string>{"redundant R-2 R-1"});
}

// Redundancy is searched within the rules connected to a rule by shared
// attributes, transitively: R-3 shares nothing with R-4 (hearing, weeks
// vs level, flag) yet completes the chain that implies it; R-5 stands alone.
TEST(Analysis, RuleImpliedThroughAChainOfRules) {
  const char* head = R"(module a "analysis"
enum Level ordered { veileder, retningslinje, anbefalt, obligatorisk }
type P { level: Level  hearing: bool  weeks: int  flag: bool  other: bool }
)";
  auto l = load(std::string(head) + rule("R-1", "skal", "p.level == obligatorisk", "p.hearing") +
                rule("R-2", "skal", "p.hearing", "p.weeks >= 6") + rule("R-3", "skal", "p.weeks >= 6", "p.flag") +
                rule("R-4", "skal", "p.level == obligatorisk", "p.flag") + rule("R-5", "skal", "p.other", "true"));
  ASSERT_TRUE(l->rb);
  EXPECT_EQ(findings(*l), std::vector<std::string>{"redundant R-4 R-1 R-2 R-3"});
}

TEST(Analysis, PermissionsAndNoticesAreExemptByDesign) {
  auto out = run(rule("P-1", "kan", "p.level == veileder", "true") + rule("U-1", "kan", "p.hearing", "false"));
  EXPECT_TRUE(out.empty());
}

/// Findings as "kind RULE [OTHERS…]" under the options given.
std::vector<std::string> findingsWith(const model::Model& m, const AnalysisOptions& options) {
  std::vector<std::string> out;
  for (const auto& f : analyzeRulebase(m, options)) {
    std::string s = std::string(analysisKindName(f.kind)) + " " + m.rules[f.rule].id;
    for (int o : f.others) s += " " + m.rules[o].id;
    out.push_back(s);
  }
  return out;
}

// A pair that a kept model shows may both apply and hold is not asked on
// its own; the conflicts, and the pairs that cannot both apply, are found
// as when every pair is asked.
TEST(Analysis, PairsSettledByModelsGiveTheSameConflicts) {
  auto l = load(std::string(kHead) +
                rule("R-1", "skal", "p.level >= anbefalt", "p.hearing") +
                rule("R-2", "skal", "p.level == obligatorisk", "not p.hearing") +
                rule("R-3", "skal", "p.level == veileder", "p.weeks >= 2") +
                rule("R-4", "skal", "p.level == retningslinje", "p.weeks <= 1") +
                rule("R-5", "skal", "p.hearing", "p.weeks >= 6") +
                rule("R-6", "skal", "p.weeks > 3", "p.weeks < 10") +
                rule("R-7", "skal", "p.weeks >= 12", "p.level == veileder") +
                rule("R-8", "skal", "p.weeks > 20", "p.weeks < 15") +
                rule("R-9", "skal", "", "p.weeks >= 0") +
                rule("R-10", "skal", "not p.hearing", "p.level != obligatorisk"));
  ASSERT_TRUE(l->rb);
  AnalysisOptions plain;
  plain.pairsFromModels = false;
  plain.redundancy = false;
  AnalysisOptions settled = plain;
  settled.pairsFromModels = true;
  auto expected = findingsWith(*l->rb, plain);
  EXPECT_EQ(findingsWith(*l->rb, settled), expected);
  // The rulebase has findings to agree on: R-1 and R-2 contradict where both apply.
  EXPECT_NE(std::find(expected.begin(), expected.end(), "conflict R-1 R-2"), expected.end());
}

TEST(Analysis, PairsSettledByModelsOnGeneratedRules) {
#ifndef SAMSVAR_HAVE_WORKLOAD
  GTEST_SKIP() << "bench/ is not built (SAMSVAR_BENCH=OFF): samsvar_workload is missing";
#else
  bench::Workload w = bench::generateWorkload({150, 1, 50, 1});
  auto l = std::make_unique<Loaded>();
  auto id = l->sm.add("gen.rules", w.rulesText);
  auto f = parseFile(l->sm, id, l->diags);
  ASSERT_TRUE(f) << renderAll(l->sm, l->diags, Lang::en);
  std::vector<ast::File> files{*f};
  l->rb = analyzeModules(l->sm, files, l->diags);
  ASSERT_TRUE(l->rb) << renderAll(l->sm, l->diags, Lang::en);
  AnalysisOptions plain;
  plain.pairsFromModels = false;
  plain.redundancy = false;
  AnalysisOptions settled = plain;
  settled.pairsFromModels = true;
  EXPECT_EQ(findingsWith(*l->rb, settled), findingsWith(*l->rb, plain));
#endif
}

// lint CASE lowers only the rules that share a type with the case's own
// rules, directly or through other rules; the findings are those of the
// whole rulebase's analysis with the same focus.
TEST(Analysis, AFocusMeetsTheSameRulesWhenUnreachableOnesAreLeftOut) {
  SourceManager sm;
  Diagnostics diags;
  auto rb = loadRulebase(sm, {{sourcePath("rules"), "rules/"}}, diags);
  ASSERT_TRUE(rb) << renderAll(sm, diags, Lang::en);
  const std::string text =
      "case \"Fokus\" uses normering, hoering\n"
      "type Sjekk { ok: bool  n: int }\n"
      "s1: Sjekk { }\n"
      "rule KRAV-1 skal\n  title nb \"t\" en \"t\"\n  source \"anbud\"\n  for p: Product\n"
      "  when p.level == obligatorisk\n  require count(p.consultations) >= 1\n"
      "rule KRAV-2 skal\n  title nb \"t\" en \"t\"\n  source \"anbud\"\n  for p: Product\n"
      "  when p.substantial_effects\n  require not (exists c in p.consultations: c.kind == hoering)\n"
      "rule KRAV-3 skal\n  title nb \"t\" en \"t\"\n  source \"anbud\"\n  for s: Sjekk\n"
      "  when s.n > 3\n  require s.ok\n"
      "rule KRAV-4 skal\n  title nb \"t\" en \"t\"\n  source \"anbud\"\n  for s: Sjekk\n"
      "  when s.n > 5\n  require not s.ok\n";
  auto cid = sm.add("fokus.case", text);
  auto cf = parseFile(sm, cid, diags);
  ASSERT_TRUE(cf) << renderAll(sm, diags, Lang::en);
  auto m = analyzeCase(*rb, sm, *cf, diags);
  ASSERT_TRUE(m) << renderAll(sm, diags, Lang::en);
  std::set<int> own;
  for (std::size_t r = rb->rules.size(); r < m->rules.size(); ++r) own.insert(static_cast<int>(r));
  ASSERT_EQ(own.size(), 4u);
  AnalysisOptions all;
  all.focus = own;
  all.onlyReachable = false;
  AnalysisOptions reachable = all;
  reachable.onlyReachable = true;
  auto expected = findingsWith(*m, all);
  EXPECT_EQ(findingsWith(*m, reachable), expected);
  // KRAV-2 contradicts HOR-02 (a høring where the effects are substantial),
  // and KRAV-3 and KRAV-4 contradict each other where s.n > 5.
  EXPECT_NE(std::find(expected.begin(), expected.end(), "conflict KRAV-3 KRAV-4"), expected.end());
}

TEST(Explain, GeneratesASatisfyingAndAViolatingExample) {
  auto l = load(std::string(kHead) + rule("R-1", "skal", "p.level >= anbefalt", "p.weeks >= 6"));
  ASSERT_TRUE(l->rb);
  auto ex = explainRule(*l->rb, l->rb->ruleById.at("R-1"));
  ASSERT_TRUE(ex.satisfying.found);
  ASSERT_TRUE(ex.violating.found);
  auto has = [](const RuleExample& e, const std::string& attribute) {
    for (const auto& f : e.facts)
      if (f.attribute == attribute && f.kind == WitnessFact::Kind::equals) return true;
    return false;
  };
  EXPECT_TRUE(has(ex.satisfying, "p1.weeks")) << ex.satisfying.facts.size();
  EXPECT_TRUE(has(ex.violating, "p1.level")) << ex.violating.facts.size();
}

}  // namespace
