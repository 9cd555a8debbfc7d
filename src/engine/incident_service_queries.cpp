// IncidentService's queries: an incident's state, clocks and metrics (from
// the cache of committed state when this process is the only writer), its
// timeline, the list, the active freezes and template previews. None
// writes; each answers kNotFound for an incident the caller may not see.
#include "engine/incident_service.hpp"
#include "engine/reply.hpp"
#include "engine/stored_events.hpp"
#include "engine/update_message.hpp"

namespace warroom::engine {

using namespace core;

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

Result<IncidentState> IncidentService::StateIn(store::ReadTx& tx, const std::string& id) {
  WARROOM_ASSIGN_OR_RETURN(CachedPtr c, Load(tx, id, /*committed=*/false));
  return c->state;
}

Result<CachedPtr> IncidentService::Load(store::ReadTx& tx, const std::string& id, bool committed) {
  // The administration chain shares the log, but is no incident.
  if (core::events::IsSystemChain(id)) return NoSuchIncident(id);
  WARROOM_ASSIGN_OR_RETURN(auto head, tx.ChainHead(id));
  if (!head) return NoSuchIncident(id);
  if (CachedPtr hit = cache_.FindAt(id, head->first, head->second)) return hit;
  // An older committed state (another instance appended since): only what
  // was appended after it is read and applied. Replaying the whole
  // timeline made every write that lost a race with another instance cost
  // the incident's length.
  if (CachedPtr base = cache_.FindCommitted(id); base && base->seq < head->first) {
    WARROOM_ASSIGN_OR_RETURN(auto rows, tx.LoadEventsAfter(id, base->seq));
    if (!rows.empty() && rows.front().incident_seq == base->seq + 1 &&
        rows.front().prev_hash == base->hash && rows.back().incident_seq == head->first &&
        rows.back().hash == head->second) {
      WARROOM_ASSIGN_OR_RETURN(auto added, FromStored(rows));
      IncidentState s = base->state;
      core::ClockTracker clocks = base->clocks;
      for (const Event& e : added) {
        Apply(s, e);
        clocks.Apply(e);
      }
      if (s.policy_version == base->state.policy_version) {
        auto c = std::make_shared<const CachedIncident>(
            CachedIncident{std::move(s), std::move(clocks), head->first, head->second,
                           std::make_shared<StateText>()});
        if (committed) cache_.PutCommitted(id, c);
        return CachedPtr(c);
      }
    }
    // Anything else (a chain that does not continue the entry's) is read
    // whole below.
  }
  WARROOM_ASSIGN_OR_RETURN(auto rows, tx.LoadEvents(id));
  WARROOM_ASSIGN_OR_RETURN(auto history, FromStored(rows));
  IncidentState s = Fold(history);
  const PolicyEntry& p = policies_->For(s.policy_version);
  ClockTracker clocks(p.policy, *p.calendar);
  for (const Event& e : history) clocks.Apply(e);
  auto c = std::make_shared<const CachedIncident>(CachedIncident{
      std::move(s), std::move(clocks), head->first, head->second, std::make_shared<StateText>()});
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
  v.state_json = inc.state_text->Of(inc.state);
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
        // Rendered as posting it now would render it, so that a send that
        // follows reads the same.
        WARROOM_ASSIGN_OR_RETURN(
            *result, RenderUpdate(*renderer_, p, inc->state, clock_->Now(), template_name));
        return Success();
      },
      [result, done = std::move(done)](Outcome r) { Reply(std::move(r), *result, done); });
}

void IncidentService::GetWithTimeline(const Caller& caller, const std::string& id,
                                      std::function<void(Result<IncidentView>)> done) {
  auto result = std::make_shared<std::optional<IncidentView>>();
  store_.Read(
      [this, caller, id, result](store::ReadTx& tx) -> Outcome {
        if (core::events::IsSystemChain(id)) return NoSuchIncident(id);
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

void IncidentService::ListActionItems(const Caller& caller, store::ActionItemFilter filter,
                                      bool overdue,
                                      std::function<void(Result<ActionItemList>)> done) {
  filter.viewer = caller.handle;
  filter.viewer_is_admin = caller.IsAdmin();
  filter.ignore_visibility = false;
  auto result = std::make_shared<ActionItemList>();
  result->today = FormatDate(clock_->Now());
  if (overdue) filter.overdue_on = result->today;
  store_.Read(
      [filter, result](store::ReadTx& tx) -> Outcome {
        WARROOM_ASSIGN_OR_RETURN(result->items, tx.ListActionItems(filter));
        return Success();
      },
      [result, done = std::move(done)](Outcome r) { Reply(std::move(r), *result, done); });
}

void IncidentService::OpenIncidents(const Caller& caller, int limit,
                                    std::function<void(Result<std::vector<IncidentView>>)> done) {
  store::IncidentFilter filter;
  filter.open = true;
  filter.viewer = caller.handle;
  filter.viewer_is_admin = caller.IsAdmin();
  filter.limit = limit;
  auto result = std::make_shared<std::vector<IncidentView>>();
  store_.Read(
      [this, filter, caller, result](store::ReadTx& tx) -> Outcome {
        WARROOM_ASSIGN_OR_RETURN(auto rows, tx.ListIncidents(filter));
        result->reserve(rows.size());
        for (const store::IncidentRow& row : rows) {
          WARROOM_ASSIGN_OR_RETURN(CachedPtr inc, Load(tx, row.id, /*committed=*/true));
          // The list row and the chain agree on who may see it; the chain
          // is the truth if they ever did not.
          if (CanSee(caller, inc->state)) result->push_back(ViewOf(*inc));
        }
        return Success();
      },
      [result, done = std::move(done)](Outcome r) { Reply(std::move(r), *result, done); });
}

}  // namespace warroom::engine
