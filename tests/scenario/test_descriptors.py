"""Out of file descriptors: the acceptor backs off instead of spinning (and
logs a count now and then, not a line per failure), still answers 503
through its reserve descriptor, and recovers when descriptors free up."""
import resource
import socket
import time
import unittest

from harness import Server
from rawhttp import connect, exchange

LIMIT = 128


class Descriptors(unittest.TestCase):
    def test_exhaustion_backs_off_answers_503_and_recovers(self):
        soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
        resource.setrlimit(resource.RLIMIT_NOFILE, (LIMIT, hard))  # inherited by the server
        try:
            s = Server("--max-connections-per-client", "0").start()
        finally:
            resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))
        self.addCleanup(s.cleanup)
        self.assertEqual(exchange(s.url, b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")[0], 200)
        idle = []
        for i in range(LIMIT + 100):
            idle.append(connect(s.url, source="127.0.0.%d" % (2 + i % 50)))
        self.addCleanup(lambda: [c.close() for c in idle])
        time.sleep(1.5)
        # An extra client hears 503 (or a clean close), not silence.
        start = time.time()
        c = connect(s.url)
        c.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
        c.settimeout(5)
        try:
            answer = c.recv(65536)
        except (ConnectionResetError, socket.timeout) as e:
            answer = repr(e).encode()
        c.close()
        self.assertLess(time.time() - start, 4, "the extra client waited")
        self.assertTrue(answer == b"" or answer.startswith(b"HTTP/1.1 503"), answer)
        if answer:
            self.assertIn(b"Retry-After: 1", answer)
            self.assertIn(b"Connection: close", answer)
        # The log stays small: a report now and then, not a line per failure.
        log = s.log()
        self.assertLess(len(log.splitlines()), 40, log[-3000:])
        self.assertIn("accept failed", log)
        self.assertIsNone(s.proc.poll(), "the server is still running")
        # Descriptors free up: health answers again, quickly.
        for c in idle:
            c.close()
        start = time.time()
        status = None
        while time.time() - start < 5:
            try:
                answer = exchange(s.url, b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
                status = answer[0] if answer else None
            except OSError:
                status = None
            if status == 200:
                break
            time.sleep(0.05)
        self.assertEqual(status, 200, s.log()[-2000:])
        self.assertLess(time.time() - start, 3)
        self.assertEqual(s.api("GET", "/api/v1/incidents")["items"], [])
        time.sleep(0.2)
        self.assertIn("accepting connections again", s.log())
        self.assertEqual(s.stop(), 0, s.log()[-2000:])


if __name__ == "__main__":
    unittest.main()
