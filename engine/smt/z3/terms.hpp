// The one walker over Z3 terms. PRIVATE to engine/smt/.
#pragma once

#include <z3++.h>

#include <functional>
#include <vector>

namespace samsvar::smt {

/// Calls `onConstant(c, more)` for every uninterpreted constant `c`
/// reachable from `roots`, visiting each term once (shared subterms are
/// common: lowering memoises). `onConstant` may push terms onto `more` to
/// walk them too (what the constant is defined by). The order is fixed:
/// depth first, the last argument of a term first.
void forEachConstant(std::vector<z3::expr> roots,
                     const std::function<void(const z3::expr& constant, std::vector<z3::expr>& more)>& onConstant);

}  // namespace samsvar::smt
