// Semantic analysis: name resolution across modules, type checking and the
// checks a parser cannot make. Produces the checked model.
#pragma once

#include <optional>
#include <vector>

#include "core/ast.hpp"
#include "core/diagnostic.hpp"
#include "engine/sema/model.hpp"

namespace samsvar {

/// Analyses rule modules (and any case files, which are rejected here) into a
/// rulebase, returned shared (Model::share): copies of it, and the case models
/// analysed against it, share its elements instead of copying them. Returns
/// nullopt if any error was reported.
std::optional<model::Model> analyzeModules(const SourceManager& sm,
                                           const std::vector<ast::File>& modules,
                                           Diagnostics& diags);

/// Analyses one case against a rulebase; the result holds the rulebase plus
/// the case's instances, facts, rules and waivers. The rulebase's shared part
/// is shared, not copied; what `rulebase` holds of its own is copied into the
/// result. An offer is analysed against its tender's case model: the result
/// shares the rulebase and holds a copy of the tender's (small) own part, so
/// an offer's model is one layer deep and repair may change the tender's facts
/// in it without touching the tender's model. Nullopt on any error.
std::optional<model::Model> analyzeCase(const model::Model& rulebase, const SourceManager& sm,
                                        const ast::File& caseFile, Diagnostics& diags);

}  // namespace samsvar
