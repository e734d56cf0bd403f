// Rulebase analysis on small purpose-built rulebases, and rule explanations
// with generated examples.
#include <gtest/gtest.h>

#include "engine/lint/rulebase_analysis.hpp"
#include "harness.hpp"
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
