#include "engine/notifier.hpp"

#include "base/text.hpp"

#include <algorithm>

#include <boost/json.hpp>

#include "core/clocks/next_update.hpp"

namespace warroom::engine {

using namespace core;

namespace {

std::string Joined(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : ", ") + s;
  return out;
}

struct Builder {
  const IncidentState& s;
  const PolicyEntry& policy;
  const Routing& routing;
  const MessageRenderer* renderer;
  const GroupResolver* groups;
  const std::vector<PersonDestination>& people;
  const FindUser& find_user;
  TimePoint now;
  std::vector<store::OutboxMessage> out;

  bool Shared(const std::string& route) const {
    return !(s.visibility == Visibility::kRestricted &&
             (route == "internal" || route == "status-page" || route == "customers" ||
              route == "executives"));
  }

  // The people behind names: a group's members, or the handle itself.
  std::vector<std::string> Resolve(const std::vector<std::string>& names) const {
    std::vector<std::string> handles;
    for (const auto& n : names) {
      auto members = groups ? groups->Members(n) : std::nullopt;
      for (const auto& h : members ? *members : std::vector<std::string>{n})
        if (!h.empty() && std::find(handles.begin(), handles.end(), h) == handles.end())
          handles.push_back(h);
    }
    return handles;
  }

  store::OutboxMessage Message(const Event& cause, const std::string& dest, const std::string& kind,
                               const std::string& audience, const std::string& subject,
                               const std::string& body, const std::string& key_suffix) const {
    store::OutboxMessage m;
    m.incident_id = s.id;
    m.cause_seq = cause.incident_seq;
    m.destination = dest;
    m.kind = kind;
    m.audience = audience;
    m.subject = subject;
    m.body = body;
    m.idempotency_key =
        s.id + ":" + std::to_string(cause.incident_seq) + ":" + dest + ":" + kind + key_suffix;
    // A duplicate page is better than a lost one; a customer message is not.
    m.retry_on_unknown = kind == "page" || kind == "escalation";
    m.next_attempt_at = now;
    m.created_at = now;
    return m;
  }

  // One message per person per contact point they have.
  void AddPeople(const Event& cause, const std::vector<std::string>& handles,
                 const std::string& kind, const std::string& audience, const std::string& subject,
                 const std::string& body) {
    if (!find_user) return;
    for (const auto& handle : handles) {
      auto user = find_user(handle);
      if (!user) continue;
      for (const auto& p : people) {
        std::string address = p.contact == "email" ? user->email : user->slack_member_id;
        if (address.empty()) continue;
        auto m = Message(cause, p.name, kind, audience, subject, body, ":" + handle);
        m.recipient = address;
        out.push_back(std::move(m));
      }
    }
  }

  void Add(const Event& cause, const std::string& route, const std::string& kind,
           const std::string& audience, std::string subject, std::string body) {
    if (!Shared(route)) {
      // Restricted: never a shared channel; its participants themselves.
      AddPeople(cause, s.Participants(), kind, audience, subject, body);
      return;
    }
    for (const auto& dest : routing.To(route))
      out.push_back(Message(cause, dest, kind, audience, subject, body, ""));
  }

  std::string Rendered(const char* name, std::optional<TimePoint> next_update) {
    if (!renderer) return s.id + " " + std::string(SeverityName(s.severity)) + ": " + s.summary;
    RenderInput in{&s, &policy.policy, now, next_update};
    auto r = renderer->Render(name, in);
    return r.ok() ? r->text : s.id + " " + std::string(SeverityName(s.severity)) + ": " + s.summary;
  }

  std::string Headline() const {
    return s.id + " " + std::string(SeverityName(s.severity)) + " (" +
           std::string(SeverityAlias(s.severity)) + "): " + s.summary;
  }

  // The war room: a channel named after the incident, private when the
  // incident is restricted, with the participants and the paged people in it.
  void WarRoom(const Event& e) {
    const auto& dests = routing.To("war-room");
    if (dests.empty()) return;
    std::vector<std::string> handles = s.Participants();
    if (s.visibility == Visibility::kPublic)
      for (const auto& h : Resolve(policy.policy.Level(s.severity).page_groups))
        if (std::find(handles.begin(), handles.end(), h) == handles.end()) handles.push_back(h);
    boost::json::array members;
    if (find_user)
      for (const auto& h : handles)
        if (auto u = find_user(h); u && !u->slack_member_id.empty())
          members.emplace_back(u->slack_member_id);
    std::string name = AsciiLower(s.id);
    boost::json::object body{{"name", name},
                             {"private", s.visibility == Visibility::kRestricted},
                             {"members", std::move(members)}};
    for (const auto& dest : dests)
      out.push_back(Message(e, dest, "war-room", "internal", "War room for " + s.id,
                            boost::json::serialize(body), ""));
  }

  // Direct messages to named people (for a public incident; a restricted
  // one's reminders already reach every participant through Add).
  void Tell(const Event& e, const std::vector<std::string>& handles, const std::string& kind,
            const std::string& text) {
    if (s.visibility == Visibility::kPublic) AddPeople(e, handles, kind, "internal", "", text);
  }

  // A reminder: to the internal route, and to the people it is for.
  void Remind(const Event& e, const std::vector<std::string>& who, const std::string& text) {
    Add(e, "internal", "reminder", "internal", "", text);
    Tell(e, who, "reminder", text);
  }

  // The holder of a role, or, while it is vacant, the members of the groups
  // the policy says fill it.
  std::vector<std::string> RoleHolderOrGroups(Role r) const {
    auto it = s.roles.find(r);
    if (it != s.roles.end()) return {it->second};
    return Resolve(RoleGroups(r));
  }

  std::vector<std::string> CommanderAndCl() const {
    std::vector<std::string> who;
    for (Role r : {Role::kIncidentCommander, Role::kCommunicationsLead}) {
      auto it = s.roles.find(r);
      if (it != s.roles.end() && std::find(who.begin(), who.end(), it->second) == who.end())
        who.push_back(it->second);
    }
    return who;
  }

  std::vector<std::string> RoleGroups(Role r) const {
    const RoleDefinition* d = policy.policy.FindRole(r);
    return d ? d->groups : std::vector<std::string>{};
  }

  void On(const Event& e, const events::Declared&) {
    const SeverityLevel& level = policy.policy.Level(s.severity);
    std::optional<TimePoint> next;
    if (level.update_cadence)
      next = policy.calendar->Add(e.occurred_at, *level.update_cadence, level.time_basis);
    Add(e, "internal", "message", "internal", "", Rendered("incident-declared", next));
    WarRoom(e);
    if (!level.page_groups.empty()) {
      std::string who = s.visibility == Visibility::kRestricted
                            ? "participants " + Joined(s.Participants())
                            : Joined(level.page_groups);
      std::string text = "PAGE: " + Headline() + "\nPaging: " + who +
                         "\nIncident Commander: " + s.Commander() + "\nAcknowledge: warroom ack " +
                         s.id;
      Add(e, "pages", "page", "internal", "PAGE " + Headline(), text);
      if (s.visibility == Visibility::kPublic)
        AddPeople(e, Resolve(level.page_groups), "page", "internal", "PAGE " + Headline(), text);
    }
  }
  void On(const Event& e, const events::UpdatePosted& u) {
    std::string audience(AudienceName(u.audience));
    std::string text = u.text;
    // Every update states when the next one is due: the last quarter-hour at
    // or before the deadline the cadence sets (unless its text already does).
    const SeverityLevel& level = policy.policy.Level(s.severity);
    if (IsOpen(s.status) && level.update_cadence &&
        text.find("Next update:") == std::string::npos &&
        (u.audience == Audience::kInternal || u.audience == Audience::kStatusPage)) {
      TimePoint deadline =
          policy.calendar->Add(e.occurred_at, *level.update_cadence, level.time_basis);
      TimePoint announced = AnnouncedNextUpdate(deadline);
      text += (text.empty() || text.back() == '\n' ? "" : "\n") + std::string("Next update: ") +
              FormatClockTime(announced) + " (" + FormatDurationWords(announced - e.occurred_at) +
              ")";
    }
    Add(e, audience, "message", audience, "", text);
  }
  void On(const Event& e, const events::PageRequested& p) {
    std::string text = "PAGE: " + p.to + ", you are needed on " + Headline() +
                       "\nPaged by the Incident Commander @" + e.actor.id +
                       (p.reason.empty() ? std::string() : ": " + p.reason) +
                       "\nAcknowledge: warroom ack " + s.id;
    Add(e, "pages", "page", "internal", "PAGE " + Headline(), text);
    // The IC pages whoever is needed, restricted incident or not.
    AddPeople(e, Resolve({p.to}), "page", "internal", "PAGE " + Headline(), text);
  }
  void On(const Event& e, const events::FreezeDeclared& f) {
    Add(e, "internal", "message", "internal", "",
        "🧊 CODE FREEZE declared for " + Headline() + " by @" + e.actor.id + ": " + f.reason +
            "\nDeploy pipelines stop (GET /api/v1/freezes). Lift it with: warroom unfreeze " +
            s.id);
  }
  void On(const Event& e, const events::FreezeLifted& f) {
    Add(e, "internal", "message", "internal", "",
        "Code freeze lifted for " + Headline() + " by @" + e.actor.id +
            (f.reason.empty() ? "" : ": " + f.reason));
  }
  // Alerts recur while the responders watch for it: the IC decides whether
  // the incident is really over (warroom never reopens on its own).
  void On(const Event& e, const events::AlertGroupAttached& a) {
    if (!a.recurrence) return;
    std::string text = "Recurrence: alerts of " + a.group_key + " (" + a.summary +
                       ") fire again on " + Headline() + ", which is " +
                       std::string(StatusName(s.status)) + ". Reopen with: warroom reopen " + s.id +
                       " --reason \"...\"";
    Remind(e, RoleHolderOrGroups(Role::kIncidentCommander), text);
  }
  // Every alert resolved: people resolve incidents, so the IC is told.
  void On(const Event& e, const events::AlertsResolved& r) {
    if (r.firing > 0 || !IsOpen(s.status)) return;
    std::string text = "Every alert of " + Headline() +
                       " has resolved. Confirm the fix holds and resolve it: warroom resolve " +
                       s.id + " \"...\"";
    Remind(e, RoleHolderOrGroups(Role::kIncidentCommander), text);
  }
  void On(const Event& e, const events::MessageOutcomeUnknown& u) {
    // Sent, but whether it arrived is unknown, and it is not sent again: the
    // Communications Lead checks (a page's unknown outcome is retried instead).
    std::string text = "Check: a " + u.kind + " for the " + u.audience + " audience of " +
                       Headline() + " went to " + u.destination +
                       ", but whether it arrived is unknown (" + u.detail +
                       "). warroom outbox show " + std::to_string(u.message_id);
    AddPeople(e, RoleHolderOrGroups(Role::kCommunicationsLead), "reminder", "internal", "", text);
  }
  void On(const Event& e, const events::Resolved&) {
    Add(e, "internal", "message", "internal", "", Rendered("incident-resolved", std::nullopt));
  }
  void On(const Event& e, const events::ClockBreached& b) {
    if (b.retroactive) return;  // past due before warroom knew: notifies no one
    std::string due = FormatClockTime(b.due_at);
    std::string ic = s.Commander().empty() ? "the Incident Commander" : "@" + s.Commander();
    auto cl = s.roles.count(Role::kCommunicationsLead) ? "@" + s.roles.at(Role::kCommunicationsLead)
                                                       : std::string("the Communications Lead");
    switch (b.clock) {
      case ClockKind::kAcknowledge: {
        auto groups = RoleGroups(Role::kIncidentCommander);
        std::string backup = groups.size() > 1 ? groups[1] : "the backup";
        std::string text = "RE-PAGE: " + Headline() + "\nNot acknowledged by " + due +
                           ". Escalating to " +
                           (groups.empty() ? std::string("the backup") : Joined(groups)) +
                           " (backup: " + backup + ").\nAcknowledge: warroom ack " + s.id;
        Add(e, "pages", "escalation", "internal", "RE-PAGE " + Headline(), text);
        if (s.visibility == Visibility::kPublic) {
          // Re-page the paged groups and escalate to the IC's groups.
          std::vector<std::string> who = policy.policy.Level(s.severity).page_groups;
          who.insert(who.end(), groups.begin(), groups.end());
          AddPeople(e, Resolve(who), "escalation", "internal", "RE-PAGE " + Headline(), text);
        }
        break;
      }
      case ClockKind::kUpdate: {
        std::string text = "Reminder for " + ic + " and " + cl + ": an update on " + Headline() +
                           " was due at " + due + ". Post one: warroom update " + s.id + " \"...\"";
        Remind(e, CommanderAndCl(), text);
        break;
      }
      case ClockKind::kCustomerCommunication: {
        std::string text = "Reminder for " + cl + ": customer communication on " + Headline() +
                           " was due at " + due + ". warroom update " + s.id +
                           " --template status-investigating";
        Remind(e, RoleHolderOrGroups(Role::kCommunicationsLead), text);
        break;
      }
      case ClockKind::kExecutiveNotification: {
        std::string text = "Reminder for " + ic + ": executives (" +
                           Joined(policy.policy.Level(s.severity).executive_notification) +
                           ") were to be told of " + Headline() + " at " + due + ".";
        Remind(e, RoleHolderOrGroups(Role::kIncidentCommander), text);
        break;
      }
      case ClockKind::kTargetResolution: {
        bool p0 = s.severity == Severity::kP0;
        std::string text = "Target resolution passed for " + Headline() + " (due " + due + "). " +
                           (p0 ? "Executives" : "Engineering manager") + ", please review.";
        Add(e, p0 ? "executives" : "internal", "escalation", p0 ? "executives" : "internal", "",
            text);
        Tell(e,
             Resolve(p0 ? policy.policy.Level(s.severity).executive_notification
                        : std::vector<std::string>{"engineering-manager"}),
             "escalation", text);
        break;
      }
      case ClockKind::kPostIncidentReview: {
        std::string text = "Reminder for " + ic + ": the post-incident review of " + Headline() +
                           " was due at " + due + ". Close it with: warroom close " + s.id +
                           " --pir-url URL";
        Remind(e, RoleHolderOrGroups(Role::kIncidentCommander), text);
        break;
      }
    }
  }
  template <typename Other>
  void On(const Event&, const Other&) {}
};

}  // namespace

std::vector<store::OutboxMessage> Notifier::MessagesFor(const IncidentState& after,
                                                        const std::vector<Event>& appended,
                                                        const PolicyEntry& policy, TimePoint now,
                                                        const FindUser& find_user) const {
  Builder b{after, policy, routing_, renderer_, groups_, people_, find_user, now, {}};
  for (const Event& e : appended) std::visit([&](const auto& p) { b.On(e, p); }, e.payload);
  return std::move(b.out);
}

std::vector<store::OutboxMessage> Notifier::TriageNotice(
    const std::string& integration, const std::string& group_key, const std::string& summary,
    std::size_t alerts, std::int64_t first_alert_id, TimePoint now) const {
  const std::string route = routing_.To("triage").empty() ? "internal" : "triage";
  std::string text = "TRIAGE: " + std::to_string(alerts) + " alert(s) from " + integration +
                     " wait for a responder: " + summary + " (group " + group_key +
                     "). No route declares them. See `warroom alerts --triage`, then `warroom "
                     "alerts declare " +
                     std::to_string(first_alert_id) +
                     " --severity P2` or `warroom alerts dismiss " +
                     std::to_string(first_alert_id) + "`";
  std::vector<store::OutboxMessage> out;
  for (const auto& dest : routing_.To(route)) {
    store::OutboxMessage m;
    m.destination = dest;  // no incident: incident_id and cause_seq stay empty
    m.kind = "message";
    m.audience = "internal";
    m.body = text;
    m.idempotency_key = "triage:" + integration + ":" + std::to_string(first_alert_id) + ":" + dest;
    m.next_attempt_at = now;
    m.created_at = now;
    out.push_back(std::move(m));
  }
  return out;
}

}  // namespace warroom::engine
