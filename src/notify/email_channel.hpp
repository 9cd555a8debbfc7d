#pragma once

#include <string>
#include <vector>

#include "engine/channel.hpp"

namespace warroom::notify {

// Delivers a message as email over SMTP with libcurl: STARTTLS when the
// server offers it (or required), optional auth, a multipart/alternative
// body (text and HTML), a correct Date, a Message-ID derived from the
// idempotency key (stable across retries, so mail systems can drop repeats)
// and RFC 2047 encoded headers.
class EmailChannel final : public engine::Channel {
 public:
  struct Options {
    std::string smtp_url;  // smtp://host:port or smtps://host:port
    std::string from;      // "warroom <incidents@example.com>"
    std::vector<std::string> to;
    std::string username;
    std::string password;  // a secret: never logged
    bool require_tls = false;
    Duration timeout = std::chrono::seconds(20);
  };
  explicit EmailChannel(Options o) : o_(std::move(o)) {}
  engine::DeliveryResult Deliver(const store::OutboxMessage& m) override;

  // A message composed by its sender (a status-page notice with its own
  // links and headers), sent to `to` from the configured sender.
  struct MailParts {
    std::vector<std::string> to;
    std::string subject;
    std::string text;
    std::string html;
    std::string key;                   // its Message-ID
    std::vector<std::string> headers;  // extra header lines
  };
  engine::DeliveryResult Send(const MailParts& m);
  std::string Compose(const MailParts& m, std::chrono::system_clock::time_point now) const;

  // The whole RFC 5322 message for `m` at `now` (exposed for tests).
  std::string Message(const store::OutboxMessage& m,
                      std::chrono::system_clock::time_point now) const;

 private:
  std::vector<std::string> Recipients(const store::OutboxMessage& m) const;
  engine::DeliveryResult Send(const std::vector<std::string>& recipients,
                              const std::string& message);
  Options o_;
};

// "Name <addr@host>" -> "addr@host".
std::string AddressOf(const std::string& mailbox);
// RFC 2047: the text itself when plain ASCII, else =?UTF-8?B?...?=.
std::string EncodeHeader(const std::string& text);

}  // namespace warroom::notify
