#pragma once

#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

namespace warroom::engine {

// What changed, as the bus announces it: a kind and, where there is one,
// the id (an incident's). kEverything: anything may have changed (a peer's
// announcements were lost while the connection to them was down).
// kStatusPage: the status-page chain (components set by people, maintenance).
enum class ChangeKind { kIncident, kAlerts, kOutbox, kUsers, kClock, kEverything, kStatusPage };
std::string_view ChangeKindName(ChangeKind k);

struct Change {
  ChangeKind kind = ChangeKind::kEverything;
  std::string id;
  bool from_peer = false;  // announced by another instance
};

// The one internal "something changed" bus. Whatever commits a change
// publishes it here once it is durable; whatever keeps a view of the data
// (the clock runner's schedule, the dispatcher, simulated time, and next the
// web application's live updates and the status page) subscribes. On a
// single process (SQLite) it is in-process only; on a database several
// instances share, every change is also sent to the others (PostgreSQL's
// LISTEN/NOTIFY, store/postgres/pg_notifier.hpp) and theirs arrive here. An
// announcement only makes a view refresh sooner: views never trust it to be
// complete (a lost one is bounded by their own periodic refresh).
class ChangeBus {
 public:
  // Called on the publishing thread (a store thread, the peer listener's):
  // a listener notes the change and wakes its own thread; it must not block.
  using Listener = std::function<void(const Change&)>;
  // Answers an id for Unsubscribe.
  int Subscribe(Listener listener);
  void Unsubscribe(int id);

  // Tells every listener, and the peers when there are any.
  void Publish(ChangeKind kind, std::string id = "");

  // How changes reach the other instances: this instance's name (its own
  // announcements come back and are ignored) and the sender.
  void SetPeers(std::string instance, std::function<void(std::string payload)> send);
  // An announcement received from the peers (as Encode wrote it); "" means
  // announcements may have been lost (kEverything). Malformed ones and this
  // instance's own are ignored.
  void FromPeers(const std::string& payload);

  // The text of an announcement: "v1 <instance> <kind> <id>".
  static std::string Encode(const std::string& instance, ChangeKind kind, const std::string& id);
  struct Decoded {
    std::string instance;
    Change change;
  };
  static std::optional<Decoded> Decode(std::string_view payload);

 private:
  void Tell(const Change& c);

  std::mutex mu_;
  std::map<int, Listener> listeners_;
  int next_id_ = 1;
  std::string instance_;
  std::function<void(std::string)> send_;
};

}  // namespace warroom::engine
