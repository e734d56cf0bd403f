// Pass 6: the deviations and exemptions of a case. Private to engine/sema/.
#pragma once

#include "core/ast.hpp"
#include "engine/sema/context.hpp"

namespace samsvar::sema {

/// Checks the deviations and exemptions of a file (a rule module may have
/// none) into waivers.
void declareWaivers(Context& ctx, const ast::File& file);

}  // namespace samsvar::sema
