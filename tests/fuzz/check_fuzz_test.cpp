// The checker fuzzer's smoke run in the test suite (and under the sanitizers
// in CI): seeded inputs from the structure-aware generator, each checked
// against the oracle. The coverage-guided run is tests/fuzz/fuzz_check.cpp.
#include <gtest/gtest.h>

#include <cstdlib>

#include "check_oracle.hpp"

namespace samsvar::fuzz {

TEST(CheckerFuzz, SeededInputsKeepEveryProperty) {
  // SAMSVAR_FUZZ_SEEDS raises the count for a longer local run. A repair
  // (MaxSMT) costs seconds where a check costs milliseconds, so the smoke
  // run repairs the first fifth of the seeds only.
  const char* env = std::getenv("SAMSVAR_FUZZ_SEEDS");
  const unsigned seeds = env ? static_cast<unsigned>(std::atoi(env)) : 60;
  for (unsigned seed = 1; seed <= seeds; ++seed) {
    Choices c(seed);
    Generated g = generate(c);
    std::string failure = checkProperties(g, /*repair=*/seed <= seeds / 5 + 1);
    ASSERT_EQ(failure, "") << "seed " << seed;
  }
}

TEST(CheckerFuzz, TheGeneratorWritesRulesOfEveryShape) {
  // A generator that only ever wrote `x.flag` would find nothing: check that
  // quantifiers, month arithmetic, counts and open sets all occur.
  std::string all;
  for (unsigned seed = 1; seed <= 150; ++seed) {
    Choices c(seed);
    Generated g = generate(c);
    all += g.module + g.kase;
  }
  for (const char* shape : {"exists ", "forall ", " months ", "count(", ", ... }", " weeks", "implies", "y in x.parts"})
    EXPECT_NE(all.find(shape), std::string::npos) << shape;
}

}  // namespace samsvar::fuzz
