#pragma once

#include <boost/asio/associated_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <functional>
#include <memory>

#include "base/result.hpp"

namespace warroom::http {

// Awaits a callback-style service call from a coroutine: `start` receives a
// callback (invoked on a store thread, or at once); the result is posted
// back to the coroutine's executor so the network threads never wait on
// storage.
//
// `start` may be a temporary (`co_await Await<T>([&](auto done) {...})`):
// clang-16, the project's compiler, keeps co_await temporaries alive until
// the awaited call resumes. A named variable works as well. Routes use
// Handle (http/handler.hpp), which calls this.
template <typename T, typename Start>
auto Await(Start&& start) {
  namespace asio = boost::asio;
  return asio::async_initiate<const asio::use_awaitable_t<>&, void(Result<T>)>(
      [&start](auto handler) {
        auto exec = asio::get_associated_executor(handler);
        auto h = std::make_shared<decltype(handler)>(std::move(handler));
        start(std::function<void(Result<T>)>([exec, h](Result<T> r) mutable {
          asio::post(exec, [h, r = std::move(r)]() mutable { (*h)(std::move(r)); });
        }));
      },
      asio::use_awaitable);
}

}  // namespace warroom::http
