#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "base/time.hpp"

namespace warroom {

// Local civil time in some zone, to the microsecond.
using LocalTime = std::chrono::local_time<Duration>;

// A time zone as the domain needs it: business hours are evaluated in the
// zone their configuration names. The tz database adapter lives outside the
// pure core (config/); UTC and fixed offsets are here for tests and defaults.
class TimeZone {
 public:
  virtual ~TimeZone() = default;
  virtual std::string Name() const = 0;
  virtual LocalTime ToLocal(TimePoint utc) const = 0;
  // A local time that does not exist (a DST gap) or exists twice maps to the
  // earliest UTC instant at or after it.
  virtual TimePoint ToUtc(LocalTime local) const = 0;
};

class FixedOffsetZone final : public TimeZone {
 public:
  explicit FixedOffsetZone(std::string name = "UTC", std::chrono::minutes offset = {})
      : name_(std::move(name)), offset_(offset) {}
  std::string Name() const override { return name_; }
  LocalTime ToLocal(TimePoint utc) const override {
    return LocalTime((utc + offset_).time_since_epoch());
  }
  TimePoint ToUtc(LocalTime local) const override {
    return TimePoint(local.time_since_epoch()) - offset_;
  }

 private:
  std::string name_;
  std::chrono::minutes offset_;
};

}  // namespace warroom
