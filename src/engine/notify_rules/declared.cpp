#include <boost/json.hpp>

#include "base/text.hpp"
#include "engine/notify_rules/messages.hpp"
#include "engine/notify_rules/recipients.hpp"
#include "engine/notify_rules/rules.hpp"

namespace warroom::engine::notify_rules {

using core::Visibility;

namespace {

// The war room: a channel named after the incident, private when the
// incident is restricted, with the participants and the paged people in it.
// A request to the chat channel, not text for people: no template.
void WarRoom(const RuleInput& in, Messages& out) {
  const auto& dests = in.routing.To("war-room");
  if (dests.empty()) return;
  const core::IncidentState& s = in.state;
  std::vector<std::string> handles = s.Participants();
  if (s.visibility == Visibility::kPublic)
    for (const auto& h : Resolve(in, Level(in).page_groups))
      if (std::find(handles.begin(), handles.end(), h) == handles.end()) handles.push_back(h);
  boost::json::array members;
  if (in.find_user)
    for (const auto& h : handles)
      if (auto u = in.find_user(h); u && !u->slack_member_id.empty())
        members.emplace_back(u->slack_member_id);
  boost::json::object body{{"name", AsciiLower(s.id)},
                           {"private", s.visibility == Visibility::kRestricted},
                           {"members", std::move(members)}};
  for (const auto& dest : dests)
    out.ToDestination(dest, store::OutboxKind::kWarRoom, core::Audience::kInternal,
                      "War room for " + s.id, boost::json::serialize(body));
}

}  // namespace

Outbox Declared(const RuleInput& in, const core::events::Declared&) {
  const core::SeverityLevel& level = Level(in);
  std::optional<TimePoint> next;
  if (level.update_cadence)
    next = in.policy.calendar->Add(in.event.occurred_at, *level.update_cadence, level.time_basis);
  Messages out(in);
  out.ToRoute("internal", store::OutboxKind::kMessage, core::Audience::kInternal,
              Render(in, "incident-declared", {}, next));
  WarRoom(in, out);
  if (!level.page_groups.empty()) {
    Text page = Render(in, "page");
    out.ToRoute("pages", store::OutboxKind::kPage, core::Audience::kInternal, page);
    if (in.state.visibility == Visibility::kPublic)
      out.ToPeople(Resolve(in, level.page_groups), store::OutboxKind::kPage,
                   core::Audience::kInternal, page);
  }
  return out.Take();
}

}  // namespace warroom::engine::notify_rules
