#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>
#include <chrono>
#include <string>

#include "http/security_headers.hpp"
#include "http/types.hpp"

namespace warroom::http {

// How the server ends a connection, over plain TCP or TLS. None of these
// report failure: a client that went away has nothing left to be told.
using PlainStream = boost::beast::tcp_stream;
using TlsStream = boost::beast::ssl_stream<boost::beast::tcp_stream>;

// Answers `res` (its common headers set, Connection: close), then reads and
// drops what the client still sends for at most `linger` (and at most
// limits::kMaxLingerBytes), so it can finish writing and read the answer
// instead of a reset. Under TLS the close_notify exchange is that lingering
// close (at least limits::kTlsShutdown).
boost::asio::awaitable<void> AnswerAndClose(PlainStream& stream, Response& res,
                                            std::chrono::milliseconds linger, Transport transport);
boost::asio::awaitable<void> AnswerAndClose(TlsStream& stream, Response& res,
                                            std::chrono::milliseconds linger, Transport transport);

// The end of a connection the server closes after its last answer: over
// plain TCP a FIN; over TLS a close_notify first (RFC 8446 6.1), waiting at
// most limits::kTlsShutdown for the client's.
boost::asio::awaitable<void> CloseSend(PlainStream& stream);
boost::asio::awaitable<void> CloseSend(TlsStream& stream);

// `res` as the bytes of a whole, final answer (common headers for plain
// HTTP, Connection: close), for the answers written with a bare send().
std::string SerializeClosing(Response& res);

}  // namespace warroom::http
