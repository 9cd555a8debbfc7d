#pragma once

#include <string>

#include "base/time.hpp"

namespace warroom::core {

// How warroom checks that a webhook really comes from an integration's
// sender: a lowercase hex HMAC-SHA256 with a shared secret, in a header, over
// the body, or over "timestamp:body" when the sender also sends a timestamp
// header (Grafana's contact point; the timestamp bounds replays).
struct SignatureCheck {
  std::string secret;  // from an environment variable or a file, never inline
  std::string header = "X-Grafana-Alerting-Signature";
  std::string timestamp_header;  // none: the body alone is signed
  Duration max_skew = std::chrono::minutes(5);
};

}  // namespace warroom::core
