#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>

#include "base/clock.hpp"
#include "core/status_page/page.hpp"
#include "engine/change_bus.hpp"
#include "store/store.hpp"

namespace warroom::engine {

// An incident's public name: 16 hex digits of a keyed hash of its id, so
// no sequence shows and nothing needs storing (the same on every instance).
std::string StatusPageSlug(std::string_view slug_key, const std::string& incident_id);

// The public status page as of its last build, held in memory: a request
// never reads the database (during an outage every customer reloads it).
// Built from the log (every public incident of the history window) and
// rebuilt when an incident changes, on any instance (the change bus), and
// at least once a minute while read (today's uptime runs on).
class StatusPageFeed {
 public:
  struct Snapshot {
    core::status_page::PageView view;
    std::uint64_t version = 0;  // 1, 2, ... per build in this process
    TimePoint built_at;
  };
  using SnapshotPtr = std::shared_ptr<const Snapshot>;

  // `slug_key`: the secret an incident's public slug is derived from (the
  // same on every instance, so the slug is too).
  StatusPageFeed(store::Store& store, std::shared_ptr<const Clock> clock,
                 core::status_page::PageSettings settings, std::string slug_key);
  ~StatusPageFeed();
  StatusPageFeed(const StatusPageFeed&) = delete;
  StatusPageFeed& operator=(const StatusPageFeed&) = delete;

  // The first build, synchronous, at start-up.
  Outcome Start();
  void Listen(ChangeBus& bus);
  // Called after each build (on the store's thread; it must not block).
  void OnBuilt(std::function<void(const SnapshotPtr&)> fn);

  // The page as last built (a build is started when it is older than a
  // minute); never null after Start.
  SnapshotPtr Current();
  const core::status_page::PageSettings& settings() const { return settings_; }
  // The public name of an incident: 16 hex digits of a keyed hash of its
  // id, so no sequence shows and nothing needs storing.
  std::string SlugOf(const std::string& incident_id) const;
  // Builds again now (asynchronously; coalesced with one under way).
  void Rebuild();
  // The page as of `now` from `tx` (what a build publishes), for a reader
  // that must see its own change at once.
  Result<core::status_page::PageView> Build(store::ReadTx& tx, TimePoint now);

 private:
  void Publish(core::status_page::PageView view, TimePoint now);

  store::Store& store_;
  std::shared_ptr<const Clock> clock_;
  const core::status_page::PageSettings settings_;
  const std::string slug_key_;
  mutable std::mutex mu_;
  SnapshotPtr current_;
  std::uint64_t version_ = 0;
  bool building_ = false;
  bool again_ = false;
  std::function<void(const SnapshotPtr&)> on_built_;
  ChangeBus* bus_ = nullptr;
  int subscription_ = -1;
};

}  // namespace warroom::engine
