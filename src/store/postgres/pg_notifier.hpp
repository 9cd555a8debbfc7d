#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "base/result.hpp"

namespace warroom::store::postgres {

// LISTEN/NOTIFY between the instances sharing a database, on a connection
// of its own: what Send gets is announced on `channel` to every instance
// listening there (this one included: the payload says who sent it), and
// every announcement heard is given to `heard` on the notifier's thread. A
// lost connection is reopened (backing off to 2 s); once it is back,
// `heard("")` says announcements may have been missed meanwhile. Sends made
// while it is down wait, up to kMaxQueued, then the oldest are dropped:
// announcements only make peers refresh sooner.
class PgNotifier {
 public:
  static constexpr std::size_t kMaxQueued = 10000;
  PgNotifier(std::string conninfo, std::string channel,
             std::function<void(const std::string&)> heard);
  ~PgNotifier();
  PgNotifier(const PgNotifier&) = delete;
  PgNotifier& operator=(const PgNotifier&) = delete;

  // Connects and listens, then runs the thread; the connection's error when
  // the first connection fails.
  Outcome Start();
  // Queues `payload` (at most 7999 bytes: PostgreSQL's bound) for every
  // listener. Thread-safe, never blocks on the network.
  void Send(std::string payload);
  void Stop();

  // Connections opened so far (tests: a reconnection adds one).
  int connections() const;

 private:
  class Session;
  void Loop();

  const std::string conninfo_;
  const std::string channel_;
  std::function<void(const std::string&)> heard_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::string> queue_;
  bool stop_ = false;
  int connections_ = 0;
  std::unique_ptr<Session> session_;
  std::thread thread_;
};

}  // namespace warroom::store::postgres
