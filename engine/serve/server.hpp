// `samsvar serve`: the page and its JSON API on a local HTTP server
// (cpp-httplib), over one warm rulebase (engine/serve/api.hpp).
#pragma once

#include "engine/driver/commands.hpp"
#include "engine/serve/api.hpp"

namespace samsvar::serve {

/// Loads the rulebase, listens on `options.host` and `options.port` (0: a
/// free port) and answers until the process is stopped. Prints the page's
/// address on `io.out` once it listens. Exit codes: 2 when the rules are bad
/// or the address cannot be listened on, 3 for an internal error.
int runServe(const CommonOptions& common, const ServeOptions& options, const Streams& io);

}  // namespace samsvar::serve
