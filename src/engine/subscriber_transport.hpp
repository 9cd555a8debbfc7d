#pragma once

#include <string>
#include <vector>

#include "base/result.hpp"
#include "engine/channel.hpp"

namespace warroom::engine {

// A mail to one subscriber, composed by the engine (links and tokens in it).
struct SubscriberMail {
  std::string to;  // the address
  std::string subject;
  std::string text;
  std::string html;
  std::string key;                   // stable per message: its Message-ID
  std::vector<std::string> headers;  // extra header lines ("List-Unsubscribe: <...>")
};

// How the status page reaches its subscribers: implemented by notify/ (SMTP
// and HTTPS with libcurl), faked in unit tests.
class SubscriberTransport {
 public:
  virtual ~SubscriberTransport() = default;
  // Whether email subscriptions can be delivered at all (a mail server is
  // configured), and webhook ones accepted.
  virtual bool CanMail() const = 0;
  virtual bool CanPost() const = 0;
  virtual DeliveryResult Mail(const SubscriberMail& mail) = 0;
  // POSTs JSON to a subscriber's webhook; `answer` gets the first 4 KiB of
  // the reply. Refused (kFailed) when the address it resolves to now is
  // loopback, private or link-local and not explicitly allowed.
  virtual DeliveryResult Post(const std::string& url, const std::string& body,
                              const std::string& key, std::string& answer) = 0;
  // Whether `url` may be a webhook subscription: https, a host name that
  // resolves, and only to public addresses (or explicitly allowed ones).
  // kInvalidArgument saying why not.
  virtual Outcome CheckWebhookUrl(const std::string& url) = 0;
};

}  // namespace warroom::engine
