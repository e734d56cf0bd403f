// The check report as JUnit XML, the test report every CI system shows: one
// test suite per case, one test case per rule and binding. A test case fails
// exactly when its finding makes `samsvar check` fail (a violated må/skal
// rule; with --strict also an open or undecided one), so the CI's test view
// and the exit code agree; what asks for attention without failing (a gap, a
// broken bør or kan rule, an undecided rule) is skipped with the reason, and
// a satisfied rule, a deviation or an exemption passes. Rules that do not
// apply to the case are counted, not listed.
#pragma once

#include <string>

#include "engine/report/report.hpp"

namespace samsvar {

/// One case as a `<testsuite>` element (indented to sit in `<testsuites>`).
std::string renderJunitSuite(const ReportInput& in);

/// A whole JUnit document of one case.
std::string renderJunit(const ReportInput& in);

/// The parts of a JUnit document around its suites (see ReportFrame).
std::string junitBegin();
std::string junitEnd();

/// `text` for XML content and attribute values: markup characters as
/// entities, control characters (which XML 1.0 cannot carry) as visible
/// control pictures.
std::string xmlEscape(const std::string& text);

}  // namespace samsvar
