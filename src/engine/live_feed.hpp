#pragma once

// The event log as browsers watch it live (GET /api/v1/stream). One reader
// per instance follows the log by its global sequence: a change announced
// on the bus (by this instance, or by another through the peers' feed)
// makes it read what was committed since the last event it holds, once,
// for every open stream; the newest `keep` events stay in memory for
// streams that fell a little behind, and a stream further behind (a
// browser reconnecting with an old Last-Event-ID) reads the store itself.
// Each event carries its incident's visibility and participants as the
// feed read them, so a stream filters by what its viewer may see without
// a read of its own.

#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/incident/event.hpp"
#include "engine/change_bus.hpp"
#include "engine/incident_service.hpp"
#include "store/store.hpp"

namespace warroom::engine {

struct LiveEvent {
  core::Event event;
  core::Visibility visibility = core::Visibility::kPublic;  // the incident's, when read
  std::vector<std::string> participants;                    // who may see it when restricted
};
using LiveEventPtr = std::shared_ptr<const LiveEvent>;

class LiveFeed {
 public:
  LiveFeed(store::Store& store, IncidentService& incidents, std::size_t keep = 4096);
  ~LiveFeed();
  LiveFeed(const LiveFeed&) = delete;
  LiveFeed& operator=(const LiveFeed&) = delete;

  // Follows the bus: incidents (and kEverything) read the log; alerts and
  // users are counted for the streams (triage counts, re-authentication).
  void Listen(ChangeBus& bus);
  // Where the log ends now (a stream without Last-Event-ID starts there).
  // Synchronous, at start-up.
  Outcome Start();
  // Ends every stream at its next step (the server is stopping).
  void Stop();
  bool stopped() const;

  // `wake` is called (on any thread; it must not block) whenever there is
  // something new: events, an alerts or users change, the stop.
  int Watch(std::function<void()> wake);
  void Unwatch(int id);

  // Counters a stream compares with what it last saw.
  struct Signals {
    std::uint64_t alerts = 0;
    std::uint64_t users = 0;
  };
  Signals signals() const;
  std::int64_t Head() const;

  // The events after global sequence `after` that are held in memory;
  // `complete` is false when some before them are no longer held (read
  // them with Backfill).
  struct Slice {
    std::vector<LiveEventPtr> events;
    bool complete = true;
  };
  Slice After(std::int64_t after) const;
  void Backfill(std::int64_t after, int limit,
                std::function<void(Result<std::vector<LiveEventPtr>>)> done);

  // At most `max_per_user` open streams per handle: false when the handle
  // has them all (Release each admitted one).
  bool Admit(const std::string& handle, int max_per_user);
  void Release(const std::string& handle);
  int OpenStreams() const;

  // Reads what was committed since the head (what an announcement does).
  void Poll();

 private:
  Result<std::vector<LiveEventPtr>> ReadAfter(store::ReadTx& tx, std::int64_t after, int limit);
  void WakeAll();
  void Heard(const Change& c);

  store::Store& store_;
  IncidentService& incidents_;
  const std::size_t keep_;
  ChangeBus* bus_ = nullptr;
  int subscription_ = 0;

  mutable std::mutex mu_;
  std::deque<LiveEventPtr> held_;  // the newest, in global order
  // Each held incident's audience as last read, to tell when one changed.
  using Audience = std::pair<core::Visibility, std::vector<std::string>>;
  std::map<std::string, Audience> audiences_;
  std::int64_t head_ = 0;  // the last global sequence read
  bool polling_ = false;
  bool again_ = false;
  bool stopped_ = false;
  Signals signals_;
  std::map<int, std::function<void()>> watchers_;
  int next_watcher_ = 1;
  std::map<std::string, int> streams_;  // open streams per handle
  int open_ = 0;
};

}  // namespace warroom::engine
