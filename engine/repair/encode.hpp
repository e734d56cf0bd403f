// The repair problem as data: which findings a repair must fix, which facts
// it may change, and what each kind of change costs.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "engine/check/check.hpp"
#include "engine/smt/repair_solver.hpp"

namespace samsvar {

/// må and skal rules: a repair must make them hold.
bool mustHold(ast::Strength s);

/// Findings that a repair must fix: må/skal violations and gaps without a waiver.
bool needsRepair(const model::Model& m, const Finding& f);

/// Violated bindings of skal rules: the rulebase lets a case deviate from
/// them (docs/language.md), so a repair may propose a deviation record.
bool isDeviable(const model::Model& m, const Finding& f);

/// Whether attribute `attr` of case or reference instance `instance` is a
/// world fact (`fact` in its type): a repair never changes it.
bool isWorldFact(const model::Model& m, int instance, int attr);

/// The MaxSMT problem of repairing `result`, changing only the declared
/// facts marked in `freeFacts`.
smt::RepairProblem encodeRepair(const model::Model& m, const CaseResult& result, std::vector<bool> freeFacts);

}  // namespace samsvar
