#include "store/postgres/pg_notifier.hpp"

#include <libpq-fe.h>
#include <poll.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <unordered_set>
#include <vector>

#include "base/text.hpp"
#include "store/postgres/pg.hpp"

namespace warroom::store::postgres {
namespace {
// Distinct payloads announced by one statement at most.
constexpr std::size_t kPerStatement = 500;
}  // namespace

// One connection that listens: opened, LISTENing, then polled.
class PgNotifier::Session {
 public:
  static Result<std::unique_ptr<Session>> Open(const std::string& conninfo,
                                               const std::string& channel) {
    WARROOM_ASSIGN_OR_RETURN(auto conn, Connection::Open(conninfo));
    // The channel is an identifier: quoted, as it is ours and fixed.
    WARROOM_RETURN_IF_ERROR(conn->Script("LISTEN \"" + channel + "\""));
    return std::unique_ptr<Session>(new Session(std::move(conn), channel));
  }

  // Every payload of `payloads` in one statement: one transaction and one
  // round trip for however many changes a busy moment made.
  Outcome Notify(const std::vector<std::string>& payloads) {
    std::string list = "[";
    for (const auto& payload : payloads) {
      if (list.size() > 1) list += ',';
      AppendJsonString(list, payload);
    }
    list += ']';
    Params p;
    std::string sql = "SELECT pg_notify(" + p.Text(channel_) +
                      ", payload) FROM jsonb_array_elements_text(" + p.Text(list) +
                      "::jsonb) AS payload";
    return conn_->Exec(sql, p);
  }

  // Waits up to `wait` for the server, then hands every announcement to
  // `heard`. Unavailable once the connection is lost.
  Outcome Poll(std::chrono::milliseconds wait,
               const std::function<void(const std::string&)>& heard) {
    PGconn* c = conn_->get();
    pollfd fd{PQsocket(c), POLLIN, 0};
    if (fd.fd < 0) return Error::Unavailable("the notification connection is closed");
    if (::poll(&fd, 1, static_cast<int>(wait.count())) < 0 && errno != EINTR)
      return Error::Unavailable("polling the notification connection failed");
    if (PQconsumeInput(c) == 0 || PQstatus(c) != CONNECTION_OK)
      return Error::Unavailable("the notification connection was lost");
    while (PGnotify* n = PQnotifies(c)) {
      std::string extra = n->extra ? n->extra : "";
      PQfreemem(n);
      heard(extra);
    }
    return Success();
  }

 private:
  Session(std::unique_ptr<Connection> conn, std::string channel)
      : conn_(std::move(conn)), channel_(std::move(channel)) {}
  std::unique_ptr<Connection> conn_;
  std::string channel_;
};

PgNotifier::PgNotifier(std::string conninfo, std::string channel,
                       std::function<void(const std::string&)> heard)
    : conninfo_(std::move(conninfo)), channel_(std::move(channel)), heard_(std::move(heard)) {}

PgNotifier::~PgNotifier() { Stop(); }

Outcome PgNotifier::Start() {
  WARROOM_ASSIGN_OR_RETURN(auto session, Session::Open(conninfo_, channel_));
  std::lock_guard lock(mu_);
  session_ = std::move(session);
  connections_ = 1;
  thread_ = std::thread([this] { Loop(); });
  return Success();
}

void PgNotifier::Send(std::string payload) {
  if (payload.size() > 7999) payload.resize(7999);
  {
    std::lock_guard lock(mu_);
    if (queue_.size() >= kMaxQueued) queue_.pop_front();
    queue_.push_back(std::move(payload));
  }
  cv_.notify_all();
}

void PgNotifier::Stop() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

int PgNotifier::connections() const {
  std::lock_guard lock(mu_);
  return connections_;
}

void PgNotifier::Loop() {
  using namespace std::chrono_literals;
  std::unique_ptr<Session> session;
  {
    std::lock_guard lock(mu_);
    session = std::move(session_);
  }
  auto backoff = 200ms;
  for (;;) {
    {
      std::lock_guard lock(mu_);
      if (stop_) return;
    }
    if (!session) {
      auto opened = Session::Open(conninfo_, channel_);
      if (!opened.ok()) {
        std::unique_lock lock(mu_);
        cv_.wait_for(lock, backoff, [this] { return stop_; });
        backoff = std::min<std::chrono::milliseconds>(backoff * 2, 2s);
        continue;
      }
      session = std::move(*opened);
      backoff = 200ms;
      {
        std::lock_guard lock(mu_);
        ++connections_;
      }
      spdlog::info("change notifications: listening again");
      heard_("");  // what was announced meanwhile is lost
    }
    // Sends first (each distinct payload once), then what the others said.
    std::deque<std::string> out;
    {
      std::lock_guard lock(mu_);
      out.swap(queue_);
    }
    Outcome ok = Success();
    while (!out.empty() && ok.ok()) {
      std::unordered_set<std::string> seen;
      std::vector<std::string> batch;
      std::size_t taken = 0;
      for (; taken < out.size() && batch.size() < kPerStatement; ++taken)
        if (seen.insert(out[taken]).second) batch.push_back(out[taken]);
      ok = session->Notify(batch);
      if (ok.ok()) out.erase(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(taken));
    }
    if (ok.ok()) ok = session->Poll(20ms, heard_);
    if (!ok.ok()) {
      spdlog::warn("change notifications: {} (reconnecting)", ok.error().message);
      session.reset();
      std::lock_guard lock(mu_);
      // Unsent announcements go first when the connection is back.
      while (!out.empty()) {
        if (queue_.size() >= kMaxQueued) break;
        queue_.push_front(std::move(out.back()));
        out.pop_back();
      }
    }
  }
}

}  // namespace warroom::store::postgres
