// PRIVATE to engine/check, engine/repair and engine/lint: the state a Checker
// shares with repair, explain and rulebase analysis.
#pragma once

#include <z3++.h>

#include <memory>

#include "engine/check/check.hpp"
#include "engine/smt/solver.hpp"

namespace samsvar {

struct Checker::Impl {
  CheckOptions options;
  /// The context of rulebase analysis and `explain`, made on first use
  /// (checks and repairs make a fresh one per case).
  z3::context& context() {
    if (!ctx) ctx = std::make_unique<z3::context>();
    return *ctx;
  }
  std::unique_ptr<z3::context> ctx;
};

inline SolverLimits limitsOf(const CheckOptions& o) { return {o.timeoutMs, o.rlimit}; }

}  // namespace samsvar
