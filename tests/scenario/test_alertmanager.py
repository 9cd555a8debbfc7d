"""A real Prometheus Alertmanager (Debian's prometheus-alertmanager) on
127.0.0.1 sends to warroom through a webhook_config (bearer key) and a
pagerduty_config whose url points at warroom's /v2/enqueue; alerts injected
with amtool arrive, declare one incident for their group (the PagerDuty copy
waits in triage by its route), repeats deduplicate, and a resolve (an endsAt
in the past) reaches warroom on both and is recorded on the incident, which
people still resolve."""
import os
import shutil
import subprocess
import tempfile
import unittest
from datetime import datetime, timedelta, timezone

from harness import ALERTMANAGER, Server, start_alertmanager, wait_for

AMTOOL = shutil.which("amtool")


def rfc3339(dt):
    return dt.strftime("%Y-%m-%dT%H:%M:%SZ")


@unittest.skipUnless(ALERTMANAGER and AMTOOL, "scripts/bootstrap installs prometheus-alertmanager")
class RealAlertmanager(unittest.TestCase):
    def setUp(self):
        d = tempfile.mkdtemp(prefix="warroom-am-server-")
        wr_cfg = os.path.join(d, "warroom.yaml")
        with open(wr_cfg, "w") as f:
            f.write("""alert_routing:
  routes:
    - name: pd-copy
      matchers: ['__integration__="prod-pd"']
      action: triage
    - name: critical
      matchers: ['severity="critical"']
      action: declare
      severity: P1
""")
        self.s = Server("--config", wr_cfg, db_dir=d).start()
        self.addCleanup(self.s.cleanup)
        am_key = self.s.cli_json("integration", "create", "--type", "alertmanager", "--name", "prod-alerts")["key"]
        pd_key = self.s.cli_json("integration", "create", "--type", "pagerduty", "--name", "prod-pd")["key"]
        self.dir = tempfile.mkdtemp(prefix="warroom-am-")
        self.addCleanup(shutil.rmtree, self.dir, True)
        self.am, self.am_url = start_alertmanager(f"""route:
  receiver: warroom
  group_by: [alertname]
  group_wait: 1s
  group_interval: 1s
  repeat_interval: 2s
  routes:
    - receiver: warroom
      continue: true
    - receiver: warroom-pd
receivers:
  - name: warroom
    webhook_configs:
      - url: {self.s.url}/api/v1/ingest/alertmanager
        send_resolved: true
        http_config:
          authorization:
            type: Bearer
            credentials: {am_key}
  - name: warroom-pd
    pagerduty_configs:
      - routing_key: {pd_key}
        url: {self.s.url}/v2/enqueue
        send_resolved: true
""", self.dir)
        self.addCleanup(self.stop_am)
        cfg = os.path.join(self.dir, "alertmanager.yml")
        check = subprocess.run([AMTOOL, "check-config", cfg], capture_output=True, text=True)
        self.assertEqual(check.returncode, 0, check.stdout + check.stderr)

    def stop_am(self):
        self.am.terminate()
        try:
            self.am.wait(10)
        except subprocess.TimeoutExpired:
            self.am.kill()

    def amtool(self, *args):
        p = subprocess.run([AMTOOL, "--alertmanager.url=" + self.am_url, "alert", "add"] + list(args),
                           capture_output=True, text=True, timeout=30)
        self.assertEqual(p.returncode, 0, p.stderr)

    def alerts(self, integration):
        return self.s.api("GET", f"/api/v1/alerts?integration={integration}")["items"]

    def test_alerts_arrive_deduplicate_and_resolve(self):
        start = datetime.now(timezone.utc) - timedelta(seconds=30)
        labels = ["alertname=APIDown", "instance=api-1", "severity=critical"]
        self.amtool(*labels, "--annotation=summary=API returns 503", "--start=" + rfc3339(start))
        got = wait_for(lambda: self.alerts("prod-alerts"), timeout=20)
        self.assertEqual(len(got), 1)
        a = got[0]
        self.assertEqual((a["status"], a["summary"], a["labels"]["instance"]), ("firing", "API returns 503", "api-1"))
        self.assertEqual(a["starts_at"], rfc3339(start))
        # Declared for the group, detected when the alert started.
        iid = a["incident_id"]
        self.assertTrue(iid, a)
        inc = self.s.api("GET", f"/api/v1/incidents/{iid}")
        self.assertEqual((inc["severity"], inc["detected_at"], inc["status"]), ("P1", rfc3339(start), "investigating"))
        # A second alert of the group joins the same incident.
        self.amtool("alertname=APIDown", "instance=api-2", "severity=critical", "--annotation=summary=API returns 503",
                    "--start=" + rfc3339(start))
        both = wait_for(lambda: len(self.alerts("prod-alerts")) == 2 and self.alerts("prod-alerts"), timeout=20)
        self.assertEqual({x["incident_id"] for x in both}, {iid})
        # The PagerDuty form: its dedup_key is a hash of the group key, not a fingerprint.
        pd = wait_for(lambda: self.alerts("prod-pd"), timeout=20)
        self.assertEqual(len(pd), 1)
        self.assertEqual(len(pd[0]["key"]), 64)
        self.assertNotEqual(pd[0]["key"], a["key"])
        self.assertEqual((pd[0]["disposition"], pd[0]["route"]), ("triage", "pd-copy"))
        self.assertEqual(self.s.all_incident_ids(), [iid])
        # The group is re-sent every repeat interval: counted, never a second alert.
        wait_for(lambda: min(x["count"] for x in self.alerts("prod-alerts")) >= 2, timeout=20)
        self.assertEqual(len(self.alerts("prod-alerts")), 2)
        events = self.s.api("GET", f"/api/v1/incidents/{iid}/timeline")["events"]
        self.assertEqual(len([e for e in events if e["type"] == "alert_group_attached"]), 1)
        # Resolve: the same alerts with an end in the past.
        end = datetime.now(timezone.utc) - timedelta(seconds=1)
        for instance in ("api-1", "api-2"):
            self.amtool("alertname=APIDown", "instance=" + instance, "severity=critical",
                        "--annotation=summary=API returns 503", "--start=" + rfc3339(start), "--end=" + rfc3339(end))
        resolved = wait_for(lambda: len([x for x in self.alerts("prod-alerts") if x["status"] == "resolved"]) == 2,
                            timeout=30)
        self.assertTrue(resolved, self.alerts("prod-alerts"))
        self.assertEqual(len(self.alerts("prod-alerts")), 2)
        self.assertTrue(wait_for(lambda: self.alerts("prod-pd")[0]["status"] == "resolved", timeout=30))
        events = self.s.api("GET", f"/api/v1/incidents/{iid}/timeline")["events"]
        res = [e["payload"] for e in events if e["type"] == "alerts_resolved"]
        self.assertTrue(res and res[-1]["firing"] == 0, res)
        self.assertEqual(self.s.api("GET", f"/api/v1/incidents/{iid}")["status"], "investigating")


if __name__ == "__main__":
    unittest.main()
