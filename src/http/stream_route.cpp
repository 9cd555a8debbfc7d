#include "http/stream_route.hpp"

#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/json.hpp>
#include <charconv>
#include <set>

#include "api/event_json.hpp"
#include "base/text.hpp"
#include "engine/incident_access.hpp"
#include "engine/live_feed.hpp"
#include "http/problem.hpp"
#include "http/route_support.hpp"
#include "http/use_tuple.hpp"

namespace warroom::http {

namespace asio = boost::asio;
namespace json = boost::json;

namespace {

constexpr auto kHeartbeat = std::chrono::seconds(15);
// A session can expire with no announcement: checked this often regardless.
constexpr auto kReauthenticate = std::chrono::seconds(30);
// How many events a stream far behind reads from the store at once.
constexpr int kBackfill = 1000;

// Where a stream starts: Last-Event-ID, else ?after=, else the present.
Result<std::int64_t> StartOf(const Request& req, const engine::LiveFeed& feed) {
  std::string text(req["Last-Event-ID"]);
  if (text.empty()) {
    Params q = QueryParams(req.target());
    if (auto it = q.find("after"); it != q.end()) text = it->second;
  }
  if (text.empty()) return feed.Head();
  std::int64_t n = -1;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc() || end != text.data() + text.size() || n < 0)
    return Error::InvalidArgument(
        "Last-Event-ID (or ?after=) must be a global sequence number, "
        "as the stream's ids are: got '" +
        Shown(text) + "'");
  return n;
}

// Whether `e` took the incident out of `viewer`'s sight: it was theirs to
// see just before (public until restricted now; a participant until they
// left). Nothing is said of an incident they never could see.
bool TookSight(const core::EventPayload& p, const engine::Caller& viewer) {
  if (const auto* v = std::get_if<core::events::VisibilityChanged>(&p))
    return v->visibility == core::Visibility::kRestricted;
  if (const auto* l = std::get_if<core::events::ResponderLeft>(&p)) return l->user == viewer.handle;
  return false;
}

std::string Message(std::string_view event, const json::value& data) {
  std::string out = "event: ";
  out += event;
  out += "\ndata: ";
  out += json::serialize(data);
  out += "\n\n";
  return out;
}

class EventStream final : public ResponseStream, public std::enable_shared_from_this<EventStream> {
 public:
  EventStream(ApiServices s, engine::Caller caller, Request credentials, std::int64_t after,
              asio::any_io_executor exec)
      : s_(std::move(s)),
        caller_(std::move(caller)),
        credentials_(std::move(credentials)),
        last_(after),
        timer_(exec),
        signals_(s_.live->signals()),
        authenticated_(std::chrono::steady_clock::now()) {}

  // Registers with the feed (after construction: the wake holds a weak_ptr).
  void Watch() {
    std::weak_ptr<EventStream> weak = weak_from_this();
    auto exec = timer_.get_executor();
    watch_ = s_.live->Watch([weak, exec] {
      asio::post(exec, [weak] {
        if (auto self = weak.lock()) {
          self->woken_ = true;
          self->timer_.cancel();
        }
      });
    });
  }

  ~EventStream() override {
    s_.live->Unwatch(watch_);
    s_.live->Release(caller_.handle);
  }

  asio::awaitable<std::optional<std::string>> Next() override {
    if (ended_) co_return std::nullopt;
    if (first_) {
      first_ = false;
      // Reconnect after 2 s; the stream's position, for a script.
      co_return "retry: 2000\n" +
          Message("ready", json::object{{"after", last_}, {"handle", caller_.handle}});
    }
    for (;;) {
      if (s_.live->stopped()) co_return std::nullopt;
      engine::LiveFeed::Signals now = s_.live->signals();
      if (now.users != signals_.users ||
          std::chrono::steady_clock::now() - authenticated_ > kReauthenticate) {
        signals_.users = now.users;
        if (!co_await StillSignedIn()) {
          ended_ = true;
          co_return Message("signed-out", json::object{{"handle", caller_.handle}});
        }
      }
      std::string out;
      if (now.alerts != signals_.alerts) {
        signals_.alerts = now.alerts;
        out += Message("alerts", json::object{});
      }
      engine::LiveFeed::Slice slice = s_.live->After(last_);
      if (!slice.complete) {
        auto read = co_await Await<std::vector<engine::LiveEventPtr>>(
            [&](auto done) { s_.live->Backfill(last_, kBackfill, std::move(done)); });
        if (!read.ok()) co_return std::nullopt;  // the browser reconnects from its last id
        slice.events = std::move(*read);
      }
      for (const engine::LiveEventPtr& e : slice.events) {
        last_ = e->event.global_seq;
        const std::string& id = e->event.incident_id;
        if (!engine::CanSee(caller_, e->visibility, e->participants)) {
          if (seen_.count(id) || TookSight(e->event.payload, caller_)) {
            ended_ = true;
            co_return out + Message("lost-sight", json::object{{"incident_id", id}});
          }
          continue;
        }
        seen_.insert(id);
        out += "id: " + std::to_string(e->event.global_seq) +
               "\ndata: " + json::serialize(api::EncodeEvent(e->event)) + "\n\n";
      }
      if (!out.empty()) co_return out;
      if (woken_) {
        woken_ = false;
        continue;
      }
      timer_.expires_after(kHeartbeat);
      auto [ec] = co_await timer_.async_wait(kTuple);
      woken_ = false;
      if (!ec) {
        s_.live->Poll();  // a lost announcement is found within a heartbeat
        co_return std::string(": keep-alive\n\n");
      }
    }
  }

 private:
  // The same credentials, authenticated again: false once the session or
  // token ended or the user was disabled.
  asio::awaitable<bool> StillSignedIn() {
    auto again = co_await Authenticate(s_, credentials_);
    authenticated_ = std::chrono::steady_clock::now();
    if (!again.ok() || again->handle != caller_.handle) co_return false;
    caller_ = *again;  // a permission changed since applies from now on
    co_return true;
  }

  ApiServices s_;
  engine::Caller caller_;
  Request credentials_;  // the request's headers, to authenticate again
  std::int64_t last_;
  asio::steady_timer timer_;
  engine::LiveFeed::Signals signals_;
  std::chrono::steady_clock::time_point authenticated_;
  std::set<std::string> seen_;  // incidents this stream has shown
  int watch_ = 0;
  bool first_ = true;
  bool woken_ = false;
  bool ended_ = false;
};

}  // namespace

void AddStreamRoute(Router& r, const ApiServices& s) {
  r.AddStream(
      "/api/v1/stream", Scope::kRead,
      [s](const engine::Caller& c, const Request& req, const Params&) -> asio::awaitable<Routed> {
        if (!s.live)
          co_return Routed{
              Problem(Error::Unavailable("this server has no live feed"), req.version())};
        Result<std::int64_t> after = StartOf(req, *s.live);
        if (!after.ok()) co_return Routed{Problem(after.error(), req.version())};
        if (!s.live->Admit(c.handle, kMaxStreamsPerUser))
          co_return Routed{Problem(beast_http::status::too_many_requests, "too-many-streams",
                                   c.handle + " has " + std::to_string(kMaxStreamsPerUser) +
                                       " event streams open already (tabs or screens): close one",
                                   req.version())};
        Request credentials{req.method(), req.target(), req.version()};
        for (const auto& f : req) credentials.set(f.name_string(), f.value());
        auto stream = std::make_shared<EventStream>(s, c, std::move(credentials), *after,
                                                    co_await asio::this_coro::executor);
        stream->Watch();
        Response head{beast_http::status::ok, req.version()};
        head.set(beast_http::field::content_type, "text/event-stream; charset=utf-8");
        head.set(beast_http::field::cache_control, "no-store");
        // Proxies such as nginx must pass each message on at once.
        head.set("X-Accel-Buffering", "no");
        co_return Routed{std::move(head), std::move(stream)};
      });
}

}  // namespace warroom::http
