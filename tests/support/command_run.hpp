// Runs a driver command as the CLI does, on in-memory streams: what it
// printed on stdout and stderr and the exit code it returned.
#pragma once

#include <sstream>
#include <string>

#include "engine/driver/commands.hpp"

namespace samsvar::testing {

struct Output {
  int code = -1;
  std::string out, err;
};

/// Calls `command(Streams{in, out, err})` with `input` on stdin.
template <class Command>
Output runCommand(const Command& command, const std::string& input = "") {
  std::istringstream in(input);
  std::ostringstream out, err;
  Output o;
  o.code = command(Streams{in, out, err});
  o.out = out.str();
  o.err = err.str();
  return o;
}

}  // namespace samsvar::testing
