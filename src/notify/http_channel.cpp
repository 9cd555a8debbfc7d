#include "notify/http_channel.hpp"

#include "crypto/hmac.hpp"
#include "notify/http_post.hpp"

#include <curl/curl.h>
#include <sodium.h>

#include <boost/json.hpp>
#include <cctype>

namespace warroom::notify {

using engine::DeliveryResult;
using Outcome = DeliveryResult::Outcome;
namespace json = boost::json;

namespace {

// Block Kit section text holds at most 3000 characters.
constexpr std::size_t kSlackSectionLimit = 3000;

}  // namespace

void InitHttpChannels() {
  curl_global_init(CURL_GLOBAL_DEFAULT);
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
}

std::string WebhookSignature(const std::string& secret, const std::string& timestamp,
                             const std::string& body) {
  return "v1=" + crypto::HmacSha256Hex(secret, timestamp + "." + body);
}

std::string HttpChannel::Body(const store::OutboxMessage& m) const {
  if (o_.format == Format::kTeamsWebhook) {
    json::array body;
    if (!m.subject.empty())
      body.push_back(json::object{
          {"type", "TextBlock"}, {"text", m.subject}, {"weight", "Bolder"}, {"wrap", true}});
    body.push_back(json::object{{"type", "TextBlock"}, {"text", m.body}, {"wrap", true}});
    json::object card{{"$schema", "http://adaptivecards.io/schemas/adaptive-card.json"},
                      {"type", "AdaptiveCard"},
                      {"version", "1.4"},
                      {"body", std::move(body)}};
    return json::serialize(json::object{
        {"type", "message"},
        {"attachments",
         json::array{json::object{{"contentType", "application/vnd.microsoft.card.adaptive"},
                                  {"contentUrl", nullptr},
                                  {"content", std::move(card)}}}}});
  }
  if (o_.format == Format::kSlackWebhook || o_.format == Format::kSlackApi) {
    std::string text = m.subject.empty() ? m.body : "*" + m.subject + "*\n" + m.body;
    std::string section =
        text.size() > kSlackSectionLimit ? text.substr(0, kSlackSectionLimit - 3) + "..." : text;
    json::object block{{"type", "section"},
                       {"text", json::object{{"type", "mrkdwn"}, {"text", section}}}};
    json::object msg{{"text", text}, {"blocks", json::array{block}}};
    // A message to one person is a direct message to their member id.
    if (o_.format == Format::kSlackApi)
      msg["channel"] = m.recipient.empty() ? o_.channel : m.recipient;
    return json::serialize(msg);
  }
  return json::serialize(json::object{{"id", m.id},
                                      {"idempotency_key", m.idempotency_key},
                                      {"incident_id", m.incident_id},
                                      {"kind", store::OutboxKindName(m.kind)},
                                      {"audience", core::AudienceName(m.audience)},
                                      {"subject", m.subject},
                                      {"text", m.body},
                                      {"created_at", FormatTime(m.created_at)}});
}

DeliveryResult HttpChannel::Deliver(const store::OutboxMessage& m) {
  std::string body = Body(m);
  std::vector<std::string> headers = {o_.format == Format::kSlackApi
                                          ? "Content-Type: application/json; charset=utf-8"
                                          : "Content-Type: application/json",
                                      "Idempotency-Key: " + m.idempotency_key};
  if (o_.format == Format::kSlackApi) headers.push_back("Authorization: Bearer " + o_.token);
  if (!o_.secret.empty()) {
    std::string ts = std::to_string(std::chrono::duration_cast<std::chrono::seconds>(
                                        std::chrono::system_clock::now().time_since_epoch())
                                        .count());
    headers.push_back("X-Warroom-Timestamp: " + ts);
    headers.push_back("X-Warroom-Signature: " + WebhookSignature(o_.secret, ts, body));
  }
  HttpPostResult post = PostJson(o_.url, headers, body, o_.timeout);
  long status = post.status;
  const std::string& answer = post.answer;
  DeliveryResult r;
  r.http_status = static_cast<int>(status);
  r.retry_after = post.retry_after;
  if (!post.transport_ok) {
    r.detail = post.error;
    r.outcome = post.timed_out && post.sent ? Outcome::kUnknown : Outcome::kRetry;
    return r;
  }
  r.detail = "HTTP " + std::to_string(status);
  if (o_.format == Format::kSlackApi && status == 200) {
    // The Web API answers 200 to most failures: the verdict is in "ok".
    boost::system::error_code ec;
    json::value v = json::parse(answer, ec);
    if (!ec && v.is_object() && v.as_object().if_contains("ok") && v.at("ok").is_bool() &&
        v.at("ok").as_bool()) {
      r.outcome = Outcome::kDelivered;
    } else {
      std::string error =
          !ec && v.is_object() && v.as_object().if_contains("error") && v.at("error").is_string()
              ? std::string(v.at("error").as_string())
              : std::string("unreadable answer");
      r.detail = "Slack: " + error;
      r.outcome = error == "ratelimited" || error == "internal_error" || error == "fatal_error" ||
                          error == "service_unavailable" || error == "request_timeout"
                      ? Outcome::kRetry
                      : Outcome::kFailed;
    }
  } else if (status >= 200 && status < 300) {
    r.outcome = Outcome::kDelivered;
  } else if (status == 429 || status == 408 || status >= 500) {
    r.outcome = Outcome::kRetry;
  } else {
    r.outcome = Outcome::kFailed;
    if (!answer.empty()) r.detail += ": " + answer.substr(0, 200);
  }
  return r;
}

}  // namespace warroom::notify
