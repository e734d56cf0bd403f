// What a solver variable of a case stands for. Z3-free.
#pragma once

#include <compare>
#include <cstdint>

namespace samsvar::smt {

/// The value of an undeclared attribute of an instance (a phantom too; see
/// engine/smt/bindings.hpp), or whether one element is in an undeclared set.
struct Variable {
  int instance = -1;
  int attr = -1;
  std::int64_t element = -1;  // set membership: the element; -1: the attribute's value
  bool isMembership() const { return element >= 0; }
  auto operator<=>(const Variable&) const = default;
};

}  // namespace samsvar::smt
