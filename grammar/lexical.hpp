// The language's character classes, once, for the lexical pre-check
// (scan.cpp) and the X3 grammar (x3/config.hpp). Bytes, not code points:
// every byte of a multi-byte UTF-8 sequence counts as an identifier
// character, so æ, ø and å work in names.
#pragma once

namespace samsvar::lexical {

constexpr bool isIdentStart(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
}
constexpr bool isIdentChar(unsigned char c) { return isIdentStart(c) || (c >= '0' && c <= '9'); }
constexpr bool isDigit(unsigned char c) { return c >= '0' && c <= '9'; }
constexpr bool isSpace(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}
constexpr bool isStringChar(unsigned char c) { return c != '"' && c != '\\' && c != '\n'; }

}  // namespace samsvar::lexical
