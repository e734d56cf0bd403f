// Solver set-up and asking, shared by every Z3 question of the engine.
// PRIVATE to engine/smt/.
#pragma once

#include <z3++.h>

#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/errors.hpp"
#include "engine/smt/answer.hpp"
#include "engine/smt/limits.hpp"

namespace samsvar::smt {

/// THE place where solver limits are set: the parameters of every solver
/// and optimiser of the engine (check, repair, lint and explain). The
/// resource limit is always set when given (deterministic: the same case
/// stops at the same point on any machine); the wall-clock limit only when
/// one is asked for (Z3 starts a timer thread for every question that has
/// one, a quarter of the time of a case with many open rules).
z3::params limitParams(z3::context& ctx, const Limits& limits);
void applyLimits(z3::solver& s, const Limits& limits);

/// The solver's answer to `check` (with its reason when unknown).
Answer answerOf(z3::check_result r, const std::string& reasonUnknown);

/// The limits a solver takes as parameters when the calling thread's
/// CheckWatchdog (engine/smt/z3/watchdog.hpp) keeps the wall-clock limit:
/// the resource limit alone. Such a solver's checks go through ask() and
/// shrinkCore() with `watchdogMs` = limits.timeoutMs.
Limits withoutTimeout(const Limits& limits);

/// Asks `s` whether `query` is satisfiable together with what it needs (the
/// definitions and value ranges of engine/smt/z3/lower.hpp), in a push/pop
/// scope. A sat answer's model goes to `model` when given. With
/// `watchdogMs`, the thread's watchdog ends the check after that long.
Answer ask(z3::solver& s, const z3::expr& query, const std::vector<z3::expr>& needs,
           std::optional<z3::model>* model = nullptr, unsigned watchdogMs = 0);

/// A minimal subset of the assumption literals `core` under which `s` stays
/// unsatisfiable (minimiseByDeletion; `checks` counts solver calls).
std::vector<z3::expr> shrinkCore(z3::solver& s, std::vector<z3::expr> core, std::size_t* checks = nullptr,
                                 unsigned watchdogMs = 0);

/// The same subset as shrinkCore, with fewer checks: the unsat core of each
/// unsat check is kept, and a later subset that contains one is unsat
/// without a check (minimiseByDeletionReusingCores).
std::vector<z3::expr> shrinkCoreReusing(z3::solver& s, std::vector<z3::expr> core, std::size_t* checks = nullptr);

/// Runs `f`; a Z3 exception (a broken invariant, never bad input) becomes an
/// InternalError naming `step`. Every facade function of engine/smt/ that
/// reaches Z3 goes through it, so no Z3 exception leaves the folder.
template <class F>
decltype(auto) guarded(const char* step, F&& f) {
  try {
    return std::forward<F>(f)();
  } catch (const z3::exception& e) {
    throw InternalError(std::string("solver error in ") + step + ": " + e.msg());
  }
}

}  // namespace samsvar::smt
