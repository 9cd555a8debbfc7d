"""Per-client bounds: connections and requests a second per client address
(429 with Retry-After), a header deadline and a minimum body rate that
trickling cannot extend, and the client address from X-Forwarded-For or a
PROXY header only when the peer is a trusted proxy."""
import resource
import struct
import time
import unittest

from harness import Server
from rawhttp import closed_within, connect, exchange, read_response, strict_json

HEALTH = b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"


class ClientLimits(unittest.TestCase):
    def server(self, *args):
        s = Server(*args).start()
        self.addCleanup(s.cleanup)
        return s

    def get(self, s, path, source="127.0.0.1", extra=b""):
        return exchange(s.url, b"GET " + path + b" HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                        + s.token.encode() + b"\r\n" + extra + b"\r\n", source=source)

    def assertTooMany(self, answer, fragment):
        self.assertIsNotNone(answer, "closed without an answer")
        st, headers, body = answer
        self.assertEqual(st, 429, body)
        self.assertGreaterEqual(int(headers["retry-after"]), 1)
        self.assertTrue(headers["content-type"].startswith("application/problem+json"))
        data = strict_json(body)
        self.assertEqual((data["status"], data["code"]), (429, "too-many-requests"))
        self.assertIn(fragment, data["detail"])

    def hold(self, s, n, source="127.0.0.1", first=b""):
        """`n` idle connections from `source`, each answered by the server
        (a health check) so it is surely counted."""
        held = []
        for _ in range(n):
            c = connect(s.url, source)
            self.addCleanup(c.close)
            c.sendall(first + HEALTH)
            self.assertEqual(read_response(c)[0], 200)
            held.append(c)
        return held

    def test_one_client_over_its_connection_bound_does_not_lock_out_another(self):
        s = self.server("--max-connections-per-client", "4")
        held = self.hold(s, 4)
        self.assertTooMany(exchange(s.url, HEALTH), "more than 4 open connections")
        # Another address is not affected.
        self.assertEqual(exchange(s.url, HEALTH, source="127.0.0.2")[0], 200)
        self.assertEqual(self.get(s, b"/api/v1/incidents", source="127.0.0.2")[0], 200)
        # A connection closed frees its place. An attempt that reaches the
        # server before it has seen the close is still over the bound, so it
        # is held 10 s before its 429: the deadline leaves room for a retry.
        held[0].close()
        deadline, status = time.time() + 25, None
        while time.time() < deadline and status != 200:
            status = (exchange(s.url, HEALTH) or (None,))[0]
            time.sleep(0.05)
        self.assertEqual(status, 200)

    def test_health_is_answered_at_the_general_connection_bound(self):
        soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
        if hard != resource.RLIM_INFINITY and hard < 9000:
            self.skipTest("needs 9,000 descriptors (ulimit -Hn is %d)" % hard)
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard if hard != resource.RLIM_INFINITY else 65536, hard))
        self.addCleanup(resource.setrlimit, resource.RLIMIT_NOFILE, (soft, hard))
        s = self.server()  # inherits the raised limit
        held = []
        self.addCleanup(lambda: [c.close() for c in held])
        for i in range(4200):  # past limits::kMaxConnections (4096), 60 per address
            held.append(connect(s.url, source="127.0.0.%d" % (2 + i // 60)))
        time.sleep(1)
        self.assertEqual(exchange(s.url, HEALTH)[0], 200)
        self.assertEqual(exchange(s.url, b"GET /readyz HTTP/1.1\r\nHost: x\r\n\r\n")[0], 200)
        st, headers, body = self.get(s, b"/api/v1/incidents")
        self.assertEqual(st, 503, body)
        self.assertEqual(headers.get("retry-after"), "1")
        self.assertIn("too many open connections", strict_json(body)["detail"])

    def test_requests_over_the_rate_get_429_with_retry_after(self):
        s = self.server("--max-requests-per-second-per-client", "5")  # a burst of 10
        c = connect(s.url)
        self.addCleanup(c.close)
        answers = []
        for _ in range(25):
            c.sendall(b"GET /api/v1/incidents HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                      + s.token.encode() + b"\r\n\r\n")
            answers.append(read_response(c))
        statuses = [a[0] for a in answers]
        self.assertGreaterEqual(statuses.count(200), 10)
        self.assertGreater(statuses.count(429), 5, statuses)
        self.assertTooMany(answers[statuses.index(429)], "requests a second")
        # Health checks are exempt; another client has its own bucket.
        self.assertEqual(exchange(s.url, HEALTH)[0], 200)
        self.assertEqual(self.get(s, b"/api/v1/incidents", source="127.0.0.2")[0], 200)
        time.sleep(1.2)
        self.assertEqual(self.get(s, b"/api/v1/incidents")[0], 200, "the bucket refills")

    def test_a_trickled_header_is_cut_at_the_deadline(self):
        s = self.server("--header-timeout", "2")
        c = connect(s.url)
        self.addCleanup(c.close)
        start = time.time()
        cut = False
        for b in b"GET /healthz HTTP/1.1\r\nHost: xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\r\n":
            try:
                c.sendall(bytes([b]))
            except (BrokenPipeError, ConnectionResetError):
                cut = True
                break
            if closed_within(c, 0.2):
                cut = True
                break
        elapsed = time.time() - start
        self.assertTrue(cut, "still open after trickling for %.1f s" % elapsed)
        self.assertGreater(elapsed, 1.5)
        self.assertLess(elapsed, 4)
        # An idle connection that sends nothing is cut at the same deadline.
        idle = connect(s.url)
        self.addCleanup(idle.close)
        self.assertTrue(closed_within(idle, 4))
        self.assertEqual(exchange(s.url, HEALTH)[0], 200)

    def test_a_slow_body_is_cut(self):
        s = self.server()  # 1 KiB/s after a 5 s grace
        c = connect(s.url)
        self.addCleanup(c.close)
        c.sendall(b"POST /api/v1/incidents HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + s.token.encode()
                  + b"\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{")
        start = time.time()
        cut = False
        while time.time() - start < 12:
            try:
                c.sendall(b" " * 20)
            except (BrokenPipeError, ConnectionResetError):
                cut = True
                break
            if closed_within(c, 0.25):
                cut = True
                break
        elapsed = time.time() - start
        self.assertTrue(cut, "a 80 B/s body was still being read after %.1f s" % elapsed)
        self.assertLess(elapsed, 8)
        self.assertEqual(len(s.api("GET", "/api/v1/incidents")["items"]), 0)

    def test_x_forwarded_for_counts_only_from_a_trusted_proxy(self):
        s = self.server("--trusted-proxy", "127.0.0.1/32", "--max-requests-per-second-per-client", "2")
        xff = lambda a: b"X-Forwarded-For: 6.6.6.6, " + a + b"\r\n"  # noqa: E731
        # Through the proxy: the forwarded client has its own bucket (a burst of 4).
        st = [self.get(s, b"/api/v1/incidents", extra=xff(b"203.0.113.7"))[0] for _ in range(6)]
        self.assertEqual(st[:4], [200] * 4)
        self.assertTooMany(self.get(s, b"/api/v1/incidents", extra=xff(b"203.0.113.7")), "requests a second")
        self.assertEqual(self.get(s, b"/api/v1/incidents", extra=xff(b"203.0.113.8"))[0], 200)
        # From an untrusted peer the header is ignored: its own address is the client.
        st = [self.get(s, b"/api/v1/incidents", source="127.0.0.2", extra=xff(b"198.51.100.%d" % i))[0]
              for i in range(6)]
        self.assertEqual(st[:4], [200] * 4)
        self.assertIn(429, st[4:])

    def test_the_proxy_protocol_names_the_client_only_from_a_trusted_peer(self):
        s = self.server("--trusted-proxy", "127.0.0.1/32", "--max-connections-per-client", "2")
        v1 = lambda a: b"PROXY TCP4 " + a + b" 127.0.0.1 40000 8080\r\n"  # noqa: E731
        self.hold(s, 2, first=v1(b"203.0.113.9"))
        # 203.0.113.9 is at its bound; 203.0.113.10 and the proxy itself are not.
        self.assertTooMany(exchange(s.url, v1(b"203.0.113.9") + HEALTH), "more than 2 open connections")
        self.assertEqual(exchange(s.url, v1(b"203.0.113.10") + HEALTH)[0], 200)
        self.assertEqual(exchange(s.url, HEALTH)[0], 200)
        # Version 2 (binary), IPv4.
        addrs = bytes([203, 0, 113, 9, 127, 0, 0, 1]) + struct.pack("!HH", 40000, 8080)
        v2 = b"\r\n\r\n\x00\r\nQUIT\n" + bytes([0x21, 0x11]) + struct.pack("!H", len(addrs)) + addrs
        self.assertTooMany(exchange(s.url, v2 + HEALTH), "more than 2 open connections")
        # A malformed PROXY line from the trusted peer: 400.
        st, _, body = exchange(s.url, b"PROXY TCP4 nonsense\r\n" + HEALTH)
        self.assertEqual(st, 400)
        self.assertIn("PROXY", strict_json(body)["detail"])
        # From an untrusted peer a PROXY header is refused, naming why.
        st, _, body = exchange(s.url, v1(b"203.0.113.11") + HEALTH, source="127.0.0.2")
        self.assertEqual(st, 400)
        self.assertIn("not a trusted proxy", strict_json(body)["detail"])


if __name__ == "__main__":
    unittest.main()
