#pragma once

#include <string>

#include "engine/channel.hpp"

namespace warroom::notify {

// Delivers a message as an HTTP POST with libcurl.
//
// - `webhook`: a JSON body (docs/notifications.md), an `Idempotency-Key`
//   header, and with a signing secret `X-Warroom-Timestamp` and
//   `X-Warroom-Signature: v1=<hex HMAC-SHA256(secret, timestamp + "." + body)>`.
// - `slack-webhook`: a Slack incoming webhook: `{"text", "blocks"}` (Block Kit
//   section with a plain-text fallback); success is a 200.
// - `slack`: the Slack Web API's chat.postMessage with a bot token (Bearer)
//   to `channel`; success is HTTP 200 with "ok": true. An "ok": false answer
//   is failed, except rate limits and Slack's own trouble, which retry.
// - `teams-webhook`: a Microsoft Teams incoming webhook (a Workflows
//   webhook): a message with an Adaptive Card of the subject and text.
//
// 2xx: delivered. 429, 408, 5xx and connection failures: retry (honouring
// Retry-After). Other 4xx: failed. A timeout after the request was sent:
// unknown.
class HttpChannel final : public engine::Channel {
 public:
  enum class Format { kWebhook, kSlackWebhook, kTeamsWebhook, kSlackApi };
  struct Options {
    Format format = Format::kWebhook;
    std::string url;      // a secret for Slack webhooks: never logged
    std::string secret;   // HMAC signing key; empty: unsigned
    std::string token;    // Slack bot token (a secret)
    std::string channel;  // Slack channel id or name, for chat.postMessage
    Duration timeout = std::chrono::seconds(10);
  };
  explicit HttpChannel(Options o) : o_(std::move(o)) {}
  engine::DeliveryResult Deliver(const store::OutboxMessage& m) override;

  // The JSON body sent for `m` (exposed for tests and the docs).
  std::string Body(const store::OutboxMessage& m) const;

 private:
  Options o_;
};

// "v1=" + hex(HMAC-SHA256(secret, timestamp + "." + body)).
std::string WebhookSignature(const std::string& secret, const std::string& timestamp,
                             const std::string& body);

// Must run once before any channel delivers (libcurl's global set-up).
void InitHttpChannels();

}  // namespace warroom::notify
