#include "engine/incident_service.hpp"

#include <algorithm>

#include "engine/reply.hpp"

#include "api/incident_json.hpp"
#include "engine/stored_events.hpp"

namespace warroom::engine {

using namespace core;

namespace {
// Incidents whose state and clocks stay in memory between commands.
constexpr std::size_t kIncidentCacheSize = 4096;

std::shared_ptr<const std::string> StateJson(const IncidentState& s) {
  return std::make_shared<const std::string>(boost::json::serialize(api::EncodeState(s)));
}
}  // namespace

bool CanSee(const Caller& caller, Visibility visibility,
            const std::vector<std::string>& participants) {
  return visibility == Visibility::kPublic || caller.IsAdmin() ||
         std::find(participants.begin(), participants.end(), caller.handle) != participants.end();
}

bool CanSee(const Caller& caller, const IncidentState& s) {
  return CanSee(caller, s.visibility, s.Participants());
}

bool CanSee(const Caller& caller, const store::IncidentRow& r) {
  return CanSee(caller, r.visibility, r.participants);
}

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

IncidentView IncidentService::MakeView(IncidentState state, std::vector<Event> events) const {
  IncidentView v;
  v.as_of = clock_->Now();
  const PolicyEntry& p = policies_->For(state.policy_version);
  v.clocks = ComputeClocks(p.policy, *p.calendar, events, v.as_of);
  v.metrics = ComputeMetrics(state, &policies_->For(state.policy_version).policy);
  v.state = std::move(state);
  v.events = std::move(events);
  return v;
}

namespace {

// The user a command names (a role's holder, a responder, a task's
// assignee), if any.
std::optional<std::string> NamedUser(const Command& cmd) {
  if (auto* a = std::get_if<commands::AssignRole>(&cmd)) return a->user;
  if (auto* j = std::get_if<commands::Join>(&cmd)) return j->user;
  if (auto* t = std::get_if<commands::AddTask>(&cmd); t && !t->assignee.empty()) return t->assignee;
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

Error NoSuchIncident(const std::string& id) {
  return Error::NotFound("no incident " + id + " (list incidents with `warroom list`)");
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
      std::holds_alternative<commands::RecordMessageOutcome>(req.command)) {
    done(Error::PermissionDenied(
        "clock breaches and message outcomes are recorded by warroom itself"));
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

}  // namespace

void IncidentService::Run(Actor actor, const Caller& caller, CommandRequest req,
                          std::function<void(Result<IncidentView>)> done) {
  auto result = std::make_shared<std::optional<Executed>>();
  store_.Write(
      [this, actor, caller, req = std::move(req), result](store::WriteTx& tx) -> Outcome {
        WARROOM_ASSIGN_OR_RETURN(*result, ExecuteIn(tx, actor, caller, req));
        return Success();
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
    inc.emplace(CachedIncident{
        IncidentState{}, ClockTracker(entry->policy, *entry->calendar), 0, {}, nullptr});
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
  if (auto* u = std::get_if<commands::PostUpdate>(&command); u && !u->template_name.empty()) {
    // Render now, from the state this update is posted on; posting
    // re-arms the cadence, so the next update is due a cadence from now.
    if (!renderer_) return Error::Unavailable("no communication templates are configured");
    const SeverityLevel& level = entry->policy.Level(inc->state.severity);
    RenderInput in{&inc->state, &entry->policy, req.at.value_or(now), std::nullopt};
    if (level.update_cadence)
      in.next_update_deadline =
          entry->calendar->Add(in.now, *level.update_cadence, level.time_basis);
    WARROOM_ASSIGN_OR_RETURN(RenderedMessage m, renderer_->Render(u->template_name, in));
    u->text = m.subject.empty() ? m.text : m.subject + "\n\n" + m.text;
    if (u->audience_from_template) {
      WARROOM_ASSIGN_OR_RETURN(u->audience, ParseAudience(m.audience));
    }
  }
  CommandContext ctx{actor, caller.IsAdmin(), now, req.at, &entry->policy, target_is_viewer};
  WARROOM_ASSIGN_OR_RETURN(Decision d, Decide(inc->state, command, ctx));
  if (declare) {
    // The day's number is taken only once the declaration is accepted: a
    // refusal inside a write that goes on and commits (the alert router's,
    // whose alerts then wait in triage) leaves the day's sequence gap-free.
    WARROOM_ASSIGN_OR_RETURN(inc->state.id, tx.NextIncidentId(d.occurred_at));
  }
  std::vector<Event> appended;
  auto append = [&](Decision& dec, const Actor& actor) -> Outcome {
    for (auto& payload : dec.events) {
      Event e;
      e.incident_id = inc->state.id;
      e.occurred_at = dec.occurred_at;
      e.recorded_at = now;
      e.actor = actor;
      e.payload = std::move(payload);
      WARROOM_ASSIGN_OR_RETURN(auto stored, tx.Append(ToNewEvent(e), inc->state.last_seq));
      e.incident_seq = stored.incident_seq;
      e.global_seq = stored.global_seq;
      Apply(inc->state, e);
      inc->clocks.Apply(e);
      inc->seq = stored.incident_seq;
      inc->hash = stored.hash;
      appended.push_back(std::move(e));
    }
    return Success();
  };
  WARROOM_RETURN_IF_ERROR(append(d, ctx.actor));
  if (declare && notifier_) {
    // The row says executives are told at declaration: when an
    // executives route is configured, warroom tells them, and the
    // update it records meets the executive notification clock.
    const SeverityLevel& level = entry->policy.Level(inc->state.severity);
    if (!level.executive_notification.empty() && !notifier_->routing().To("executives").empty() &&
        inc->state.visibility == Visibility::kPublic && renderer_) {
      RenderInput in{&inc->state, &entry->policy, d.occurred_at, std::nullopt};
      if (level.update_cadence)
        in.next_update_deadline =
            entry->calendar->Add(d.occurred_at, *level.update_cadence, level.time_basis);
      WARROOM_ASSIGN_OR_RETURN(RenderedMessage m, renderer_->Render("incident-declared", in));
      CommandContext sys{Actor::System(), true, now, d.occurred_at, &entry->policy};
      WARROOM_ASSIGN_OR_RETURN(
          Decision notice,
          Decide(inc->state,
                 commands::PostUpdate{Audience::kExecutives, m.text, "incident-declared", false},
                 sys));
      WARROOM_RETURN_IF_ERROR(append(notice, sys.actor));
    }
  }
  if (notifier_) {
    FindUser find_user = [&tx](const std::string& handle) -> std::optional<store::User> {
      auto u = tx.FindUser(handle);
      return u.ok() ? *u : std::nullopt;
    };
    for (auto& m : notifier_->MessagesFor(inc->state, appended, *entry, now, find_user)) {
      WARROOM_RETURN_IF_ERROR(tx.InsertOutbox(m));
      out.queued = true;
    }
  }
  WARROOM_RETURN_IF_ERROR(tx.UpsertIncident(ToRow(inc->state)));
  inc->state_json = StateJson(inc->state);
  IncidentView v;
  v.state_json = inc->state_json;
  v.as_of = clock_->Now();
  v.clocks = inc->clocks.View(v.as_of);
  v.metrics = ComputeMetrics(inc->state, &entry->policy);
  v.state = inc->state;
  v.events = std::move(appended);
  cache_.PutUncommitted(v.state.id, std::make_shared<const CachedIncident>(std::move(*inc)));
  out.view = std::move(v);
  return out;
}

Result<IncidentState> IncidentService::StateIn(store::ReadTx& tx, const std::string& id) {
  WARROOM_ASSIGN_OR_RETURN(CachedPtr c, Load(tx, id, /*committed=*/false));
  return c->state;
}

Result<CachedPtr> IncidentService::Load(store::ReadTx& tx, const std::string& id, bool committed) {
  WARROOM_ASSIGN_OR_RETURN(auto head, tx.ChainHead(id));
  if (!head) return NoSuchIncident(id);
  if (CachedPtr hit = cache_.FindAt(id, head->first, head->second)) return hit;
  WARROOM_ASSIGN_OR_RETURN(auto rows, tx.LoadEvents(id));
  WARROOM_ASSIGN_OR_RETURN(auto history, FromStored(rows));
  IncidentState s = Fold(history);
  const PolicyEntry& p = policies_->For(s.policy_version);
  ClockTracker clocks(p.policy, *p.calendar);
  for (const Event& e : history) clocks.Apply(e);
  auto json = StateJson(s);
  auto c = std::make_shared<const CachedIncident>(
      CachedIncident{std::move(s), std::move(clocks), head->first, head->second, std::move(json)});
  // A writer's snapshot may hold its batch's uncommitted writes: only a
  // reader's is known to be committed.
  if (committed) cache_.PutCommitted(id, c);
  return CachedPtr(c);
}

IncidentView IncidentService::ViewOf(const CachedIncident& inc) const {
  IncidentView v;
  v.as_of = clock_->Now();
  v.clocks = inc.clocks.View(v.as_of);
  v.metrics = ComputeMetrics(inc.state, &policies_->For(inc.state.policy_version).policy);
  v.state = inc.state;
  v.state_json = inc.state_json;
  return v;
}

void IncidentService::Get(const Caller& caller, const std::string& id,
                          std::function<void(Result<IncidentView>)> done) {
  if (memory_reads_) {
    // This process is the only writer: a committed entry is the truth.
    if (CachedPtr hit = cache_.FindCommitted(id)) {
      if (!CanSee(caller, hit->state)) return done(NoSuchIncident(id));
      return done(ViewOf(*hit));
    }
  }
  auto result = std::make_shared<std::optional<IncidentView>>();
  store_.Read(
      [this, caller, id, result](store::ReadTx& tx) -> Outcome {
        WARROOM_ASSIGN_OR_RETURN(CachedPtr inc, Load(tx, id, /*committed=*/true));
        if (!CanSee(caller, inc->state)) return NoSuchIncident(id);
        *result = ViewOf(*inc);
        return Success();
      },
      [result, done = std::move(done)](Outcome r) { Reply(std::move(r), *result, done); });
}

void IncidentService::Freezes(const Caller& caller,
                              std::function<void(Result<std::vector<Freeze>>)> done) {
  store::IncidentFilter f;
  f.frozen = true;
  f.ignore_visibility = true;  // a pipeline stops for every freeze...
  f.limit = 1000;
  auto result = std::make_shared<std::vector<Freeze>>();
  store_.Read(
      [f, caller, result](store::ReadTx& tx) -> Outcome {
        WARROOM_ASSIGN_OR_RETURN(auto rows, tx.ListIncidents(f));
        for (auto& r : rows) {
          // ...but learns nothing of a restricted incident it may not see.
          if (!CanSee(caller, r)) {
            result->push_back(Freeze{true, "", "", "", "", r.freeze_since});
          } else {
            result->push_back(Freeze{false, r.id, std::string(SeverityName(r.severity)), r.summary,
                                     r.freeze_reason, r.freeze_since});
          }
        }
        return Success();
      },
      [result, done = std::move(done)](Outcome r) { Reply(std::move(r), *result, done); });
}

void IncidentService::Preview(const Caller& caller, const std::string& id,
                              const std::string& template_name,
                              std::function<void(Result<RenderedMessage>)> done) {
  if (!renderer_) return done(Error::Unavailable("no communication templates are configured"));
  auto result = std::make_shared<std::optional<RenderedMessage>>();
  store_.Read(
      [this, caller, id, template_name, result](store::ReadTx& tx) -> Outcome {
        WARROOM_ASSIGN_OR_RETURN(CachedPtr inc, Load(tx, id, /*committed=*/true));
        if (!CanSee(caller, inc->state)) return NoSuchIncident(id);
        const PolicyEntry& p = policies_->For(inc->state.policy_version);
        RenderInput in{&inc->state, &p.policy, clock_->Now(), std::nullopt};
        for (const ClockView& v : inc->clocks.View(in.now))
          if (v.kind == ClockKind::kUpdate && v.due_at && v.status != ClockStatus::kNotApplicable)
            in.next_update_deadline = v.due_at;
        WARROOM_ASSIGN_OR_RETURN(*result, renderer_->Render(template_name, in));
        return Success();
      },
      [result, done = std::move(done)](Outcome r) { Reply(std::move(r), *result, done); });
}

void IncidentService::GetWithTimeline(const Caller& caller, const std::string& id,
                                      std::function<void(Result<IncidentView>)> done) {
  auto result = std::make_shared<std::optional<IncidentView>>();
  store_.Read(
      [this, caller, id, result](store::ReadTx& tx) -> Outcome {
        WARROOM_ASSIGN_OR_RETURN(auto rows, tx.LoadEvents(id));
        if (rows.empty()) return NoSuchIncident(id);
        WARROOM_ASSIGN_OR_RETURN(auto history, FromStored(rows));
        IncidentState state = Fold(history);
        if (!CanSee(caller, state)) return NoSuchIncident(id);
        *result = MakeView(std::move(state), std::move(history));
        return Success();
      },
      [result, done = std::move(done)](Outcome r) { Reply(std::move(r), *result, done); });
}

void IncidentService::List(const Caller& caller, store::IncidentFilter filter,
                           std::function<void(Result<std::vector<store::IncidentRow>>)> done) {
  filter.viewer = caller.handle;
  filter.viewer_is_admin = caller.IsAdmin();
  filter.ignore_visibility = false;
  auto result = std::make_shared<std::vector<store::IncidentRow>>();
  store_.Read(
      [filter, result](store::ReadTx& tx) -> Outcome {
        WARROOM_ASSIGN_OR_RETURN(*result, tx.ListIncidents(filter));
        return Success();
      },
      [result, done = std::move(done)](Outcome r) { Reply(std::move(r), *result, done); });
}

}  // namespace warroom::engine
