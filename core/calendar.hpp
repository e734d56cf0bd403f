// Calendar arithmetic on day numbers (days since 1970-01-01), built on
// std::chrono's civil calendar.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace samsvar::calendar {

/// Day number of a civil date, or nullopt when the date does not exist.
std::optional<std::int64_t> dayNumber(int year, int month, int day);

/// ISO text (YYYY-MM-DD) of a day number.
std::string isoDate(std::int64_t dayNumber);

/// The day number of ISO text `YYYY-MM-DD` (a real date in the supported
/// years), or nullopt.
std::optional<std::int64_t> parseIsoDate(const std::string& text);

/// The first and last day of a period coarser than a day.
struct Period {
  std::int64_t first = 0;
  std::int64_t last = 0;
};
/// A month (`2021-02`): its first to its last day; nullopt when the month is
/// not 1–12 or the year is outside kMinYear–kMaxYear.
std::optional<Period> monthPeriod(int year, int month);
/// A half-year (`2021-H1`: 1 January–30 June, `2021-H2`: 1 July–31 December).
std::optional<Period> halfYearPeriod(int year, int half);
/// A year (`2024`): 1 January–31 December.
std::optional<Period> yearPeriod(int year);
/// Year, month (1–12) and day (1–31) of a day number.
struct Civil {
  int year = 0;
  int month = 0;
  int day = 0;
};
Civil civil(std::int64_t dayNumber);

/// Today's day number by the system clock (UTC).
std::int64_t today();

/// `date + months` as Norwegian law counts month deadlines (domstolloven
/// § 148): the same day number in the target month, or the last day of that
/// month when the day does not exist. Negative months count backwards.
std::int64_t addMonths(std::int64_t dayNumber, std::int64_t months);

/// The years a date may have, declared or unknown. In this range a year is a
/// leap year exactly when 4 divides it, which keeps the solver's month
/// arithmetic on unknown dates linear and fast (engine/smt/z3/lower.cpp).
inline constexpr int kMinYear = 1901;
inline constexpr int kMaxYear = 2099;

}  // namespace samsvar::calendar
