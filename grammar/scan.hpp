// Lexical helpers of the parser driver (no X3): the lexical pre-check that
// runs before the grammar, token boundaries for error underlines, and the
// search for the next declaration after a syntax error. Private to grammar/.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/diagnostic.hpp"

namespace samsvar::scan {

/// First offset at or after `pos` that is neither whitespace nor inside a
/// comment (text.size() at the end, or at an unterminated block comment's end).
std::size_t skipTrivia(std::string_view text, std::size_t pos);

/// End of the token starting at `pos` (a name, a number or date, a string on
/// one line, an operator); `pos` itself at the end of the text.
std::size_t tokenEnd(std::string_view text, std::size_t pos);

/// End of the last token that ends at or before `limit`, lexing from `from`
/// (a token boundary); `from` if there is none.
std::size_t lastTokenEnd(std::string_view text, std::size_t from, std::size_t limit);

/// Reports unterminated strings, invalid escapes, unterminated block
/// comments, control characters and dates not written YYYY-MM-DD. Returns false if it found any; the grammar then does not run
/// (these errors would only make it report something confusing).
bool checkLexical(std::string_view text, std::uint32_t fileId, Diagnostics& diags);

/// Where parsing resumes after a declaration that starts at `declStart`
/// failed at `errorPos`: the first token at or after `errorPos` (and after
/// `declStart`) that begins a line and begins a declaration (see
/// startsDeclaration); an instance only outside any braces the failed
/// declaration opened.
/// text.size() if there is none.
std::size_t recoveryPoint(std::string_view text, std::size_t declStart, std::size_t errorPos);

/// True if the token at `pos` begins a declaration: `rule`, `type`, `enum`,
/// `deviation` or `exemption` followed by a name, or `NAME : TYPE {`.
bool startsDeclaration(std::string_view text, std::size_t pos);

/// The reserved words: keywords that cannot be names. Contextual keywords
/// (title, message, source, section, quote, nb, en, because, basis, the
/// strength and unit words) are not reserved.
const std::array<std::string_view, 24>& reservedWords();

/// True if `word` is reserved (not usable as a name).
bool isReserved(std::string_view word);

}  // namespace samsvar::scan
