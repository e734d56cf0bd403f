// Pass 4: the facts of declared instances — each `attribute = value` checked
// against the attribute's type. Private to engine/sema/.
#pragma once

#include <vector>

#include "engine/sema/context.hpp"
#include "engine/sema/declarations.hpp"

namespace samsvar::sema {

/// Checks the field values of every pending instance into facts.
void assignFacts(Context& ctx, const std::vector<PendingInstance>& pending);

}  // namespace samsvar::sema
