// The commands of samsvar as library functions: each takes its options and
// the streams to use, runs the pipeline (load, check or analyse, report) and
// returns the process exit code. The command line only parses options.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <string>
#include <vector>

#include "core/text.hpp"

namespace samsvar {

/// The limits of each solver question, as `check`, `lint` and `explain` take them.
struct SolverLimitOptions {
  unsigned timeoutMs = 10'000;            // the solver's wall-clock backstop per question; 0: none
  unsigned long long rlimit = 5'000'000;  // Z3 resource units per question; 0: none
};

/// Options every command takes.
struct CommonOptions {
  std::vector<std::string> rules;  // rule module files or directories; empty: the bundled rules
  Lang lang = Lang::nb;
  bool color = false;              // colour diagnostics
  std::uintmax_t maxFileBytes = std::uintmax_t{64} << 20;  // input files larger than this are refused
  const char* program = nullptr;   // argv[0], to find the bundled rules
};

/// Where a command reads and writes: the process' standard streams, or strings in tests.
struct Streams {
  std::istream& in;    // a JSON-lines stream of cases for `check -`
  std::ostream& out;   // reports, explanations, the lint summary
  std::ostream& err;   // diagnostics and progress
  bool progress = false;  // show "done/total" on `err` while a batch runs (a terminal)
};

/// `samsvar check`.
struct CheckCommand {
  std::vector<std::string> cases;  // files, directories, `-` for a JSON-lines stream on `in`
  std::string format = "text";     // a name of reportFormatNames(): text, json, sarif, junit, html
  bool strict = false;
  unsigned timeoutMs = 10'000;     // the solver's wall-clock backstop per question; 0: none
  unsigned long long rlimit = 5'000'000;
  unsigned long long repairRlimit = 20'000'000;  // per independent part of a repair; 0: none
  unsigned jobs = 0;               // worker threads; 0: one per core
  bool repair = false;
  bool all = false;                // JSON: list satisfied and not-applicable findings too
  std::string against;             // a tender case the offers are checked against
  std::vector<std::string> caseRoots;  // further folders a stream or an offer's `against` may name files in
  std::string date;  // `--date YYYY-MM-DD`: the day cases without a declared date are judged on; empty: today
};

/// `samsvar lint`.
struct LintCommand {
  std::vector<std::string> paths;  // rule modules join the rulebase; cases are checked against it
  bool analysis = true;            // the analysis (conflicts, redundancy, dead rules)
  /// Analyse every rule of the rulebase (the bundled rules too), not only the
  /// rules of the modules and cases named.
  bool rulebase = false;
  std::string against;             // a tender the offers among the cases answer
  SolverLimitOptions limits;       // of each analysis question
};

/// `samsvar explain`.
struct ExplainCommand {
  std::string rule;                 // rule id, e.g. HOR-14 (any case: hor-14)
  std::vector<std::string> cases;   // cases (files or folders) whose own rules may hold the id
  SolverLimitOptions limits;        // of each example's question
};

/// `samsvar vocab`.
struct VocabCommand {
  std::string word;              // empty: the whole vocabulary
  std::string format = "text";   // text, json or markdown (docs/vocabulary.md)
};

/// `samsvar init`.
struct InitCommand {
  std::string role;  // procurer, directorate or vendor
  std::string file;  // empty: standard output
  std::string date;  // YYYY-MM-DD the example dates are near; empty: today
};

/// Exit codes: 0 fine; 1 a må or skal rule is violated (`check`); 2 bad
/// input (located diagnostics on `err`); 3 an internal error.
int runCheck(const CommonOptions& common, const CheckCommand& command, const Streams& io);
int runLint(const CommonOptions& common, const LintCommand& command, const Streams& io);
int runExplain(const CommonOptions& common, const ExplainCommand& command, const Streams& io);
int runVocab(const CommonOptions& common, const VocabCommand& command, const Streams& io);
int runInit(const CommonOptions& common, const InitCommand& command, const Streams& io);

/// Today's date (UTC) as YYYY-MM-DD: the date `samsvar init`'s examples use.
std::string todayIso();

}  // namespace samsvar
