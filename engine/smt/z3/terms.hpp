// The one walker over Z3 terms. PRIVATE to engine/smt/.
#pragma once

#include <z3++.h>

#include <functional>
#include <vector>

namespace samsvar::smt {

/// `to = from` by copy, releasing the term `to` held. ALWAYS use this rather
/// than assigning a temporary to a z3::expr: the move assignment of Z3
/// 4.8.12's z3++.h (ast::operator=(ast&&)) never releases the term it
/// overwrites. One such leaked term makes the deletion of its context scan
/// Z3's whole term table (512K slots, about 7 M instructions); a batch
/// paid that for most cases (bench/README.md). tests/z3_move_assign.sh
/// finds any move assignment left in engine/smt/.
inline void assign(z3::expr& to, const z3::expr& from) { to = from; }

/// Calls `onConstant(c, more)` for every uninterpreted constant `c`
/// reachable from `roots`, visiting each term once (shared subterms are
/// common: lowering memoises). `onConstant` may push terms onto `more` to
/// walk them too (what the constant is defined by). The order is fixed:
/// depth first, the last argument of a term first.
void forEachConstant(std::vector<z3::expr> roots,
                     const std::function<void(const z3::expr& constant, std::vector<z3::expr>& more)>& onConstant);

}  // namespace samsvar::smt
