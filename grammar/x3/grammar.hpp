// Declarations of the two entry rules of the samsvar grammar (calc9 style:
// declared here, defined in x3_grammar_def.hpp, instantiated once in
// x3_grammar.cpp). Private to grammar/.
#pragma once

#include "grammar/x3/ast.hpp"
#include "grammar/x3/config.hpp"

namespace samsvar::grammar {

struct header_class;
struct declaration_class;

/// `module NAME ["title"] {import NAME}` or `case "title" [uses NAME {, NAME}]`
using header_type = x3::rule<header_class, x3ast::header>;
/// One declaration: enum, type, rule, instance, deviation or exemption.
using declaration_type = x3::rule<declaration_class, x3ast::declaration>;

BOOST_SPIRIT_DECLARE(header_type, declaration_type)

header_type const& header();
declaration_type const& declaration();

}  // namespace samsvar::grammar
