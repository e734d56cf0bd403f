// Deciding verdicts: each active rule of a case, per binding, by Z3.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/errors.hpp"
#include "engine/sema/model.hpp"

namespace samsvar {

enum class Verdict { satisfied, violated, gap, deviated, exempted, not_applicable, unknown };

/// Stable lower-case name ("not_applicable", …) used in JSON and tests.
const char* verdictName(Verdict v);
/// Severity order used to aggregate bindings: violated > unknown > gap >
/// deviated > exempted > satisfied > not_applicable.
int verdictRank(Verdict v);

/// A declared fact that is part of an explanation.
struct ExplainedFact {
  int fact = -1;      // index into Model::facts
  std::string what;   // "h1.closes = 2024-04-05"
  Span span;
};

/// An undeclared attribute that decides a gap, with a value that satisfies the rule.
struct GapAttribute {
  std::string path;         // "h1.closes" or "ips.consultations"
  int instance = -1;
  int attr = -1;
  std::string suggestion;   // "2024-04-12" or "another Consultation with kind = hoering"
  std::string suggestionNb; // the same in Norwegian ("en annen Consultation med kind = hoering")
  std::string bound;        // "on_or_after" / "on_or_before" / "" (a single value)
  std::int64_t boundValue = 0;  // the bound, encoded as facts are (when `bound` is set)
};

struct Finding {
  int rule = -1;
  std::vector<std::int64_t> binding;  // element per binding slot
  std::string bindingText;            // "p = ips, c = h1"
  Verdict verdict = Verdict::satisfied;
  Verdict underlying = Verdict::satisfied;  // for deviated/exempted: violated or gap
  int waiver = -1;                          // index into Model::waivers
  std::vector<ExplainedFact> because;       // violations: minimal facts forcing it
  std::vector<GapAttribute> gaps;           // gaps: undeclared attributes that decide it
  std::string unknownReason;
  Span location;  // where the finding is reported (the bound instance, or the rule)
};

struct CheckOptions {
  unsigned timeoutMs = 0;            // per solver check; 0: none (the resource limit bounds every check)
  unsigned long long rlimit = 5'000'000;  // per solver check (Z3 resource units)
  unsigned long long repairRlimit = 20'000'000;  // per repair (MaxSMT) attempt
  bool explain = true;               // cores for violations, values for gaps
  /// Decide bindings whose inputs are declared by exact evaluation before Z3
  /// is asked (engine/check/evaluate.hpp). Off: every binding is lowered and asked.
  bool fold = true;
};

struct CaseResult {
  std::vector<Finding> findings;  // one per rule and binding, ordered by location and rule id
  std::size_t solverChecks = 0;
  std::size_t evaluated = 0;  // bindings decided by exact evaluation, without lowering
};

/// A checker owns one Z3 context and is reused across cases (one per thread).
class Checker {
 public:
  explicit Checker(CheckOptions options = {});
  ~Checker();
  Checker(const Checker&) = delete;
  Checker& operator=(const Checker&) = delete;

  /// Decides every active rule of `model` (a case model from analyzeCase).
  /// Throws InternalError for broken invariants; never for bad input.
  CaseResult check(const model::Model& model);

  const CheckOptions& options() const;

  struct Impl;  // defined in engine/check/checker_impl.hpp (holds the Z3 context)
  Impl& impl() { return *impl_; }

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace samsvar
