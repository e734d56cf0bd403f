// The one decoder of Z3 models: values come back as facts encode them
// (model::FactValue), never as text. PRIVATE to engine/smt/.
#pragma once

#include <z3++.h>

#include <cstdint>
#include <utility>
#include <vector>

#include "engine/sema/model.hpp"
#include "engine/smt/variable.hpp"
#include "engine/smt/z3/lower.hpp"

namespace samsvar::smt {

/// The value `model` gives attribute `attr` of `instance` (a phantom too),
/// as lowered by `low`. For a set: the declared elements it contains, and the
/// phantom it contains (if any) in `phantoms`; `open` is copied.
model::FactValue decodeAttr(const z3::model& model, Lowering& low, std::int64_t instance, int attr, bool open = false,
                            std::vector<std::int64_t>* phantoms = nullptr);

/// The value of one variable: a scalar attribute's value, or 1/0 for a membership.
std::int64_t decodeVariable(const z3::model& model, Lowering& low, const Variable& v);

/// The values of the attributes of a phantom that lowering made variables
/// for (sets excepted), in attribute order: what a new instance needs.
std::vector<std::pair<int, model::FactValue>> decodePhantom(const z3::model& model, Lowering& low,
                                                            std::int64_t phantom);

}  // namespace samsvar::smt
