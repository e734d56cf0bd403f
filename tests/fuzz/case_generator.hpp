// A structure-aware generator of well-typed samsvar inputs for fuzzing the
// checker (not only the parser): a small module with a fixed vocabulary and
// random rules (quantifiers, dates, durations, ordered enums, sets, counts,
// references), and a case with random instances whose facts are declared,
// undeclared (unknown), complete or open. Driven by a byte source, so
// libFuzzer's mutations steer it, or by a seed for the CI smoke test.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace samsvar::fuzz {

/// Where the generator's choices come from.
class Choices {
 public:
  Choices(const std::uint8_t* data, std::size_t size) : data_(data), size_(size) {}
  explicit Choices(std::uint64_t seed) : seed_(seed | 1) {}
  /// A number in [0, n); 0 once a byte source is exhausted.
  unsigned pick(unsigned n);
  bool chance(unsigned percent) { return pick(100) < percent; }

 private:
  const std::uint8_t* data_ = nullptr;
  std::size_t size_ = 0, at_ = 0;
  std::uint64_t seed_ = 0;  // xorshift state when seeded
};

struct Generated {
  std::string module;  // module fz
  std::string kase;    // case … uses fz
};

/// At most `rules` rules and `instances` instances.
Generated generate(Choices& c, unsigned rules = 6, unsigned instances = 4);

}  // namespace samsvar::fuzz
