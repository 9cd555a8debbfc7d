"""Every bad input gets a clear error and writes nothing."""
import json
import unittest

from harness import ServerTest

DECLARE = {"severity": "P2", "summary": "Checkout latency up", "at": "2026-02-12T10:00:00Z"}


class ApiErrors(ServerTest):
    def assertProblem(self, status, data, headers, code, fragment):
        self.assertEqual(status, {"invalid-argument": 400, "not-found": 404, "failed-precondition": 409,
                                  "unauthenticated": 401, "permission-denied": 403,
                                  "payload-too-large": 413, "already-exists": 409}[code], data)
        self.assertTrue(headers.get("Content-Type", "").startswith("application/problem+json"), headers)
        self.assertEqual(data["code"], code)
        self.assertEqual(data["status"], status)
        self.assertIn(fragment, data["detail"])

    def count_incidents(self):
        return len(self.s.api("GET", "/api/v1/incidents")["items"])

    def events(self, iid):
        return len(self.s.api("GET", f"/api/v1/incidents/{iid}/timeline")["events"])

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
            (json.dumps({"severity": "P1", "summary": "   "}).encode(), "summary must not be empty"),
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
