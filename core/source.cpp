#include "core/source.hpp"

#include <algorithm>
#include <cstring>
#include <mutex>
#include <fstream>
#include <sstream>

namespace samsvar {

std::uint32_t SourceManager::add(std::string name, std::string text) {
  File f;
  f.name = std::move(name);
  f.text = std::move(text);
  f.lineStarts.push_back(0);
  const char* begin = f.text.data();
  const char* end = begin + f.text.size();
  for (const char* p = begin; (p = static_cast<const char*>(std::memchr(p, '\n', end - p))); ++p)
    f.lineStarts.push_back(static_cast<std::uint32_t>(p - begin + 1));
  std::unique_lock<std::shared_mutex> lock(*mu_);
  files_.push_back(std::move(f));
  return static_cast<std::uint32_t>(files_.size() - 1);
}

bool SourceManager::load(const std::string& path, std::uint32_t& id, std::string& error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = "cannot open file";
    return false;
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) {
    error = "cannot read file";
    return false;
  }
  id = add(path, ss.str());
  return true;
}

std::uint32_t SourceManager::lineStart(std::uint32_t file, std::uint32_t offset) const {
  const auto& starts = get(file).lineStarts;
  auto it = std::upper_bound(starts.begin(), starts.end(), offset);
  return *(it - 1);
}

LineCol SourceManager::lineCol(std::uint32_t file, std::uint32_t offset) const {
  const auto& f = get(file);
  offset = std::min<std::uint32_t>(offset, static_cast<std::uint32_t>(f.text.size()));
  auto it = std::upper_bound(f.lineStarts.begin(), f.lineStarts.end(), offset);
  auto line = static_cast<std::uint32_t>(it - f.lineStarts.begin());
  std::uint32_t start = *(it - 1);
  std::string_view prefix(f.text.data() + start, offset - start);
  return {line, countCodePoints(prefix) + 1};
}

std::string_view SourceManager::lineText(std::uint32_t file, std::uint32_t offset) const {
  const auto& f = get(file);
  offset = std::min<std::uint32_t>(offset, static_cast<std::uint32_t>(f.text.size()));
  std::uint32_t start = lineStart(file, offset);
  std::size_t end = f.text.find('\n', start);
  if (end == std::string::npos) end = f.text.size();
  std::string_view line(f.text.data() + start, end - start);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

std::string_view SourceManager::slice(const Span& span) const {
  const auto& t = get(span.file).text;
  std::uint32_t b = std::min<std::uint32_t>(span.begin, static_cast<std::uint32_t>(t.size()));
  std::uint32_t e = std::min<std::uint32_t>(span.end, static_cast<std::uint32_t>(t.size()));
  return std::string_view(t.data() + b, e > b ? e - b : 0);
}

std::string SourceManager::location(const Span& span) const {
  auto lc = lineCol(span.file, span.begin);
  return name(span.file) + ":" + std::to_string(lc.line) + ":" + std::to_string(lc.column);
}

std::uint32_t countCodePoints(std::string_view text) {
  std::uint32_t n = 0;
  for (unsigned char c : text)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

std::size_t findInvalidUtf8(std::string_view s) {
  std::size_t i = 0;
  const std::size_t n = s.size();
  while (i < n) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t len;
    std::uint32_t cp;
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
      cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      cp = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      cp = c & 0x07;
    } else {
      return i;
    }
    if (i + len > n) return i;
    for (std::size_t k = 1; k < len; ++k) {
      auto cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return i;
      cp = (cp << 6) | (cc & 0x3F);
    }
    // Overlong forms, surrogates and values above U+10FFFF are invalid.
    if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
        (cp >= 0xD800 && cp <= 0xDFFF))
      return i;
    i += len;
  }
  return std::string_view::npos;
}

}  // namespace samsvar
