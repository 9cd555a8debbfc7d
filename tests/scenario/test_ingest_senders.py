"""Grafana's contact point (with its HMAC signature checked), warroom's
generic alert format, and overload: a webhook sender is told 503 with
Retry-After, an Events v2 sender 429, and what was answered 200 is stored:
never accepted and dropped."""
import concurrent.futures
import hashlib
import hmac
import json
import os
import sqlite3
import tempfile
import time
import unittest

from harness import Server

SECRET = "grafana-shared-secret-0123456789"


def grafana_payload(fp="c6eadffa33fcdf37", status="firing"):
    return {
        "receiver": "warroom", "status": status, "orgId": 1, "version": "1", "groupKey": "{}:{}",
        "truncatedAlerts": 0, "title": "[FIRING:1]  (blue)", "state": "alerting", "message": "**Firing**",
        "groupLabels": {}, "commonLabels": {"team": "blue"}, "commonAnnotations": {},
        "externalURL": "https://grafana.example/",
        "alerts": [{
            "status": status, "labels": {"alertname": "High memory usage", "team": "blue", "zone": "us-1"},
            "annotations": {"summary": "High memory on us-1"},
            "startsAt": "2026-02-12T09:51:03.157076+02:00",
            "endsAt": "0001-01-01T00:00:00Z" if status == "firing" else "2026-02-12T09:59:00+02:00",
            "generatorURL": "https://grafana.example/alerting/1afz29v7z/edit", "fingerprint": fp,
            "silenceURL": "https://grafana.example/alerting/silence/new", "dashboardURL": "",
            "panelURL": "", "values": {"B": 44.2, "C": 1}}],
    }


class Senders(unittest.TestCase):
    def setUp(self):
        d = tempfile.mkdtemp(prefix="warroom-senders-")
        cfg = os.path.join(d, "warroom.yaml")
        with open(cfg, "w") as f:
            f.write("""integrations:
  grafana-signed:
    signature_secret_env: WARROOM_TEST_GRAFANA_SECRET
    signature_timestamp_header: X-Grafana-Alerting-Signature-Timestamp
""")
        os.environ["WARROOM_TEST_GRAFANA_SECRET"] = SECRET
        self.s = Server("--config", cfg, db_dir=d).start()
        self.addCleanup(self.s.cleanup)
        self.keys = {}
        for name, type_ in [("grafana-signed", "grafana"), ("grafana-plain", "grafana"), ("gen", "generic")]:
            self.keys[name] = self.s.cli_json("integration", "create", "--type", type_, "--name", name)["key"]

    def alerts(self, integration):
        return self.s.api("GET", f"/api/v1/alerts?integration={integration}")["items"]

    def post_grafana(self, body, key, secret=SECRET, ts=None, sig=None, drop=()):
        raw = json.dumps(body).encode()
        ts = str(int(time.time())) if ts is None else ts
        if sig is None:
            sig = hmac.new(secret.encode(), ts.encode() + b":" + raw, hashlib.sha256).hexdigest()
        headers = {"X-Grafana-Alerting-Signature": sig, "X-Grafana-Alerting-Signature-Timestamp": ts}
        for h in drop:
            headers.pop(h)
        return self.s.request("POST", "/api/v1/ingest/grafana", raw=raw, token=key, headers=headers)

    def test_grafana_signed_requests_are_checked(self):
        key = self.keys["grafana-signed"]
        st, d, _ = self.post_grafana(grafana_payload(), key)
        self.assertEqual((st, d["created"]), (200, 1), d)
        a = self.alerts("grafana-signed")[0]
        self.assertEqual((a["key"], a["summary"], a["status"]), ("c6eadffa33fcdf37", "High memory on us-1", "firing"))
        self.assertEqual(a["starts_at"], "2026-02-12T07:51:03.157076Z")
        self.assertEqual(a["annotations"]["silence_url"], "https://grafana.example/alerting/silence/new")
        self.assertEqual(json.loads(a["annotations"]["values"]), {"B": 44.2, "C": 1})
        self.assertNotIn("dashboard_url", a["annotations"])  # empty fields are not kept
        # A resolve, signed, reaches the alert.
        st, d, _ = self.post_grafana(grafana_payload(status="resolved"), key)
        self.assertEqual((st, d["repeats"]), (200, 1))
        self.assertEqual(self.alerts("grafana-signed")[0]["status"], "resolved")

        other = grafana_payload(fp="0000000000000001")
        bad = [
            (dict(secret="wrong-secret"), "does not match"),
            (dict(sig="sha256=" + "0" * 64), "does not match"),
            (dict(drop=("X-Grafana-Alerting-Signature",)), "X-Grafana-Alerting-Signature header is missing"),
            (dict(drop=("X-Grafana-Alerting-Signature-Timestamp",)), "Timestamp header is missing"),
            (dict(ts=str(int(time.time()) - 3600)), "away from warroom's clock"),
            (dict(ts="yesterday"), "not Unix seconds"),
            (dict(ts="99999999999999999999"), "not Unix seconds"),
            (dict(ts="-5"), "not Unix seconds"),
        ]
        for kwargs, text in bad:
            st, err, _ = self.post_grafana(other, key, **kwargs)
            self.assertEqual(st, 401, (kwargs, err))
            self.assertIn(text, err["detail"])
            self.assertNotIn(SECRET, json.dumps(err))
        # A signature over another body does not verify this one.
        raw = json.dumps(other).encode()
        ts = str(int(time.time()))
        sig = hmac.new(SECRET.encode(), ts.encode() + b":" + raw + b" ", hashlib.sha256).hexdigest()
        st, _, _ = self.s.request("POST", "/api/v1/ingest/grafana", raw=raw, token=key,
                                  headers={"X-Grafana-Alerting-Signature": sig,
                                           "X-Grafana-Alerting-Signature-Timestamp": ts})
        self.assertEqual(st, 401)
        self.assertEqual(len(self.alerts("grafana-signed")), 1)  # nothing of the refused ones
        self.assertNotIn(SECRET, self.s.log())

    def test_grafana_without_a_configured_secret_needs_only_its_key(self):
        key = self.keys["grafana-plain"]
        st, d, _ = self.s.request("POST", f"/api/v1/ingest/grafana/{key}", grafana_payload(), token="")
        self.assertEqual((st, d["created"]), (200, 1), d)
        for body, text in [({"version": "4", "alerts": []}, "'version' must be \"1\""),
                           ({"version": "1"}, "'alerts' must be a list")]:
            st, err, _ = self.s.request("POST", "/api/v1/ingest/grafana", body, token=key)
            self.assertEqual(st, 400)
            self.assertIn(text, err["detail"])
        # An Alertmanager key is refused on the Grafana endpoint, and the reverse.
        st, err, _ = self.s.request("POST", "/api/v1/ingest/alertmanager", grafana_payload(), token=key)
        self.assertEqual(st, 400)
        self.assertIn("of type grafana", err["detail"])
        self.assertEqual(len(self.alerts("grafana-plain")), 1)

    def test_generic_format(self):
        key = self.keys["gen"]
        body = {"alerts": [{"key": "disk/db-1", "summary": "Disk full on db-1", "group": "db-disk",
                            "labels": {"severity": "critical"}, "annotations": {"runbook": "https://r"}},
                           {"key": "disk/db-2", "summary": "Disk full on db-2", "group": "db-disk"}]}
        st, d, _ = self.s.request("POST", "/api/v1/ingest/generic", body, token=key)
        self.assertEqual((st, d["created"]), (200, 2), d)
        # Without starts_at a report joins the open alert with its key.
        st, d, _ = self.s.request("POST", "/api/v1/ingest/generic", body, token=key)
        self.assertEqual((d["created"], d["repeats"]), (0, 2))
        st, d, _ = self.s.request("POST", "/api/v1/ingest/generic",
                                  {"alerts": [{"key": "disk/db-1", "status": "resolved"}]}, token=key)
        self.assertEqual(d["repeats"], 1)
        got = {a["key"]: a for a in self.alerts("gen")}
        self.assertEqual((got["disk/db-1"]["status"], got["disk/db-1"]["count"]), ("resolved", 3))
        self.assertEqual(got["disk/db-2"]["group_key"], "db-disk")
        for raw, text in [(b"{", "not valid JSON"), (b'{"alerts": [{"summary": "x"}]}', "alerts[0].key is required"),
                          (b'{"alerts": [{"key": "k", "summary": "s", "labels": []}]}', "alerts[0].labels")]:
            st, err, _ = self.s.request("POST", "/api/v1/ingest/generic", raw=raw, token=key)
            self.assertEqual(st, 400, err)
            self.assertIn(text, err["detail"])
        self.assertEqual(len(self.alerts("gen")), 2)


class Overload(unittest.TestCase):
    def am_payload(self, prefix, n=100):
        return {"version": "4", "groupKey": prefix, "status": "firing", "alerts": [
            {"status": "firing", "labels": {"alertname": "Load", "i": str(i)}, "annotations": {},
             "startsAt": "2026-02-12T14:00:00Z", "endsAt": "0001-01-01T00:00:00Z", "fingerprint": f"{prefix}-{i}"}
            for i in range(n)]}

    def test_a_closed_ingest_lane_says_so_in_each_senders_way(self):
        s = Server("--ingest-queue-limit", "0").start()
        self.addCleanup(s.cleanup)
        am = s.cli_json("integration", "create", "--type", "alertmanager", "--name", "am")["key"]
        pd = s.cli_json("integration", "create", "--type", "pagerduty", "--name", "pd")["key"]
        st, err, headers = s.request("POST", "/api/v1/ingest/alertmanager", self.am_payload("x", 1), token=am)
        self.assertEqual(st, 503, err)  # Alertmanager retries only 5xx
        self.assertEqual(headers.get("Retry-After"), "1")
        self.assertIn("ingest queue is full", err["detail"])
        st, d, headers = s.request("POST", "/v2/enqueue", {
            "routing_key": pd, "event_action": "trigger",
            "payload": {"summary": "x", "source": "y", "severity": "critical"}}, token="")
        self.assertEqual((st, d["status"]), (429, "throttle event"))  # PagerDuty's contract
        self.assertEqual(headers.get("Retry-After"), "1")
        self.assertEqual(s.api("GET", "/api/v1/alerts")["items"], [])
        # Responders' commands have their own lane and still work.
        s.api("POST", "/api/v1/incidents", {"severity": "P2", "summary": "still served"}, expect=201)

    def test_what_is_answered_200_is_stored_and_nothing_else(self):
        s = Server("--ingest-queue-limit", "2").start()
        self.addCleanup(s.cleanup)
        key = s.cli_json("integration", "create", "--type", "alertmanager", "--name", "am")["key"]

        def post(i):
            st, _, headers = s.request("POST", "/api/v1/ingest/alertmanager", self.am_payload(f"b{i}"), token=key)
            return st, headers.get("Retry-After")

        with concurrent.futures.ThreadPoolExecutor(32) as pool:
            got = list(pool.map(post, range(96)))
        accepted = [st for st, _ in got if st == 200]
        refused = [(st, ra) for st, ra in got if st != 200]
        self.assertTrue(all(r == (503, "1") for r in refused), refused)
        self.assertTrue(accepted)
        with sqlite3.connect(s.db) as db:  # the real file, counted exactly
            stored = db.execute("SELECT count(*) FROM alerts").fetchone()[0]
        self.assertEqual(stored, 100 * len(accepted))
        verify = s.cli("verify", "--database", "sqlite:" + s.db, check=False)
        self.assertEqual(verify.returncode, 0, verify.stdout + verify.stderr)


if __name__ == "__main__":
    unittest.main()
