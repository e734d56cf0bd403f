// The words of `samsvar explain`, in nb and en.
#pragma once

#include <string>

#include "core/source.hpp"
#include "core/text.hpp"
#include "engine/lint/rulebase_analysis.hpp"
#include "engine/sema/model.hpp"

namespace samsvar {

/// A rule explained: its id, strength and location, titles, message, sources,
/// what its strength means, its text, and the examples Z3 generated.
std::string renderExplanation(const SourceManager& sm, const model::Model& rulebase, const RuleExplanation& ex,
                              Lang lang);

}  // namespace samsvar
