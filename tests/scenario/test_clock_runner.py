"""Each clock breach is one clock_breached event on the timeline, recorded
once, at its due time: on simulated time (advance steps through every due
time in order) and on real time (a late --at breaches retroactively)."""
import os
import shutil
import tempfile
import time
import unittest

from harness import Server, ServerTest


def breaches(server, iid):
    return [(e["payload"]["clock"], e["payload"]["due_at"], e["occurred_at"], e["payload"]["retroactive"],
             e["actor"]["kind"])
            for e in server.api("GET", f"/api/v1/incidents/{iid}/timeline")["events"] if e["type"] == "clock_breached"]


class SimulatedP0(ServerTest):
    server_args = ("--clock", "simulated:2026-02-12T14:00:00Z")

    def test_breaches_are_recorded_at_their_due_times_in_order_and_once(self):
        s = self.s
        iid = s.api("POST", "/api/v1/incidents", {"severity": "P0", "summary": "API completely down"}, expect=201)["id"]
        s.api("POST", f"/api/v1/incidents/{iid}/updates", {"audience": "executives", "text": "API down"})
        s.api("POST", f"/api/v1/incidents/{iid}/updates", {"audience": "status-page", "text": "Investigating"})
        s.cli("clock", "advance", "4m")
        self.assertEqual(breaches(s, iid), [])
        s.cli("clock", "advance", "2m")  # 14:06
        self.assertEqual(breaches(s, iid),
                         [("acknowledge", "2026-02-12T14:05:00Z", "2026-02-12T14:05:00Z", False, "system")])
        # An update at 14:10 meets the cadence; the next is due 14:25 and missed.
        s.cli("clock", "advance", "4m")
        s.api("POST", f"/api/v1/incidents/{iid}/updates", {"audience": "internal", "text": "rolling back"})
        s.cli("clock", "advance", "1h")  # 15:10: the 14:25 update and nothing else
        got = breaches(s, iid)
        self.assertEqual(got[1:], [("update", "2026-02-12T14:25:00Z", "2026-02-12T14:25:00Z", False, "system")])
        d = s.api("GET", f"/api/v1/incidents/{iid}")
        self.assertEqual(self.clock(d, "update")["status"], "breached")
        # Posting an update re-arms the cadence; it breaches again 15 minutes later.
        s.api("POST", f"/api/v1/incidents/{iid}/updates", {"audience": "internal", "text": "still down"})
        s.cli("clock", "advance", "20m")  # 15:30
        self.assertEqual(breaches(s, iid)[-1][:2], ("update", "2026-02-12T15:25:00Z"))
        # The resolution target (4 h) passes at 18:00.
        s.cli("clock", "advance", "3h")
        self.assertEqual(breaches(s, iid)[-1][:2], ("target_resolution", "2026-02-12T18:00:00Z"))
        # Nothing is recorded twice, across a restart too.
        before = breaches(s, iid)
        self.assertEqual(s.stop(), 0)
        s2 = s.restarted("--clock", "simulated:2026-02-12T18:30:00Z")
        self.addCleanup(s2.stop)
        s2.cli("clock", "advance", "1m")
        after = breaches(s2, iid)
        self.assertEqual(after[:len(before)], before)
        self.assertEqual(len(set(after)), len(after))
        self.assertEqual([b for b in after if b[0] == "acknowledge"], [before[0]])

    def test_a_met_clock_never_breaches(self):
        s = self.s
        iid = s.api("POST", "/api/v1/incidents", {"severity": "P1", "summary": "Scheduler not executing goals"},
                    expect=201)["id"]
        s.cli("clock", "advance", "10m")
        s.api("POST", f"/api/v1/incidents/{iid}/acknowledge", {})
        s.cli("clock", "advance", "10m")
        self.assertNotIn("acknowledge", [b[0] for b in breaches(s, iid)])


FAST_P0 = """version: fast-clocks
severities:
  P0:
    acknowledge: 2s
"""


class RealTime(unittest.TestCase):
    def test_a_live_breach_is_recorded_within_a_second_of_its_due_time(self):
        d = tempfile.mkdtemp(prefix="warroom-fast-")
        path = os.path.join(d, "fast.yaml")
        with open(path, "w") as f:
            f.write(FAST_P0)
        s = Server("--policy", path, db_dir=d).start()
        self.addCleanup(shutil.rmtree, d, True)
        self.addCleanup(s.stop)
        iid = s.api("POST", "/api/v1/incidents", {"severity": "P0", "summary": "Database inaccessible"}, expect=201)["id"]
        deadline = time.time() + 10
        events = []
        while time.time() < deadline:
            events = [e for e in s.api("GET", f"/api/v1/incidents/{iid}/timeline")["events"]
                      if e["type"] == "clock_breached" and e["payload"]["clock"] == "acknowledge"]
            if events:
                break
            time.sleep(0.05)
        self.assertEqual(len(events), 1)
        e = events[0]
        self.assertEqual(e["occurred_at"], e["payload"]["due_at"])
        self.assertFalse(e["payload"]["retroactive"])
        lag = _seconds(e["recorded_at"]) - _seconds(e["payload"]["due_at"])
        self.assertGreaterEqual(lag, 0)
        self.assertLess(lag, 1.0)

    def test_a_late_at_is_breached_retroactively_and_records_no_event(self):
        s = Server().start()
        self.addCleanup(s.cleanup)
        at = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() - 600))
        iid = s.api("POST", "/api/v1/incidents",
                    {"severity": "P0", "summary": "Database inaccessible", "at": at}, expect=201)["id"]
        time.sleep(0.3)
        d = s.api("GET", f"/api/v1/incidents/{iid}")
        ack = [c for c in d["clocks"] if c["clock"] == "acknowledge"][0]
        self.assertEqual((ack["status"], ack["retroactive"]), ("breached", True))
        self.assertEqual(breaches(s, iid), [])


def _seconds(rfc3339):
    from datetime import datetime
    return datetime.fromisoformat(rfc3339.replace("Z", "+00:00")).timestamp()


if __name__ == "__main__":
    unittest.main()
