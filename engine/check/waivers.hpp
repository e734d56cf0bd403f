// Waiver policy: which declared deviation or exemption covers a violated or
// open binding.
#pragma once

#include "engine/check/check.hpp"

namespace samsvar {

/// Covers a violated or open finding with the waiver that applies to its
/// rule and binding, if any: an exemption outranks a deviation, a waiver
/// naming a bound instance outranks a general one, and a må rule can only be
/// exempted. The finding's verdict becomes exempted or deviated; `underlying`
/// keeps what it was.
void applyWaiver(const model::Model& m, Finding& f);

}  // namespace samsvar
