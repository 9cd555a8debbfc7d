"""Alerts become incidents without anyone typing: routing rules declare,
attach or hold for triage; a group is one incident and one page however many
alerts it brings; repeats add nothing to the timeline; resolutions are
recorded and the IC is told when nothing fires any more (the incident stays
open: people resolve incidents); a group that fires again while the incident
is monitoring, or soon after it resolved, joins it and the IC is told."""
import concurrent.futures
import os
import tempfile
import unittest

from harness import Server, wait_for
from receiver import Receiver

CONFIG = """destinations:
  incidents: {{type: webhook, url: "{rx}/incidents"}}
  pages: {{type: webhook, url: "{rx}/pages"}}
routes:
  internal: [incidents]
  pages: [pages]
alert_routing:
  recurrence_window: 30m
  routes:
    - name: security
      matchers: ['team="security"']
      action: declare
      severity: P1
      source: security-alert
    - name: critical
      matchers: ['severity="critical"', 'env!="staging"']
      action: declare
      severity: P1
    - name: budget
      matchers: ['alertname="ErrorBudgetBurn"']
      action: declare
      severity: classify
    - name: mapped
      matchers: ['severity=~"error|warning"']
      action: declare
      severity_map: {{error: P2, warning: P3}}
    - name: context
      matchers: ['severity="info"']
      action: attach
"""


def alert(fp, name="APIDown", severity="critical", starts="2026-02-12T13:50:00Z", status="firing", **labels):
    return {"status": status, "labels": {"alertname": name, "severity": severity, "instance": fp, **labels},
            "annotations": {"summary": f"{name} on {fp}"}, "startsAt": starts,
            "endsAt": "0001-01-01T00:00:00Z" if status == "firing" else "2026-02-12T14:20:00Z",
            "generatorURL": "http://prom/graph", "fingerprint": fp}


def payload(group, alerts):
    return {"version": "4", "groupKey": group, "status": "firing", "receiver": "warroom", "truncatedAlerts": 0,
            "groupLabels": {}, "commonLabels": {}, "commonAnnotations": {}, "externalURL": "http://am",
            "alerts": alerts}


class AlertRouting(unittest.TestCase):
    def setUp(self):
        self.rx = Receiver()
        self.addCleanup(self.rx.close)
        d = tempfile.mkdtemp(prefix="warroom-routing-")
        cfg = os.path.join(d, "warroom.yaml")
        with open(cfg, "w") as f:
            f.write(CONFIG.format(rx=self.rx.url))
        self.s = Server("--config", cfg, "--clock", "simulated:2026-02-12T14:00:00Z", db_dir=d).start()
        self.addCleanup(self.s.cleanup)
        self.key = self.s.cli_json("integration", "create", "--type", "alertmanager", "--name", "prom")["key"]

    def post(self, body):
        st, d, _ = self.s.request("POST", "/api/v1/ingest/alertmanager", body, token=self.key)
        self.assertEqual(st, 200, d)
        return d

    def timeline(self, iid):
        return self.s.api("GET", f"/api/v1/incidents/{iid}/timeline")["events"]

    def facts(self, iid):
        """The timeline without delivery outcomes, which land as the dispatcher works."""
        return [e for e in self.timeline(iid) if not e["type"].startswith("message_")]

    def of_type(self, iid, t):
        return [e for e in self.timeline(iid) if e["type"] == t]

    def alerts(self, **q):
        qs = "&".join(f"{k}={v}" for k, v in q.items())
        return self.s.api("GET", "/api/v1/alerts?limit=1000" + ("&" + qs if qs else ""))["items"]

    def outbox(self, iid):
        return self.s.api("GET", f"/api/v1/outbox?incident={iid}&limit=1000")["items"]

    def test_a_group_declares_one_incident_and_repeats_add_nothing(self):
        g = '{}:{alertname="APIDown"}'
        d = self.post(payload(g, [alert("api-1", starts="2026-02-12T13:52:00Z"), alert("api-2")]))
        self.assertEqual(len(d["incidents"]), 1, d)
        iid = d["incidents"][0]
        inc = self.s.api("GET", f"/api/v1/incidents/{iid}")
        self.assertEqual((inc["severity"], inc["source"]), ("P1", "automated-monitoring"))
        # MTTD measures from the earliest startsAt.
        self.assertEqual(inc["detected_at"], "2026-02-12T13:50:00Z")
        self.assertIsNone(inc["acknowledged_at"])
        self.assertEqual([(g2["group_key"], g2["firing"]) for g2 in inc["alert_groups"]], [(g, True)])
        attached = self.of_type(iid, "alert_group_attached")
        self.assertEqual(len(attached), 1)
        self.assertEqual((attached[0]["payload"]["alerts"], attached[0]["payload"]["recurrence"]), (2, False))
        self.assertEqual(attached[0]["actor"]["kind"], "integration")
        self.assertEqual(attached[0]["actor"]["id"], "prom")
        self.assertEqual({a["incident_id"] for a in self.alerts()}, {iid})
        self.assertEqual({a["route"] for a in self.alerts()}, {"critical"})
        pages = [m for m in self.outbox(iid) if m["kind"] == "page"]
        self.assertEqual(len(pages), 1)
        events = len(self.facts(iid))
        # Alertmanager re-sends the group; HA peers send their own copies.
        for _ in range(3):
            d = self.post(payload(g, [alert("api-1", starts="2026-02-12T13:52:00Z"), alert("api-2")]))
            self.assertEqual((d["created"], d["repeats"], d["incidents"]), (0, 2, []))
        self.assertEqual(len(self.facts(iid)), events)
        self.assertEqual(self.s.all_incident_ids(), [iid])
        # A third alert of the same group joins silently while it fires.
        d = self.post(payload(g, [alert("api-3")]))
        self.assertEqual(d["incidents"], [])
        self.assertEqual(len(self.alerts(incident=iid)), 3)
        self.assertEqual(len(self.facts(iid)), events)
        self.assertIn("Alerts:       prom APIDown on api-1 (+1 more alerts) (firing", self.s.cli("show", iid).stdout)
        # The human view names where each alert went.
        self.assertIn(iid, self.s.cli("alerts", "--incident", iid).stdout)

    def test_an_alert_storm_is_one_incident_and_one_page(self):
        g = '{}:{alertname="DiskFull"}'
        iids = set()
        for batch in range(4):
            d = self.post(payload(g, [alert(f"node-{batch}-{i}", name="DiskFull") for i in range(500)]))
            self.assertEqual(d["created"], 500)
            iids.update(d["incidents"])
        self.assertEqual(len(iids), 1)
        iid = iids.pop()
        self.assertEqual(self.s.all_incident_ids(), [iid])
        self.assertEqual(len(self.alerts(incident=iid)), 1000)  # the list's limit; 2000 are attached
        self.assertEqual(len(self.alerts(incident=iid, status="firing")), 1000)
        self.assertEqual(len(self.of_type(iid, "alert_group_attached")), 1)
        self.assertEqual(len([m for m in self.outbox(iid) if m["kind"] == "page"]), 1)
        self.assertIn("(+499 more alerts)", self.s.api("GET", f"/api/v1/incidents/{iid}")["summary"])
        # What the router appended is an ordinary, verifiable chain.
        v = self.s.cli("verify", "--database", "sqlite:" + self.s.db, check=False)
        self.assertEqual(v.returncode, 0, v.stdout + v.stderr)

    def test_a_concurrent_storm_from_many_senders_is_still_one_incident(self):
        g = '{}:{alertname="NodeDown"}'

        def post(n):  # every peer of an Alertmanager cluster, at once
            return self.post(payload(g, [alert(f"n{n}-{i}", name="NodeDown") for i in range(100)]))

        with concurrent.futures.ThreadPoolExecutor(16) as pool:
            answers = list(pool.map(post, range(32)))
        declared = {i for a in answers for i in a["incidents"]}
        self.assertEqual(len(declared), 1, declared)
        iid = declared.pop()
        self.assertEqual(self.s.all_incident_ids(), [iid])
        self.assertEqual(len(self.of_type(iid, "alert_group_attached")), 1)
        self.assertEqual(len([m for m in self.outbox(iid) if m["kind"] == "page"]), 1)

    def test_severity_from_the_classifier_a_label_map_and_join_only_routes(self):
        budget = alert("checkout", name="ErrorBudgetBurn", severity="page")
        budget["annotations"]["customers_affected_pct"] = "95"
        d = self.post(payload("budget", [budget]))
        p0 = self.s.api("GET", f"/api/v1/incidents/{d['incidents'][0]}")
        self.assertEqual(p0["severity"], "P0")
        self.assertEqual(p0["impact"]["customers_affected_pct"], 95)
        d = self.post(payload("errors", [alert("db-1", name="SlowQueries", severity="error")]))
        self.assertEqual(self.s.api("GET", f"/api/v1/incidents/{d['incidents'][0]}")["severity"], "P2")
        # Staging's critical alerts match no declaring route: triage.
        d = self.post(payload("staging", [alert("stg-1", name="APIDown", env="staging")]))
        self.assertEqual(d["incidents"], [])
        # An info alert joins an incident of its group or is only recorded.
        d = self.post(payload("info", [alert("i-1", name="Deploy", severity="info")]))
        self.assertEqual(d["incidents"], [])
        by_fp = {a["key"]: a for a in self.alerts()}
        self.assertEqual((by_fp["stg-1"]["disposition"], by_fp["stg-1"]["route"]), ("triage", None))
        self.assertEqual((by_fp["i-1"]["disposition"], by_fp["i-1"]["route"]), ("recorded", "context"))
        self.assertEqual(len(self.s.all_incident_ids()), 2)

    def test_triage_declare_and_dismiss(self):
        viewer = self.s.api("POST", "/api/v1/users", {"handle": "vic", "permission": "viewer"}, expect=201)["token"]
        responder = self.s.api("POST", "/api/v1/users", {"handle": "sarah"}, expect=201)["token"]
        d = self.post(payload("queue", [alert("q-1", name="QueueLag", severity="none"),
                                        alert("q-2", name="QueueLag", severity="none")]))
        self.post(payload("noise", [alert("n-1", name="Flappy", severity="none")]))
        self.assertEqual(d["incidents"], [])
        waiting = {a["key"]: a["id"] for a in self.alerts(disposition="triage")}
        self.assertEqual(set(waiting), {"q-1", "q-2", "n-1"})
        # Someone is told, once per group that starts waiting (the internal
        # route, as no triage route is configured).
        notices = lambda: [r[2].decode() for r in self.rx.at("/incidents") if b"TRIAGE: " in r[2]]
        got = wait_for(lambda: len(notices()) >= 2 and notices())
        self.assertEqual(len(got), 2, got)
        self.assertTrue(any("2 alert(s) from prom" in n and "QueueLag on q-1 (+1 more alerts)" in n for n in got), got)
        # A further alert of a group already waiting tells no one again.
        self.post(payload("noise", [alert("n-2", name="Flappy", severity="none")]))
        n2 = {a["key"]: a["id"] for a in self.alerts(disposition="triage")}["n-2"]
        self.assertIn("QueueLag on q-1", self.s.cli("alerts", "--triage").stdout)
        self.assertIn("(none matched)", self.s.cli("alerts", "show", str(waiting["q-1"])).stdout)

        # Bad requests change nothing.
        bad = [
            ({"alert_ids": [waiting["q-1"], 999999], "severity": "P2"}, None, 404, "no alert 999999"),
            ({"alert_ids": [], "severity": "P2"}, None, 400, "alert_ids"),
            ({"alert_ids": ["x"], "severity": "P2"}, None, 400, "positive whole numbers"),
            ({"alert_ids": [waiting["q-1"]], "severity": "P9"}, None, 400, "P9"),
            ({"alert_ids": [waiting["q-1"]]}, None, 400, "severity"),
            ({"alert_ids": [waiting["q-1"]], "severity": "P2"}, viewer, 403, "viewer"),
            ({"alert_ids": [waiting["q-1"]], "severity": "P2"}, "wr_bad", 401, ""),
        ]
        for body, token, status, text in bad:
            st, err, _ = self.s.request("POST", "/api/v1/alerts/declare", body, token=token)
            self.assertEqual(st, status, (body, err))
            self.assertIn(text, str(err))
        st, err, _ = self.s.request("POST", "/api/v1/alerts/declare", raw=b"{nope")
        self.assertEqual(st, 400)
        self.assertEqual(self.s.all_incident_ids(), [])
        self.assertEqual(len(self.alerts(disposition="triage")), 4)

        out = self.s.cli_json("alerts", "declare", str(waiting["q-1"]), str(waiting["q-2"]), "--severity", "P2",
                              "--summary", "Queue consumers stalled", token=responder)
        iid = out["incident_id"]
        inc = self.s.api("GET", f"/api/v1/incidents/{iid}")
        self.assertEqual((inc["severity"], inc["summary"], inc["declared_by"]), ("P2", "Queue consumers stalled",
                                                                                 "sarah"))
        self.assertEqual(inc["detected_at"], "2026-02-12T13:50:00Z")
        got = {a["key"]: a for a in self.alerts(incident=iid)}
        self.assertEqual(set(got), {"q-1", "q-2"})
        self.assertEqual(got["q-1"]["triaged_by"], "sarah")
        # Declared once: a second declare of the same alerts is refused.
        st, err, _ = self.s.request("POST", "/api/v1/alerts/declare",
                                    {"alert_ids": [waiting["q-1"]], "severity": "P2"}, token=responder)
        self.assertEqual(st, 409, err)
        self.assertIn("not waiting in triage", err["detail"])
        # The group's next alert joins the incident a person declared.
        d = self.post(payload("queue", [alert("q-3", name="QueueLag", severity="none")]))
        self.assertEqual(len(self.alerts(incident=iid)), 3)

        r = self.s.cli_json("alerts", "dismiss", str(waiting["n-1"]), str(n2), "--reason", "flaps in maintenance",
                            token=responder)
        self.assertEqual(r["dismissed"], [waiting["n-1"], n2])
        n1 = self.s.api("GET", f"/api/v1/alerts/{waiting['n-1']}")
        self.assertEqual((n1["disposition"], n1["triaged_by"], n1["triage_note"]),
                         ("dismissed", "sarah", "flaps in maintenance"))
        self.assertIn("dismissed by sarah: flaps in maintenance",
                      self.s.cli("alerts", "show", str(n2)).stdout)
        st, err, _ = self.s.request("POST", "/api/v1/alerts/dismiss", {"alert_ids": [waiting["n-1"]]})
        self.assertEqual(st, 409)
        for path, status in [("/api/v1/alerts/999999", 404), ("/api/v1/alerts/abc", 400)]:
            self.assertEqual(self.s.request("GET", path)[0], status)
        self.assertEqual(self.alerts(disposition="triage"), [])
        self.assertEqual(len(notices()), 2, notices())
        st, err, _ = self.s.request("GET", "/api/v1/alerts?disposition=lost")
        self.assertEqual(st, 400)

    def test_triage_attach_to_an_open_incident(self):
        viewer = self.s.api("POST", "/api/v1/users", {"handle": "vic", "permission": "viewer"}, expect=201)["token"]
        iid = self.s.api("POST", "/api/v1/incidents", {"severity": "P2", "summary": "Checkout slow"}, expect=201)["id"]
        self.post(payload("latency", [alert("l-1", name="SlowCheckout", severity="none")]))
        self.post(payload("errors5xx", [alert("e-1", name="Checkout5xx", severity="none")]))
        ids = {a["key"]: a["id"] for a in self.alerts(disposition="triage")}
        bad = [
            ({"alert_ids": [ids["l-1"]], "incident_id": "INC-2026-02-12-999"}, None, 404, "INC-2026-02-12-999"),
            ({"alert_ids": [ids["l-1"], 424242], "incident_id": iid}, None, 404, "no alert 424242"),
            ({"alert_ids": [ids["l-1"]]}, None, 400, "incident_id"),
            ({"alert_ids": [ids["l-1"]], "incident_id": iid}, viewer, 403, "viewer"),
        ]
        for body, token, status, text in bad:
            st, err, _ = self.s.request("POST", "/api/v1/alerts/attach", body, token=token)
            self.assertEqual(st, status, (body, err))
            self.assertIn(text, str(err))
        self.assertEqual(len(self.alerts(disposition="triage")), 2)  # nothing half-written
        out = self.s.cli_json("alerts", "attach", str(ids["l-1"]), str(ids["e-1"]), "--incident", iid)
        self.assertEqual(out["incident_id"], iid)
        self.assertEqual({a["key"] for a in self.alerts(incident=iid)}, {"l-1", "e-1"})
        self.assertEqual(len(self.of_type(iid, "alert_group_attached")), 2)  # one per group
        # Each group's next alert follows it.
        d = self.post(payload("latency", [alert("l-2", name="SlowCheckout", severity="none")]))
        self.assertEqual(d["incidents"], [])
        self.assertEqual(len(self.alerts(incident=iid)), 3)
        # A closed incident takes no alerts.
        self.post(payload("other", [alert("o-1", name="Other", severity="none")]))
        o1 = {a["key"]: a["id"] for a in self.alerts(disposition="triage")}["o-1"]
        self.s.api("POST", f"/api/v1/incidents/{iid}/dismiss", {"reason": "duplicate"})
        st, err, _ = self.s.request("POST", "/api/v1/alerts/attach", {"alert_ids": [o1], "incident_id": iid})
        self.assertEqual(st, 409, err)
        self.assertIn("alerts attach to open incidents", err["detail"])

    def test_resolutions_tell_the_ic_and_recurrence_joins_the_incident(self):
        g = '{}:{alertname="APIDown"}'
        iid = self.post(payload(g, [alert("api-1"), alert("api-2")]))["incidents"][0]
        self.post(payload(g, [alert("api-1", status="resolved")]))
        res = self.of_type(iid, "alerts_resolved")
        self.assertEqual([(e["payload"]["resolved"], e["payload"]["group_firing"], e["payload"]["firing"])
                          for e in res], [(1, 1, 1)])
        # A repeat of the resolution adds nothing.
        self.post(payload(g, [alert("api-1", status="resolved")]))
        self.assertEqual(len(self.of_type(iid, "alerts_resolved")), 1)
        self.post(payload(g, [alert("api-2", status="resolved")]))
        res = self.of_type(iid, "alerts_resolved")
        self.assertEqual((res[-1]["payload"]["group_firing"], res[-1]["payload"]["firing"]), (0, 0))
        inc = self.s.api("GET", f"/api/v1/incidents/{iid}")
        self.assertEqual(inc["status"], "investigating")  # people resolve incidents
        self.assertEqual(inc["alert_groups"][0]["firing"], False)
        told = [m for m in self.outbox(iid) if "Every alert of" in m["text"]]
        self.assertTrue(told, self.outbox(iid))

        # Mitigated; while monitoring the group fires again: it joins, the IC is told.
        self.s.api("POST", f"/api/v1/incidents/{iid}/mitigate", {"action": "Rolled back"})
        self.s.cli("clock", "advance", "5m")
        d = self.post(payload(g, [alert("api-1", starts="2026-02-12T14:04:00Z")]))
        self.assertEqual(d["incidents"], [iid])
        again = self.of_type(iid, "alert_group_attached")[-1]["payload"]
        self.assertEqual(again["recurrence"], True)
        self.assertTrue([m for m in self.outbox(iid) if m["text"].startswith("Recurrence:")], self.outbox(iid))
        self.post(payload(g, [alert("api-1", starts="2026-02-12T14:04:00Z", status="resolved")]))

        # Resolved; within the recurrence window the group joins it again.
        self.s.api("POST", f"/api/v1/incidents/{iid}/identify", {"root_cause": "bad deploy", "category": "deployment"})
        self.s.api("POST", f"/api/v1/incidents/{iid}/resolve",
                   {"summary": "fixed", "force": True, "reason": "verified"})
        self.s.cli("clock", "advance", "20m")
        d = self.post(payload(g, [alert("api-1", starts="2026-02-12T14:20:00Z")]))
        self.assertEqual(d["incidents"], [iid])
        self.assertEqual(self.s.api("GET", f"/api/v1/incidents/{iid}")["status"], "resolved")
        self.assertEqual(len(self.of_type(iid, "alert_group_attached")), 3)
        # Past the window a new firing is a new incident.
        self.s.cli("clock", "advance", "31m")
        d = self.post(payload(g, [alert("api-2", starts="2026-02-12T14:50:00Z")]))
        self.assertEqual(len(d["incidents"]), 1)
        self.assertNotEqual(d["incidents"][0], iid)

    def test_a_security_alert_declares_a_restricted_incident_whose_alerts_stay_hidden(self):
        responder = self.s.api("POST", "/api/v1/users", {"handle": "mike"}, expect=201)["token"]
        d = self.post(payload("sec", [alert("ssh-1", name="SuspiciousLogin", team="security")]))
        iid = d["incidents"][0]
        inc = self.s.api("GET", f"/api/v1/incidents/{iid}")
        self.assertEqual((inc["visibility"], inc["source"]), ("restricted", "security-alert"))
        aid = self.alerts()[0]["id"]
        self.assertEqual(self.s.api("GET", "/api/v1/alerts", token=responder)["items"], [])
        self.assertEqual(self.s.request("GET", f"/api/v1/alerts/{aid}", token=responder)[0], 404)
        self.assertEqual(self.s.api("GET", f"/api/v1/alerts/{aid}")["incident_id"], iid)  # an admin sees it

    def test_an_events_v2_acknowledge_is_not_the_incident_s_acknowledgment(self):
        pd = self.s.cli_json("integration", "create", "--type", "pagerduty", "--name", "pd")["key"]
        trigger = {"routing_key": pd, "event_action": "trigger", "dedup_key": "db-down",
                   "payload": {"summary": "Primary database down", "source": "db-1", "severity": "critical"}}
        st, d, _ = self.s.request("POST", "/v2/enqueue", trigger, token="")
        self.assertEqual(st, 202, d)
        iid = self.alerts(integration="pd")[0]["incident_id"]
        self.assertTrue(iid)
        st, d, _ = self.s.request("POST", "/v2/enqueue", {"routing_key": pd, "event_action": "acknowledge",
                                                          "dedup_key": "db-down"}, token="")
        self.assertEqual(st, 202, d)
        self.assertEqual(self.alerts(integration="pd")[0]["status"], "acknowledged")
        inc = self.s.api("GET", f"/api/v1/incidents/{iid}")
        self.assertIsNone(inc["acknowledged_at"])
        ack = [c for c in inc["clocks"] if c["clock"] == "acknowledge"][0]
        self.assertEqual(ack["status"], "pending")
        self.assertEqual(self.of_type(iid, "acknowledged"), [])
        # Its resolve is recorded on the incident.
        self.s.request("POST", "/v2/enqueue", {"routing_key": pd, "event_action": "resolve", "dedup_key": "db-down"},
                       token="")
        self.assertEqual(self.of_type(iid, "alerts_resolved")[-1]["payload"]["firing"], 0)
        self.assertEqual(len(self.s.all_incident_ids()), 1)

    def test_a_sender_s_long_summary_never_blocks_its_alerts(self):
        long = alert("big-1", name="Verbose")
        long["annotations"]["summary"] = "é" * 3000  # 6000 bytes of UTF-8
        d = self.post(payload("verbose", [long, alert("big-2", name="Verbose")]))
        inc = self.s.api("GET", f"/api/v1/incidents/{d['incidents'][0]}")
        self.assertTrue(inc["summary"].endswith("... (+1 more alerts)"), inc["summary"][-40:])
        self.assertLessEqual(len(inc["summary"].encode()), 500)

    def test_bad_routing_config_is_refused_with_its_line(self):
        d = tempfile.mkdtemp(prefix="warroom-routing-bad-")
        cfg = os.path.join(d, "bad.yaml")
        with open(cfg, "w") as f:
            f.write("alert_routing:\n  routes:\n    - matchers: ['team=~\"(db\"']\n      action: declare\n")
        r = self.s.cli("config", "check", cfg, check=False)
        self.assertEqual(r.returncode, 1)
        self.assertIn("bad.yaml:3: alert_routing.routes[0].matchers[0]", r.stdout)
        self.assertIn("needs a severity", r.stdout)


if __name__ == "__main__":
    unittest.main()
