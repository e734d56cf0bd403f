// Source files and positions. Every AST node carries a Span (file id + byte
// offsets); line and column are computed only when a diagnostic is printed.
#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <vector>

#include "core/text.hpp"

namespace samsvar {

/// A byte range [begin, end) inside one source file.
struct Span {
  std::uint32_t file = 0;
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
  bool valid = false;

  static Span of(std::uint32_t file, std::uint32_t begin, std::uint32_t end) {
    return Span{file, begin, end, true};
  }
  /// The smallest span covering both (same file assumed).
  Span to(const Span& other) const {
    if (!valid) return other;
    if (!other.valid) return *this;
    return Span{file, begin < other.begin ? begin : other.begin, end > other.end ? end : other.end,
                true};
  }
};

/// 1-based line and column; the column counts Unicode code points so that
/// æ, ø and å take one column each.
struct LineCol {
  std::uint32_t line = 0;
  std::uint32_t column = 0;
};

/// Owns the text of every loaded file. Safe to add files from one thread
/// while others read (a batch loads cases on every worker); a file's text
/// never moves once added.
class SourceManager {
 public:
  /// Adds a file with the given display name and contents; returns its id.
  /// A UTF-8 byte-order mark is dropped, and a carriage return that does not
  /// end a CRLF pair (old Mac line ends) becomes a line feed, so every later
  /// step sees one convention and locations count lines as an editor does.
  std::uint32_t add(std::string name, std::string text);
  /// Reads a regular file of at most `maxBytes` from disk; returns false and
  /// says why in `error` (nb and en, naming the path) if it cannot. Never
  /// blocks on a FIFO and never reads a device.
  /// `shownAs` names the file in `error` (default: `path`), so messages never
  /// show a path of this machine the user did not write.
  bool load(const std::string& path, std::uint32_t& id, Bilingual& error, const std::string& shownAs = {});
  /// The largest file load() reads (default kDefaultMaxFileBytes).
  void setMaxFileBytes(std::uintmax_t bytes) { maxFileBytes_ = bytes; }

  /// Input files larger than this are refused (64 MiB).
  static constexpr std::uintmax_t kDefaultMaxFileBytes = std::uintmax_t{64} << 20;

  const std::string& name(std::uint32_t file) const { return get(file).name; }
  const std::string& text(std::uint32_t file) const { return get(file).text; }
  std::size_t size() const {
    std::shared_lock<std::shared_mutex> lock(*mu_);
    return files_.size();
  }

  LineCol lineCol(std::uint32_t file, std::uint32_t offset) const;
  /// The full text of the line containing `offset` (without newline).
  std::string_view lineText(std::uint32_t file, std::uint32_t offset) const;
  /// Byte offset where the line containing `offset` starts.
  std::uint32_t lineStart(std::uint32_t file, std::uint32_t offset) const;
  /// The source text a span covers.
  std::string_view slice(const Span& span) const;
  /// "file:line:col"
  std::string location(const Span& span) const;

 private:
  struct File {
    std::string name;
    std::string text;
    std::vector<std::uint32_t> lineStarts;
  };
  const File& get(std::uint32_t file) const {
    std::shared_lock<std::shared_mutex> lock(*mu_);
    return files_.at(file);
  }
  std::deque<File> files_;  // a deque: adding never moves the files already there
  std::unique_ptr<std::shared_mutex> mu_ = std::make_unique<std::shared_mutex>();
  std::uintmax_t maxFileBytes_ = kDefaultMaxFileBytes;
};

/// Number of code points in a UTF-8 byte range (invalid bytes count as one).
std::uint32_t countCodePoints(std::string_view text);

/// Offset of the first invalid UTF-8 byte, or npos when the text is valid.
std::size_t findInvalidUtf8(std::string_view text);

}  // namespace samsvar
