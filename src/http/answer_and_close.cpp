#include "http/answer_and_close.hpp"

#include <array>
#include <boost/asio/buffer.hpp>
#include <boost/beast/http.hpp>
#include <sstream>
#include <type_traits>

#include "http/server_limits.hpp"
#include "http/use_tuple.hpp"

namespace warroom::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
using asio::ip::tcp;

namespace {

template <class Stream>
asio::awaitable<void> AnswerAndCloseOn(Stream& stream, Response& res,
                                       std::chrono::milliseconds linger, Transport transport) {
  res.keep_alive(false);
  SetCommonHeaders(res, transport);
  res.prepare_payload();
  auto& lowest = beast::get_lowest_layer(stream);
  lowest.expires_after(std::chrono::seconds(limits::kLingerSeconds));
  auto [wec, wn] = co_await beast_http::async_write(stream, res, kTuple);
  (void)wn;
  if (wec) co_return;
  if constexpr (!std::is_same_v<Stream, beast::tcp_stream>) {
    // Under TLS the close_notify exchange is the lingering close: OpenSSL
    // reads and drops what the client still sends until its close_notify.
    lowest.expires_after(std::max<std::chrono::milliseconds>(linger, limits::kTlsShutdown));
    auto [sec] = co_await stream.async_shutdown(kTuple);
    (void)sec;
    co_return;
  } else {
    // Lingering close: read and drop what the client is still sending, so
    // it can finish its write and read the answer instead of a reset.
    boost::system::error_code ec;
    stream.socket().shutdown(tcp::socket::shutdown_send, ec);
    stream.expires_after(linger);
    std::array<char, 16 * 1024> sink;
    std::size_t drained = 0;
    while (drained < limits::kMaxLingerBytes) {
      auto [rec, rn] = co_await stream.async_read_some(asio::buffer(sink), kTuple);
      if (rec) break;
      drained += rn;
    }
  }
}

}  // namespace

asio::awaitable<void> AnswerAndClose(PlainStream& stream, Response& res,
                                     std::chrono::milliseconds linger, Transport transport) {
  return AnswerAndCloseOn(stream, res, linger, transport);
}

asio::awaitable<void> AnswerAndClose(TlsStream& stream, Response& res,
                                     std::chrono::milliseconds linger, Transport transport) {
  return AnswerAndCloseOn(stream, res, linger, transport);
}

asio::awaitable<void> CloseSend(PlainStream& stream) {
  boost::system::error_code ignored;
  stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
  co_return;
}

asio::awaitable<void> CloseSend(TlsStream& stream) {
  // Records the client sends meanwhile are dropped by OpenSSL.
  beast::get_lowest_layer(stream).expires_after(limits::kTlsShutdown);
  auto [ec] = co_await stream.async_shutdown(kTuple);
  (void)ec;
  boost::system::error_code ignored;
  beast::get_lowest_layer(stream).socket().shutdown(tcp::socket::shutdown_send, ignored);
}

std::string SerializeClosing(Response& res) {
  SetCommonHeaders(res);
  res.keep_alive(false);
  res.prepare_payload();
  std::ostringstream os;
  os << res;
  return os.str();
}

}  // namespace warroom::http
