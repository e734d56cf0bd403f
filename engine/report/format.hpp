// The formats of the check report and how a batch of cases is put together
// in each: text and JSON (report.hpp), SARIF for code-scanning tools, JUnit
// for CI test views, and one self-contained HTML page (html.hpp).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/report/report.hpp"

namespace samsvar {

enum class ReportFormat { text, json, sarif, junit, html };

/// The `--format` values, in the order `--help` lists them.
const std::vector<std::string>& reportFormatNames();
/// The format named `name` ("text", "json", "sarif", "junit", "html").
std::optional<ReportFormat> reportFormatByName(std::string_view name);

/// What a batch writes around and between the reports of its cases: text
/// reports apart by a blank line, JSON one object per line, and one SARIF
/// log, JUnit document or HTML page that holds every case.
struct ReportFrame {
  std::string begin;      // before the first case
  std::string separator;  // between two cases
  std::string end;        // after the last case
};
/// The frame of `cases` reports in `format`.
ReportFrame reportFrame(ReportFormat format, std::size_t cases, Lang lang);

/// One case's report in `format`, the part of it that goes inside the frame.
/// Text from the input never reaches a terminal or a document unescaped.
std::string renderReport(ReportFormat format, const ReportInput& in, std::size_t cases);

}  // namespace samsvar
