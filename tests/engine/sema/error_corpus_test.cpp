// Golden tests of every diagnostic of parsing and semantic analysis, whole
// and in both languages. Each folder under tests/engine/sema/errors/ is one
// run: its .rules files are the rule modules, its .case files are analysed
// against them (a file named as_module.* joins the modules and as_case.*
// the cases, whatever its kind, to provoke the mix-ups). The folder's
// expected.txt holds every diagnostic rendered in English, then in Norwegian,
// with the files shown by name only. Set SAMSVAR_UPDATE_GOLDEN=1 to rewrite
// the expected files from the current output (then review the diff).
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "engine/sema/sema.hpp"
#include "grammar/parse.hpp"

using namespace samsvar;
namespace fs = std::filesystem;

namespace {

fs::path corpusDir() { return fs::path(SAMSVAR_SOURCE_DIR) / "tests" / "engine" / "sema" / "errors"; }

std::string readFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

bool startsWith(const std::string& s, const std::string& prefix) { return s.compare(0, prefix.size(), prefix) == 0; }

/// Parses and analyses the files of one folder, as the lint command does,
/// and renders all diagnostics in English and in Norwegian.
std::string diagnosticsOf(const fs::path& dir) {
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().extension() == ".rules" || e.path().extension() == ".case") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  SourceManager sm;
  Diagnostics diags;
  std::vector<ast::File> modules, cases;
  bool parsed = true;
  for (const auto& f : files) {
    const std::string name = f.filename().string();
    auto file = parseFile(sm, sm.add(name, readFile(f)), diags);
    if (!file) {
      parsed = false;
      continue;
    }
    bool isCase = startsWith(name, "as_case") || (f.extension() == ".case" && !startsWith(name, "as_module"));
    (isCase ? cases : modules).push_back(std::move(*file));
  }
  if (parsed) {
    if (auto rulebase = analyzeModules(sm, modules, diags))
      for (const auto& c : cases) analyzeCase(*rulebase, sm, c, diags);
  }
  diags.sort();
  return "== en\n" + renderAll(sm, diags, Lang::en) + "== nb\n" + renderAll(sm, diags, Lang::nb);
}

std::vector<fs::path> corpus() {
  std::vector<fs::path> dirs;
  for (const auto& e : fs::directory_iterator(corpusDir()))
    if (e.is_directory()) dirs.push_back(e.path());
  std::sort(dirs.begin(), dirs.end());
  return dirs;
}

}  // namespace

TEST(ErrorCorpus, EveryDiagnosticInBothLanguages) {
  const bool update = std::getenv("SAMSVAR_UPDATE_GOLDEN") != nullptr;
  const auto dirs = corpus();
  ASSERT_FALSE(dirs.empty());
  for (const auto& dir : dirs) {
    SCOPED_TRACE(dir.filename().string());
    std::string output = diagnosticsOf(dir);
    fs::path expectedPath = dir / "expected.txt";
    if (update) {
      std::ofstream(expectedPath, std::ios::binary) << output;
      continue;
    }
    ASSERT_TRUE(fs::exists(expectedPath)) << "missing " << expectedPath << "; output was:\n" << output;
    EXPECT_EQ(output, readFile(expectedPath));
  }
}

// Every folder provokes errors: a folder that analyses cleanly tests nothing.
TEST(ErrorCorpus, EveryFolderHasErrors) {
  for (const auto& dir : corpus())
    EXPECT_NE(readFile(dir / "expected.txt").find("error:"), std::string::npos) << dir.filename();
}
