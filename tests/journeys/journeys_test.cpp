// The three users' journeys of issue 14, end to end: a municipality's tender
// for home monitoring, a directorate proposal to make a standard anbefalt
// with a seven-week hearing, and a vendor's offer against that tender, each
// written as a new user writes it (tests/journeys/*.case). Each is loaded,
// checked and repaired as `samsvar check FILE --repair` does it, and the
// repair must be one a user can accept: re-checked (every må/skal rule holds
// in the repaired case), no declared world fact changed, no undeclared world
// fact invented (it is a "confirm" item), and no date before 2000.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "core/calendar.hpp"
#include "engine/driver/load.hpp"
#include "engine/repair/repair.hpp"
#include "harness.hpp"

using namespace samsvar;
using namespace samsvar::testing;

namespace {

struct Journey : RepairedCase {
  using RepairedCase::RepairedCase;
  std::string text(Lang lang) const { return renderText(input(lang)); }
  std::string json() const { return renderJson(input(Lang::en)); }
  bool isFact(int instance, int attr) const {
    return model->types[model->instances[instance].type].attrs[attr].isFact();
  }
  std::set<std::string> confirmed() const {
    std::set<std::string> out;
    for (const auto& c : repair.changes)
      if (c.kind == RepairChange::Kind::confirm) out.insert(attributeName(*model, c.instance, c.attr) + " = " +
                                                            changeValueText(*model, repair, c, Lang::en));
    return out;
  }
};

/// What every journey's repair must be.
void expectAcceptable(const Journey& j) {
  ASSERT_EQ(j.repair.status, RepairResult::Status::found) << j.text(Lang::en);
  // Re-checked: applied, every må/skal rule holds.
  model::Model fixed = applyRepair(*j.model, j.repair);
  CaseResult again = j.checker.check(fixed);
  EXPECT_EQ(exitCodeFor(fixed, again, /*strict=*/true), 0) << renderText(ReportInput{j.sm, fixed, again, Lang::en});
  const std::int64_t y2000 = *calendar::dayNumber(2000, 1, 1);
  for (const auto& c : j.repair.changes) {
    if (c.kind == RepairChange::Kind::deviate) continue;  // a record, no attribute
    if (c.kind == RepairChange::Kind::add_instance) {
      for (const auto& [a, v] : c.attrs)
        if (j.model->types[c.type].attrs[a].ty.kind == model::Kind::Date) { EXPECT_GE(v.scalar, y2000); }
      continue;
    }
    const std::string name = attributeName(*j.model, c.instance, c.attr);
    // A world fact is never changed or declared by the repair: only confirmed.
    if (j.isFact(c.instance, c.attr))
      EXPECT_EQ(c.kind, RepairChange::Kind::confirm) << name << " is a world fact\n" << j.text(Lang::en);
    else
      EXPECT_NE(c.kind, RepairChange::Kind::confirm) << name;
    const model::Ty& ty = j.model->types[c.type].attrs[c.attr].ty;
    if (ty.kind == model::Kind::Date && !ty.set) { EXPECT_GE(c.value.scalar, y2000) << name; }
  }
}

TEST(Journey, ProposalToMakeAStandardAnbefaltWithASevenWeekHearing) {
  Journey j("tests/journeys/anbefalt-forslag-7-uker.case");
  ASSERT_TRUE(j.model) << renderAll(j.sm, j.diags, Lang::en);
  expectAcceptable(j);
  // The repair does not declare the product obsolete and withdrawn, invents
  // no new hearing and moves no decision: it asks to confirm that the product
  // is still relevant and that the hearing changed nothing substantial.
  std::set<std::string> confirm = j.confirmed();
  EXPECT_TRUE(confirm.count("basisprofiler.still_relevant = true")) << j.text(Lang::en);
  EXPECT_TRUE(confirm.count("basisprofiler.substantial_changes_after_hearing = false")) << j.text(Lang::en);
  for (const auto& c : j.repair.changes) {
    EXPECT_NE(c.kind, RepairChange::Kind::add_instance) << j.text(Lang::en);
    if (c.kind == RepairChange::Kind::deviate) continue;
    EXPECT_NE(attributeName(*j.model, c.instance, c.attr), "basisprofiler.withdrawn") << j.text(Lang::en);
    EXPECT_NE(attributeName(*j.model, c.instance, c.attr), "basisprofiler.bp4_date") << j.text(Lang::en);
  }
  std::string nb = j.text(Lang::nb), en = j.text(Lang::en);
  EXPECT_NE(nb.find("    bekreft at basisprofiler.still_relevant = true (avgjør NORM-27)"), std::string::npos) << nb;
  EXPECT_NE(en.find("    confirm that basisprofiler.still_relevant = true (settles NORM-27)"), std::string::npos) << en;
  // The NORM-27 gap says what is unknown, not that the product is obsolete.
  EXPECT_NE(nb.find("Det er ikke oppgitt basisprofiler.still_relevant og basisprofiler.withdrawn, så det er ikke "
                    "kjent om regelen er oppfylt."),
            std::string::npos)
      << nb;
  EXPECT_EQ(nb.find("er ikke lenger aktuell"), std::string::npos) << nb;
  EXPECT_NE(en.find("declare basisprofiler.still_relevant = true (then NORM-27 does not apply)"), std::string::npos)
      << en;
  // HOR-15 names a declaration that decides it (never `gaps: []`).
  EXPECT_NE(en.find("declare basisprofiler.substantial_changes_after_hearing = false (settles HOR-15 on its own)"),
            std::string::npos)
      << en;
  EXPECT_EQ(j.json().find("\"gaps\": []"), std::string::npos);
}

TEST(Journey, MunicipalityTenderForHomeMonitoring) {
  Journey j("tests/journeys/kommune-hjemmeoppfoelging.case");
  ASSERT_TRUE(j.model) << renderAll(j.sm, j.diags, Lang::en);
  expectAcceptable(j);
  // Whether the standards need adaptation is not declared: the repair asks to
  // confirm that none is needed instead of declaring a trial plan.
  EXPECT_TRUE(j.confirmed().count("dho.adaptation_needed = false")) << j.text(Lang::en);
  for (const auto& c : j.repair.changes)
    if (c.kind != RepairChange::Kind::add_instance && c.kind != RepairChange::Kind::deviate) {
      EXPECT_EQ(attributeName(*j.model, c.instance, c.attr).rfind("dho.trial_", 0), std::string::npos) << j.text(Lang::en);
    }
  std::string nb = j.text(Lang::nb), en = j.text(Lang::en);
  EXPECT_NE(nb.find("bekreft at dho.adaptation_needed = false (avgjør SEL-19)"), std::string::npos) << nb;
  EXPECT_NE(en.find("confirm that dho.adaptation_needed = false (settles SEL-19)"), std::string::npos) << en;
  EXPECT_NE(en.find("declare dho.adaptation_needed = false (then SEL-19 does not apply)"), std::string::npos) << en;
  // Suggested dates are near the tender's own (go-live 2026-09-01).
  EXPECT_NE(en.find("declare dho.trial_end = 2026-"), std::string::npos) << en;
}

TEST(Journey, VendorOfferAgainstTheTender) {
  Journey j("tests/journeys/tilbud-hjemmeoppfoelging.case");
  ASSERT_TRUE(j.model) << renderAll(j.sm, j.diags, Lang::en);
  expectAcceptable(j);
  std::set<std::string> changed;
  for (const auto& c : j.repair.changes)
    if (c.kind == RepairChange::Kind::change) changed.insert(attributeName(*j.model, c.instance, c.attr));
  // The vendor changes its offer, never the procurer's tender.
  EXPECT_EQ(changed, (std::set<std::string>{"tilbud.i_drift", "tilbud.standarder"})) << j.text(Lang::en);
  EXPECT_EQ(j.confirmed(), (std::set<std::string>{"tilbud.fhir_r4_api = true"})) << j.text(Lang::en);
  std::string en = j.text(Lang::en), nb = j.text(Lang::nb);
  EXPECT_NE(en.find("change tilbud.i_drift from 2026-11-02 to 2026-09-01 or earlier (fixes KRAV-3)"), std::string::npos)
      << en;
  EXPECT_NE(nb.find("endre tilbud.i_drift fra 2026-11-02 til 2026-09-01 eller tidligere (retter KRAV-3)"),
            std::string::npos)
      << nb;
  EXPECT_NE(nb.find("bekreft at tilbud.fhir_r4_api = true (avgjør KRAV-1)"), std::string::npos) << nb;
}

}  // namespace

namespace {

// Every attribute of the bundled vocabulary says whether it is a fact about
// the world or the user's choice (docs/language.md): the repair relies on it.
TEST(Vocabulary, EveryBundledAttributeIsMarkedFactOrChoice) {
  SourceManager sm;
  Diagnostics diags;
  auto rulebase = loadRulebase(sm, {{sourcePath("rules"), "rules/"}}, diags);
  ASSERT_TRUE(rulebase) << renderAll(sm, diags, Lang::en);
  std::size_t facts = 0, choices = 0;
  for (const auto& t : rulebase->types)
    for (const auto& a : t.attrs) {
      EXPECT_NE(a.role, ast::AttrRole::unmarked) << t.name << "." << a.name << " is neither `fact` nor `choice`";
      (a.isFact() ? facts : choices) += 1;
    }
  // The judgement the repair rests on, in a few samples.
  auto role = [&](const std::string& type, const std::string& attr) {
    for (const auto& t : rulebase->types)
      if (t.name == type) return t.attrs[t.attrIndex.at(attr)].role;
    return ast::AttrRole::unmarked;
  };
  EXPECT_EQ(role("Product", "level"), ast::AttrRole::fact);
  EXPECT_EQ(role("Product", "still_relevant"), ast::AttrRole::fact);
  EXPECT_EQ(role("Product", "withdrawn"), ast::AttrRole::fact);
  EXPECT_EQ(role("Procurement", "adaptation_needed"), ast::AttrRole::fact);
  EXPECT_EQ(role("Standard", "category"), ast::AttrRole::fact);
  EXPECT_EQ(role("Product", "bp4_date"), ast::AttrRole::choice);
  EXPECT_EQ(role("Consultation", "closes"), ast::AttrRole::choice);
  EXPECT_EQ(role("Procurement", "choices"), ast::AttrRole::choice);
  EXPECT_EQ(role("Assignment", "main_responsible"), ast::AttrRole::choice);
  EXPECT_GT(facts, 100u);
  EXPECT_GT(choices, 200u);
}

}  // namespace
