// The shared rulebase: a case model holds the rulebase by reference and only
// its own declarations by value; changing a copy never changes the rulebase,
// another case, or the tender an offer answers.
#include <gtest/gtest.h>

#include <algorithm>
#include <iterator>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "engine/sema/sema.hpp"
#include "grammar/parse.hpp"

using namespace samsvar;
using namespace samsvar::model;

namespace {

constexpr const char* kReference = R"(module ref "reference data"
enum Level { low, high }
type Standard { level: Level  year: int }
type Product { standard: Standard  level: Level }

hl7: Standard { level = high  year = 2019 }
fhir: Standard { level = low  year = 2023 }

rule R-1 skal
  title nb "Nivået følger standarden" en "The level follows the standard"
  source "f.txt"
  for p: Product
  require p.level == p.standard.level
)";

constexpr const char* kTender = R"(case "Tender" uses ref
type Offer { delivery: date }
rule T-1 må
  title nb "Levering i tide" en "Delivery on time"
  source "tender.case"
  for o: Offer
  require o.delivery <= 2026-06-30
journal: Product { standard = hl7  level = high }
)";

constexpr const char* kOffer = R"(case "Offer" uses ref
mine: Offer { delivery = 2026-09-01 }
)";

/// Parses and analyses text files; fails the test on any error.
struct World {
  SourceManager sm;
  Diagnostics diags;

  ast::File parse(const std::string& name, const std::string& text) {
    auto f = parseFile(sm, sm.add(name, text), diags);
    EXPECT_TRUE(f) << renderAll(sm, diags, Lang::en);
    return f ? std::move(*f) : ast::File{};
  }
  Model rulebase() {
    auto rb = analyzeModules(sm, {parse("ref.rules", kReference)}, diags);
    EXPECT_TRUE(rb) << renderAll(sm, diags, Lang::en);
    return rb ? std::move(*rb) : Model{};
  }
  Model analyze(const Model& over, const std::string& name, const std::string& text) {
    auto m = analyzeCase(over, sm, parse(name, text), diags);
    EXPECT_TRUE(m) << renderAll(sm, diags, Lang::en);
    return m ? std::move(*m) : Model{};
  }
};

int factOf(const Model& m, const std::string& instance, const std::string& attr) {
  const Instance& in = m.instances[m.instanceByName.at(instance)];
  return in.factOfAttr[m.types[in.type].attrIndex.at(attr)];
}

template <class C>
bool allShared(const C& c) {
  for (std::size_t i = 0; i < c.sharedSize(); ++i)
    if (!c.isShared(i)) return false;
  return true;
}

TEST(SharedRulebase, ACaseSharesTheRulebaseInsteadOfCopyingIt) {
  World w;
  Model rb = w.rulebase();
  Model c = w.analyze(rb, "tender.case", kTender);
  EXPECT_TRUE(c.instances.sharesWith(rb.instances));
  EXPECT_TRUE(c.facts.sharesWith(rb.facts));
  EXPECT_TRUE(c.rules.sharesWith(rb.rules));
  EXPECT_TRUE(c.types.sharesWith(rb.types));
  EXPECT_TRUE(c.instanceByName.sharesWith(rb.instanceByName));
  EXPECT_EQ(c.instances.sharedSize(), rb.instances.size());
  EXPECT_EQ(c.facts.sharedSize(), rb.facts.size());
  // Analysis wrote only the case's own elements: nothing shared was copied.
  EXPECT_TRUE(allShared(c.instances) && allShared(c.facts) && allShared(c.rules) && allShared(c.types) &&
              allShared(c.enums) && allShared(c.modules) && allShared(c.texts));
  // The case's declarations follow the rulebase's, and name the shared ones.
  ASSERT_EQ(c.instances.size(), rb.instances.size() + 1);
  EXPECT_EQ(c.instanceByName.at("journal"), static_cast<int>(rb.instances.size()));
  EXPECT_EQ(c.facts[factOf(c, "journal", "standard")].value.scalar, c.instanceByName.at("hl7"));
  EXPECT_EQ(c.rules[c.ruleById.at("T-1")].module, "");
  EXPECT_EQ(c.activeRules.size(), 2u);
}

TEST(SharedRulebase, WritingASharedFactChangesOnlyThatModel) {
  World w;
  Model rb = w.rulebase();
  Model c = w.analyze(rb, "tender.case", kTender);
  Model changed = c;
  int year = factOf(c, "hl7", "year");
  changed.facts[year].value.scalar = 2024;
  EXPECT_FALSE(changed.facts.isShared(year));
  EXPECT_EQ(changed.facts[year].value.scalar, 2024);
  EXPECT_EQ(c.facts[year].value.scalar, 2019);
  EXPECT_EQ(rb.facts[year].value.scalar, 2019);
  // The other reference facts stay shared.
  EXPECT_TRUE(changed.facts.sharesWith(rb.facts));
  EXPECT_TRUE(changed.facts.isShared(factOf(c, "fhir", "year")));
}

TEST(SharedRulebase, AnOfferHoldsItsTendersDeclarationsAsItsOwn) {
  World w;
  Model rb = w.rulebase();
  Model tender = w.analyze(rb, "tender.case", kTender);
  Model offer = w.analyze(tender, "offer.case", kOffer);
  // One layer: the rulebase shared, the tender's small part copied.
  EXPECT_TRUE(offer.instances.sharesWith(rb.instances));
  EXPECT_EQ(offer.instances.sharedSize(), rb.instances.size());
  int journal = offer.instanceByName.at("journal");
  EXPECT_FALSE(offer.instances.isShared(journal));
  EXPECT_EQ(offer.instanceByName.at("mine"), journal + 1);
  // The tender's rule applies to the offer.
  int t1 = offer.ruleById.at("T-1");
  EXPECT_NE(std::find(offer.activeRules.begin(), offer.activeRules.end(), t1), offer.activeRules.end());
  // Repair may change the tender's facts in the offer's model, never in the tender's.
  int level = factOf(offer, "journal", "level");
  offer.facts[level].value.scalar = 0;
  EXPECT_EQ(tender.facts[level].value.scalar, 1);
  EXPECT_EQ(offer.caseTitle, "Offer");
  EXPECT_EQ(tender.caseTitle, "Tender");
}

TEST(Layered, IndicesRunOnFromTheSharedPartIntoTheOwn) {
  static_assert(std::random_access_iterator<Layered<int>::const_iterator>);
  Layered<int> shared{1, 2};
  shared.share();
  Layered<int> v = shared;
  v.push_back(3);
  v[0] = 10;
  EXPECT_EQ(std::vector<int>(v.begin(), v.end()), (std::vector<int>{10, 2, 3}));
  EXPECT_EQ(std::vector<int>(shared.begin(), shared.end()), (std::vector<int>{1, 2}));
  EXPECT_EQ(v.size(), 3u);
  EXPECT_EQ(v.back(), 3);
  EXPECT_EQ(v.end() - v.begin(), 3);
  EXPECT_THROW(v.at(3), std::out_of_range);
  // Sharing again keeps the written value.
  v.share();
  EXPECT_EQ(v.sharedSize(), 3u);
  EXPECT_EQ(v[0], 10);
}

TEST(LayeredMap, AnOwnEntryHidesTheSharedOne) {
  LayeredMap<std::string, int> shared{{"a", 1}, {"b", 2}};
  shared.share();
  LayeredMap<std::string, int> m = shared;
  m["a"] = 5;
  m["z"] = 9;
  EXPECT_FALSE(m.try_emplace("b", 7).second);
  EXPECT_TRUE(m.try_emplace("y", 8).second);
  EXPECT_EQ(m.at("a"), 5);
  EXPECT_EQ(shared.at("a"), 1);
  EXPECT_EQ(m.count("q"), 0u);
  EXPECT_THROW(shared.at("z"), std::out_of_range);
  std::map<std::string, int> seen(m.begin(), m.end());
  EXPECT_EQ(seen, (std::map<std::string, int>{{"a", 5}, {"b", 2}, {"y", 8}, {"z", 9}}));
  EXPECT_EQ(m.size(), 4u);
  EXPECT_EQ(static_cast<std::size_t>(std::distance(m.begin(), m.end())), m.size());
}

}  // namespace
