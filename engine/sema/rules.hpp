// Pass 5: the rules a file declares — bindings, `when` and `require`
// conditions, translations, sources and message placeholders. Private to
// engine/sema/.
#pragma once

#include "core/ast.hpp"
#include "engine/sema/context.hpp"
#include "engine/sema/module_scope.hpp"

namespace samsvar::sema {

/// Checks the rules of a file; a rule with an error is not added.
void declareRules(Context& ctx, const FileScope& scope, const ast::File& file);

}  // namespace samsvar::sema
