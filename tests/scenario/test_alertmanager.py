"""A real Prometheus Alertmanager (Debian's prometheus-alertmanager) on
127.0.0.1 sends to warroom through a webhook_config (bearer key) and a
pagerduty_config whose url points at warroom's /v2/enqueue; alerts injected
with amtool arrive, repeats deduplicate, and a resolve (an endsAt in the
past) reaches warroom on both."""
import os
import shutil
import socket
import subprocess
import tempfile
import time
import unittest
from datetime import datetime, timedelta, timezone

from harness import ServerTest, wait_for

ALERTMANAGER = shutil.which("prometheus-alertmanager")
AMTOOL = shutil.which("amtool")


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def rfc3339(dt):
    return dt.strftime("%Y-%m-%dT%H:%M:%SZ")


@unittest.skipUnless(ALERTMANAGER and AMTOOL, "scripts/bootstrap installs prometheus-alertmanager")
class RealAlertmanager(ServerTest):
    def setUp(self):
        super().setUp()
        am_key = self.s.cli_json("integration", "create", "--type", "alertmanager", "--name", "prod-alerts")["key"]
        pd_key = self.s.cli_json("integration", "create", "--type", "pagerduty", "--name", "prod-pd")["key"]
        self.dir = tempfile.mkdtemp(prefix="warroom-am-")
        self.addCleanup(shutil.rmtree, self.dir, True)
        cfg = os.path.join(self.dir, "alertmanager.yml")
        with open(cfg, "w") as f:
            f.write(f"""route:
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
""")
        self.am_url = f"http://127.0.0.1:{free_port()}"
        self.am = subprocess.Popen(
            [ALERTMANAGER, "--config.file=" + cfg, "--storage.path=" + os.path.join(self.dir, "data"),
             "--web.listen-address=" + self.am_url.removeprefix("http://"), "--cluster.listen-address="],
            stdout=subprocess.DEVNULL, stderr=open(os.path.join(self.dir, "am.log"), "w"))
        self.addCleanup(self.stop_am)
        ok = wait_for(lambda: subprocess.run([AMTOOL, "--alertmanager.url=" + self.am_url, "check-config", cfg],
                                             capture_output=True).returncode == 0 and self.am_ready(), timeout=20)
        self.assertTrue(ok, open(os.path.join(self.dir, "am.log")).read())

    def am_ready(self):
        try:
            import urllib.request
            with urllib.request.urlopen(self.am_url + "/-/ready", timeout=1) as r:
                return r.status == 200
        except Exception:
            return False

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
        # The PagerDuty form: its dedup_key is a hash of the group key, not a fingerprint.
        pd = wait_for(lambda: self.alerts("prod-pd"), timeout=20)
        self.assertEqual(len(pd), 1)
        self.assertEqual(len(pd[0]["key"]), 64)
        self.assertNotEqual(pd[0]["key"], a["key"])
        # The group is re-sent every repeat interval: counted, never a second alert.
        wait_for(lambda: self.alerts("prod-alerts")[0]["count"] >= 2, timeout=20)
        self.assertEqual(len(self.alerts("prod-alerts")), 1)
        # Resolve: the same alert with an end in the past.
        end = datetime.now(timezone.utc) - timedelta(seconds=1)
        self.amtool(*labels, "--annotation=summary=API returns 503", "--start=" + rfc3339(start),
                    "--end=" + rfc3339(end))
        resolved = wait_for(lambda: [x for x in self.alerts("prod-alerts") if x["status"] == "resolved"], timeout=30)
        self.assertEqual(len(resolved), 1, self.alerts("prod-alerts"))
        self.assertEqual(len(self.alerts("prod-alerts")), 1)
        self.assertTrue(wait_for(lambda: self.alerts("prod-pd")[0]["status"] == "resolved", timeout=30))


if __name__ == "__main__":
    unittest.main()
