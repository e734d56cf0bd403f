// The limits of solver questions. Z3-free: check, repair and lint derive
// theirs from their options; engine/smt/z3/solver.hpp applies them, in one place.
#pragma once

namespace samsvar::smt {

/// The limits of every single solver question (a check, or one MaxSMT solve).
struct Limits {
  /// Z3 resource units. Deterministic: a question stops at the same point on
  /// any machine, so the same input gives the same report. 0: none.
  unsigned long long rlimit = 5'000'000;
  /// Wall-clock backstop in milliseconds, for what the resource limit does not
  /// bound well (nonlinear arithmetic). 0: none. Z3 starts a timer thread for
  /// every question that has one, so it is off unless asked for.
  unsigned timeoutMs = 0;
};

}  // namespace samsvar::smt
