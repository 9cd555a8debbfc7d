#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/time.hpp"
#include "store/records.hpp"

namespace warroom::engine {

// What one delivery attempt came to.
struct DeliveryResult {
  enum class Outcome {
    kDelivered,  // the receiver accepted it
    kRetry,      // not delivered (refused connection, 429, 5xx): try again later
    kFailed,     // refused for good (a 4xx other than 429): dead-letter now
    kUnknown,    // sent, no answer (timeout after sending): may or may not have arrived
  };
  Outcome outcome = Outcome::kRetry;
  int http_status = 0;
  std::optional<Duration> retry_after;  // the receiver's Retry-After
  std::string detail;                   // never holds a secret
  // Something the delivery made that the incident should link to (a war
  // room channel): recorded as a link_added event.
  struct Link {
    std::string kind;
    std::string url;
    std::string title;
  };
  std::optional<Link> link;

  static DeliveryResult Of(Outcome o, std::string detail, int http_status = 0) {
    DeliveryResult r;
    r.outcome = o;
    r.http_status = http_status;
    r.detail = std::move(detail);
    return r;
  }
};

// The port through which the dispatcher sends; implemented by notify/
// (webhook, Slack, ...). Deliver blocks for at most the channel's timeout.
class Channel {
 public:
  virtual ~Channel() = default;
  virtual DeliveryResult Deliver(const store::OutboxMessage& m) = 0;
};

// Which destinations each kind of message goes to: keyed by audience
// ("internal", "executives", "status-page", "customers") and "pages".
struct Routing {
  std::map<std::string, std::vector<std::string>> routes;
  const std::vector<std::string>& To(const std::string& route) const;
};

// A configured destination: its channel and delivery settings.
struct Destination {
  std::shared_ptr<Channel> channel;
  int max_attempts = 8;
  // Messages per second this destination takes (a Slack webhook: about 1);
  // 0 for no limit. Bursts wait their turn; none is dropped.
  double rate_per_second = 0;
};

}  // namespace warroom::engine
