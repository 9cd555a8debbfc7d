"""HTTP at the edge: framing errors answered before the close, 405 with
Allow, HEAD and OPTIONS, Expect: 100-continue, error bodies that are valid
JSON whatever the path held, and 503 while stopping."""
import json
import signal
import time
import unittest

from harness import Server, ServerTest
from rawhttp import connect, exchange, read_response, strict_json


def problem(test, answer, status, code, fragment):
    test.assertIsNotNone(answer, "the server closed without an answer")
    st, headers, body = answer
    test.assertEqual(st, status, body)
    test.assertTrue(headers.get("content-type", "").startswith("application/problem+json"), headers)
    data = strict_json(body)
    test.assertEqual(data["status"], status)
    test.assertEqual(data["code"], code)
    test.assertIn(fragment, data["detail"])
    return headers, data


class Framing(ServerTest):
    def test_framing_errors_get_400_before_the_close(self):
        cases = [
            (b"GARBAGE\r\n\r\n", "request line"),
            (b"GET /healthz\r\n\r\n", "request line"),
            (b"GET /healthz HTTP/1.1\nHost: x\n\n", "CRLF"),
            (b"GET /healthz HTTP/1.1\r\nHost: x\n\n", "CRLF"),
            (b"POST /api/v1/incidents HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n"
             b"Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n", "Transfer-Encoding"),
            (b"POST /api/v1/incidents HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n"
             b"Content-Length: 5\r\n\r\n0\r\n\r\n", "Content-Length"),
            (b"POST /api/v1/incidents HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n", "Content-Length"),
            (b"POST /api/v1/incidents HTTP/1.1\r\nHost: x\r\nContent-Length: ten\r\n\r\n", "Content-Length"),
            (b"GET /healthz HTTP/1.1\r\nHost: x\r\nno colon here\r\n\r\n", "header field"),
        ]
        for raw, fragment in cases:
            with self.subTest(raw=raw):
                problem(self, exchange(self.s.url, raw), 400, "invalid-argument", fragment)
        self.assertEqual(len(self.s.api("GET", "/api/v1/incidents")["items"]), 0)

    def test_an_over_long_header_is_431_and_a_large_body_still_413(self):
        raw = b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * (20 << 10) + b"\r\n\r\n"
        problem(self, exchange(self.s.url, raw), 431, "header-too-large", "header")
        raw = (b"POST /api/v1/incidents HTTP/1.1\r\nHost: x\r\nContent-Length: 2000000\r\n\r\n"
               + b"x" * 100000)
        problem(self, exchange(self.s.url, raw), 413, "payload-too-large", "limit")

    def test_expect_100_continue_is_answered_before_the_body(self):
        body = json.dumps({"severity": "P3", "summary": "asked first"}).encode()
        s = connect(self.s.url)
        self.addCleanup(s.close)
        s.sendall(b"POST /api/v1/incidents HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + self.s.token.encode()
                  + b"\r\nContent-Type: application/json\r\nExpect: 100-continue\r\nContent-Length: "
                  + str(len(body)).encode() + b"\r\n\r\n")
        st, _, _ = read_response(s)
        self.assertEqual(st, 100)
        s.sendall(body)
        st, _, created = read_response(s)
        self.assertEqual(st, 201, created)
        # Over the limit: 413 at once, and no 100 asking for a body that would be refused.
        s2 = connect(self.s.url)
        self.addCleanup(s2.close)
        s2.sendall(b"POST /api/v1/incidents HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\n"
                   b"Content-Length: 5000000\r\n\r\n")
        problem(self, read_response(s2), 413, "payload-too-large", "limit")


class Methods(ServerTest):
    def test_405_names_the_allowed_methods(self):
        answer = exchange(self.s.url, b"DELETE /api/v1/incidents HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                          + self.s.token.encode() + b"\r\n\r\n")
        headers, data = problem(self, answer, 405, "method-not-allowed", "DELETE is not allowed")
        allow = [m.strip() for m in headers["allow"].split(",")]
        for m in ("GET", "POST", "HEAD", "OPTIONS"):
            self.assertIn(m, allow)
        self.assertNotIn("DELETE", allow)

    def test_head_is_get_without_the_body_and_options_lists_the_methods(self):
        get = exchange(self.s.url, b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
        self.assertEqual(get[0], 200)
        s = connect(self.s.url)
        self.addCleanup(s.close)
        s.sendall(b"HEAD /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
        st, headers, body = read_response(s, head=True)
        self.assertEqual(st, 200)
        self.assertEqual(int(headers["content-length"]), len(get[2]))
        self.assertEqual(body, b"")
        # No body bytes follow: the connection's next answer starts clean.
        s.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
        self.assertEqual(read_response(s)[0], 200)
        st, headers, _ = exchange(self.s.url, b"OPTIONS /api/v1/incidents HTTP/1.1\r\nHost: x\r\n\r\n")
        self.assertEqual(st, 204)
        self.assertIn("POST", headers["allow"])


class ErrorBodies(ServerTest):
    def test_invalid_utf8_in_the_path_still_gives_valid_json(self):
        for path in [b"/api/v1/incidents/%FF%FE", b"/api/v1/incidents/%C0%AF/acknowledge",
                     b"/api/v2/%ED%A0%80", b"/api/v1/incidents/\xff\xfe"]:
            with self.subTest(path=path):
                answer = exchange(self.s.url, b"GET " + path + b" HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                                  + self.s.token.encode() + b"\r\n\r\n")
                self.assertIsNotNone(answer)
                st, headers, body = answer
                self.assertIn(st, (400, 404, 405), body)
                strict_json(body)  # raises on invalid UTF-8

    def test_a_long_path_is_not_echoed_whole(self):
        path = b"/api/v2/" + b"x" * 8000
        st, _, body = exchange(self.s.url, b"GET " + path + b" HTTP/1.1\r\nHost: x\r\n\r\n")
        self.assertEqual(st, 404)
        self.assertLess(len(body), 1500)
        self.assertIn("no such endpoint", strict_json(body)["detail"])


class Stopping(unittest.TestCase):
    def test_requests_during_the_drain_get_503_with_retry_after_and_close(self):
        s = Server().start()
        self.addCleanup(s.cleanup)
        auth = b"Authorization: Bearer " + s.token.encode() + b"\r\n"
        kept = [connect(s.url) for _ in range(2)]
        for c in kept:
            self.addCleanup(c.close)
            c.sendall(b"GET /api/v1/incidents HTTP/1.1\r\nHost: x\r\n" + auth + b"\r\n")
            self.assertEqual(read_response(c)[0], 200)
        s.proc.send_signal(signal.SIGTERM)
        time.sleep(0.3)
        # A new connection during the drain.
        answer = exchange(s.url, b"GET /api/v1/incidents HTTP/1.1\r\nHost: x\r\n" + auth + b"\r\n")
        headers, _ = problem(self, answer, 503, "unavailable", "stopping")
        self.assertEqual(headers.get("retry-after"), "1")
        self.assertEqual(headers.get("connection"), "close")
        # A kept-alive client's next request.
        kept[0].sendall(b"GET /api/v1/incidents HTTP/1.1\r\nHost: x\r\n" + auth + b"\r\n")
        headers, _ = problem(self, read_response(kept[0]), 503, "unavailable", "stopping")
        self.assertEqual(headers.get("retry-after"), "1")
        self.assertEqual(headers.get("connection"), "close")
        self.assertEqual(s.proc.wait(15), 0, s.log())
        self.assertIn("stopped cleanly", s.log())


if __name__ == "__main__":
    unittest.main()
