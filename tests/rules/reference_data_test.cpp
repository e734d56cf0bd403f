// Reference data is complete for what the rules read: every instance of
// rules/referanse.rules declares every attribute that some rule reads from
// instances of its type. An attribute left undeclared there is unknown in every
// case that uses the module, so a rule reading it could never confirm a correct
// declaration (SEL-24 and the phase-out status of SNOMED CT and IPS were such
// a case).
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <sstream>
#include <string>

#include "harness.hpp"
#include "engine/driver/load.hpp"
#include "engine/sema/model.hpp"

using namespace samsvar;
using namespace samsvar::testing;

namespace {

/// (type index, attribute index) of every attribute read `x.attr` in `e`,
/// with the first rule that reads it.
void collectReads(const model::TExprPtr& e, const std::string& rule,
                  std::map<std::pair<int, int>, std::string>& reads) {
  if (!e) return;
  if (e->op == model::Op::Attr && !e->kids.empty()) {
    const model::Ty& owner = e->kids[0]->ty;
    if (owner.kind == model::Kind::Ref && !owner.set) reads.emplace(std::pair{owner.decl, e->index}, rule);
  }
  for (const auto& k : e->kids) collectReads(k, rule, reads);
}

std::map<std::pair<int, int>, std::string> attributeReads(const model::Model& m) {
  std::map<std::pair<int, int>, std::string> reads;
  for (std::size_t r = 0; r < m.rules.size(); ++r) {
    const auto& rule = m.rules[r];
    for (const auto& b : rule.bindings) collectReads(b.set, rule.id, reads);
    collectReads(rule.when, rule.id, reads);
    collectReads(rule.require, rule.id, reads);
  }
  return reads;
}

struct Bundled {
  SourceManager sm;
  Diagnostics diags;
  std::optional<model::Model> rulebase;
  Bundled() {
    rulebase = loadRulebase(sm, {{sourcePath("rules"), "rules/"}}, diags);
    if (rulebase) rulebase->today = testToday();
  }
};

}  // namespace

TEST(ReferenceData, EveryInstanceDeclaresEveryAttributeARuleReads) {
  Bundled b;
  ASSERT_TRUE(b.rulebase) << renderAll(b.sm, b.diags, Lang::en);
  const model::Model& m = *b.rulebase;
  auto reads = attributeReads(m);

  std::size_t referenceInstances = 0;
  std::ostringstream missing;
  for (std::size_t i = 0; i < m.instances.size(); ++i) {
    const auto& inst = m.instances[i];
    if (inst.phantom || inst.module != "referanse") continue;
    ++referenceInstances;
    const auto& type = m.types[inst.type];
    for (std::size_t a = 0; a < type.attrs.size(); ++a) {
      auto read = reads.find({inst.type, static_cast<int>(a)});
      if (read == reads.end()) continue;
      if (a < inst.factOfAttr.size() && inst.factOfAttr[a] >= 0) continue;
      missing << "  " << inst.name << ": " << type.name << " leaves `" << type.attrs[a].name
              << "` undeclared, but " << read->second << " reads it\n";
    }
  }
  // The module is found and holds the reference data (standards, normeringer,
  // statuses, mandatory solutions), so the check above is not vacuous.
  EXPECT_GT(referenceInstances, 100u);
  EXPECT_TRUE(missing.str().empty()) << "reference data incomplete for the rules:\n" << missing.str();
}

// The walk finds reads through references and in bindings, so a missing read
// cannot hide behind a path: SEL-24 reads Standard.phased_out through
// `n.standard` and binds `c in p.choices`.
TEST(ReferenceData, AttributeReadsFollowPathsAndBindings) {
  Bundled b;
  ASSERT_TRUE(b.rulebase) << renderAll(b.sm, b.diags, Lang::en);
  const model::Model& m = *b.rulebase;
  auto reads = attributeReads(m);
  auto attr = [&](const std::string& type, const std::string& name) {
    int t = m.typeByName.at(type);
    return std::pair{t, m.types[t].attrIndex.at(name)};
  };
  EXPECT_TRUE(reads.count(attr("Standard", "phased_out")));
  EXPECT_TRUE(reads.count(attr("Normering", "standard")));
  EXPECT_TRUE(reads.count(attr("Procurement", "choices")));
}
