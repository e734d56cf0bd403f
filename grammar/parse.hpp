// The one entry point of the grammar. No Boost in this header.
#pragma once

#include <optional>

#include "core/ast.hpp"
#include "core/diagnostic.hpp"
#include "core/source.hpp"

namespace samsvar {

/// Parses the file `fileId` of `sm`. On success returns the AST; on failure
/// returns nullopt and appends at least one error (with a location) to
/// `diags`. Never throws for bad input (a bug in the parser throws
/// InternalError), never overflows the stack (nesting and path length are
/// limited), rejects invalid UTF-8 and control characters with a located
/// error, and never echoes a file that does not begin like a samsvar file.
std::optional<ast::File> parseFile(const SourceManager& sm, std::uint32_t fileId,
                                   Diagnostics& diags);

/// Maximum nesting depth of expressions accepted by the parser.
inline constexpr int kMaxNesting = 256;

}  // namespace samsvar
