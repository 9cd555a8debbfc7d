#include "engine/notifier.hpp"

#include "engine/notify_rules/rule_table.hpp"
#include "engine/notify_rules/triage_notice.hpp"

namespace warroom::engine {

std::vector<store::OutboxMessage> Notifier::MessagesFor(const core::IncidentState& after,
                                                        const std::vector<core::Event>& appended,
                                                        const PolicyEntry& policy, TimePoint now,
                                                        const FindUser& find_user) const {
  std::vector<store::OutboxMessage> out;
  for (const core::Event& e : appended) {
    notify_rules::Rule rule = notify_rules::RuleFor(e.payload);
    if (!rule) continue;
    notify_rules::RuleInput in{after,   e,       policy,    routing_, renderer_,
                               groups_, people_, find_user, now};
    for (auto& m : rule(in)) out.push_back(std::move(m));
    if (notices_)
      if (auto n = notices_->ForIncident(after, e, now)) out.push_back(std::move(*n));
  }
  return out;
}

std::vector<store::OutboxMessage> Notifier::TriageNotice(
    const std::string& integration, const std::string& group_key, const std::string& summary,
    std::size_t alerts, std::int64_t first_alert_id, TimePoint now) const {
  return notify_rules::TriageNotice(notify_rules::TriageInput{
      routing_, renderer_, integration, group_key, summary, alerts, first_alert_id, now});
}

}  // namespace warroom::engine
