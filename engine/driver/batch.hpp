// Checking many cases: the ordered streaming batch runner. Cases are checked
// on worker threads; each report is written as soon as every case before it
// is done, so a long batch streams its output, and the output is the same
// on any number of workers.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.hpp"
#include "core/text.hpp"

namespace samsvar {

/// What a worker makes of one case.
struct CaseOutcome {
  std::string report;  // empty when the case did not load (its errors are in its diagnostics)
  int exitCode = 0;
};

/// Checks the case at `index`, reporting bad input into `diags` (the case's
/// own list); throws for a bug.
using CaseWork = std::function<CaseOutcome(std::size_t index, Diagnostics& diags)>;

struct BatchOptions {
  unsigned jobs = 0;  // worker threads; 0: one per core
  /// Written between two non-empty reports: a blank line between text
  /// reports, nothing between JSON lines.
  std::string separator;
  /// Receives the reports (and separators) in input order, each as soon as
  /// the cases before it are done; calls never overlap.
  std::function<void(std::string_view)> write;
  /// When set, called after each case (done so far, total), under the same lock as `write`.
  std::function<void(std::size_t done, std::size_t total)> progress;
};

/// A case whose check threw: a bug, not bad input.
struct CaseFailure {
  std::size_t index = 0;
  std::string name;
  std::string what;
};

struct BatchResult {
  /// The cases' diagnostics in input order, each case's sorted. File ids
  /// depend on which worker loaded a case first, so diagnostics are sorted
  /// within a case, never across cases.
  Diagnostics diagnostics;
  std::vector<CaseFailure> failures;  // in input order
  int exitCode = 0;                   // the highest of the cases' exit codes
};

/// Checks the cases `names` (shown in failures) on BatchOptions::jobs
/// workers. Each worker calls `makeWork()` once, on its own thread, for the
/// function that checks its cases, so per-thread state (a Checker) lives in
/// what that function captures. An exception in a case becomes its
/// CaseFailure; the other cases are still checked and written.
BatchResult runBatch(const std::vector<std::string>& names, const BatchOptions& options,
                     const std::function<CaseWork()>& makeWork);

/// "samsvar: internal error in NAME: WHAT" (nb: "intern feil i").
std::string failureMessage(const CaseFailure& failure, Lang lang);

}  // namespace samsvar
