// Solver set-up shared by every Z3 question of the engine: limits and core minimisation.
#pragma once

#include <z3++.h>

#include <memory>
#include <vector>


namespace samsvar {

/// The limits of one solver question.
struct SolverLimits {
  unsigned timeoutMs = 0;            // wall clock; 0: none
  unsigned long long rlimit = 0;     // Z3 resource units; 0: none
};


/// Solver parameters every solver of the engine uses: the resource limit
/// (deterministic: the same case stops at the same point on any machine),
/// and a time limit only when one is asked for (Z3 starts a timer thread for
/// every check that has one, a quarter of the time of a case with many open
/// rules).
inline void configureSolver(z3::context& ctx, z3::solver& s, const SolverLimits& opt) {
  z3::params p(ctx);
  if (opt.timeoutMs) p.set("timeout", opt.timeoutMs);
  if (opt.rlimit) p.set("rlimit", static_cast<unsigned>(std::min<unsigned long long>(opt.rlimit, 4'000'000'000ULL)));
  s.set(p);
}

/// Deletion-based minimisation of an unsatisfiable set of assumption
/// literals: each literal, in order, is dropped when `s` stays unsatisfiable
/// without it. The answers are properties of the formulas, so the result
/// depends only on the starting set and its order. `checks` counts calls.
inline std::vector<z3::expr> shrinkCore(z3::solver& s, std::vector<z3::expr> core, std::size_t* checks = nullptr) {
  for (std::size_t i = 0; i < core.size();) {
    z3::expr_vector rest(s.ctx());
    for (std::size_t j = 0; j < core.size(); ++j)
      if (j != i) rest.push_back(core[j]);
    if (checks) ++*checks;
    if (s.check(rest) == z3::unsat) core.erase(core.begin() + static_cast<long>(i));
    else ++i;
  }
  return core;
}

}  // namespace samsvar
