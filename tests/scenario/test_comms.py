"""The spec's communication templates: preview without sending, post an
update rendered from a template, override templates in configuration and
have a template that names an unknown field rejected with file and line."""
import os
import subprocess
import tempfile
import unittest

from harness import BIN, Server, ServerTest

I = "INC-2026-02-12-001"


class Comms(ServerTest):
    server_args = ("--clock", "simulated:2026-02-12T14:23:00Z")

    def declare(self):
        self.s.cli("declare", "--severity", "P1", "--summary", "Scheduler not executing goals",
                   "--detected-at", "2026-02-12T14:15:00Z", "--customers-affected", "87")

    def test_preview_renders_without_recording(self):
        self.declare()
        p = self.s.cli_json("comms", "preview", I, "--template", "incident-declared")
        self.assertEqual(p["audience"], "internal")
        self.assertIn("Next update: 14:45 UTC (22 minutes)", p["text"])
        self.assertIn("Impact: 87 customers affected", p["text"])
        # The incident-declared text states the next update itself: delivered as it reads.
        self.assertEqual(p["delivered_text"], p["text"])
        # A status update does not: the message delivered adds the line, and
        # the preview says so (the JSON and the human output).
        p = self.s.cli_json("comms", "preview", I, "--template", "status-investigating")
        self.assertTrue(p["delivered_text"].startswith(p["text"].rstrip("\n")), p)
        self.assertRegex(p["delivered_text"], r"\nNext update: \d\d:\d\d UTC \([^)]*\)$")
        self.assertNotIn("Next update", p["text"])
        human = self.s.cli("comms", "preview", I, "--template", "status-investigating").stdout
        self.assertIn("[as delivered]", human)
        human = self.s.cli("comms", "preview", I, "--template", "customer-email").stdout
        self.assertIn("Subject: Service Disruption Update - 2026-02-12", human)
        events = self.s.cli_json("timeline", I)["events"]
        self.assertEqual([e["type"] for e in events], ["declared"])
        r = self.s.cli("comms", "preview", I, "--template", "nope", check=False)
        self.assertEqual(r.returncode, 3)
        self.assertIn("status-identified", r.stderr)
        self.assertIn("incident-declared", self.s.cli("comms", "templates").stdout)

    def test_update_from_a_template_records_the_rendered_text_and_meets_the_clocks(self):
        self.declare()
        self.s.cli("identify", I, "--root-cause", "a memory leak in the scheduler", "--category", "deployment")
        self.s.cli("update", I, "--template", "status-identified")
        e = self.s.cli_json("timeline", I)["events"][-1]
        self.assertEqual(e["type"], "update_posted")
        self.assertEqual(e["payload"]["template"], "status-identified")
        self.assertEqual(e["payload"]["audience"], "status-page")
        self.assertIn("We have identified the root cause as a memory leak in the scheduler.", e["payload"]["text"])
        d = self.s.cli_json("show", I)
        self.assertEqual(self.clock(d, "customer_communication")["status"], "met")
        self.assertEqual(self.clock(d, "update")["due_at"], "2026-02-12T14:53:00Z")
        # The audience may be given; text and template not both.
        self.s.cli("update", I, "--template", "incident-declared", "--audience", "executives")
        self.assertEqual(self.s.cli_json("timeline", I)["events"][-1]["payload"]["audience"], "executives")
        self.assertEqual(self.s.cli("update", I, check=False).returncode, 2)
        st, data, _ = self.s.request("POST", f"/api/v1/incidents/{I}/updates",
                                     {"template": "status-identified", "text": "x"})
        self.assertEqual(st, 400)
        st, data, _ = self.s.request("POST", f"/api/v1/incidents/{I}/updates", {"template": "made-up"})
        self.assertEqual(st, 404)
        self.assertEqual(len(self.s.cli_json("timeline", I)["events"]), 4)


    def test_an_update_is_sent_as_previewed_and_never_with_a_hole(self):
        self.declare()
        early = self.s.api("GET", f"/api/v1/incidents/{I}/comms/status-identified")
        self.assertEqual(early["empty_fields"], ["root_cause"])
        st, data, _ = self.s.request("POST", f"/api/v1/incidents/{I}/updates", {"template": "status-identified"})
        self.assertEqual(st, 409, data)
        self.assertIn("root_cause, still empty", data["detail"])
        self.s.cli("identify", I, "--root-cause", "a memory leak in the scheduler", "--category", "deployment")
        seen = self.s.api("GET", f"/api/v1/incidents/{I}/comms/status-identified")
        self.assertEqual(seen["empty_fields"], [])
        self.assertRegex(seen["digest"], r"^[0-9a-f]{64}$")
        sent = self.s.api("POST", f"/api/v1/incidents/{I}/updates",
                          {"template": "status-identified", "digest": seen["digest"]})
        e = self.s.cli_json("timeline", I)["events"][-1]
        self.assertEqual(e["payload"]["text"], seen["text"], "sent exactly as previewed")
        # Read, then the time moves on: the rendering differs, and the send
        # of the old preview is refused, writing nothing.
        old = self.s.api("GET", f"/api/v1/incidents/{I}/comms/status-identified")
        self.s.api("POST", "/api/v1/clock/advance", {"by": "30m"})
        before = len(self.s.cli_json("timeline", I)["events"])
        st, data, _ = self.s.request("POST", f"/api/v1/incidents/{I}/updates",
                                     {"template": "status-identified", "digest": old["digest"]})
        self.assertEqual(st, 409, data)
        self.assertIn("preview it again", data["detail"])
        self.assertEqual(len(self.s.cli_json("timeline", I)["events"]), before)
        self.assertNotEqual(self.s.api("GET", f"/api/v1/incidents/{I}/comms/status-identified")["digest"],
                            old["digest"])
        del sent


class CommsConfig(unittest.TestCase):
    def test_overrides_apply_and_unknown_fields_are_refused_with_file_and_line(self):
        d = tempfile.mkdtemp(prefix="warroom-comms-")
        bad = os.path.join(d, "bad.yaml")
        with open(bad, "w") as f:
            f.write("templates:\n  status-identified:\n    body: |\n      Found: {{root_cause}}\n"
                    "      Blame: {{culprit}}\n")
        p = subprocess.run([BIN, "config", "check", bad], capture_output=True, text=True)
        self.assertEqual(p.returncode, 1)
        self.assertIn(f"{bad}:5: templates.status-identified.body: unknown field 'culprit'", p.stdout)
        p = subprocess.run([BIN, "serve", "--listen", "127.0.0.1:0", "--database", "sqlite:" + os.path.join(d, "x.db"),
                            "--config", bad], capture_output=True, text=True, timeout=30)
        self.assertEqual(p.returncode, 2)
        self.assertIn("unknown field 'culprit'", p.stderr)

        good = os.path.join(d, "good.yaml")
        with open(good, "w") as f:
            f.write("organisation: ACME\nsupport_contact: help@acme.example\n"
                    "templates:\n  customer-notification:\n    subject: \"[{{organisation}}] {{summary}}\"\n"
                    "    body: |\n      We are on it: {{summary}}. Write to {{support_contact}}.\n")
        self.assertEqual(subprocess.run([BIN, "config", "check", good], capture_output=True).returncode, 0)
        s = Server("--config", good, db_dir=d).start()
        self.addCleanup(s.cleanup)
        iid = s.api("POST", "/api/v1/incidents", {"severity": "P2", "summary": "Instagram posts failing"},
                    expect=201)["id"]
        r = s.api("GET", f"/api/v1/incidents/{iid}/comms/customer-notification")
        self.assertEqual(r["subject"], "[ACME] Instagram posts failing")
        self.assertEqual(r["text"], "We are on it: Instagram posts failing. Write to help@acme.example.\n")


if __name__ == "__main__":
    unittest.main()
