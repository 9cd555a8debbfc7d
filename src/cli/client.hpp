#pragma once

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/json.hpp>
#include <chrono>
#include <functional>
#include <string>

#include "base/result.hpp"

namespace warroom::cli {

using Request = boost::beast::http::request<boost::beast::http::string_body>;
using Response = boost::beast::http::response<boost::beast::http::string_body>;

// A blocking HTTP client of the warroom API (the CLI makes one call at a time).
class Client {
 public:
  // `server` is a base URL such as http://127.0.0.1:8080 or
  // https://warroom.example; an https:// server's certificate is verified
  // against `cacert` (a PEM file of CA certificates) when given, else the
  // system's trust store.
  Client(std::string server, std::string token, std::string cacert = "")
      : server_(std::move(server)), token_(std::move(token)), cacert_(std::move(cacert)) {}

  // Sends a request; a 2xx JSON answer is returned, anything else becomes an
  // Error carrying the server's problem detail (its code from the status).
  // Before any answer: InvalidArgument for a --server that is not an
  // http(s) URL or a --cacert that cannot be loaded; Unavailable when the
  // system's trust store cannot be loaded, the server cannot be reached,
  // its certificate does not verify or the TLS handshake fails. Internal for
  // a 2xx answer that is not JSON.
  //
  // A request other than GET and HEAD carries an Idempotency-Key (the one
  // set, else a fresh random one). Any request is sent again, with the same
  // key, for up to 15 s while the answer is 502, 503 or 504 or the
  // connection broke after it was sent (another instance taking over, a
  // database fail-over); the server applies it once.
  Result<boost::json::value> Call(std::string_view method, const std::string& path,
                                  const boost::json::object* body = nullptr) const;

  // GET of a document that may be other than JSON (a page, a feed): its
  // bytes on a 2xx, else the error Call would give. Retried as Call is.
  Result<std::string> Fetch(const std::string& path) const;

  // The key every mutating call sends (WARROOM_IDEMPOTENCY_KEY: a script
  // that runs a command again after it failed may pass the same key).
  void SetIdempotencyKey(std::string key) { idempotency_key_ = std::move(key); }
  // Told before each retry: the attempt that failed, why, and the wait.
  using RetryNotice =
      std::function<void(int attempt, const std::string& why, std::chrono::milliseconds wait)>;
  void SetRetryNotice(RetryNotice notice) { retry_notice_ = std::move(notice); }

 private:
  // The request with Call's retries: the last answer, whatever its status.
  Result<Response> Send(std::string_view method, const std::string& path,
                        const boost::json::object* body) const;
  // One round trip; `sent` once the request may have reached the server.
  Result<Response> Attempt(const Request& req, bool& sent) const;

  std::string server_;
  std::string token_;
  std::string cacert_;
  std::string idempotency_key_;
  RetryNotice retry_notice_;
};

// Exit codes scripts can rely on (documented in the README).
namespace exit_code {
inline constexpr int kOk = 0;
inline constexpr int kFailure = 1;      // server error or unexpected failure
inline constexpr int kUsage = 2;        // bad flags or arguments
inline constexpr int kNotFound = 3;     // no such incident, user, endpoint
inline constexpr int kRefused = 4;      // invalid transition, conflict, bad input
inline constexpr int kAuth = 5;         // missing/bad token, or not permitted
inline constexpr int kUnavailable = 6;  // cannot reach the server, or it is overloaded
}  // namespace exit_code

int ExitCodeFor(const Error& e);

}  // namespace warroom::cli
