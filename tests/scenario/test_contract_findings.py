"""Mismatches the contract test's generated requests found (tests/contract/
properties.test.mjs, CONTRACT_SEED=1), kept as scenarios: each invalid body
is refused with a 400 naming its field, whatever state the server is in, and
nothing is written."""
import unittest

from harness import ServerTest


class ContractFindings(ServerTest):
    server_args = ("--clock", "simulated:2026-02-12T14:00:00Z")

    def assertRefusedNaming(self, method, path, body, field):
        st, data, headers = self.s.request(method, path, body)
        self.assertEqual(st, 400, data)
        self.assertTrue(headers.get("Content-Type", "").startswith("application/problem+json"), headers)
        self.assertIn(f"'{field}'", data["detail"])
        return data

    def test_a_blank_required_text_is_a_400_naming_it_in_any_state(self):
        iid = self.s.api("POST", "/api/v1/incidents", {"severity": "P2", "summary": "x"}, expect=201)["id"]
        before = self.s.api("GET", f"/api/v1/incidents/{iid}/timeline")["events"]
        # reopen from investigating was a 409 about the state; a blank kind of
        # link on a restricted incident a 404; a blank action a message naming
        # no field.
        self.assertRefusedNaming("POST", f"/api/v1/incidents/{iid}/reopen", {"reason": ""}, "reason")
        self.assertRefusedNaming("POST", f"/api/v1/incidents/{iid}/mitigate", {"action": " \t"}, "action")
        self.assertRefusedNaming("POST", f"/api/v1/incidents/{iid}/links",
                                 {"kind": "", "url": "https://status.example/1"}, "kind")
        self.assertRefusedNaming("POST", "/api/v1/incidents", {"severity": "P2", "summary": "\n"}, "summary")
        self.assertEqual(self.s.api("GET", f"/api/v1/incidents/{iid}/timeline")["events"], before)
        self.assertEqual(len(self.s.all_incident_ids()), 1)

    def test_too_many_alert_ids_are_refused_naming_the_field(self):
        for action, extra in [("declare", {"severity": "P2"}), ("attach", {"incident_id": "INC-2026-02-12-001"}),
                              ("dismiss", {})]:
            data = self.assertRefusedNaming("POST", f"/api/v1/alerts/{action}",
                                            {"alert_ids": [1] * 1001, **extra}, "alert_ids")
            self.assertIn("1000", data["detail"])
        self.assertEqual(self.s.all_incident_ids(), [])

    def test_a_bad_clock_step_is_refused_naming_by(self):
        for by in ["", " ", "soon", "javascript:alert(1)"]:
            self.assertRefusedNaming("POST", "/api/v1/clock/advance", {"by": by}, "by")
        self.assertEqual(self.s.api("GET", "/api/v1/clock")["now"], "2026-02-12T14:00:00Z")


if __name__ == "__main__":
    unittest.main()
