#include "core/clocks/next_update.hpp"
#include "engine/notify_rules/messages.hpp"
#include "engine/notify_rules/rules.hpp"

namespace warroom::engine::notify_rules {

using core::Audience;

Outbox UpdatePosted(const RuleInput& in, const core::events::UpdatePosted& u) {
  std::string audience(core::AudienceName(u.audience));
  std::map<std::string, std::string> fields{
      {"text", u.text}, {"text_ends_line", u.text.empty() || u.text.back() == '\n' ? "yes" : ""}};
  // Every update states when the next one is due: the last quarter-hour at
  // or before the deadline the cadence sets (unless its text already does),
  // counted from when the update was posted.
  const core::SeverityLevel& level = Level(in);
  if (core::IsOpen(in.state.status) && level.update_cadence &&
      u.text.find("Next update:") == std::string::npos &&
      (u.audience == Audience::kInternal || u.audience == Audience::kStatusPage)) {
    const TimePoint posted = in.event.occurred_at;
    TimePoint deadline = in.policy.calendar->Add(posted, *level.update_cadence, level.time_basis);
    TimePoint announced = core::AnnouncedNextUpdate(deadline);
    fields["next_update"] = FormatClockTime(announced);
    fields["next_update_in"] = FormatDurationWords(announced - posted);
  }
  Messages out(in);
  out.ToRoute(audience, store::OutboxKind::kMessage, u.audience,
              Render(in, "update-posted", std::move(fields)));
  return out.Take();
}

}  // namespace warroom::engine::notify_rules
