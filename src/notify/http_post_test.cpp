// PostJson against a small local HTTP/1.1 receiver: connections are kept
// open per origin and thread, headers go out, Retry-After comes back, and a
// timeout after sending is told apart from a refused connection.
#include "notify/http_post.hpp"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "notify/http_channel.hpp"

namespace warroom::notify {
namespace {

// Answers every request on a connection with `answer` (after `delay`),
// keeping the connection open; counts connections and keeps the requests.
class Receiver {
 public:
  explicit Receiver(std::string answer, std::chrono::milliseconds delay = {})
      : answer_(std::move(answer)), delay_(delay) {
    fd_ = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bind(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a);
    listen(fd_, 16);
    socklen_t len = sizeof a;
    getsockname(fd_, reinterpret_cast<sockaddr*>(&a), &len);
    port_ = ntohs(a.sin_port);
    accept_ = std::thread([this] { Accept(); });
  }
  ~Receiver() {
    stop_ = true;
    shutdown(fd_, SHUT_RDWR);
    close(fd_);
    accept_.join();
    std::lock_guard lock(mu_);
    for (int c : conns_) shutdown(c, SHUT_RDWR);
    for (auto& t : serving_) t.join();
    for (int c : conns_) close(c);
  }
  std::string Url(const std::string& path) const {
    return "http://127.0.0.1:" + std::to_string(port_) + path;
  }
  int connections() const { return connections_.load(); }
  std::vector<std::string> requests() const {
    std::lock_guard lock(mu_);
    return requests_;
  }

 private:
  void Accept() {
    while (!stop_) {
      int c = accept(fd_, nullptr, nullptr);
      if (c < 0) return;
      ++connections_;
      std::lock_guard lock(mu_);
      conns_.push_back(c);
      serving_.emplace_back([this, c] { Serve(c); });
    }
  }
  void Serve(int c) {
    std::string in;
    char buf[4096];
    for (;;) {
      auto end = in.find("\r\n\r\n");
      if (end != std::string::npos) {
        std::size_t length = 0;
        auto cl = in.find("Content-Length: ");
        if (cl != std::string::npos && cl < end) length = std::stoul(in.substr(cl + 16));
        if (in.size() >= end + 4 + length) {
          {
            std::lock_guard lock(mu_);
            requests_.push_back(in.substr(0, end + 4 + length));
          }
          in.erase(0, end + 4 + length);
          std::this_thread::sleep_for(delay_);
          if (send(c, answer_.data(), answer_.size(), MSG_NOSIGNAL) < 0) return;
          continue;
        }
      }
      auto n = recv(c, buf, sizeof buf, 0);
      if (n <= 0) return;
      in.append(buf, static_cast<std::size_t>(n));
    }
  }

  std::string answer_;
  std::chrono::milliseconds delay_;
  int fd_ = -1;
  unsigned short port_ = 0;
  std::atomic<bool> stop_{false};
  std::atomic<int> connections_{0};
  mutable std::mutex mu_;
  std::vector<int> conns_;
  std::vector<std::thread> serving_;
  std::vector<std::string> requests_;
  std::thread accept_;
};

const std::string kOk = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";
constexpr Duration kTimeout = std::chrono::seconds(5);

class HttpPostTest : public ::testing::Test {
 protected:
  void SetUp() override { InitHttpChannels(); }
};

TEST_F(HttpPostTest, RequestsToOneDestinationFromOneThreadShareAConnection) {
  Receiver rx(kOk);
  for (int i = 0; i < 5; ++i) {
    auto r = PostJson(rx.Url("/hook"), {"Idempotency-Key: k" + std::to_string(i)}, "{}", kTimeout);
    ASSERT_TRUE(r.transport_ok) << r.error;
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.answer, "ok");
    EXPECT_TRUE(r.sent);
  }
  EXPECT_EQ(rx.connections(), 1);
  auto reqs = rx.requests();
  ASSERT_EQ(reqs.size(), 5u);
  EXPECT_NE(reqs[3].find("Idempotency-Key: k3"), std::string::npos);
  EXPECT_NE(reqs[3].find("User-Agent: warroom"), std::string::npos);
}

TEST_F(HttpPostTest, EachDestinationKeepsItsOwnConnectionAndEachThreadItsOwn) {
  Receiver a(kOk), b(kOk);
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(PostJson(a.Url("/x"), {}, "{}", kTimeout).transport_ok);
    ASSERT_TRUE(PostJson(b.Url("/y"), {}, "{}", kTimeout).transport_ok);
  }
  EXPECT_EQ(a.connections(), 1);
  EXPECT_EQ(b.connections(), 1);
  std::thread other([&] { ASSERT_TRUE(PostJson(a.Url("/x"), {}, "{}", kTimeout).transport_ok); });
  other.join();
  EXPECT_EQ(a.connections(), 2);
}

TEST_F(HttpPostTest, RetryAfterInSecondsComesBackOnAReusedConnection) {
  Receiver rx("HTTP/1.1 429 Too Many Requests\r\nRetry-After: 7\r\nContent-Length: 0\r\n\r\n");
  for (int i = 0; i < 2; ++i) {
    auto r = PostJson(rx.Url("/hook"), {}, "{}", kTimeout);
    ASSERT_TRUE(r.transport_ok) << r.error;
    EXPECT_EQ(r.status, 429);
    ASSERT_TRUE(r.retry_after.has_value());
    EXPECT_EQ(*r.retry_after, std::chrono::seconds(7));
  }
  EXPECT_EQ(rx.connections(), 1);
}

TEST_F(HttpPostTest, ATimeoutAfterSendingIsSentAndTimedOut) {
  Receiver rx(kOk, std::chrono::milliseconds(600));
  ASSERT_TRUE(PostJson(rx.Url("/slow"), {}, "{}", kTimeout).transport_ok);  // opens it
  auto r = PostJson(rx.Url("/slow"), {}, "{}", std::chrono::milliseconds(200));
  EXPECT_FALSE(r.transport_ok);
  EXPECT_TRUE(r.timed_out);
  EXPECT_TRUE(r.sent) << "the request went out on the reused connection";
}

TEST_F(HttpPostTest, ARefusedConnectionWasNotSent) {
  int port;
  {
    Receiver gone(kOk);
    port = std::stoi(gone.Url("").substr(17));
  }
  auto r = PostJson("http://127.0.0.1:" + std::to_string(port) + "/hook", {}, "{}", kTimeout);
  EXPECT_FALSE(r.transport_ok);
  EXPECT_FALSE(r.sent);
  EXPECT_FALSE(r.timed_out);
}

}  // namespace
}  // namespace warroom::notify
