// Runs every case under tests/rules/ against the bundled rules/ and asserts
// the verdicts its `//! expect` lines state; checks that every catalogue id
// has a rule and every rule has satisfied / violated / gap tests (or a
// documented reason in coverage.txt why it cannot have one).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <regex>
#include <set>
#include <sstream>

#include "harness.hpp"
#include "grammar/parse.hpp"
#include "engine/sema/sema.hpp"
#include "engine/driver/load.hpp"

namespace fs = std::filesystem;
using namespace samsvar;
using namespace samsvar::testing;

namespace {

struct Expectation {
  std::string rule;
  std::string verdict;
  std::string instance;  // empty: aggregated
  bool none = false;     // `expect-no VERDICT`
  int line = 0;
};

std::vector<Expectation> readExpectations(const std::string& path) {
  std::vector<Expectation> out;
  std::ifstream in(path);
  std::string line;
  static const std::regex expect(R"(^\s*//!\s*expect\s+(\S+)\s+(\S+)(?:\s+@(\S+))?\s*$)");
  static const std::regex expectNo(R"(^\s*//!\s*expect-no\s+(\S+)\s*$)");
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    std::smatch m;
    if (std::regex_match(line, m, expect)) out.push_back({m[1], m[2], m[3], false, n});
    else if (std::regex_match(line, m, expectNo)) out.push_back({"", m[1], "", true, n});
  }
  return out;
}

std::vector<std::string> ruleCases() {
  std::vector<std::string> out;
  for (auto& e : fs::recursive_directory_iterator(sourcePath("tests/rules")))
    if (e.path().extension() == ".case") out.push_back(fs::relative(e.path(), sourcePath("")).generic_string());
  std::sort(out.begin(), out.end());
  return out;
}

/// The bundled rulebase, loaded once for all rule tests.
struct Bundled {
  SourceManager sm;
  Diagnostics diags;
  std::optional<model::Model> rulebase;
  Bundled() {
    rulebase = loadRulebase(sm, {{sourcePath("rules"), "rules/"}}, diags);
    if (rulebase) rulebase->today = testToday();
  }
};
Bundled& bundled() {
  static Bundled b;
  return b;
}

class RuleExpectations : public ::testing::TestWithParam<std::string> {};

TEST_P(RuleExpectations, VerdictsMatch) {
  auto& b = bundled();
  ASSERT_TRUE(b.rulebase) << renderAll(b.sm, b.diags, Lang::en);
  const std::string file = GetParam();
  auto expectations = readExpectations(sourcePath(file));
  ASSERT_FALSE(expectations.empty()) << file << " has no `//! expect` line";
  Diagnostics diags;
  auto cf = loadFile(b.sm, sourcePath(file), file, diags);
  ASSERT_TRUE(cf) << renderAll(b.sm, diags, Lang::en);
  auto model = analyzeCase(*b.rulebase, b.sm, *cf, diags);
  ASSERT_TRUE(model) << renderAll(b.sm, diags, Lang::en);
  Checker checker;
  CaseResult result = checker.check(*model);
  for (const auto& e : expectations) {
    if (e.none) {
      for (const auto& f : result.findings)
        EXPECT_NE(verdictName(f.verdict), e.verdict)
            << file << ":" << e.line << ": rule " << model->rules[f.rule].id << " (" << bindingText(*model, f) << ") is "
            << e.verdict;
      continue;
    }
    std::optional<Verdict> worst;
    std::vector<std::string> got;
    // `@a/b`: the bindings that bind every one of the names, each an instance
    // or an enum value of a binding over values (`f in { nufa, nuit }`).
    std::vector<std::string> names;
    for (std::size_t from = 0; !e.instance.empty() && from <= e.instance.size();) {
      std::size_t to = e.instance.find('/', from);
      if (to == std::string::npos) to = e.instance.size();
      names.push_back(e.instance.substr(from, to - from));
      from = to + 1;
    }
    for (const auto& f : result.findings) {
      const auto& rule = model->rules[f.rule];
      if (rule.id != e.rule) continue;
      if (!e.instance.empty()) {
        bool binds = true;
        for (const auto& name : names) {
          bool bound = false;
          for (std::size_t k = 0; k < rule.bindings.size(); ++k) {
            const auto& ty = rule.bindings[k].ty;
            if (ty.kind == model::Kind::Ref) {
              auto inst = model->instanceByName.find(name);
              bound = bound || (inst != model->instanceByName.end() && f.binding[k] == inst->second);
            } else if (ty.kind == model::Kind::Enum) {
              const auto& values = model->enums[ty.decl].values;
              bound = bound || (f.binding[k] >= 0 && static_cast<std::size_t>(f.binding[k]) < values.size() &&
                                values[static_cast<std::size_t>(f.binding[k])] == name);
            }
          }
          binds = binds && bound;
        }
        if (!binds) continue;
        got.push_back(verdictName(f.verdict));
        EXPECT_EQ(verdictName(f.verdict), e.verdict)
            << file << ":" << e.line << ": " << e.rule << " for " << bindingText(*model, f);
      }
      if (!worst || verdictRank(f.verdict) > verdictRank(*worst)) worst = f.verdict;
    }
    if (e.instance.empty()) {
      ASSERT_TRUE(worst) << file << ":" << e.line << ": rule " << e.rule << " was not checked (unknown id, or not "
                         << "in the modules the case uses)";
      EXPECT_EQ(verdictName(*worst), e.verdict) << file << ":" << e.line << ": " << e.rule;
    } else {
      EXPECT_FALSE(got.empty()) << file << ":" << e.line << ": no binding of " << e.rule << " binds " << e.instance;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Cases, RuleExpectations, ::testing::ValuesIn(ruleCases()),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           std::string s = info.param;
                           for (char& c : s)
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           return s;
                         });

TEST(RuleCoverage, EveryCatalogueIdHasARuleAndEveryRuleIsTested) {
  auto& b = bundled();
  ASSERT_TRUE(b.rulebase) << renderAll(b.sm, b.diags, Lang::en);
  std::set<std::string> ruleIds, informational;
  for (const auto& r : b.rulebase->rules) {
    ruleIds.insert(r.id);
    if (r.informational()) informational.insert(r.id);
  }

  std::ifstream ids(sourcePath("tests/rules/catalogue-ids.txt"));
  std::string id;
  std::vector<std::string> missing;
  while (ids >> id)
    if (!ruleIds.count(id)) missing.push_back(id);
  std::string list;
  for (const auto& m : missing) list += " " + m;
  EXPECT_TRUE(missing.empty()) << missing.size() << " catalogue ids have no rule:" << list;

  // Verdicts tested per rule.
  std::map<std::string, std::set<std::string>> tested;
  for (const auto& f : ruleCases())
    for (const auto& e : readExpectations(sourcePath(f)))
      if (!e.none) tested[e.rule].insert(e.verdict);
  // Verdicts a rule cannot have, with a reason.
  std::map<std::string, std::set<std::string>> excused;
  std::ifstream cov(sourcePath("tests/rules/coverage.txt"));
  std::string line;
  static const std::set<std::string> kinds{"satisfied", "violated", "gap"};
  while (std::getline(cov, line)) {
    std::istringstream ls(line);
    std::string rule, word;
    if (!(ls >> rule) || rule[0] == '#') continue;
    while (ls >> word && kinds.count(word)) excused[rule].insert(word);
  }
  std::vector<std::string> untested;
  for (const auto& r : ruleIds) {
    // A rule that cannot be violated (`require true`) has one verdict where
    // it applies: information; it is never satisfied, violated or a gap.
    if (informational.count(r)) {
      if (!tested[r].count("information")) untested.push_back(r + ":information");
      for (const auto& k : kinds)
        if (tested[r].count(k)) untested.push_back(r + ":" + k + "(cannot happen)");
      continue;
    }
    for (const auto& k : kinds)
      if (!tested[r].count(k) && !excused[r].count(k)) untested.push_back(r + ":" + k);
  }
  std::string ul;
  for (const auto& u : untested) ul += " " + u;
  EXPECT_TRUE(untested.empty()) << untested.size() << " rule verdicts are untested:" << ul;
}

}  // namespace
