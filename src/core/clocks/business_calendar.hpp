#pragma once

#include <memory>

#include "base/time_zone.hpp"
#include "core/severity/policy.hpp"

namespace warroom::core {

// Adds time the way a severity's clocks count it: every minute on wall time,
// only business hours (in the configured zone, skipping non-working days and
// holidays) on business time.
class BusinessCalendar {
 public:
  BusinessCalendar(BusinessHours hours, std::shared_ptr<const TimeZone> zone);

  // `start` plus `d` on the given basis. On business time a whole number of
  // days counts business days (the same local time N working days later,
  // starting from the next business moment); anything else counts business
  // minutes: a P2 declared Friday 17:50 with 30 minutes to acknowledge is due
  // Monday 09:20.
  TimePoint Add(TimePoint start, Duration d, TimeBasis basis) const;

  // When business hours end on the first working day after `t`'s local date.
  TimePoint CloseOfNextBusinessDay(TimePoint t) const;

  // True when `t` falls inside business hours.
  bool IsBusinessTime(TimePoint t) const;

  const BusinessHours& hours() const { return hours_; }

 private:
  bool IsWorkingDay(std::chrono::local_days d) const;
  // The first business moment at or after `t`.
  TimePoint NextBusinessMoment(TimePoint t) const;

  BusinessHours hours_;
  std::shared_ptr<const TimeZone> zone_;
};

}  // namespace warroom::core
