#include "ingest/alert_times.hpp"

namespace warroom::ingest {

namespace {
constexpr auto kMaxSkew = std::chrono::seconds(60);
TimePoint Earliest() { return std::chrono::sys_days{std::chrono::year{2000} / 1 / 1}; }
TimePoint Latest() { return std::chrono::sys_days{std::chrono::year{2100} / 1 / 1}; }
}  // namespace

TimePoint BoundedStart(TimePoint start, TimePoint now) {
  if (start < Earliest() || start > now + kMaxSkew) return now;
  return start;
}

std::optional<TimePoint> BoundedEnd(TimePoint end) {
  if (end < Earliest() || end >= Latest()) return std::nullopt;
  return end;
}

}  // namespace warroom::ingest
