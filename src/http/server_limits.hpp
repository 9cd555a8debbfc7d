#pragma once

#include <chrono>
#include <cstddef>

namespace warroom::http {

// Limits of the HTTP edge, in one place: constants, read by every part of
// the server (and by the request fuzz harness, which parses as the server
// does). The per-client bounds, which are `warroom serve` flags, are
// ClientBounds (client_limits.hpp).
namespace limits {
// Request bodies beyond this are refused with 413 before they are read.
inline constexpr std::size_t kMaxBodyBytes = 1 << 20;
// Header block limit.
inline constexpr std::size_t kMaxHeaderBytes = 16 << 10;
// An idle keep-alive connection is closed after this many seconds.
inline constexpr int kIdleSeconds = 60;
// After refusing an oversized request, how long and how much of the rest
// of it we read and drop so the client sees the 413.
inline constexpr int kLingerSeconds = 5;
inline constexpr std::size_t kMaxLingerBytes = 64 << 20;
// Open connections at most; beyond this every request but /healthz and
// /readyz gets 503 (those still answer, so monitoring sees the truth).
inline constexpr int kMaxConnections = 4096;
// When accept fails (out of descriptors), the acceptor waits this long,
// doubling up to kAcceptBackoffMax, and logs at most once per
// kAcceptLogInterval with the count of failures.
inline constexpr std::chrono::milliseconds kAcceptBackoffMin{10};
inline constexpr std::chrono::milliseconds kAcceptBackoffMax{1000};
inline constexpr std::chrono::seconds kAcceptLogInterval{5};
// Out of descriptors, at most this many waiting connections are answered 503
// (through the reserve descriptor) per backoff interval.
inline constexpr int kMaxShedPerBackoff = 1024;
// Connections taken per wake-up of the acceptor before other work runs.
inline constexpr int kAcceptBatch = 64;
// How long a refused connection (over its client's bound) is read and dropped
// after its 429, so the client reads the answer rather than a reset.
inline constexpr std::chrono::milliseconds kRefusalLinger{100};
// A connection over its client's bound is held this long, unread, before its
// 429: a client that reconnects at once when refused (a slowloris) then
// costs a connection every ten seconds, not thousands a second (as long as
// the default header deadline: measured in docs/benchmarks.md, a 3 s hold
// still let 4,000 such connections raise others' p99 by half). At most
// kMaxHeldRefusals (and a quarter of the descriptor limit) are held; beyond,
// the 429 is immediate.
inline constexpr std::chrono::seconds kRefusalHold{10};
inline constexpr std::size_t kMaxHeldRefusals = 4096;
// Under TLS, how long the close_notify exchange may take when a connection
// ends, and how long a refused connection (over its client's bound) has for
// its handshake once its hold is over, so it can read its 429.
inline constexpr std::chrono::seconds kTlsShutdown{2};
inline constexpr std::chrono::seconds kTlsRefusalHandshake{2};
}  // namespace limits

}  // namespace warroom::http
