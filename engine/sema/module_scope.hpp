// Pass 0: modules and imports, and what each file may name. Private to
// engine/sema/.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "core/ast.hpp"
#include "engine/sema/context.hpp"

namespace samsvar::sema {

/// Registers the module a rule file declares (a duplicate name is reported
/// and skipped).
void registerModule(Context& ctx, const ast::File& file);

/// Reports imports (or a case's `uses`) of modules that do not exist, and
/// warns of a module named twice.
void checkImports(Context& ctx, const ast::File& file);

/// Reports modules that import themselves, directly or through others, at
/// the import that closes the cycle (each cycle once, in file order). The
/// rulebase is layered: a module builds on what it imports.
void checkImportCycles(Context& ctx, const std::vector<const ast::File*>& modules);

/// `roots` and every module they import, directly or not.
std::set<std::string> importClosure(const model::Model& m, const std::vector<std::string>& roots);

/// What one file may name: the declarations of its own module and of the
/// modules it imports (transitively); a case without `uses` sees everything.
class FileScope {
 public:
  FileScope(const model::Model& m, const ast::File& file);

  /// The file's module; empty for a case.
  const std::string& module() const { return module_; }
  /// True if a declaration of `module` may be named here.
  bool sees(const std::string& module) const {
    return all_ || module == module_ || visible_.count(module) > 0;
  }
  /// Reports `name`, declared in `module`, as not imported unless it may be
  /// named here (the name is still resolved: one error, not a cascade).
  void requireVisible(Diagnostics& diags, const std::string& name, const std::string& module, Span span) const;

 private:
  std::string module_;
  std::set<std::string> visible_;
  bool all_ = false;
};

}  // namespace samsvar::sema
