// Pass 6: the deviations and exemptions of a case. Private to engine/sema/.
#pragma once

#include "core/ast.hpp"
#include "engine/sema/context.hpp"
#include "engine/sema/module_scope.hpp"

namespace samsvar::sema {

/// Checks the deviations and exemptions of a file (a rule module may have
/// none) into waivers. A waiver must name a rule the case checks: one of a
/// module the case uses (`scope`), directly or through imports.
void declareWaivers(Context& ctx, const FileScope& scope, const ast::File& file);

}  // namespace samsvar::sema
