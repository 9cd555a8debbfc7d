// IncidentService's commands: each decided on the incident's current state
// and appended, with the outbox messages it owes and the list row, in one
// write (the caller's, for ExecuteIn). The queries are in
// incident_service_queries.cpp.
#include "engine/incident_service.hpp"

#include "engine/update_message.hpp"

#include "engine/request_scope.hpp"
#include "engine/stored_events.hpp"

namespace warroom::engine {

using namespace core;

namespace {
// Incidents whose state and clocks stay in memory between commands.
constexpr std::size_t kIncidentCacheSize = 4096;
}  // namespace

store::IncidentRow ToRow(const IncidentState& s) {
  store::IncidentRow r;
  r.id = s.id;
  r.severity = s.severity;
  r.status = s.status;
  r.open = IsOpen(s.status);
  r.summary = s.summary;
  r.visibility = s.visibility;
  r.participants = s.Participants();
  r.declared_at = s.declared_at;
  r.updated_at = s.updated_at;
  r.last_seq = s.last_seq;
  r.frozen = s.FreezeActive();
  r.freeze_reason = s.FreezeActive() ? s.freeze_reason : std::string();
  r.freeze_since = s.FreezeActive() ? s.freeze_since : TimePoint{};
  return r;
}

IncidentService::IncidentService(store::Store& store, std::shared_ptr<const Clock> clock,
                                 std::shared_ptr<const PolicyRegistry> policies, bool memory_reads)
    : store_(store),
      clock_(std::move(clock)),
      policies_(std::move(policies)),
      memory_reads_(memory_reads),
      cache_(kIncidentCacheSize) {}

Result<core::Classification> IncidentService::Classify(const core::ImpactAssessment& impact) const {
  return core::Classify(policies_->Current().policy, impact);
}

namespace {

// The user a command names (a role's holder, a responder, a task's
// assignee, an action item's owner), if any.
std::optional<std::string> NamedUser(const Command& cmd) {
  if (auto* a = std::get_if<commands::AssignRole>(&cmd)) return a->user;
  if (auto* j = std::get_if<commands::Join>(&cmd)) return j->user;
  if (auto* t = std::get_if<commands::AddTask>(&cmd); t && !t->assignee.empty()) return t->assignee;
  if (auto* a = std::get_if<commands::AddActionItem>(&cmd); a && !a->owner.empty()) return a->owner;
  if (auto* u = std::get_if<commands::UpdateActionItem>(&cmd); u && u->owner && !u->owner->empty())
    return *u->owner;
  return std::nullopt;
}

// Users named by a command must exist (a typo must not page no one); answers
// whether the one named is a viewer, who may hold no part in a response.
Result<bool> NamedUserIsViewer(store::ReadTx& tx, const Command& cmd) {
  std::optional<std::string> user = NamedUser(cmd);
  if (!user) return false;
  WARROOM_ASSIGN_OR_RETURN(auto found, tx.FindUser(*user));
  if (!found)
    return Error::NotFound("no user '" + *user + "': list users with `warroom user list`");
  return found->permission == store::Permission::kViewer;
}

// The action-item list's rows of the items `appended` added or changed.
Outcome UpsertActionItems(store::WriteTx& tx, const IncidentState& s,
                          const std::vector<Event>& appended) {
  for (const Event& e : appended) {
    std::int64_t id = 0;
    if (auto* a = std::get_if<events::ActionItemAdded>(&e.payload)) id = a->item_id;
    if (auto* u = std::get_if<events::ActionItemUpdated>(&e.payload)) id = u->item_id;
    if (auto* r = std::get_if<events::ActionItemReminded>(&e.payload)) id = r->item_id;
    if (const ActionItem* item = id ? s.FindActionItem(id) : nullptr)
      WARROOM_RETURN_IF_ERROR(tx.UpsertActionItem(s.id, *item));
  }
  return Success();
}

}  // namespace

void IncidentService::Execute(const Caller& caller, CommandRequest req,
                              std::function<void(Result<IncidentView>)> done) {
  if (!caller.CanRespond()) {
    done(Error::PermissionDenied(caller.handle +
                                 " is a viewer: incident commands need the responder permission"));
    return;
  }
  if (std::holds_alternative<commands::RecordBreach>(req.command) ||
      std::holds_alternative<commands::RecordMessageOutcome>(req.command) ||
      std::holds_alternative<commands::RemindActionItem>(req.command)) {
    done(Error::PermissionDenied(
        "clock breaches, message outcomes and reminders are recorded by warroom itself"));
    return;
  }
  Run(Actor::User(caller.handle), caller, std::move(req), std::move(done));
}

void IncidentService::RecordMessageOutcome(const std::string& id,
                                           commands::RecordMessageOutcome outcome,
                                           std::function<void(Result<IncidentView>)> done) {
  CommandRequest req{id, std::move(outcome), std::nullopt};
  Run(Actor::System(), Caller{"warroom", store::Permission::kAdmin}, std::move(req),
      std::move(done));
}

void IncidentService::RecordLink(const std::string& id, commands::AddLink link,
                                 std::function<void(Result<IncidentView>)> done) {
  CommandRequest req{id, std::move(link), std::nullopt};
  Run(Actor::System(), Caller{"warroom", store::Permission::kAdmin}, std::move(req),
      std::move(done));
}

void IncidentService::RemindActionItem(const std::string& id, std::int64_t item_id, TimePoint at,
                                       std::function<void(Result<IncidentView>)> done) {
  CommandRequest req{id, commands::RemindActionItem{item_id}, at};
  Run(Actor::System(), Caller{"warroom", store::Permission::kAdmin}, std::move(req),
      std::move(done));
}

void IncidentService::RecordBreach(const std::string& id, ClockKind clock, TimePoint due_at,
                                   bool retroactive,
                                   std::function<void(Result<IncidentView>)> done) {
  CommandRequest req{id, commands::RecordBreach{clock, due_at, retroactive}, due_at};
  Run(Actor::System(), Caller{"warroom", store::Permission::kAdmin}, std::move(req),
      std::move(done));
}

namespace {

// A breach is recorded only while the clock really is breached and unmet at
// that due time: the runner's schedule may be a moment behind the log.
Outcome CheckBreach(const CachedIncident& inc, const commands::RecordBreach& b, TimePoint now) {
  for (const ClockView& v : inc.clocks.View(now)) {
    if (v.kind != b.clock) continue;
    if (v.status == ClockStatus::kBreached && !v.met_at && v.due_at == b.due_at) return Success();
  }
  return Error::FailedPrecondition(inc.state.id + ": the " + std::string(ClockKindName(b.clock)) +
                                   " clock due " + FormatTime(b.due_at) + " is not breached now");
}

// Only a publisher posts to the public status page (checked before anything
// else, so a non-publisher is told that and not what a template lacks). A
// restricted incident's refusal is Decide's, which says why.
Outcome MayPost(const Caller& caller, const IncidentState& s, const commands::PostUpdate& u) {
  if (u.audience != core::Audience::kStatusPage || caller.CanPublish() ||
      s.visibility == core::Visibility::kRestricted)
    return Success();
  return Error::PermissionDenied(
      "posting to the public status page needs the publish-public permission: an admin grants "
      "it with `warroom user update " +
      caller.handle + " --publish-public true`");
}

// Renders a templated update now, from the state it is posted on; posting
// re-arms the cadence, so the next update is due a cadence from `at`.
Outcome RenderTemplatedUpdate(const MessageRenderer* renderer, const PolicyEntry& entry,
                              const Caller& caller, const IncidentState& s, TimePoint at,
                              commands::PostUpdate& u) {
  if (!renderer) return Error::Unavailable("no communication templates are configured");
  WARROOM_ASSIGN_OR_RETURN(RenderedMessage m,
                           RenderUpdate(*renderer, entry, s, at, u.template_name));
  if (u.audience_from_template) {
    WARROOM_ASSIGN_OR_RETURN(u.audience, ParseAudience(m.audience));
    WARROOM_RETURN_IF_ERROR(MayPost(caller, s, u));
  }
  if (!m.empty_fields.empty()) {
    std::string fields;
    for (const auto& f : m.empty_fields) fields += (fields.empty() ? "" : ", ") + f;
    return Error::FailedPrecondition("the template " + u.template_name + " shows " + fields +
                                     ", still empty for " + s.id +
                                     ": record it first, or write the update by hand");
  }
  if (!u.preview_digest.empty() && u.preview_digest != MessageDigest(m))
    return Error::Conflict("the " + u.template_name + " update of " + s.id +
                           " reads differently now than in its preview (the incident or the "
                           "time changed): preview it again, then send");
  u.text = m.subject.empty() ? m.text : m.subject + "\n\n" + m.text;
  return Success();
}

// Appends a decision's events in `tx` after the incident's head, applying
// each to `inc` (state, clocks, head) and adding it to `appended`.
Outcome AppendDecision(store::WriteTx& tx, CachedIncident& inc, Decision& dec, const Actor& actor,
                       TimePoint now, std::vector<Event>& appended) {
  for (auto& payload : dec.events) {
    Event e;
    e.incident_id = inc.state.id;
    e.occurred_at = dec.occurred_at;
    e.recorded_at = now;
    e.actor = actor;
    e.payload = std::move(payload);
    WARROOM_ASSIGN_OR_RETURN(auto stored, tx.Append(ToNewEvent(e), inc.state.last_seq));
    e.incident_seq = stored.incident_seq;
    e.global_seq = stored.global_seq;
    Apply(inc.state, e);
    inc.clocks.Apply(e);
    inc.seq = stored.incident_seq;
    inc.hash = stored.hash;
    appended.push_back(std::move(e));
  }
  return Success();
}

// The row says executives are told at declaration: when an executives route
// is configured, warroom tells them, and the update it records (this
// decision, warroom's own) meets the executive notification clock. Nothing
// when none is owed.
Result<std::optional<Decision>> ExecutivesNotice(const Notifier& notifier,
                                                 const MessageRenderer* renderer,
                                                 const PolicyEntry& entry, const IncidentState& s,
                                                 TimePoint declared_at, TimePoint now) {
  const SeverityLevel& level = entry.policy.Level(s.severity);
  if (level.executive_notification.empty() || notifier.routing().To("executives").empty() ||
      s.visibility != Visibility::kPublic || !renderer)
    return std::optional<Decision>();
  RenderInput in{&s, &entry.policy, declared_at, std::nullopt};
  if (level.update_cadence)
    in.next_update_deadline =
        entry.calendar->Add(declared_at, *level.update_cadence, level.time_basis);
  WARROOM_ASSIGN_OR_RETURN(RenderedMessage m, renderer->Render("incident-declared", in));
  CommandContext sys{Actor::System(), true, now, declared_at, &entry.policy};
  WARROOM_ASSIGN_OR_RETURN(
      Decision notice,
      Decide(s, commands::PostUpdate{Audience::kExecutives, m.text, "incident-declared", false, ""},
             sys));
  return std::optional<Decision>(std::move(notice));
}

// Writes the outbox messages the appended events owe (who is told what);
// true when it wrote any.
Result<bool> QueueMessages(store::WriteTx& tx, const Notifier& notifier, const IncidentState& s,
                           const std::vector<Event>& appended, const PolicyEntry& entry,
                           TimePoint now) {
  FindUser find_user = [&tx](const std::string& handle) -> std::optional<store::User> {
    auto u = tx.FindUser(handle);
    return u.ok() ? *u : std::nullopt;
  };
  bool queued = false;
  for (auto& m : notifier.MessagesFor(s, appended, entry, now, find_user)) {
    WARROOM_RETURN_IF_ERROR(tx.InsertOutbox(m));
    queued = true;
  }
  return queued;
}

}  // namespace

void IncidentService::Run(Actor actor, const Caller& caller, CommandRequest req,
                          std::function<void(Result<IncidentView>)> done) {
  auto result = std::make_shared<std::optional<Executed>>();
  store::Store& store =
      actor.kind == Actor::Kind::kSystem && background_store_ ? *background_store_ : store_;
  const std::string incident_id = req.incident_id;  // empty for a declaration
  CachedPtr held = incident_id.empty() ? nullptr : cache_.FindCommitted(incident_id);
  store.WriteFor(
      incident_id, held ? held->seq : 0,
      [this, actor, caller, req = std::move(req), result](store::WriteTx& tx) -> Outcome {
        WARROOM_ASSIGN_OR_RETURN(*result, ExecuteIn(tx, actor, caller, req));
        return RecordAnswer(tx, caller, (*result)->view);
      },
      [this, result, done = std::move(done)](Outcome r) {
        if (!r.ok()) return done(r.error());
        Committed(**result);
        done(std::move((*result)->view));
      });
}

void IncidentService::Committed(const Executed& e) {
  cache_.MarkCommitted(e.view.state.id, e.view.state.last_seq);
  if (e.queued && on_outbox_) on_outbox_();
  if (on_commit_) on_commit_(e.view.state, e.view.clocks);
  if (bus_) {
    bus_->Publish(ChangeKind::kIncident, e.view.state.id);
    if (e.queued) bus_->Publish(ChangeKind::kOutbox);
  }
}

Result<IncidentService::Executed> IncidentService::ExecuteIn(store::WriteTx& tx, const Actor& actor,
                                                             const Caller& caller,
                                                             const CommandRequest& req) {
  Executed out;
  TimePoint now = clock_->Now();
  bool declare = std::holds_alternative<commands::Declare>(req.command);
  const PolicyEntry* entry = &policies_->Current();
  std::optional<CachedIncident> inc;  // a private copy: the cached one is shared
  if (declare) {
    TimePoint at = req.at.value_or(now);
    if (at > now + kMaxFutureSkew)
      return Error::InvalidArgument("--at " + FormatTime(at) + " is in the future (now " +
                                    FormatTime(now) + ")");
    inc.emplace(CachedIncident{IncidentState{},
                               ClockTracker(entry->policy, *entry->calendar),
                               0,
                               {},
                               std::make_shared<StateText>()});
  } else {
    WARROOM_ASSIGN_OR_RETURN(CachedPtr loaded, Load(tx, req.incident_id, /*committed=*/false));
    inc.emplace(*loaded);
    // An incident runs under the policy it was declared with.
    entry = &policies_->For(inc->state.policy_version);
    if (!CanSee(caller, inc->state)) return NoSuchIncident(req.incident_id);
  }
  WARROOM_ASSIGN_OR_RETURN(bool target_is_viewer, NamedUserIsViewer(tx, req.command));
  if (auto* b = std::get_if<commands::RecordBreach>(&req.command)) {
    WARROOM_RETURN_IF_ERROR(CheckBreach(*inc, *b, now));
  }
  Command command = req.command;
  if (auto* u = std::get_if<commands::PostUpdate>(&command)) {
    WARROOM_RETURN_IF_ERROR(MayPost(caller, inc->state, *u));
    if (!u->template_name.empty())
      WARROOM_RETURN_IF_ERROR(
          RenderTemplatedUpdate(renderer_, *entry, caller, inc->state, req.at.value_or(now), *u));
  }
  CommandContext ctx{actor, caller.IsAdmin(), now, req.at, &entry->policy, target_is_viewer};
  ctx.may_publish = caller.CanPublish();
  WARROOM_ASSIGN_OR_RETURN(Decision d, Decide(inc->state, command, ctx));
  if (declare) {
    // The day's number is taken only once the declaration is accepted: a
    // refusal inside a write that goes on and commits (the alert router's,
    // whose alerts then wait in triage) leaves the day's sequence gap-free.
    WARROOM_ASSIGN_OR_RETURN(inc->state.id, tx.NextIncidentId(d.occurred_at));
  }
  std::vector<Event> appended;
  WARROOM_RETURN_IF_ERROR(AppendDecision(tx, *inc, d, ctx.actor, now, appended));
  if (declare && notifier_) {
    WARROOM_ASSIGN_OR_RETURN(auto notice, ExecutivesNotice(*notifier_, renderer_, *entry,
                                                           inc->state, d.occurred_at, now));
    if (notice) {
      WARROOM_RETURN_IF_ERROR(AppendDecision(tx, *inc, *notice, Actor::System(), now, appended));
    }
  }
  if (notifier_) {
    WARROOM_ASSIGN_OR_RETURN(out.queued,
                             QueueMessages(tx, *notifier_, inc->state, appended, *entry, now));
  }
  WARROOM_RETURN_IF_ERROR(tx.UpsertIncident(ToRow(inc->state)));
  WARROOM_RETURN_IF_ERROR(UpsertActionItems(tx, inc->state, appended));
  // The state changed: its text is made when first read (StateText), and
  // a command's own answer is encoded where it is written.
  inc->state_text = std::make_shared<StateText>();
  IncidentView v;
  v.as_of = clock_->Now();
  v.clocks = inc->clocks.View(v.as_of);
  v.metrics = ComputeMetrics(inc->state, &entry->policy);
  v.state = inc->state;
  v.events = std::move(appended);
  cache_.PutUncommitted(v.state.id, std::make_shared<const CachedIncident>(std::move(*inc)));
  out.view = std::move(v);
  return out;
}

}  // namespace warroom::engine
