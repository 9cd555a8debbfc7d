"""Every bad input gets a clear error and writes nothing."""
import http.client
import json
import os
import stat
import subprocess
import unittest
import urllib.parse

from harness import BIN, Server, ServerTest

DECLARE = {"severity": "P2", "summary": "Checkout latency up", "at": "2026-02-12T10:00:00Z"}


class ApiErrors(ServerTest):
    def assertProblem(self, status, data, headers, code, fragment):
        self.assertEqual(status, {"invalid-argument": 400, "not-found": 404, "failed-precondition": 409,
                                  "unauthenticated": 401, "permission-denied": 403,
                                  "payload-too-large": 413, "already-exists": 409,
                                  "unsupported-media-type": 415}[code], data)
        self.assertTrue(headers.get("Content-Type", "").startswith("application/problem+json"), headers)
        self.assertEqual(data["code"], code)
        self.assertEqual(data["status"], status)
        self.assertIn(fragment, data["detail"])

    def count_incidents(self):
        return len(self.s.api("GET", "/api/v1/incidents")["items"])

    def events(self, iid):
        return len(self.s.api("GET", f"/api/v1/incidents/{iid}/timeline")["events"])

    def test_every_answer_carries_the_security_headers(self):
        answers = [self.s.request("GET", "/api/v1/incidents"), self.s.request("GET", "/healthz", token=""),
                   self.s.request("GET", "/api/v1/incidents", token=""),
                   self.s.request("GET", "/api/v1/no-such-thing"),
                   self.s.request("DELETE", "/api/v1/incidents")]
        self.assertEqual([a[0] for a in answers], [200, 200, 401, 404, 405])
        for st, _, h in answers:
            self.assertEqual(h.get("X-Content-Type-Options"), "nosniff", st)
            self.assertEqual(h.get("Referrer-Policy"), "no-referrer", st)
            self.assertEqual(h.get("X-Frame-Options"), "DENY", st)
            self.assertEqual(h.get("Content-Security-Policy"), "default-src 'none'; frame-ancestors 'none'", st)
            self.assertEqual(h.get("Server"), "warroom", st)

    def test_tokens(self):
        st, d, h = self.s.request("GET", "/api/v1/incidents", token="")
        self.assertProblem(st, d, h, "unauthenticated", "Bearer")
        self.assertEqual(h.get("WWW-Authenticate"), "Bearer")
        st, d, h = self.s.request("POST", "/api/v1/incidents", DECLARE, token="not-a-token")
        self.assertProblem(st, d, h, "unauthenticated", "not valid")
        st, d, h = self.s.request("POST", "/api/v1/incidents", DECLARE, token="wr_" + "0" * 64)
        self.assertProblem(st, d, h, "unauthenticated", "not valid")
        self.assertEqual(self.count_incidents(), 0)
        # Health needs no token.
        self.assertEqual(self.s.request("GET", "/healthz", token="")[0], 200)
        self.assertEqual(self.s.request("GET", "/readyz", token="")[0], 200)

    def test_malformed_bodies(self):
        cases = [
            (b"{not json", "not valid JSON"),
            (b"[1,2]", "must be a JSON object"),
            (b"", "needs a JSON object body"),
            (json.dumps({"summary": "x"}).encode(), "'severity' is required"),
            (json.dumps({"severity": "P9", "summary": "x"}).encode(), "unknown severity 'P9'"),
            (json.dumps({"severity": "P1", "summary": 5}).encode(), "'summary' is required and must be a string"),
            (json.dumps({"severity": "P1", "summary": "x", "detected_at": "yesterday"}).encode(), "RFC 3339"),
            (json.dumps({"severity": "P1", "summary": "x", "impact": {"customers_affected_pct": 120}}).encode(),
             "0 to 100"),
            (json.dumps({"severity": "P1", "summary": "x", "at": "2099-01-01T00:00:00Z"}).encode(), "in the future"),
            (json.dumps({"severity": "P1", "summary": "x", "source": "psychic"}).encode(), "unknown detection source"),
            (json.dumps({"severity": "P1", "summary": "   "}).encode(), "'summary' is required and must not be blank"),
        ]
        for raw, fragment in cases:
            with self.subTest(raw=raw):
                st, d, h = self.s.request("POST", "/api/v1/incidents", raw=raw)
                self.assertProblem(st, d, h, "invalid-argument", fragment)
        self.assertEqual(self.count_incidents(), 0)

    def test_oversized_body_is_refused_before_it_is_read(self):
        raw = json.dumps({"severity": "P1", "summary": "x" * (2 << 20)}).encode()
        st, d, h = self.s.request("POST", "/api/v1/incidents", raw=raw)
        self.assertProblem(st, d, h, "payload-too-large", "limit")
        self.assertEqual(self.count_incidents(), 0)

    def test_unknown_ids_actions_and_endpoints(self):
        st, d, h = self.s.request("GET", "/api/v1/incidents/INC-2026-01-01-404")
        self.assertProblem(st, d, h, "not-found", "no incident INC-2026-01-01-404")
        st, d, h = self.s.request("POST", "/api/v1/incidents/INC-2026-01-01-404/acknowledge", {})
        self.assertProblem(st, d, h, "not-found", "no incident")
        iid = self.s.api("POST", "/api/v1/incidents", DECLARE, expect=201)["id"]
        st, d, h = self.s.request("POST", f"/api/v1/incidents/{iid}/explode", {})
        self.assertProblem(st, d, h, "not-found", "unknown incident action 'explode'")
        st, d, h = self.s.request("GET", "/api/v2/things")
        self.assertProblem(st, d, h, "not-found", "no such endpoint")
        st, d, _ = self.s.request("DELETE", "/api/v1/incidents")
        self.assertEqual(st, 405)
        self.assertEqual(self.events(iid), 1)

    def test_invalid_transitions_name_the_status_and_next_steps(self):
        iid = self.s.api("POST", "/api/v1/incidents", DECLARE, expect=201)["id"]
        st, d, h = self.s.request("POST", f"/api/v1/incidents/{iid}/resolve", {"summary": "done"})
        self.assertProblem(st, d, h, "failed-precondition",
                           "is investigating: cannot resolve; allowed next steps: identify, mitigate, dismiss")
        st, d, h = self.s.request("POST", f"/api/v1/incidents/{iid}/close", {})
        self.assertProblem(st, d, h, "failed-precondition", "cannot close")
        st, d, h = self.s.request("POST", f"/api/v1/incidents/{iid}/identify",
                                  {"root_cause": "x", "category": "gremlins"})
        self.assertProblem(st, d, h, "invalid-argument", "unknown root-cause category 'gremlins'")
        st, d, h = self.s.request("POST", f"/api/v1/incidents/{iid}/mitigate",
                                  {"action": "rollback", "at": "2026-02-12T09:00:00Z"})
        self.assertProblem(st, d, h, "invalid-argument", "before the previous lifecycle step")
        self.s.api("POST", f"/api/v1/incidents/{iid}/mitigate", {"action": "rollback", "at": "2026-02-12T10:10:00Z"})
        st, d, h = self.s.request("POST", f"/api/v1/incidents/{iid}/resolve",
                                  {"summary": "ok", "at": "2026-02-12T10:20:00Z"})
        self.assertProblem(st, d, h, "failed-precondition", "no root cause")
        self.s.api("POST", f"/api/v1/incidents/{iid}/identify",
                   {"root_cause": "bad config", "category": "configuration", "at": "2026-02-12T10:15:00Z"})
        st, d, h = self.s.request("POST", f"/api/v1/incidents/{iid}/resolve",
                                  {"summary": "ok", "at": "2026-02-12T10:20:00Z"})
        self.assertProblem(st, d, h, "failed-precondition", "--force --reason")
        self.assertEqual(self.events(iid), 3)
        d = self.s.api("POST", f"/api/v1/incidents/{iid}/resolve",
                       {"summary": "ok", "force": True, "reason": "verified by customer",
                        "at": "2026-02-12T10:20:00Z"})
        self.assertEqual(d["status"], "resolved")

    def test_permissions(self):
        viewer = self.user("vic", "viewer")
        bob = self.user("bob", "responder")
        st, d, h = self.s.request("POST", "/api/v1/incidents", DECLARE, token=viewer)
        self.assertProblem(st, d, h, "permission-denied", "viewer")
        self.assertEqual(self.count_incidents(), 0)
        iid = self.s.api("POST", "/api/v1/incidents", DECLARE, expect=201)["id"]
        st, d, h = self.s.request("POST", f"/api/v1/incidents/{iid}/severity",
                                  {"severity": "P0", "reason": "worse"}, token=bob)
        self.assertProblem(st, d, h, "permission-denied", "Incident Commander (admin) or an admin")
        st, d, h = self.s.request("POST", f"/api/v1/incidents/{iid}/roles",
                                  {"role": "scribe", "user": "nobody"})
        self.assertProblem(st, d, h, "not-found", "no user 'nobody'")
        st, d, h = self.s.request("POST", "/api/v1/users", {"handle": "x"}, token=bob)
        self.assertProblem(st, d, h, "permission-denied", "admins")
        st, d, h = self.s.request("POST", "/api/v1/users", {"handle": "Bad Handle!"})
        self.assertProblem(st, d, h, "invalid-argument", "lower-case")
        st, d, h = self.s.request("POST", "/api/v1/users", {"handle": "bob"})
        self.assertProblem(st, d, h, "already-exists", "already exists")
        self.assertEqual(self.events(iid), 1)
        # The viewer can read.
        self.assertEqual(self.s.api("GET", f"/api/v1/incidents/{iid}", token=viewer)["id"], iid)

    def test_list_filters_are_checked(self):
        for q, fragment in [("limit=0", "'limit'"), ("limit=abc", "'limit'"), ("open=maybe", "'open'"),
                            ("severity=P7", "unknown severity"), ("status=sleeping", "unknown status"),
                            ("colour=red", "unknown filter 'colour'"), ("offset=-1", "'offset'")]:
            with self.subTest(q=q):
                st, d, h = self.s.request("GET", "/api/v1/incidents?" + q)
                self.assertProblem(st, d, h, "invalid-argument", fragment)

    def test_restricted_incidents_are_invisible_to_others(self):
        bob = self.user("bob")
        eve = self.user("eve")
        d = self.s.api("POST", "/api/v1/incidents",
                       {"severity": "P0", "summary": "Suspicious admin logins", "source": "security-alert"},
                       token=bob, expect=201)
        iid = d["id"]
        self.assertEqual(d["visibility"], "restricted")
        st, data, h = self.s.request("GET", f"/api/v1/incidents/{iid}", token=eve)
        self.assertProblem(st, data, h, "not-found", "no incident")
        self.assertEqual(self.s.api("GET", "/api/v1/incidents", token=eve)["items"], [])
        self.assertEqual(len(self.s.api("GET", "/api/v1/incidents", token=bob)["items"]), 1)
        self.assertEqual(len(self.s.api("GET", "/api/v1/incidents")["items"]), 1)  # admin
        st, data, h = self.s.request("POST", f"/api/v1/incidents/{iid}/updates",
                                     {"audience": "status-page", "text": "We are investigating"}, token=bob)
        self.assertProblem(st, data, h, "failed-precondition", "restricted")
        self.s.api("POST", f"/api/v1/incidents/{iid}/responders", {"user": "eve"}, token=bob)
        self.assertEqual(self.s.api("GET", f"/api/v1/incidents/{iid}", token=eve)["id"], iid)

    def total_events(self):
        return sum(self.events(i) for i in self.s.all_incident_ids())

    def assertRefusedWritingNothing(self, method, path, body, fragment, code="invalid-argument", **kw):
        before = (self.count_incidents(), self.total_events())
        st, d, h = self.s.request(method, path, body, **kw)
        self.assertProblem(st, d, h, code, fragment)
        self.assertLess(len(d["detail"]), 400, "a detail never echoes a long value whole")
        self.assertEqual((self.count_incidents(), self.total_events()), before)
        return d

    def test_integers_out_of_range_are_400_naming_the_field(self):
        iid = self.s.api("POST", "/api/v1/incidents", DECLARE, expect=201)["id"]
        # Boost.JSON reads 2^63..2^64-1 as unsigned: converting them was a 500.
        for n in (2 ** 63, 2 ** 64 - 1, 2 ** 53, -1, 1.5, "12"):
            with self.subTest(n=n):
                self.assertRefusedWritingNothing("POST", "/api/v1/incidents",
                                                 dict(DECLARE, impact={"customers_affected": n}),
                                                 "'customers_affected'")
                self.assertRefusedWritingNothing("POST", f"/api/v1/incidents/{iid}/impact",
                                                 {"customers_affected": n}, "'customers_affected'")
        d = self.assertRefusedWritingNothing("POST", f"/api/v1/incidents/{iid}/impact",
                                             {"customers_affected": 2 ** 64 - 1}, "from 0 to 9007199254740991")
        self.s.api("POST", f"/api/v1/incidents/{iid}/impact", {"customers_affected": 2 ** 53 - 1})
        self.s.api("POST", f"/api/v1/incidents/{iid}/tasks", {"title": "call the vendor"})
        for task in ("99999999999999999999", "1abc", "-1", "0"):
            with self.subTest(task=task):
                self.assertRefusedWritingNothing("POST", f"/api/v1/incidents/{iid}/tasks/{task}/complete", {},
                                                 f"'{task}' is not a task number")
        for q in ("severity=" + "P" * 5000, "status=" + "s" * 5000, "z" * 5000 + "=1"):
            with self.subTest(q=q[:20]):
                st, d, h = self.s.request("GET", "/api/v1/incidents?" + q)
                self.assertProblem(st, d, h, "invalid-argument", "unknown")
                self.assertLess(len(d["detail"]), 400)
        for q in ("limit=99999999999", "limit=+5", "offset=%205"):
            with self.subTest(q=q):
                st, d, h = self.s.request("GET", "/api/v1/incidents?" + q)
                self.assertProblem(st, d, h, "invalid-argument", "whole number")

    def test_timestamps_are_bounded(self):
        # 0001-01-01 was accepted, and the MTTD was 739,950 days.
        self.assertRefusedWritingNothing("POST", "/api/v1/incidents", dict(DECLARE, detected_at="0001-01-01T00:00:00Z"),
                                         "'detected_at' 0001-01-01T00:00:00Z is outside the accepted window")
        self.assertRefusedWritingNothing("POST", "/api/v1/incidents", dict(DECLARE, at="1999-12-31T23:59:59Z"),
                                         "'at'")
        iid = self.s.api("POST", "/api/v1/incidents", DECLARE, expect=201)["id"]
        for field in ("eta", "impact_start"):
            self.assertRefusedWritingNothing("POST", f"/api/v1/incidents/{iid}/impact",
                                             {field: "1970-01-01T00:00:00Z"}, f"'{field}'")
        self.assertRefusedWritingNothing("POST", f"/api/v1/incidents/{iid}/acknowledge",
                                         {"at": "0001-01-01T00:00:00Z"}, "'at'")
        self.assertRefusedWritingNothing("POST", f"/api/v1/incidents/{iid}/acknowledge",
                                         {"at": "2099-01-01T00:00:00Z"}, "in the future")

    def test_strings_types_and_urls(self):
        iid = self.s.api("POST", "/api/v1/incidents", DECLARE, expect=201)["id"]
        links = f"/api/v1/incidents/{iid}/links"
        # A title of another type was stored as "".
        self.assertRefusedWritingNothing("POST", links, {"kind": "doc", "url": "https://wiki.example/a", "title": 5},
                                         "'title' must be a string, not a number")
        for url in ("javascript:alert(document.cookie)", "ftp://files.example/x", "/relative", "https://"):
            with self.subTest(url=url):
                self.assertRefusedWritingNothing("POST", links, {"kind": "doc", "url": url}, "http:// or https://")
        self.s.api("POST", links, {"kind": "doc", "url": "https://wiki.example/a", "title": "Runbook"})
        big = "x" * 100_000
        d = self.assertRefusedWritingNothing("POST", "/api/v1/incidents", dict(DECLARE, severity=big),
                                             "'severity' is 100000 bytes; at most 64")
        self.assertNotIn(big[:100], d["detail"])
        self.assertRefusedWritingNothing("POST", "/api/v1/incidents", dict(DECLARE, summary=big),
                                         "'summary' is 100000 bytes; at most 500")
        self.assertRefusedWritingNothing("POST", f"/api/v1/incidents/{iid}/notes", {"kind": "decision", "text": big * 2},
                                         "'text' is 200000 bytes; at most 20000")
        self.assertRefusedWritingNothing("POST", f"/api/v1/incidents/{iid}/roles", {"role": "scribe", "user": big},
                                         "'user' is 100000 bytes")
        self.assertRefusedWritingNothing("POST", f"/api/v1/incidents/{iid}/" + "y" * 5000, {}, "unknown incident action",
                                         code="not-found")
        self.assertRefusedWritingNothing("POST", f"/api/v1/incidents/{iid}/resolve", {"summary": "x", "force": "yes"},
                                         "'force' must be true or false")

    def test_other_bodies_check_their_types_too(self):
        for body, fragment in [({"data_loss": "yes"}, "'data_loss' must be true or false"),
                               ({"customers_affected_pct": 1e308}, "from 0 to 100"),
                               ({"customers_affected_pct": "40"}, "must be a number")]:
            with self.subTest(body=body):
                st, d, h = self.s.request("POST", "/api/v1/policy/classify", body)
                self.assertProblem(st, d, h, "invalid-argument", fragment)
        self.assertRefusedWritingNothing("POST", "/api/v1/integrations", {"name": "x" * 5000, "type": "generic"},
                                         "'name' is 5000 bytes")
        for path, body, fragment in [
                ("/api/v1/alerts/declare", {"alert_ids": [1], "severity": "P1", "summary": 5}, "'summary' must be a string"),
                ("/api/v1/alerts/declare", {"alert_ids": [1], "severity": "P" * 5000}, "'severity' is 5000 bytes"),
                ("/api/v1/alerts/dismiss", {"alert_ids": [1], "reason": ["x"]}, "'reason' must be a string"),
                ("/api/v1/alerts/attach", {"alert_ids": [1], "incident_id": 7}, "'incident_id' is required and must be a string"),
                ("/api/v1/alerts/attach", {"alert_ids": [2 ** 64 - 1], "incident_id": "x"}, "'alert_ids'")]:
            with self.subTest(path=path, body=body):
                self.assertRefusedWritingNothing("POST", path, body, fragment)

    def test_a_body_needs_a_json_content_type(self):
        iid = self.s.api("POST", "/api/v1/incidents", DECLARE, expect=201)["id"]
        for ctype in ("text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
                      "application/jsonx", "json"):
            with self.subTest(ctype=ctype):
                d = self.assertRefusedWritingNothing("POST", "/api/v1/incidents", DECLARE, "Content-Type: application/json",
                                                     code="unsupported-media-type", headers={"Content-Type": ctype})
                self.assertEqual(d["type"], "urn:warroom:problem:unsupported-media-type")
        # Parameters and +json types are JSON.
        for ctype in ("application/json; charset=utf-8", "Application/JSON", "application/merge-patch+json"):
            with self.subTest(ctype=ctype):
                st, _, _ = self.s.request("POST", f"/api/v1/incidents/{iid}/notes", {"kind": "finding", "text": ctype},
                                          headers={"Content-Type": ctype})
                self.assertEqual(st, 200)
        # A body without any Content-Type is refused; an empty body without one is fine.
        u = urllib.parse.urlsplit(self.s.url)
        conn = http.client.HTTPConnection(u.hostname, u.port, timeout=10)
        conn.request("POST", f"/api/v1/incidents/{iid}/notes", body=json.dumps({"kind": "finding", "text": "x"}),
                     headers={"Authorization": "Bearer " + self.s.token})
        r = conn.getresponse()
        self.assertEqual(r.status, 415)
        self.assertEqual(json.loads(r.read())["code"], "unsupported-media-type")
        conn.request("POST", f"/api/v1/incidents/{iid}/acknowledge", body=b"",
                     headers={"Authorization": "Bearer " + self.s.token, "Content-Length": "0"})
        r = conn.getresponse()
        self.assertEqual(r.status, 200, r.read())
        r.read()
        conn.close()
        # The ingest endpoints too (Alertmanager, Grafana and PagerDuty send application/json).
        key = self.s.api("POST", "/api/v1/integrations", {"name": "am", "type": "alertmanager"}, expect=201)["key"]
        st, d, h = self.s.request("POST", "/api/v1/ingest/alertmanager", {"version": "4", "alerts": []}, token=key,
                                  headers={"Content-Type": "text/plain"})
        self.assertProblem(st, d, h, "unsupported-media-type", "application/json")
        self.assertEqual(self.s.request("POST", "/api/v1/ingest/alertmanager", {"version": "4", "alerts": []},
                                        token=key)[0], 200)
        st, d, h = self.s.request("POST", "/v2/enqueue", {"routing_key": "x", "event_action": "trigger"}, token="",
                                  headers={"Content-Type": "text/plain"})
        self.assertEqual(st, 415)


class FilePermissions(unittest.TestCase):
    def test_every_file_the_server_creates_is_0600(self):
        s = Server().start()
        self.addCleanup(s.cleanup)
        s.api("POST", "/api/v1/incidents", DECLARE, expect=201)
        s.stop(sig=9)  # the WAL and SHM are still there
        names = ["warroom.db", "warroom.db-wal", "warroom.db-shm", "warroom.db.signing-key"]
        for name in names:
            with self.subTest(name=name):
                mode = stat.S_IMODE(os.stat(os.path.join(s.dir, name)).st_mode)
                self.assertEqual(mode, 0o600, oct(mode))

    def test_an_existing_readable_database_is_tightened(self):
        s = Server().start()
        self.addCleanup(s.cleanup)
        s.stop()
        os.chmod(s.db, 0o644)
        again = s.restarted()
        self.addCleanup(again.stop)
        self.assertEqual(stat.S_IMODE(os.stat(s.db).st_mode), 0o600)
        self.assertIn("tightened permissions of " + s.db, again.log())

    def refused(self, s):
        p = subprocess.run([BIN, "serve", "--listen", "127.0.0.1:0", "--database", "sqlite:" + s.db],
                           capture_output=True, text=True, timeout=30)
        self.assertEqual(p.returncode, 1, p.stderr)
        return p.stderr

    def test_a_database_another_user_can_write_is_refused(self):
        s = Server().start()
        self.addCleanup(s.cleanup)
        s.stop()
        os.chmod(s.db, 0o666)
        err = self.refused(s)
        self.assertIn("refusing to start", err)
        self.assertIn("is writable by other users (mode 0666)", err)
        self.assertIn("chmod 600 " + s.db, err)
        os.chmod(s.db, 0o600)
        os.chmod(s.dir, 0o777)
        err = self.refused(s)
        self.assertIn("folder " + s.dir + " is writable by other users", err)
        os.chmod(s.dir, 0o700)
        if os.geteuid() == 0:
            os.chown(s.db, 65534, -1)
            err = self.refused(s)
            self.assertIn("belongs to uid 65534", err)
            os.chown(s.db, 0, -1)
        s.restarted().stop()


class CliExitCodes(ServerTest):
    def test_exit_codes_scripts_can_rely_on(self):
        s = self.s
        self.assertEqual(s.cli("show", "INC-2026-01-01-001", check=False).returncode, 3)
        p = s.cli("declare", "--severity", "P1", "--summary", "x", "--json")
        iid = __import__("json").loads(p.stdout)["id"]
        r = s.cli("resolve", iid, "done", check=False)
        self.assertEqual(r.returncode, 4)
        self.assertIn("allowed next steps", r.stderr)
        self.assertEqual(s.cli("list", token="wr_" + "1" * 64, check=False).returncode, 5)
        self.assertEqual(s.cli("declare", "--summary", "no severity", check=False).returncode, 2)
        self.assertEqual(s.cli("list", "--server", "http://127.0.0.1:1", check=False).returncode, 6)

    def test_every_command_has_help(self):
        commands = ["serve", "verify", "declare", "ack", "assign", "identify", "mitigate", "resolve", "close",
                    "reopen", "dismiss", "severity", "join", "note", "update", "link", "task", "task-done",
                    "impact", "visibility", "show", "timeline", "list", "policy", "whoami", "clock", "user",
                    "page", "freeze", "unfreeze", "freezes", "outbox", "comms", "config"]
        top = self.s.cli("--help").stdout
        for c in commands:
            with self.subTest(c=c):
                self.assertIn(c, top)
                p = self.s.cli(c, "--help")
                self.assertIn("Usage", p.stdout + p.stderr)


if __name__ == "__main__":
    unittest.main()
