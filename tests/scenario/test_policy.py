"""The policy as data: the built-in default is the spec's table, a YAML file
replaces it, every incident keeps the version it was declared under, and
`policy check` reports each problem with file, line and key."""
import json
import os
import subprocess
import tempfile
import unittest

from harness import BIN, Server, ServerTest

ACME_1 = """version: acme-1
business_hours: {time_zone: Europe/London}
severities:
  P2:
    acknowledge: 1h
"""


def write(d, name, text):
    path = os.path.join(d, name)
    with open(path, "w") as f:
        f.write(text)
    return path


class DefaultPolicy(ServerTest):
    def test_policy_show_is_the_specs_table(self):
        p = self.s.cli_json("policy", "show")
        self.assertEqual(p["version"], "builtin-1.0")
        sev = {l["severity"]: l for l in p["severities"]}
        self.assertEqual(sev["P0"]["acknowledge"], {"within": "5m"})
        self.assertEqual(sev["P0"]["page"], ["incident-commander", "oncall-sre", "oncall-backend"])
        self.assertEqual(sev["P0"]["executive_notification"], ["cto", "ceo"])
        self.assertEqual(sev["P1"]["update_cadence"], "30m")
        self.assertEqual(sev["P1"]["customer_communication"], {"within": "1h"})
        self.assertEqual(sev["P2"]["time_basis"], "business")
        self.assertTrue(sev["P2"]["chat_notification"])
        self.assertEqual(sev["P2"]["customer_communication"], {"when_customers_over": 10})
        self.assertEqual(sev["P3"]["acknowledge"], {"by": "close-of-next-business-day"})
        self.assertEqual(sev["P3"]["target_resolution"], {"min": "7d", "max": "14d"})
        self.assertEqual(sev["P1"]["alias"], "SEV-2")
        self.assertEqual(p["business_hours"]["start"], "09:00")
        human = self.s.cli("policy", "show").stdout
        self.assertIn("P0/SEV-1", human)
        self.assertIn("chat notification", human)

    def test_classify_explains_its_suggestion(self):
        r = self.s.cli_json("policy", "classify", "--customers-affected-pct", "40")
        self.assertEqual(r["severity"], "P1")
        self.assertIn("40% of customers affected is within 30% to 90%", r["reasons"][0])
        r = self.s.cli_json("policy", "classify", "--customers-affected-pct", "2", "--data-loss")
        self.assertEqual(r["severity"], "P0")
        bad = self.s.cli("policy", "classify", "--customers-affected-pct", "140", check=False)
        self.assertEqual(bad.returncode, 4)
        self.assertIn("0 to 100", bad.stderr)


class PolicyFiles(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="warroom-policy-")

    def test_policy_check_reports_file_line_and_key(self):
        bad = write(self.dir, "bad.yaml", "version: x\nseverities:\n  P1:\n    acknowledge: soonish\n  P9: {}\n")
        p = subprocess.run([BIN, "policy", "check", bad], capture_output=True, text=True)
        self.assertEqual(p.returncode, 1)
        self.assertIn(f"{bad}:4: severities.P1.acknowledge: 'soonish' is not a duration", p.stdout)
        self.assertIn(f"{bad}:5: severities.P9: unknown severity", p.stdout)
        j = json.loads(subprocess.run([BIN, "policy", "check", bad, "--json"], capture_output=True, text=True).stdout)
        self.assertFalse(j["ok"])
        self.assertEqual(j["problems"][0]["line"], 4)
        good = write(self.dir, "good.yaml", ACME_1)
        p = subprocess.run([BIN, "policy", "check", good], capture_output=True, text=True)
        self.assertEqual(p.returncode, 0, p.stdout)
        # The example in docs/ is the built-in policy and stays valid.
        example = os.path.join(os.path.dirname(__file__), "..", "..", "docs", "policy.example.yaml")
        self.assertEqual(subprocess.run([BIN, "policy", "check", example], capture_output=True).returncode, 0)
        default = subprocess.run([BIN, "policy", "default"], capture_output=True, text=True).stdout
        with open(example) as f:
            self.assertEqual(f.read(), default, "docs/policy.example.yaml is `warroom policy default`")

    def test_incidents_keep_the_policy_they_were_declared_under(self):
        acme1 = write(self.dir, "acme1.yaml", ACME_1)
        s = Server("--policy", acme1, "--clock", "simulated:2026-07-14T08:00:00Z").start()
        self.addCleanup(s.cleanup)
        self.assertEqual(s.cli_json("policy", "show")["version"], "acme-1")
        d = s.api("POST", "/api/v1/incidents", {"severity": "P2", "summary": "Instagram posts failing"}, expect=201)
        first = d["id"]
        self.assertEqual(d["policy_version"], "acme-1")
        # London summer time: 09:00 local is 08:00 UTC; one business hour to acknowledge.
        ack = [c for c in d["clocks"] if c["clock"] == "acknowledge"][0]
        self.assertEqual(ack["due_at"], "2026-07-14T09:00:00Z")
        self.assertEqual(s.stop(), 0)

        # Same version, other content: refused.
        changed = write(self.dir, "changed.yaml", ACME_1.replace("1h", "2h"))
        p = subprocess.run([BIN, "serve", "--listen", "127.0.0.1:0", "--database", "sqlite:" + s.db,
                            "--policy", changed], capture_output=True, text=True, timeout=30)
        self.assertEqual(p.returncode, 2)
        self.assertIn("new version", p.stderr)
        # A broken file: refused with its problems.
        broken = write(self.dir, "broken.yaml", "version: acme-3\nseverities: {P2: {acknowledge: never}}\n")
        p = subprocess.run([BIN, "serve", "--listen", "127.0.0.1:0", "--database", "sqlite:" + s.db,
                            "--policy", broken], capture_output=True, text=True, timeout=30)
        self.assertEqual(p.returncode, 2)
        self.assertIn("broken.yaml:2", p.stderr)

        acme2 = write(self.dir, "acme2.yaml", ACME_1.replace("acme-1", "acme-2").replace("1h", "2h"))
        s2 = s.restarted("--policy", acme2, "--clock", "simulated:2026-07-14T08:00:00Z")
        self.addCleanup(s2.stop)
        old = s2.api("GET", f"/api/v1/incidents/{first}")
        self.assertEqual(old["policy_version"], "acme-1")
        self.assertEqual([c for c in old["clocks"] if c["clock"] == "acknowledge"][0]["due_at"],
                         "2026-07-14T09:00:00Z")
        new = s2.api("POST", "/api/v1/incidents", {"severity": "P2", "summary": "again"}, expect=201)
        self.assertEqual(new["policy_version"], "acme-2")
        self.assertEqual([c for c in new["clocks"] if c["clock"] == "acknowledge"][0]["due_at"],
                         "2026-07-14T10:00:00Z")


if __name__ == "__main__":
    unittest.main()
