// `samsvar vocab` and `samsvar init` on the bundled rules, as the CLI runs
// them: what a new user finds by a word in either language, what an unknown
// word is told, docs/vocabulary.md kept true, and a starting case per role
// that parses and checks, also with every example line declared.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>
#include <unistd.h>

#include "command_run.hpp"
#include "engine/driver/commands.hpp"
#include "harness.hpp"
#include "test_rules.hpp"

using namespace samsvar;
using samsvar::testing::Output;
using samsvar::testing::readFile;
using samsvar::testing::runCommand;
using samsvar::testing::sourcePath;
namespace fs = std::filesystem;

namespace {

CommonOptions bundled(Lang lang) {
  CommonOptions c;
  c.rules = {sourcePath("rules")};
  c.lang = lang;
  return c;
}

template <class Command>
Output run(const Command& command) {
  return runCommand(command);
}

Output vocab(const std::string& word, Lang lang, const std::string& format = "text") {
  VocabCommand v;
  v.word = word;
  v.format = format;
  return run([&](const Streams& io) { return runVocab(bundled(lang), v, io); });
}

Output init(const std::string& role, Lang lang, const std::string& file = "") {
  InitCommand i;
  i.role = role;
  i.file = file;
  return run([&](const Streams& io) { return runInit(bundled(lang), i, io); });
}

Output check(const std::string& file, Lang lang) {
  CheckCommand c;
  c.cases = {file};
  c.jobs = 1;
  return run([&](const Streams& io) { return runCheck(bundled(lang), c, io); });
}

class TempDir : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("samsvar-init-" + std::to_string(::getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
};

}  // namespace

TEST(Vocab, FindsReferenceDataByWordWithItsFacts) {
  Output nb = vocab("snomed", Lang::nb);
  ASSERT_EQ(nb.code, 0) << nb.err;
  EXPECT_NE(nb.out.find("Referansedata (instanser i regelmodulene, kan brukes ved navn)"), std::string::npos) << nb.out;
  EXPECT_NE(nb.out.find("  std_snomed_ct: Standard  (referanse)\n"), std::string::npos) << nb.out;
  EXPECT_NE(nb.out.find("    category = terminologi_kodeverk\n"), std::string::npos) << nb.out;
  // The rules that mention it, with the attributes they read.
  EXPECT_NE(nb.out.find("SEL-23 skal: SNOMED CT er vurdert der løsningen trenger terminologi"), std::string::npos);
  EXPECT_NE(nb.out.find("leser: Procurement."), std::string::npos);

  Output en = vocab("snomed", Lang::en);
  ASSERT_EQ(en.code, 0) << en.err;
  EXPECT_NE(en.out.find("Reference data (instances in the rule modules, usable by name)"), std::string::npos);
  EXPECT_NE(en.out.find("SEL-23 skal: SNOMED CT is assessed where the solution needs terminology"), std::string::npos)
      << en.out;
  EXPECT_NE(en.out.find("reads: Procurement."), std::string::npos);
}

TEST(Vocab, NorwegianWordFindsTypesAttributesAndRules) {
  // "høring" is in attribute documentation and in the titles of rules.
  Output o = vocab("høring", Lang::nb);
  ASSERT_EQ(o.code, 0) << o.err;
  EXPECT_NE(o.out.find("  type Consultation  (normering)"), std::string::npos) << o.out;
  EXPECT_NE(o.out.find("    opens: date  — start på innspillsrunden eller høringen\n"), std::string::npos) << o.out;
  EXPECT_NE(o.out.find("HOR-14 skal: Høringsfristen er minst seks uker"), std::string::npos) << o.out;
  // A matching enum is shown with all its values, each with its label where the name is not the plain word.
  EXPECT_NE(o.out.find("innspillsrunde, hoering (høring), ny_hoering (ny høring), forskriftshoering (forskriftshøring)"),
            std::string::npos)
      << o.out;
  // Case-insensitive, Norwegian capitals too.
  EXPECT_EQ(vocab("HØRING", Lang::nb).out, o.out);
}

TEST(Vocab, EnglishWordFindsTheEnglishDescriptions) {
  // "hearing" is only in the English descriptions and labels; English output shows them.
  Output o = vocab("hearing", Lang::en);
  ASSERT_EQ(o.code, 0) << o.err;
  EXPECT_NE(o.out.find("  type Consultation  (normering)  A round of input or a hearing on the draft of a product (003 §4.1.4)\n"),
            std::string::npos)
      << o.out;
  EXPECT_NE(o.out.find("    opens: date  — start of the round of input or hearing\n"), std::string::npos) << o.out;
  EXPECT_NE(o.out.find("innspillsrunde (round of input), hoering (hearing), ny_hoering (new hearing), "
                       "forskriftshoering (hearing on a regulation)"),
            std::string::npos)
      << o.out;
  // A folded name gets its letters back, and an abbreviation is spelt out, in each language.
  Output nb = vocab("ActorKind", Lang::nb);
  EXPECT_NE(nb.out.find("hod (Helse- og omsorgsdepartementet (HOD))"), std::string::npos) << nb.out;
  EXPECT_NE(nb.out.find("tjenesteleverandoer (tjenesteleverandør)"), std::string::npos) << nb.out;
  Output en = vocab("ActorKind", Lang::en);
  EXPECT_NE(en.out.find("hod (Ministry of Health and Care Services (HOD))"), std::string::npos) << en.out;
  EXPECT_NE(en.out.find("tjenesteleverandoer (service vendor)"), std::string::npos) << en.out;
}

TEST(Vocab, EveryTypeAttributeAndEnumIsDescribedInBothLanguages) {
  auto all = nlohmann::json::parse(vocab("", Lang::en, "json").out);
  auto described = [](const nlohmann::json& doc) { return doc["nb"] != "" && doc["en"] != ""; };
  std::vector<std::string> missing;
  for (const auto& t : all["types"]) {
    if (!described(t["doc"])) missing.push_back("type " + t["name"].get<std::string>());
    for (const auto& a : t["attributes"])
      if (!described(a["doc"])) missing.push_back(t["name"].get<std::string>() + "." + a["name"].get<std::string>());
  }
  for (const auto& e : all["enums"])
    if (!described(e["doc"])) missing.push_back("enum " + e["name"].get<std::string>());
  EXPECT_FALSE(all["types"].empty());
  EXPECT_TRUE(missing.empty()) << "without a description in nb and en: " << nlohmann::json(missing).dump();
}

TEST(Vocab, JsonListsTypesEnumsAndInstances) {
  Output o = vocab("basisprofiler", Lang::en, "json");
  ASSERT_EQ(o.code, 0) << o.err;
  auto j = nlohmann::json::parse(o.out);
  EXPECT_EQ(j["word"], "basisprofiler");
  bool found = false;
  for (const auto& i : j["instances"])
    if (i["name"] == "std_basisprofiler_fhir_v22") {
      found = true;
      EXPECT_EQ(i["type"], "Standard");
      EXPECT_TRUE(i["facts"].contains("title"));
      EXPECT_FALSE(i["named_by"].empty());  // the normering of it
    }
  EXPECT_TRUE(found) << o.out;
  // The whole vocabulary: every type has its attributes with type and documentation.
  auto all = nlohmann::json::parse(vocab("", Lang::en, "json").out);
  bool consultation = false;
  for (const auto& t : all["types"])
    if (t["name"] == "Consultation")
      for (const auto& a : t["attributes"])
        if (a["name"] == "closes") consultation = a["type"] == "date" && a["doc"]["nb"] == "høringsfrist / frist for innspill" &&
                         a["doc"]["en"] == "deadline for responses or input";
  EXPECT_TRUE(consultation);
  bool labelled = false;
  for (const auto& e : all["enums"])
    if (e["name"] == "AnalysisLevel")
      labelled = e["labels"]["samfunnsoekonomisk_analyse"]["nb"] == "samfunnsøkonomisk analyse" &&
                 e["labels"]["samfunnsoekonomisk_analyse"]["en"] == "cost-benefit analysis";
  EXPECT_TRUE(labelled);
}

TEST(Vocab, UnknownWordSaysWhatItCouldHaveBeen) {
  Output nb = vocab("Consultaton", Lang::nb);
  EXPECT_EQ(nb.code, 2);
  EXPECT_EQ(nb.out, "");
  EXPECT_NE(nb.err.find("ingenting i vokabularet passer med `Consultaton`"), std::string::npos) << nb.err;
  EXPECT_NE(nb.err.find("mente du `Consultation`?"), std::string::npos) << nb.err;
  Output en = vocab("Consultaton", Lang::en);
  EXPECT_NE(en.err.find("nothing in the vocabulary matches `Consultaton`"), std::string::npos) << en.err;
  EXPECT_NE(en.err.find("did you mean `Consultation`?"), std::string::npos) << en.err;
}

TEST(Vocab, DocsVocabularyIsTheGeneratedOne) {
  Output o = vocab("", Lang::en, "markdown");
  ASSERT_EQ(o.code, 0) << o.err;
  EXPECT_NE(o.out.find("| `closes` | `date` | høringsfrist / frist for innspill / deadline for responses or input |"),
            std::string::npos);
  EXPECT_NE(o.out.find("| `std_snomed_ct` |"), std::string::npos);
  EXPECT_TRUE(readFile(sourcePath("docs/vocabulary.md")) == o.out)
      << "docs/vocabulary.md is stale: regenerate it with `build/samsvar vocab --format markdown > docs/vocabulary.md`";
}

TEST_F(TempDir, EachRoleStartsFromACaseThatParsesAndChecks) {
  for (const char* role : {"procurer", "directorate", "vendor"}) {
    for (Lang lang : {Lang::nb, Lang::en}) {
      SCOPED_TRACE(std::string(role) + (lang == Lang::nb ? " nb" : " en"));
      const fs::path file = dir_ / (std::string(role) + (lang == Lang::nb ? ".nb" : ".en") + ".case");
      Output written = init(role, lang, file.string());
      ASSERT_EQ(written.code, 0) << written.err;
      EXPECT_NE(written.err.find(lang == Lang::nb ? "Fyll den ut, og sjekk den med `samsvar check "
                                                  : "Fill it in, and check it with `samsvar check "),
                std::string::npos)
          << written.err;
      const std::string text = readFile(file.string());
      EXPECT_EQ(text, init(role, lang).out);  // the same on standard output
      EXPECT_NE(text.find(lang == Lang::nb ? "Alle ord du kan bruke: `samsvar vocab`" : "Every word you may use: `samsvar vocab`"),
                std::string::npos);
      Output checked = check(file.string(), lang);
      EXPECT_LE(checked.code, 1) << checked.err;  // checks: no bad input, no internal error
      EXPECT_EQ(checked.err, "");

      // Every commented example line declared at once still parses and
      // type-checks: the template names only words the rules declare.
      std::regex example(R"(^  // ([A-Za-z_0-9]+ = .*)$)");
      std::string declared;
      std::istringstream lines(text);
      for (std::string line; std::getline(lines, line);) declared += std::regex_replace(line, example, "  $1") + "\n";
      ASSERT_NE(declared, text);
      const fs::path full = dir_ / (std::string(role) + ".full.case");
      std::ofstream(full) << declared;
      Output fullCheck = check(full.string(), lang);
      EXPECT_LE(fullCheck.code, 1) << fullCheck.err << declared;
      EXPECT_EQ(fullCheck.err, "");
    }
  }
}

TEST_F(TempDir, InitNeverOverwritesAFile) {
  const fs::path file = dir_ / "mine.case";
  std::ofstream(file) << "case \"mitt arbeid\"\n";
  Output nb = init("procurer", Lang::nb, file.string());
  EXPECT_EQ(nb.code, 2);
  EXPECT_NE(nb.err.find(file.string() + " finnes allerede; velg et annet filnavn, eller slett filen først"),
            std::string::npos)
      << nb.err;
  Output en = init("procurer", Lang::en, file.string());
  EXPECT_NE(en.err.find(file.string() + " already exists; choose another file name, or delete the file first"),
            std::string::npos)
      << en.err;
  EXPECT_EQ(readFile(file.string()), "case \"mitt arbeid\"\n");
}

TEST(UnknownNames, ListTheValidOnesOrTheNearest) {
  using samsvar::testing::kTestModule;
  auto far = samsvar::testing::runTexts({{"t.rules", kTestModule}}, "case \"x\"\np: Product { colour = 1 }\n");
  ASSERT_EQ(far.diags.items().size(), 1u) << far.errors();
  const Diagnostic& d = far.diags.items()[0];
  ASSERT_TRUE(d.help.has_value());
  EXPECT_EQ(d.help->en, "valid names here: `level`, `consultations`, `effects`, `groups`");
  EXPECT_EQ(d.help->nb, "gyldige navn her: `level`, `consultations`, `effects`, `groups`");

  auto near = samsvar::testing::runTexts({{"t.rules", kTestModule}}, "case \"x\"\np: Product { levle = anbefalt }\n");
  ASSERT_EQ(near.diags.items().size(), 1u) << near.errors();
  EXPECT_EQ(near.diags.items()[0].help->en, "did you mean `level`?");

  auto value = samsvar::testing::runTexts({{"t.rules", kTestModule}}, "case \"x\"\np: Product { level = høy }\n");
  ASSERT_EQ(value.diags.items().size(), 1u) << value.errors();
  EXPECT_EQ(value.diags.items()[0].help->en, "valid names here: `veileder`, `retningslinje`, `anbefalt`, `obligatorisk`");
  EXPECT_EQ(value.diags.items()[0].help->nb, "gyldige navn her: `veileder`, `retningslinje`, `anbefalt`, `obligatorisk`");
}

namespace {
Output explain(const std::string& rule, std::vector<std::string> cases, Lang lang) {
  ExplainCommand e;
  e.rule = rule;
  e.cases = std::move(cases);
  return run([&](const Streams& io) { return runExplain(bundled(lang), e, io); });
}
}  // namespace

TEST(Explain, ACasesOwnRuleInAnyCase) {
  const std::string tender = sourcePath("examples/vendor/anbud-trygghetsalarm-vkp.case");
  Output o = explain("krav-v1", {tender}, Lang::nb);
  ASSERT_EQ(o.code, 0) << o.err;
  EXPECT_EQ(o.out.rfind("KRAV-V1 [må] (", 0), 0u) << o.out;
  EXPECT_NE(o.out.find("anbud-trygghetsalarm-vkp.case:96:6)"), std::string::npos) << o.out;
  EXPECT_NE(o.out.find("    tilbudvft1.nhn_tredjepart_godkjent = true\n"), std::string::npos) << o.out;
  // Without the case the id is unknown, and a bundled rule near it is not offered as if it were it.
  Output without = explain("KRAV-V1", {}, Lang::en);
  EXPECT_EQ(without.code, 2);
  EXPECT_NE(without.err.find("error: unknown rule `KRAV-V1`"), std::string::npos) << without.err;
  // A bundled rule in lower case, and a near id.
  EXPECT_EQ(explain("hor-14", {}, Lang::en).out.rfind("HOR-14 [", 0), 0u);
  Output near = explain("SEL-2x", {}, Lang::nb);
  EXPECT_EQ(near.err, "error: ukjent regel `SEL-2x`\nhelp: mente du `SEL-20`?\n");
  Output nothing = explain("snomed", {}, Lang::en);
  EXPECT_EQ(nothing.err,
            "error: unknown rule `snomed`\nhelp: `samsvar vocab snomed` searches the types, values, reference data and "
            "rules for the word\n");
}

TEST(Explain, ExamplesAreShortAndAMissingOneSaysWhy) {
  // SEL-24 reads the phase-out day of every standard an example might choose;
  // an example shows only the unknowns it depends on: the violating one is a
  // phased-out standard not noted as such, and no other standard's day.
  Output sel = explain("SEL-24", {}, Lang::nb);
  ASSERT_EQ(sel.code, 0) << sel.err;
  EXPECT_LT(std::count(sel.out.begin(), sel.out.end(), '\n'), 40) << sel.out;
  EXPECT_NE(sel.out.find("    choice1.phased_out_noted = false\n"), std::string::npos) << sel.out;
  EXPECT_EQ(sel.out.find(".phased_out_from = "), std::string::npos) << sel.out;
  // A long list of values a set lacks is cut short.
  Output norm = explain("NORM-07", {}, Lang::nb);
  ASSERT_EQ(norm.code, 0) << norm.err;
  EXPECT_NE(norm.out.find(" inneholder ikke allmennlegetjenesten, ambulansetjenesten, amk_sentraler eller 45 andre\n"),
            std::string::npos)
      << norm.out;
  Output en = explain("NORM-07", {}, Lang::en);
  EXPECT_NE(en.out.find(" lacks allmennlegetjenesten, ambulansetjenesten, amk_sentraler or 45 others\n"),
            std::string::npos)
      << en.out;

  Output plan = explain("PLAN-01", {}, Lang::nb);
  ASSERT_EQ(plan.code, 0) << plan.err;
  EXPECT_NE(plan.out.find("    (finnes ikke: eksemplene har én PlanStep (a og b er samme instans), og regelen gjelder "
                          "bare for to ulike; `samsvar check` på en sak med to PlanStep viser hvordan den virker)\n"),
            std::string::npos)
      << plan.out;
  Output planEn = explain("PLAN-01", {}, Lang::en);
  EXPECT_NE(planEn.out.find("    (none exists: the examples have one PlanStep (a and b are the same instance), and the "
                            "rule applies only to two different ones; `samsvar check` on a case with two PlanStep shows "
                            "how it works)\n"),
            std::string::npos)
      << planEn.out;
}

// lint CASE analyses the case's own rules; the bundled rules only with --rulebase.
TEST_F(TempDir, LintFindsACasesImpossibleAndDeadRules) {
  const std::string file = (dir_ / "krav.case").string();
  std::ofstream(file) << "case \"Lint\" uses anskaffelse\n"
                         "type T { a: int }\n"
                         "t1: T { }\n"
                         "rule KRAV-1 må\n"
                         "  title nb \"umulig\" en \"impossible\"\n"
                         "  source \"anbud\"\n"
                         "  for t: T\n"
                         "  require t.a > 5 and t.a < 3\n"
                         "rule KRAV-2 skal\n"
                         "  title nb \"aldri\" en \"never\"\n"
                         "  source \"anbud\"\n"
                         "  for t: T\n"
                         "  when false\n"
                         "  require t.a > 1\n";
  auto lint = [&](Lang lang) {
    LintCommand l;
    l.paths = {file};
    return run([&](const Streams& io) { return runLint(bundled(lang), l, io); });
  };
  Output nb = lint(Lang::nb);
  EXPECT_EQ(nb.code, 0) << nb.err;
  EXPECT_NE(nb.err.find("krav.case:4:6: warning: ingen sak kan oppfylle `KRAV-1` der den gjelder"), std::string::npos)
      << nb.err;
  EXPECT_NE(nb.err.find("help: rett `require` i `KRAV-1` i saken: slik den står, kan ingen sak oppfylle den"),
            std::string::npos)
      << nb.err;
  EXPECT_NE(nb.err.find("krav.case:9:6: warning: `KRAV-2` gjelder aldri (betingelsen kan ikke bli sann)"),
            std::string::npos)
      << nb.err;
  EXPECT_NE(nb.err.find("help: rett `when` i `KRAV-2` i saken: slik den står, gjelder regelen aldri, så den sjekker "
                        "ingenting"),
            std::string::npos)
      << nb.err;
  // Only the case's rules: nothing about the bundled ones.
  EXPECT_EQ(nb.err.find("rules/"), std::string::npos) << nb.err;
  EXPECT_NE(nb.out.find("1 saker; 2 advarsler, 0 tilsiktede analysefunn"), std::string::npos) << nb.out;
  Output en = lint(Lang::en);
  EXPECT_NE(en.err.find("help: correct `when` of `KRAV-2` in the case: as written the rule never applies, so it "
                        "checks nothing"),
            std::string::npos)
      << en.err;
  EXPECT_NE(en.err.find("help: correct `require` of `KRAV-1` in the case: as written no case can satisfy it"),
            std::string::npos)
      << en.err;
}
