// samsvar_z3_floor: the least a process that asks Z3 anything must pay — load
// libz3, create one context and the simple solver, decide one trivial formula.
// bench/compare divides samsvar's whole-process times by this one.
#include <z3++.h>

#include <cstdio>

int main() {
  z3::context ctx;
  z3::solver s(ctx, z3::solver::simple());
  z3::expr x = ctx.int_const("x");
  s.add(x > 0 && x < 2);
  z3::check_result r = s.check();
  std::puts(r == z3::sat ? "sat" : r == z3::unsat ? "unsat" : "unknown");
  return r == z3::sat ? 0 : 1;
}
