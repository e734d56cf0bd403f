// The SARIF, JUnit and HTML reports: golden files of one example each, and
// the behaviour their readers depend on (levels, failures, locations,
// escaping, both languages). tests/engine/report/validate_formats.py
// validates them with a SARIF schema validator and an XML parser.
// Regenerate the goldens with SAMSVAR_UPDATE_GOLDEN=1 and review the diff.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "engine/driver/load.hpp"
#include "engine/repair/repair.hpp"
#include "engine/report/format.hpp"
#include "engine/report/html.hpp"
#include "engine/report/junit.hpp"
#include "engine/report/sarif.hpp"
#include "harness.hpp"
#include "process.hpp"

namespace fs = std::filesystem;
using namespace samsvar;
using namespace samsvar::testing;
using nlohmann::json;

namespace {

/// The example of the golden files: an offer against its tender, with a
/// violation, a gap, a deviation and satisfied rules, in six findings.
const std::string kExample = "examples/vendor/tilbud-trygghetsalarm-vkp.case";

/// A checked and repaired example, as `samsvar check FILE --repair` makes it.
struct Example {
  SourceManager sm;
  Diagnostics diags;
  std::optional<model::Model> rulebase, model;
  Checker checker;
  CaseResult result;
  RepairResult repair;

  explicit Example(const std::string& file) {
    rulebase = loadRulebase(sm, {{sourcePath("rules"), "rules/"}}, diags);
    if (rulebase) rulebase->today = testToday();
    if (rulebase) model = loadCase(sm, *rulebase, sourcePath(file), file, diags);
    if (!model) return;
    result = checker.check(*model);
    repair = computeRepair(checker, *model, result);
  }
  ReportInput input(Lang lang, bool strict = false) const { return ReportInput{sm, *model, result, lang, strict, &repair}; }
};

/// A case with its own rule module, checked; its repair in `repair`.
struct Small {
  Run run;
  RepairResult repair;
  explicit Small(const std::string& caseText) : run(runTexts({{"hearing.rules", readFile(sourcePath("tests/cli/hearing.rules"))}}, caseText)) {
    if (run.model) repair = computeRepair(Checker{}, *run.model, run.result);
  }
  ReportInput input(Lang lang, bool strict = false) const {
    return ReportInput{run.sm, *run.model, run.result, lang, strict, &repair};
  }
};

void compareOrUpdate(const std::string& path, const std::string& actual) {
  if (std::getenv("SAMSVAR_UPDATE_GOLDEN")) {
    std::ofstream(path, std::ios::binary) << actual;
    return;
  }
  ASSERT_TRUE(fs::exists(path)) << path << " is missing; run the tests with SAMSVAR_UPDATE_GOLDEN=1";
  EXPECT_EQ(readFile(path), actual) << "golden report differs: " << path
                                    << " (rerun with SAMSVAR_UPDATE_GOLDEN=1 if the change is intended)";
}

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

TEST(GoldenFormats, SarifJunitAndHtmlOfOneExample) {
  Example ex(kExample);
  ASSERT_TRUE(ex.model) << renderAll(ex.sm, ex.diags, Lang::en);
  const std::string stem = sourcePath(kExample.substr(0, kExample.size() - 5));
  compareOrUpdate(stem + ".expected.sarif", renderSarif(ex.input(Lang::nb)));
  compareOrUpdate(stem + ".expected.junit.xml", renderJunit(ex.input(Lang::nb)));
  compareOrUpdate(stem + ".expected.html", renderHtml(ex.input(Lang::nb)));
}

// --- SARIF ---------------------------------------------------------------

TEST(Sarif, LevelsFollowVerdictAndStrength) {
  Example ex(kExample);
  ASSERT_TRUE(ex.model);
  json log = json::parse(renderSarif(ex.input(Lang::en)));
  EXPECT_EQ(log["version"], "2.1.0");
  ASSERT_EQ(log["runs"].size(), 1u);
  const json& run = log["runs"][0];
  std::map<std::string, json> byRule;
  for (const auto& r : run["results"]) byRule[r["ruleId"]] = r;
  // KRAV-V1 (må) is violated, KRAV-V2 (må) is open, KRAV-V3 (skal) is deviated.
  ASSERT_EQ(byRule.size(), 3u);
  EXPECT_EQ(byRule["KRAV-V1"]["level"], "error");
  EXPECT_EQ(byRule["KRAV-V2"]["level"], "warning");
  EXPECT_EQ(byRule["KRAV-V2"]["properties"]["verdict"], "gap");
  EXPECT_EQ(byRule["KRAV-V2"]["properties"]["decidedBy"][0],
            "declare trygg_hjemme_alarm_3.helseid_klient_per_kommune = true (settles KRAV-V2 on its own)");
  // A deviation keeps the level of what it covers, suppressed with its reason.
  EXPECT_EQ(byRule["KRAV-V3"]["level"], "error");
  ASSERT_EQ(byRule["KRAV-V3"]["suppressions"].size(), 1u);
  EXPECT_EQ(byRule["KRAV-V3"]["suppressions"][0]["status"], "accepted");
  EXPECT_EQ(byRule["KRAV-V3"]["suppressions"][0]["justification"].get<std::string>().rfind("Forbehold: R4", 0), 0u);
  EXPECT_FALSE(byRule["KRAV-V1"].contains("suppressions"));
}

TEST(Sarif, ResultsPointAtTheCaseLinesAndRulesCiteTheirSources) {
  Example ex(kExample);
  ASSERT_TRUE(ex.model);
  json run = json::parse(renderSarif(ex.input(Lang::nb)))["runs"][0];
  const json& v1 = run["results"][0];
  EXPECT_EQ(v1["ruleId"], "KRAV-V1");
  const json& at = v1["locations"][0]["physicalLocation"];
  EXPECT_EQ(at["artifactLocation"]["uri"], kExample);
  EXPECT_EQ(at["region"]["startLine"], 23);
  // The fact that causes it, on its own line.
  ASSERT_EQ(v1["relatedLocations"].size(), 1u);
  EXPECT_EQ(v1["relatedLocations"][0]["physicalLocation"]["region"]["startLine"], 26);
  EXPECT_EQ(v1["relatedLocations"][0]["message"]["text"], "fordi: trygg_hjemme_alarm_3.nhn_tredjepart_godkjent = false");
  EXPECT_EQ(v1["message"]["text"],
            "trygg_hjemme_alarm_3: leverandøren er ikke godkjent som tredjepartsleverandør av NHN, og kan ikke kobles til VKP.");
  EXPECT_EQ(v1["partialFingerprints"]["samsvarFinding/v1"], "KRAV-V1|t=trygg_hjemme_alarm_3");
  const json& rule = run["tool"]["driver"]["rules"][v1["ruleIndex"].get<int>()];
  EXPECT_EQ(rule["id"], "KRAV-V1");
  EXPECT_EQ(rule["shortDescription"]["text"], "V.1 Leverandøren er godkjent som tredjepartsleverandør av Norsk helsenett");
  EXPECT_EQ(rule["defaultConfiguration"]["level"], "error");
  const std::string help = rule["help"]["text"];
  EXPECT_NE(help.find("kilde: anbud-trygghetsalarm-vkp.case krav V.1 «VFT-leverandøren må være godkjent"), std::string::npos)
      << help;
  EXPECT_EQ(run["invocations"][0]["exitCode"], 1);
  EXPECT_EQ(run["language"], "nb-NO");
}

TEST(Sarif, ACaseTextWithItsOwnModuleIsLocatedOnItsLines) {
  Small small(R"(case "x" uses hearing
h1: Hearing { opens = 2024-01-01  closes = 2024-01-22 })");
  ASSERT_TRUE(small.run.model) << small.run.errors();
  json run = json::parse(renderSarif(small.input(Lang::en)))["runs"][0];
  EXPECT_EQ(run["results"][0]["level"], "error");  // H-6W is a må rule
  EXPECT_EQ(run["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"], 2);
}

// --- JUnit ---------------------------------------------------------------

TEST(Junit, FailuresAreWhatFailsTheCheck) {
  Example ex(kExample);
  ASSERT_TRUE(ex.model);
  const std::string xml = renderJunit(ex.input(Lang::en));
  // Six findings, all applicable: one test case each. The må violation fails;
  // the må gap is skipped with its reason, unless --strict.
  EXPECT_EQ(count(xml, "<testcase "), 6u);
  EXPECT_EQ(count(xml, "<failure "), 1u);
  EXPECT_EQ(count(xml, "<skipped "), 1u);
  EXPECT_NE(xml.find("tests=\"6\" failures=\"1\" errors=\"0\" skipped=\"1\""), std::string::npos) << xml;
  EXPECT_NE(xml.find("<failure type=\"violated\" message=\"violated (må): trygg_hjemme_alarm_3: the vendor"), std::string::npos)
      << xml;
  const std::string strict = renderJunit(ex.input(Lang::en, /*strict=*/true));
  EXPECT_EQ(count(strict, "<failure "), 2u);
  EXPECT_EQ(count(strict, "<skipped "), 0u);
  // The deviation passes and says why.
  EXPECT_NE(xml.find("deviation justified (examples/vendor/tilbud-trygghetsalarm-vkp.case:35:1)"), std::string::npos);
  EXPECT_NE(xml.find("line=\"23\""), std::string::npos);
}

TEST(Junit, MarkupAndControlCharactersAreEscaped) {
  EXPECT_EQ(xmlEscape("a<b>&\"c'\x1b[2J"), "a&lt;b&gt;&amp;&quot;c&apos;\xE2\x90\x9B[2J");
  Small small("case \"<b>&amp;\\t</b>\" uses hearing\nh1: Hearing { opens = 2024-01-01  closes = 2024-01-22 }");
  ASSERT_TRUE(small.run.model) << small.run.errors();
  const std::string xml = renderJunit(small.input(Lang::nb));
  EXPECT_NE(xml.find("name=\"Sak «&lt;b&gt;&amp;amp;\t&lt;/b&gt;»\""), std::string::npos) << xml;
  EXPECT_EQ(xml.find("<b>"), std::string::npos);
}

// --- HTML ----------------------------------------------------------------

TEST(Html, OneSelfContainedPageWithoutScript) {
  Example ex(kExample);
  ASSERT_TRUE(ex.model);
  const std::string page = renderHtml(ex.input(Lang::en));
  EXPECT_EQ(page.rfind("<!DOCTYPE html>\n", 0), 0u);
  EXPECT_EQ(page.find("<script"), std::string::npos);
  EXPECT_EQ(page.find(" src="), std::string::npos);
  EXPECT_EQ(page.find("<link"), std::string::npos);
  EXPECT_EQ(page.find("url("), std::string::npos);
  EXPECT_NE(page.find("<style>\n/* The report of a case"), std::string::npos);
  EXPECT_NE(page.find("lang=\"en\""), std::string::npos);
}

TEST(Html, FindingsAreGroupedAndCausesNameTheirLines) {
  Example ex(kExample);
  ASSERT_TRUE(ex.model);
  const std::string nb = renderHtmlSection(ex.input(Lang::nb));
  EXPECT_NE(nb.find("<h3>Brudd på må/skal-regler</h3>"), std::string::npos);
  EXPECT_NE(nb.find("<h3>Mangler (avhenger av det som ikke er deklarert)</h3>"), std::string::npos);
  EXPECT_NE(nb.find("<h3>Avvik</h3>"), std::string::npos);
  EXPECT_NE(nb.find("<li class=\"cause\" data-file=\"examples/vendor/tilbud-trygghetsalarm-vkp.case\" data-line=\"26\">"),
            std::string::npos)
      << nb;
  EXPECT_NE(nb.find("<h3>Minste reparasjon</h3>"), std::string::npos);
  // NHN's approval is a fact the vendor cannot change: the repair says so.
  EXPECT_NE(nb.find("Ingen endring av valgene i saken kan oppfylle alle må/skal-regler"), std::string::npos) << nb;
  EXPECT_EQ(nb.find("nhn_tredjepart_godkjent fra false til true"), std::string::npos) << nb;
  // The file has no buttons; the page's view has them.
  EXPECT_EQ(nb.find("<button"), std::string::npos);
  const std::string page = viewHtml(reportView(ex.input(Lang::en), ViewOptions{true}));
  EXPECT_NE(page.find("data-action=\"insert-gap\""), std::string::npos);
  EXPECT_EQ(page.find(">Apply the repair</button>"), std::string::npos) << "there is no repair to apply";
  const std::string en = renderHtmlSection(ex.input(Lang::en));
  EXPECT_NE(en.find("<h3>Violations of må/skal rules</h3>"), std::string::npos);
  EXPECT_NE(en.find("<strong>1</strong> violation</li>"), std::string::npos) << en;
}

TEST(Html, TextFromTheCaseIsEscapedInTheFileAndInThePageView) {
  Small small("case \"<script>alert('x')</script>\\t\" uses hearing\n"
              "h1: Hearing { opens = 2024-01-01  closes = 2024-01-22 }");
  ASSERT_TRUE(small.run.model) << small.run.errors();
  const std::string page = renderHtml(small.input(Lang::en));
  EXPECT_EQ(page.find("<script"), std::string::npos);
  EXPECT_NE(page.find("Case «&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"), std::string::npos) << page;
  // The page builds the same tree with DOM calls: only known tags and attributes.
  json view = json::parse(viewJson(reportView(small.input(Lang::en), ViewOptions{true})));
  std::function<void(const json&)> walk = [&](const json& n) {
    if (n.is_string()) return;
    EXPECT_NE(std::find(viewTags().begin(), viewTags().end(), n["t"].get<std::string>()), viewTags().end()) << n["t"];
    if (n.contains("a")) {
      for (const auto& [name, value] : n["a"].items())
        EXPECT_NE(std::find(viewAttributes().begin(), viewAttributes().end(), name), viewAttributes().end()) << name;
    }
    if (n.contains("c"))
      for (const auto& k : n["c"]) walk(k);
  };
  walk(view);
  EXPECT_EQ(view["t"], "section");
}

TEST(Html, ControlCharactersAreShownNotSent) {
  // A tab is written \t in a string; what reaches a report is the character.
  Small small("case \"title\\twith a tab\" uses hearing\nh1: Hearing { opens = 2024-01-01  closes = 2024-01-22 }");
  ASSERT_TRUE(small.run.model) << small.run.errors();
  model::Model m = *small.run.model;
  m.caseTitle = "bell\x07 escape\x1b[2J";
  ReportInput in{small.run.sm, m, small.run.result, Lang::en, false, nullptr};
  const std::string page = renderHtml(in);
  EXPECT_EQ(page.find('\x1b'), std::string::npos);
  EXPECT_EQ(page.find('\x07'), std::string::npos);
  EXPECT_NE(page.find("bell\xE2\x90\x87 escape\xE2\x90\x9B[2J"), std::string::npos);
  EXPECT_EQ(viewJson(reportView(in)).find("\\u001b"), std::string::npos);
}

// --- the command line ----------------------------------------------------

TEST(Formats, TheCommandPrintsTheGoldenReportsAndOneDocumentForMany) {
  for (const auto& [format, ext] : std::vector<std::pair<std::string, std::string>>{
           {"sarif", ".expected.sarif"}, {"junit", ".expected.junit.xml"}, {"html", ".expected.html"}}) {
    SCOPED_TRACE(format);
    Process p = runSamsvar({"check", kExample, "--repair", "--format", format, "--date", "2026-12-01"});
    EXPECT_EQ(p.code, 1) << p.err;
    EXPECT_EQ(p.out, readFile(sourcePath(kExample.substr(0, kExample.size() - 5) + ext)));
  }
  Process many = runSamsvar({"check", "examples/directorate", "--format", "sarif", "--lang", "en"});
  EXPECT_EQ(many.code, 1) << many.err;
  json log = json::parse(many.out);
  EXPECT_EQ(log["runs"].size(), 4u);
  Process junit = runSamsvar({"check", "examples/directorate", "--format", "junit", "-j", "2"});
  EXPECT_EQ(count(junit.out, "<testsuite "), 4u);
  EXPECT_EQ(count(junit.out, "<?xml"), 1u);
  Process html = runSamsvar({"check", "examples/directorate", "--format", "html"});
  EXPECT_EQ(count(html.out, "<section class=\"samsvar-report\""), 4u);
  EXPECT_EQ(count(html.out, "<html"), 1u);
  EXPECT_NE(html.out.find("<title>samsvar: 4 saker</title>"), std::string::npos);
  Process bad = runSamsvar({"check", kExample, "--format", "pdf"});
  EXPECT_EQ(bad.code, 2);
}

TEST(Formats, EveryFormatHasAName) {
  for (const auto& name : reportFormatNames()) EXPECT_TRUE(reportFormatByName(name)) << name;
  EXPECT_FALSE(reportFormatByName("xml"));
  EXPECT_EQ(reportFormatNames().size(), 5u);
}

}  // namespace
