#include "engine/sema/module_scope.hpp"

#include <algorithm>
#include <map>
#include <utility>

#include "core/suggest.hpp"

namespace samsvar::sema {

void registerModule(Context& ctx, const ast::File& f) {
  if (f.kind != ast::FileKind::module) return;
  const std::string& name = f.name->name;
  if (auto it = ctx.read.moduleByName.find(name); it != ctx.read.moduleByName.end()) {
    ctx.diags.error(DiagCode::semaDuplicateModule, f.name->span, {{"module", name}})
        .withNote(ctx.read.modules[it->second].span, Phrase::firstDefinedHere);
    return;
  }
  model::ModuleInfo mi;
  mi.name = name;
  mi.title = f.title ? f.title->value : "";
  for (const auto& i : f.imports) mi.imports.push_back(i.name);
  mi.file = f.fileId;
  mi.span = f.name->span;
  ctx.write.moduleByName[name] = static_cast<int>(ctx.read.modules.size());
  ctx.write.modules.push_back(std::move(mi));
}

void checkImports(Context& ctx, const ast::File& f) {
  std::map<std::string, Span> seen;
  for (const auto& imp : f.imports) {
    if (auto [first, fresh] = seen.try_emplace(imp.name, imp.span); !fresh) {
      // Harmless to the model, but a sign of a slip (another module meant).
      ctx.diags.warning(f.kind == ast::FileKind::module ? DiagCode::semaDuplicateImport : DiagCode::semaDuplicateUses,
                        imp.span, {{"module", imp.name}})
          .withNote(first->second, Phrase::firstHere);
      continue;
    }
    if (ctx.read.moduleByName.count(imp.name)) continue;
    std::vector<std::string> names;
    for (const auto& mod : ctx.read.modules) names.push_back(mod.name);
    ctx.diags.error(DiagCode::semaUnknownModule, imp.span, {{"module", imp.name}}).help = didYouMean(imp.name, names);
  }
}

namespace {

/// Depth-first search over the imports; a module on the current path that
/// is imported again closes a cycle.
class CycleFinder {
 public:
  CycleFinder(Context& ctx, const std::vector<const ast::File*>& modules) : ctx_(ctx) {
    for (auto* f : modules)
      if (f->kind == ast::FileKind::module) byName_.try_emplace(f->name->name, f);  // a duplicate is reported elsewhere
  }

  void visitAll(const std::vector<const ast::File*>& modules) {
    for (auto* f : modules)
      if (f->kind == ast::FileKind::module && byName_[f->name->name] == f) visit(f->name->name);
  }

 private:
  enum class State { onPath, done };

  // Iterative, with an explicit stack: a chain of thousands of modules
  // must not exhaust the call stack.
  void visit(const std::string& root) {
    if (!enter(root)) return;
    while (!stack_.empty()) {
      auto& [file, next] = stack_.back();
      if (next == file->imports.size()) {
        state_[path_.back()] = State::done;
        path_.pop_back();
        stack_.pop_back();
        continue;
      }
      const ast::Ident& imp = file->imports[next++];
      auto s = state_.find(imp.name);
      if (s == state_.end()) {
        enter(imp.name);  // may reallocate stack_: `file` and `next` are not used after this
      } else if (s->second == State::onPath) {
        report(imp);
      }
    }
  }

  /// Puts a known, unvisited module on the path.
  bool enter(const std::string& name) {
    if (state_.count(name)) return false;
    auto it = byName_.find(name);
    if (it == byName_.end()) return false;  // an unknown module, reported by checkImports
    state_[name] = State::onPath;
    path_.push_back(name);
    stack_.emplace_back(it->second, 0);
    return true;
  }

  void report(const ast::Ident& imp) {
    if (imp.name == path_.back()) {
      ctx_.diags.error(DiagCode::semaSelfImport, imp.span, {{"module", imp.name}})
          .withHelp(Phrase::removeImport, {{"module", imp.name}});
      return;
    }
    // A long cycle is named by its ends, so that the message stays readable.
    constexpr std::ptrdiff_t kHead = 5, kTail = 4;
    std::string cycle;
    auto from = std::find(path_.begin(), path_.end(), imp.name);
    const std::ptrdiff_t length = path_.end() - from;
    for (auto p = from; p != path_.end(); ++p) {
      std::ptrdiff_t i = p - from;
      if (length > kHead + kTail + 1 && i == kHead) cycle += "… → ";
      if (length > kHead + kTail + 1 && i >= kHead && i < length - kTail) continue;
      cycle += *p + " → ";
    }
    cycle += imp.name;
    ctx_.diags.error(DiagCode::semaImportCycle, imp.span, {{"cycle", cycle}}).withHelp(Phrase::breakImportCycle);
  }

  Context& ctx_;
  std::map<std::string, const ast::File*> byName_;
  std::map<std::string, State> state_;
  std::vector<std::string> path_;                                  // the modules on the current path
  std::vector<std::pair<const ast::File*, std::size_t>> stack_;  // each with its next import
};

}  // namespace

void checkImportCycles(Context& ctx, const std::vector<const ast::File*>& modules) {
  CycleFinder(ctx, modules).visitAll(modules);
}

std::set<std::string> importClosure(const model::Model& m, const std::vector<std::string>& roots) {
  std::set<std::string> out;
  std::vector<std::string> work = roots;
  while (!work.empty()) {
    std::string n = std::move(work.back());
    work.pop_back();
    if (!out.insert(n).second) continue;
    if (auto it = m.moduleByName.find(n); it != m.moduleByName.end())
      for (const auto& i : m.modules[it->second].imports) work.push_back(i);
  }
  return out;
}

FileScope::FileScope(const model::Model& m, const ast::File& f) {
  std::vector<std::string> roots;
  if (f.kind == ast::FileKind::module) {
    module_ = f.name->name;
    roots.push_back(module_);
  } else if (f.imports.empty()) {
    all_ = true;
    return;
  }
  for (const auto& i : f.imports) roots.push_back(i.name);
  visible_ = importClosure(m, roots);
  visible_.insert(module_);  // a case's own declarations have the module ""
}

void FileScope::requireVisible(Diagnostics& diags, const std::string& name, const std::string& module,
                               Span span) const {
  if (sees(module)) return;
  diags.error(DiagCode::semaNotImported, span, {{"name", name}, {"module", module}})
      .withHelp(Phrase::addImport, {{"module", module}});
}

}  // namespace samsvar::sema
