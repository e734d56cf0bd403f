// The only translation unit that compiles the grammar's rule definitions.
// The instantiation types must be exactly those of the call site (parse.cpp):
// std::string::const_iterator and context_type from x3_config.hpp.
#include "grammar/x3/grammar_def.hpp"

namespace samsvar::grammar {

BOOST_SPIRIT_INSTANTIATE(header_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(declaration_type, iterator_type, context_type)

header_type const& header() { return header_rule; }
declaration_type const& declaration() { return declaration_rule; }

}  // namespace samsvar::grammar
