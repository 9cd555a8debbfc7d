"""Action items, first-class: owned by an incident, added also after it
closed, listed across incidents (`warroom actions`), tracked to done or won't
do, and an overdue one reminds its owner, then also the IC, at most once a
day, through Slack direct messages on simulated time."""
import json
import os
import tempfile
import unittest

from harness import Server, wait_for
from receiver import Receiver


class ActionItems(unittest.TestCase):
    def setUp(self):
        self.rx = Receiver()
        self.addCleanup(self.rx.close)
        d = tempfile.mkdtemp(prefix="warroom-actions-")
        cfg = os.path.join(d, "warroom.yaml")
        with open(cfg, "w") as f:
            f.write(f"""destinations:
  incidents: {{type: webhook, url: "{self.rx.url}/incidents"}}
routes:
  internal: [incidents]
people:
  slack: {{token_env: WARROOM_TEST_SLACK_TOKEN, api_url: "{self.rx.url}/dm"}}
""")
        os.environ["WARROOM_TEST_SLACK_TOKEN"] = "xoxb-test-token"
        self.s = Server("--config", cfg, "--clock", "simulated:2026-02-12T14:00:00Z", db_dir=d).start()
        self.addCleanup(self.s.cleanup)
        for handle, member in [("sarah", "U0SARAH"), ("mike", "U0MIKE")]:
            self.s.api("POST", "/api/v1/users", {"handle": handle, "slack_member_id": member}, expect=201)
        self.s.api("POST", "/api/v1/users", {"handle": "vera", "permission": "viewer"}, expect=201)

    def dms(self, member):
        return [json.loads(r[2])["text"] for r in self.rx.at("/dm/chat.postMessage")
                if json.loads(r[2])["channel"] == member]

    def closed_p1(self):
        s = self.s
        iid = s.api("POST", "/api/v1/incidents", {"severity": "P1", "summary": "Scheduler not executing goals"},
                    expect=201)["id"]
        s.api("POST", f"/api/v1/incidents/{iid}/roles", {"role": "incident-commander", "user": "sarah"})
        s.api("POST", f"/api/v1/incidents/{iid}/identify", {"root_cause": "Memory leak", "category": "deployment"})
        s.api("POST", f"/api/v1/incidents/{iid}/mitigate", {"action": "Rolled back"})
        s.cli("clock", "advance", "61m")
        s.api("POST", f"/api/v1/incidents/{iid}/resolve", {"summary": "Scheduler resumed"})
        s.api("POST", f"/api/v1/incidents/{iid}/close", {"pir_url": "https://wiki.example/pir/1"})
        return iid

    def test_items_are_added_after_close_tracked_to_done_and_listed_across_incidents(self):
        s = self.s
        iid = self.closed_p1()
        out = s.cli("action", "add", iid, "--title", "Add memory leak detection to CI pipeline",
                    "--owner", "mike", "--due", "2026-02-20", "--priority", "P0",
                    "--tracker", "https://tracker.example/1234").stdout
        self.assertIn("action item 1: Add memory leak detection to CI pipeline", out)
        self.assertIn("owner @mike, due 2026-02-20, P0, not-started", out)
        sarah = s.api("POST", "/api/v1/users/sarah/tokens", {"label": "t"}, expect=201)["token"]
        s.cli("action", "add", iid, "--title", "Automate deployment rollback", "--owner", "sarah",
              "--due", "2026-02-28", token=sarah)
        d = s.api("GET", f"/api/v1/incidents/{iid}")
        self.assertEqual([(a["id"], a["owner"], a["priority"], a["status"]) for a in d["action_items"]],
                         [(1, "mike", "P0", "not-started"), (2, "sarah", "P1", "not-started")])
        self.assertEqual(d["action_items"][0]["tracker_url"], "https://tracker.example/1234")
        # The owner hears of it; one's own item is no news.
        self.assertTrue(wait_for(lambda: any("Add memory leak detection" in t for t in self.dms("U0MIKE"))))
        self.assertFalse([t for t in self.dms("U0SARAH") if "action item" in t])

        s.cli("action", "set", iid, "1", "--status", "in-progress")
        listed = s.cli_json("actions", "--owner", "mike")
        self.assertEqual([(a["incident_id"], a["id"], a["status"], a["overdue"]) for a in listed["items"]],
                         [(iid, 1, "in-progress", False)])
        self.assertEqual(listed["items"][0]["incident_summary"], "Scheduler not executing goals")
        self.assertEqual(listed["today"], "2026-02-12")
        table = s.cli("actions").stdout
        self.assertIn(f"{iid} #1", table)
        self.assertIn("Automate deployment rollback", table)

        s.cli("action", "done", iid, "1")
        refused = s.cli("action", "set", iid, "2", "--status", "wont-do", check=False)
        self.assertEqual(refused.returncode, 4, refused.stderr)
        self.assertIn("give a reason", refused.stderr)
        s.cli("action", "set", iid, "2", "--status", "wont-do", "--reason", "Rollback is already one click")
        d = s.api("GET", f"/api/v1/incidents/{iid}")
        self.assertEqual([(a["status"], a["reason"]) for a in d["action_items"]],
                         [("done", ""), ("wont-do", "Rollback is already one click")])
        self.assertIsNotNone(d["action_items"][0]["done_at"])
        # Still-owed is the default list; --all and --status show the rest.
        self.assertEqual(s.cli_json("actions")["items"], [])
        self.assertEqual(len(s.cli_json("actions", "--all")["items"]), 2)
        self.assertEqual([a["id"] for a in s.cli_json("actions", "--status", "done")["items"]], [1])
        types = [e["type"] for e in s.api("GET", f"/api/v1/incidents/{iid}/timeline")["events"]]
        self.assertEqual(types.count("action_item_added"), 2)
        self.assertEqual(types.count("action_item_updated"), 3)

    def test_an_overdue_item_reminds_its_owner_then_the_ic_once_a_day(self):
        s = self.s
        iid = self.closed_p1()
        s.api("POST", f"/api/v1/incidents/{iid}/action-items",
              {"title": "Improve staging parity", "owner": "mike", "due": "2026-02-13", "priority": "P1"})
        s.cli("clock", "advance", "1d")  # 2026-02-13T15:01: due today, not overdue
        self.assertEqual(s.cli_json("actions", "--overdue")["items"], [])
        s.cli("clock", "advance", "12h")  # past midnight: overdue on the 14th
        overdue = s.cli_json("actions", "--overdue")["items"]
        self.assertEqual([(a["id"], a["overdue"]) for a in overdue], [(1, True)])
        self.assertIn("OVERDUE", s.cli("actions", "--overdue").stdout)

        def reminders():
            return [e for e in s.api("GET", f"/api/v1/incidents/{iid}/timeline")["events"]
                    if e["type"] == "action_item_reminded"]
        got = wait_for(lambda: reminders())
        self.assertEqual([(r["payload"]["day"], r["payload"]["reminder"], r["payload"]["to"]) for r in got],
                         [("2026-02-14", 1, ["mike"])])
        self.assertEqual(got[0]["actor"]["kind"], "system")
        self.assertTrue(wait_for(lambda: any("Overdue: action item 1" in t for t in self.dms("U0MIKE"))))
        # The same day again: nothing more. The next day: the owner and the IC.
        s.cli("clock", "advance", "6h")
        self.assertEqual(len(reminders()), 1)
        s.cli("clock", "advance", "1d")
        got = wait_for(lambda: len(reminders()) == 2 and reminders())
        self.assertEqual((got[1]["payload"]["day"], got[1]["payload"]["reminder"], got[1]["payload"]["to"]),
                         ("2026-02-15", 2, ["mike", "sarah"]))
        self.assertTrue(wait_for(lambda: any("to the Incident Commander too" in t for t in self.dms("U0SARAH"))))
        # Done: no more reminders.
        s.cli("action", "done", iid, "1")
        s.cli("clock", "advance", "2d")
        self.assertEqual(len(reminders()), 2)

    def test_bad_input_is_refused_and_nothing_is_written(self):
        s = self.s
        iid = self.closed_p1()
        def recorded():  # what a command writes (deliveries are recorded as they happen)
            return [e["type"] for e in s.api("GET", f"/api/v1/incidents/{iid}/timeline")["events"]
                    if not e["type"].startswith("message_")]
        before = recorded()
        path = f"/api/v1/incidents/{iid}/action-items"
        cases = [
            ({"title": "x", "owner": "mike", "due": "2026-02-11"}, 409, "in the past"),
            ({"title": "x", "owner": "mike", "due": "2026-02-30"}, 400, "YYYY-MM-DD"),
            ({"title": "x", "owner": "nobody", "due": "2026-03-01"}, 404, "no user 'nobody'"),
            ({"title": "x", "owner": "vera", "due": "2026-03-01"}, 409, "viewer"),
            ({"title": "x", "owner": "mike", "due": "2026-03-01", "priority": "P3"}, 400, "P0, P1 or P2"),
            ({"title": "", "owner": "mike", "due": "2026-03-01"}, 400, "title"),
            ({"title": "x", "owner": "mike", "due": "2026-03-01", "tracker_url": "ftp://x"}, 400, "http"),
            ({"title": "x", "owner": "mike", "due": "2026-03-01", "ownr": "x"}, 400, "ownr"),
        ]
        for body, status, text in cases:
            code, answer, _ = s.request("POST", path, body)
            self.assertEqual(code, status, (body, answer))
            self.assertIn(text, answer["detail"], body)
        code, answer, _ = s.request("POST", path, raw=b"{not json")
        self.assertEqual(code, 400)
        code, answer, _ = s.request("POST", "/api/v1/incidents/INC-2026-02-12-999/action-items",
                                    {"title": "x", "owner": "mike", "due": "2026-03-01"})
        self.assertEqual(code, 404)
        code, answer, _ = s.request("POST", f"{path}/7", {"status": "done"})
        self.assertEqual(code, 404)
        self.assertIn("no action item 7", answer["detail"])
        s.api("POST", path, {"title": "x", "owner": "mike", "due": "2026-03-01"})
        for body, status, text in [({}, 400, "nothing to change"), ({"status": "not-started"}, 409, "already"),
                                   ({"status": "finished"}, 400, "not-started, in-progress, done, wont-do"),
                                   ({"due": "2026-01-01"}, 409, "in the past")]:
            code, answer, _ = s.request("POST", f"{path}/1", body)
            self.assertEqual(code, status, (body, answer))
            self.assertIn(text, answer["detail"], body)
        code, answer, _ = s.request("GET", "/api/v1/action-items?overdue=yes")
        self.assertEqual(code, 400)
        code, answer, _ = s.request("GET", "/api/v1/action-items?colour=red")
        self.assertIn("unknown filter 'colour'", answer["detail"])
        self.assertEqual(recorded(), before + ["action_item_added"])  # only the one item added
        # A viewer reads the list and changes nothing.
        vera = s.api("POST", "/api/v1/users/vera/tokens", {"label": "t"}, expect=201)["token"]
        self.assertEqual(len(s.api("GET", "/api/v1/action-items", token=vera)["items"]), 1)
        code, _, _ = s.request("POST", f"{path}/1/done", {}, token=vera)
        self.assertEqual(code, 403)

    def test_a_restricted_incidents_items_are_listed_only_to_its_participants(self):
        s = self.s
        iid = s.api("POST", "/api/v1/incidents", {"severity": "P0", "summary": "Security breach",
                                                  "visibility": "restricted"}, expect=201)["id"]
        s.api("POST", f"/api/v1/incidents/{iid}/action-items",
              {"title": "Rotate keys", "owner": "mike", "due": "2026-03-01"})
        sarah = s.api("POST", "/api/v1/users/sarah/tokens", {"label": "t"}, expect=201)["token"]
        mike = s.api("POST", "/api/v1/users/mike/tokens", {"label": "t"}, expect=201)["token"]
        self.assertEqual(s.api("GET", "/api/v1/action-items", token=sarah)["items"], [])
        self.assertEqual([a["title"] for a in s.api("GET", "/api/v1/action-items", token=mike)["items"]],
                         ["Rotate keys"])


if __name__ == "__main__":
    unittest.main()
