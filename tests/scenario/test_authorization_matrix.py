"""Authorization, generated from the router: every route `warroom routes
--json` lists is sent by every kind of caller (viewer, responder, participant,
IC, admin, integration key, no token) against a public and a restricted
incident, and the answer's class (401, 403, 404 as not found, allowed) is
checked against the rules below. A route the router has but this table does
not fails the test: a new endpoint needs a rule."""
import json
import os
import shutil
import subprocess
import tempfile
import time
import unittest

from harness import BIN, Server, free_port

WHO = ("viewer", "responder", "participant", "ic", "admin", "integration", "none")
VIS = ("public", "restricted")
USERS = {"viewer": ("vic", "viewer"), "responder": ("rita", "responder"),
         "participant": ("pat", "responder"), "ic": ("ivan", "responder")}


def expected(kind, who, vis):
    """The answer class a rule gives: 401, 403, 404 (not found: the incident
    is not theirs to see) or "allowed" (anything else)."""
    user_token = who not in ("integration", "none")
    if kind in ("public", "sign-in"):
        return "allowed"
    if kind == "public-404":  # public, for a thing that is not there: 404 to everyone alike
        return "404"
    if kind in ("page", "page-incident", "page-respond", "page-admin") and not user_token:
        return "303"  # a page sends a browser without a session to sign in
    if kind == "integration":
        return "allowed" if who == "integration" else "401"
    if kind == "pagerduty":  # PagerDuty's own shape: a bad routing key is a 400 "invalid event"
        return "allowed" if who == "integration" else "invalid-routing-key"
    if not user_token:
        return "401"
    if kind == "read":
        return "allowed"
    if kind == "admin":
        return "allowed" if who == "admin" else "403"
    if kind == "respond":
        return "403" if who == "viewer" else "allowed"
    if kind == "page":
        return "allowed"
    if kind == "page-respond":
        return "403" if who == "viewer" else "allowed"
    if kind == "page-admin":
        return "allowed" if who == "admin" else "403"
    if kind == "publish":  # the publish-public permission: here, the admin alone holds it
        return "allowed" if who == "admin" else "403"
    sees = vis == "public" or who in ("participant", "ic", "admin")
    if kind in ("read-incident", "page-incident"):
        return "allowed" if sees else "404"
    if kind == "respond-incident":
        if who == "viewer":
            return "403"
        return "allowed" if sees else "404"
    if kind == "ic-incident":  # the IC's authority over the incident (Decide)
        if who == "viewer":
            return "403"
        if not sees:
            return "404"
        return "allowed" if who in ("ic", "admin") else "403"
    raise ValueError(kind)


def classify(status, data):
    if status in (303, 401, 403, 404):
        return str(status)
    if status == 400 and isinstance(data, dict) and "routing" in json.dumps(data.get("errors")).lower():
        return "invalid-routing-key"
    return "allowed"


class AuthorizationMatrix(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        # Subscriptions offered (by email, to an SMTP port nobody listens
        # on: nothing is delivered), so their routes answer past the gate.
        cls.dir = tempfile.mkdtemp(prefix="warroom-matrix-")
        cfg = os.path.join(cls.dir, "warroom.yaml")
        with open(cfg, "w") as f:
            f.write("status_page:\n  subscribers:\n"
                    f"    email: {{smtp_url: \"smtp://127.0.0.1:{free_port()}\", from: \"status@example.com\"}}\n")
        cls.s = s = Server("--config", cfg, db_dir=cls.dir).start()
        try:
            cls.prepare()
        except Exception:
            s.cleanup()
            shutil.rmtree(cls.dir, ignore_errors=True)
            raise

    @classmethod
    def tearDownClass(cls):
        cls.s.cleanup()
        shutil.rmtree(cls.dir, ignore_errors=True)

    @classmethod
    def prepare(cls):
        s = cls.s
        cls.tokens = {"admin": s.token, "none": ""}
        for who, (handle, perm) in USERS.items():
            cls.tokens[who] = s.api("POST", "/api/v1/users", {"handle": handle, "permission": perm},
                                    expect=201)["token"]
        cls.handles = {who: h for who, (h, _) in USERS.items()}
        cls.handles["admin"] = "admin"
        # Whom the user-management probes act on, so no caller loses its token.
        s.api("POST", "/api/v1/users", {"handle": "spare", "permission": "responder"}, expect=201)
        # One public and one restricted incident, each with ivan as IC, pat
        # as responder and one task.
        cls.incident = {}
        for vis in VIS:
            iid = s.api("POST", "/api/v1/incidents", {"severity": "P2", "summary": f"matrix {vis}",
                                                      "visibility": vis}, expect=201)["id"]
            s.api("POST", f"/api/v1/incidents/{iid}/roles", {"role": "incident-commander", "user": "ivan"})
            s.api("POST", f"/api/v1/incidents/{iid}/responders", {"user": "pat"})
            s.api("POST", f"/api/v1/incidents/{iid}/tasks", {"title": "check"})
            cls.incident[vis] = iid
        # An integration of each type; the matrix's integration key is the
        # one of the endpoint's type.
        cls.keys = {}
        for t in ("alertmanager", "grafana", "generic", "pagerduty"):
            cls.keys[t] = s.api("POST", "/api/v1/integrations", {"name": f"src-{t}", "type": t},
                                expect=201)["key"]
        # Two alert groups from Alertmanager, attached to each incident.
        cls.alert = {}
        for vis in VIS:
            payload = {"version": "4", "groupKey": f"{{}}:{{alertname=\"{vis}\"}}", "status": "firing",
                       "receiver": "warroom", "groupLabels": {"alertname": vis}, "commonLabels": {},
                       "commonAnnotations": {}, "externalURL": "http://127.0.0.1:9093",
                       "alerts": [{"status": "firing", "labels": {"alertname": vis},
                                   "annotations": {"summary": f"{vis} alert"},
                                   "startsAt": "2026-02-12T14:15:00Z", "endsAt": "0001-01-01T00:00:00Z",
                                   "fingerprint": f"fp-{vis}"}]}
            st, d, _ = s.request("POST", "/api/v1/ingest/alertmanager", payload, token=cls.keys["alertmanager"])
            assert st == 200, d
            alert_id = [a["id"] for a in s.api("GET", "/api/v1/alerts?disposition=triage")["items"]
                        if a["labels"].get("alertname") == vis][0]
            s.api("POST", "/api/v1/alerts/attach", {"alert_ids": [alert_id], "incident_id": cls.incident[vis]})
            cls.alert[vis] = alert_id
        cls.template = s.api("GET", "/api/v1/templates")["items"][0]
        cls.maintenance = s.api("POST", "/api/v1/status-page/maintenances", {
            "name": "Matrix window", "scheduled_for": "2030-01-01T10:00:00Z",
            "scheduled_until": "2030-01-01T11:00:00Z", "components": ["api"]}, expect=201)["id"]
        cls.subscriber = cls.spare_subscriber()
        # Someone to sign in as (with the right password: a wrong one would
        # be slowed, by design).
        s.api("POST", "/api/v1/users", {"handle": "signer", "permission": "viewer"}, expect=201)
        s.api("PUT", "/api/v1/users/signer/password", {"password": "the signer's passphrase"})

    @classmethod
    def spare_subscriber(cls):
        """A new subscriber's id: each removal probe has its own to remove."""
        cls.spares = getattr(cls, "spares", 0) + 1
        return cls.s.api("POST", "/api/v1/status-page/subscribers",
                         {"email": f"spare-{cls.spares}@example.com"}, expect=201)["id"]

    # --- the expected-rules table --------------------------------------
    # (method, pattern) -> probes: (name, rule kind, request builder). A
    # builder gets (who, vis) and answers (path, body, bearer token).
    def table(self):
        inc = lambda vis: self.incident[vis]
        tok = lambda who: self.tokens.get(who) if who != "integration" else self.keys["generic"]
        at = lambda x, vis: x(vis) if callable(x) else x
        user = lambda path, body=None: (lambda who, vis: (at(path, vis), at(body, vis), tok(who)))
        note = {"kind": "finding", "text": "matrix"}

        def ingest(t, in_path):
            def build(who, vis):
                key = self.keys[t] if who == "integration" else self.tokens.get(who, "")
                if in_path:
                    return f"/api/v1/ingest/{t}/{key or 'none'}", {}, ""
                return f"/api/v1/ingest/{t}", {}, key
            return build

        def pagerduty(path):
            def build(who, vis):
                key = self.keys["pagerduty"] if who == "integration" else self.tokens.get(who, "")
                return path, {"routing_key": key, "event_action": "trigger",
                              "payload": {"summary": "matrix", "source": "m", "severity": "info"}}, ""
            return build

        def own(suffix, body=None):
            def build(who, vis):
                return f"/api/v1/users/{self.handles.get(who, 'admin')}{suffix}", body, tok(who)
            return build

        def own_token(who, vis):
            return f"/api/v1/users/{self.handles.get(who, 'admin')}/tokens", {"label": "matrix"}, tok(who)

        t = {
            ("GET", "/healthz"): [("", "public", user("/healthz"))],
            ("GET", "/readyz"): [("", "public", user("/readyz"))],
            ("GET", "/api/v1/openapi.json"): [("", "public", user("/api/v1/openapi.json"))],
            ("GET", "/status"): [("", "public", user("/status"))],
            ("GET", "/status/feed.atom"): [("", "public", user("/status/feed.atom"))],
            ("GET", "/status/incidents/{slug}"): [("", "public-404", user("/status/incidents/0123456789abcdef"))],
            ("GET", "/status/maintenances/{id}"): [("", "public-404", user("/status/maintenances/0123456789abcdef"))],
            ("GET", "/api/v2/status.json"): [("", "public", user("/api/v2/status.json"))],
            ("GET", "/api/v2/summary.json"): [("", "public", user("/api/v2/summary.json"))],
            ("GET", "/api/v2/components.json"): [("", "public", user("/api/v2/components.json"))],
            ("GET", "/api/v2/incidents.json"): [("", "public", user("/api/v2/incidents.json"))],
            ("GET", "/api/v2/incidents/unresolved.json"): [("", "public", user("/api/v2/incidents/unresolved.json"))],
            ("GET", "/api/v2/scheduled-maintenances.json"): [("", "public", user("/api/v2/scheduled-maintenances.json"))],
            ("GET", "/api/v2/scheduled-maintenances/upcoming.json"): [("", "public", user("/api/v2/scheduled-maintenances/upcoming.json"))],
            ("GET", "/api/v2/scheduled-maintenances/active.json"): [("", "public", user("/api/v2/scheduled-maintenances/active.json"))],
            ("GET", "/api/v1/policy"): [("", "read", user("/api/v1/policy"))],
            ("POST", "/api/v1/policy/classify"): [
                ("", "read", user("/api/v1/policy/classify", {"customers_affected_pct": 10}))],
            ("POST", "/api/v1/incidents"): [
                ("", "respond", user("/api/v1/incidents", {"severity": "P4", "summary": "matrix declare"}))],
            ("GET", "/api/v1/incidents"): [("", "read", user("/api/v1/incidents"))],
            ("GET", "/api/v1/incidents/{id}"): [("", "read-incident", user(lambda v: f"/api/v1/incidents/{inc(v)}"))],
            ("GET", "/api/v1/incidents/{id}/timeline"): [
                ("", "read-incident", user(lambda v: f"/api/v1/incidents/{inc(v)}/timeline"))],
            ("POST", "/api/v1/incidents/{id}/notes"): [
                ("", "respond-incident", user(lambda v: f"/api/v1/incidents/{inc(v)}/notes", note))],
            ("POST", "/api/v1/incidents/{id}/acknowledge"): [
                ("", "respond-incident", user(lambda v: f"/api/v1/incidents/{inc(v)}/acknowledge", {}))],
            # To what they already are: the IC and admins get 409, others are refused first.
            ("POST", "/api/v1/incidents/{id}/severity"): [
                ("", "ic-incident",
                 user(lambda v: f"/api/v1/incidents/{inc(v)}/severity", {"severity": "P2", "reason": "same"}))],
            ("POST", "/api/v1/incidents/{id}/visibility"): [
                ("", "ic-incident",
                 user(lambda v: f"/api/v1/incidents/{inc(v)}/visibility", lambda v: {"visibility": v, "reason": "same"}))],
            ("POST", "/api/v1/incidents/{id}/roles"): [
                ("IC", "ic-incident",
                 user(lambda v: f"/api/v1/incidents/{inc(v)}/roles", {"role": "incident-commander", "user": "ivan"}))],
            ("DELETE", "/api/v1/incidents/{id}/responders/{user}"): [
                ("", "respond-incident", user(lambda v: f"/api/v1/incidents/{inc(v)}/responders/rita"))],
            ("POST", "/api/v1/incidents/{id}/tasks/{task}/complete"): [
                ("", "respond-incident", user(lambda v: f"/api/v1/incidents/{inc(v)}/tasks/1/complete", {}))],
            ("GET", "/api/v1/outbox"): [("", "admin", user("/api/v1/outbox"))],
            ("GET", "/api/v1/outbox/{id}"): [("", "admin", user("/api/v1/outbox/1"))],
            ("POST", "/api/v1/outbox/{id}/retry"): [("", "admin", user("/api/v1/outbox/1/retry", {}))],
            ("GET", "/api/v1/freezes"): [("", "read", user("/api/v1/freezes"))],
            ("GET", "/api/v1/action-items"): [("", "read", user("/api/v1/action-items"))],
            ("GET", "/api/v1/status-page/components"): [("", "read", user("/api/v1/status-page/components"))],
            ("PUT", "/api/v1/status-page/components/{id}"): [
                ("", "publish", user("/api/v1/status-page/components/api", {"status": "operational"}))],
            ("GET", "/api/v1/status-page/maintenances"): [("", "read", user("/api/v1/status-page/maintenances"))],
            ("GET", "/api/v1/status-page/maintenances/{id}"): [
                ("", "read", user(lambda v: f"/api/v1/status-page/maintenances/{self.maintenance}"))],
            ("POST", "/api/v1/status-page/maintenances"): [
                ("", "publish", user("/api/v1/status-page/maintenances", {
                    "name": "Matrix", "scheduled_for": "2030-01-01T10:00:00Z",
                    "scheduled_until": "2030-01-01T11:00:00Z", "components": ["api"]}))],
            ("POST", "/api/v1/status-page/maintenances/{id}/updates"): [
                ("", "publish", user(lambda v: f"/api/v1/status-page/maintenances/{self.maintenance}/updates",
                                     {"body": "a word"}))],
            # Subscribers: the public side for anyone (an unknown link is
            # a page saying so, or 404 from the JSON API)...
            ("GET", "/status/subscribe"): [("", "public", user("/status/subscribe"))],
            ("POST", "/status/subscribe"): [("", "public", user("/status/subscribe", {}))],
            ("POST", "/api/v2/subscriptions"): [
                ("", "public", user("/api/v2/subscriptions", {"email": "matrix@example.com"}))],
            ("GET", "/status/subscriptions/confirm"): [
                ("", "public", user("/status/subscriptions/confirm?token=wrs_matrix"))],
            ("POST", "/status/subscriptions/confirm"): [
                ("", "public-404", user("/status/subscriptions/confirm", {"token": "wrs_matrix"}))],
            ("GET", "/status/subscriptions/unsubscribe"): [
                ("", "public", user("/status/subscriptions/unsubscribe?token=wrs_matrix"))],
            ("POST", "/status/subscriptions/unsubscribe"): [
                ("", "public-404", user("/status/subscriptions/unsubscribe", {"token": "wrs_matrix"}))],
            ("POST", "/api/v2/subscriptions/confirm"): [
                ("", "public-404", user("/api/v2/subscriptions/confirm", {"token": "wrs_matrix"}))],
            ("POST", "/api/v2/subscriptions/unsubscribe"): [
                ("", "public-404", user("/api/v2/subscriptions/unsubscribe", {"token": "wrs_matrix"}))],
            # ...their list, addresses and all, for publishers alone.
            ("GET", "/api/v1/status-page/subscribers"): [("", "publish", user("/api/v1/status-page/subscribers"))],
            ("GET", "/api/v1/status-page/subscribers/{id}"): [
                ("", "publish", user(lambda v: f"/api/v1/status-page/subscribers/{self.subscriber}"))],
            ("POST", "/api/v1/status-page/subscribers"): [
                ("", "publish", user("/api/v1/status-page/subscribers", {"email": "matrix-added@example.com"}))],
            ("DELETE", "/api/v1/status-page/subscribers/{id}"): [
                ("", "publish", lambda who, v: (f"/api/v1/status-page/subscribers/{self.spare_subscriber()}",
                                                None, tok(who)))],
            ("GET", "/api/v1/templates"): [("", "read", user("/api/v1/templates"))],
            ("GET", "/api/v1/incidents/{id}/comms/{template}"): [
                ("", "read-incident", user(lambda v: f"/api/v1/incidents/{inc(v)}/comms/{self.template}"))],
            ("GET", "/api/v1/me"): [("", "read", user("/api/v1/me"))],
            ("GET", "/api/v1/users"): [("", "read", user("/api/v1/users"))],
            ("POST", "/api/v1/users"): [("", "admin", user("/api/v1/users", {"handle": "matrix-new"}))],
            ("POST", "/api/v1/users/{handle}/tokens"): [("own", "read", own_token)],
            ("GET", "/api/v1/users/{handle}/tokens"): [("own", "read", own_token)],
            ("PATCH", "/api/v1/users/{handle}"): [
                ("", "admin", user("/api/v1/users/spare", {"permission": "responder"}))],
            ("POST", "/api/v1/users/{handle}/disable"): [("", "admin", user("/api/v1/users/spare/disable", {}))],
            ("POST", "/api/v1/users/{handle}/enable"): [("", "admin", user("/api/v1/users/spare/enable", {}))],
            ("GET", "/api/v1/tokens"): [("", "admin", user("/api/v1/tokens"))],
            # No token at all: a password (the right one) or a link (none: 400).
            ("POST", "/api/v1/sessions"): [
                ("", "sign-in", user("/api/v1/sessions", {"handle": "signer", "password": "the signer's passphrase"}))],
            ("POST", "/api/v1/sessions/link"): [("", "sign-in", user("/api/v1/sessions/link", {}))],
            # A bearer token has no session to end: 409 past the gate.
            ("DELETE", "/api/v1/sessions/current"): [("", "read", user("/api/v1/sessions/current"))],
            ("GET", "/api/v1/users/{handle}/sessions"): [("own", "read", own("/sessions"))],
            ("DELETE", "/api/v1/users/{handle}/sessions/{id}"): [("own", "read", own("/sessions/999999"))],
            # Too short: 400 past the gate, nothing set.
            ("PUT", "/api/v1/users/{handle}/password"): [("own", "read", own("/password", {"password": "short"}))],
            ("POST", "/api/v1/users/{handle}/sign-in-link"): [
                ("", "admin", user("/api/v1/users/no-such-user/sign-in-link", {}))],
            # Any token may revoke its own; an unknown id is 404 past the gate.
            ("DELETE", "/api/v1/tokens/{id}"): [("", "read", user("/api/v1/tokens/999999"))],
            # A malformed position: 400 past the gate (a stream would never end).
            ("GET", "/api/v1/stream"): [("", "read", user("/api/v1/stream?after=x"))],
            ("GET", "/api/v1/clock"): [("", "read", user("/api/v1/clock"))],
            ("POST", "/api/v1/clock/advance"): [("", "admin", user("/api/v1/clock/advance", {"by": "1s"}))],
            ("POST", "/api/v1/integrations"): [
                ("", "admin", user("/api/v1/integrations", {"name": "matrix-src", "type": "generic"}))],
            ("GET", "/api/v1/integrations"): [("", "admin", user("/api/v1/integrations"))],
            ("POST", "/api/v1/integrations/{name}/enable"): [
                ("", "admin", user("/api/v1/integrations/src-generic/enable", {}))],
            # An unknown integration: 404 past the gate (the matrix's keys stay as they are).
            ("POST", "/api/v1/integrations/{name}/disable"): [
                ("", "admin", user("/api/v1/integrations/no-such-src/disable", {}))],
            ("POST", "/api/v1/integrations/{name}/rotate"): [
                ("", "admin", user("/api/v1/integrations/no-such-src/rotate", {}))],
            ("GET", "/api/v1/alerts"): [("", "read", user("/api/v1/alerts"))],
            ("GET", "/api/v1/alerts/{id}"): [("", "read-incident", user(lambda v: f"/api/v1/alerts/{self.alert[v]}"))],
            # Not waiting in triage: 409 for those who may see the incident.
            ("POST", "/api/v1/alerts/declare"): [
                ("", "respond-incident",
                 lambda who, v: ("/api/v1/alerts/declare", {"alert_ids": [self.alert[v]], "severity": "P3"}, tok(who)))],
            ("POST", "/api/v1/alerts/attach"): [
                ("", "respond-incident",
                 lambda who, v: ("/api/v1/alerts/attach", {"alert_ids": [self.alert[v]], "incident_id": inc(v)},
                                 tok(who)))],
            ("POST", "/api/v1/alerts/dismiss"): [
                ("", "respond-incident",
                 lambda who, v: ("/api/v1/alerts/dismiss", {"alert_ids": [self.alert[v]]}, tok(who)))],
            ("POST", "/v2/enqueue"): [("", "pagerduty", pagerduty("/v2/enqueue"))],
            # The web application: its assets and sign-in page for anyone,
            # its pages for any user (a browser's session, or a token).
            ("GET", "/assets/{name}"): [("", "public", user("/assets/app.css"))],
            ("GET", "/sign-in"): [("", "public", user("/sign-in"))],
            ("GET", "/"): [("", "page", user("/"))],
            ("GET", "/incidents/{id}"): [("", "page-incident", user(lambda v: f"/incidents/{inc(v)}"))],
            ("GET", "/declare"): [("", "page-respond", user("/declare"))],
            ("GET", "/policy"): [("", "page", user("/policy"))],
            ("GET", "/triage"): [("", "page", user("/triage"))],
            ("GET", "/people"): [("", "page-admin", user("/people"))],
            ("GET", "/integrations"): [("", "page-admin", user("/integrations"))],
            ("GET", "/outbox"): [("", "page-admin", user("/outbox"))],
            ("GET", "/status-page"): [("", "page", user("/status-page"))],
            ("POST", "/api/v1/ingest/pagerduty"): [("", "pagerduty", pagerduty("/api/v1/ingest/pagerduty"))],
        }
        # The other commands, through the route's gate only: a malformed 'at' is
        # refused (400) past it, whatever the incident's state, changing nothing.
        for action in ("identify", "mitigate", "resolve", "close", "reopen", "dismiss", "responders",
                       "tasks", "updates", "links", "impact", "page", "freeze", "unfreeze", "action-items",
                       "action-items/{item}", "action-items/{item}/done"):
            t[("POST", f"/api/v1/incidents/{{id}}/{action}")] = [
                ("", "respond", user(lambda v, a=action: f"/api/v1/incidents/{inc(v)}/{a.replace('{item}', '1')}",
                                     {"at": 5}))]
        for typ in ("alertmanager", "grafana", "generic"):
            t[("POST", f"/api/v1/ingest/{typ}")] = [("", "integration", ingest(typ, False))]
            t[("POST", f"/api/v1/ingest/{typ}/{{key}}")] = [("", "integration", ingest(typ, True))]
        return t

    def routes(self):
        out = subprocess.run([BIN, "routes", "--json"], capture_output=True, text=True, timeout=30, check=True)
        return json.loads(out.stdout)["routes"]

    def test_the_route_table_names_a_scope_for_every_route(self):
        routes = self.routes()
        self.assertGreater(len(routes), 30)
        for r in routes:
            self.assertIn(r["scope"], ("public", "sign-in", "read", "respond", "admin", "integration", "page"), r)
        public = sorted(r["pattern"] for r in routes if r["scope"] == "public")
        status_page = sorted(r["pattern"] for r in routes if r["pattern"].startswith("/api/v2/"))
        self.assertEqual(len(status_page), 11, status_page)
        self.assertEqual(public, sorted(["/api/v1/openapi.json", "/assets/{name}", "/healthz", "/readyz", "/sign-in",
                                         "/status", "/status/feed.atom", "/status/incidents/{slug}",
                                         "/status/maintenances/{id}", "/status/subscribe",
                                         "/status/subscribe", "/status/subscriptions/confirm",
                                         "/status/subscriptions/confirm", "/status/subscriptions/unsubscribe",
                                         "/status/subscriptions/unsubscribe"]
                                        + status_page))
        # No page under /api/: a script there gets a 401 it can read, not a redirect.
        for r in routes:
            if r["scope"] == "page":
                self.assertFalse(r["pattern"].startswith("/api/"), r)
        human = subprocess.run([BIN, "routes"], capture_output=True, text=True, timeout=30, check=True).stdout
        self.assertRegex(human, r"POST\s+/api/v1/outbox/\{id\}/retry\s+admin")
        help_text = subprocess.run([BIN, "routes", "--help"], capture_output=True, text=True, timeout=30).stdout
        self.assertIn("--json", help_text)

    def test_every_route_answers_every_caller_by_its_rule(self):
        started = time.time()
        table = self.table()
        routes = self.routes()
        keys = {(r["method"], r["pattern"]) for r in routes}
        missing = sorted(keys - set(table))
        self.assertEqual(missing, [], "routes without a rule in this test's table: add one")
        self.assertEqual(sorted(set(table) - keys), [], "rules for routes the router does not have")
        # The scope in the router and the rule here say the same.
        scope_of_kind = {"public": "public", "public-404": "public", "sign-in": "sign-in", "read": "read", "read-incident": "read", "respond": "respond",
                         "respond-incident": "respond", "ic-incident": "respond", "publish": "respond", "admin": "admin",
                         "integration": "integration", "pagerduty": "integration",
                         "page": "page", "page-incident": "page", "page-respond": "page",
                         "page-admin": "page"}
        failures = []
        for r in routes:
            key = (r["method"], r["pattern"])
            for name, kind, build in table[key]:
                self.assertEqual(scope_of_kind[kind], r["scope"], f"{key} {name}")
                for vis in VIS:
                    for who in WHO:
                        path, body, token = build(who, vis)
                        if key[0] in ("POST", "DELETE") and body is None:
                            body = {} if key[0] == "POST" else None
                        st, data, hdrs = self.s.request(key[0], path, body, token=token or "")
                        got, want = classify(st, data), expected(kind, who, vis)
                        if got == "404" and want == "allowed" and not kind.endswith("incident"):
                            got = "allowed"  # past the gate: no such outbox message, say
                        if got != want:
                            failures.append(f"{key[0]} {path} [{name}] as {who} on {vis}: "
                                            f"{st} ({got}), wanted {want}: {data}")
                        if got == want == "403" and (who == "viewer" or kind == "admin") and not kind.startswith("page"):
                            # The router's refusal names the scope needed and what the token has.
                            self.assertIn(f"needs the {r['scope']} scope", data["detail"])
                            self.assertIn(f"this token acts as {'viewer' if who == 'viewer' else 'responder'}",
                                          data["detail"])
                        if st == 303:
                            self.assertTrue(hdrs.get("Location", "").startswith("/sign-in?next="), hdrs)
                        if st == 404 and want == "404" and not kind.startswith("page"):
                            # Not found, exactly as an unknown id would be (a
                            # form's answer is a page saying so).
                            if isinstance(data, dict):
                                self.assertEqual(data.get("code"), "not-found", data)
                            else:
                                self.assertIn("not valid", data)
        self.assertEqual(failures, [], "\n".join(failures))
        self.assertLess(time.time() - started, 90)


if __name__ == "__main__":
    unittest.main()
