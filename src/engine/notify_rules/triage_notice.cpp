#include "engine/notify_rules/triage_notice.hpp"

namespace warroom::engine::notify_rules {

namespace {

std::string Text(const TriageInput& in) {
  if (!in.renderer) return in.summary;
  RenderInput r{nullptr,
                nullptr,
                in.now,
                std::nullopt,
                {{"alerts", std::to_string(in.alerts)},
                 {"integration", in.integration},
                 {"alert_summary", in.summary},
                 {"group_key", in.group_key},
                 {"first_alert_id", std::to_string(in.first_alert_id)}}};
  auto m = in.renderer->Render("triage", r);
  return m.ok() ? m->text : in.summary;
}

}  // namespace

std::vector<store::OutboxMessage> TriageNotice(const TriageInput& in) {
  const std::string route = in.routing.To("triage").empty() ? "internal" : "triage";
  const std::string text = Text(in);
  std::vector<store::OutboxMessage> out;
  for (const auto& dest : in.routing.To(route)) {
    store::OutboxMessage m;
    m.destination = dest;  // no incident: incident_id and cause_seq stay empty
    m.kind = store::OutboxKind::kMessage;
    m.audience = core::Audience::kInternal;
    m.body = text;
    m.idempotency_key =
        "triage:" + in.integration + ":" + std::to_string(in.first_alert_id) + ":" + dest;
    m.next_attempt_at = in.now;
    m.created_at = in.now;
    out.push_back(std::move(m));
  }
  return out;
}

}  // namespace warroom::engine::notify_rules
