// samsvar command line: a thin layer over the engine.
#include <CLI/CLI.hpp>

#include <atomic>
#include <fstream>
#include <map>
#include <cstdio>
#include <iostream>
#include <iostream>
#include <iterator>
#include <mutex>
#include <thread>
#include <unistd.h>

#include "engine/lint/rulebase_analysis.hpp"
#include "engine/check/check.hpp"
#include "engine/repair/repair.hpp"
#include "grammar/parse.hpp"
#include "engine/report/report.hpp"
#include "engine/sema/sema.hpp"
#include "engine/driver/load.hpp"

using namespace samsvar;

namespace {

struct Common {
  std::vector<std::string> rules;
  std::string lang = "nb";
  bool color = false;
};

Lang langOf(const std::string& s) { return s == "en" ? Lang::en : Lang::nb; }

std::vector<RulePath> rulePaths(const Common& c, const char* argv0) {
  std::vector<RulePath> out;
  if (c.rules.empty()) out.push_back({bundledRulesDir(argv0), "rules/"});
  for (const auto& r : c.rules) out.push_back({r, ""});
  return out;
}

void printDiagnostics(const SourceManager& sm, Diagnostics& diags, Lang lang, bool color, bool sort = true) {
  if (sort) diags.sort();
  std::string s = renderAll(sm, diags, lang, color);
  std::fwrite(s.data(), 1, s.size(), stderr);
}

/// `rules/lint-intended.txt` (beside the rules): analysis findings that are
/// intended, one per line: `KIND RULE [OTHER...] : reason`.
std::map<std::string, std::string> readIntended(const std::vector<RulePath>& paths) {
  std::map<std::string, std::string> out;
  for (const auto& rp : paths) {
    std::ifstream in(rp.path + "/lint-intended.txt");
    std::string line;
    while (std::getline(in, line)) {
      if (line.empty() || line[0] == '#') continue;
      auto colon = line.find(" : ");
      if (colon == std::string::npos) continue;
      std::string key = line.substr(0, colon);
      while (!key.empty() && key.back() == ' ') key.pop_back();
      out[key] = line.substr(colon + 3);
    }
  }
  return out;
}

void analysisDiagnostics(const model::Model& rb, const std::vector<RulePath>& paths, Diagnostics& diags,
                         std::size_t& intended) {
  auto findings = analyzeRulebase(rb);
  auto known = readIntended(paths);
  for (const auto& f : findings) {
    const auto& rule = rb.rules[f.rule];
    std::string key = std::string(analysisKindName(f.kind)) + " " + rule.id;
    for (int o : f.others) key += " " + rb.rules[o].id;
    auto it = known.find(key);
    std::string others;
    for (int o : f.others) others += (others.empty() ? "" : ", ") + ("`" + rb.rules[o].id + "`");
    Bilingual msg;
    switch (f.kind) {
      case AnalysisKind::unsatisfiable:
        msg = {"ingen sak kan oppfylle `" + rule.id + "` der den gjelder", "no case can satisfy `" + rule.id + "` where it applies"};
        break;
      case AnalysisKind::never_applies:
        msg = {"`" + rule.id + "` gjelder aldri (betingelsen kan ikke bli sann)", "`" + rule.id + "` never applies (its condition cannot hold)"};
        break;
      case AnalysisKind::conflict:
        msg = {"`" + rule.id + "` og " + others + " motsier hverandre der begge gjelder",
               "`" + rule.id + "` and " + others + " contradict each other wherever both apply"};
        break;
      case AnalysisKind::redundant:
        msg = {"`" + rule.id + "` følger av " + others + " (overflødig)", "`" + rule.id + "` is implied by " + others + " (redundant)"};
        break;
    }
    Diagnostic d;
    d.severity = it == known.end() ? Severity::warning : Severity::note;
    d.code = std::string("analysis.") + analysisKindName(f.kind);
    d.message = msg;
    d.span = rule.idSpan;
    for (int o : f.others) d.notes.push_back({rb.rules[o].idSpan, {"`" + rb.rules[o].id + "` er her", "`" + rb.rules[o].id + "` is here"}});
    if (!f.witness.empty()) {
      std::string w;
      for (const auto& x : f.witness) w += (w.empty() ? "" : ", ") + x;
      d.notes.push_back({std::nullopt, {"vitne: " + w, "witness: " + w}});
    }
    if (it != known.end()) {
      ++intended;
      d.help = Bilingual{"tilsiktet: " + it->second, "intended: " + it->second};
    } else {
      d.help = Bilingual{"rett reglene, eller dokumenter funnet i rules/lint-intended.txt som `" + key + " : begrunnelse`",
                     "fix the rules, or document the finding in rules/lint-intended.txt as `" + key + " : reason`"};
    }
    diags.add(std::move(d));
  }
}

int runLint(const Common& c, const std::vector<std::string>& paths, bool analysis, const char* argv0) {
  Lang lang = langOf(c.lang);
  SourceManager sm;
  Diagnostics diags;
  // Modules named on the command line join the rulebase; cases are checked against it.
  std::vector<RulePath> rp = rulePaths(c, argv0);
  std::vector<std::string> cases;
  for (const auto& p : paths) {
    for (const auto& f : collectFiles(p, {".rules", ".case"}, diags)) {
      if (f.size() >= 6 && f.compare(f.size() - 6, 6, ".rules") == 0) rp.push_back({f, ""});
      else cases.push_back(f);
    }
  }
  auto rulebase = loadRulebase(sm, rp, diags);
  std::size_t checked = 0;
  if (rulebase) {
    for (const auto& cf : cases)
      if (loadCase(sm, *rulebase, cf, cf, diags)) ++checked;
  }
  std::size_t intended = 0;
  if (rulebase && analysis && !diags.hasErrors()) analysisDiagnostics(*rulebase, rp, diags, intended);
  printDiagnostics(sm, diags, lang, c.color);
  if (diags.hasErrors()) return 2;
  std::size_t warnings = diags.items().size() - intended;
  std::printf(lang == Lang::nb ? "ok: %zu moduler, %zu regler, %zu saker; %zu advarsler, %zu tilsiktede analysefunn\n"
                               : "ok: %zu modules, %zu rules, %zu cases; %zu warnings, %zu intended analysis findings\n",
              rulebase->modules.size(), rulebase->rules.size(), checked, warnings, intended);
  return 0;
}

int runExplain(const Common& c, const std::string& id, const char* argv0) {
  Lang lang = langOf(c.lang);
  SourceManager sm;
  Diagnostics diags;
  auto rb = loadRulebase(sm, rulePaths(c, argv0), diags);
  if (!rb) {
    printDiagnostics(sm, diags, lang, c.color);
    return 2;
  }
  auto it = rb->ruleById.find(id);
  if (it == rb->ruleById.end()) {
    std::vector<std::string> ids;
    for (const auto& r : rb->rules) ids.push_back(r.id);
    auto near = closestName(id, ids);
    std::fprintf(stderr, lang == Lang::nb ? "error: ukjent regel `%s`\n" : "error: unknown rule `%s`\n", id.c_str());
    if (near) std::fprintf(stderr, lang == Lang::nb ? "help: mente du `%s`?\n" : "help: did you mean `%s`?\n", near->c_str());
    return 2;
  }
  const auto& rule = rb->rules[it->second];
  RuleExplanation ex = explainRule(*rb, it->second);
  std::string out;
  out += rule.id + " [" + strengthName(rule.strength) + "] (" + sm.location(rule.idSpan) + ")\n";
  out += "  nb: " + rule.title.nb + "\n  en: " + rule.title.en + "\n";
  if (rule.message) out += "  " + std::string(lang == Lang::nb ? "melding" : "message") + ": " + rule.message->in(lang) + "\n";
  for (const auto& s : rule.sources)
    out += std::string("  ") + (lang == Lang::nb ? "kilde" : "source") + ": " + s.file + (s.section.empty() ? "" : " " + s.section) +
           (s.quote.empty() ? "" : " «" + s.quote + "»") + "\n";
  static const char* meaningNb[] = {"bindende: kan ikke fravikes, bare unntas med hjemmel i lov eller forskrift",
                                     "skal følges; avvik krever skriftlig begrunnelse (særlige omstendigheter)",
                                     "bør følges; avvik krever en konkret, begrunnet vurdering og vises som informasjon",
                                     "kan: råd, gir aldri brudd"};
  static const char* meaningEn[] = {"binding: cannot be deviated from, only exempted with a legal basis",
                                    "must be followed; a deviation needs a written reason (special circumstances)",
                                    "should be followed; a deviation needs a concrete, reasoned assessment and is shown as information",
                                    "may: advice, never a violation"};
  int si = static_cast<int>(rule.strength);
  out += std::string("  ") + (lang == Lang::nb ? "styrke" : "strength") + ": " + (lang == Lang::nb ? meaningNb[si] : meaningEn[si]) + "\n";
  out += std::string("  ") + (lang == Lang::nb ? "regel" : "rule") + ":\n";
  std::string_view text = sm.slice(rule.span);
  std::string body(text);
  std::size_t start = 0;
  while (start <= body.size()) {
    std::size_t nl = body.find('\n', start);
    out += "    " + body.substr(start, nl == std::string::npos ? std::string::npos : nl - start) + "\n";
    if (nl == std::string::npos) break;
    start = nl + 1;
  }
  auto example = [&](const RuleExample& e, const char* nbTitle, const char* enTitle) {
    out += std::string("  ") + (lang == Lang::nb ? nbTitle : enTitle) + ":\n";
    if (!e.found) {
      out += lang == Lang::nb ? "    (finnes ikke)\n" : "    (none exists)\n";
      return;
    }
    if (e.facts.empty()) out += lang == Lang::nb ? "    (gjelder for alle fakta)\n" : "    (holds for any facts)\n";
    for (const auto& f : e.facts) out += "    " + f + "\n";
  };
  example(ex.satisfying, "eksempel som oppfyller regelen (generert av Z3)", "example that satisfies the rule (generated by Z3)");
  example(ex.violating, "eksempel som bryter regelen (generert av Z3)", "example that violates the rule (generated by Z3)");
  std::fwrite(out.data(), 1, out.size(), stdout);
  return 0;
}

struct CheckArgs {
  std::vector<std::string> cases;
  std::string format = "text";
  bool strict = false;
  unsigned timeoutMs = 0;
  unsigned long long rlimit = 5'000'000;
  unsigned jobs = 0;
  bool repair = false;
  std::string against;  // a tender case the offers are checked against
};

int runCheck(const Common& c, const CheckArgs& a, const char* argv0) {
  Lang lang = langOf(c.lang);
  SourceManager sm;
  Diagnostics diags;
  auto rulebase = loadRulebase(sm, rulePaths(c, argv0), diags);
  if (!rulebase) {
    printDiagnostics(sm, diags, lang, c.color);
    return 2;
  }
  // `--against TENDER`: the tender (a case, possibly with its own requirement
  // rules) is analysed first; each offer is then analysed on top of it, so the
  // tender's requirements and the bundled rules see both files' facts.
  std::optional<model::Model> tender;
  if (!a.against.empty()) {
    auto tf = loadFile(sm, a.against, a.against, diags);
    if (tf) tender = analyzeCase(*rulebase, sm, *tf, diags);
    if (!tender) {
      printDiagnostics(sm, diags, lang, c.color);
      return 2;
    }
  }
  // The cases to check, in input order: files, directories, and `-` for a
  // JSON-lines stream on standard input. Each is parsed and analysed only
  // when a worker takes it, and dropped once its report is written, so a
  // batch of thousands holds a few models at a time.
  std::vector<CaseSource> sources;
  const model::Model* over = tender ? &*tender : nullptr;
  for (const auto& p : a.cases) {
    if (p == "-") {
      std::string input((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
      for (auto& cs : readCaseStream(sm, "<stdin>", std::move(input), diags)) sources.push_back(std::move(cs));
      continue;
    }
    for (const auto& f : collectFiles(p, {".case"}, diags)) {
      CaseSource cs;
      cs.name = f;
      sources.push_back(std::move(cs));
    }
  }

  CheckOptions opt;
  opt.timeoutMs = a.timeoutMs;
  opt.rlimit = a.rlimit;
  const std::size_t n = sources.size();
  std::vector<std::string> outputs(n);
  std::vector<int> codes(n, 0);
  std::atomic<std::size_t> done{0};
  std::atomic<bool> internal{false};
  std::string internalMsg;
  unsigned jobs = a.jobs ? a.jobs : std::max(1u, std::thread::hardware_concurrency());
  jobs = static_cast<unsigned>(std::min<std::size_t>(jobs, std::max<std::size_t>(1, n)));
  bool progress = n > 1 && isatty(2);
  const bool jsonl = a.format == "json" && n > 1;
  // Each case reports its errors into its own list; the lists are printed in
  // input order at the end.
  std::vector<Diagnostics> caseDiags(n);
  std::mutex printMutex;
  std::atomic<std::size_t> next{0};
  std::vector<char> finished(n, false);
  std::size_t printed = 0;
  bool anyPrinted = false;
  auto worker = [&] {
    Checker checker(opt);
    for (std::size_t i; (i = next++) < n;) {
      std::optional<model::Model> m;
      try {
        CaseSource& src = sources[i];
        m = src.inline_ ? loadCaseText(sm, *rulebase, src.name, std::move(src.text), caseDiags[i], over)
                        : loadCase(sm, *rulebase, src.name, src.name, caseDiags[i], over);
        if (m) {
          CaseResult r = checker.check(*m);
          std::optional<RepairResult> repair;
          if (a.repair) repair = computeRepair(checker, *m, r);
          ReportInput in{sm, *m, r, lang, a.strict, repair ? &*repair : nullptr};
          outputs[i] = a.format == "json" ? renderJson(in, jsonl) : renderText(in);
          codes[i] = exitCodeFor(*m, r, a.strict);
        }
      } catch (const std::exception& e) {
        std::lock_guard<std::mutex> lock(printMutex);
        internal = true;
        internalMsg = e.what();
      }
      m.reset();
      std::size_t d = ++done;
      {
        // Print every finished report that is next in input order, so a
        // long batch streams its output instead of holding it to the end.
        std::lock_guard<std::mutex> lock(printMutex);
        finished[i] = true;
        for (; printed < n && finished[printed]; ++printed) {
          if (printed && a.format == "text" && !outputs[printed].empty() && anyPrinted) std::fputs("\n", stdout);
          std::fwrite(outputs[printed].data(), 1, outputs[printed].size(), stdout);
          anyPrinted |= !outputs[printed].empty();
          std::string().swap(outputs[printed]);
        }
        if (progress) std::fprintf(stderr, "\r%zu/%zu", d, n);
      }
    }
  };
  std::vector<std::thread> threads;
  for (unsigned t = 1; t < jobs; ++t) threads.emplace_back(worker);
  worker();
  for (auto& t : threads) t.join();
  if (progress) std::fprintf(stderr, "\n");
  std::fflush(stdout);
  // In input order: file ids of cases depend on which worker loaded first,
  // so the errors are sorted within each case, not across cases.
  diags.sort();
  for (auto& cd : caseDiags) {
    cd.sort();
    for (const auto& d : cd.items()) diags.add(d);
  }
  bool badInput = diags.hasErrors();
  if (!diags.items().empty()) printDiagnostics(sm, diags, lang, c.color, /*sort=*/false);
  if (internal) {
    std::fprintf(stderr, "samsvar: internal error: %s\n", internalMsg.c_str());
    return 3;
  }
  if (badInput) return 2;
  int code = 0;
  for (int c2 : codes) code = std::max(code, c2);
  return code;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"samsvar — checks e-health tenders, projects and norms against the national rules "
               "for international standards"};
  app.require_subcommand(1);
  Common common;
  auto addCommon = [&](CLI::App* sub) {
    sub->add_option("--rules", common.rules, "Rule module file or directory (default: the bundled rules/)");
    sub->add_option("--lang", common.lang, "Language of messages: nb (default) or en")
        ->check(CLI::IsMember({"nb", "en"}));
    sub->add_flag("--color", common.color, "Colour diagnostics");
  };

  CheckArgs ca;
  auto* check = app.add_subcommand("check", "Check cases against the rules");
  check->add_option("cases", ca.cases,
                    "Case files or directories; `-` reads a JSON-lines stream from standard input "
                    "({\"path\": …} or {\"name\": …, \"text\": …} per line)")
      ->required();
  check->add_option("--format", ca.format, "text (default) or json")->check(CLI::IsMember({"text", "json"}));
  check->add_flag("--strict", ca.strict, "Gaps in må/skal rules also fail (exit code 1)");
  check->add_option("--timeout-ms", ca.timeoutMs, "Solver time limit per check in ms (default: none; --rlimit bounds every check, "
                 "the same on any machine)");
  check->add_option("--rlimit", ca.rlimit, "Solver resource limit per check");
  check->add_option("-j,--jobs", ca.jobs, "Worker threads for many cases (default: all cores)");
  check->add_flag("--repair", ca.repair, "Add the smallest repair that makes every må/skal rule hold");
  check->add_option("--against", ca.against, "A tender case: check each offer against its requirements");
  addCommon(check);

  std::vector<std::string> lintPaths;
  bool noAnalysis = false;
  auto* lint = app.add_subcommand("lint", "Parse and type-check rule modules and cases; analyse the rulebase");
  lint->add_option("paths", lintPaths, "Files or directories")->required();
  lint->add_flag("--no-analysis", noAnalysis, "Skip the rulebase analysis (conflicts, redundancy, dead rules)");
  addCommon(lint);

  std::string explainId;
  auto* explain = app.add_subcommand("explain", "Explain a rule: text, source, strength and generated examples");
  explain->add_option("rule", explainId, "Rule id, e.g. HOR-14")->required();
  addCommon(explain);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? 0 : 2;
  }
  try {
    if (*check) return runCheck(common, ca, argv[0]);
    if (*lint) return runLint(common, lintPaths, !noAnalysis, argv[0]);
    if (*explain) return runExplain(common, explainId, argv[0]);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "samsvar: internal error: %s\n", e.what());
    return 3;
  }
  return 2;
}
