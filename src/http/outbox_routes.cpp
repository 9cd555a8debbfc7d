#include "http/outbox_routes.hpp"

#include <boost/json.hpp>

#include "api/event_json.hpp"
#include "base/text.hpp"
#include "http/handler.hpp"

namespace warroom::http {

namespace json = boost::json;
using beast_http::verb;

namespace {

using OutboxDetail = std::pair<store::OutboxMessage, std::vector<store::OutboxAttempt>>;

Result<store::OutboxFilter> OutboxFilterOf(const Request& req, const Params&) {
  store::OutboxFilter f;
  for (const auto& [k, v] : QueryParams(req.target())) {
    if (k == "state") {
      auto state = store::ParseOutboxState(v);
      if (!state && v != "failed")
        return Error::InvalidArgument(
            "'state' must be pending, delivered, dead, unknown or failed (dead or unknown)");
      f.states = state ? std::vector{*state}
                       : std::vector{store::OutboxState::kDead, store::OutboxState::kUnknown};
    } else if (k == "incident") {
      f.incident_id = v;
    } else if (k == "limit") {
      WARROOM_ASSIGN_OR_RETURN(f.limit, Limit(v));
    } else {
      return Error::InvalidArgument("unknown filter '" + Shown(k) +
                                    "': use state, incident and limit");
    }
  }
  return f;
}

Result<std::int64_t> OutboxIdOf(const Request&, const Params& p) {
  return PositiveId(p.at("id"), "an outbox message id");
}

json::object OutboxListJson(const std::vector<store::OutboxMessage>& rows) {
  json::array items;
  for (const auto& m : rows) items.push_back(OutboxJson(m));
  return json::object{{"items", std::move(items)}};
}

json::object OutboxDetailJson(const OutboxDetail& got) {
  json::object o = OutboxJson(got.first);
  json::array attempts;
  for (const auto& a : got.second)
    attempts.push_back(json::object{{"attempt", a.attempt},
                                    {"started_at", FormatTime(a.started_at)},
                                    {"finished_at", FormatTime(a.finished_at)},
                                    {"outcome", store::AttemptOutcomeName(a.outcome)},
                                    {"http_status", a.http_status},
                                    {"detail", a.detail}});
  o["attempts_detail"] = std::move(attempts);
  return o;
}

}  // namespace

json::object OutboxJson(const store::OutboxMessage& m) {
  return json::object{{"id", m.id},
                      {"incident_id", m.incident_id},
                      {"cause_seq", m.cause_seq},
                      {"destination", m.destination},
                      {"kind", store::OutboxKindName(m.kind)},
                      {"audience", core::AudienceName(m.audience)},
                      {"subject", m.subject},
                      {"text", m.body},
                      {"idempotency_key", m.idempotency_key},
                      {"state", store::OutboxStateName(m.state)},
                      {"attempts", m.attempts},
                      {"next_attempt_at", FormatTime(m.next_attempt_at)},
                      {"last_error", m.last_error},
                      {"created_at", FormatTime(m.created_at)},
                      {"finished_at", api::TimeOrNull(m.finished_at)}};
}

void AddOutboxRoutes(Router& r, const ApiServices& s) {
  r.Add(verb::get, "/api/v1/outbox", Scope::kAdmin,
        Handle<std::vector<store::OutboxMessage>>(
            OutboxFilterOf,
            [s](const engine::Caller& c, const store::OutboxFilter& f,
                Done<std::vector<store::OutboxMessage>> done) {
              s.dispatcher->List(c, f, std::move(done));
            },
            OutboxListJson));
  r.Add(verb::get, "/api/v1/outbox/{id}", Scope::kAdmin,
        Handle<OutboxDetail>(
            OutboxIdOf,
            [s](const engine::Caller& c, std::int64_t id, Done<OutboxDetail> done) {
              s.dispatcher->Attempts(c, id, std::move(done));
            },
            OutboxDetailJson));
  r.Add(verb::post, "/api/v1/outbox/{id}/retry", Scope::kAdmin,
        Handle<store::OutboxMessage>(
            OutboxIdOf,
            [s](const engine::Caller& c, std::int64_t id, Done<store::OutboxMessage> done) {
              s.dispatcher->Retry(c, id, std::move(done));
            },
            OutboxJson));
}

}  // namespace warroom::http
