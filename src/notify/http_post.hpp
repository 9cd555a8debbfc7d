#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/time.hpp"
#include "notify/address_guard.hpp"

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
  std::string refused;  // why the guard refused the address it resolved to (nothing was sent)
};

// For a request to a stranger's URL: only https, only to addresses the
// guard allows (checked on every connection, after name resolution, so a
// name that resolves elsewhere later is caught too), peers verified
// against `ca_file` too when given.
struct PostOptions {
  const AddressGuard* guard = nullptr;
  bool https_only = false;
  std::string ca_file;
};

// Posts `body` to `url` with `headers`, within `timeout` (connecting within
// 5 s), verifying TLS peers and host names as libcurl does by default. The
// connection stays open for the calling thread's next request to the same
// origin (one easy handle per thread and origin), so a delivery worker pays
// the TCP and TLS handshakes once per destination, not once per message.
HttpPostResult PostJson(const std::string& url, const std::vector<std::string>& headers,
                        const std::string& body, Duration timeout, const PostOptions& options = {});

}  // namespace warroom::notify
