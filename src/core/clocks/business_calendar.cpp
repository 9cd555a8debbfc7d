#include "core/clocks/business_calendar.hpp"

#include <algorithm>

namespace warroom::core {
namespace {

using std::chrono::days;
using std::chrono::local_days;

// A loop guard: no configuration has a year without a working day.
constexpr int kMaxDaysSearched = 400;

}  // namespace

BusinessCalendar::BusinessCalendar(BusinessHours hours, std::shared_ptr<const TimeZone> zone)
    : hours_(std::move(hours)), zone_(std::move(zone)) {}

bool BusinessCalendar::IsWorkingDay(local_days d) const {
  unsigned wd = std::chrono::weekday(d).c_encoding();
  if (std::find(hours_.days.begin(), hours_.days.end(), wd) == hours_.days.end()) return false;
  std::chrono::year_month_day ymd(d);
  return std::find(hours_.holidays.begin(), hours_.holidays.end(), ymd) == hours_.holidays.end();
}

bool BusinessCalendar::IsBusinessTime(TimePoint t) const {
  LocalTime local = zone_->ToLocal(t);
  local_days day = std::chrono::floor<days>(local);
  if (!IsWorkingDay(day)) return false;
  auto tod = local - day;
  return tod >= hours_.start && tod < hours_.end;
}

TimePoint BusinessCalendar::NextBusinessMoment(TimePoint t) const {
  LocalTime local = zone_->ToLocal(t);
  local_days day = std::chrono::floor<days>(local);
  for (int i = 0; i < kMaxDaysSearched; ++i, day += days(1)) {
    if (!IsWorkingDay(day)) continue;
    TimePoint open = zone_->ToUtc(LocalTime(day) + hours_.start);
    TimePoint close = zone_->ToUtc(LocalTime(day) + hours_.end);
    if (t < open) return open;
    if (t < close) return t;
  }
  return t;
}

TimePoint BusinessCalendar::Add(TimePoint start, Duration d, TimeBasis basis) const {
  if (basis == TimeBasis::kWall || d <= Duration::zero()) return start + d;
  if (d % days(1) == Duration::zero()) {
    // Whole days: N working days later at the same local time of day.
    TimePoint from = NextBusinessMoment(start);
    LocalTime local = zone_->ToLocal(from);
    local_days day = std::chrono::floor<days>(local);
    auto tod = local - day;
    auto n = d / days(1);
    for (int i = 0; n > 0 && i < kMaxDaysSearched * 10; ++i) {
      day += days(1);
      if (IsWorkingDay(day)) --n;
    }
    return zone_->ToUtc(LocalTime(day) + tod);
  }
  // Business minutes: consume each working day's window in turn.
  Duration left = d;
  TimePoint t = start;
  for (int i = 0; i < kMaxDaysSearched * 10; ++i) {
    t = NextBusinessMoment(t);
    LocalTime local = zone_->ToLocal(t);
    local_days day = std::chrono::floor<days>(local);
    TimePoint close = zone_->ToUtc(LocalTime(day) + hours_.end);
    Duration room = close - t;
    if (left <= room) return t + left;
    left -= room;
    t = close;
  }
  return t + left;
}

TimePoint BusinessCalendar::CloseOfNextBusinessDay(TimePoint t) const {
  LocalTime local = zone_->ToLocal(t);
  local_days day = std::chrono::floor<days>(local);
  for (int i = 0; i < kMaxDaysSearched; ++i) {
    day += days(1);
    if (IsWorkingDay(day)) break;
  }
  return zone_->ToUtc(LocalTime(day) + hours_.end);
}

}  // namespace warroom::core
