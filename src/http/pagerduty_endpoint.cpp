#include "http/pagerduty_endpoint.hpp"

#include "engine/ingest_service.hpp"
#include "engine/user_service.hpp"
#include "http/route_support.hpp"
#include "http/webhook_endpoint.hpp"
#include "ingest/pagerduty/reply.hpp"
#include "ingest/pagerduty/translate.hpp"

namespace warroom::http {

namespace asio = boost::asio;
using beast_http::verb;

void AddPagerDutyEndpoint(Router& r, const ApiServices& s) {
  auto pagerduty = [s](const engine::Caller&, const Request& req,
                       const Params&) -> asio::awaitable<Response> {
    if (auto ct = RequireJsonContentType(req); !ct.ok())
      co_return Problem(ct.error(), req.version());
    TimePoint now = s.clock->Now();
    auto event = ingest::pagerduty::Translate(
        req.body(), HeadersOf(req), now, [] { return engine::NewTokenSecret("").substr(0, 32); });
    if (!event.ok()) co_return SenderReply(ingest::pagerduty::Invalid(event.errors), req.version());
    auto start = [&](auto done) {
      s.ingest->Ingest(event.routing_key, "pagerduty", std::vector<core::Alert>{event.alert}, now,
                       std::move(done));
    };
    auto result = co_await Await<engine::IngestResult>(start);
    if (!result.ok()) {
      auto refusal = ingest::pagerduty::Refusal(result.error());
      if (!refusal) co_return Problem(result.error(), req.version());
      co_return SenderReply(*refusal, req.version());
    }
    co_return SenderReply(ingest::pagerduty::Accepted(event.dedup_key), req.version());
  };
  r.Add(verb::post, "/v2/enqueue", Scope::kIntegration, pagerduty);
  r.Add(verb::post, "/api/v1/ingest/pagerduty", Scope::kIntegration, pagerduty);
}

}  // namespace warroom::http
