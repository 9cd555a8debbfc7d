#include "http/webhook_endpoint.hpp"

#include "base/text.hpp"
#include "engine/ingest_service.hpp"
#include "http/route_support.hpp"
#include "ingest/webhook_reply.hpp"

namespace warroom::http {

namespace asio = boost::asio;
using beast_http::verb;

namespace {

// The headers and body, kept for the ingest service when some integration
// checks its sender's signature (it knows which once the key is found).
std::shared_ptr<engine::IngestService::SignedRequest> SignedRequestOf(const Request& req) {
  auto signed_request = std::make_shared<engine::IngestService::SignedRequest>();
  for (const auto& field : req)
    signed_request->headers[AsciiLower(field.name_string())] = std::string(field.value());
  signed_request->body = req.body();
  return signed_request;
}

}  // namespace

ingest::Headers HeadersOf(const Request& req) {
  ingest::Headers out;
  for (const auto& field : req)
    out.emplace_back(std::string_view(field.name_string().data(), field.name_string().size()),
                     std::string_view(field.value().data(), field.value().size()));
  return out;
}

Response SenderReply(const ingest::Reply& reply, unsigned version) {
  Response res = Json(static_cast<beast_http::status>(reply.status), reply.body, version);
  if (!reply.retry_after.empty()) res.set(beast_http::field::retry_after, reply.retry_after);
  return res;
}

void AddWebhookEndpoint(Router& r, const ApiServices& s, const std::string& type,
                        WebhookTranslate translate) {
  auto webhook = [s, type, translate](const Request& req,
                                      std::string key) -> asio::awaitable<Response> {
    if (auto ct = RequireJsonContentType(req); !ct.ok())
      co_return Problem(ct.error(), req.version());
    TimePoint now = s.clock->Now();
    auto alerts = translate(req.body(), HeadersOf(req), now);
    auto signed_request = s.ingest->HasSignatures() ? SignedRequestOf(req) : nullptr;
    auto start = [&](auto done) {
      s.ingest->Ingest(key, type, std::move(alerts), now, std::move(done), signed_request);
    };
    auto result = co_await Await<engine::IngestResult>(start);
    if (!result.ok()) co_return Problem(result.error(), req.version());
    co_return SenderReply(ingest::WebhookAccepted(*result), req.version());
  };
  r.Add(verb::post, "/api/v1/ingest/" + type, Scope::kIntegration,
        [webhook](const engine::Caller&, const Request& req,
                  const Params&) -> asio::awaitable<Response> {
          co_return co_await webhook(req, BearerToken(req[beast_http::field::authorization]));
        });
  r.Add(verb::post, "/api/v1/ingest/" + type + "/{key}", Scope::kIntegration,
        [webhook](const engine::Caller&, const Request& req, const Params& p)
            -> asio::awaitable<Response> { co_return co_await webhook(req, p.at("key")); });
}

}  // namespace warroom::http
