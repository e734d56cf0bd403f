// Where a user of the page starts: a role, a template for it, or a bundled
// example (the examples/ of the source tree, embedded in the binary).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace samsvar::serve {

/// A case text the page can open.
struct Start {
  std::string role;    // "procurer", "directorate", "vendor"
  std::string name;    // "procurer/kritisk-info-helseforetak.case"
  std::string text;
  std::string title;   // the case's title
  std::string tender;  // an offer: the name of the tender it answers; else empty
};

/// The roles, in the order the page offers them.
const std::vector<std::string>& roles();

/// The bundled examples, by name.
const std::vector<Start>& examples();
/// The example named `name`, or nullptr.
const Start* exampleNamed(std::string_view name);

/// One template per role: what a new case of that role starts from. The one
/// place the page's templates come from (today a bundled example of the
/// role; `samsvar init`'s generator can take its place).
std::vector<Start> templates();

}  // namespace samsvar::serve

namespace samsvar::serve::embedded {
/// The embedded examples/ (cmake/embed.cmake).
std::string_view exampleFile(std::string_view path);
std::vector<std::string_view> exampleFile_paths();
/// The embedded page (engine/serve/assets/).
std::string_view pageAsset(std::string_view path);
std::vector<std::string_view> pageAsset_paths();
}  // namespace samsvar::serve::embedded
