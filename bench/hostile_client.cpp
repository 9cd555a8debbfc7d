// A hostile client for the benchmark (bench/hostile_bench.py): N connections
// from one source address, each trickling request-header bytes slowly (a
// slowloris), and reconnecting a second after the server answers, cuts or
// refuses it. One thread, epoll; stops by itself after the given seconds.
//
//   hostile_client HOST PORT SOURCE CONNECTIONS SECONDS [SECONDS_PER_BYTE]
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

const std::string kTrickle =
    "GET /api/v1/incidents HTTP/1.1\r\nHost: x\r\nX-Slow: " + std::string(4000, 'a');

struct Conn {
  int fd = -1;
  bool connecting = false;
  std::size_t sent = 0;
  Clock::time_point next;
};

double Seconds(Clock::duration d) { return std::chrono::duration<double>(d).count(); }

}  // namespace

int main(int argc, char** argv) {
  if (argc < 6) {
    std::fprintf(stderr, "usage: %s HOST PORT SOURCE CONNECTIONS SECONDS [SECONDS_PER_BYTE]\n",
                 argv[0]);
    return 2;
  }
  sockaddr_in server{}, source{};
  server.sin_family = source.sin_family = AF_INET;
  server.sin_port = htons(static_cast<uint16_t>(std::atoi(argv[2])));
  if (inet_pton(AF_INET, argv[1], &server.sin_addr) != 1 ||
      inet_pton(AF_INET, argv[3], &source.sin_addr) != 1) {
    std::fprintf(stderr, "HOST and SOURCE must be IPv4 addresses\n");
    return 2;
  }
  const int n = std::atoi(argv[4]);
  const auto run_for = std::chrono::duration<double>(std::atof(argv[5]));
  const auto every = std::chrono::duration_cast<Clock::duration>(
      std::chrono::duration<double>(argc > 6 ? std::atof(argv[6]) : 1.0));
  const auto reconnect = std::chrono::seconds(1);
  rlimit rl{};
  getrlimit(RLIMIT_NOFILE, &rl);
  rl.rlim_cur = std::min<rlim_t>(rl.rlim_max, static_cast<rlim_t>(n) + 1000);
  setrlimit(RLIMIT_NOFILE, &rl);

  int ep = epoll_create1(EPOLL_CLOEXEC);
  std::vector<Conn> conns(static_cast<std::size_t>(n));
  const auto start = Clock::now();
  const auto deadline = start + std::chrono::duration_cast<Clock::duration>(run_for);
  for (int i = 0; i < n; ++i)  // ramp up over two seconds
    conns[i].next = start + std::chrono::milliseconds(2000LL * i / n);
  long connects = 0, cut = 0, failed = 0;
  char sink[4096];

  auto drop = [&](Conn& c, Clock::time_point now) {
    if (c.fd >= 0) close(c.fd);
    c.fd = -1;
    c.connecting = false;
    c.next = now + reconnect;
    ++cut;
  };

  std::vector<epoll_event> events(1024);
  while (Clock::now() < deadline) {
    int got = epoll_wait(ep, events.data(), static_cast<int>(events.size()), 20);
    auto now = Clock::now();
    for (int e = 0; e < got; ++e) {
      Conn& c = conns[events[e].data.u32];
      if (c.fd < 0) continue;
      if (c.connecting) {
        int err = 0;
        socklen_t len = sizeof err;
        getsockopt(c.fd, SOL_SOCKET, SO_ERROR, &err, &len);
        if (err != 0) {
          ++failed;
          drop(c, now);
          continue;
        }
        c.connecting = false;
        epoll_event ev{EPOLLIN | EPOLLRDHUP, {}};
        ev.data.u32 = static_cast<uint32_t>(&c - conns.data());
        epoll_ctl(ep, EPOLL_CTL_MOD, c.fd, &ev);
        c.next = now;  // the first byte at once
        continue;
      }
      // An answer (429, 503, 400) or a close: either way this one is cut.
      (void)!recv(c.fd, sink, sizeof sink, 0);
      drop(c, now);
    }
    for (auto& c : conns) {
      if (now < c.next) continue;
      if (c.fd < 0) {
        c.fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
        if (c.fd < 0 || bind(c.fd, reinterpret_cast<sockaddr*>(&source), sizeof source) != 0) {
          ++failed;
          drop(c, now);
          continue;
        }
        int r = connect(c.fd, reinterpret_cast<sockaddr*>(&server), sizeof server);
        c.connecting = true;
        c.sent = 0;
        epoll_event ev{EPOLLOUT, {}};
        ev.data.u32 = static_cast<uint32_t>(&c - conns.data());
        epoll_ctl(ep, EPOLL_CTL_ADD, c.fd, &ev);
        if (r != 0 && errno != EINPROGRESS) {
          ++failed;
          drop(c, now);
          continue;
        }
        ++connects;
        c.next = now + std::chrono::seconds(3600);  // until connected
      } else if (!c.connecting) {
        if (c.sent >= kTrickle.size() ||
            send(c.fd, kTrickle.data() + c.sent, 1, MSG_NOSIGNAL) != 1) {
          drop(c, now);
          continue;
        }
        ++c.sent;
        c.next = now + every;
      }
    }
  }
  int open_now = 0;
  for (auto& c : conns)
    if (c.fd >= 0 && !c.connecting) ++open_now;
  std::printf(
      "hostile: %ld connections made in %.0f s (%.0f/s), %ld answered or cut, %ld failed, %d open "
      "at the end\n",
      connects, Seconds(Clock::now() - start), connects / Seconds(Clock::now() - start), cut,
      failed, open_now);
  return 0;
}
