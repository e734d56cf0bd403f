#include "engine/smt/z3/solver.hpp"

#include <algorithm>

#include "engine/smt/minimise.hpp"
#include "engine/smt/z3/watchdog.hpp"

namespace samsvar::smt {

z3::params limitParams(z3::context& ctx, const Limits& limits) {
  z3::params p(ctx);
  if (limits.timeoutMs) p.set("timeout", limits.timeoutMs);
  // Z3 takes the resource limit as an unsigned int.
  if (limits.rlimit) p.set("rlimit", static_cast<unsigned>(std::min<unsigned long long>(limits.rlimit, 4'000'000'000ULL)));
  return p;
}

void applyLimits(z3::solver& s, const Limits& limits) { s.set(limitParams(s.ctx(), limits)); }

Limits withoutTimeout(const Limits& limits) {
  Limits out = limits;
  out.timeoutMs = 0;
  return out;
}

Answer answerOf(z3::check_result r, const std::string& reasonUnknown) {
  switch (r) {
    case z3::sat: return Answer::sat();
    case z3::unsat: return Answer::unsat();
    case z3::unknown: break;
  }
  return Answer::unknown(reasonUnknown);
}

Answer ask(z3::solver& s, const z3::expr& query, const std::vector<z3::expr>& needs, std::optional<z3::model>* model,
           unsigned watchdogMs) {
  s.push();
  s.add(query);
  for (const auto& d : needs) s.add(d);
  z3::check_result r = checkWithin(s.ctx(), watchdogMs, [&] { return s.check(); });
  std::string reason = r == z3::unknown ? s.reason_unknown() : std::string();
  if (r == z3::sat && model) model->emplace(s.get_model());
  s.pop();
  return answerOf(r, reason);
}

std::vector<z3::expr> shrinkCore(z3::solver& s, std::vector<z3::expr> core, std::size_t* checks, unsigned watchdogMs) {
  return minimiseByDeletion(std::move(core), [&](const std::vector<z3::expr>& rest) {
    z3::expr_vector lits(s.ctx());
    for (const auto& l : rest) lits.push_back(l);
    if (checks) ++*checks;
    auto check = [&] { return s.check(lits); };
    return checkWithin(s.ctx(), watchdogMs, check) == z3::unsat;
  });
}

std::vector<z3::expr> shrinkCoreReusing(z3::solver& s, std::vector<z3::expr> core, std::size_t* checks) {
  return minimiseByDeletionReusingCores(
      std::move(core), [](const z3::expr& l) { return l.id(); },
      [&](const std::vector<z3::expr>& rest) -> std::optional<std::vector<z3::expr>> {
        z3::expr_vector lits(s.ctx());
        for (const auto& l : rest) lits.push_back(l);
        if (checks) ++*checks;
        if (s.check(lits) != z3::unsat) return std::nullopt;
        z3::expr_vector uc = s.unsat_core();
        std::vector<z3::expr> out;
        for (unsigned i = 0; i < uc.size(); ++i) out.push_back(uc[i]);
        return out;
      });
}

}  // namespace samsvar::smt
