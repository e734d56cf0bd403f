// Passes 1–3: the names a file declares — enums, types with their
// attributes, and instances. Private to engine/sema/.
#pragma once

#include <vector>

#include "core/ast.hpp"
#include "engine/sema/context.hpp"
#include "engine/sema/module_scope.hpp"

namespace samsvar::sema {

/// Declares the enums and types of a file (their names; attributes follow
/// once every type is known).
void declareEnumsAndTypes(Context& ctx, const FileScope& scope, const ast::File& file);

/// Resolves the attributes of the types a file declares.
void resolveAttributes(Context& ctx, const FileScope& scope, const ast::File& file);

/// An instance whose facts are assigned once every instance is declared
/// (a fact may name an instance declared further down, or in another file).
struct PendingInstance {
  const ast::InstanceDecl* decl;
  int index;  // in Model::instances
  const FileScope* scope;
};

/// Declares the instances of a file and appends them to `pending`.
void declareInstances(Context& ctx, const FileScope& scope, const ast::File& file,
                      std::vector<PendingInstance>& pending);

}  // namespace samsvar::sema
