#pragma once

#include <array>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/clocks/business_calendar.hpp"
#include "core/clocks/clock_kind.hpp"
#include "core/incident/event.hpp"

namespace warroom::core {

enum class ClockStatus {
  kPending,        // armed and not yet due
  kMet,            // satisfied on time
  kBreached,       // missed (or met late)
  kNotApplicable,  // the severity does not require it, or it was stopped before due
};

std::string_view ClockStatusName(ClockStatus s);

struct ClockView {
  ClockKind kind = ClockKind::kAcknowledge;
  ClockStatus status = ClockStatus::kNotApplicable;
  std::optional<TimePoint> started_at;  // when the current deadline was armed
  std::optional<TimePoint> due_at;
  std::optional<TimePoint> met_at;
  // Breached before warroom could have known: the event that armed the clock
  // was recorded after its due time (a late `--at`). Such a breach notifies
  // no one.
  bool retroactive = false;
  int missed_updates = 0;  // update clock only: earlier cycles that were late
  std::string note;        // why not applicable, or what meets it
};

class ClockFold;

// The clocks of one incident as a fold: Apply each event in order, then View
// at any time. Copyable and small (it keeps no history), so a command carries
// an incident's clocks forward without replaying its timeline. The policy and
// calendar must outlive it.
class ClockTracker {
 public:
  ClockTracker(const Policy& policy, const BusinessCalendar& calendar);
  ClockTracker(const ClockTracker& other);
  ClockTracker& operator=(const ClockTracker& other);
  ~ClockTracker();
  void Apply(const Event& e);
  std::vector<ClockView> View(TimePoint now) const;

 private:
  std::unique_ptr<ClockFold> fold_;
};

// Computes every clock of one incident from the policy, its history and the
// time now. Pure: the same inputs give the same clocks.
std::vector<ClockView> ComputeClocks(const Policy& policy, const BusinessCalendar& calendar,
                                     const std::vector<Event>& history, TimePoint now);

}  // namespace warroom::core
