#pragma once

#include <functional>
#include <memory>
#include <string>

#include "base/clock.hpp"
#include "engine/dispatcher.hpp"
#include "engine/incident_service.hpp"
#include "engine/ingest_service.hpp"
#include "engine/live_feed.hpp"
#include "engine/request_log.hpp"
#include "engine/session_service.hpp"
#include "engine/status_page_feed.hpp"
#include "engine/status_page_service.hpp"
#include "engine/subscriber_service.hpp"
#include "engine/user_service.hpp"

namespace warroom::http {

// The engine services the routes call, set up by app/serve.cpp. The server
// owns them and outlives the router; a route copies this struct once, when
// it is registered. An empty one registers the same routes (warroom routes)
// and must not be called.
struct ApiServices {
  engine::IncidentService* incidents = nullptr;
  engine::UserService* users = nullptr;
  // Browser sign-in (unset: only bearer tokens authenticate).
  engine::SessionService* sessions = nullptr;
  std::shared_ptr<Clock> clock;  // advanced by admins when simulated
  std::function<bool()> ready;   // /readyz
  // Why the server cannot serve writes ("" when it can): a storage failure.
  std::function<std::string()> unready_reason;
  const engine::MessageRenderer* templates = nullptr;
  engine::Dispatcher* dispatcher = nullptr;
  engine::IngestService* ingest = nullptr;
  // The event log as it is committed, for GET /api/v1/stream (unset: 503).
  engine::LiveFeed* live = nullptr;
  // The public status page as last built (unset: its routes answer 503).
  engine::StatusPageFeed* status_page = nullptr;
  // What publishers change on it (unset: /api/v1/status-page answers 503).
  engine::StatusPageService* status_page_admin = nullptr;
  // The page's subscribers (unset: the page offers no subscription, and
  // their routes answer 404 / 503).
  engine::SubscriberService* subscribers = nullptr;
  // The answers kept under Idempotency-Keys (unset: keys are ignored).
  std::shared_ptr<engine::RequestLog> requests;
  // Who runs the background modules, for /readyz: this instance's name,
  // the lease's holder and epoch, and whether it is this instance. Unset: a
  // single process (SQLite) runs them itself.
  struct Background {
    std::string instance;
    std::string holder;
    std::int64_t epoch = 0;
    bool here = false;
  };
  std::function<Background()> background;
  // Advances simulated time, recording what falls due on the way, and keeps
  // the new time in the database (with the caller's Idempotency-Key).
  std::function<void(const engine::Caller&, Duration, std::function<void(Result<TimePoint>)>)>
      advance_clock;
};

}  // namespace warroom::http
