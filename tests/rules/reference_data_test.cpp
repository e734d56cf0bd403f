// Reference data is complete for what the rules read: every instance of
// rules/referanse.rules declares every attribute that some rule reads from
// instances of its type. An attribute left undeclared there is unknown in every
// case that uses the module, so a rule reading it could never confirm a correct
// declaration (SEL-24 and the phase-out status of SNOMED CT and IPS were such
// a case).
#include <gtest/gtest.h>

#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string>

#include "harness.hpp"
#include "engine/driver/load.hpp"
#include "engine/sema/model.hpp"

using namespace samsvar;
using namespace samsvar::testing;

namespace {

using AttrKey = std::pair<int, int>;  // (type index, attribute index)

/// One read of an attribute by a rule. `guard` is set when the read sits in
/// the right operand of `x.g and …` on the same `x` with `g` a bool attribute:
/// the read only matters when `x.g` is true (`phased_out and phased_out_from
/// <= today`), so an instance that declares `g = false` need not declare it.
struct Read {
  std::string rule;
  std::optional<int> guard;
};

bool sameExpr(const model::TExpr* a, const model::TExpr* b) {
  if (!a || !b) return a == b;
  if (a->op != b->op || a->index != b->index || a->value != b->value || a->kids.size() != b->kids.size()) return false;
  for (std::size_t k = 0; k < a->kids.size(); ++k)
    if (!sameExpr(a->kids[k].get(), b->kids[k].get())) return false;
  return true;
}

/// Every attribute read `x.attr` in `e`, with the rule that reads it.
void collectReads(const model::TExprPtr& e, const std::string& rule, std::map<AttrKey, std::vector<Read>>& reads,
                  const model::TExpr* guardOwner = nullptr, std::optional<int> guard = std::nullopt) {
  if (!e) return;
  if (e->op == model::Op::Attr && !e->kids.empty()) {
    const model::Ty& owner = e->kids[0]->ty;
    bool guarded = guardOwner && sameExpr(e->kids[0].get(), guardOwner);
    if (owner.kind == model::Kind::Ref && !owner.set)
      reads[{owner.decl, e->index}].push_back({rule, guarded ? guard : std::nullopt});
  }
  if (e->op == model::Op::And && e->kids.size() == 2 && e->kids[0]->op == model::Op::Attr &&
      e->kids[0]->ty.kind == model::Kind::Bool && !e->kids[0]->ty.set && !e->kids[0]->kids.empty()) {
    collectReads(e->kids[0], rule, reads, guardOwner, guard);
    collectReads(e->kids[1], rule, reads, e->kids[0]->kids[0].get(), e->kids[0]->index);
    return;
  }
  for (const auto& k : e->kids) collectReads(k, rule, reads, guardOwner, guard);
}

std::map<AttrKey, std::vector<Read>> attributeReads(const model::Model& m) {
  std::map<AttrKey, std::vector<Read>> reads;
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
      // Reads guarded by a bool the instance declares false do not need it.
      auto declaredFalse = [&](int g) {
        auto gi = static_cast<std::size_t>(g);
        return gi < inst.factOfAttr.size() && inst.factOfAttr[gi] >= 0 &&
               m.facts[inst.factOfAttr[gi]].value.scalar == 0;
      };
      const Read* needed = nullptr;
      for (const auto& r : read->second)
        if (!r.guard || !declaredFalse(*r.guard)) needed = needed ? needed : &r;
      if (!needed) continue;
      missing << "  " << inst.name << ": " << type.name << " leaves `" << type.attrs[a].name
              << "` undeclared, but " << needed->rule << " reads it\n";
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
  // `phased_out_from` is read only where `phased_out` is true (ROLE-12, SEL-24).
  ASSERT_TRUE(reads.count(attr("Standard", "phased_out_from")));
  for (const auto& r : reads.at(attr("Standard", "phased_out_from")))
    EXPECT_EQ(r.guard, attr("Standard", "phased_out").second) << r.rule;
  EXPECT_TRUE(reads.count(attr("Normering", "standard")));
  EXPECT_TRUE(reads.count(attr("Procurement", "choices")));
}
