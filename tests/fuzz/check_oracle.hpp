// The checker fuzzers' oracle: what must hold for every well-typed input.
//   1. The generated module and case parse and type-check.
//   2. Exact evaluation before Z3 (CheckOptions::fold) gives the same verdict
//      for every binding as Z3 alone.
//   3. A repair that is printed as found, applied to the case, leaves no
//      må or skal rule violated or open.
#pragma once

#include <string>

#include "case_generator.hpp"

namespace samsvar::fuzz {

/// Empty when every property holds; otherwise what failed, with the input.
std::string checkProperties(const Generated& input, bool repair = true);

}  // namespace samsvar::fuzz
