#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/time.hpp"

namespace warroom::notify {

// One HTTP POST with libcurl, as the channels make them.
struct HttpPostResult {
  bool transport_ok = false;  // an HTTP answer came back
  std::string error;          // what failed when it did not (never the URL: it may be a secret)
  bool sent = false;          // the request went out (a timeout after this is an unknown outcome)
  bool timed_out = false;
  long status = 0;
  std::string answer;  // the first 4 KiB of the body
  std::optional<Duration> retry_after;
};

HttpPostResult PostJson(const std::string& url, const std::vector<std::string>& headers,
                        const std::string& body, Duration timeout);

}  // namespace warroom::notify
