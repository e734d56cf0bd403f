// Golden tests of bad input: every tests/bad/NAME.rules or NAME.case has a
// NAME.expected holding the exact first line of its English diagnostics, with
// the file shown as just NAME.rules. Set SAMSVAR_UPDATE_GOLDEN=1 to rewrite the
// .expected files from the current output (then review the diff).
//
// To extend the corpus to semantic errors, make diagnosticsFor() also run
// semantic analysis after a successful parse.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "grammar/parse.hpp"

using namespace samsvar;
namespace fs = std::filesystem;

namespace {

fs::path badDir() { return fs::path(SAMSVAR_SOURCE_DIR) / "tests" / "bad"; }

std::string readFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

/// Parses `file` under the name `displayName` and returns all diagnostics
/// rendered in `lang` (empty when the file is fine).
std::string diagnosticsFor(const fs::path& file, const std::string& displayName,
                           Lang lang = Lang::en) {
  SourceManager sm;
  Diagnostics diags;
  auto id = sm.add(displayName, readFile(file));
  auto parsed = parseFile(sm, id, diags);
  (void)parsed;
  return renderAll(sm, diags, lang);
}

std::vector<fs::path> badFiles() {
  std::vector<fs::path> files;
  if (!fs::is_directory(badDir())) return files;
  for (const auto& e : fs::directory_iterator(badDir())) {
    auto ext = e.path().extension();
    if (ext == ".rules" || ext == ".case") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::string firstLine(const std::string& s) { return s.substr(0, s.find('\n')); }

}  // namespace

TEST(BadInputTest, CorpusIsLargeEnough) { EXPECT_GE(badFiles().size(), 30u); }

TEST(BadInputTest, FirstDiagnosticMatchesExpected) {
  const bool update = std::getenv("SAMSVAR_UPDATE_GOLDEN") != nullptr;
  for (const auto& file : badFiles()) {
    SCOPED_TRACE(file.filename().string());
    std::string output = diagnosticsFor(file, file.filename().string());
    fs::path expectedPath = file;
    expectedPath.replace_extension(".expected");
    if (update) {
      std::ofstream(expectedPath, std::ios::binary) << firstLine(output) << "\n";
      continue;
    }
    ASSERT_TRUE(fs::exists(expectedPath)) << "missing " << expectedPath.filename();
    std::string expected = firstLine(readFile(expectedPath));
    EXPECT_FALSE(output.empty()) << "no diagnostics for a bad file";
    EXPECT_EQ(firstLine(output), expected) << "full output:\n" << output;
    // The Norwegian rendering has the same location.
    std::string nb = firstLine(diagnosticsFor(file, file.filename().string(), Lang::nb));
    EXPECT_EQ(nb.substr(0, nb.find(": error:")), expected.substr(0, expected.find(": error:")));
  }
}

TEST(BadInputTest, EveryExpectedFileHasAnInput) {
  if (!fs::is_directory(badDir())) return;
  for (const auto& e : fs::directory_iterator(badDir())) {
    if (e.path().extension() != ".expected") continue;
    auto stem = e.path();
    bool hasInput = fs::exists(fs::path(stem).replace_extension(".rules")) ||
                    fs::exists(fs::path(stem).replace_extension(".case"));
    EXPECT_TRUE(hasInput) << e.path().filename() << " has no .rules or .case";
  }
}
