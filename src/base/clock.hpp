#pragma once

#include <atomic>
#include <memory>
#include <string>

#include "base/time.hpp"

namespace warroom {

// The one way the program reads time. Nothing else reads the wall clock, so a
// test or a drill can run a four-hour P0 on simulated time in milliseconds.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual TimePoint Now() const = 0;
  // True for a clock an admin may advance (tests and drills only).
  virtual bool IsSimulated() const { return false; }
};

// Real time from the operating system.
class SystemClock final : public Clock {
 public:
  TimePoint Now() const override;
};

// Time that moves only when told to. Thread-safe.
class SimulatedClock final : public Clock {
 public:
  explicit SimulatedClock(TimePoint start) : now_(ToMicros(start)) {}
  TimePoint Now() const override { return FromMicros(now_.load()); }
  bool IsSimulated() const override { return true; }
  void Set(TimePoint t) { now_.store(ToMicros(t)); }
  void Advance(Duration d) { now_.fetch_add(d.count()); }

 private:
  std::atomic<std::int64_t> now_;
};

// Builds a clock from its configuration text: "system" (the default) or
// "simulated:2026-02-12T14:00:00Z".
Result<std::shared_ptr<Clock>> MakeClock(std::string_view spec);

}  // namespace warroom
