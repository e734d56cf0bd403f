// samsvar command line: options, a call into the driver, its exit code.
// Everything else (loading, checking, batches, reports) is the library's.
#include <CLI/CLI.hpp>

#include <iostream>
#include <string>
#include <unistd.h>

#include "core/calendar.hpp"
#include "engine/driver/commands.hpp"
#include "engine/report/format.hpp"
#include "engine/report/starter.hpp"
#include "engine/serve/server.hpp"
#include "engine/smt/version.hpp"

#ifndef SAMSVAR_VERSION
#error "SAMSVAR_VERSION (the project's version) is defined by cli/CMakeLists.txt"
#endif

using namespace samsvar;

int main(int argc, char** argv) {
  // Named, not taken from argv[0]: the help (and the man page made from it)
  // reads the same wherever the binary lies.
  CLI::App app{"samsvar — checks e-health tenders, projects and norms against the national rules "
               "for international standards",
               "samsvar"};
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string("samsvar " SAMSVAR_VERSION "\nZ3 ") + z3Version(),
                       "Print the version of samsvar and of the Z3 solver, and exit");
  CommonOptions common;
  std::string lang = "nb";
  auto addCommon = [&](CLI::App* sub) {
    sub->add_option("--rules", common.rules, "Rule module file or directory (default: the bundled rules/)");
    sub->add_option("--lang", lang, "Language of messages: nb (default) or en")->check(CLI::IsMember({"nb", "en"}));
    sub->add_flag("--color", common.color, "Colour diagnostics");
    sub->add_option_function<unsigned>(
           "--max-input-mb", [&](unsigned mb) { common.maxFileBytes = std::uintmax_t{mb} << 20; },
           "Largest input file read, in MiB (default 64)")
        ->check(CLI::Range(1u, 4096u));
  };

  // The limits of each solver question: check, lint and explain take the same.
  auto addLimits = [](CLI::App* sub, unsigned& timeoutMs, unsigned long long& rlimit, const std::string& what) {
    sub->add_option("--timeout-ms", timeoutMs,
                    "Solver wall-clock backstop per " + what + " in ms (default 10000; 0: none). --rlimit bounds every " +
                        what + " the same on any machine; this only ends a runaway one as unknown")
        ->check(CLI::Range(0u, 86'400'000u));
    sub->add_option("--rlimit", rlimit,
                    "Solver resource limit per " + what + " (Z3 resource units, default 5000000; 0: none)")
        ->check(CLI::Range(0ULL, 4'000'000'000ULL));
  };

  CheckCommand ca;
  auto* check = app.add_subcommand("check", "Check cases against the rules");
  check->add_option("cases", ca.cases,
                    "Case files or directories; `-` reads a JSON-lines stream from standard input "
                    "({\"path\": …} or {\"name\": …, \"text\": …} per line)")
      ->required();
  check->add_option("--format", ca.format,
                    "text (default), json, sarif (code scanning), junit (CI test reports) or html (one page)")
      ->check(CLI::IsMember(reportFormatNames()));
  check->add_flag("--strict", ca.strict, "Gaps and unknown verdicts in må/skal rules also fail (exit code 1)");
  addLimits(check, ca.timeoutMs, ca.rlimit, "check");
  check->add_option("-j,--jobs", ca.jobs, "Worker threads for many cases (default: all cores)")->check(CLI::Range(0u, 256u));
  check->add_flag("--repair", ca.repair, "Add the smallest repair that makes every må/skal rule hold");
  check->add_option("--repair-rlimit", ca.repairRlimit,
                    "Repair budget: solver resource units per independent part of a case (default 20000000; 0: "
                    "none), with --timeout-ms as the backstop. Past it the repair is reported as not found")
      ->check(CLI::Range(0ULL, 4'000'000'000ULL));
  check->add_flag("--all", ca.all, "JSON: also list satisfied and not-applicable findings (the summary counts them either way)");
  check->add_option("--against", ca.against, "A tender case: check each offer against its requirements");
  // A day given on the command line: the check's "today", init's example dates.
  const CLI::Validator isoDate(
      [](std::string& v) {
        return samsvar::calendar::parseIsoDate(v) ? std::string() : "not a date YYYY-MM-DD between 1901 and 2099: " + v;
      },
      "DATE");
  check->add_option("--date,--today", ca.date,
                    "YYYY-MM-DD: the day cases that declare no `date` are judged on (default: today), e.g. to "
                    "reproduce a report")
      ->check(isoDate);
  check->add_option("--case-root", ca.caseRoots,
                    "A further folder that stream lines and offers' `against` may name files in (default: the "
                    "folders of the cases given, the current folder for `-`)");
  addCommon(check);

  LintCommand la;
  bool noAnalysis = false;
  auto* lint = app.add_subcommand(
      "lint", "Parse and type-check rule modules and cases; analyse their rules (never applies, cannot hold, "
              "conflicts, redundancy)");
  lint->add_option("paths", la.paths, "Rule modules and cases: files or directories")->required();
  lint->add_flag("--no-analysis", noAnalysis, "Only parse and type-check; skip the analysis");
  lint->add_flag("--rulebase", la.rulebase, "Also analyse every rule of the rulebase (the bundled rules too), not "
                                            "only those of the modules and cases given");
  lint->add_option("--against", la.against, "A tender case: the offers given are read on top of it");
  addLimits(lint, la.limits.timeoutMs, la.limits.rlimit, "analysis question");
  addCommon(lint);

  ExplainCommand ea;
  auto* explain = app.add_subcommand("explain", "Explain a rule (bundled, or a case's own): text, source, strength and generated examples");
  explain->add_option("rule", ea.rule, "Rule id, e.g. HOR-14 (upper or lower case)")->required();
  explain->add_option("cases", ea.cases, "Cases whose own rules (e.g. a tender's requirements) may hold the id");
  addLimits(explain, ea.limits.timeoutMs, ea.limits.rlimit, "example");
  addCommon(explain);

  VocabCommand va;
  auto* vocab = app.add_subcommand("vocab", "List the words a case may use: types with their attributes, enum values, "
                                            "reference data; search them by a word in Norwegian or English");
  vocab->add_option("word", va.word, "A word to search for, e.g. høring, Consultation, snomed (default: everything)");
  vocab->add_option("--format", va.format, "text (default), json, or markdown (docs/vocabulary.md)")
      ->check(CLI::IsMember({"text", "json", "markdown"}));
  addCommon(vocab);

  InitCommand ia;
  auto* init = app.add_subcommand("init", "Write a commented starting case for a procurer, the directorate or a vendor");
  init->add_option("role", ia.role, "procurer (a tender), directorate (a normative product) or vendor")
      ->required()
      ->check(CLI::IsMember(starterRoles()));
  init->add_option("file", ia.file, "The case file to write (never overwritten; default: standard output)");
  init->add_option("--date,--today", ia.date,
                   "YYYY-MM-DD: the day the example dates are chosen near (default: today), e.g. to reproduce a "
                   "starting case")
      ->check(isoDate);
  addCommon(init);

  serve::ServeOptions sa;
  unsigned maxBodyKb = 1024;
  auto* serve = app.add_subcommand("serve", "Open the web page: write, check and repair cases in a browser");
  serve->add_option("--port", sa.port, "Port to listen on (default 8080; 0: any free port)")->check(CLI::Range(0, 65535));
  serve->add_option("--host", sa.host,
                    "Address to listen on (default 127.0.0.1: only this machine; 0.0.0.0 opens it to the network)");
  serve->add_option("-j,--jobs", sa.jobs, "Cases checked at once (default: all cores)")->check(CLI::Range(0u, 256u));
  serve->add_option("--queue", sa.queue, "Requests that may wait for a worker before the page answers busy (default 16)")
      ->check(CLI::Range(0u, 4096u));
  serve->add_option("--max-body-kb", maxBodyKb, "Largest request accepted, in KiB (default 1024)")
      ->check(CLI::Range(1u, 65536u));
  addLimits(serve, sa.check.timeoutMs, sa.check.rlimit, "check");
  addCommon(serve);

  // What a user must know beyond the options, said once here and shown by
  // --help and the man page made from it (cmake/man_page.cmake). Set after
  // the commands are added, which would otherwise repeat it.
  app.footer(
      "Bundled rules (the default of --rules), the first that exists:\n"
      "  $SAMSVAR_RULES              the folder this environment variable names\n"
      "  ../share/samsvar/rules      from the executable's folder: an installed samsvar\n"
      "  rules/                      in the nearest folder above the executable: a build tree\n"
      "\n"
      "Exit codes:\n"
      "  0                           no må/skal rule is violated\n"
      "  1                           a må or skal rule is violated (with --strict also one open or unknown)\n"
      "  2                           bad input or usage\n"
      "  3                           internal or solver failure");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? 0 : 2;
  }
  common.lang = lang == "en" ? Lang::en : Lang::nb;
  common.program = argv[0];
  la.analysis = !noAnalysis;
  const Streams io{std::cin, std::cout, std::cerr, /*progress=*/isatty(STDERR_FILENO) != 0};
  if (*check) return runCheck(common, ca, io);
  if (*lint) return runLint(common, la, io);
  if (*explain) return runExplain(common, ea, io);
  if (*vocab) return runVocab(common, va, io);
  if (*init) return runInit(common, ia, io);
  if (*serve) {
    sa.maxBodyBytes = std::size_t{maxBodyKb} << 10;
    return serve::runServe(common, sa, io);
  }
  return 2;
}
