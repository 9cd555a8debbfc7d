#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/clock.hpp"
#include "core/status_page/page.hpp"
#include "engine/caller.hpp"
#include "engine/change_bus.hpp"
#include "engine/status_page_feed.hpp"
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

  // Sets a component's status; answers the component as the page will show
  // it once rebuilt. kNotFound for a component the configuration lacks.
  void SetComponentStatus(const Caller& caller, std::string component,
                          core::status_page::ComponentStatus status, std::string note,
                          std::function<void(Result<PublishedComponent>)> done);
  // Every configured component, in order, with its status as of now.
  void ListComponents(const Caller& caller,
                      std::function<void(Result<std::vector<PublishedComponent>>)> done);

 private:
  Result<std::vector<PublishedComponent>> Components(store::ReadTx& tx, TimePoint now) const;

  store::Store& store_;
  std::shared_ptr<const Clock> clock_;
  StatusPageFeed& feed_;
  ChangeBus* bus_;
};

// The permission error of a caller who may not publish.
Error NotAPublisher(const Caller& caller);

}  // namespace warroom::engine
