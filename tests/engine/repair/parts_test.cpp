// Repair by independent parts and the repair budget: a case whose products
// do not share changeable facts is repaired part by part with the same
// result as one problem; many such products are repaired together within
// the budget; a repair that runs out of its budget says so and claims no
// repair.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "engine/driver/load.hpp"
#include "engine/repair/repair.hpp"
#include "engine/smt/limits.hpp"
#include "example_paths.hpp"
#include "harness.hpp"

namespace fs = std::filesystem;
using namespace samsvar;
using namespace samsvar::testing;

namespace {

/// A case of `n` products, each with a 35-day hearing (HOR-14 wants six
/// weeks) and no justification of the short deadline (HOR-12, HOR-13).
std::string products(int n) {
  std::string s = "case \"N produkter\" uses hoering\n\n"
                  "direktoratet: Actor { name = \"Direktoratet for e-helse\"  group = myndighet  kind = direktoratet_for_ehelse }\n";
  for (int i = 1; i <= n; ++i) {
    std::string k = std::to_string(i);
    s += "\np" + k + ": Product {\n  title = \"Produkt " + k +
         "\"\n  level = anbefalt\n  issuer = direktoratet\n  international = true\n"
         "  content = tilpasset_standard\n  target_groups = { helseforetak, kommuner, fastleger, programvareleverandoerer }\n"
         "  purpose = \"Formål\"\n  scope = \"Område\"\n  need_scope = nasjonal\n  documented_practice = true\n"
         "  standard_consensus_process = true\n  standard_approved_by = \"HL7 Norge\"\n  consensus_based_process = true\n"
         "  broad_involvement = true\n  still_relevant = true\n  substantial_effects = true\n"
         "  consultation_need_assessed = true\n  consultations = { h" + k +
         " }\n  substantial_changes_after_hearing = false\n  bp3_date = 2023-10-10\n  evaluation_done = 2024-01-12\n"
         "  bp4_date = 2024-01-25\n  publication_date = 2024-02-15\n}\n"
         "\nh" + k + ": Consultation {\n  kind = hoering\n  opens = 2023-10-16\n  closes = 2023-11-20\n"
         "  conducted_by = direktoratet_for_ehelse\n  open_to_all = true\n  responses_published = true\n}\n";
  }
  return s;
}

struct Repaired {
  SourceManager sm;
  Diagnostics diags;
  std::optional<model::Model> rulebase, model;
  CaseResult result;
  RepairResult repair;
  std::string text(Lang lang) const { return renderText(ReportInput{sm, *model, result, lang, false, &repair}); }
};

/// `samsvar check --repair` of products(n) with the bundled rules.
std::unique_ptr<Repaired> repairProducts(int n, CheckOptions options = {}) {
  auto r = std::make_unique<Repaired>();
  r->rulebase = loadRulebase(r->sm, {{sourcePath("rules"), "rules/"}}, r->diags);
  if (!r->rulebase) ADD_FAILURE() << "the bundled rules do not load";
  if (r->rulebase) r->model = loadCaseText(r->sm, *r->rulebase, "products.case", products(n), r->diags);
  if (!r->model) {
    ADD_FAILURE() << "products(" << n << ") does not load";
    r->model.emplace();
    return r;
  }
  Checker checker(options);
  r->result = checker.check(*r->model);
  r->repair = computeRepair(checker, *r->model, r->result);
  return r;
}

std::vector<std::string> examples() { return exampleCasePaths(); }

TEST(RepairParts, EveryExampleGetsTheSameRepairAsOneProblem) {
  for (const auto& file : examples()) {
    SCOPED_TRACE(file);
    SourceManager sm;
    Diagnostics diags;
    auto rulebase = loadRulebase(sm, {{sourcePath("rules"), "rules/"}}, diags);
    ASSERT_TRUE(rulebase);
    auto model = loadCase(sm, *rulebase, sourcePath(file), file, diags);
    ASSERT_TRUE(model);
    CheckOptions byParts, whole;
    whole.repairByParts = false;
    CaseResult result = Checker(byParts).check(*model);
    RepairResult a = computeRepair(Checker(byParts), *model, result);
    RepairResult b = computeRepair(Checker(whole), *model, result);
    // The same minimum: the same status, and as many changes of each kind
    // fixing the same rules. Where rules leave a free choice between equally
    // cheap changes (which arena to join, following a standard or naming
    // another basis for the deviation), the two may pick different ones;
    // both are re-checked below.
    EXPECT_EQ(a.status, b.status);
    auto shape = [&](const RepairResult& r) {
      std::vector<std::pair<int, std::vector<int>>> out;
      for (const auto& c : r.changes) out.emplace_back(static_cast<int>(c.kind), c.fixes);
      std::sort(out.begin(), out.end());
      return out;
    };
    EXPECT_EQ(shape(a), shape(b));
    EXPECT_EQ(a.unresolved, b.unresolved);
    EXPECT_EQ(a.conflicting, b.conflicting);
    for (const RepairResult* r : {&a, &b}) {
      if (r->status != RepairResult::Status::found) continue;
      model::Model fixed = applyRepair(*model, *r);
      EXPECT_EQ(exitCodeFor(fixed, Checker().check(fixed), true), 0);
    }
  }
}

TEST(RepairParts, ManyIndependentProductsAreRepairedEachOnItsOwn) {
  const int n = 12;
  auto rp = repairProducts(n);
  Repaired& r = *rp;
  ASSERT_EQ(r.repair.status, RepairResult::Status::found) << r.text(Lang::en);
  std::string en = r.text(Lang::en), nb = r.text(Lang::nb);
  for (int i = 1; i <= n; ++i) {
    std::string h = "h" + std::to_string(i);
    EXPECT_NE(en.find("change " + h + ".closes from 2023-11-20 to 2023-11-27 (fixes HOR-14)"), std::string::npos) << h;
    EXPECT_NE(nb.find("endre " + h + ".closes fra 2023-11-20 til 2023-11-27 (retter HOR-14)"), std::string::npos) << h;
    EXPECT_NE(en.find("declare " + h + ".deadline_justification = \"…\" (fixes HOR-12, HOR-13)"), std::string::npos) << h;
  }
  // Two changes per product, nothing else: no product borrows another's hearing.
  EXPECT_EQ(r.repair.changes.size(), static_cast<std::size_t>(2 * n)) << en;
  for (const auto& c : r.repair.changes) EXPECT_EQ(c.kind == RepairChange::Kind::change, r.model->types[c.type].attrs[c.attr].name == "closes");
}

TEST(RepairParts, OneProductByPartsEqualsOneProblem) {
  CheckOptions whole;
  whole.repairByParts = false;
  auto a = repairProducts(1), b = repairProducts(1, whole);
  ASSERT_EQ(a->repair.status, RepairResult::Status::found) << a->text(Lang::en);
  EXPECT_EQ(a->text(Lang::en), b->text(Lang::en));
}

TEST(RepairParts, AnExhaustedBudgetIsReportedAndClaimsNoRepair) {
  CheckOptions tight;
  tight.repairRlimit = 1000;
  auto rp = repairProducts(3, tight);
  Repaired& r = *rp;
  EXPECT_EQ(r.repair.status, RepairResult::Status::unknown);
  EXPECT_EQ(r.repair.reason, smt::kRepairBudgetReason);
  EXPECT_TRUE(r.repair.changes.empty());
  std::string en = r.text(Lang::en), nb = r.text(Lang::nb);
  EXPECT_NE(en.find("the repair used up its budget before it found the smallest one; raise --repair-rlimit"),
            std::string::npos)
      << en;
  EXPECT_NE(nb.find("reparasjonen brukte opp budsjettet sitt før den fant den minste; øk --repair-rlimit"),
            std::string::npos)
      << nb;
  EXPECT_EQ(en.find("change h1.closes"), std::string::npos);
}

}  // namespace
