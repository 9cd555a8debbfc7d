// StatusPageService's scheduled maintenances: announced, updated and listed
// on the status-page chain (core::status_page::MaintenancesOf reads them).
#include <algorithm>

#include "base/text.hpp"
#include "engine/reply.hpp"
#include "engine/request_scope.hpp"
#include "engine/status_page_service.hpp"
#include "engine/stored_events.hpp"
#include "engine/tokens.hpp"

namespace warroom::engine {

namespace sp = core::status_page;

namespace {

const std::string kChain(core::events::kStatusPageChain);

const sp::Maintenance* FindMaintenance(const std::vector<sp::Maintenance>& all,
                                       const std::string& id) {
  auto it =
      std::find_if(all.begin(), all.end(), [&](const sp::Maintenance& m) { return m.id == id; });
  return it == all.end() ? nullptr : &*it;
}

Error UnknownMaintenance(const std::string& id) {
  return Error::NotFound("no scheduled maintenance '" + Shown(id) +
                         "': `warroom status-page maintenance list` shows them");
}

}  // namespace

Result<std::vector<sp::Maintenance>> StatusPageService::Maintenances(store::ReadTx& tx) const {
  WARROOM_ASSIGN_OR_RETURN(auto chain, tx.LoadEvents(kChain));
  WARROOM_ASSIGN_OR_RETURN(auto events, FromStored(chain));
  return sp::MaintenancesOf(events, feed_.settings().rules.components);
}

void StatusPageService::ScheduleMaintenance(
    const Caller& caller, MaintenancePlan plan,
    std::function<void(Result<PublishedMaintenance>)> done) {
  if (!caller.CanPublish()) return done(NotAPublisher(caller));
  if (plan.scheduled_until <= plan.scheduled_for)
    return done(Error::InvalidArgument(
        "a maintenance's scheduled_until (" + FormatTime(plan.scheduled_until) +
        ") must come after its scheduled_for (" + FormatTime(plan.scheduled_for) + ")"));
  TimePoint now = clock_->Now();
  if (plan.scheduled_until <= now)
    return done(Error::InvalidArgument("the window ends at " + FormatTime(plan.scheduled_until) +
                                       ", which has passed: schedule one that is still to come "
                                       "or under way"));
  if (plan.components.empty())
    return done(
        Error::InvalidArgument("a maintenance names the components it affects: give at least one"));
  const auto& components = feed_.settings().rules.components;
  std::vector<std::string> ids;
  for (const std::string& c : plan.components) {
    if (!sp::IsComponent(components, c)) return done(UnknownComponent(components, c));
    if (std::find(ids.begin(), ids.end(), c) == ids.end()) ids.push_back(c);
  }
  auto out = std::make_shared<PublishedMaintenance>();
  std::string id = NewTokenSecret("").substr(0, 20);  // 80 random bits, the public id
  store_.Write(
      [this, caller, plan = std::move(plan), ids, id, out](store::WriteTx& tx) -> Outcome {
        TimePoint at = clock_->Now();
        WARROOM_ASSIGN_OR_RETURN(
            auto seq, AppendToChain(tx, caller, at,
                                    core::events::MaintenanceScheduled{
                                        id, plan.name, plan.scheduled_for, plan.scheduled_until,
                                        ids, plan.body}));
        WARROOM_ASSIGN_OR_RETURN(auto all, Maintenances(tx));
        const sp::Maintenance* m = FindMaintenance(all, id);
        if (!m) return Error::Internal("the maintenance just scheduled is not in the log");
        WARROOM_RETURN_IF_ERROR(QueueNotices(tx, *m, seq, plan.body, at));
        *out = PublishedMaintenance{*m, at};
        return RecordAnswer(tx, caller, *out);
      },
      [this, out, done = std::move(done)](Outcome r) {
        if (!r.ok()) return done(r.error());
        Published();
        done(*out);
      });
}

void StatusPageService::UpdateMaintenance(const Caller& caller, MaintenanceNote note,
                                          std::function<void(Result<PublishedMaintenance>)> done) {
  if (!caller.CanPublish()) return done(NotAPublisher(caller));
  if (!note.status.empty()) {
    auto parsed = sp::ParseMaintenanceUpdateStatus(note.status);
    if (!parsed.ok()) return done(parsed.error());
  }
  if (note.body.empty())
    return done(Error::InvalidArgument(
        "an update says something to the public: give its body (and, if it changes, a status "
        "or a new scheduled_until)"));
  auto out = std::make_shared<PublishedMaintenance>();
  store_.Write(
      [this, caller, note = std::move(note), out](store::WriteTx& tx) -> Outcome {
        TimePoint now = clock_->Now();
        WARROOM_ASSIGN_OR_RETURN(auto all, Maintenances(tx));
        const sp::Maintenance* m = FindMaintenance(all, note.maintenance_id);
        if (!m) return UnknownMaintenance(note.maintenance_id);
        if (m->completed_at)
          return Error::FailedPrecondition("maintenance '" + m->name + "' was completed at " +
                                           FormatTime(*m->completed_at) +
                                           " and stays so: schedule a new one for more work");
        if (note.scheduled_until) {
          TimePoint start = m->StartsAt();
          if (*note.scheduled_until <= start || *note.scheduled_until <= now)
            return Error::FailedPrecondition(
                "the new scheduled_until (" + FormatTime(*note.scheduled_until) +
                ") must come after the maintenance's start (" + FormatTime(start) +
                ") and after now; to end it, post the status completed");
        }
        WARROOM_ASSIGN_OR_RETURN(auto seq, AppendToChain(tx, caller, now,
                                                         core::events::MaintenanceUpdated{
                                                             note.maintenance_id, note.status,
                                                             note.body, note.scheduled_until}));
        WARROOM_ASSIGN_OR_RETURN(all, Maintenances(tx));
        const sp::Maintenance& updated = *FindMaintenance(all, note.maintenance_id);
        WARROOM_RETURN_IF_ERROR(QueueNotices(tx, updated, seq, note.body, now));
        *out = PublishedMaintenance{updated, now};
        return RecordAnswer(tx, caller, *out);
      },
      [this, out, done = std::move(done)](Outcome r) {
        if (!r.ok()) return done(r.error());
        Published();
        done(*out);
      });
}

Outcome StatusPageService::QueueNotices(store::WriteTx& tx, const sp::Maintenance& m,
                                        std::int64_t seq, const std::string& body,
                                        TimePoint now) const {
  if (!notices_) return Success();
  WARROOM_RETURN_IF_ERROR(tx.InsertOutbox(notices_->ForMaintenance(m, seq, body, now)));
  // Its start and end by the schedule, as they come due: each is sent only
  // if the maintenance still starts or ends then (the subscriber dispatcher
  // checks), so a moved window or a person's word in between leaves it out.
  for (auto boundary : {NoticeBoundary::kStart, NoticeBoundary::kEnd}) {
    auto n = notices_->AtBoundary(m, boundary, now);
    if (n) WARROOM_RETURN_IF_ERROR(tx.InsertOutbox(*n));
  }
  return Success();
}

void StatusPageService::ListMaintenances(
    const Caller& caller, std::function<void(Result<std::vector<PublishedMaintenance>>)> done) {
  (void)caller;  // what the public page shows, for anyone signed in
  auto out = std::make_shared<std::vector<PublishedMaintenance>>();
  store_.Read(
      [this, out](store::ReadTx& tx) -> Outcome {
        TimePoint now = clock_->Now();
        WARROOM_ASSIGN_OR_RETURN(auto all, Maintenances(tx));
        std::stable_sort(all.begin(), all.end(),
                         [](const sp::Maintenance& a, const sp::Maintenance& b) {
                           return a.scheduled_for > b.scheduled_for;
                         });
        for (sp::Maintenance& m : all) out->push_back(PublishedMaintenance{std::move(m), now});
        return Success();
      },
      [out, done = std::move(done)](Outcome r) { Reply(r, *out, done); });
}

void StatusPageService::GetMaintenance(const Caller& caller, std::string id,
                                       std::function<void(Result<PublishedMaintenance>)> done) {
  (void)caller;
  auto out = std::make_shared<PublishedMaintenance>();
  store_.Read(
      [this, id, out](store::ReadTx& tx) -> Outcome {
        WARROOM_ASSIGN_OR_RETURN(auto all, Maintenances(tx));
        const sp::Maintenance* m = FindMaintenance(all, id);
        if (!m) return UnknownMaintenance(id);
        *out = PublishedMaintenance{*m, clock_->Now()};
        return Success();
      },
      [out, done = std::move(done)](Outcome r) { Reply(r, *out, done); });
}

}  // namespace warroom::engine
