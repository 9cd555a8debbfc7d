#include "engine/notify_rules/messages.hpp"

namespace warroom::engine::notify_rules {

using core::Visibility;

Text Render(const RuleInput& in, std::string_view name,
            std::map<std::string, std::string> event_fields, std::optional<TimePoint> next_update) {
  const core::IncidentState& s = in.state;
  if (in.renderer) {
    RenderInput r{&s, &in.policy.policy, in.now, next_update, std::move(event_fields)};
    if (auto m = in.renderer->Render(name, r); m.ok())
      return Text{std::move(m->subject), std::move(m->text)};
  }
  return Text{"", s.id + " " + std::string(core::SeverityName(s.severity)) + ": " + s.summary};
}

bool Messages::Shared(const std::string& route) const {
  return !(in_.state.visibility == Visibility::kRestricted &&
           (route == "internal" || route == "status-page" || route == "customers" ||
            route == "executives"));
}

store::OutboxMessage Messages::Message(const std::string& dest, store::OutboxKind kind,
                                       core::Audience audience, const Text& text,
                                       const std::string& key_suffix) const {
  store::OutboxMessage m;
  m.incident_id = in_.state.id;
  m.cause_seq = in_.event.incident_seq;
  m.destination = dest;
  m.kind = kind;
  m.audience = audience;
  m.subject = text.subject;
  m.body = text.body;
  m.idempotency_key = in_.state.id + ":" + std::to_string(in_.event.incident_seq) + ":" + dest +
                      ":" + std::string(store::OutboxKindName(kind)) + key_suffix;
  // A duplicate page is better than a lost one; a customer message is not.
  m.retry_on_unknown = kind == store::OutboxKind::kPage || kind == store::OutboxKind::kEscalation;
  m.next_attempt_at = in_.now;
  m.created_at = in_.now;
  return m;
}

void Messages::ToPeople(const std::vector<std::string>& handles, store::OutboxKind kind,
                        core::Audience audience, const Text& text) {
  if (!in_.find_user) return;
  for (const auto& handle : handles) {
    auto user = in_.find_user(handle);
    if (!user) continue;
    for (const auto& p : in_.people) {
      std::string address = p.contact == "email" ? user->email : user->slack_member_id;
      if (address.empty()) continue;
      auto m = Message(p.name, kind, audience, text, ":" + handle);
      m.recipient = address;
      out_.push_back(std::move(m));
    }
  }
}

void Messages::ToRoute(const std::string& route, store::OutboxKind kind, core::Audience audience,
                       const Text& text) {
  if (!Shared(route)) {
    ToPeople(in_.state.Participants(), kind, audience, text);
    return;
  }
  for (const auto& dest : in_.routing.To(route))
    out_.push_back(Message(dest, kind, audience, text, ""));
}

void Messages::Tell(const std::vector<std::string>& handles, store::OutboxKind kind,
                    const Text& text) {
  if (in_.state.visibility == Visibility::kPublic)
    ToPeople(handles, kind, core::Audience::kInternal, text);
}

void Messages::Remind(const std::vector<std::string>& who, const Text& text) {
  ToRoute("internal", store::OutboxKind::kReminder, core::Audience::kInternal, text);
  Tell(who, store::OutboxKind::kReminder, text);
}

void Messages::ToDestination(const std::string& dest, store::OutboxKind kind,
                             core::Audience audience, const std::string& subject,
                             const std::string& body) {
  out_.push_back(Message(dest, kind, audience, Text{subject, body}, ""));
}

}  // namespace warroom::engine::notify_rules
