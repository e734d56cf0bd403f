// The check report as HTML: a tree of elements (ReportView) that both the
// `--format html` file and the report pane of `samsvar serve`'s page are
// made of, so the two never disagree. The file is the tree serialised with
// strict escaping under an embedded style sheet; the page receives the tree
// as JSON and builds it with DOM calls that only set text and a fixed set of
// attributes (engine/serve/assets/report_view.js), never parsed HTML.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/report/report.hpp"

namespace samsvar {

/// An element of a report view, or a text node (empty `tag`).
struct ViewNode {
  std::string tag;
  std::vector<std::pair<std::string, std::string>> attrs;
  std::string text;  // a text node's text
  std::vector<ViewNode> children;
};

/// How a report view is made.
struct ViewOptions {
  /// The web page's report: buttons that insert what decides a gap and that
  /// preview and apply the repair (`data-action` attributes the page acts on).
  bool actions = false;
};

/// The tags and attributes a view may hold; the page refuses any other.
const std::vector<std::string_view>& viewTags();
const std::vector<std::string_view>& viewAttributes();

/// One case's report as a view: a header with the case and the summary
/// counts, its findings grouped by verdict and strength (title, message,
/// cited sources, the lines that cause a violation, what decides a gap, the
/// waiver), and the smallest repair. Elements that name a line of a file
/// carry `data-file` and `data-line`.
ViewNode reportView(const ReportInput& in, const ViewOptions& options = {});

/// A view as HTML: text and attribute values escaped, control characters
/// made visible.
std::string viewHtml(const ViewNode& node);
/// A view as JSON for the page: `{"t": tag, "a": {…}, "c": [children]}`,
/// a text node as a string.
std::string viewJson(const ViewNode& node);

/// The style sheet of report views (the file embeds it; the page links it).
std::string_view reportStyleSheet();

/// One case's report as the section of an HTML page.
std::string renderHtmlSection(const ReportInput& in);
/// A whole self-contained HTML page of one case: no script, no external
/// asset, readable offline and printable.
std::string renderHtml(const ReportInput& in);
/// The parts of an HTML page around its cases' sections (see ReportFrame).
std::string htmlBegin(Lang lang, std::size_t cases);
std::string htmlEnd();

}  // namespace samsvar

namespace samsvar::embedded {
/// The embedded files of engine/report/html/ (cmake/embed.cmake).
std::string_view reportAsset(std::string_view path);
std::vector<std::string_view> reportAsset_paths();
}  // namespace samsvar::embedded
