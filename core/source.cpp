#include "core/source.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <mutex>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/messages.hpp"

namespace samsvar {

std::uint32_t SourceManager::add(std::string name, std::string text) {
  File f;
  f.name = std::move(name);
  if (text.compare(0, 3, "\xEF\xBB\xBF") == 0) text.erase(0, 3);
  for (std::size_t i = text.find('\r'); i != std::string::npos; i = text.find('\r', i + 1))
    if (i + 1 == text.size() || text[i + 1] != '\n') text[i] = '\n';
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

bool SourceManager::load(const std::string& path, std::uint32_t& id, Bilingual& error, const std::string& shownAs) {
  const std::uintmax_t maxBytes = maxFileBytes_;
  const std::string shown = "`" + escapeControls(shownAs.empty() ? path : shownAs) + "`";
  // O_NONBLOCK: opening a FIFO must not wait for a writer; fstat then tells
  // what was opened, so a path swapped between a check and the open is
  // still refused.
  int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
  if (fd < 0) {
    int err = errno;
    if (err == ENOENT || err == ENOTDIR)
      error = phrase(Phrase::fileNotFound, {{"path", shown}});
    else if (err == EACCES || err == EPERM)
      error = phrase(Phrase::fileNoPermission, {{"path", shown}});
    else
      error = phrase(Phrase::fileCannotOpen, {{"path", shown}, {"reason", std::strerror(err)}});
    return false;
  }
  struct Closer {
    int fd;
    ~Closer() { ::close(fd); }
  } closer{fd};
  struct stat st{};
  if (::fstat(fd, &st) != 0) {
    error = phrase(Phrase::fileCannotStat, {{"path", shown}});
    return false;
  }
  if (S_ISDIR(st.st_mode)) {
    error = phrase(Phrase::fileIsDirectory, {{"path", shown}});
    return false;
  }
  if (!S_ISREG(st.st_mode)) {
    error = phrase(Phrase::fileNotRegular, {{"path", shown}});
    return false;
  }
  const std::string limit = maxBytes % (1u << 20) == 0 ? std::to_string(maxBytes >> 20) + " MiB"
                                                      : std::to_string(maxBytes) + " bytes";
  auto tooLarge = [&] {
    error = phrase(Phrase::fileTooLarge, {{"path", shown}, {"limit", limit}});
    return false;
  };
  if (static_cast<std::uintmax_t>(st.st_size) > maxBytes) return tooLarge();
  // Read to the end rather than trusting st_size: files under /proc report 0.
  std::string text;
  char buf[1 << 16];
  while (true) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      const int err = errno;
      error = phrase(Phrase::fileReadFailed, {{"path", shown}, {"reason", std::strerror(err)}});
      return false;
    }
    if (n == 0) break;
    if (text.size() + static_cast<std::size_t>(n) > maxBytes) return tooLarge();
    text.append(buf, static_cast<std::size_t>(n));
  }
  id = add(path, std::move(text));
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
    // Eight ASCII bytes at a time: nearly all of a samsvar file.
    while (i + 8 <= n) {
      std::uint64_t word;
      std::memcpy(&word, s.data() + i, 8);
      if (word & 0x8080808080808080ULL) break;
      i += 8;
    }
    if (i >= n) break;
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
