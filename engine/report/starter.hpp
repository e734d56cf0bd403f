// `samsvar init procurer|directorate|vendor`: a commented starting case for
// each kind of user, written from the vocabulary the rules declare, so it
// names only types, attributes and values that exist. The web page's
// templates come from here too.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/text.hpp"
#include "engine/sema/model.hpp"

namespace samsvar {

/// The roles a starting case exists for, in the order they are offered.
const std::vector<std::string>& starterRoles();

/// The starting case of `role` (nullopt for an unknown role), its comments
/// in `lang`. `today` (YYYY-MM-DD) is the date the commented examples use.
/// Every attribute of every instance is shown, commented out, with an example
/// value, its type and its documentation; removing `// ` declares it.
std::optional<std::string> starterCase(const model::Model& rulebase, std::string_view role, Lang lang,
                                       std::string_view today);

/// The title the starting case of `role` gives its case.
std::string starterTitle(std::string_view role, Lang lang);

}  // namespace samsvar
