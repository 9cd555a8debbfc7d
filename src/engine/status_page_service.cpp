#include "engine/status_page_service.hpp"

#include <algorithm>

#include "base/text.hpp"
#include "core/status_page/page_log.hpp"
#include "engine/reply.hpp"
#include "engine/request_scope.hpp"
#include "engine/stored_events.hpp"

namespace warroom::engine {

namespace sp = core::status_page;

namespace {

const std::string kChain(core::events::kStatusPageChain);

const sp::Component* Find(const std::vector<sp::Component>& components, const std::string& id) {
  auto it = std::find_if(components.begin(), components.end(),
                         [&](const sp::Component& c) { return c.id == id; });
  return it == components.end() ? nullptr : &*it;
}

}  // namespace

Error UnknownComponent(const std::vector<sp::Component>& components, const std::string& id) {
  std::string known;
  for (const sp::Component& c : components) known += (known.empty() ? "" : ", ") + c.id;
  return Error::NotFound("no component '" + Shown(id) +
                         "' on the status page: the configured ones are " + known);
}

Error NotAPublisher(const Caller& caller) {
  return Error::PermissionDenied(
      "changing the public status page needs the publish-public permission: an admin grants it "
      "with `warroom user update " +
      caller.handle + " --publish-public true`");
}

StatusPageService::StatusPageService(store::Store& store, std::shared_ptr<const Clock> clock,
                                     StatusPageFeed& feed, ChangeBus* bus)
    : store_(store), clock_(std::move(clock)), feed_(feed), bus_(bus) {}

void StatusPageService::SetComponentStatus(const Caller& caller, std::string component,
                                           sp::ComponentStatus status, std::string note,
                                           std::function<void(Result<PublishedComponent>)> done) {
  if (!caller.CanPublish()) return done(NotAPublisher(caller));
  const auto& components = feed_.settings().rules.components;
  const sp::Component* c = Find(components, component);
  if (!c) return done(UnknownComponent(components, component));
  auto out = std::make_shared<PublishedComponent>();
  out->component = *c;
  out->status = status;
  out->note = note;
  store_.Write(
      [this, caller, component, status, note, out](store::WriteTx& tx) -> Outcome {
        TimePoint now = clock_->Now();
        WARROOM_RETURN_IF_ERROR(
            AppendToChain(tx, caller, now,
                          core::events::ComponentStatusSet{
                              component, std::string(sp::ComponentStatusName(status)), note}));
        out->set = sp::ManualStatus{component, status, now, caller.handle};
        return RecordAnswer(tx, caller, *out);
      },
      [this, out, done = std::move(done)](Outcome r) {
        if (!r.ok()) return done(r.error());
        Published();
        // A person's latest word stands over every incident begun before it.
        done(*out);
      });
}

Result<std::int64_t> StatusPageService::AppendToChain(store::WriteTx& tx, const Caller& caller,
                                                      TimePoint now,
                                                      core::EventPayload payload) const {
  WARROOM_ASSIGN_OR_RETURN(auto head, tx.ChainHead(kChain));
  core::Event e;
  e.incident_id = kChain;
  e.occurred_at = e.recorded_at = now;
  e.actor = core::Actor::User(caller.handle);
  e.payload = std::move(payload);
  WARROOM_ASSIGN_OR_RETURN(auto stored, tx.Append(ToNewEvent(e), head ? head->first : 0));
  return stored.incident_seq;
}

void StatusPageService::Published() {
  if (bus_) bus_->Publish(ChangeKind::kStatusPage);
  feed_.Rebuild();
  if (queued_) queued_();
}

void StatusPageService::ListComponents(
    const Caller& caller, std::function<void(Result<std::vector<PublishedComponent>>)> done) {
  (void)caller;  // the page is public; who set what is for anyone signed in
  auto out = std::make_shared<std::vector<PublishedComponent>>();
  store_.Read(
      [this, out](store::ReadTx& tx) -> Outcome {
        WARROOM_ASSIGN_OR_RETURN(*out, Components(tx, clock_->Now()));
        return Success();
      },
      [out, done = std::move(done)](Outcome r) { Reply(r, *out, done); });
}

Result<std::vector<PublishedComponent>> StatusPageService::Components(store::ReadTx& tx,
                                                                      TimePoint now) const {
  WARROOM_ASSIGN_OR_RETURN(sp::PageView page, feed_.Build(tx, now));
  WARROOM_ASSIGN_OR_RETURN(auto chain, tx.LoadEvents(kChain));
  WARROOM_ASSIGN_OR_RETURN(auto events, FromStored(chain));
  std::vector<sp::ManualStatus> manual =
      sp::ManualStatusesOf(events, feed_.settings().rules.components);
  std::vector<PublishedComponent> out;
  for (const sp::ComponentView& v : page.components) {
    PublishedComponent p{v.component, v.status, std::nullopt, ""};
    for (const sp::ManualStatus& m : manual)
      if (m.component == v.component.id) p.set = m;
    out.push_back(std::move(p));
  }
  // The note of each latest setting, which the page itself never shows.
  for (const core::Event& e : events)
    if (const auto* set = std::get_if<core::events::ComponentStatusSet>(&e.payload))
      for (PublishedComponent& p : out)
        if (p.set && p.set->component == set->component && p.set->at == e.occurred_at)
          p.note = set->note;
  return out;
}

}  // namespace warroom::engine
