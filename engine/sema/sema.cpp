// The passes of semantic analysis, in order. Each pass runs over every file
// before the next starts, so that a name may be used before (or in another
// file than) its declaration:
//   modules and imports (module_scope) → enums and types → attributes →
//   records (documents, successions) → instances (declarations) → facts →
//   rules → deviations and exemptions.
#include "engine/sema/sema.hpp"

#include <algorithm>
#include <deque>
#include <set>
#include <tuple>

#include "core/calendar.hpp"
#include "engine/sema/declarations.hpp"
#include "engine/sema/facts.hpp"
#include "engine/sema/module_scope.hpp"
#include "engine/sema/records.hpp"
#include "engine/sema/rules.hpp"
#include "engine/sema/waivers.hpp"

namespace samsvar {

using namespace model;

namespace {

/// The rules of `modules` (every rule when null), in source order.
std::vector<int> sortedRules(const Model& m, const std::set<std::string>* modules) {
  std::vector<int> out;
  for (std::size_t i = 0; i < m.rules.size(); ++i)
    if (!modules || modules->count(m.rules[i].module)) out.push_back(static_cast<int>(i));
  auto before = [&](int a, int b) {
    const auto& x = m.rules[a];
    const auto& y = m.rules[b];
    return std::tie(x.span.file, x.span.begin, x.id) < std::tie(y.span.file, y.span.begin, y.id);
  };
  // Rules are declared file by file in source order, so this is usually
  // sorted already; sorting thousands of rules for every case would cost
  // more than the rest of the case's analysis.
  if (!std::is_sorted(out.begin(), out.end(), before)) std::sort(out.begin(), out.end(), before);
  return out;
}

/// The rules a case checks: all, or those of the modules it uses (and what
/// they import) plus its own.
std::vector<int> caseRules(const Model& m) {
  return sortedRules(m, m.modulesInUse ? &*m.modulesInUse : nullptr);
}

/// The modules a case uses (and what they import) plus its own; absent
/// without `uses`: then every module applies.
std::optional<std::set<std::string>> modulesInUse(const Model& m, const ast::File& f) {
  if (f.imports.empty()) return std::nullopt;
  std::vector<std::string> uses;
  for (const auto& i : f.imports) uses.push_back(i.name);
  std::set<std::string> modules = sema::importClosure(m, uses);
  modules.insert("");  // the case's own declarations and rules
  return modules;
}

/// Runs the passes after module registration over `files`, whose modules
/// (if any) are registered.
void runPasses(sema::Context& ctx, const std::vector<const ast::File*>& files) {
  for (auto* f : files) sema::checkImports(ctx, *f);
  std::deque<sema::FileScope> scopes;  // a deque: pending instances point into it
  for (auto* f : files) scopes.emplace_back(ctx.read, *f);
  for (std::size_t i = 0; i < files.size(); ++i) sema::declareEnumsAndTypes(ctx, scopes[i], *files[i]);
  for (std::size_t i = 0; i < files.size(); ++i) sema::resolveAttributes(ctx, scopes[i], *files[i]);
  for (std::size_t i = 0; i < files.size(); ++i) sema::declareRecords(ctx, scopes[i], *files[i]);
  std::vector<sema::PendingInstance> pending;
  for (std::size_t i = 0; i < files.size(); ++i) sema::declareInstances(ctx, scopes[i], *files[i], pending);
  sema::assignFacts(ctx, pending);
  for (std::size_t i = 0; i < files.size(); ++i) sema::declareRules(ctx, scopes[i], *files[i]);
  for (std::size_t i = 0; i < files.size(); ++i) sema::declareWaivers(ctx, scopes[i], *files[i]);
}

}  // namespace

std::optional<Model> analyzeModules(const SourceManager& sm, const std::vector<ast::File>& files,
                                    Diagnostics& diags) {
  std::size_t before = diags.errorCount();
  Model m;
  sema::Context ctx(m, sm, diags);
  std::vector<const ast::File*> modules;
  for (const auto& f : files) {
    if (f.kind != ast::FileKind::module) {
      diags.error(DiagCode::semaCaseAsModule, f.span);
      continue;
    }
    modules.push_back(&f);
  }
  // A rulebase alone (lint, explain) is judged on the day it is analysed.
  m.caseDate = calendar::today();
  for (auto* f : modules) sema::registerModule(ctx, *f);
  sema::checkImportCycles(ctx, modules);
  runPasses(ctx, modules);
  m.activeRules = sortedRules(m, nullptr);
  if (diags.errorCount() > before) return std::nullopt;
  m.share();  // every case shares the rulebase instead of copying it
  return m;
}

std::optional<Model> analyzeCase(const Model& rulebase, const SourceManager& sm, const ast::File& f,
                                 Diagnostics& diags) {
  std::size_t before = diags.errorCount();
  if (f.kind != ast::FileKind::case_) {
    diags.error(DiagCode::semaModuleAsCase, f.name ? f.name->span : f.span);
    return std::nullopt;
  }
  Model m = rulebase;
  m.isCase = true;
  m.caseTitle = f.title ? f.title->value : "";
  m.caseFile = f.fileId;
  sema::Context ctx(m, sm, diags);
  m.caseDateDeclared = f.date.has_value();
  m.caseDate = rulebase.today ? *rulebase.today : calendar::today();
  if (f.date) {
    const ast::DateLit& d = f.date->value;
    auto day = calendar::dayNumber(d.year, d.month, d.day);
    if (!day || d.year < calendar::kMinYear || d.year > calendar::kMaxYear)
      diags.error(DiagCode::semaBadDate, f.date->span,
                  {{"date", std::string(sm.slice(f.date->span))},
                   {"min", std::to_string(calendar::kMinYear)},
                   {"max", std::to_string(calendar::kMaxYear)}});
    else
      m.caseDate = *day;
  }
  runPasses(ctx, {&f});
  m.modulesInUse = modulesInUse(m, f);
  m.activeRules = caseRules(m);
  if (diags.errorCount() > before) return std::nullopt;
  return m;
}

}  // namespace samsvar
