#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/clock.hpp"
#include "core/status_page/maintenance.hpp"
#include "core/status_page/page.hpp"
#include "engine/caller.hpp"
#include "engine/change_bus.hpp"
#include "engine/status_page_feed.hpp"
#include "engine/status_page_notices.hpp"
#include "store/store.hpp"

namespace warroom::engine {

// A component as the page's publishers manage it: what the page shows now
// and the latest status a person set (none: only incidents ever moved it).
struct PublishedComponent {
  core::status_page::Component component;
  core::status_page::ComponentStatus status = core::status_page::ComponentStatus::kOperational;
  std::optional<core::status_page::ManualStatus> set;
  std::string note;  // the latest setting's
};

// A maintenance a publisher announces: its window, the components it holds
// under maintenance while it runs, and the announcement.
struct MaintenancePlan {
  std::string name;
  TimePoint scheduled_for;
  TimePoint scheduled_until;
  std::vector<std::string> components;  // configured ids
  std::string body;
};

// A publisher's update of one: what they say (required), a status
// (in_progress, verifying, completed; empty: a word only) and perhaps a
// new end of its window.
struct MaintenanceNote {
  std::string maintenance_id;
  std::string status;
  std::string body;
  std::optional<TimePoint> scheduled_until;
};

// A maintenance as of the moment it was read (its status depends on when).
struct PublishedMaintenance {
  core::status_page::Maintenance maintenance;
  TimePoint as_of;
  core::status_page::MaintenanceStatus Status() const { return maintenance.StatusAt(as_of); }
};

// What people publish on the status page apart from incidents, recorded on
// the status-page chain of the log (core::events::kStatusPageChain): who
// set what, when and why, hash-chained with the rest, on every instance.
// Only publishers (Caller::CanPublish) change it.
class StatusPageService {
 public:
  // `feed`: the page it changes (rebuilt after each change, and read for
  // the components' statuses).
  StatusPageService(store::Store& store, std::shared_ptr<const Clock> clock, StatusPageFeed& feed,
                    ChangeBus* bus);
  // Maintenance notices to the page's subscribers, queued with what they
  // announce (none: no notices); `queued` wakes their dispatcher.
  void SetNotices(const StatusPageNotices* notices, std::function<void()> queued) {
    notices_ = notices;
    queued_ = std::move(queued);
  }

  // Sets a component's status; answers the component as the page will show
  // it once rebuilt. kNotFound for a component the configuration lacks.
  void SetComponentStatus(const Caller& caller, std::string component,
                          core::status_page::ComponentStatus status, std::string note,
                          std::function<void(Result<PublishedComponent>)> done);
  // Every configured component, in order, with its status as of now.
  void ListComponents(const Caller& caller,
                      std::function<void(Result<std::vector<PublishedComponent>>)> done);

  // Announces a maintenance; answers it as the page shows it. Refused
  // (kInvalidArgument) for a window that ends before it starts or has
  // already ended, no component, or one the configuration lacks.
  void ScheduleMaintenance(const Caller& caller, MaintenancePlan plan,
                           std::function<void(Result<PublishedMaintenance>)> done);
  // Posts an update. kNotFound for an unknown maintenance; kFailedPrecondition
  // once a person completed it (completion is final) or for an end moved
  // before its start or into the past.
  void UpdateMaintenance(const Caller& caller, MaintenanceNote note,
                         std::function<void(Result<PublishedMaintenance>)> done);
  // Every maintenance of the log, newest window first.
  void ListMaintenances(const Caller& caller,
                        std::function<void(Result<std::vector<PublishedMaintenance>>)> done);
  // One maintenance by id (kNotFound).
  void GetMaintenance(const Caller& caller, std::string id,
                      std::function<void(Result<PublishedMaintenance>)> done);

 private:
  // Appends `payload` to the status-page chain as `caller`'s, in `tx`;
  // answers its sequence number on the chain.
  Result<std::int64_t> AppendToChain(store::WriteTx& tx, const Caller& caller, TimePoint now,
                                     core::EventPayload payload) const;
  // Every maintenance of the chain as of `tx`.
  Result<std::vector<core::status_page::Maintenance>> Maintenances(store::ReadTx& tx) const;
  // After a write: tells the other instances and rebuilds the page.
  void Published();
  // Queues the notices of maintenance `m` in `tx`: what was said (the
  // event `seq`) and, when it runs by its schedule, its start and its end
  // as they come due.
  Outcome QueueNotices(store::WriteTx& tx, const core::status_page::Maintenance& m,
                       std::int64_t seq, const std::string& body, TimePoint now) const;

  Result<std::vector<PublishedComponent>> Components(store::ReadTx& tx, TimePoint now) const;

  store::Store& store_;
  std::shared_ptr<const Clock> clock_;
  StatusPageFeed& feed_;
  ChangeBus* bus_;
  const StatusPageNotices* notices_ = nullptr;
  std::function<void()> queued_;
};

// The permission error of a caller who may not publish.
Error NotAPublisher(const Caller& caller);
// The error for a component id the configuration lacks, naming those it has.
Error UnknownComponent(const std::vector<core::status_page::Component>& components,
                       const std::string& id);

}  // namespace warroom::engine
