"""Alertmanager's webhook into warroom: integrations with their own keys
(bearer or in the path), disable and rotate, alerts deduplicated by
(integration, fingerprint, start), resolves recorded, and bad payloads and
keys refused with nothing half-stored."""
import copy
import json
import unittest

from harness import ServerTest

PAYLOAD = {
    "version": "4", "groupKey": "{}:{alertname=\"APIDown\"}", "truncatedAlerts": 0, "status": "firing",
    "receiver": "warroom", "groupLabels": {"alertname": "APIDown"}, "commonLabels": {"severity": "critical"},
    "commonAnnotations": {}, "externalURL": "http://127.0.0.1:9093", "notification_reason": "new",
    "alerts": [
        {"status": "firing", "labels": {"alertname": "APIDown", "instance": "api-1", "severity": "critical"},
         "annotations": {"summary": "API returns 503"}, "startsAt": "2026-02-12T14:15:00Z",
         "endsAt": "0001-01-01T00:00:00Z", "generatorURL": "http://prom/graph", "fingerprint": "a1"},
        {"status": "firing", "labels": {"alertname": "APIDown", "instance": "api-2", "severity": "critical"},
         "annotations": {"summary": "API returns 503"}, "startsAt": "2026-02-12T14:16:00Z",
         "endsAt": "0001-01-01T00:00:00Z", "generatorURL": "http://prom/graph", "fingerprint": "b2"},
    ],
}


class Ingest(ServerTest):
    def setUp(self):
        super().setUp()
        r = self.s.cli_json("integration", "create", "--type", "alertmanager", "--name", "prod-alerts")
        self.key = r["key"]
        self.assertTrue(self.key.startswith("wri_"))

    def post(self, payload, key=None, in_path=False, raw=None):
        key = self.key if key is None else key
        path = "/api/v1/ingest/alertmanager" + (f"/{key}" if in_path else "")
        return self.s.request("POST", path, payload, token="" if in_path else key, raw=raw)

    def alerts(self):
        return self.s.api("GET", "/api/v1/alerts")["items"]

    def test_repeats_deduplicate_and_resolves_are_recorded(self):
        st, d, _ = self.post(PAYLOAD)
        self.assertEqual((st, d["created"], d["repeats"]), (200, 2, 0))
        # Alertmanager re-sends the group; every HA peer sends its own copy.
        for in_path in (False, True):
            st, d, _ = self.post(PAYLOAD, in_path=in_path)
            self.assertEqual((st, d["created"], d["repeats"]), (200, 0, 2))
        got = {a["key"]: a for a in self.alerts()}
        self.assertEqual(len(got), 2)
        self.assertEqual(got["a1"]["count"], 3)
        self.assertEqual(got["a1"]["status"], "firing")
        self.assertEqual(got["a1"]["summary"], "API returns 503")
        self.assertEqual(got["a1"]["labels"]["instance"], "api-1")
        resolved = copy.deepcopy(PAYLOAD)
        resolved["status"] = "resolved"
        resolved["alerts"][0]["status"] = "resolved"
        resolved["alerts"][0]["endsAt"] = "2026-02-12T14:40:00Z"
        resolved["alerts"] = resolved["alerts"][:1]
        self.post(resolved)
        got = {a["key"]: a for a in self.alerts()}
        self.assertEqual((got["a1"]["status"], got["a1"]["ends_at"]), ("resolved", "2026-02-12T14:40:00Z"))
        # A late firing copy from another peer does not revive it.
        self.post(PAYLOAD)
        self.assertEqual({a["key"]: a for a in self.alerts()}["a1"]["status"], "resolved")
        # A new firing of the same thing is a new alert.
        again = copy.deepcopy(PAYLOAD)
        again["alerts"][0]["startsAt"] = "2026-02-12T15:00:00Z"
        st, d, _ = self.post(again)
        self.assertEqual(d["created"], 1)
        self.assertIn("API returns 503", self.s.cli("alerts", "--status", "firing").stdout)

    def test_bad_keys_and_payloads_store_nothing(self):
        bad = [
            (None, "wri_" + "0" * 64, 401, "integration key"),
            (None, "not-a-key", 401, "integration key"),
            (b"{not json", None, 400, "not valid JSON"),
            (json.dumps({"version": "3", "alerts": []}).encode(), None, 400, "'version' must be \"4\""),
            (json.dumps({"version": "4"}).encode(), None, 400, "'alerts' must be a list"),
            (json.dumps({"version": "4", "alerts": [PAYLOAD["alerts"][0], {"status": "firing"}]}).encode(), None,
             400, "alerts[1].labels"),
            (json.dumps({**PAYLOAD, "alerts": PAYLOAD["alerts"] * 20000}).encode(), None, 413, "limit"),
        ]
        for raw, key, status, fragment in bad:
            with self.subTest(fragment=fragment):
                st, d, _ = self.post(PAYLOAD if raw is None else None, key=key, raw=raw)
                self.assertEqual(st, status, d)
                self.assertIn(fragment, d["detail"])
        self.assertEqual(self.alerts(), [], "nothing half-stored: the valid first alert of a bad batch too")
        listed = self.s.cli_json("integration", "list")["items"][0]
        self.assertEqual((listed["reports"], listed["last_report_at"]), (0, None), "refused requests count for nothing")
        self.assertEqual(self.post(PAYLOAD)[0], 200)
        listed = self.s.cli_json("integration", "list")["items"][0]
        self.assertEqual(listed["reports"], 1)
        self.assertIsNotNone(listed["last_report_at"])
        self.assertIn("prod-alerts", self.s.cli("integration", "list").stdout)

    def test_disable_and_rotate_stop_the_old_key(self):
        self.s.cli("integration", "disable", "prod-alerts")
        self.assertEqual(self.post(PAYLOAD)[0], 401)
        self.s.cli("integration", "enable", "prod-alerts")
        self.assertEqual(self.post(PAYLOAD)[0], 200)
        new_key = self.s.cli_json("integration", "rotate", "prod-alerts")["key"]
        self.assertEqual(self.post(PAYLOAD)[0], 401)
        self.assertEqual(self.post(PAYLOAD, key=new_key)[0], 200)
        listed = self.s.cli_json("integration", "list")["items"]
        self.assertEqual((listed[0]["name"], listed[0]["type"], listed[0]["enabled"]), ("prod-alerts", "alertmanager", True))
        self.assertNotIn(new_key, json.dumps(listed), "keys are shown once, never listed")
        # Integrations are for admins; a wrong type is refused.
        bob = self.user("bob")
        self.assertEqual(self.s.cli("integration", "list", token=bob, check=False).returncode, 5)
        self.assertEqual(self.s.cli("integration", "create", "--type", "nagios", "--name", "x", check=False).returncode, 4)
        self.assertEqual(self.s.cli("integration", "disable", "nope", check=False).returncode, 3)



class PagerDutyEventsV2(ServerTest):
    def setUp(self):
        super().setUp()
        self.key = self.s.cli_json("integration", "create", "--type", "pagerduty", "--name", "pd")["key"]

    def enqueue(self, body, raw=None):
        return self.s.request("POST", "/v2/enqueue", body, token="", raw=raw)

    def event(self, action, **kw):
        e = {"routing_key": self.key, "event_action": action}
        e.update(kw)
        return e

    def test_trigger_acknowledge_resolve_with_a_dedup_key(self):
        trigger = self.event("trigger", dedup_key="db-primary-down",
                             payload={"summary": "DB primary down", "source": "db-1", "severity": "critical",
                                      "custom_details": {"replica_lag": "n/a"}})
        st, d, _ = self.enqueue(trigger)
        self.assertEqual((st, d), (202, {"status": "success", "message": "Event processed",
                                         "dedup_key": "db-primary-down"}))
        st, d, _ = self.enqueue(trigger)  # a retry, or the same problem again: one alert
        self.assertEqual(st, 202)
        alerts = self.s.api("GET", "/api/v1/alerts?integration=pd")["items"]
        self.assertEqual(len(alerts), 1)
        self.assertEqual((alerts[0]["count"], alerts[0]["summary"]), (2, "DB primary down"))
        # An acknowledgment from the integration marks the alert only.
        self.assertEqual(self.enqueue(self.event("acknowledge", dedup_key="db-primary-down"))[0], 202)
        self.assertEqual(self.s.api("GET", "/api/v1/alerts?integration=pd")["items"][0]["status"], "acknowledged")
        self.assertEqual(self.enqueue(self.event("resolve", dedup_key="db-primary-down"))[0], 202)
        self.assertEqual(self.s.api("GET", "/api/v1/alerts?integration=pd")["items"][0]["status"], "resolved")
        # Triggering again after the resolve is a new alert.
        self.enqueue(trigger)
        self.assertEqual(len(self.s.api("GET", "/api/v1/alerts?integration=pd")["items"]), 2)

    def test_a_trigger_without_dedup_key_gets_one(self):
        st, d, _ = self.enqueue(self.event("trigger", payload={"summary": "x", "source": "y", "severity": "info"}))
        self.assertEqual(st, 202)
        self.assertEqual(len(d["dedup_key"]), 32)

    def test_bad_events_answer_400_with_errors(self):
        cases = [
            (self.event("explode"), "'event_action'"),
            (self.event("trigger", payload={"source": "y", "severity": "critical"}), "'payload.summary'"),
            (self.event("trigger", payload={"summary": "x", "source": "y", "severity": "apocalyptic"}),
             "'payload.severity'"),
            (self.event("resolve"), "'dedup_key' is required"),
            ({"event_action": "trigger"}, "'routing_key'"),
            ({**self.event("trigger", payload={"summary": "x", "source": "y", "severity": "info"}),
              "routing_key": "wri_" + "1" * 64}, "Invalid routing key"),
        ]
        for body, fragment in cases:
            with self.subTest(fragment=fragment):
                st, d, _ = self.enqueue(body)
                self.assertEqual((st, d["status"], d["message"]), (400, "invalid event", "Event object is invalid"))
                self.assertTrue(any(fragment in e for e in d["errors"]), d["errors"])
        st, d, _ = self.enqueue(None, raw=b"{oops")
        self.assertEqual(st, 400)
        self.assertEqual(self.s.api("GET", "/api/v1/alerts")["items"], [])
        # An Alertmanager key does not work here, nor a PagerDuty key at the Alertmanager endpoint.
        am = self.s.cli_json("integration", "create", "--type", "alertmanager", "--name", "am")["key"]
        st, d, _ = self.enqueue({**self.event("trigger", payload={"summary": "x", "source": "y", "severity": "info"}),
                                 "routing_key": am})
        self.assertEqual(st, 400)
        st, d, _ = self.s.request("POST", "/api/v1/ingest/alertmanager", {"version": "4", "alerts": []}, token=self.key)
        self.assertEqual(st, 400)
        self.assertIn("not alertmanager", d["detail"])


if __name__ == "__main__":
    unittest.main()
