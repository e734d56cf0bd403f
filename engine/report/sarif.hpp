// The check report as SARIF 2.1.0, the format code-scanning tools read
// (GitHub, GitLab, Azure DevOps, IDE viewers): one run per case, its rules
// with their titles, strengths and sources, and one result per finding that
// asks for attention, located on the lines of the case.
#pragma once

#include <string>

#include "engine/report/report.hpp"

namespace samsvar {

/// The `$schema` of a SARIF 2.1.0 log (OASIS, errata 01).
inline constexpr const char* kSarifSchemaUri =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

/// One case as a SARIF `run` object: pretty JSON indented to sit inside the
/// log's `runs`, without a trailing newline.
/// Levels: a violated må/skal rule is `error`, a violated bør rule
/// `warning`, a violated kan rule `note`; an open (gap) or undecided må/skal
/// rule is `warning`, any other `note`; a deviation or exemption keeps the
/// level of what it covers and is marked as an accepted in-source suppression.
std::string renderSarifRun(const ReportInput& in);

/// A whole SARIF log of one case.
std::string renderSarif(const ReportInput& in);

/// The parts of a SARIF log around its runs (see ReportFrame).
std::string sarifLogBegin();
std::string sarifLogEnd();

}  // namespace samsvar
