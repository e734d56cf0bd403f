// The version of the Z3 library samsvar runs with, for `samsvar --version`.
// Free of Z3 headers, so the command line can ask without seeing Z3.
#pragma once

#include <string>

namespace samsvar {

/// The version of the Z3 library loaded at run time (not the headers built
/// against), as "major.minor.build", e.g. "4.8.12".
std::string z3Version();

}  // namespace samsvar
