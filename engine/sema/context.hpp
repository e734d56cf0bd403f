// What every pass of semantic analysis works on. Private to engine/sema/.
#pragma once

#include "core/diagnostic.hpp"
#include "core/source.hpp"
#include "engine/sema/model.hpp"

namespace samsvar::sema {

/// The model being built, the sources and the diagnostics. `write` and
/// `read` are the same model: writes go through `write`, reads through
/// `read`, because reading through a non-const Model would copy a shared
/// rulebase element (copy-on-write, see layered.hpp). The passes write only
/// what their own files declare.
struct Context {
  Context(model::Model& m, const SourceManager& s, Diagnostics& d) : write(m), read(m), sm(s), diags(d) {}

  model::Model& write;
  const model::Model& read;
  const SourceManager& sm;
  Diagnostics& diags;
};

}  // namespace samsvar::sema
