"""Idempotency-Key: a mutating request sent again with the same key (after a
lost answer, a dropped connection, a 503) gets the first answer back, marked
Idempotent-Replayed, and applies once; the key reused for another request is
a 422; a malformed key a 400; keys are per caller. Every mutating route of
the route table is covered (a new one fails the coverage test until it is
added here). Answers that show a secret once (tokens, integration keys) are
not stored: their retry is a 409 saying what was made. The CLI sends a key
with every change (WARROOM_IDEMPOTENCY_KEY to choose it) and retries 503s
with the same key."""
import http.server
import json
import os
import sqlite3
import subprocess
import tempfile
import threading
import unittest
from concurrent.futures import ThreadPoolExecutor

from harness import BIN, Server, free_port, wait_for
from receiver import Receiver

REPLAYED = "Idempotent-Replayed"


class Idempotency(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.rx = Receiver()
        d = tempfile.mkdtemp(prefix="warroom-idem-")
        cfg = os.path.join(d, "warroom.yaml")
        with open(cfg, "w") as f:
            f.write(f"""destinations:
  customers: {{type: webhook, url: "{cls.rx.url}/reject"}}
routes:
  customers: [customers]
status_page:
  subscribers:
    email: {{smtp_url: "smtp://127.0.0.1:{free_port()}", from: "status@example.com"}}
""")
        cls.s = Server("--config", cfg, "--clock", "simulated:2026-02-12T14:00:00Z", db_dir=d).start()
        cls.key_n = 0

    @classmethod
    def tearDownClass(cls):
        cls.s.cleanup()
        cls.rx.close()

    def key(self):
        Idempotency.key_n += 1
        return f"test-{self._testMethodName}-{Idempotency.key_n}"

    def send(self, method, path, body=None, key=None, token=None):
        headers = {"Idempotency-Key": key} if key else {}
        return self.s.request(method, path, body, token=token, headers=headers)

    def twice(self, method, path, body=None, token=None):
        """The same request twice under one key: (first, second) answers."""
        k = self.key()
        return self.send(method, path, body, k, token), self.send(method, path, body, k, token)

    def assertReplayed(self, first, second, status):
        self.assertEqual(first[0], status, first[1])
        self.assertNotIn(REPLAYED, first[2])
        self.assertEqual((second[0], second[1]), (first[0], first[1]))
        self.assertEqual(second[2].get(REPLAYED), "true")

    def assertShownOnce(self, first, second, status, what):
        self.assertEqual(first[0], status, first[1])
        self.assertEqual(second[0], 409, second[1])
        self.assertEqual(second[2].get(REPLAYED), "true")
        self.assertIn(what, second[1]["detail"])
        self.assertIn("shown once", second[1]["detail"])
        self.assertNotIn("wr", json.dumps(second[1]).replace("warroom", ""))  # no secret of any kind

    def declare(self, summary="Checkout slow", severity="P2"):
        return self.s.api("POST", "/api/v1/incidents", {"severity": severity, "summary": summary}, expect=201)

    def timeline(self, iid):
        return self.s.api("GET", f"/api/v1/incidents/{iid}/timeline")["events"]

    # --- every mutating route ---------------------------------------------
    def test_every_mutating_route_of_the_route_table_is_covered(self):
        routes = json.loads(subprocess.run([BIN, "routes", "--json"], capture_output=True, text=True,
                                           check=True).stdout)["routes"]
        mutating = {(r["method"], r["pattern"]) for r in routes
                    if r["method"] in ("POST", "PUT", "PATCH", "DELETE") and r["scope"] in ("read", "respond", "admin")}
        # The incident commands share one path (IncidentService::Run), tested
        # below through declare, notes, responders and tasks; every other
        # route is named here with the test that covers it.
        commands = {p for m, p in mutating if p.startswith("/api/v1/incidents/{id}/")}
        covered = {
            ("POST", "/api/v1/incidents"), ("POST", "/api/v1/users"), ("PATCH", "/api/v1/users/{handle}"),
            ("POST", "/api/v1/users/{handle}/disable"), ("POST", "/api/v1/users/{handle}/enable"),
            ("POST", "/api/v1/users/{handle}/tokens"), ("DELETE", "/api/v1/tokens/{id}"),
            ("POST", "/api/v1/integrations"), ("POST", "/api/v1/integrations/{name}/enable"),
            ("POST", "/api/v1/integrations/{name}/disable"), ("POST", "/api/v1/integrations/{name}/rotate"),
            ("POST", "/api/v1/outbox/{id}/retry"), ("POST", "/api/v1/alerts/declare"),
            ("POST", "/api/v1/alerts/attach"), ("POST", "/api/v1/alerts/dismiss"),
            ("POST", "/api/v1/clock/advance"), ("PUT", "/api/v1/status-page/components/{id}"),
            ("POST", "/api/v1/status-page/maintenances"), ("POST", "/api/v1/status-page/maintenances/{id}/updates"),
            ("PUT", "/api/v1/users/{handle}/password"), ("DELETE", "/api/v1/users/{handle}/sessions/{id}"),
            ("DELETE", "/api/v1/sessions/current"), ("POST", "/api/v1/users/{handle}/sign-in-link"),
            ("POST", "/api/v1/status-page/subscribers"), ("DELETE", "/api/v1/status-page/subscribers/{id}"),
            # Changes nothing: repeated as it is.
            ("POST", "/api/v1/policy/classify"),
        }
        self.assertEqual(mutating - {(m, p) for m, p in mutating if p in commands}, covered)
        self.assertGreater(len(commands), 15)

    def test_an_action_item_added_and_done_applies_once(self):
        iid = self.s.api("POST", "/api/v1/incidents", {"severity": "P2", "summary": "items"}, expect=201)["id"]
        first, second = self.twice("POST", f"/api/v1/incidents/{iid}/action-items",
                                   {"title": "Add a canary", "owner": "admin", "due": "2099-01-01"})
        self.assertReplayed(first, second, 200)
        first, second = self.twice("POST", f"/api/v1/incidents/{iid}/action-items/1/done")
        self.assertReplayed(first, second, 200)
        types = [e["type"] for e in self.timeline(iid)]
        self.assertEqual((types.count("action_item_added"), types.count("action_item_updated")), (1, 1))

    def test_passwords_sessions_and_sign_in_links_apply_once(self):
        self.s.api("POST", "/api/v1/users", {"handle": "pia"}, expect=201)
        first, second = self.twice("PUT", "/api/v1/users/pia/password", {"password": "pia's first passphrase"})
        self.assertReplayed(first, second, 200)
        st, opened, headers = self.s.request("POST", "/api/v1/sessions",
                                             {"handle": "pia", "password": "pia's first passphrase"}, token="")
        self.assertEqual(st, 201, opened)
        sid = opened["session"]["id"]
        first, second = self.twice("DELETE", f"/api/v1/users/pia/sessions/{sid}")
        self.assertReplayed(first, second, 200)
        # Without a key the same request is a new one: it already applied.
        self.assertEqual(self.send("DELETE", f"/api/v1/users/pia/sessions/{sid}")[0], 409)
        # Signing out, by the session itself (its cookie, Origin and CSRF token).
        st, opened, headers = self.s.request("POST", "/api/v1/sessions",
                                             {"handle": "pia", "password": "pia's first passphrase"}, token="")
        browser = {"Cookie": headers["Set-Cookie"].split(";")[0], "Origin": self.s.url,
                   "X-CSRF-Token": opened["csrf"], "Idempotency-Key": self.key()}
        out = [self.s.request("DELETE", "/api/v1/sessions/current", token="", headers=browser) for _ in range(2)]
        self.assertEqual(out[0][0], 200, out[0][1])
        # Its retry is no longer signed in at all: the one answer that says so.
        self.assertEqual(out[1][0], 401, out[1][1])
        # A link is shown once: its retry says what was made.
        first, second = self.twice("POST", "/api/v1/users/pia/sign-in-link")
        self.assertShownOnce(first, second, 201, "sign-in link for pia")

    def test_declare_notes_responders_and_tasks_apply_once(self):
        before = len(self.s.all_incident_ids())
        first, second = self.twice("POST", "/api/v1/incidents", {"severity": "P1", "summary": "Payments failing"})
        self.assertReplayed(first, second, 201)
        self.assertEqual(len(self.s.all_incident_ids()), before + 1)
        iid = first[1]["id"]
        first, second = self.twice("POST", f"/api/v1/incidents/{iid}/notes", {"kind": "finding", "text": "Error rate 40%"})
        self.assertReplayed(first, second, 200)
        self.assertEqual([e["type"] for e in self.timeline(iid)].count("note_added"), 1)
        bob = self.s.api("POST", "/api/v1/users", {"handle": "bob-" + iid[-3:]}, expect=201)["token"]
        self.s.api("POST", f"/api/v1/incidents/{iid}/responders", {"user": f"bob-{iid[-3:]}"}, token=bob)
        first, second = self.twice("DELETE", f"/api/v1/incidents/{iid}/responders/bob-{iid[-3:]}")
        self.assertReplayed(first, second, 200)
        # Without a key the same request is a new one: refused, it already applied.
        self.assertEqual(self.send("DELETE", f"/api/v1/incidents/{iid}/responders/bob-{iid[-3:]}")[0], 409)
        self.s.api("POST", f"/api/v1/incidents/{iid}/tasks", {"title": "Roll back the deploy"})
        task = next(e for e in self.timeline(iid) if e["type"] == "task_added")["payload"]["task_id"]
        first, second = self.twice("POST", f"/api/v1/incidents/{iid}/tasks/{task}/complete")
        self.assertReplayed(first, second, 200)
        self.assertEqual([e["type"] for e in self.timeline(iid)].count("task_completed"), 1)

    def test_users_and_tokens(self):
        first, second = self.twice("POST", "/api/v1/users", {"handle": "idem-user"})
        self.assertShownOnce(first, second, 201, "issued token")
        self.assertEqual([u["handle"] for u in self.s.api("GET", "/api/v1/users")["items"]].count("idem-user"), 1)
        first, second = self.twice("PATCH", "/api/v1/users/idem-user", {"permission": "viewer"})
        self.assertReplayed(first, second, 200)
        for action in ("disable", "enable"):
            self.assertReplayed(*self.twice("POST", f"/api/v1/users/idem-user/{action}", {}), 200)
        tokens = lambda: self.s.api("GET", "/api/v1/users/idem-user/tokens")["items"]
        before = len(tokens())
        first, second = self.twice("POST", "/api/v1/users/idem-user/tokens", {"label": "laptop"})
        self.assertShownOnce(first, second, 201, f"issued token {first[1]['id']} of idem-user")
        self.assertIn(f"warroom token revoke {first[1]['id']}", second[1]["detail"])
        self.assertEqual(len(tokens()), before + 1)
        first, second = self.twice("DELETE", f"/api/v1/tokens/{first[1]['id']}")
        self.assertReplayed(first, second, 200)
        self.assertEqual(first[1]["state"], "revoked")

    def test_integrations(self):
        first, second = self.twice("POST", "/api/v1/integrations", {"name": "idem-src", "type": "generic"})
        self.assertShownOnce(first, second, 201, "created integration idem-src's key")
        for action in ("disable", "enable"):
            self.assertReplayed(*self.twice("POST", f"/api/v1/integrations/idem-src/{action}", {}), 200)
        first, second = self.twice("POST", "/api/v1/integrations/idem-src/rotate", {})
        self.assertShownOnce(first, second, 200, "rotated integration idem-src's key")
        self.assertIn("warroom integration rotate idem-src", second[1]["detail"])
        # The rotated key is the one that works: the retry made no other.
        st, body, _ = self.s.request("POST", "/api/v1/ingest/generic",
                                     {"alerts": [{"key": "probe", "summary": "probe", "labels": {"severity": "none"}}]},
                                     token=first[1]["key"])
        self.assertEqual(st, 200, body)

    def test_triage_declare_attach_and_dismiss(self):
        key = self.s.api("POST", "/api/v1/integrations", {"name": "idem-triage", "type": "generic"}, expect=201)["key"]

        def waiting(n):
            keys = [self.key() for _ in range(n)]
            alerts = [{"key": k, "summary": "Queue lag " + k, "group": k, "labels": {"severity": "none"}}
                      for k in keys]
            st, body, _ = self.s.request("POST", "/api/v1/ingest/generic", {"alerts": alerts}, token=key)
            self.assertEqual(st, 200, body)
            triage = {a["key"]: a["id"] for a in self.s.api("GET", "/api/v1/alerts?disposition=triage")["items"]}
            return [triage[k] for k in keys]

        ids = waiting(3)
        first, second = self.twice("POST", "/api/v1/alerts/declare",
                                   {"alert_ids": [ids[0]], "severity": "P3", "summary": "Queue lag"})
        self.assertReplayed(first, second, 201)
        iid = first[1]["incident_id"]
        self.assertReplayed(*self.twice("POST", "/api/v1/alerts/attach",
                                        {"alert_ids": [ids[1]], "incident_id": iid}), 200)
        self.assertReplayed(*self.twice("POST", "/api/v1/alerts/dismiss",
                                        {"alert_ids": [ids[2]], "reason": "noise"}), 200)
        attached = [e for e in self.timeline(iid) if e["type"] == "alert_group_attached"]
        self.assertEqual(len(attached), 2, attached)  # the declared group and the attached one

    def test_outbox_retry(self):
        iid = self.declare("Customer comms")["id"]
        self.s.api("POST", f"/api/v1/incidents/{iid}/updates", {"audience": "customers", "text": "We are on it"})
        dead = wait_for(lambda: [m for m in self.s.api("GET", "/api/v1/outbox?state=failed")["items"]
                                 if m["incident_id"] == iid and m["state"] == "dead"])
        self.assertTrue(dead)
        first, second = self.twice("POST", f"/api/v1/outbox/{dead[0]['id']}/retry", {})
        self.assertReplayed(first, second, 200)
        self.assertEqual(first[1]["state"], "pending")

    def test_clock_advance_and_classify(self):
        before = self.s.api("GET", "/api/v1/clock")["now"]
        first, second = self.twice("POST", "/api/v1/clock/advance", {"by": "1m"})
        self.assertReplayed(first, second, 200)
        self.assertEqual(first[1]["now"], self.s.api("GET", "/api/v1/clock")["now"])
        self.assertNotEqual(first[1]["now"], before)
        # Classification changes nothing: answered again, not from a record.
        first, second = self.twice("POST", "/api/v1/policy/classify", {"customers_affected_pct": 10})
        self.assertEqual((first[0], first[1]), (second[0], second[1]))
        self.assertNotIn(REPLAYED, second[2])

    def test_a_status_page_component_set_applies_once(self):
        before = self.status_page_events()
        body = {"status": "degraded_performance", "note": "slow writes"}
        first, second = self.twice("PUT", "/api/v1/status-page/components/api", body)
        self.assertReplayed(first, second, 200)
        # One event on the status-page chain, not two.
        self.assertEqual(self.status_page_events(), before + 1)

    def status_page_events(self):
        return self.s.cli_json("verify", "--database", "sqlite:" + self.s.db)["status_page_events"]

    def test_a_maintenance_and_its_update_apply_once(self):
        before = self.status_page_events()
        body = {"name": "Upgrade", "scheduled_for": "2030-01-01T10:00:00Z",
                "scheduled_until": "2030-01-01T11:00:00Z", "components": ["api"]}
        first, second = self.twice("POST", "/api/v1/status-page/maintenances", body)
        self.assertReplayed(first, second, 201)
        mid = first[1]["id"]
        first, second = self.twice("POST", f"/api/v1/status-page/maintenances/{mid}/updates",
                                   {"status": "in_progress", "body": "Started early."})
        self.assertReplayed(first, second, 200)
        items = self.s.api("GET", "/api/v1/status-page/maintenances")["items"]
        self.assertEqual([m["id"] for m in items].count(mid), 1)
        self.assertEqual(self.status_page_events(), before + 2)

    def test_a_subscriber_added_and_removed_applies_once(self):
        first, second = self.twice("POST", "/api/v1/status-page/subscribers", {"email": "once@example.com"})
        self.assertReplayed(first, second, 201)
        sid = first[1]["id"]
        listed = [x for x in self.s.api("GET", "/api/v1/status-page/subscribers")["items"]
                  if x["address"] == "once@example.com"]
        self.assertEqual([x["id"] for x in listed], [sid])
        first, second = self.twice("DELETE", f"/api/v1/status-page/subscribers/{sid}")
        self.assertReplayed(first, second, 200)
        self.s.api("GET", f"/api/v1/status-page/subscribers/{sid}", expect=404)

    # --- refusals ---------------------------------------------------------
    def test_a_key_reused_for_another_request_is_422_and_writes_nothing(self):
        k = self.key()
        iid = self.send("POST", "/api/v1/incidents", {"severity": "P3", "summary": "first"}, k)[1]["id"]
        before = len(self.s.all_incident_ids())
        st, body, _ = self.send("POST", "/api/v1/incidents", {"severity": "P3", "summary": "second"}, k)
        self.assertEqual(st, 422, body)
        self.assertEqual(body["code"], "idempotency-key-reused")
        self.assertIn("with another body", body["detail"])
        st, body, _ = self.send("POST", f"/api/v1/incidents/{iid}/notes", {"text": "x"}, k)
        self.assertEqual(st, 422, body)
        self.assertIn("POST /api/v1/incidents", body["detail"])
        self.assertEqual(len(self.s.all_incident_ids()), before)
        self.assertNotIn("note_added", [e["type"] for e in self.timeline(iid)])

    def test_a_malformed_key_is_400_and_writes_nothing(self):
        before = len(self.s.all_incident_ids())
        for bad in ("x" * 256, "has space", "tab\there", "é"):
            st, body, _ = self.send("POST", "/api/v1/incidents", {"severity": "P3", "summary": "bad key"},
                                    bad.encode("utf-8").decode("latin-1"))
            self.assertEqual(st, 400, (bad, body))
            self.assertIn("Idempotency-Key", body["detail"])
        self.assertEqual(len(self.s.all_incident_ids()), before)

    def test_keys_are_per_caller(self):
        other = self.s.api("POST", "/api/v1/users", {"handle": "idem-other"}, expect=201)["token"]
        k = self.key()
        mine = self.send("POST", "/api/v1/incidents", {"severity": "P3", "summary": "mine"}, k)
        theirs = self.send("POST", "/api/v1/incidents", {"severity": "P3", "summary": "theirs"}, k, token=other)
        self.assertEqual((mine[0], theirs[0]), (201, 201))
        self.assertNotEqual(mine[1]["id"], theirs[1]["id"])

    def test_a_failed_request_is_not_kept(self):
        k = self.key()
        st, _, _ = self.send("POST", "/api/v1/incidents", {"severity": "P9", "summary": "bad"}, k)
        self.assertEqual(st, 400)
        # Nothing applied, nothing kept: the corrected request may use the key.
        st, body, _ = self.send("POST", "/api/v1/incidents", {"severity": "P9", "summary": "bad"}, k)
        self.assertEqual(st, 400)

    def test_concurrent_retries_apply_once(self):
        k = self.key()
        before = len(self.s.all_incident_ids())
        body = {"severity": "P2", "summary": "Retried at once"}
        with ThreadPoolExecutor(8) as pool:
            answers = list(pool.map(lambda _: self.send("POST", "/api/v1/incidents", body, k), range(8)))
        self.assertEqual({a[0] for a in answers}, {201}, answers)
        self.assertEqual(len({a[1]["id"] for a in answers}), 1)
        self.assertEqual(len(self.s.all_incident_ids()), before + 1)
        self.assertEqual(sum(1 for a in answers if REPLAYED not in a[2]), 1)

    # --- the CLI ----------------------------------------------------------
    def test_the_cli_sends_a_key_and_takes_one_from_the_environment(self):
        db = sqlite3.connect(self.s.db)
        count = lambda: db.execute("SELECT count(*) FROM requests WHERE caller = 'admin'").fetchone()[0]
        before = count()
        self.s.cli("declare", "--severity", "P3", "--summary", "from the CLI")
        self.assertEqual(count(), before + 1)
        keys = [r[0] for r in db.execute("SELECT key FROM requests WHERE caller = 'admin' ORDER BY at DESC")]
        self.assertRegex(keys[0], r"^[0-9a-f]{32}$")
        # The same key chosen by a script: a second run replays.
        n = len(self.s.all_incident_ids())
        env_key = self.key()
        os.environ["WARROOM_IDEMPOTENCY_KEY"] = env_key
        try:
            a = self.s.cli_json("declare", "--severity", "P3", "--summary", "scripted")
            b = self.s.cli_json("declare", "--severity", "P3", "--summary", "scripted")
        finally:
            del os.environ["WARROOM_IDEMPOTENCY_KEY"]
        self.assertEqual(a["id"], b["id"])
        self.assertEqual(len(self.s.all_incident_ids()), n + 1)
        db.close()


class CliRetries(unittest.TestCase):
    """The CLI against a stand-in server that answers 503 twice, then 201:
    three attempts with one key, the retries shown on stderr, the answer
    printed once."""

    def test_a_503_is_retried_with_the_same_key(self):
        seen = []

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_POST(self):
                self.rfile.read(int(self.headers.get("Content-Length", "0")))
                seen.append(self.headers.get("Idempotency-Key"))
                if len(seen) < 3:
                    body, status, extra = b'{"code":"unavailable","detail":"taking over"}', 503, {"Retry-After": "0"}
                else:
                    body, status, extra = json.dumps({"id": "INC-2026-02-12-001", "severity": "P3",
                                                      "summary": "x", "status": "investigating"}).encode(), 201, {}
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                for k, v in extra.items():
                    self.send_header(k, v)
                self.end_headers()
                self.wfile.write(body)

        srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=srv.serve_forever, daemon=True).start()
        self.addCleanup(srv.shutdown)
        env = dict(os.environ, WARROOM_SERVER=f"http://127.0.0.1:{srv.server_port}", WARROOM_TOKEN="wr_" + "0" * 64)
        p = subprocess.run([BIN, "declare", "--severity", "P3", "--summary", "x", "--json"], env=env,
                           capture_output=True, text=True, timeout=60)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertEqual(json.loads(p.stdout)["id"], "INC-2026-02-12-001")
        self.assertEqual(len(seen), 3)
        self.assertEqual(len(set(seen)), 1, seen)
        self.assertRegex(seen[0], r"^[0-9a-f]{32}$")
        self.assertEqual(p.stderr.count("retrying in"), 2, p.stderr)
        self.assertIn("the server answered 503", p.stderr)

    def test_a_refused_connection_fails_at_once(self):
        env = dict(os.environ, WARROOM_SERVER="http://127.0.0.1:9", WARROOM_TOKEN="wr_" + "0" * 64)
        p = subprocess.run([BIN, "declare", "--severity", "P3", "--summary", "x"], env=env,
                           capture_output=True, text=True, timeout=10)
        self.assertEqual(p.returncode, 6, p.stderr)
        self.assertNotIn("retrying", p.stderr)


if __name__ == "__main__":
    unittest.main()
