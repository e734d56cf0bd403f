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

/// `date + months` as Norwegian law counts month deadlines (domstolloven
/// § 148): the same day number in the target month, or the last day of that
/// month when the day does not exist. Negative months count backwards.
std::int64_t addMonths(std::int64_t dayNumber, std::int64_t months);

/// The range of dates the solver considers for symbolic month arithmetic.
inline constexpr int kMinYear = 1900;
inline constexpr int kMaxYear = 2200;

}  // namespace samsvar::calendar
