#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include "base/result.hpp"

namespace warroom {

// All timestamps are UTC with microsecond resolution; they are stored as
// integer microseconds since the Unix epoch.
using Duration = std::chrono::microseconds;
using TimePoint = std::chrono::sys_time<Duration>;

inline std::int64_t ToMicros(TimePoint t) { return t.time_since_epoch().count(); }
inline TimePoint FromMicros(std::int64_t us) { return TimePoint(Duration(us)); }

// RFC 3339 in UTC: "2026-02-12T14:23:00Z" (fractional seconds only when non-zero).
std::string FormatTime(TimePoint t);

// Parses RFC 3339 / ISO 8601 date-times: "2026-02-12T14:23:00Z",
// "2026-02-12T14:23:00.5+05:30", "2026-02-12 14:23Z". A time without an offset
// is rejected: an incident timeline must never guess a time zone.
Result<TimePoint> ParseTime(std::string_view text);

// "14:45 UTC", as the spec's messages print times.
std::string FormatClockTime(TimePoint t);

// "2026-02-12", the UTC date of `t`.
std::string FormatDate(TimePoint t);

// Parses a calendar date "2026-02-12" (exactly that form, a real day) into
// its first instant, midnight UTC.
Result<TimePoint> ParseDate(std::string_view text);

// Parses a duration such as "30m", "1h30m", "2h", "90s", "3d", "2w", "500ms".
// At most 100 years (36525 days).
Result<Duration> ParseDuration(std::string_view text);

// "1h37m", "22m", "3d4h", "45s", "1s500ms": compact, exact to the
// millisecond, and read back by ParseDuration to the same value.
std::string FormatDuration(Duration d);

// "1 hour 37 minutes", "2 hours 37 minutes", "22 minutes": the spec's words.
std::string FormatDurationWords(Duration d);

}  // namespace warroom
