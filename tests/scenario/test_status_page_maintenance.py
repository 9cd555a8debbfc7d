"""Scheduled maintenance through the real server: a publisher announces a
window (CLI and API), the public page, its JSON, the maintenance's own page
and the feed show it upcoming; when the window opens its components are
under maintenance and the roll-up says so; people post updates (verifying,
completed, which is final) and it moves to the past. Bad input and a caller
without publish-public are refused, nothing written."""
import json
import subprocess

from harness import BIN, ServerTest, wait_for

FOR, UNTIL = "2026-02-12T15:00:00Z", "2026-02-12T17:00:00Z"


class Maintenance(ServerTest):
    server_args = ("--clock", "simulated:2026-02-12T14:00:00Z")

    def doc(self, name):
        st, body, _ = self.s.request("GET", "/api/v2/" + name, token="")
        self.assertEqual(st, 200, body)
        return body

    def html(self, path):
        st, body, _ = self.s.request("GET", path, token="")
        return st, body if isinstance(body, str) else json.dumps(body)

    def chain_events(self):
        p = subprocess.run([BIN, "verify", "--json"] + self.s.database_args(), capture_output=True,
                           text=True, timeout=60)
        return json.loads(p.stdout)["status_page_events"]

    def schedule(self, *extra, **kw):
        return self.s.cli("status-page", "maintenance", "schedule", "Database upgrade", "--from", FOR,
                          "--until", UNTIL, "--component", "api", "--component", "scheduler", *extra, **kw)

    def test_a_maintenance_announced_runs_through_its_window_and_is_completed(self):
        out = self.schedule("--body", "Writes pause for a few minutes.").stdout
        self.assertIn("Database upgrade", out)
        self.assertIn("scheduled", out)
        m = self.s.cli_json("status-page", "maintenance", "list")["items"][0]
        mid = m["id"]
        self.assertRegex(mid, r"^[0-9a-f]{20}$")
        self.assertEqual((m["status"], m["components"]), ("scheduled", ["api", "scheduler"]))
        self.assertEqual(m["updates"][0]["body"], "Writes pause for a few minutes.")
        # Upcoming: on the JSON, the summary, the page, its own page, the feed.
        up = wait_for(lambda: self.doc("scheduled-maintenances/upcoming.json")["scheduled_maintenances"] or None)
        self.assertEqual((up[0]["id"], up[0]["status"], up[0]["scheduled_for"]), (mid, "scheduled", FOR))
        self.assertTrue(up[0]["shortlink"].endswith("/status/maintenances/" + mid))
        self.assertEqual([c["id"] for c in up[0]["components"]], ["api", "scheduler"])
        self.assertEqual(self.doc("scheduled-maintenances/active.json")["scheduled_maintenances"], [])
        s = self.doc("summary.json")
        self.assertEqual([x["id"] for x in s["scheduled_maintenances"]], [mid])
        self.assertEqual(s["status"]["indicator"], "none")
        st, page = self.html("/status")
        self.assertEqual(st, 200)
        self.assertIn("Scheduled maintenance", page)
        self.assertIn(f'href="/status/maintenances/{mid}"', page)
        st, own = self.html("/status/maintenances/" + mid)
        self.assertEqual(st, 200)
        self.assertIn("Writes pause for a few minutes.", own)
        self.assertIn("Affects API, Scheduler", own)
        st, _ = self.html("/status/maintenances/0000")
        self.assertEqual(st, 404)
        st, feed = self.html("/status/feed.atom")
        self.assertIn(f"status/maintenances/{mid}</id>", feed)
        # The window opens: its components are under maintenance.
        self.s.cli("clock", "advance", "1h5m")
        active = wait_for(lambda: self.doc("scheduled-maintenances/active.json")["scheduled_maintenances"] or None)
        self.assertEqual(active[0]["status"], "in_progress")
        s = self.doc("summary.json")
        self.assertEqual(s["status"]["indicator"], "maintenance")
        api = next(c for c in s["components"] if c["id"] == "api")
        self.assertEqual(api["status"], "under_maintenance")
        st, page = self.html("/status")
        self.assertIn(f'data-maintenance="{mid}"', page)
        # Updates: a check, then done early; the components come back.
        self.s.cli("status-page", "maintenance", "update", mid, "--status", "verifying", "--body", "Checking replicas.")
        done = self.s.cli_json("status-page", "maintenance", "update", mid, "--status", "completed",
                               "--body", "All done.")
        self.assertEqual(done["status"], "completed")
        # Newest first; the window opening by itself is a status, not an update.
        self.assertEqual([u["status"] for u in done["updates"]], ["completed", "verifying", "scheduled"])
        self.assertEqual(done["updates"][0]["body"], "All done.")
        s = wait_for(lambda: (lambda s: s if s["status"]["indicator"] == "none" else None)(self.doc("summary.json")))
        self.assertEqual(next(c for c in s["components"] if c["id"] == "api")["status"], "operational")
        self.assertEqual(s["scheduled_maintenances"], [])
        listed = self.doc("scheduled-maintenances.json")["scheduled_maintenances"][0]
        self.assertEqual((listed["status"], listed["incident_updates"][0]["body"]), ("completed", "All done."))
        st, page = self.html("/status")
        self.assertIn("Past maintenance", page)
        # Completed is final: a later update is refused, nothing written.
        before = self.chain_events()
        r = self.s.cli("status-page", "maintenance", "update", mid, "--status", "in_progress", "--body", "again",
                       check=False)
        self.assertEqual(r.returncode, 4, r.stderr)
        self.assertIn("stays so", r.stderr)
        self.assertEqual(self.chain_events(), before)
        self.assertIn("Database upgrade (" + mid + "): completed",
                      self.s.cli("status-page", "maintenance", "show", mid).stdout)

    def test_an_update_may_move_the_end_and_a_completion_before_the_window_calls_it_off(self):
        mid = self.s.cli_json("status-page", "maintenance", "schedule", "Network work", "--from", FOR,
                              "--until", UNTIL, "--component", "dashboard")["id"]
        moved = self.s.cli_json("status-page", "maintenance", "update", mid, "--until", "2026-02-12T18:00:00Z",
                                "--body", "Running long.")
        self.assertEqual(moved["scheduled_until"], "2026-02-12T18:00:00Z")
        off = self.s.cli_json("status-page", "maintenance", "update", mid, "--status", "completed",
                              "--body", "Called off.")
        self.assertEqual(off["status"], "completed")
        self.s.cli("clock", "advance", "1h5m")
        s = wait_for(lambda: (lambda s: s if s["page"]["updated_at"] else None)(self.doc("summary.json")))
        self.assertEqual(next(c for c in s["components"] if c["id"] == "dashboard")["status"], "operational")
        self.assertEqual(self.doc("scheduled-maintenances/active.json")["scheduled_maintenances"], [])

    def test_bad_input_and_non_publishers_are_refused_and_nothing_is_written(self):
        bob = self.user("bob")
        r = self.schedule(token=bob, check=False)
        self.assertEqual(r.returncode, 5, r.stderr)
        self.assertIn("--publish-public true", r.stderr)
        ok = {"name": "Upgrade", "scheduled_for": FOR, "scheduled_until": UNTIL, "components": ["api"]}
        cases = [
            (dict(ok, scheduled_until="2026-02-12T14:30:00Z"), 400, "must come after its scheduled_for"),
            (dict(ok, scheduled_for="2026-02-12T12:00:00Z", scheduled_until="2026-02-12T13:00:00Z"), 400,
             "which has passed"),
            (dict(ok, components=[]), 400, "at least one"),
            (dict(ok, components=["api", 7]), 400, "'components[1]'"),
            (dict(ok, components=["nope"]), 404, "api, dashboard, scheduler, integrations"),
            (dict(ok, colour="red"), 400, "'colour' is not a field of a maintenance"),
            ({k: v for k, v in ok.items() if k != "scheduled_for"}, 400, "needs its window"),
            (dict(ok, scheduled_for="tomorrow"), 400, "'scheduled_for'"),
            (dict(ok, name=""), 400, "'name'"),
        ]
        for body, status, words in cases:
            st, data, _ = self.s.request("POST", "/api/v1/status-page/maintenances", body)
            self.assertEqual(st, status, (body, data))
            self.assertIn(words, data["detail"], body)
        st, data, _ = self.s.request("POST", "/api/v1/status-page/maintenances", ok, token=bob)
        self.assertEqual(st, 403, data)
        st, data, _ = self.s.request("POST", "/api/v1/status-page/maintenances", "{not json",
                                     headers={"Content-Type": "application/json"})
        self.assertEqual(st, 400, data)
        self.assertEqual(self.chain_events(), 0)
        self.assertEqual(self.s.cli_json("status-page", "maintenance", "list")["items"], [])
        # Updates of one that exists: a bad status, no body, an end before its start, someone else.
        mid = self.s.api("POST", "/api/v1/status-page/maintenances", ok, expect=201)["id"]
        path = f"/api/v1/status-page/maintenances/{mid}/updates"
        for body, status, words in [
            ({"status": "on_fire", "body": "x"}, 400, "in_progress, verifying or completed"),
            ({"status": "scheduled", "body": "x"}, 400, "in_progress, verifying or completed"),
            ({"status": "completed"}, 400, "'body'"),
            ({"body": "x", "scheduled_until": "2026-02-12T14:30:00Z"}, 409, "after the maintenance's start"),
            ({"body": "x", "extra": 1}, 400, "'extra' is not a field"),
        ]:
            st, data, _ = self.s.request("POST", path, body)
            self.assertEqual(st, status, (body, data))
            self.assertIn(words, data["detail"], body)
        st, data, _ = self.s.request("POST", path, {"body": "x"}, token=bob)
        self.assertEqual(st, 403, data)
        st, data, _ = self.s.request("POST", "/api/v1/status-page/maintenances/nope/updates", {"body": "x"})
        self.assertEqual(st, 404, data)
        r = self.s.cli("status-page", "maintenance", "show", "nope", check=False)
        self.assertEqual(r.returncode, 3, r.stderr)
        self.assertEqual(self.chain_events(), 1)
        self.assertEqual(len(self.s.api("GET", "/api/v1/status-page/maintenances/" + mid)["updates"]), 1)
