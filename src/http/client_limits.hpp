#pragma once

#include <chrono>
#include <cstddef>
#include <mutex>
#include <optional>
#include <unordered_map>

#include "http/cidr.hpp"
#include "http/token_bucket.hpp"

namespace warroom::http {

// The per-client bounds of the HTTP edge: the one place their defaults live.
// Each is a `warroom serve` flag; 0 turns a bound off. A client is an address:
// the peer's, or the one a trusted proxy names (PROXY header, X-Forwarded-For).
struct ClientBounds {
  // Open connections per client. Beyond it a new connection gets 429 and is
  // closed before its request is read, so one client cannot hold the
  // server's connections (4,000 trickling connections once locked everyone
  // out). Connections from a trusted proxy without a PROXY header are not
  // counted: the proxy carries many clients.
  int max_connections_per_client = 64;
  // Requests a second per client, a token bucket holding kBurstSeconds'
  // worth; beyond it 429 with Retry-After. /healthz and /readyz are exempt.
  double requests_per_second_per_client = 50;
  // The whole request header (a PROXY header included) must arrive within
  // this many seconds of the connection, or of the first byte of a later
  // request on a kept-alive connection; trickling bytes cannot extend it.
  int header_timeout_seconds = 10;
  // Bytes a second a body must average since its header arrived, after a
  // grace of kBodyGraceSeconds; a slower body is cut.
  std::size_t min_body_rate = 1024;
  // Peers whose PROXY header and X-Forwarded-For are believed.
  CidrSet trusted_proxies;
};
inline constexpr double kBurstSeconds = 2;
inline constexpr int kBodyGraceSeconds = 5;

// Per-client connection counts and request buckets, shared by every network
// thread (one mutex: a hash lookup per connection and per request). Entries
// that say nothing a new one would not (no connection, a full bucket) are
// swept, so the table stays as small as the set of active clients.
class ClientTable {
 public:
  using Clock = TokenBucket::Clock;

  explicit ClientTable(const ClientBounds& bounds) : bounds_(bounds) {}

  // Counts a connection of `client`: false, counting nothing, when it already
  // has its maximum.
  bool Connect(const AddressBytes& client);
  void Disconnect(const AddressBytes& client);
  // One request of `client` at `now`: zero when allowed, else how long until
  // one would be (nothing is taken then).
  Clock::duration Request(const AddressBytes& client, Clock::time_point now);
  // Clients tracked (for tests).
  std::size_t size() const;

 private:
  struct Hash {
    std::size_t operator()(const AddressBytes& a) const;
  };
  struct Entry {
    int connections = 0;
    std::optional<TokenBucket> bucket;
  };
  bool Forgettable(const Entry& e, Clock::time_point now) const;
  void MaybeSweep(Clock::time_point now);

  const ClientBounds& bounds_;
  mutable std::mutex mu_;
  std::unordered_map<AddressBytes, Entry, Hash> clients_;
  std::size_t sweep_at_ = 1024;  // sweep when the table grows past this
};

}  // namespace warroom::http
