#include "engine/serve/api.hpp"

#include <algorithm>
#include <exception>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <thread>

#include "engine/driver/load.hpp"
#include "engine/lint/lint.hpp"
#include "engine/repair/repair.hpp"
#include "engine/report/explain_text.hpp"
#include "engine/report/html.hpp"
#include "engine/report/report.hpp"
#include "engine/report/strength.hpp"
#include "engine/report/vocabulary.hpp"
#include "engine/driver/commands.hpp"
#include "engine/driver/incremental.hpp"
#include "engine/sema/sema.hpp"
#include "engine/serve/edits.hpp"
#include "engine/serve/starts.hpp"
#include "grammar/parse.hpp"

#ifndef SAMSVAR_VERSION
#error "SAMSVAR_VERSION (the project's version) is defined by engine/serve/CMakeLists.txt"
#endif

namespace samsvar::serve {

using nlohmann::ordered_json;
using namespace model;

namespace {

// The page runs only its own script and style, talks only to this server and
// cannot be framed: an injected element could do nothing.
const char* const kContentSecurityPolicy =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

Response json(int status, const ordered_json& j) {
  Response r;
  r.status = status;
  r.body = j.dump() + "\n";
  return r;
}

ordered_json position(const SourceManager& sm, const Span& s) {
  if (!s.valid || s.file >= sm.size()) return nullptr;
  auto from = sm.lineCol(s.file, s.begin), to = sm.lineCol(s.file, s.end);
  return ordered_json{{"file", sm.name(s.file)},
                      {"line", from.line},
                      {"column", from.column},
                      {"end_line", to.line},
                      {"end_column", to.column}};
}

ordered_json diagnosticsJson(const SourceManager& sm, const Diagnostics& diags, Lang lang) {
  ordered_json out = ordered_json::array();
  for (const auto& d : diags.items()) {
    ordered_json j{{"severity", severityName(d.severity)}, {"code", std::string(codeName(d.code))},
                   {"message", escapeControls(d.message.in(lang))}};
    j["location"] = position(sm, d.span);
    if (d.help) j["help"] = escapeControls(d.help->in(lang));
    // The whole message as the terminal shows it, with the source line.
    j["rendered"] = escapeControls(render(sm, d, lang), /*keepNewlines=*/true);
    out.push_back(j);
  }
  return out;
}

ordered_json editsJson(const std::string& text, const EditPlan& plan) {
  ordered_json edits = ordered_json::array();
  for (const auto& e : plan.edits)
    edits.push_back({{"from", utf16Offset(text, e.begin)}, {"to", utf16Offset(text, e.end)}, {"text", e.text}});
  return ordered_json{{"edits", edits}, {"not_applied", plan.notApplied}};
}

/// Marks for the editor's margin: the lines of the edited file that a
/// diagnostic or a finding points at, and the lines that cause a violation.
ordered_json marks(const SourceManager& sm, std::uint32_t file, const Diagnostics& diags, const Model* m,
                   const CaseResult* r, Lang lang) {
  ordered_json out = ordered_json::array();
  auto line = [&](const Span& s) { return sm.lineCol(s.file, s.begin).line; };
  for (const auto& d : diags.items())
    if (d.span.valid && d.span.file == file)
      out.push_back({{"line", line(d.span)}, {"kind", severityName(d.severity)}, {"text", escapeControls(d.message.in(lang))}});
  if (!m || !r) return out;
  const auto& sections = reportSections();
  for (const auto& f : r->findings) {
    const int si = reportSectionOf(*m, f);
    if (si < 0) continue;
    const RuleInfo& rule = m->rules[f.rule];
    const std::string text = escapeControls(rule.id + ": " + rule.title.in(lang));
    if (f.location.valid && f.location.file == file)
      out.push_back({{"line", line(f.location)}, {"kind", sections[si].label}, {"text", text}});
    for (const auto& e : f.because)
      if (e.span.valid && e.span.file == file)
        out.push_back({{"line", line(e.span)}, {"kind", "cause"}, {"text", text}});
  }
  return out;
}

/// `lang` of the request: the query's or the body's, nb by default.
std::optional<Lang> languageOf(const std::string& code) {
  if (code.empty() || code == "nb") return Lang::nb;
  if (code == "en") return Lang::en;
  return std::nullopt;
}

std::string contentTypeOf(const std::string& path) {
  auto ends = [&](const char* ext) {
    std::string e(ext);
    return path.size() >= e.size() && path.compare(path.size() - e.size(), e.size(), e) == 0;
  };
  if (ends(".html")) return "text/html; charset=utf-8";
  if (ends(".css")) return "text/css; charset=utf-8";
  if (ends(".js")) return "text/javascript; charset=utf-8";
  if (ends(".svg")) return "image/svg+xml";
  if (ends(".png")) return "image/png";
  return "application/octet-stream";
}

}  // namespace

ServeApp::ServeApp(SourceManager& sm, Model rulebase, const ServeOptions& options)
    : sm_(sm), rulebase_(std::move(rulebase)), options_(options),
      admission_(options.jobs ? options.jobs : std::max(1u, std::thread::hardware_concurrency()), options.queue) {
  for (std::uint32_t i = 0; i < sm.size(); ++i) files_.emplace_back(sm.name(i), sm.text(i));
}

std::unique_ptr<ServeApp> ServeApp::create(SourceManager& sm, const std::vector<std::pair<std::string, std::string>>& rulePaths,
                                           const ServeOptions& options, Diagnostics& diags) {
  std::vector<RulePath> paths;
  for (const auto& [path, prefix] : rulePaths) paths.push_back({path, prefix});
  auto rulebase = loadRulebase(sm, paths, diags);
  if (!rulebase || diags.hasErrors()) return nullptr;
  return std::unique_ptr<ServeApp>(new ServeApp(sm, std::move(*rulebase), options));
}

Response ServeApp::error(int status, DiagCode code, MsgArgs args, Lang lang) const {
  Bilingual msg = message(code, args);
  return json(status, {{"error",
                        {{"code", std::string(codeName(code))},
                         {"message", escapeControls(msg.in(lang))},
                         {"nb", escapeControls(msg.nb)},
                         {"en", escapeControls(msg.en)}}}});
}

Response ServeApp::busy(Lang lang) const {
  Response r = error(503, DiagCode::serveBusy, {}, lang);
  r.headers.emplace_back("Retry-After", "1");
  return r;
}

Response ServeApp::handle(const Request& rq) const {
  Response r;
  Lang lang = Lang::nb;
  try {
    auto q = rq.query.find("lang");
    std::optional<Lang> asked = languageOf(q == rq.query.end() ? "" : q->second);
    if (!asked) {
      r = error(400, DiagCode::serveUnknownLanguage, {{"lang", q->second}}, lang);
    } else {
      lang = *asked;
      r = route(rq, lang);
    }
  } catch (const std::exception& e) {
    Bilingual msg = phrase(Phrase::internalError, {{"what", e.what()}});
    r = json(500, {{"error", {{"code", "internal"}, {"message", msg.in(lang)}, {"nb", msg.nb}, {"en", msg.en}}}});
  }
  r.headers.emplace_back("Content-Security-Policy", kContentSecurityPolicy);
  r.headers.emplace_back("X-Content-Type-Options", "nosniff");
  r.headers.emplace_back("X-Frame-Options", "DENY");
  r.headers.emplace_back("Referrer-Policy", "no-referrer");
  r.headers.emplace_back("Cross-Origin-Opener-Policy", "same-origin");
  r.headers.emplace_back("Cross-Origin-Resource-Policy", "same-origin");
  r.headers.emplace_back("Cache-Control", "no-store");
  return r;
}

Response ServeApp::route(const Request& rq, Lang lang) const {
  if (!allowedHosts_.empty()) {
    // The Host header without its port; [::1] keeps its brackets.
    std::string host = rq.host;
    if (auto colon = host.rfind(':'); colon != std::string::npos && host.find(']', colon) == std::string::npos)
      host.erase(colon);
    if (std::find(allowedHosts_.begin(), allowedHosts_.end(), host) == allowedHosts_.end())
      return error(403, DiagCode::serveForeignHost, {{"host", rq.host}}, lang);
  }
  if (!rq.origin.empty() && rq.origin != "http://" + rq.host)
    return error(403, DiagCode::serveForeignOrigin, {{"origin", rq.origin}}, lang);
  if (rq.body.size() > options_.maxBodyBytes)
    return error(413, DiagCode::serveBodyTooLarge, {{"limit", std::to_string(options_.maxBodyBytes >> 10)}}, lang);

  const bool get = rq.method == "GET" || rq.method == "HEAD";
  if (rq.method == "POST" && (rq.path == "/api/check" || rq.path == "/api/repair")) {
    // Only a script of this page sends JSON: a form of another site cannot.
    if (rq.contentType.rfind("application/json", 0) != 0) return error(415, DiagCode::serveWrongMediaType, {}, lang);
    return check(rq, lang, rq.path == "/api/repair");
  }
  if (get) {
    if (rq.path == "/api/info") return info();
    if (rq.path == "/api/starts") return starts(lang);
    if (rq.path == "/api/example") return example(rq, lang);
    if (rq.path == "/api/vocabulary") return vocabulary();
    if (rq.path == "/api/rules") return rules();
    if (rq.path == "/api/explain") return explain(rq, lang);
    if (rq.path == "/" || rq.path == "/index.html") return asset("index.html", lang);
    if (rq.path.rfind("/assets/", 0) == 0) return asset(rq.path.substr(8), lang);
  }
  Response r = error(404, DiagCode::serveNotFound, {{"path", rq.method + " " + rq.path}}, lang);
  if (rq.path.rfind("/api/", 0) == 0 && (rq.path == "/api/check" || rq.path == "/api/repair" || !get)) {
    r.status = 405;
    r.headers.emplace_back("Allow", rq.path == "/api/check" || rq.path == "/api/repair" ? "POST" : "GET");
  }
  return r;
}

Response ServeApp::check(const Request& rq, Lang lang, bool repairAlways) const {
  ordered_json body = ordered_json::parse(rq.body, nullptr, false);
  if (body.is_discarded() || !body.is_object()) return error(400, DiagCode::serveNotJson, {}, lang);
  if (body.contains("lang")) {
    auto asked = body["lang"].is_string() ? languageOf(body["lang"].get<std::string>()) : std::nullopt;
    if (!asked) return error(400, DiagCode::serveUnknownLanguage, {{"lang", body["lang"].dump()}}, lang);
    lang = *asked;
  }
  auto textOf = [&](const char* key, const char* defaultName) -> std::optional<std::pair<std::string, std::string>> {
    if (!body.contains(key) || !body[key].is_object() || !body[key].contains("text") || !body[key]["text"].is_string())
      return std::nullopt;
    const auto& o = body[key];
    std::string name = o.contains("name") && o["name"].is_string() ? o["name"].get<std::string>() : defaultName;
    if (name.empty()) name = defaultName;
    return std::make_pair(name, o["text"].get<std::string>());
  };
  auto caseText = textOf("case", "sak.case");
  if (!caseText) return error(400, DiagCode::serveMissingField, {{"field", "\"case\": {\"text\": …}"}}, lang);
  auto tenderText = textOf("tender", "anbud.case");
  const bool wantRepair = repairAlways || (body.contains("repair") && body["repair"] == true);
  const bool strict = body.contains("strict") && body["strict"] == true;

  auto ticket = admission_.enter();
  if (!ticket) return busy(lang);

  // A warm checker (engine/driver/incremental.hpp), preferably the one that
  // checked this case's name last: an editor's next text differs from its
  // last by an edit, and only what the edit changes is decided again. The
  // report is the one a cold check gives, whichever checker answers.
  std::unique_ptr<IncrementalChecker> warm = takeWarm(caseText->first);
  struct GiveBack {
    const ServeApp& app;
    std::unique_ptr<IncrementalChecker>& warm;
    ~GiveBack() { app.giveWarm(std::move(warm)); }
  } giveBack{*this, warm};
  std::optional<CaseText> tender;
  if (tenderText) tender = CaseText{tenderText->first, tenderText->second};
  const WarmCheck& checked = warm->check({caseText->first, caseText->second}, tender);
  // Nothing of a request stays but the checker's last texts and findings.
  const SourceManager& sm = *checked.sm;
  const Diagnostics& diags = checked.diags;
  const std::uint32_t caseId = checked.caseFile;
  const std::optional<Model>& m = checked.model;
  const std::optional<ast::File>& cf = checked.caseAst;
  ordered_json out;
  if (!m) {
    out["status"] = "bad_input";
    out["exit_code"] = 2;
    out["diagnostics"] = diagnosticsJson(sm, diags, lang);
    out["marks"] = marks(sm, caseId, diags, nullptr, nullptr, lang);
    return json(200, out);
  }
  const Checker& checker = warm->checker();
  const CaseResult& result = checked.result;
  std::optional<RepairResult> repair;
  if (wantRepair) repair = computeRepair(checker, *m, result);
  ReportInput in{sm, *m, result, lang, strict, repair ? &*repair : nullptr};
  out["status"] = "checked";
  out["exit_code"] = exitCodeFor(*m, result, strict);
  out["diagnostics"] = diagnosticsJson(sm, diags, lang);
  out["marks"] = marks(sm, caseId, diags, &*m, &result, lang);
  out["report"] = ordered_json::parse(renderJson(in));
  out["view"] = ordered_json::parse(viewJson(reportView(in, ViewOptions{/*actions=*/true})));

  // What the page's buttons do, as edits of the text it sent.
  const std::string& text = sm.text(caseId);
  CaseEditor editor(sm, *m, *cf, lang);
  ordered_json gaps = ordered_json::object();
  for (std::size_t i = 0; i < result.findings.size(); ++i)
    for (std::size_t g = 0; g < result.findings[i].gaps.size(); ++g)
      gaps[std::to_string(i) + "/" + std::to_string(g)] = editsJson(text, editor.declare(result.findings[i].gaps[g]));
  ordered_json actions{{"gaps", gaps}};
  if (repair && (repair->status == RepairResult::Status::found || repair->status == RepairResult::Status::unverified)) {
    EditPlan plan = editor.repair(*repair);
    ordered_json r = editsJson(text, plan);
    std::string repaired = applyEdits(text, plan.edits);
    ordered_json diff = ordered_json::array();
    for (const auto& h : diffLines(text, repaired))
      diff.push_back({{"line", h.line}, {"removed", h.removed}, {"added", h.added}});
    r["diff"] = diff;
    r["text"] = repaired;
    actions["repair"] = r;
  }
  out["actions"] = actions;
  return json(200, out);
}

std::unique_ptr<IncrementalChecker> ServeApp::takeWarm(const std::string& name) const {
  std::lock_guard<std::mutex> lock(warmMutex_);
  // The most recently returned checker of this name, else the most recent one.
  for (std::size_t i = warm_.size(); i-- > 0;)
    if (warm_[i]->lastName() == name) {
      auto w = std::move(warm_[i]);
      warm_.erase(warm_.begin() + static_cast<long>(i));
      return w;
    }
  if (!warm_.empty()) {
    auto w = std::move(warm_.back());
    warm_.pop_back();
    return w;
  }
  return std::make_unique<IncrementalChecker>(sm_, rulebase_, options_.check);
}

void ServeApp::giveWarm(std::unique_ptr<IncrementalChecker> warm) const {
  if (!warm) return;
  std::lock_guard<std::mutex> lock(warmMutex_);
  warm_.push_back(std::move(warm));
  // A few editors' last cases; the oldest go first.
  const std::size_t keep = 2 * static_cast<std::size_t>(admission_.workers()) + 2;
  while (warm_.size() > keep) warm_.erase(warm_.begin());
}

Response ServeApp::vocabulary() const {
  // The same vocabulary as `samsvar vocab --format json`, with the rule ids
  // and keywords the editor completes.
  const Model& m = rulebase_;
  ordered_json out = ordered_json::parse(renderVocabularyJson(m, selectVocabulary(m, "")));
  ordered_json rules = ordered_json::array();
  for (std::size_t r = 0; r < m.rules.size(); ++r) rules.push_back(m.rules[r].id);
  static const std::vector<std::string> keywords = {
      "case", "uses", "against", "deviation", "exemption", "for", "because", "basis", "rule", "title", "message",
      "source", "section", "quote", "when", "require", "true", "false", "and", "or", "not", "implies", "in",
      "exists", "forall", "count", "days", "weeks", "months", "må", "skal", "bør", "kan", "date", "today",
      "document", "issuer", "issued", "address", "succession", "by", "from", "fact", "choice"};
  return json(200, {{"types", out["types"]},
                    {"enums", out["enums"]},
                    {"instances", out["instances"]},
                    {"rules", rules},
                    {"keywords", keywords}});
}

Response ServeApp::rules() const {
  const Model& m = rulebase_;
  ordered_json out = ordered_json::array();
  for (std::size_t r = 0; r < m.rules.size(); ++r) {
    const RuleInfo& rule = m.rules[r];
    const Bilingual& msg = rule.message ? *rule.message : rule.title;
    ordered_json sources = ordered_json::array();
    for (const auto& c : rule.sources)
      sources.push_back({{"file", c.file}, {"section", c.section}, {"quote", c.quote},
                         {"text", {{"nb", citationText(m, c, Lang::nb)}, {"en", citationText(m, c, Lang::en)}}}});
    out.push_back({{"id", rule.id},
                   {"strength", strengthName(rule.strength)},
                   {"module", rule.module},
                   {"title", {{"nb", rule.title.nb}, {"en", rule.title.en}}},
                   {"message", {{"nb", msg.nb}, {"en", msg.en}}},
                   {"meaning", {{"nb", strengthMeaning(rule.strength).nb}, {"en", strengthMeaning(rule.strength).en}}},
                   {"sources", sources},
                   {"location", position(sm_, rule.idSpan)}});
  }
  return json(200, {{"rules", out}});
}

Response ServeApp::explain(const Request& rq, Lang lang) const {
  auto q = rq.query.find("rule");
  if (q == rq.query.end() || q->second.empty()) return error(400, DiagCode::serveMissingField, {{"field", "rule"}}, lang);
  auto ticket = admission_.enter();
  if (!ticket) return busy(lang);
  Diagnostics diags;
  auto ex = explainRuleById(rulebase_, q->second, diags, options_.check.limits());
  if (!ex) {
    ordered_json out{{"error", {{"code", std::string(codeName(DiagCode::explainUnknownRule))}}}};
    out["error"]["message"] = diags.items().empty() ? "" : escapeControls(diags.items()[0].message.in(lang));
    if (!diags.items().empty() && diags.items()[0].help) out["error"]["help"] = escapeControls(diags.items()[0].help->in(lang));
    return json(404, out);
  }
  return json(200, {{"rule", rulebase_.rules[ex->rule].id},
                    {"text", escapeControls(renderExplanation(sm_, rulebase_, *ex, lang), /*keepNewlines=*/true)}});
}

Response ServeApp::starts(Lang lang) const {
  auto list = [](const std::vector<Start>& starts) {
    ordered_json a = ordered_json::array();
    for (const auto& s : starts) {
      ordered_json j{{"role", s.role}, {"name", s.name}, {"title", s.title}};
      if (!s.tender.empty()) j["tender"] = s.tender;
      a.push_back(j);
    }
    return a;
  };
  return json(200, {{"roles", roles()},
                    {"templates", list(templates(rulebase_, lang, todayIso()))},
                    {"examples", list(examples())}});
}

Response ServeApp::example(const Request& rq, Lang lang) const {
  auto q = rq.query.find("name");
  const std::string name = q == rq.query.end() ? "" : q->second;
  std::optional<Start> generated = templateNamed(rulebase_, name, lang, todayIso());
  const Start* s = generated ? &*generated : exampleNamed(name);
  if (!s) return error(404, DiagCode::serveUnknownExample, {{"name", name}}, lang);
  ordered_json out{{"role", s->role}, {"name", s->name}, {"title", s->title}, {"text", s->text}};
  if (const Start* t = s->tender.empty() ? nullptr : exampleNamed(s->tender))
    out["tender"] = {{"name", t->name}, {"text", t->text}};
  return json(200, out);
}

Response ServeApp::info() const {
  return json(200, {{"name", "samsvar"},
                    {"version", SAMSVAR_VERSION},
                    {"languages", {"nb", "en"}},
                    {"limits",
                     {{"max_body_bytes", options_.maxBodyBytes},
                      {"workers", admission_.workers()},
                      {"queue", admission_.queue()},
                      {"rlimit", options_.check.rlimit},
                      {"timeout_ms", options_.check.timeoutMs}}},
                    // What a report view may hold: the page builds nothing else.
                    {"view", {{"tags", viewTags()}, {"attributes", viewAttributes()}}}});
}

Response ServeApp::asset(const std::string& path, Lang lang) const {
  std::string_view bytes = path == "report.css" ? reportStyleSheet() : embedded::pageAsset(path);
  if (bytes.empty()) return error(404, DiagCode::serveNotFound, {{"path", "GET /assets/" + path}}, lang);
  Response r;
  r.contentType = contentTypeOf(path);
  r.body = std::string(bytes);
  return r;
}

}  // namespace samsvar::serve
