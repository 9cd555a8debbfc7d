"""Start-up, SIGTERM, concurrent declarations and the simulated clock."""
import json
import os
import subprocess
import threading
import time
import unittest

from harness import BIN, Server, ServerTest


class ServerLifecycle(unittest.TestCase):
    def test_sigterm_drains_and_exits_cleanly_and_the_token_is_printed_once(self):
        s = Server().start()
        self.addCleanup(s.cleanup)
        token = s.token
        s.api("POST", "/api/v1/incidents", {"severity": "P3", "summary": "before restart"}, expect=201)
        self.assertEqual(s.stop(), 0)
        self.assertIn("stopped cleanly", s.log())
        # Not on a terminal, every log line is one JSON object.
        with open(os.path.join(s.dir, "stderr.txt")) as f:
            lines = [line for line in f.read().splitlines() if line.strip()]
        self.assertTrue(lines)
        for line in lines:
            try:
                entry = json.loads(line)
            except ValueError:
                self.fail(f"a log line that is not one JSON object: {line!r}")
            self.assertIn(entry["level"], ("info", "warning", "error"), line)
        self.assertNotIn(token, open(os.path.join(s.dir, "stderr.txt")).read(), "the token never reaches the log")
        s2 = s.restarted()
        self.addCleanup(s2.stop)
        s2.out.seek(0)
        self.assertNotIn("WARROOM_TOKEN", s2.out.read())
        self.assertEqual(len(s2.api("GET", "/api/v1/incidents")["items"]), 1)

    def test_sigterm_under_load_answers_what_it_took_and_keeps_it(self):
        s = Server().start()
        self.addCleanup(s.cleanup)
        acked, bad, stop = [], [], threading.Event()

        def writer():
            while not stop.is_set():
                try:
                    st, d, _ = s.request("POST", "/api/v1/incidents", {"severity": "P3", "summary": "drain"})
                except Exception:  # refused after the listener closed: never acknowledged
                    continue
                if st == 201:
                    acked.append(d["id"])
                elif st != 503:
                    bad.append((st, d))

        threads = [threading.Thread(target=writer) for _ in range(8)]
        for t in threads:
            t.start()
        time.sleep(0.7)
        self.assertEqual(s.stop(), 0, s.log())
        stop.set()
        for t in threads:
            t.join()
        self.assertEqual(bad, [])
        self.assertGreater(len(acked), 10)
        s2 = s.restarted()
        self.addCleanup(s2.stop)
        listed = set(s2.all_incident_ids())
        self.assertEqual([i for i in acked if i not in listed], [])

    def test_bad_serve_flags_are_refused_with_a_reason(self):
        for args, fragment in [(["--listen", "nowhere"], "HOST:PORT"),
                               (["--database", "mysql://x"], "sqlite:"),
                               (["--clock", "sundial"], "simulated:")]:
            with self.subTest(args=args):
                p = subprocess.run([BIN, "serve"] + args, capture_output=True, text=True, timeout=20)
                self.assertEqual(p.returncode, 2)
                self.assertIn(fragment, p.stderr)


class Ids(ServerTest):
    def test_concurrent_declarations_get_unique_gapless_ids_per_day(self):
        ids, lock = [], threading.Lock()

        def worker():
            for _ in range(25):
                d = self.s.api("POST", "/api/v1/incidents",
                               {"severity": "P3", "summary": "x", "at": "2026-02-12T10:00:00Z"}, expect=201)
                with lock:
                    ids.append(d["id"])

        threads = [threading.Thread(target=worker) for _ in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(sorted(ids), [f"INC-2026-02-12-{n:03d}" for n in range(1, 201)])
        other = self.s.api("POST", "/api/v1/incidents",
                           {"severity": "P3", "summary": "x", "at": "2026-02-13T00:00:00Z"}, expect=201)
        self.assertEqual(other["id"], "INC-2026-02-13-001")


class SimulatedClock(ServerTest):
    server_args = ("--clock", "simulated:2026-02-12T14:00:00Z")

    def test_time_moves_only_when_an_admin_advances_it(self):
        s = self.s
        self.assertEqual(s.cli_json("clock", "show"), {"now": "2026-02-12T14:00:00Z", "simulated": True})
        d = s.api("POST", "/api/v1/incidents", {"severity": "P0", "summary": "API completely down"}, expect=201)
        iid = d["id"]
        self.assertEqual(iid, "INC-2026-02-12-001")
        self.assertEqual(self.clock(d, "acknowledge")["status"], "pending")
        s.cli("clock", "advance", "4m")
        self.assertEqual(self.clock(s.api("GET", f"/api/v1/incidents/{iid}"), "acknowledge")["status"], "pending")
        s.cli("clock", "advance", "2m")
        ack = self.clock(s.api("GET", f"/api/v1/incidents/{iid}"), "acknowledge")
        self.assertEqual(ack["status"], "breached")
        self.assertFalse(ack["retroactive"], "warroom knew in time: a live breach")
        bob = self.user("bob")
        r = s.cli("clock", "advance", "1h", token=bob, check=False)
        self.assertEqual(r.returncode, 5)
        self.assertEqual(s.cli("clock", "advance", "soon", check=False).returncode, 4)

    def test_a_real_clock_cannot_be_advanced(self):
        s = Server().start()
        self.addCleanup(s.cleanup)
        r = s.cli("clock", "advance", "1h", check=False)
        self.assertEqual(r.returncode, 4)
        self.assertIn("real time", r.stderr)


if __name__ == "__main__":
    unittest.main()
