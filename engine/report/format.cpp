#include "engine/report/format.hpp"

#include "engine/report/html.hpp"
#include "engine/report/junit.hpp"
#include "engine/report/sarif.hpp"

namespace samsvar {

namespace {
// Indexed by ReportFormat.
const std::vector<std::string> kNames = {"text", "json", "sarif", "junit", "html"};
}  // namespace

const std::vector<std::string>& reportFormatNames() { return kNames; }

std::optional<ReportFormat> reportFormatByName(std::string_view name) {
  for (std::size_t i = 0; i < kNames.size(); ++i)
    if (kNames[i] == name) return static_cast<ReportFormat>(i);
  return std::nullopt;
}

ReportFrame reportFrame(ReportFormat format, std::size_t cases, Lang lang) {
  switch (format) {
    case ReportFormat::text: return {"", "\n", ""};
    case ReportFormat::json: return {"", "", ""};
    case ReportFormat::sarif: return {sarifLogBegin(), ",\n", sarifLogEnd()};
    case ReportFormat::junit: return {junitBegin(), "", junitEnd()};
    case ReportFormat::html: return {htmlBegin(lang, cases), "", htmlEnd()};
  }
  return {};
}

std::string renderReport(ReportFormat format, const ReportInput& in, std::size_t cases) {
  switch (format) {
    case ReportFormat::text:
      // Text from the case (a title, a deviation's reason) must not drive the
      // terminal; the other formats escape control characters themselves.
      return escapeControls(renderText(in), /*keepNewlines=*/true);
    case ReportFormat::json: return renderJson(in, /*compact=*/cases > 1);
    case ReportFormat::sarif: return renderSarifRun(in);
    case ReportFormat::junit: return renderJunitSuite(in);
    case ReportFormat::html: return renderHtmlSection(in);
  }
  return {};
}

}  // namespace samsvar
