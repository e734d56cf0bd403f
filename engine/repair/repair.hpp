// Minimal repairs: the smallest set of changes to a case's declared facts,
// and additions of undeclared ones, that makes every må and skal rule hold
// (MaxSMT with Z3's Optimize).
#pragma once

#include <string>
#include <vector>

#include "engine/check/check.hpp"
#include "core/diagnostic.hpp"
#include "engine/sema/model.hpp"

namespace samsvar {

struct RepairChange {
  /// `assume`: an undeclared attribute of reference data (a rule module) that
  /// the case cannot declare; the repair holds if the reference data has this
  /// value, so the user knows what to look up (Referansekatalogen).
  enum class Kind { change, add, add_instance, assume };
  Kind kind = Kind::change;
  int instance = -1;       // for add_instance: -1 (a new instance of `type`)
  int type = -1;
  int attr = -1;           // -1 for add_instance
  std::string path;        // "h1.closes"
  std::string from;        // declared value (change)
  std::string to;          // new value
  std::string toNb;        // the same in Norwegian (differs where new instances are described)
  std::string bound;       // "on_or_after" / "on_or_before" / ""
  model::FactValue value;  // the new value, to apply it
  std::vector<std::pair<int, model::FactValue>> attrs;  // add_instance: attribute values
  std::string intoSet;     // add_instance: "p.consultations" it joins
  std::vector<std::string> fixes;  // rule ids this change helps
  Span span;               // the fact (change) or the instance (add)
};

struct RepairResult {
  enum class Status { not_needed, found, impossible, unknown };
  Status status = Status::not_needed;
  std::vector<RepairChange> changes;
  std::vector<int> conflicting;  // rules that conflict when no repair exists
  std::string reason;            // for unknown
};

/// Computes a minimal repair for a checked case.
RepairResult computeRepair(Checker& checker, const model::Model& m, const CaseResult& result);

/// Applies a repair to a copy of the model (for verification and `--apply`).
model::Model applyRepair(const model::Model& m, const RepairResult& repair);

}  // namespace samsvar
