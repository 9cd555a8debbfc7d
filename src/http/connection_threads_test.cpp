#include "http/connection_threads.hpp"

#include <gtest/gtest.h>

#include <boost/asio/post.hpp>
#include <future>
#include <set>
#include <thread>

namespace warroom::http {
namespace {

// The thread a task posted to `ex` runs on.
std::thread::id RunsOn(const boost::asio::any_io_executor& ex) {
  std::promise<std::thread::id> id;
  boost::asio::post(ex, [&] { id.set_value(std::this_thread::get_id()); });
  return id.get_future().get();
}

TEST(ConnectionThreads, ConnectionsTakeTheThreadsInTurnAndEachStaysOnItsThread) {
  boost::asio::io_context unused;
  ConnectionThreads threads;
  threads.Start(2);
  auto a = threads.Next(unused);
  auto b = threads.Next(unused);
  auto c = threads.Next(unused);
  EXPECT_NE(RunsOn(a), RunsOn(b));
  EXPECT_EQ(RunsOn(a), RunsOn(c));
  EXPECT_EQ(RunsOn(a), RunsOn(a));
  EXPECT_NE(RunsOn(a), std::this_thread::get_id());
  threads.Stop();
}

TEST(ConnectionThreads, WithoutThreadsAConnectionRunsOnTheFallbackContext) {
  boost::asio::io_context fallback;
  ConnectionThreads threads;
  bool ran = false;
  boost::asio::post(threads.Next(fallback), [&] { ran = true; });
  fallback.run();
  EXPECT_TRUE(ran);
}

}  // namespace
}  // namespace warroom::http
