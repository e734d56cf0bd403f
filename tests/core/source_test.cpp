// Why a file cannot be read, in both languages, naming the path.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include <sys/stat.h>
#include <unistd.h>

#include "core/source.hpp"

using namespace samsvar;
namespace fs = std::filesystem;

namespace {

struct TempDir {
  TempDir() {
    path = fs::temp_directory_path() / ("samsvar-source-" + std::to_string(::getpid()));
    fs::create_directories(path);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  fs::path path;
};

Bilingual loadError(const std::string& path, std::uintmax_t maxBytes = SourceManager::kDefaultMaxFileBytes) {
  SourceManager sm;
  std::uint32_t id = 0;
  Bilingual error;
  sm.setMaxFileBytes(maxBytes);
  EXPECT_FALSE(sm.load(path, id, error)) << path;
  EXPECT_EQ(sm.size(), 0u);
  return error;
}

}  // namespace

TEST(SourceLoad, AMissingFile) {
  TempDir dir;
  const std::string p = (dir.path / "nope.case").string();
  Bilingual e = loadError(p);
  EXPECT_EQ(e.en, "cannot find `" + p + "`");
  EXPECT_EQ(e.nb, "finner ikke `" + p + "`");
}

TEST(SourceLoad, ADirectory) {
  TempDir dir;
  const std::string p = dir.path.string();
  Bilingual e = loadError(p);
  EXPECT_EQ(e.en, "`" + p + "` is a directory, not a file");
  EXPECT_EQ(e.nb, "`" + p + "` er en mappe, ikke en fil");
}

TEST(SourceLoad, AFifoIsRefusedWithoutBlocking) {
  TempDir dir;
  const std::string p = (dir.path / "pipe.case").string();
  ASSERT_EQ(::mkfifo(p.c_str(), 0600), 0);
  Bilingual e = loadError(p);
  EXPECT_EQ(e.en, "`" + p + "` is not a regular file (a FIFO, a device or a socket); samsvar reads regular files only");
  EXPECT_EQ(e.nb,
            "`" + p + "` er ikke en vanlig fil (en FIFO, en enhet eller en socket); samsvar leser bare vanlige filer");
}

TEST(SourceLoad, AFileOverTheLimit) {
  TempDir dir;
  const std::string p = (dir.path / "big.case").string();
  std::ofstream(p) << std::string((std::size_t{2} << 20) + 1, 'x');
  Bilingual e = loadError(p, std::uintmax_t{2} << 20);
  EXPECT_EQ(e.en, "`" + p + "` is larger than the limit of 2 MiB");
  EXPECT_EQ(e.nb, "`" + p + "` er større enn grensen på 2 MiB");
}

TEST(SourceLoad, ControlCharactersInThePathAreShownVisibly) {
  Bilingual e = loadError("/nonexistent/\x1b[2Jx.case");
  EXPECT_EQ(e.en, "cannot find `/nonexistent/\u241b[2Jx.case`");
}
