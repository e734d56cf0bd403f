// The one deletion-based minimiser of cores: unsat cores of Z3 questions and
// the facts exact evaluation needs alike. Z3-free.
#pragma once

#include <cstddef>
#include <vector>

namespace samsvar::smt {

/// Drops each item, in order, when `stillHolds(the items kept so far, minus
/// it)` is true. The result is minimal (no single item can go) and depends
/// only on the starting set and its order, never on which of several cores
/// a solver happens to report: reports stay the same from run to run.
template <class T, class StillHolds>
std::vector<T> minimiseByDeletion(std::vector<T> items, StillHolds&& stillHolds) {
  for (std::size_t i = 0; i < items.size();) {
    std::vector<T> rest;
    rest.reserve(items.size() - 1);
    for (std::size_t j = 0; j < items.size(); ++j)
      if (j != i) rest.push_back(items[j]);
    if (stillHolds(rest)) items.erase(items.begin() + static_cast<long>(i));
    else ++i;
  }
  return items;
}

}  // namespace samsvar::smt
