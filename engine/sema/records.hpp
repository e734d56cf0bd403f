// Records about the rulebase itself rather than about a case: the source
// documents rules cite (`document`) and successions of enum values in time
// (`succession`). Private to engine/sema/.
#pragma once

#include "core/ast.hpp"
#include "engine/sema/context.hpp"
#include "engine/sema/module_scope.hpp"

namespace samsvar::sema {

/// Declares the documents and successions of a file (after enums, before rules).
void declareRecords(Context& ctx, const FileScope& scope, const ast::File& file);

/// `e` with every comparison against a value that has a successor widened:
/// `x == V` becomes `x == V or (x == S and today >= from)`, and likewise for
/// `!=` and membership in a written set. Null stays null.
model::TExprPtr applySuccessions(const model::Model& m, const model::TExprPtr& e);

}  // namespace samsvar::sema
