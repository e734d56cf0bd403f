// Where a user of the page starts: a role, a template for it, or a bundled
// example (the examples/ of the source tree, embedded in the binary).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/text.hpp"
#include "engine/sema/model.hpp"

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

/// One template per role, named `templates/ROLE.case`: what a new case of
/// that role starts from, written by `samsvar init`'s generator from the
/// rulebase's vocabulary (comments in `lang`, example dates near `today`).
std::vector<Start> templates(const model::Model& rulebase, Lang lang, std::string_view today);
/// The template named `name`, or nullopt.
std::optional<Start> templateNamed(const model::Model& rulebase, std::string_view name, Lang lang,
                                   std::string_view today);

}  // namespace samsvar::serve

namespace samsvar::serve::embedded {
/// The embedded examples/ (cmake/embed.cmake).
std::string_view exampleFile(std::string_view path);
std::vector<std::string_view> exampleFile_paths();
/// The embedded page (engine/serve/assets/).
std::string_view pageAsset(std::string_view path);
std::vector<std::string_view> pageAsset_paths();
}  // namespace samsvar::serve::embedded
