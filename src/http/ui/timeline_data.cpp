#include "http/ui/timeline_data.hpp"

#include <algorithm>
#include <cctype>

#include "api/event_json.hpp"

namespace warroom::http::ui {

namespace ev = core::events;

namespace {

template <typename... F>
struct Overloaded : F... {
  using F::operator()...;
};
template <typename... F>
Overloaded(F...) -> Overloaded<F...>;

std::string WithReason(std::string head, const std::string& reason) {
  if (!reason.empty()) head += ": " + reason;
  return head;
}

}  // namespace

std::string_view TimelineCategory(const core::EventPayload& p) {
  return std::visit(
      Overloaded{
          [](const ev::UpdatePosted&) -> std::string_view { return "update"; },
          [](const ev::NoteAdded& n) -> std::string_view {
            return n.kind == core::NoteKind::kDecision ? "decision" : "finding";
          },
          [](const ev::RootCauseIdentified&) -> std::string_view { return "finding"; },
          [](const ev::SeverityChanged&) -> std::string_view { return "decision"; },
          [](const ev::FreezeDeclared&) -> std::string_view { return "decision"; },
          [](const ev::FreezeLifted&) -> std::string_view { return "decision"; },
          [](const ev::AlertGroupAttached&) -> std::string_view { return "alert"; },
          [](const ev::AlertsResolved&) -> std::string_view { return "alert"; },
          [](const ev::MessageDelivered&) -> std::string_view { return "delivery"; },
          [](const ev::MessageDeadLettered&) -> std::string_view { return "delivery"; },
          [](const ev::MessageOutcomeUnknown&) -> std::string_view { return "delivery"; },
          [](const ev::PageRequested&) -> std::string_view { return "delivery"; },
          [](const ev::ActionItemReminded&) -> std::string_view { return "delivery"; },
          [](const ev::ActionItemAdded&) -> std::string_view { return "decision"; },
          [](const ev::ActionItemUpdated&) -> std::string_view { return "decision"; },
          [](const auto&) -> std::string_view { return "lifecycle"; },
      },
      p);
}

std::string TimelineHeadline(const core::EventPayload& p) {
  auto sev = [](core::Severity s) { return std::string(core::SeverityName(s)); };
  auto outcome = [](const ev::MessageOutcome& m, std::string_view what) {
    std::string s = m.kind + " to " + m.destination + " " + std::string(what);
    if (!m.audience.empty()) s += " (" + m.audience + ")";
    if (m.attempts > 1) s += " after " + std::to_string(m.attempts) + " attempts";
    if (!m.detail.empty()) s += ": " + m.detail;
    return s;
  };
  return std::visit(
      Overloaded{
          [&](const ev::Declared& d) {
            return "Declared " + sev(d.severity) + " by " + d.commander + ": " + d.summary;
          },
          [](const ev::Acknowledged& a) { return "Acknowledged by " + a.by; },
          [&](const ev::SeverityChanged& s) {
            return WithReason("Severity " + sev(s.from) + " -> " + sev(s.to), s.reason);
          },
          [](const ev::RootCauseIdentified& r) {
            std::string s = "Root cause identified";
            if (!r.category.empty()) s += " (" + r.category + ")";
            return s;
          },
          [](const ev::Mitigated& m) { return WithReason("Mitigated", m.action); },
          [](const ev::Resolved& r) {
            return r.forced ? WithReason("Resolved inside the stability window", r.reason)
                            : std::string("Resolved");
          },
          [](const ev::Closed& c) {
            return c.pir_url.empty() ? std::string("Closed") : "Closed; review at " + c.pir_url;
          },
          [](const ev::Reopened& r) { return WithReason("Reopened", r.reason); },
          [](const ev::Dismissed& d) {
            return WithReason("Dismissed as " + std::string(core::DismissReasonName(d.reason)),
                              d.note);
          },
          [](const ev::RoleAssigned& r) {
            std::string s = std::string(core::RoleTitle(r.role)) + ": " + r.user;
            if (!r.previous.empty()) s += " (was " + r.previous + ")";
            return s;
          },
          [](const ev::ResponderJoined& j) { return j.user + " joined"; },
          [](const ev::ResponderLeft& l) { return l.user + " left"; },
          [](const ev::TaskAdded& t) {
            std::string s = "Task #" + std::to_string(t.task_id) + ": " + t.title;
            if (!t.assignee.empty()) s += " (" + t.assignee + ")";
            return s;
          },
          [](const ev::TaskCompleted& t) { return "Task #" + std::to_string(t.task_id) + " done"; },
          [](const ev::NoteAdded& n) {
            std::string kind(core::NoteKindName(n.kind));
            std::replace(kind.begin(), kind.end(), '-', ' ');
            if (!kind.empty()) kind[0] = static_cast<char>(std::toupper(kind[0]));
            return kind;
          },
          [](const ev::UpdatePosted& u) {
            std::string s = "Update to " + std::string(core::AudienceName(u.audience));
            if (!u.template_name.empty()) s += " (" + u.template_name + ")";
            return s;
          },
          [](const ev::LinkAdded& l) {
            return "Link (" + l.kind + "): " + (l.title.empty() ? l.url : l.title);
          },
          [](const ev::ImpactUpdated&) { return std::string("Impact updated"); },
          [](const ev::VisibilityChanged& v) {
            return WithReason("Visibility " + std::string(core::VisibilityName(v.visibility)),
                              v.reason);
          },
          [](const ev::ClockBreached& c) {
            std::string s = "Clock missed: " + std::string(core::ClockKindName(c.clock));
            if (c.retroactive) s += " (already past due when declared)";
            return s;
          },
          [&](const ev::MessageDelivered& m) { return outcome(m, "delivered"); },
          [&](const ev::MessageDeadLettered& m) { return outcome(m, "failed"); },
          [&](const ev::MessageOutcomeUnknown& m) { return outcome(m, "sent, outcome unknown"); },
          [](const ev::PageRequested& p) { return WithReason("Paged " + p.to, p.reason); },
          [](const ev::FreezeDeclared& f) { return WithReason("Code freeze declared", f.reason); },
          [](const ev::FreezeLifted& f) { return WithReason("Code freeze lifted", f.reason); },
          [](const ev::AlertGroupAttached& a) {
            std::string s = (a.recurrence ? "Alerts fired again: " : "Alerts attached: ") +
                            a.summary + " (" + a.integration + ", " + std::to_string(a.alerts) +
                            ")";
            return s;
          },
          [](const ev::AlertsResolved& a) {
            return std::to_string(a.resolved) + " alert(s) resolved (" + a.integration + "); " +
                   std::to_string(a.firing) + " still firing";
          },
          [](const ev::AdminReset& r) {
            return WithReason(r.handle + " made an admin again, offline, by " + r.operator_name,
                              r.reason);
          },
          [](const ev::ComponentStatusSet& c) {
            return WithReason("Status page: " + c.component + " set to " + c.status, c.note);
          },
          [](const ev::MaintenanceScheduled& m) {
            return "Maintenance scheduled: " + m.name + " from " + FormatTime(m.scheduled_for) +
                   " until " + FormatTime(m.scheduled_until);
          },
          [](const ev::MaintenanceUpdated& m) {
            return "Maintenance " + m.maintenance_id +
                   (m.status.empty() ? " updated" : " now " + m.status);
          },
          [sev](const ev::ActionItemAdded& a) {
            return "Action item " + std::to_string(a.item_id) + " added: " + a.title + " (" +
                   a.owner + ", due " + a.due + ", " + sev(a.priority) + ")";
          },
          [](const ev::ActionItemUpdated& u) {
            std::string s = "Action item " + std::to_string(u.item_id);
            s += u.status ? " now " + std::string(core::ActionStatusTitle(*u.status)) : " changed";
            if (u.owner) s += ", owner " + *u.owner;
            if (u.due) s += ", due " + *u.due;
            return WithReason(s, u.reason);
          },
          [](const ev::ActionItemReminded& r) {
            std::string to;
            for (const auto& p : r.to) to += (to.empty() ? "" : ", ") + p;
            return "Action item " + std::to_string(r.item_id) + " overdue: reminded " + to;
          },
      },
      p);
}

boost::json::object TimelineEntry(const core::Event& e) {
  boost::json::object o = api::EncodeEvent(e);
  o["category"] = TimelineCategory(e.payload);
  o["headline"] = TimelineHeadline(e.payload);
  std::string body = std::visit(Overloaded{
                                    [](const ev::NoteAdded& n) { return n.text; },
                                    [](const ev::UpdatePosted& u) { return u.text; },
                                    [](const ev::RootCauseIdentified& r) { return r.summary; },
                                    [](const ev::Resolved& r) { return r.summary; },
                                    [](const auto&) { return std::string(); },
                                },
                                e.payload);
  o["body"] = body;
  return o;
}

}  // namespace warroom::http::ui
