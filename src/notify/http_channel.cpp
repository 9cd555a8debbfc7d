#include "notify/http_channel.hpp"

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

std::size_t Discard(char*, std::size_t size, std::size_t n, void*) { return size * n; }

std::size_t KeepBody(char* data, std::size_t size, std::size_t n, void* user) {
  auto* out = static_cast<std::string*>(user);
  if (out->size() < 4096) out->append(data, std::min<std::size_t>(size * n, 4096 - out->size()));
  return size * n;
}

std::size_t KeepRetryAfter(char* data, std::size_t size, std::size_t n, void* user) {
  std::string line(data, size * n);
  constexpr std::string_view kName = "retry-after:";
  if (line.size() > kName.size()) {
    std::string head = line.substr(0, kName.size());
    for (auto& c : head) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (head == kName) {
      try {
        long secs = std::stol(line.substr(kName.size()));
        if (secs >= 0) *static_cast<std::optional<Duration>*>(user) = std::chrono::seconds(secs);
      } catch (...) {
        // An HTTP-date Retry-After is treated as absent: the backoff applies.
      }
    }
  }
  return size * n;
}

std::string Hex(const unsigned char* p, std::size_t n) {
  std::string s(n * 2 + 1, '\0');
  sodium_bin2hex(s.data(), s.size(), p, n);
  s.pop_back();
  return s;
}

}  // namespace

void InitHttpChannels() {
  curl_global_init(CURL_GLOBAL_DEFAULT);
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
}

std::string WebhookSignature(const std::string& secret, const std::string& timestamp,
                             const std::string& body) {
  crypto_auth_hmacsha256_state st;
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256_init(&st, reinterpret_cast<const unsigned char*>(secret.data()),
                              secret.size());
  std::string signed_part = timestamp + "." + body;
  crypto_auth_hmacsha256_update(&st, reinterpret_cast<const unsigned char*>(signed_part.data()),
                                signed_part.size());
  crypto_auth_hmacsha256_final(&st, mac);
  return "v1=" + Hex(mac, sizeof mac);
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
                                      {"kind", m.kind},
                                      {"audience", m.audience},
                                      {"subject", m.subject},
                                      {"text", m.body},
                                      {"created_at", FormatTime(m.created_at)}});
}

DeliveryResult HttpChannel::Deliver(const store::OutboxMessage& m) {
  std::string body = Body(m);
  CURL* curl = curl_easy_init();
  if (!curl) return DeliveryResult{Outcome::kRetry, 0, std::nullopt, "cannot start an HTTP client"};
  struct curl_slist* headers = nullptr;
  headers = curl_slist_append(headers, o_.format == Format::kSlackApi
                                           ? "Content-Type: application/json; charset=utf-8"
                                           : "Content-Type: application/json");
  if (o_.format == Format::kSlackApi)
    headers = curl_slist_append(headers, ("Authorization: Bearer " + o_.token).c_str());
  headers = curl_slist_append(headers, ("Idempotency-Key: " + m.idempotency_key).c_str());
  headers = curl_slist_append(headers, "User-Agent: warroom");
  headers = curl_slist_append(headers, "Expect:");
  if (!o_.secret.empty()) {
    std::string ts = std::to_string(std::chrono::duration_cast<std::chrono::seconds>(
                                        std::chrono::system_clock::now().time_since_epoch())
                                        .count());
    headers = curl_slist_append(headers, ("X-Warroom-Timestamp: " + ts).c_str());
    headers = curl_slist_append(
        headers, ("X-Warroom-Signature: " + WebhookSignature(o_.secret, ts, body)).c_str());
  }
  std::string answer;
  std::optional<Duration> retry_after;
  curl_easy_setopt(curl, CURLOPT_URL, o_.url.c_str());
  curl_easy_setopt(curl, CURLOPT_POST, 1L);
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.data());
  curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
  curl_easy_setopt(
      curl, CURLOPT_TIMEOUT_MS,
      static_cast<long>(std::chrono::duration_cast<std::chrono::milliseconds>(o_.timeout).count()));
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, 5000L);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, KeepBody);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &answer);
  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, KeepRetryAfter);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, &retry_after);
  CURLcode rc = curl_easy_perform(curl);
  long status = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
  double pretransfer = 0;
  curl_easy_getinfo(curl, CURLINFO_PRETRANSFER_TIME, &pretransfer);
  curl_slist_free_all(headers);
  curl_easy_cleanup(curl);
  (void)Discard;

  DeliveryResult r;
  r.http_status = static_cast<int>(status);
  r.retry_after = retry_after;
  if (rc != CURLE_OK) {
    // The URL may be a secret: say what failed, not where.
    r.detail = std::string("HTTP request failed: ") + curl_easy_strerror(rc);
    bool sent = pretransfer > 0;
    r.outcome =
        (rc == CURLE_OPERATION_TIMEDOUT || rc == CURLE_RECV_ERROR || rc == CURLE_GOT_NOTHING) &&
                sent
            ? Outcome::kUnknown
            : Outcome::kRetry;
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
