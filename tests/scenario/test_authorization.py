"""The holes issue 8 found in authorization, reproduced as it describes them:
a responder (even a non-participant, even naming a viewer) taking the IC role
from the current IC and then acting as IC (bug 1); any responder dismissing a
fresh P0 (bug 2); the alert endpoints and the freeze list telling anyone a
restricted incident exists (bug 7). And the rule that stays: a responder takes
the IC role of an incident declared by an alert while it is vacant."""
import os
import tempfile
import unittest

from harness import Server

CONFIG = """alert_routing:
  routes:
    - name: security
      matchers: ['team="security"']
      action: declare
      severity: P1
      source: security-alert
    - name: critical
      matchers: ['severity="critical"']
      action: declare
      severity: P0
"""


def alert(fp, **labels):
    return {"status": "firing", "labels": {"alertname": "Alert-" + fp, "instance": fp, **labels},
            "annotations": {"summary": "alert " + fp}, "startsAt": "2026-02-12T13:50:00Z",
            "endsAt": "0001-01-01T00:00:00Z", "fingerprint": fp}


def payload(group, *alerts):
    return {"version": "4", "groupKey": group, "status": "firing", "receiver": "warroom", "groupLabels": {},
            "commonLabels": {}, "commonAnnotations": {}, "externalURL": "http://127.0.0.1:9093",
            "alerts": list(alerts)}


class Authorization(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        directory = tempfile.mkdtemp(prefix="warroom-authz-")
        path = os.path.join(directory, "config.yaml")
        with open(path, "w") as f:
            f.write(CONFIG)
        cls.s = Server("--config", path, db_dir=directory)
        cls.s.own_dir = True  # removed with the server
        cls.s.start()
        s = cls.s
        cls.sarah = s.api("POST", "/api/v1/users", {"handle": "sarah"}, expect=201)["token"]
        cls.rita = s.api("POST", "/api/v1/users", {"handle": "rita"}, expect=201)["token"]
        cls.vic = s.api("POST", "/api/v1/users", {"handle": "vic", "permission": "viewer"}, expect=201)["token"]
        cls.key = s.api("POST", "/api/v1/integrations", {"name": "prom", "type": "alertmanager"}, expect=201)["key"]

    @classmethod
    def tearDownClass(cls):
        cls.s.cleanup()

    def declare(self, token, **body):
        body = {"severity": "P1", "summary": "Checkout failing", **body}
        return self.s.api("POST", "/api/v1/incidents", body, token=token, expect=201)["id"]

    def ingest(self, group, *alerts):
        st, d, _ = self.s.request("POST", "/api/v1/ingest/alertmanager", payload(group, *alerts), token=self.key)
        self.assertEqual(st, 200, d)
        return d

    def alert_id(self, fp):
        return [a["id"] for a in self.s.api("GET", "/api/v1/alerts?limit=1000")["items"]
                if a["labels"].get("instance") == fp][0]

    def assert_problem(self, r, status, code, fragment=""):
        st, d, _ = r
        self.assertEqual((st, d.get("code")), (status, code), d)
        self.assertIn(fragment, d["detail"])
        return d

    def events(self, iid):
        """What people did to the incident (the clock runner records breaches on its own)."""
        events = self.s.api("GET", f"/api/v1/incidents/{iid}/timeline")["events"]
        return [e["type"] for e in events if e["type"] != "clock_breached"]

    # --- bug 1 -----------------------------------------------------------
    def test_bug1_a_non_participant_responder_cannot_take_ic_from_the_ic(self):
        s = self.s
        iid = self.declare(self.sarah)  # sarah is IC
        before = self.events(iid)
        self.assert_problem(
            s.request("POST", f"/api/v1/incidents/{iid}/roles", {"role": "incident-commander", "user": "rita"},
                      token=self.rita),
            403, "permission-denied", "is for its Incident Commander (sarah) or an admin")
        # Nor, not being IC, change severity, resolve or make it restricted.
        self.assert_problem(s.request("POST", f"/api/v1/incidents/{iid}/severity",
                                      {"severity": "P0", "reason": "mine now"}, token=self.rita),
                            403, "permission-denied", "Incident Commander (sarah)")
        self.assert_problem(s.request("POST", f"/api/v1/incidents/{iid}/visibility",
                                      {"visibility": "restricted", "reason": "hide"}, token=self.rita),
                            403, "permission-denied", "Incident Commander (sarah)")
        self.assertEqual(s.api("GET", f"/api/v1/incidents/{iid}")["roles"]["incident-commander"], "sarah")
        self.assertEqual(self.events(iid), before)
        # The IC hands over; then the new IC acts.
        s.api("POST", f"/api/v1/incidents/{iid}/roles", {"role": "incident-commander", "user": "rita"},
              token=self.sarah)
        s.api("POST", f"/api/v1/incidents/{iid}/severity", {"severity": "P0", "reason": "spreading"},
              token=self.rita)

    def test_bug1_a_viewer_holds_no_role(self):
        s = self.s
        iid = self.declare(self.sarah)
        for token in (self.sarah, s.token):  # not even the IC or an admin can give one
            for role in ("incident-commander", "scribe"):
                self.assert_problem(s.request("POST", f"/api/v1/incidents/{iid}/roles",
                                              {"role": role, "user": "vic"}, token=token),
                                    409, "failed-precondition", "vic is a viewer and cannot hold a role")
        self.assert_problem(s.request("POST", f"/api/v1/incidents/{iid}/responders", {"user": "vic"},
                                      token=self.sarah),
                            409, "failed-precondition", "vic is a viewer and cannot join as a responder")
        # The viewer itself is refused by the route's scope, naming it.
        self.assert_problem(s.request("POST", f"/api/v1/incidents/{iid}/roles",
                                      {"role": "incident-commander", "user": "vic"}, token=self.vic),
                            403, "permission-denied", "needs the respond scope")
        d = s.api("GET", f"/api/v1/incidents/{iid}")
        self.assertEqual({k: v for k, v in d["roles"].items() if v}, {"incident-commander": "sarah"})
        self.assertEqual(self.events(iid), ["declared"])
        # The other roles stay with any responder.
        s.api("POST", f"/api/v1/incidents/{iid}/roles", {"role": "scribe", "user": "rita"}, token=self.rita)

    def test_a_responder_takes_the_vacant_ic_of_an_incident_declared_from_an_alert(self):
        s = self.s
        d = self.ingest("{}:{alertname=\"vacant\"}", alert("vacant-1", severity="critical"))
        iid = d["incidents"][0]
        self.assertIsNone(s.api("GET", f"/api/v1/incidents/{iid}")["roles"]["incident-commander"])
        # While vacant: only for themselves.
        self.assert_problem(s.request("POST", f"/api/v1/incidents/{iid}/roles",
                                      {"role": "incident-commander", "user": "sarah"}, token=self.rita),
                            403, "permission-denied", "is vacant: a responder may take it for themselves")
        s.api("POST", f"/api/v1/incidents/{iid}/roles", {"role": "incident-commander", "user": "rita"},
              token=self.rita)
        self.assert_problem(s.request("POST", f"/api/v1/incidents/{iid}/roles",
                                      {"role": "incident-commander", "user": "sarah"}, token=self.sarah),
                            403, "permission-denied", "(rita)")
        # The CLI says the same.
        p = s.cli("assign", iid, "--role", "incident-commander", "--to", "sarah", token=self.sarah, check=False)
        self.assertEqual(p.returncode, 5, p.stderr)
        self.assertIn("(rita)", p.stderr)

    # --- bug 2 -----------------------------------------------------------
    def test_bug2_any_responder_can_no_longer_dismiss_a_fresh_p0(self):
        s = self.s
        iid = self.declare(self.sarah, severity="P0", summary="Payments down")
        self.assert_problem(s.request("POST", f"/api/v1/incidents/{iid}/dismiss", {"reason": "false-alarm"},
                                      token=self.rita),
                            403, "permission-denied", "dismissing is for the incident's Incident Commander (sarah)")
        self.assertEqual(s.api("GET", f"/api/v1/incidents/{iid}")["status"], "investigating")
        listed = s.api("GET", "/api/v1/incidents?status=investigating&limit=1000")["items"]
        self.assertIn(iid, [i["id"] for i in listed])
        s.api("POST", f"/api/v1/incidents/{iid}/dismiss", {"reason": "false-alarm"}, token=self.sarah)
        self.assertEqual(s.api("GET", f"/api/v1/incidents/{iid}")["status"], "dismissed")

    # --- bug 7 -----------------------------------------------------------
    def restricted_with_alert(self, fp):
        """A restricted incident declared from a security alert (no
        participants but admins), and that alert's id."""
        d = self.ingest("{}:{alertname=\"" + fp + "\"}", alert(fp, team="security"))
        iid = d["incidents"][0]
        self.assertEqual(self.s.api("GET", f"/api/v1/incidents/{iid}")["visibility"], "restricted")
        return iid, self.alert_id(fp)

    def test_bug7_the_alert_endpoints_answer_404_for_a_restricted_incidents_alert(self):
        s = self.s
        iid, aid = self.restricted_with_alert("sec-1")
        unknown = 987654321
        bodies = {"declare": lambda a: {"alert_ids": [a], "severity": "P2"},
                  "attach": lambda a: {"alert_ids": [a], "incident_id": self.declare(self.rita)},
                  "dismiss": lambda a: {"alert_ids": [a], "reason": "noise"}}
        for action, body in bodies.items():
            with self.subTest(action=action):
                hidden = self.assert_problem(s.request("POST", f"/api/v1/alerts/{action}", body(aid),
                                                       token=self.rita), 404, "not-found")
                missing = self.assert_problem(s.request("POST", f"/api/v1/alerts/{action}", body(unknown),
                                                        token=self.rita), 404, "not-found")
                self.assertEqual(hidden["detail"], missing["detail"].replace(str(unknown), str(aid)))
                self.assertNotIn(iid, hidden["detail"])
                # Those who may see it still hear why: it is not in triage.
                self.assert_problem(s.request("POST", f"/api/v1/alerts/{action}", body(aid)),
                                    409, "failed-precondition", iid)
        hidden = self.assert_problem(s.request("GET", f"/api/v1/alerts/{aid}", token=self.rita), 404, "not-found")
        missing = self.assert_problem(s.request("GET", f"/api/v1/alerts/{unknown}", token=self.rita),
                                      404, "not-found")
        self.assertEqual(hidden["detail"], missing["detail"].replace(str(unknown), str(aid)))
        # Attaching to a restricted incident one may not see: as to an unknown one.
        self.ingest("{}:{alertname=\"triage-7\"}", alert("triage-7"))
        waiting = self.alert_id("triage-7")
        hidden = self.assert_problem(s.request("POST", "/api/v1/alerts/attach",
                                               {"alert_ids": [waiting], "incident_id": iid}, token=self.rita),
                                     404, "not-found")
        missing = self.assert_problem(s.request("POST", "/api/v1/alerts/attach",
                                                {"alert_ids": [waiting], "incident_id": "INC-2000-01-01-001"},
                                                token=self.rita), 404, "not-found")
        self.assertEqual(hidden["detail"], missing["detail"].replace("INC-2000-01-01-001", iid))
        self.assertEqual(s.api("GET", f"/api/v1/alerts/{waiting}")["disposition"], "triage")

    def test_bug7_lists_neither_show_nor_count_a_restricted_incidents_alerts(self):
        s = self.s
        self.restricted_with_alert("sec-list")
        self.ingest("{}:{alertname=\"after\"}", alert("after-1"))  # the newest, visible
        mine = s.api("GET", "/api/v1/alerts?limit=1000", token=self.rita)["items"]
        everyone = s.api("GET", "/api/v1/alerts?limit=1000")["items"]
        self.assertNotIn("sec-list", [a["labels"].get("instance") for a in mine])
        self.assertIn("sec-list", [a["labels"].get("instance") for a in everyone])
        # A page is as long as asked while there are visible alerts to fill it.
        hidden_ids = {a["id"] for a in everyone} - {a["id"] for a in mine}
        self.assertTrue(hidden_ids)
        page = s.api("GET", f"/api/v1/alerts?limit={len(mine)}", token=self.rita)["items"]
        self.assertEqual([a["id"] for a in page], [a["id"] for a in mine])
        incidents = s.api("GET", "/api/v1/incidents?limit=1000", token=self.rita)["items"]
        self.assertFalse([i for i in incidents if i["visibility"] == "restricted"])

    def test_bug7_freezes_of_a_restricted_incident_say_only_since(self):
        s = self.s
        iid = self.declare(s.token, visibility="restricted", summary="Key leak in payments")
        s.api("POST", f"/api/v1/incidents/{iid}/freeze", {"reason": "rotating the signing keys"})
        for token in (self.rita, self.vic):
            f = s.api("GET", "/api/v1/freezes", token=token)
            self.assertTrue(f["frozen"])
            hidden = [i for i in f["items"] if i.get("restricted")]
            self.assertEqual(len(hidden), 1, f)
            self.assertEqual(sorted(hidden[0]), ["restricted", "since"])
            self.assertNotIn(iid, str(f))
            self.assertNotIn("signing", str(f))
        p = s.cli("freezes", token=self.rita)
        self.assertIn("(restricted)", p.stdout)
        self.assertNotIn(iid, p.stdout)
        mine = [i for i in s.api("GET", "/api/v1/freezes")["items"] if i.get("incident_id") == iid]
        self.assertEqual((mine[0]["reason"], mine[0]["severity"], mine[0]["restricted"]),
                         ("rotating the signing keys", "P1", False))
        s.api("POST", f"/api/v1/incidents/{iid}/unfreeze", {"reason": "rotated"})


if __name__ == "__main__":
    unittest.main()
