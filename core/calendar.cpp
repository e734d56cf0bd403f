#include "core/calendar.hpp"

#include <chrono>
#include <cstdio>

namespace samsvar::calendar {

using namespace std::chrono;

std::optional<std::int64_t> dayNumber(int y, int m, int d) {
  if (m < 1 || m > 12 || d < 1 || d > 31) return std::nullopt;
  year_month_day ymd{year{y}, month{static_cast<unsigned>(m)}, day{static_cast<unsigned>(d)}};
  if (!ymd.ok()) return std::nullopt;
  return sys_days{ymd}.time_since_epoch().count();
}

std::optional<std::int64_t> parseIsoDate(const std::string& t) {
  auto digits = [&](std::size_t at, std::size_t n) {
    int v = 0;
    for (std::size_t i = at; i < at + n; ++i) {
      if (t[i] < '0' || t[i] > '9') return -1;
      v = v * 10 + (t[i] - '0');
    }
    return v;
  };
  if (t.size() != 10 || t[4] != '-' || t[7] != '-') return std::nullopt;
  int y = digits(0, 4), mo = digits(5, 2), d = digits(8, 2);
  if (y < kMinYear || y > kMaxYear || mo < 0 || d < 0) return std::nullopt;
  return dayNumber(y, mo, d);
}

std::optional<Period> monthPeriod(int y, int m) {
  if (y < kMinYear || y > kMaxYear || m < 1 || m > 12) return std::nullopt;
  auto first = dayNumber(y, m, 1);
  auto last = year_month_day_last{year{y}, month_day_last{month{static_cast<unsigned>(m)}}};
  return Period{*first, sys_days{last}.time_since_epoch().count()};
}

std::optional<Period> halfYearPeriod(int y, int half) {
  if (y < kMinYear || y > kMaxYear || (half != 1 && half != 2)) return std::nullopt;
  return half == 1 ? Period{*dayNumber(y, 1, 1), *dayNumber(y, 6, 30)} : Period{*dayNumber(y, 7, 1), *dayNumber(y, 12, 31)};
}

std::optional<Period> yearPeriod(int y) {
  if (y < kMinYear || y > kMaxYear) return std::nullopt;
  return Period{*dayNumber(y, 1, 1), *dayNumber(y, 12, 31)};
}

Civil civil(std::int64_t n) {
  year_month_day ymd{sys_days{days{n}}};
  return Civil{static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
               static_cast<int>(static_cast<unsigned>(ymd.day()))};
}

std::int64_t today() {
  return std::chrono::floor<days>(std::chrono::system_clock::now()).time_since_epoch().count();
}

std::string isoDate(std::int64_t n) {
  year_month_day ymd{sys_days{days{n}}};
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return buf;
}

std::int64_t addMonths(std::int64_t n, std::int64_t k) {
  year_month_day ymd{sys_days{days{n}}};
  year_month ym = year_month{ymd.year(), ymd.month()} + months{k};
  auto last = year_month_day_last{ym.year(), month_day_last{ym.month()}}.day();
  day d = ymd.day() <= last ? ymd.day() : last;
  return sys_days{year_month_day{ym.year(), ym.month(), d}}.time_since_epoch().count();
}

}  // namespace samsvar::calendar
