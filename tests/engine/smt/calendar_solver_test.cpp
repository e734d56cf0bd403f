// The solver's month arithmetic on unknown dates against the exact calendar
// (core/calendar.cpp): for each declared date b and month count k, the rule
// `x.a + k months != x.b` with x.a unknown is satisfied exactly when no date a
// has a + k months = b, and a gap otherwise.
#include <gtest/gtest.h>

#include "core/calendar.hpp"
#include "harness.hpp"

using namespace samsvar;
using namespace samsvar::testing;

namespace {

const std::vector<int> kMonths = {1, 3, -1, 12, -13, 25};

std::string ruleId(int k) { return k < 0 ? "M-MINUS" + std::to_string(-k) : "M" + std::to_string(k); }

std::string module() {
  std::string m = "module cal \"calendar\"\ntype D { a: date  b: date }\n";
  for (int k : kMonths) {
    m += "rule " + ruleId(k) + " skal\n  title nb \"t\" en \"t\"\n  source \"none\"\n  for x: D\n";
    m += "  require x.a " + std::string(k < 0 ? "-" : "+") + " " + std::to_string(k < 0 ? -k : k) +
         " months != x.b\n";
  }
  return m;
}

bool reachable(std::int64_t b, int k) {
  const std::int64_t lo = *calendar::dayNumber(calendar::kMinYear, 1, 1);
  const std::int64_t hi = *calendar::dayNumber(calendar::kMaxYear, 12, 31);
  const std::int64_t span = 31 * (std::abs(k) + 1);
  for (std::int64_t a = std::max(lo, b - span); a <= std::min(hi, b + span); ++a)
    if (calendar::addMonths(a, k) == b) return true;
  return false;
}

TEST(CalendarSolver, MonthShiftOfAnUnknownDateMatchesTheCalendar) {
  std::vector<std::int64_t> dates;
  // Month ends around two leap days, a century leap year and the range's edges.
  for (auto [y, m] : std::vector<std::pair<int, int>>{{2024, 1}, {2024, 2}, {2024, 3}, {2023, 2}, {2023, 3},
                                                      {2000, 2}, {2000, 3}, {2025, 1}, {2099, 12}, {1901, 1}})
    for (int d = 1; d <= 31; ++d)
      if (auto n = calendar::dayNumber(y, m, d); n && (d <= 3 || d >= 26)) dates.push_back(*n);
  std::string body = "case \"c\" uses cal\n";
  for (std::size_t i = 0; i < dates.size(); ++i)
    body += "d" + std::to_string(i) + ": D { b = " + calendar::isoDate(dates[i]) + " }\n";
  CheckOptions opt;
  opt.explain = false;  // verdicts only: explanations are tested elsewhere
  auto run = runTexts({{"cal.rules", module()}}, body, opt);
  ASSERT_TRUE(run.checked) << run.errors();
  for (int k : kMonths)
    for (std::size_t i = 0; i < dates.size(); ++i) {
      Verdict expected = reachable(dates[i], k) ? Verdict::gap : Verdict::satisfied;
      EXPECT_EQ(run.verdictsFor(ruleId(k), "d" + std::to_string(i)), std::vector<Verdict>{expected})
          << calendar::isoDate(dates[i]) << " with " << k << " months";
    }
}

}  // namespace
