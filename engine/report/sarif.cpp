#include "engine/report/sarif.hpp"

#include <fmt/format.h>

#include <map>
#include <nlohmann/json.hpp>

#include "engine/report/strength.hpp"

#ifndef SAMSVAR_VERSION
#error "SAMSVAR_VERSION (the project's version) is defined by engine/report/CMakeLists.txt"
#endif

namespace samsvar {

using namespace model;
using nlohmann::ordered_json;

namespace {

bool binding(ast::Strength s) { return s == ast::Strength::maa || s == ast::Strength::skal; }

/// A file name as a URI reference: relative names stay relative (to the
/// folder samsvar ran in, which a CI job makes the repository's root);
/// absolute ones become file: URIs. Everything but unreserved characters and
/// `/` is percent-encoded, so spaces and æ, ø, å survive every reader.
std::string fileUri(const std::string& name) {
  std::string out = !name.empty() && name.front() == '/' ? "file://" : "";
  for (unsigned char c : name) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~' || c == '/') out += static_cast<char>(c);
    else out += fmt::format("%{:02X}", c);
  }
  return out;
}

ordered_json physicalLocation(const SourceManager& sm, const Span& s) {
  if (!s.valid || s.file >= sm.size()) return nullptr;
  auto lc = sm.lineCol(s.file, s.begin);
  return ordered_json{{"artifactLocation", {{"uri", fileUri(sm.name(s.file))}}},
                      {"region", {{"startLine", lc.line}, {"startColumn", lc.column}}}};
}

/// The SARIF level of a finding (see renderSarifRun).
const char* levelOf(ast::Strength s, Verdict v) {
  if (v == Verdict::violated) return binding(s) ? "error" : s == ast::Strength::boer ? "warning" : "note";
  return binding(s) ? "warning" : "note";
}

/// The level a rule has when it is broken: its default configuration.
const char* defaultLevel(ast::Strength s) { return levelOf(s, Verdict::violated); }

ordered_json text(const std::string& s) { return ordered_json{{"text", s}}; }

ordered_json ruleDescriptor(const Model& m, const RuleInfo& rule, Lang lang) {
  const bool nb = lang == Lang::nb;
  std::string help, markdown;
  for (const auto& c : rule.sources) {
    const std::string cited = citationText(m, c, lang);
    help += fmt::format("{}{}: {}", help.empty() ? "" : "\n", nb ? "kilde" : "source", cited);
    markdown += fmt::format("{}- **{}**: {}", markdown.empty() ? "" : "\n", nb ? "kilde" : "source", cited);
  }
  const std::string meaning = fmt::format("{}: {}", strengthName(rule.strength), strengthMeaning(rule.strength).in(lang));
  help = meaning + (help.empty() ? "" : "\n" + help);
  markdown = meaning + (markdown.empty() ? "" : "\n\n" + markdown);
  ordered_json sources = ordered_json::array();
  for (const auto& c : rule.sources) {
    ordered_json s{{"file", c.file}};
    if (const DocumentInfo* d = citedDocument(m, c)) s["title"] = d->title.in(lang);
    s["section"] = c.section;
    s["quote"] = c.quote;
    sources.push_back(std::move(s));
  }
  ordered_json tags = ordered_json::array({strengthName(rule.strength)});
  if (!rule.module.empty()) tags.push_back(rule.module);
  return ordered_json{{"id", rule.id},
                      {"shortDescription", text(rule.title.in(lang))},
                      {"fullDescription", text(meaning)},
                      {"help", {{"text", help}, {"markdown", markdown}}},
                      {"defaultConfiguration", {{"level", defaultLevel(rule.strength)}}},
                      {"properties",
                       {{"strength", strengthName(rule.strength)},
                        {"module", rule.module.empty() ? ordered_json(nullptr) : ordered_json(rule.module)},
                        {"sources", sources},
                        {"tags", tags}}}};
}

/// Whether a finding is a SARIF result: what asks for attention, as the
/// JSON report lists it by default.
bool isResult(const Finding& f) {
  return f.verdict != Verdict::satisfied && f.verdict != Verdict::information && f.verdict != Verdict::not_applicable;
}

}  // namespace

std::string renderSarifRun(const ReportInput& in) {
  const Model& m = in.model;
  const SourceManager& sm = in.sm;
  const bool nb = in.lang == Lang::nb;

  // The rules the results name, by id, each with its index in the driver's list.
  std::map<std::string, int> named;
  for (const auto& f : in.result.findings)
    if (isResult(f)) named.emplace(m.rules[f.rule].id, f.rule);
  std::map<std::string, int> index;
  ordered_json rules = ordered_json::array();
  for (const auto& [id, rule] : named) {
    index[id] = static_cast<int>(rules.size());
    rules.push_back(ruleDescriptor(m, m.rules[rule], in.lang));
  }

  ordered_json results = ordered_json::array();
  for (const auto& f : in.result.findings) {
    if (!isResult(f)) continue;
    const RuleInfo& rule = m.rules[f.rule];
    const Verdict shown = f.waiver >= 0 ? f.underlying : f.verdict;
    ordered_json r{{"ruleId", rule.id}, {"ruleIndex", index.at(rule.id)}, {"level", levelOf(rule.strength, shown)}};
    r["message"] = text(ruleMessage(m, f, in.lang));
    ordered_json where = physicalLocation(sm, f.location);
    r["locations"] = where.is_null() ? ordered_json::array() : ordered_json::array({{{"physicalLocation", where}}});
    ordered_json related = ordered_json::array();
    for (const auto& e : f.because) {
      ordered_json at = physicalLocation(sm, e.span);
      if (at.is_null()) continue;
      related.push_back({{"id", related.size() + 1},
                         {"physicalLocation", at},
                         {"message", text(fmt::format("{}: {}", nb ? "fordi" : "because", factText(m, e.fact, in.lang, f)))}});
    }
    if (!related.empty()) r["relatedLocations"] = related;
    std::string key = rule.id;
    ordered_json bound = ordered_json::object();
    for (const auto& [var, value] : bindingValues(m, f)) {
      key += "|" + var + "=" + value;
      bound[var] = value;
    }
    // Stable across runs and edits elsewhere in the file: the rule and its binding.
    r["partialFingerprints"] = {{"samsvarFinding/v1", key}};
    if (f.waiver >= 0) {
      const Waiver& w = m.waivers[f.waiver];
      ordered_json s{{"kind", "inSource"}, {"status", "accepted"}, {"justification", w.text}};
      if (ordered_json at = physicalLocation(sm, w.span); !at.is_null()) s["location"] = {{"physicalLocation", at}};
      r["suppressions"] = ordered_json::array({s});
    }
    ordered_json props{{"verdict", verdictName(f.verdict)}, {"strength", strengthName(rule.strength)}, {"binding", bound}};
    if (f.waiver >= 0) props["underlying"] = verdictName(f.underlying);
    if (!f.gaps.empty()) {
      ordered_json decided = ordered_json::array();
      for (const auto& g : f.gaps) decided.push_back(gapText(m, f, g, in.lang));
      props["decidedBy"] = decided;
    }
    if (f.verdict == Verdict::unknown) props["unknownReason"] = unknownReasonText(f.unknownReason, in.lang);
    r["properties"] = props;
    results.push_back(r);
  }

  ordered_json driver{{"name", "samsvar"},
                      {"version", SAMSVAR_VERSION},
                      {"semanticVersion", SAMSVAR_VERSION},
                      {"language", nb ? "nb-NO" : "en"},
                      {"rules", rules}};
  ordered_json run{{"tool", {{"driver", driver}}}};
  run["automationDetails"] = {{"description", text(m.caseTitle)}, {"id", "samsvar/" + sm.name(m.caseFile) + "/"}};
  run["invocations"] = ordered_json::array(
      {{{"executionSuccessful", true}, {"exitCode", exitCodeFor(m, in.result, in.strict)}}});
  run["language"] = nb ? "nb-NO" : "en";
  run["columnKind"] = "unicodeCodePoints";
  run["results"] = results;
  ordered_json props{{"case", {{"file", sm.name(m.caseFile)}, {"title", m.caseTitle}}},
                     {"summary", summaryText(in.result, in.lang)}};
  if (in.repair) {
    const RepairResult& rep = *in.repair;
    ordered_json changes = ordered_json::array(), confirm = ordered_json::array();
    for (const auto& c : rep.changes)
      if (std::string line = repairChangeText(m, rep, c, in.lang); !line.empty())
        (isConfirmation(c) ? confirm : changes).push_back(line);
    std::string outcome = rep.status == RepairResult::Status::unverified ? repairUnverifiedText(m, rep, in.lang)
                                                                         : repairOutcomeText(m, rep, in.lang);
    props["repair"] = {{"changes", changes}, {"confirm", confirm}, {"outcome", outcome}};
  }
  run["properties"] = props;
  // Indented to sit inside the log's `runs`.
  std::string dumped = run.dump(2), out = "    ";
  for (char c : dumped) {
    out += c;
    if (c == '\n') out += "    ";
  }
  return out;
}

std::string sarifLogBegin() {
  return fmt::format("{{\n  \"$schema\": \"{}\",\n  \"version\": \"2.1.0\",\n  \"runs\": [\n", kSarifSchemaUri);
}

std::string sarifLogEnd() { return "\n  ]\n}\n"; }

std::string renderSarif(const ReportInput& in) { return sarifLogBegin() + renderSarifRun(in) + sarifLogEnd(); }

}  // namespace samsvar
