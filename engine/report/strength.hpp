// The four strengths of a rule, as the check report names them and as
// `explain` describes them: one table for both.
#pragma once

#include "core/ast.hpp"
#include "core/text.hpp"

namespace samsvar {

/// "må", "skal", "bør", "kan": the keyword of the rule language, in every language.
const char* strengthName(ast::Strength s);

/// What a strength obliges a case to, e.g. for skal: "must be followed; a
/// deviation needs a written reason (special circumstances)".
const Bilingual& strengthMeaning(ast::Strength s);

}  // namespace samsvar
