// The bundled example cases, as tests walk them.
#pragma once

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "harness.hpp"

namespace samsvar::testing {

/// Every `examples/**/*.case`, relative to the source folder, sorted.
inline std::vector<std::string> exampleCasePaths() {
  namespace fs = std::filesystem;
  std::vector<std::string> out;
  for (auto& e : fs::recursive_directory_iterator(sourcePath("examples")))
    if (e.path().extension() == ".case") out.push_back(fs::relative(e.path(), sourcePath("")).generic_string());
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace samsvar::testing
