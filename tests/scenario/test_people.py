"""The right people and never the wrong ones: responder groups resolve to
users, pages reach each member on their contact point (a Slack direct
message to their member id), and a restricted incident's messages reach its
participants only."""
import json
import os
import tempfile
import time
import unittest

from harness import Server, wait_for
from receiver import Receiver



class People(unittest.TestCase):
    def setUp(self):
        self.rx = Receiver()
        self.addCleanup(self.rx.close)
        d = tempfile.mkdtemp(prefix="warroom-people-")
        cfg = os.path.join(d, "warroom.yaml")
        with open(cfg, "w") as f:
            f.write(f"""destinations:
  incidents: {{type: webhook, url: "{self.rx.url}/incidents"}}
  war-room: {{type: slack-war-room, token_env: WARROOM_TEST_SLACK_TOKEN, api_url: "{self.rx.url}/wr"}}
routes:
  internal: [incidents]
  war-room: [war-room]
responders:
  oncall-sre: [sarah, mike]
  oncall-sre-lead: [sarah]
  engineering-manager: [emma]
people:
  slack: {{token_env: WARROOM_TEST_SLACK_TOKEN, api_url: "{self.rx.url}/dm"}}
""")
        os.environ["WARROOM_TEST_SLACK_TOKEN"] = "xoxb-test-token"
        self.s = Server("--config", cfg, "--clock", "simulated:2026-02-12T14:00:00Z", db_dir=d).start()
        self.addCleanup(self.s.cleanup)
        for handle, member in [("sarah", "U0SARAH"), ("mike", "U0MIKE"), ("emma", "U0EMMA"), ("eve", "U0EVE"),
                               ("nomember", "")]:
            self.s.api("POST", "/api/v1/users", {"handle": handle, "slack_member_id": member}, expect=201)

    def dms(self):
        return [(json.loads(r[2])["channel"], json.loads(r[2])["text"]) for r in self.rx.at("/dm/chat.postMessage")]

    def test_pages_reach_each_member_of_the_paged_groups(self):
        s = self.s
        iid = s.api("POST", "/api/v1/incidents", {"severity": "P1", "summary": "Scheduler not executing goals"},
                    expect=201)["id"]
        got = wait_for(lambda: len(self.dms()) >= 2 and self.dms())
        self.assertEqual(sorted(c for c, _ in got), ["U0MIKE", "U0SARAH"])
        self.assertTrue(all("PAGE: " + iid in t for _, t in got), got)
        # Nobody acknowledges in 15 minutes: the paged group again, and the IC's
        # groups (on-call SRE lead, then the engineering manager).
        s.cli("clock", "advance", "16m")
        esc = wait_for(lambda: len([c for c, t in self.dms() if "RE-PAGE: " in t]) >= 3 and
                       [c for c, t in self.dms() if "RE-PAGE: " in t])
        self.assertEqual(sorted(esc), ["U0EMMA", "U0MIKE", "U0SARAH"])
        # The IC pages one person directly; someone without a member id gets nothing there.
        s.api("POST", f"/api/v1/incidents/{iid}/page", {"to": "eve", "reason": "she wrote the scheduler"})
        self.assertTrue(wait_for(lambda: [c for c, t in self.dms() if c == "U0EVE"]))
        s.api("POST", f"/api/v1/incidents/{iid}/page", {"to": "nomember"})
        time.sleep(0.3)
        self.assertNotIn("", [c for c, _ in self.dms()])

    def test_reminders_reach_the_people_they_are_for(self):
        s = self.s
        iid = s.api("POST", "/api/v1/incidents", {"severity": "P1", "summary": "Backup failure"}, expect=201)["id"]
        s.api("POST", f"/api/v1/incidents/{iid}/acknowledge", {})
        s.api("POST", f"/api/v1/incidents/{iid}/roles", {"role": "incident-commander", "user": "sarah"})
        s.api("POST", f"/api/v1/incidents/{iid}/roles", {"role": "communications-lead", "user": "mike"})
        s.cli("clock", "advance", "31m")  # the update (due 14:30) is missed
        upd = wait_for(lambda: len([c for c, t in self.dms() if "an update on" in t]) >= 2 and
                       [c for c, t in self.dms() if "an update on" in t])
        self.assertEqual(sorted(upd), ["U0MIKE", "U0SARAH"])
        s.cli("clock", "advance", "30m")  # customer communication (due 15:00) is overdue: the CL
        cust = wait_for(lambda: [c for c, t in self.dms() if "customer communication" in t])
        self.assertEqual(cust, ["U0MIKE"])
        s.cli("clock", "advance", "23h")  # the 24 h target passes: the engineering manager (P1)
        target = wait_for(lambda: [c for c, t in self.dms() if "Target resolution passed" in t])
        self.assertEqual(target, ["U0EMMA"])

    def test_each_incident_gets_a_war_room_with_its_people(self):
        s = self.s
        iid = s.api("POST", "/api/v1/incidents", {"severity": "P1", "summary": "Scheduler not executing goals"},
                    expect=201)["id"]
        link = wait_for(lambda: [e for e in s.api("GET", f"/api/v1/incidents/{iid}/timeline")["events"]
                                 if e["type"] == "link_added"])
        # The name was taken: a suffix.
        self.assertEqual(link[0]["payload"]["url"], "#inc-2026-02-12-001-2")
        self.assertEqual(link[0]["actor"]["kind"], "system")
        creates = [json.loads(r[2]) for r in self.rx.at("/wr/conversations.create")]
        self.assertEqual([c["name"] for c in creates], ["inc-2026-02-12-001", "inc-2026-02-12-001-2"])
        self.assertFalse(creates[1]["is_private"])
        invite = json.loads(self.rx.at("/wr/conversations.invite")[0][2])
        self.assertEqual(sorted(invite["users"].split(",")), ["U0MIKE", "U0SARAH"])
        # A restricted incident's war room is private.
        s.api("POST", "/api/v1/incidents", {"severity": "P2", "summary": "Phishing", "source": "security-alert"},
              expect=201)
        private = wait_for(lambda: [json.loads(r[2]) for r in self.rx.at("/wr/conversations.create")
                                    if json.loads(r[2])["name"] == "inc-2026-02-12-002"])
        self.assertTrue(private[0]["is_private"])

    def test_a_restricted_incidents_messages_reach_its_participants_only(self):
        s = self.s
        bob = s.api("POST", "/api/v1/users", {"handle": "bob", "slack_member_id": "U0BOB"}, expect=201)["token"]
        iid = s.api("POST", "/api/v1/incidents",
                    {"severity": "P2", "summary": "Leaked credentials", "source": "security-alert"},
                    token=bob, expect=201)["id"]
        s.api("POST", f"/api/v1/incidents/{iid}/responders", {"user": "eve"}, token=bob)
        s.api("POST", f"/api/v1/incidents/{iid}/updates", {"audience": "internal", "text": "Keys rotated"}, token=bob)
        got = wait_for(lambda: len([c for c, t in self.dms() if t.startswith("Keys rotated")]) >= 2 and
                       [c for c, t in self.dms() if t.startswith("Keys rotated")])
        self.assertEqual(sorted(got), ["U0BOB", "U0EVE"])
        time.sleep(0.3)
        self.assertEqual(self.rx.at("/incidents"), [], "nothing reaches the shared channel")
        self.assertNotIn("U0SARAH", [c for c, _ in self.dms()])

    def test_contact_details_are_for_admins_and_the_person_themselves(self):
        s = self.s
        contact = ("email", "phone", "chat_handle", "slack_member_id")
        s.api("POST", "/api/v1/users", {"handle": "pat", "email": "pat@example.com", "phone": "+15550100",
                                        "chat_handle": "@pat", "slack_member_id": "U0PAT"}, expect=201)
        viewer = s.api("POST", "/api/v1/users", {"handle": "vic", "permission": "viewer"}, expect=201)["token"]
        responder = s.api("POST", "/api/v1/users/sarah/tokens", {}, expect=201)["token"]
        pat = s.api("POST", "/api/v1/users/pat/tokens", {"scope": "read"}, expect=201)["token"]
        for who, token in (("vic", viewer), ("sarah", responder), ("pat", pat)):
            users = {u["handle"]: u for u in s.api("GET", "/api/v1/users", token=token)["items"]}
            self.assertEqual(users["pat"]["name"], "pat")
            self.assertEqual(users["pat"]["permission"], "responder")
            for handle, u in users.items():
                shown = [k for k in contact if k in u]
                self.assertEqual(shown, list(contact) if handle == who else [], (who, handle, u))
            self.assertNotIn("pat@example.com", json.dumps(users) if who != "pat" else "")
            self.assertNotIn("+15550100", s.cli("user", "list", token=token).stdout if who != "pat" else "")
        mine = {u["handle"]: u for u in s.api("GET", "/api/v1/users", token=pat)["items"]}["pat"]
        self.assertEqual((mine["email"], mine["phone"], mine["slack_member_id"]),
                         ("pat@example.com", "+15550100", "U0PAT"))
        # Admins see everyone's; the pages still reach the member ids.
        users = {u["handle"]: u for u in s.api("GET", "/api/v1/users")["items"]}
        self.assertEqual(users["pat"]["chat_handle"], "@pat")
        self.assertEqual(users["sarah"]["slack_member_id"], "U0SARAH")


if __name__ == "__main__":
    unittest.main()
