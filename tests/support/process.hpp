// Runs the samsvar executable as a user would: arguments, stdin, a working
// folder, a wall-clock bound; stdout and stderr kept apart.
#pragma once

#include <string>
#include <vector>

namespace samsvar::testing {

struct Process {
  int code = -1;          // exit code; -1 if killed or not started
  int signal = 0;         // the signal that ended it, if any
  bool timedOut = false;  // killed after the time bound
  double seconds = 0;     // wall-clock time
  std::string out;        // stdout
  std::string err;        // stderr
};

/// Runs `samsvar ARGS...` in `dir` (default: the source tree, so files are
/// named as in the golden reports) with `input` on stdin. A run past
/// `timeoutSeconds` is killed and marked timedOut: a hang guard, not a speed
/// target.
Process runSamsvar(const std::vector<std::string>& args, const std::string& input = "", const std::string& dir = "",
                double timeoutSeconds = 120);

}  // namespace samsvar::testing
