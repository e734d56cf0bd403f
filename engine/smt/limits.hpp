// The limits of solver questions. Z3-free: check, repair and lint derive
// theirs from their options; engine/smt/z3/solver.hpp applies them, in one place.
#pragma once

#include <cstddef>
#include <stdexcept>

namespace samsvar::smt {

/// Quantifier and count elements one case's lowering may expand at most
/// (`forall`/`exists`/`count` unroll over a set's possible members; four
/// nested quantifiers over 20 instances are 20^4 per binding). Past it a
/// question is not asked: LimitExceeded, and the verdict is `unknown`.
inline constexpr std::size_t kMaxExpansions = 100'000;
/// The reason of such an `unknown` verdict; the report words it.
inline constexpr const char* kExpansionLimitReason = "expansion limit exceeded";

/// The reason of a repair stopped by its budget (CheckOptions::repairRlimit
/// resource units per independent part, and a wall-clock backstop); the
/// report words it.
inline constexpr const char* kRepairBudgetReason = "repair budget exhausted";

/// A case's lowering reached kMaxExpansions.
struct LimitExceeded : std::runtime_error {
  LimitExceeded() : std::runtime_error(kExpansionLimitReason) {}
};

/// The default wall-clock backstop of one solver question (10 s).
inline constexpr unsigned kDefaultTimeoutMs = 10'000;

/// The limits of every single solver question (a check, or one MaxSMT solve).
struct Limits {
  /// Z3 resource units. Deterministic: a question stops at the same point on
  /// any machine, so the same input gives the same report. 0: none.
  unsigned long long rlimit = 5'000'000;
  /// Wall-clock backstop in milliseconds, for what the resource limit does not
  /// bound well (parts of Z3 that count few resource units while they work).
  /// Far above what a question under the resource limit takes, so it only
  /// ends a runaway question (as `unknown`), and output stays deterministic
  /// for every question that finishes. 0: none.
  unsigned timeoutMs = kDefaultTimeoutMs;
};

}  // namespace samsvar::smt
