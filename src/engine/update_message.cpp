#include "engine/update_message.hpp"

#include "core/clocks/next_update.hpp"

namespace warroom::engine {

std::map<std::string, std::string> UpdateMessageFields(const core::IncidentState& s,
                                                       const PolicyEntry& p,
                                                       const std::string& text,
                                                       core::Audience audience, TimePoint posted) {
  std::map<std::string, std::string> fields{
      {"text", text}, {"text_ends_line", text.empty() || text.back() == '\n' ? "yes" : ""}};
  const core::SeverityLevel& level = p.policy.Level(s.severity);
  if (core::IsOpen(s.status) && level.update_cadence &&
      text.find("Next update:") == std::string::npos &&
      (audience == core::Audience::kInternal || audience == core::Audience::kStatusPage)) {
    TimePoint deadline = p.calendar->Add(posted, *level.update_cadence, level.time_basis);
    TimePoint announced = core::AnnouncedNextUpdate(deadline);
    fields["next_update"] = FormatClockTime(announced);
    fields["next_update_in"] = FormatDurationWords(announced - posted);
  }
  return fields;
}

Result<RenderedMessage> RenderUpdate(const MessageRenderer& r, const PolicyEntry& p,
                                     const core::IncidentState& s, TimePoint at,
                                     std::string_view template_name) {
  const core::SeverityLevel& level = p.policy.Level(s.severity);
  RenderInput in{&s, &p.policy, at, std::nullopt};
  if (level.update_cadence)
    in.next_update_deadline = p.calendar->Add(at, *level.update_cadence, level.time_basis);
  WARROOM_ASSIGN_OR_RETURN(RenderedMessage m, r.Render(template_name, in));
  WARROOM_ASSIGN_OR_RETURN(core::Audience audience, core::ParseAudience(m.audience));
  std::string recorded = m.subject.empty() ? m.text : m.subject + "\n\n" + m.text;
  RenderInput wrap{&s, &p.policy, at, std::nullopt,
                   UpdateMessageFields(s, p, recorded, audience, at)};
  WARROOM_ASSIGN_OR_RETURN(RenderedMessage sent, r.Render("update-posted", wrap));
  m.delivered_text = std::move(sent.text);
  return m;
}

}  // namespace warroom::engine
