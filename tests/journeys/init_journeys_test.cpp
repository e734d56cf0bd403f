// Each user's first hour as README.md's "Your own case" tells it: `samsvar
// init ROLE FILE` writes a starting case, `samsvar vocab WORD` finds the
// words to fill in, the user uncomments and fills lines of the written file,
// runs `check`, then `check --repair`, makes the repair's edits (as the page's
// "apply" button does) and confirms what the repair asks to confirm, and
// checks again: no må/skal rule is left violated or open. The date is pinned
// (`init --date`, `check --date`) so that the files and reports do not change
// with the clock.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <string>
#include <vector>
#include <unistd.h>

#include "command_run.hpp"
#include "core/calendar.hpp"
#include "engine/driver/commands.hpp"
#include "engine/driver/load.hpp"
#include "engine/repair/repair.hpp"
#include "engine/sema/sema.hpp"
#include "engine/serve/edits.hpp"
#include "harness.hpp"

using namespace samsvar;
using namespace samsvar::testing;
namespace fs = std::filesystem;

namespace {

constexpr const char* kDate = "2026-12-01";

CommonOptions bundled(Lang lang) {
  CommonOptions c;
  c.rules = {sourcePath("rules")};
  c.lang = lang;
  return c;
}

/// `name = value` of instance `instance` in a file `samsvar init` wrote: the
/// commented example line (`  // name = …`) uncommented and given `value`
/// (empty: the example's value), or a declared line given `value`.
std::string declare(const std::string& text, const std::string& instance, const std::string& attr,
                    const std::string& value = "") {
  std::istringstream in(text);
  std::string out, current;
  bool done = false;
  const std::regex head(R"(^([a-z_0-9]+): [A-Za-z]+ \{$)");
  const std::regex line("^  (// )?" + attr + " = (.*)$");
  for (std::string l; std::getline(in, l);) {
    std::smatch m;
    if (std::regex_match(l, m, head)) current = m[1];
    if (!done && current == instance && std::regex_match(l, m, line)) {
      l = "  " + attr + " = " + (value.empty() ? std::string(m[2]) : value);
      done = true;
    }
    out += l + "\n";
  }
  EXPECT_TRUE(done) << instance << "." << attr << " is not in the starting case";
  return out;
}

/// One line a user fills in: instance, attribute, value (empty: the example's).
struct Fill {
  const char* instance;
  const char* attr;
  const char* value = "";
};

std::string declareAll(std::string text, const std::vector<Fill>& lines) {
  for (const auto& l : lines) text = declare(text, l.instance, l.attr, l.value);
  return text;
}

class InitJourney : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("samsvar-journey-" + std::to_string(::getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  /// `samsvar init ROLE FILE --date 2026-12-01`: the written text.
  std::string init(const std::string& role) {
    file_ = (dir_ / (role + ".case")).string();
    InitCommand i;
    i.role = role;
    i.file = file_;
    i.date = kDate;
    Output o = runCommand([&](const Streams& io) { return runInit(bundled(Lang::nb), i, io); });
    EXPECT_EQ(o.code, 0) << o.err;
    return readFile(file_);
  }
  /// `samsvar init ROLE --date 2026-12-01`: the case on standard output.
  static std::string initOnStdout(const std::string& role) {
    InitCommand i;
    i.role = role;
    i.date = kDate;
    return runCommand([&](const Streams& io) { return runInit(bundled(Lang::nb), i, io); }).out;
  }
  /// `samsvar vocab WORD`: what a user reads to find a name.
  static std::string vocab(const std::string& word) {
    VocabCommand v;
    v.word = word;
    Output o = runCommand([&](const Streams& io) { return runVocab(bundled(Lang::nb), v, io); });
    EXPECT_EQ(o.code, 0) << o.err;
    return o.out;
  }
  /// `samsvar check FILE [--repair] [--strict] --date 2026-12-01 [--lang LANG]`.
  Output check(bool repair, bool strict = false, Lang lang = Lang::nb) const {
    CheckCommand c;
    c.cases = {file_};
    c.jobs = 1;
    c.repair = repair;
    c.strict = strict;
    c.date = kDate;
    return runCommand([&](const Streams& io) { return runCheck(bundled(lang), c, io); });
  }
  void write(const std::string& text) const { std::ofstream(file_, std::ios::binary) << text; }

  /// The repair of the file as it is, its edits made to the file (the page's
  /// "apply"); returns what the user is asked to confirm, as `instance.attr =
  /// value`, and declares those too (the user confirms them).
  std::set<std::string> applyRepairAndConfirm() {
    SourceManager sm;
    Diagnostics diags;
    auto rulebase = loadRulebase(sm, {{sourcePath("rules"), "rules/"}}, diags);
    EXPECT_TRUE(rulebase) << renderAll(sm, diags, Lang::en);
    if (!rulebase) return {};
    rulebase->today = testToday();
    auto file = loadFile(sm, file_, file_, diags);
    EXPECT_TRUE(file) << renderAll(sm, diags, Lang::en);
    if (!file) return {};
    auto model = analyzeCase(*rulebase, sm, *file, diags);
    EXPECT_TRUE(model) << renderAll(sm, diags, Lang::en);
    if (!model) return {};
    Checker checker;
    CaseResult result = checker.check(*model);
    RepairResult repair = computeRepair(checker, *model, result);
    EXPECT_EQ(repair.status, RepairResult::Status::found);
    std::string text = readFile(file_);
    serve::EditPlan plan = serve::CaseEditor(sm, *model, *file, Lang::nb).repair(repair);
    text = serve::applyEdits(text, plan.edits);
    std::set<std::string> confirm;
    const std::int64_t y2000 = *calendar::dayNumber(2000, 1, 1);
    for (const auto& c : repair.changes) {
      if (c.kind == RepairChange::Kind::add_instance || c.kind == RepairChange::Kind::deviate) continue;
      const model::AttrInfo& attr = model->types[c.type].attrs[c.attr];
      // No world fact is changed or declared by the repair: the case's are
      // confirmed, the reference data's are assumed (to look up).
      const bool confirmOrAssume = c.kind == RepairChange::Kind::confirm || c.kind == RepairChange::Kind::assume;
      EXPECT_EQ(attr.isFact(), confirmOrAssume) << attributeName(*model, c.instance, c.attr);
      if (attr.ty.kind == model::Kind::Date && !attr.ty.set) {
        EXPECT_GE(c.value.scalar, y2000);
      }
      if (c.kind != RepairChange::Kind::confirm) continue;
      const std::string value = changeValueText(*model, repair, c, Lang::en);
      confirm.insert(attributeName(*model, c.instance, c.attr) + " = " + value);
      text = declare(text, model->instances[c.instance].name, attr.name, value);
    }
    write(text);
    return confirm;
  }

  /// After the repair and the confirmations: every må/skal rule holds
  /// (`--strict` passes: none is violated or open), in both languages.
  void expectEveryMustRuleHolds() const {
    for (Lang lang : {Lang::nb, Lang::en}) {
      Output again = check(/*repair=*/false, /*strict=*/true, lang);
      EXPECT_EQ(again.code, 0) << again.out << again.err << readFile(file_);
      EXPECT_EQ(again.err, "");
      EXPECT_NE(again.out.find(lang == Lang::nb ? "\n0 brudd, " : "\n0 violations, "), std::string::npos) << again.out;
    }
  }

  fs::path dir_;
  std::string file_;
};

TEST_F(InitJourney, ProcurerTendersHomeMonitoringWithSnomedCt) {
  std::string text = init("procurer");
  // The starting case is the same on every run with the same date.
  EXPECT_EQ(text, initOnStdout("procurer"));
  // The terminology standard and the municipality's target group, found by a word.
  ASSERT_NE(vocab("snomed").find("std_snomed_ct: Standard"), std::string::npos);
  ASSERT_NE(vocab("TargetGroup").find(" kommuner,"), std::string::npos);
  text = declareAll(text, {
      {"anskaffelsen", "title", "\"Digital hjemmeoppfølging i Eksempel kommune\""},
      {"anskaffelsen", "target_groups", "{ kommuner }"},
      {"anskaffelsen", "candidate_standards", "{ std_snomed_ct }"},
      {"anskaffelsen", "terminology_need", "true"},
      {"anskaffelsen", "national_service", "false"},
      {"valg_1", "standard", "std_snomed_ct"},
      {"valg_1", "category", "terminologi_kodeverk"},
      {"valg_1", "followed"},
  });
  // Its normering, as `samsvar vocab snomed` shows it: a retningslinje.
  ASSERT_NE(vocab("snomed").find("    level = retningslinje\n"), std::string::npos);
  text = declareAll(text, {
      {"valg_1", "normert", "true"},
      {"valg_1", "level", "retningslinje"},
  });
  write(text);

  Output first = check(false);
  EXPECT_EQ(first.err, "");
  EXPECT_NE(first.out.find("gap[SEL-23] skal: SNOMED CT er vurdert der løsningen trenger terminologi"),
            std::string::npos)
      << first.out;
  Output repaired = check(true);
  EXPECT_NE(repaired.out.find("Minste reparasjon"), std::string::npos) << repaired.out;
  EXPECT_NE(repaired.out.find("bekreft at anskaffelsen.adaptation_needed = false (avgjør SEL-19)"), std::string::npos)
      << repaired.out;

  // What the user must confirm about the world: no adaptation is needed (so
  // no trial plan), and no further standard's normering applies. Not that
  // the solution needs no terminology: the user said it does.
  EXPECT_EQ(applyRepairAndConfirm(),
            (std::set<std::string>{"anskaffelsen.adaptation_needed = false", "anskaffelsen.applicable_standards = {}"}));
  expectEveryMustRuleHolds();
}

TEST_F(InitJourney, DirectorateProposesAnbefaltStandardWithSevenWeekHearing) {
  std::string text = init("directorate");
  ASSERT_NE(vocab("fhir").find("std_basisprofiler_fhir_v22: Standard"), std::string::npos);
  ASSERT_NE(vocab("høring").find("hoering"), std::string::npos);
  text = declareAll(text, {
      {"produktet", "title", "\"HL7 FHIR basisprofiler som anbefalt standard\""},
      {"produktet", "standard", "std_basisprofiler_fhir_v22"},
      {"produktet", "level", "anbefalt"},
      {"produktet", "target_groups", "{ kommuner, spesialisthelsetjenesten }"},
      {"produktet", "bp3_date", "2026-01-05"},
      {"hoeringen", "kind", "hoering"},
      {"hoeringen", "opens", "2026-02-02"},
      {"hoeringen", "closes", "2026-03-23"},  // seven weeks
  });
  write(text);

  Output first = check(false);
  EXPECT_EQ(first.err, "");
  EXPECT_NE(first.out.find("gap[HOR-13] skal: Høringsfristen er normalt tre måneder"), std::string::npos) << first.out;
  Output repaired = check(true, false, Lang::en);
  EXPECT_NE(repaired.out.find("Smallest repair"), std::string::npos) << repaired.out;
  // The seven weeks stay: the shorter deadline is justified by the user (a
  // text to fill in), never a hearing moved or a product withdrawn.
  EXPECT_NE(repaired.out.find("declare hoeringen.deadline_justification = \"…\" (fixes HOR-12, HOR-13)"),
            std::string::npos)
      << repaired.out;
  const std::string repairPart = repaired.out.substr(repaired.out.find("Smallest repair"));
  EXPECT_EQ(repairPart.find("hoeringen.closes"), std::string::npos) << repairPart;
  EXPECT_EQ(repairPart.find("produktet.withdrawn"), std::string::npos) << repairPart;
  EXPECT_EQ(repairPart.find("a new Consultation"), std::string::npos) << repairPart;

  std::set<std::string> confirm = applyRepairAndConfirm();
  for (const char* c : {"produktet.still_relevant = true", "produktet.substantial_changes_after_hearing = false",
                        "produktet.documented_practice = true", "produktet.need_scope = nasjonal",
                        "produktet.standard_consensus_process = true", "utredningen.benefit_confident = true"})
    EXPECT_TRUE(confirm.count(c)) << c;
  expectEveryMustRuleHolds();
}

TEST_F(InitJourney, VendorAssessesItselfAgainstTheOrderedStandards) {
  std::string text = init("vendor");
  ASSERT_NE(vocab("fhir").find("std_basisprofiler_fhir_v22: Standard"), std::string::npos);
  ASSERT_NE(vocab("arena").find("testarena"), std::string::npos);
  text = declareAll(text, {
      {"leverandoeren", "name", "\"Nordlys Helse AS\""},
      {"rollen", "ordered_standards", "{ std_basisprofiler_fhir_v22 }"},
      {"rollen", "delivered_standards", "{ }"},
      {"rollen", "arenas", "{ testarena }"},
  });
  write(text);

  Output first = check(false);
  EXPECT_EQ(first.code, 1) << first.out << first.err;
  EXPECT_NE(first.out.find("error[ROLE-28] skal"), std::string::npos) << first.out;
  Output repaired = check(true);
  EXPECT_NE(repaired.out.find("endre rollen.delivered_standards fra {} til { std_basisprofiler_fhir_v22 } (retter "
                              "ROLE-28)"),
            std::string::npos)
      << repaired.out;
  // Nothing about the world to confirm: the vendor's own answers settle it.
  EXPECT_EQ(applyRepairAndConfirm(), std::set<std::string>{});
  expectEveryMustRuleHolds();
}

}  // namespace
