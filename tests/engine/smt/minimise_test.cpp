// The deletion-based minimiser that reuses cores gives the very subset the
// plain one gives (lint's redundancy findings name it), with fewer questions.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <optional>
#include <vector>

#include "engine/smt/minimise.hpp"

using namespace samsvar::smt;

namespace {

/// A monotone "still unsat" over subsets of 0..n-1: a set holds when it
/// contains one of `cores` in full. The core it reports is the first such.
struct Family {
  std::vector<std::vector<int>> cores;  // each sorted
  std::size_t questions = 0;
  std::optional<std::vector<int>> coreOf(const std::vector<int>& items) {
    ++questions;
    std::vector<int> sorted = items;
    std::sort(sorted.begin(), sorted.end());
    for (const auto& c : cores)
      if (std::includes(sorted.begin(), sorted.end(), c.begin(), c.end())) return c;
    return std::nullopt;
  }
  bool holds(const std::vector<int>& items) { return coreOf(items).has_value(); }
};

/// splitmix64, so the families are the same on every machine.
std::uint64_t next(std::uint64_t& s) {
  std::uint64_t z = (s += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

TEST(MinimiseReusingCores, SameSubsetAsPlainDeletionWithFewerQuestions) {
  std::uint64_t seed = 7;
  std::size_t plainQuestions = 0, reusingQuestions = 0;
  for (int round = 0; round < 300; ++round) {
    const int n = 2 + static_cast<int>(next(seed) % 40);
    Family f;
    const int k = 1 + static_cast<int>(next(seed) % 4);
    for (int c = 0; c < k; ++c) {
      std::vector<int> core;
      for (int i = 0; i < n; ++i)
        if (next(seed) % 5 == 0) core.push_back(i);
      f.cores.push_back(core);
    }
    // The starting set holds: it is everything, in a shuffled order.
    std::vector<int> items;
    for (int i = 0; i < n; ++i) items.push_back(i);
    for (int i = n - 1; i > 0; --i) std::swap(items[static_cast<std::size_t>(i)], items[next(seed) % static_cast<std::uint64_t>(i + 1)]);
    Family plain = f, reusing = f;
    auto expected = minimiseByDeletion(items, [&](const std::vector<int>& rest) { return plain.holds(rest); });
    auto got = minimiseByDeletionReusingCores(
        items, [](int i) { return i; }, [&](const std::vector<int>& rest) { return reusing.coreOf(rest); });
    ASSERT_EQ(got, expected) << "round " << round;
    EXPECT_LE(reusing.questions, plain.questions) << "round " << round;
    plainQuestions += plain.questions;
    reusingQuestions += reusing.questions;
  }
  // Small cores among many items: most deletions are settled by a core already seen.
  EXPECT_LT(reusingQuestions * 2, plainQuestions) << reusingQuestions << " vs " << plainQuestions;
}

TEST(MinimiseReusingCores, AnEmptyCoreDropsEverything) {
  auto got = minimiseByDeletionReusingCores(
      std::vector<int>{3, 1, 2}, [](int i) { return i; },
      [](const std::vector<int>&) { return std::optional<std::vector<int>>(std::vector<int>{}); });
  EXPECT_TRUE(got.empty());
}

}  // namespace
