#include "notify/http_post.hpp"

#include "base/text.hpp"

#include <curl/curl.h>
#include <sys/socket.h>

#include <cctype>
#include <map>

namespace warroom::notify {
namespace {

std::size_t KeepBody(char* data, std::size_t size, std::size_t n, void* user) {
  auto* out = static_cast<std::string*>(user);
  if (out->size() < 4096) out->append(data, std::min<std::size_t>(size * n, 4096 - out->size()));
  return size * n;
}

std::size_t KeepRetryAfter(char* data, std::size_t size, std::size_t n, void* user) {
  std::string line(data, size * n);
  constexpr std::string_view kName = "retry-after:";
  if (line.size() > kName.size()) {
    if (AsciiLower(std::string_view(line).substr(0, kName.size())) == kName) {
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

// The easy handles of one thread, one per origin (scheme, host and port):
// a handle keeps its connection open between requests, so a worker's next
// message to the same destination skips the TCP and TLS handshakes.
class Handles {
 public:
  ~Handles() {
    for (auto& [origin, h] : handles_) curl_easy_cleanup(h);
  }
  // A handle for `url`'s origin, reset to no options (its connection kept);
  // nullptr when libcurl cannot make one.
  CURL* For(const std::string& url) {
    std::string origin = Origin(url);
    auto it = handles_.find(origin);
    if (it != handles_.end()) {
      curl_easy_reset(it->second);
      return it->second;
    }
    if (handles_.size() >= kMaxOrigins) {
      curl_easy_cleanup(handles_.begin()->second);
      handles_.erase(handles_.begin());
    }
    CURL* h = curl_easy_init();
    if (h) handles_.emplace(std::move(origin), h);
    return h;
  }

 private:
  // Destinations one thread keeps a connection open to at most.
  static constexpr std::size_t kMaxOrigins = 64;
  static std::string Origin(const std::string& url) {
    auto scheme = url.find("://");
    if (scheme == std::string::npos) return url;
    auto path = url.find_first_of("/?#", scheme + 3);
    return AsciiLower(std::string_view(url).substr(0, path));
  }
  std::map<std::string, CURL*> handles_;
};

struct Guarded {
  const AddressGuard* guard;
  std::string* refused;
};

// Opens each connection's socket only for an address the guard allows.
curl_socket_t OpenGuarded(void* user, curlsocktype purpose, struct curl_sockaddr* addr) {
  auto* g = static_cast<Guarded*>(user);
  if (purpose == CURLSOCKTYPE_IPCXN) {
    if (auto why = g->guard->Refusal(&addr->addr)) {
      *g->refused = *why;
      return CURL_SOCKET_BAD;
    }
  }
  return socket(addr->family, addr->socktype, addr->protocol);
}

}  // namespace

HttpPostResult PostJson(const std::string& url, const std::vector<std::string>& headers,
                        const std::string& body, Duration timeout, const PostOptions& options) {
  HttpPostResult r;
  thread_local Handles handles;
  CURL* curl = handles.For(url);
  if (!curl) {
    r.error = "cannot start an HTTP client";
    return r;
  }
  struct curl_slist* list = nullptr;
  for (const auto& h : headers) list = curl_slist_append(list, h.c_str());
  list = curl_slist_append(list, "User-Agent: warroom");
  list = curl_slist_append(list, "Expect:");
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_POST, 1L);
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, list);
  curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.data());
  curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
  curl_easy_setopt(
      curl, CURLOPT_TIMEOUT_MS,
      static_cast<long>(std::chrono::duration_cast<std::chrono::milliseconds>(timeout).count()));
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, 5000L);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, KeepBody);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &r.answer);
  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, KeepRetryAfter);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, &r.retry_after);
  Guarded guarded{options.guard, &r.refused};
  if (options.guard) {
    curl_easy_setopt(curl, CURLOPT_OPENSOCKETFUNCTION, OpenGuarded);
    curl_easy_setopt(curl, CURLOPT_OPENSOCKETDATA, &guarded);
  }
  if (options.https_only) curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "https");
  if (!options.ca_file.empty()) curl_easy_setopt(curl, CURLOPT_CAINFO, options.ca_file.c_str());
  CURLcode rc = curl_easy_perform(curl);
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &r.status);
  double pretransfer = 0;
  curl_easy_getinfo(curl, CURLINFO_PRETRANSFER_TIME, &pretransfer);
  long request_size = 0;
  curl_easy_getinfo(curl, CURLINFO_REQUEST_SIZE, &request_size);
  curl_slist_free_all(list);
  // On a reused connection the time to the transfer may round to zero: the
  // bytes written tell that the request went out.
  r.sent = pretransfer > 0 || request_size > 0;
  r.transport_ok = rc == CURLE_OK;
  r.timed_out = rc == CURLE_OPERATION_TIMEDOUT || rc == CURLE_RECV_ERROR || rc == CURLE_GOT_NOTHING;
  if (rc != CURLE_OK) r.error = std::string("HTTP request failed: ") + curl_easy_strerror(rc);
  if (!r.refused.empty()) r.error = "refused to connect: " + r.refused;
  return r;
}

}  // namespace warroom::notify
