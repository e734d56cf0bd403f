#include "engine/smt/z3/terms.hpp"

#include <unordered_set>

namespace samsvar::smt {

void forEachConstant(std::vector<z3::expr> todo,
                     const std::function<void(const z3::expr& constant, std::vector<z3::expr>& more)>& onConstant) {
  std::unordered_set<unsigned> seen;
  while (!todo.empty()) {
    z3::expr x = todo.back();
    todo.pop_back();
    if (!x.is_app() || !seen.insert(x.id()).second) continue;
    if (x.num_args() == 0 && x.decl().decl_kind() == Z3_OP_UNINTERPRETED) {
      onConstant(x, todo);
      continue;
    }
    for (unsigned i = 0; i < x.num_args(); ++i) todo.push_back(x.arg(i));
  }
}

}  // namespace samsvar::smt
