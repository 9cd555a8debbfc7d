#include "http/connection_threads.hpp"

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/strand.hpp>
#include <thread>

namespace warroom::http {

namespace asio = boost::asio;

struct ConnectionThreads::Thread {
  asio::io_context ioc;
  asio::executor_work_guard<asio::io_context::executor_type> work = asio::make_work_guard(ioc);
  std::thread thread;
};

ConnectionThreads::ConnectionThreads() = default;

ConnectionThreads::~ConnectionThreads() {
  Stop();
  Clear();
}

void ConnectionThreads::Start(int n) {
  for (int i = 0; i < n; ++i) {
    auto t = std::make_unique<Thread>();
    t->thread = std::thread([&ioc = t->ioc] { ioc.run(); });
    threads_.push_back(std::move(t));
  }
}

void ConnectionThreads::Stop() {
  for (auto& t : threads_) {
    t->work.reset();
    t->ioc.stop();
  }
  for (auto& t : threads_)
    if (t->thread.joinable()) t->thread.join();
}

void ConnectionThreads::Clear() { threads_.clear(); }

asio::any_io_executor ConnectionThreads::Next(asio::io_context& fallback) {
  if (threads_.empty()) return asio::make_strand(fallback);
  std::size_t i = next_.fetch_add(1, std::memory_order_relaxed);
  return threads_[i % threads_.size()]->ioc.get_executor();
}

}  // namespace warroom::http
