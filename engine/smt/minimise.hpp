// The one deletion-based minimiser of cores: unsat cores of Z3 questions and
// the facts exact evaluation needs alike. Z3-free.
#pragma once

#include <algorithm>
#include <cstddef>
#include <optional>
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

/// The same result as minimiseByDeletion, with fewer questions: `coreOf(rest)`
/// answers a subset of `rest` that still holds on its own (an unsat core), or
/// nullopt when `rest` does not hold. Holding is monotone (a set that contains
/// a holding set holds), so a later `rest` that contains a core already seen
/// holds without a question (a shrunk core is usually far smaller than the
/// set it is shrunk from, so most items go without one). `key(item)`
/// identifies an item (equal keys: the same item).
template <class T, class Key, class CoreOf>
std::vector<T> minimiseByDeletionReusingCores(std::vector<T> items, Key&& key, CoreOf&& coreOf) {
  // Known cores as sorted key lists; an item's key is looked up among the kept ones.
  using K = decltype(key(items.front()));
  std::vector<std::vector<K>> cores;
  auto containsCore = [&](const std::vector<K>& restKeys) {  // restKeys sorted
    for (const auto& c : cores)
      if (std::includes(restKeys.begin(), restKeys.end(), c.begin(), c.end())) return true;
    return false;
  };
  for (std::size_t i = 0; i < items.size();) {
    std::vector<T> rest;
    std::vector<K> restKeys;
    rest.reserve(items.size() - 1);
    restKeys.reserve(items.size() - 1);
    for (std::size_t j = 0; j < items.size(); ++j)
      if (j != i) {
        rest.push_back(items[j]);
        restKeys.push_back(key(items[j]));
      }
    std::sort(restKeys.begin(), restKeys.end());
    bool holds = containsCore(restKeys);
    if (!holds) {
      std::optional<std::vector<T>> core = coreOf(rest);
      if (core) {
        std::vector<K> keys;
        for (const auto& c : *core) keys.push_back(key(c));
        std::sort(keys.begin(), keys.end());
        keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
        cores.push_back(std::move(keys));
        holds = true;
      }
    }
    if (holds) items.erase(items.begin() + static_cast<long>(i));
    else ++i;
  }
  return items;
}

}  // namespace samsvar::smt
