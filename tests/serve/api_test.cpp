// The web page's API without sockets (engine/serve/api.hpp): what the page
// and any other client depend on — a check's report, marks and edits, the
// repair that the page applies, bad input located on its line, offers with
// their tender, and the safety rules (no file names, JSON only, a bounded
// queue, a body limit, the host and origin checks, the page's policy).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "engine/serve/api.hpp"
#include "engine/serve/edits.hpp"
#include "engine/serve/starts.hpp"
#include "harness.hpp"
#include "process.hpp"

using namespace samsvar;
using namespace samsvar::serve;
using namespace samsvar::testing;
using nlohmann::json;

namespace {

/// One app over the bundled rules for every test: loading is the slow part.
const ServeApp& app() {
  static SourceManager sm;
  static Diagnostics diags;
  static std::unique_ptr<ServeApp> a = [] {
    ServeOptions o;
    o.jobs = 1;
    o.queue = 0;
    o.maxBodyBytes = 64 << 10;
    auto made = ServeApp::create(sm, {{sourcePath("rules"), "rules/"}}, o, diags);
    made->allowHosts({"127.0.0.1", "localhost", "[::1]"});
    return made;
  }();
  return *a;
}

Request get(const std::string& path, std::map<std::string, std::string> query = {}) {
  return Request{"GET", path, std::move(query), "", "", "127.0.0.1:8080", ""};
}

Request post(const std::string& path, const json& body) {
  return Request{"POST", path, {}, body.dump(), "application/json", "127.0.0.1:8080", "http://127.0.0.1:8080"};
}

json body(const Response& r) { return json::parse(r.body); }

json checkExample(const std::string& name, bool repair = true, const std::string& lang = "nb") {
  const Start* s = exampleNamed(name);
  EXPECT_NE(s, nullptr) << name;
  json rq{{"case", {{"name", s->name}, {"text", s->text}}}, {"repair", repair}, {"lang", lang}};
  if (!s->tender.empty()) rq["tender"] = {{"name", s->tender}, {"text", exampleNamed(s->tender)->text}};
  Response r = app().handle(post("/api/check", rq));
  EXPECT_EQ(r.status, 200) << r.body;
  return body(r);
}

std::string header(const Response& r, const std::string& name) {
  for (const auto& [k, v] : r.headers)
    if (k == name) return v;
  return "";
}

TEST(ServeApi, ACheckHasTheReportTheViewAndMarksOnTheCaseLines) {
  json r = checkExample("procurer/kritisk-info-helseforetak.case");
  EXPECT_EQ(r["status"], "checked");
  EXPECT_EQ(r["exit_code"], 1);
  EXPECT_EQ(r["report"]["summary_text"], "2 brudd, 4 mangler, 0 avvik, 38 oppfylt, 3 til informasjon, 173 ikke aktuelle");
  EXPECT_EQ(r["view"]["t"], "section");
  // SEL-05 is violated at its instance (line 62), caused by the fact on line 80.
  bool at62 = false, cause80 = false;
  for (const auto& m : r["marks"]) {
    at62 |= m["line"] == 62 && m["kind"] == "error";
    cause80 |= m["line"] == 80 && m["kind"] == "cause";
  }
  EXPECT_TRUE(at62) << r["marks"].dump();
  EXPECT_TRUE(cause80) << r["marks"].dump();
}

TEST(ServeApi, TheRepairThePageAppliesMakesEveryMaaAndSkalRuleHold) {
  // One example of each role, an offer, and a repair with a deviation record
  // (Golden repairs every example in the model).
  for (const char* name : {"procurer/kritisk-info-helseforetak.case", "directorate/anbefalt-basisprofiler-kort-hoering.case",
                           "vendor/egenvurdering-leverandoer.case", "vendor/tilbud-kjernejournal-legevakt.case",
                           "directorate/veikart-fhir-datadeling-2022.case"}) {
    const Start& s = *exampleNamed(name);
    SCOPED_TRACE(s.name);
    json r = checkExample(s.name);
    ASSERT_TRUE(r["actions"].contains("repair")) << r["report"]["repair"].dump();
    const json& repair = r["actions"]["repair"];
    EXPECT_EQ(repair["not_applied"], 0) << "a change the text cannot carry";
    json rq{{"case", {{"name", s.name}, {"text", repair["text"]}}}, {"strict", true}};
    if (!s.tender.empty()) rq["tender"] = {{"name", s.tender}, {"text", exampleNamed(s.tender)->text}};
    json again = body(app().handle(post("/api/check", rq)));
    ASSERT_EQ(again["status"], "checked") << again["diagnostics"].dump(2);
    EXPECT_EQ(again["exit_code"], 0) << again["report"]["summary_text"] << "\n" << repair["text"].get<std::string>();
    EXPECT_FALSE(repair["diff"].empty());
    // The deviation record goes at the end of the case, its reason for the user to write.
    if (s.name == "directorate/veikart-fhir-datadeling-2022.case") {
      EXPECT_NE(repair["text"].get<std::string>().find(
                    "\ndeviation PLAN-03 for leveranse_fhir_datadeling because \"(fyll inn begrunnelsen)\"\n"),
                std::string::npos)
          << repair["text"].get<std::string>();
    }
  }
}

TEST(ServeApi, EditsAreInUtf16OffsetsOfTheTextTheBrowserHolds) {
  const std::string text = "case \"æøå\"\n";
  EXPECT_EQ(utf16Offset(text, 0), 0u);
  EXPECT_EQ(utf16Offset(text, 8), 7u);    // after `case "æ`: æ is two bytes, one unit
  EXPECT_EQ(utf16Offset("\xF0\x9F\x98\x80x", 4), 2u);  // an emoji: a surrogate pair
  EXPECT_EQ(applyEdits("a { }", {{4, 4, "x = 1 "}, {4, 4, "y = 2 "}}), "a { x = 1 y = 2 }");
  auto hunks = diffLines("a\nb\nc\n", "a\nB\nc\nd\n");
  ASSERT_EQ(hunks.size(), 2u);
  EXPECT_EQ(hunks[0].line, 2u);
  EXPECT_EQ(hunks[0].removed, std::vector<std::string>{"b"});
  EXPECT_EQ(hunks[0].added, std::vector<std::string>{"B"});
  EXPECT_EQ(hunks[1].added, std::vector<std::string>{"d"});
}

TEST(ServeApi, AGapDeclarationGoesInsideItsInstance) {
  json r = checkExample("directorate/anbefalt-basisprofiler-kort-hoering.case", false);
  // HOR-16 is open on hoering_basisprofiler_v22.responses_published, its one gap.
  ASSERT_EQ(r["actions"]["gaps"].size(), 1u) << r["actions"].dump();
  const json& e = r["actions"]["gaps"].begin().value()["edits"][0];
  EXPECT_EQ(e["text"], "  responses_published = true\n");
  const std::string text = exampleNamed("directorate/anbefalt-basisprofiler-kort-hoering.case")->text;
  // Before the closing brace of hoering_basisprofiler_v22 (lines 63–68).
  std::size_t at = 0;  // the byte offset of the edit's UTF-16 offset
  while (at < text.size() && utf16Offset(text, static_cast<std::uint32_t>(at)) < e["from"].get<std::uint32_t>()) ++at;
  EXPECT_EQ(text.substr(at, 1), "}") << text.substr(at > 40 ? at - 40 : 0, 60);
  EXPECT_NE(text.rfind("hoering_basisprofiler_v22: Consultation", at), std::string::npos);
}

TEST(ServeApi, BadInputIsLocatedOnItsLineInTheRequestsLanguage) {
  json rq{{"case", {{"name", "x.case"}, {"text", "case \"x\"\nfoo: Bar { = }\n"}}}, {"lang", "en"}};
  json r = body(app().handle(post("/api/check", rq)));
  EXPECT_EQ(r["status"], "bad_input");
  EXPECT_EQ(r["exit_code"], 2);
  ASSERT_FALSE(r["diagnostics"].empty());
  EXPECT_EQ(r["diagnostics"][0]["location"]["line"], 2);
  EXPECT_EQ(r["diagnostics"][0]["severity"], "error");
  EXPECT_NE(r["diagnostics"][0]["rendered"].get<std::string>().find("x.case:2:"), std::string::npos);
  EXPECT_EQ(r["marks"][0]["line"], 2);
  EXPECT_FALSE(r.contains("report"));
}

TEST(ServeApi, AnOfferNeedsItsTenderInTheSameRequest) {
  const Start* offer = exampleNamed("vendor/tilbud-trygghetsalarm-vkp.case");
  ASSERT_NE(offer, nullptr);
  json r = body(app().handle(post("/api/check", {{"case", {{"name", offer->name}, {"text", offer->text}}}})));
  EXPECT_EQ(r["status"], "bad_input");
  EXPECT_EQ(r["diagnostics"][0]["code"], "serve.tender-needed");
  EXPECT_EQ(r["diagnostics"][0]["location"]["line"], 16);
  json ok = checkExample("vendor/tilbud-trygghetsalarm-vkp.case", false, "en");
  EXPECT_EQ(ok["report"]["summary_text"], "1 violation, 1 gap, 1 deviation, 3 satisfied");
}

TEST(ServeApi, NoRequestNamesAFileOnDisk) {
  // An `against` that points anywhere reads nothing: only the request's tender counts.
  json rq{{"case", {{"name", "o.case"}, {"text", "case \"o\" against \"/etc/passwd\"\n"}}}};
  json r = body(app().handle(post("/api/check", rq)));
  EXPECT_EQ(r["diagnostics"][0]["code"], "serve.tender-needed");
  EXPECT_EQ(r.dump().find("root:"), std::string::npos);
  Response ex = app().handle(get("/api/example", {{"name", "../../rules/felles.rules"}}));
  EXPECT_EQ(ex.status, 404);
  EXPECT_EQ(body(ex)["error"]["code"], "serve.unknown-example");
  EXPECT_EQ(app().handle(get("/assets/../CMakeLists.txt")).status, 404);
}

TEST(ServeApi, OnlyJsonFromThePagesOwnOriginAndHost) {
  Request form = post("/api/check", {{"case", {{"text", "case \"x\""}}}});
  form.contentType = "application/x-www-form-urlencoded";
  Response r = app().handle(form);
  EXPECT_EQ(r.status, 415);
  EXPECT_EQ(body(r)["error"]["code"], "serve.wrong-media-type");
  EXPECT_EQ(body(r)["error"]["en"], "send the request as application/json");
  Request foreign = post("/api/check", {{"case", {{"text", "case \"x\""}}}});
  foreign.origin = "http://evil.example";
  EXPECT_EQ(app().handle(foreign).status, 403);
  Request rebound = get("/api/info");
  rebound.host = "evil.example:8080";
  EXPECT_EQ(body(app().handle(rebound))["error"]["code"], "serve.foreign-host");
  EXPECT_EQ(app().handle(post("/api/check", json::array())).status, 400);
  EXPECT_EQ(body(app().handle(post("/api/check", {{"case", 3}})))["error"]["code"], "serve.missing-field");
  Request big = post("/api/check", {{"case", {{"text", std::string(70 << 10, ' ')}}}});
  EXPECT_EQ(app().handle(big).status, 413);
  EXPECT_EQ(app().handle(get("/api/check")).status, 405);
  EXPECT_EQ(body(app().handle(get("/api/rules", {{"lang", "de"}})))["error"]["code"], "serve.unknown-language");
}

TEST(ServeApi, AFullQueueIsAClear503) {
  // One worker, no queue: while a case is checked, another is refused at once.
  auto held = app().admission().enter();
  ASSERT_TRUE(held);
  Response r = app().handle(post("/api/check", {{"case", {{"text", "case \"x\""}}}}));
  EXPECT_EQ(r.status, 503);
  EXPECT_EQ(header(r, "Retry-After"), "1");
  EXPECT_EQ(body(r)["error"]["nb"], "samsvar sjekker allerede så mange saker som det tar imot; prøv igjen om litt");
  held.reset();
  EXPECT_EQ(app().handle(post("/api/check", {{"case", {{"text", "case \"x\""}}}})).status, 200);
}

TEST(ServeApi, ThePageIsServedFromTheBinaryUnderAStrictPolicy) {
  Response page = app().handle(get("/"));
  EXPECT_EQ(page.status, 200);
  EXPECT_EQ(page.contentType, "text/html; charset=utf-8");
  const std::string csp = header(page, "Content-Security-Policy");
  EXPECT_NE(csp.find("default-src 'none'"), std::string::npos);
  EXPECT_NE(csp.find("script-src 'self'"), std::string::npos);
  EXPECT_EQ(csp.find("unsafe-inline"), std::string::npos);
  EXPECT_EQ(header(page, "X-Content-Type-Options"), "nosniff");
  // No inline script and no asset from another site.
  EXPECT_EQ(page.body.find("<script>"), std::string::npos);
  EXPECT_EQ(page.body.find("http"), std::string::npos);
  for (const char* asset : {"app.js", "editor.js", "report_view.js", "app.css", "report.css"}) {
    Response a = app().handle(get(std::string("/assets/") + asset));
    EXPECT_EQ(a.status, 200) << asset;
    EXPECT_EQ(a.body.find("innerHTML"), std::string::npos) << asset;
    EXPECT_EQ(a.body.find("eval("), std::string::npos) << asset;
  }
}

TEST(ServeApi, VocabularyRulesExplainAndStarts) {
  json v = body(app().handle(get("/api/vocabulary")));
  bool consultation = false;
  for (const auto& t : v["types"]) consultation |= t["name"] == "Consultation";
  EXPECT_TRUE(consultation);
  EXPECT_GT(v["rules"].size(), 100u);
  json rules = body(app().handle(get("/api/rules")))["rules"];
  EXPECT_EQ(rules.size(), v["rules"].size());
  json e = body(app().handle(get("/api/explain", {{"rule", "HOR-14"}, {"lang", "en"}})));
  EXPECT_EQ(e["rule"], "HOR-14");
  EXPECT_NE(e["text"].get<std::string>().find("HOR-14"), std::string::npos);
  Response unknown = app().handle(get("/api/explain", {{"rule", "HOR-1400"}}));
  EXPECT_EQ(unknown.status, 404);
  json starts = body(app().handle(get("/api/starts")));
  EXPECT_EQ(starts["roles"], json({"procurer", "directorate", "vendor"}));
  ASSERT_EQ(starts["templates"].size(), 3u);
  for (const auto& t : starts["templates"]) EXPECT_EQ(body(app().handle(get("/api/example", {{"name", t["name"]}})))["name"], t["name"]);
  EXPECT_EQ(starts["examples"].size(), examples().size());
}

TEST(ServeProcess, ListensOnLoopbackAndSaysWhere) {
  // A port that is taken: the command says so and exits 2.
  Process p = runSamsvar({"serve", "--host", "256.0.0.1", "--port", "1"}, "", "", 30);
  EXPECT_EQ(p.code, 2) << p.out << p.err;
  EXPECT_NE(p.err.find("kan ikke lytte på 256.0.0.1 port 1"), std::string::npos) << p.err;
  Process bad = runSamsvar({"serve", "--rules", "tests/bad/empty_file.rules"}, "", "", 30);
  EXPECT_EQ(bad.code, 2);
}

}  // namespace
