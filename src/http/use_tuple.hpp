#pragma once

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace warroom::http {

// The completion token of the server's coroutines: an operation's error
// comes back as a value (`auto [ec, n] = co_await ...`), never thrown,
// because a client that closes, resets or times out is routine and ends
// only its own connection.
inline constexpr auto kTuple = boost::asio::as_tuple(boost::asio::use_awaitable);

}  // namespace warroom::http
