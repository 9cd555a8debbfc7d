#pragma once

#include <atomic>
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/io_context.hpp>
#include <memory>
#include <vector>

namespace warroom::http {

// The threads the connections run on, one io_context each, so that a
// connection's coroutine is only ever resumed by the thread that started it:
// clang 16 may keep the address of a thread_local (Asio's frame recycling
// cache) across a coroutine's suspension, and a coroutine resumed on another
// thread then corrupted the heap under concurrent load
// (docs/architecture-notes.md, "The compiler").
//
// Start and Stop are called by one thread (the server's owner); Next may be
// called from any thread. Stop stops and joins every thread; Clear destroys
// their io_contexts, and with them every coroutine still suspended there, so
// the owner calls it while what those coroutines reference is alive.
class ConnectionThreads {
 public:
  ConnectionThreads();
  ConnectionThreads(const ConnectionThreads&) = delete;
  ConnectionThreads& operator=(const ConnectionThreads&) = delete;
  ~ConnectionThreads();

  // Starts `n` threads, each running an io_context of its own until Stop.
  void Start(int n);
  void Stop();
  void Clear();
  // The executor a new connection runs on: the next thread's io_context in
  // turn, or a new strand of `fallback` when no thread was started.
  boost::asio::any_io_executor Next(boost::asio::io_context& fallback);

 private:
  struct Thread;
  std::vector<std::unique_ptr<Thread>> threads_;
  std::atomic<std::size_t> next_{0};
};

}  // namespace warroom::http
