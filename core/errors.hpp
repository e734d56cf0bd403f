// Errors that are bugs, not bad input. Bad input is a Diagnostic (core/diagnostic.hpp);
// a broken invariant anywhere in the pipeline throws InternalError, which the
// driver turns into exit code 3.
#pragma once

#include <stdexcept>

namespace samsvar {

struct InternalError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

}  // namespace samsvar
