"""The spec's P0 procedure on simulated time: declare "API completely down";
executives told at once; the acknowledgment window passes: re-page and
escalation to the backup; updates meet the cadence, a missed one brings a
reminder; resolve, and the PIR reminder comes 48 hours later. Plus a
restricted security incident whose messages never reach a shared channel."""
import os
import tempfile
import time
import unittest

from harness import Server, wait_for
from receiver import Receiver



class P0Procedure(unittest.TestCase):
    def setUp(self):
        self.rx = Receiver()
        self.addCleanup(self.rx.close)
        d = tempfile.mkdtemp(prefix="warroom-p0-")
        cfg = os.path.join(d, "warroom.yaml")
        with open(cfg, "w") as f:
            f.write(f"""destinations:
  incidents: {{type: webhook, url: "{self.rx.url}/incidents"}}
  pager: {{type: webhook, url: "{self.rx.url}/pager"}}
  execs: {{type: webhook, url: "{self.rx.url}/execs"}}
  status: {{type: webhook, url: "{self.rx.url}/status"}}
routes:
  internal: [incidents]
  pages: [pager]
  executives: [execs]
  status-page: [status]
""")
        self.s = Server("--config", cfg, "--clock", "simulated:2026-02-12T14:00:00Z", db_dir=d).start()
        self.addCleanup(self.s.cleanup)

    def texts(self, path):
        return [m["text"] for m in self.rx.json_at(path)]

    def advance(self, by):
        self.s.cli("clock", "advance", by)

    def test_the_p0_procedure(self):
        s = self.s
        iid = s.api("POST", "/api/v1/incidents", {"severity": "P0", "summary": "API completely down"},
                    expect=201)["id"]
        # At once: executives, the incidents channel, and a page.
        self.assertIn("INCIDENT DECLARED", wait_for(lambda: self.texts("/execs"))[0])
        self.assertIn("API completely down", wait_for(lambda: self.texts("/incidents"))[0])
        page = wait_for(lambda: self.texts("/pager"))[0]
        self.assertIn("PAGE: " + iid, page)
        self.assertIn("incident-commander, oncall-sre, oncall-backend", page)

        # Nobody acknowledges within 5 minutes: re-page, escalate to the backup.
        self.advance("6m")
        repage = wait_for(lambda: len(self.texts("/pager")) >= 2 and self.texts("/pager"))[1]
        self.assertIn("RE-PAGE", repage)
        self.assertIn("Not acknowledged by 14:05 UTC", repage)
        self.assertIn("backup: engineering-manager", repage)

        s.api("POST", f"/api/v1/incidents/{iid}/acknowledge", {})
        s.api("POST", f"/api/v1/incidents/{iid}/updates", {"template": "status-investigating"})
        self.assertIn("Investigating:", wait_for(lambda: self.texts("/status"))[0])
        # 14:06 + 15 min: the next update is due 14:21; an update at 14:20 meets it.
        self.advance("14m")
        s.api("POST", f"/api/v1/incidents/{iid}/updates", {"audience": "internal", "text": "Rolling back"})
        # The update states the next one: due 14:35, announced on the quarter-hour before it.
        posted = wait_for(lambda: [t for t in self.texts("/incidents") if t.startswith("Rolling back")])
        self.assertEqual(posted[0], "Rolling back\nNext update: 14:30 UTC (10 minutes)")
        d = s.api("GET", f"/api/v1/incidents/{iid}")
        upd = [c for c in d["clocks"] if c["clock"] == "update"][0]
        self.assertEqual((upd["status"], upd["due_at"], upd["missed_updates"]),
                         ("pending", "2026-02-12T14:35:00Z", 0))
        # Then none for 20 minutes: a reminder for the IC and the CL.
        self.advance("20m")
        reminder = wait_for(lambda: [t for t in self.texts("/incidents") if t.startswith("Reminder")])
        self.assertIn("was due at 14:35 UTC", reminder[0])

        s.api("POST", f"/api/v1/incidents/{iid}/identify",
              {"root_cause": "Bad deploy of the API gateway", "category": "deployment"})
        s.api("POST", f"/api/v1/incidents/{iid}/mitigate", {"action": "Rolled back"})
        self.advance("61m")
        s.api("POST", f"/api/v1/incidents/{iid}/resolve", {"summary": "Rollback holds"})
        self.assertTrue(wait_for(lambda: [t for t in self.texts("/incidents") if "INCIDENT RESOLVED" in t]))
        # 48 hours later the PIR is due: a reminder for the IC.
        before = len(self.texts("/incidents"))
        self.advance("47h")
        time.sleep(0.3)
        self.assertFalse([t for t in self.texts("/incidents")[before:] if "post-incident review" in t])
        self.advance("2h")
        pir = wait_for(lambda: [t for t in self.texts("/incidents") if "post-incident review" in t])
        self.assertIn("warroom close " + iid + " --pir-url", pir[0])
        # The target resolution (4 h) was met: no escalation to executives.
        self.assertEqual(len(self.texts("/execs")), 1)

    def test_the_ic_pages_anyone_and_declares_a_code_freeze(self):
        s = self.s
        iid = s.api("POST", "/api/v1/incidents", {"severity": "P1", "summary": "Trading functionality broken"},
                    expect=201)["id"]
        bob = s.api("POST", "/api/v1/users", {"handle": "bob"}, expect=201)["token"]
        s.cli("page", iid, "--to", "oncall-dba", "--reason", "replication lag")
        page = wait_for(lambda: [t for t in self.texts("/pager") if "oncall-dba" in t])
        self.assertIn("replication lag", page[0])
        self.assertEqual(s.cli("page", iid, "--to", "carol", token=bob, check=False).returncode, 5)
        self.assertEqual(s.cli_json("freezes"), {"frozen": False, "items": []})
        s.cli("freeze", iid, "--reason", "rollback in progress")
        f = s.cli_json("freezes")
        self.assertTrue(f["frozen"])
        self.assertEqual((f["items"][0]["incident_id"], f["items"][0]["reason"]), (iid, "rollback in progress"))
        # A pipeline with a viewer's token can read it.
        viewer = s.api("POST", "/api/v1/users", {"handle": "ci", "permission": "viewer"}, expect=201)["token"]
        st, data, _ = s.request("GET", "/api/v1/freezes", token=viewer)
        self.assertEqual((st, data["frozen"]), (200, True))
        self.assertTrue(wait_for(lambda: [t for t in self.texts("/incidents") if "CODE FREEZE" in t]))
        self.assertEqual(s.cli("freeze", iid, "--reason", "again", check=False).returncode, 4)
        s.cli("unfreeze", iid, "--reason", "rolled back")
        self.assertFalse(s.cli_json("freezes")["frozen"])
        self.assertEqual(s.cli("unfreeze", iid, check=False).returncode, 4)
        # A freeze ends with its incident.
        s.cli("freeze", iid, "--reason", "hotfix")
        s.api("POST", f"/api/v1/incidents/{iid}/dismiss", {"reason": "false-alarm"})
        self.assertFalse(s.cli_json("freezes")["frozen"])

    def test_a_restricted_security_incident_stays_with_its_participants(self):
        s = self.s
        iid = s.api("POST", "/api/v1/incidents",
                    {"severity": "P0", "summary": "Suspicious admin logins", "source": "security-alert"},
                    expect=201)["id"]
        page = wait_for(lambda: self.texts("/pager"))
        self.assertIn("participants admin", page[0])
        # No public statement until legal review: a responder without the
        # publish-public permission cannot post one.
        sec = s.api("POST", "/api/v1/users", {"handle": "sec", "permission": "responder"}, expect=201)["token"]
        s.api("POST", f"/api/v1/incidents/{iid}/responders", {"user": "sec"})
        st, data, _ = s.request("POST", f"/api/v1/incidents/{iid}/updates",
                                {"audience": "status-page", "text": "We are investigating"}, token=sec)
        self.assertEqual(st, 409)
        s.api("POST", f"/api/v1/incidents/{iid}/updates", {"audience": "internal", "text": "Rotating keys"})
        self.advance("30m")
        time.sleep(0.5)
        self.assertEqual(self.texts("/incidents"), [])
        self.assertEqual(self.texts("/execs"), [])
        self.assertEqual(self.texts("/status"), [])


if __name__ == "__main__":
    unittest.main()
