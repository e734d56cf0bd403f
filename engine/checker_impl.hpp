// INTERNAL: the state a Checker shares with repair, explain and analysis.
#pragma once

#include <z3++.h>

#include "check.hpp"

namespace samsvar {

struct Checker::Impl {
  CheckOptions options;
  z3::context ctx;
};

/// Solver parameters every solver of the engine uses: time and resource limits.
inline void configureSolver(z3::context& ctx, z3::solver& s, const CheckOptions& opt) {
  z3::params p(ctx);
  p.set("timeout", opt.timeoutMs);
  p.set("rlimit", static_cast<unsigned>(std::min<unsigned long long>(opt.rlimit, 4'000'000'000ULL)));
  s.set(p);
}

}  // namespace samsvar
