// "Did you mean": the one place that decides how close a misspelt name must
// be to a known one (keywords, units, types, attributes, values, rule ids).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/text.hpp"

namespace samsvar {

/// Edit distance in code points (æ, ø and å count as one).
std::size_t editDistance(const std::string& a, const std::string& b);

/// The closest candidate that `name` could be a misspelling of, if any; ties
/// go to the alphabetically first candidate, so the answer is deterministic.
std::optional<std::string> closestName(const std::string& name, const std::vector<std::string>& candidates);

/// "mente du `x`?" / "did you mean `x`?" for the closest candidate, if any.
std::optional<Bilingual> didYouMean(const std::string& name, const std::vector<std::string>& candidates);

/// The help of an "unknown name" error: "did you mean" the closest
/// candidate; else the valid names when there are few enough to read (in the
/// order given); else how to search the vocabulary for the name.
Bilingual nameHelp(const std::string& name, const std::vector<std::string>& candidates);

}  // namespace samsvar
