"""Delivery through the transactional outbox to a local receiver that fails,
rate-limits, hangs and refuses: retries with backoff and Retry-After, the
same idempotency key on every attempt, HMAC signatures, dead letters and
unknown outcomes on the timeline, and nothing sent twice once delivered."""
import hashlib
import hmac
import json
import os
import tempfile
import time
import unittest

from harness import Server, wait_for
from receiver import Receiver

SECRET = "s3cret-signing-key"



class Delivery(unittest.TestCase):
    def setUp(self):
        self.rx = Receiver()
        self.addCleanup(self.rx.close)
        d = tempfile.mkdtemp(prefix="warroom-delivery-")
        cfg = os.path.join(d, "warroom.yaml")
        with open(cfg, "w") as f:
            f.write(f"""destinations:
  incidents: {{type: webhook, url: "{self.rx.url}/ok", secret_env: WARROOM_TEST_SECRET}}
  pager: {{type: webhook, url: "{self.rx.url}/flaky", timeout: 2s}}
  execs: {{type: slack-webhook, url_env: WARROOM_TEST_SLACK_URL}}
  status: {{type: webhook, url: "{self.rx.url}/hang", timeout: 1s}}
  customers: {{type: webhook, url: "{self.rx.url}/reject", max_attempts: 3}}
  teams: {{type: teams-webhook, url_env: WARROOM_TEST_TEAMS_URL}}
  slackapi: {{type: slack, token_env: WARROOM_TEST_SLACK_TOKEN, channel: "#incidents", api_url: "{self.rx.url}/api"}}
  slackbad: {{type: slack, token_env: WARROOM_TEST_BAD_TOKEN, channel: "#incidents", api_url: "{self.rx.url}/bad"}}
people:
  slack: {{token_env: WARROOM_TEST_SLACK_TOKEN, api_url: "{self.rx.url}/dm"}}
routes:
  internal: [incidents, teams, slackapi, slackbad]
  pages: [pager]
  executives: [execs]
  status-page: [status]
  customers: [customers]
""")
        os.environ["WARROOM_TEST_SECRET"] = SECRET
        os.environ["WARROOM_TEST_SLACK_URL"] = self.rx.url + "/ratelimited"
        os.environ["WARROOM_TEST_TEAMS_URL"] = self.rx.url + "/teams"
        os.environ["WARROOM_TEST_SLACK_TOKEN"] = "xoxb-test-token"
        os.environ["WARROOM_TEST_BAD_TOKEN"] = "xoxb-revoked"
        self.s = Server("--config", cfg, db_dir=d).start()
        self.addCleanup(self.s.cleanup)

    def outbox(self, **q):
        qs = "&".join(f"{k}={v}" for k, v in q.items())
        return self.s.api("GET", "/api/v1/outbox?" + qs)["items"]

    def timeline(self, iid):
        return self.s.api("GET", f"/api/v1/incidents/{iid}/timeline")["events"]

    def test_a_p0_reaches_every_route_through_failures(self):
        s = self.s
        s.api("POST", "/api/v1/users", {"handle": "carla", "slack_member_id": "U0CARLA"}, expect=201)
        d = s.api("POST", "/api/v1/incidents", {"severity": "P0", "summary": "API completely down"}, expect=201)
        iid = d["id"]
        s.api("POST", f"/api/v1/incidents/{iid}/roles", {"role": "communications-lead", "user": "carla"})
        # Executives were told at declaration: the executive clock is met.
        self.assertEqual([c for c in d["clocks"] if c["clock"] == "executive_notification"][0]["status"], "met")

        # Internal channel: one signed request.
        got = wait_for(lambda: self.rx.at("/ok"))
        path, headers, body, _ = got[0]
        ts = headers["x-warroom-timestamp"]
        want = "v1=" + hmac.new(SECRET.encode(), ts.encode() + b"." + body, hashlib.sha256).hexdigest()
        self.assertEqual(headers["x-warroom-signature"], want)
        msg = json.loads(body)
        self.assertEqual(msg["incident_id"], iid)
        self.assertIn("INCIDENT DECLARED", msg["text"])
        self.assertEqual(headers["idempotency-key"], msg["idempotency_key"])

        # Microsoft Teams: an Adaptive Card.
        teams = wait_for(lambda: self.rx.json_at("/teams"))[0]
        card = teams["attachments"][0]
        self.assertEqual(card["contentType"], "application/vnd.microsoft.card.adaptive")
        self.assertIn("INCIDENT DECLARED", card["content"]["body"][-1]["text"])

        # Slack's Web API: chat.postMessage with the bot token; "ok": false is a failure.
        api = wait_for(lambda: self.rx.at("/api/chat.postMessage"))[0]
        self.assertEqual(api[1]["authorization"], "Bearer xoxb-test-token")
        self.assertEqual(json.loads(api[2])["channel"], "#incidents")

        # The page: a 500 first, then delivered, with one idempotency key.
        flaky = wait_for(lambda: len(self.rx.at("/flaky")) >= 2 and self.rx.at("/flaky"))
        self.assertEqual(len({r[1]["idempotency-key"] for r in flaky}), 1)
        self.assertIn("PAGE", json.loads(flaky[0][2])["text"])

        # Executives over a Slack webhook: 429 with Retry-After 1, honoured.
        slack = wait_for(lambda: len(self.rx.at("/ratelimited")) >= 2 and self.rx.at("/ratelimited"))
        self.assertGreaterEqual(slack[1][3] - slack[0][3], 0.9)
        block = json.loads(slack[1][2])
        self.assertIn("INCIDENT DECLARED", block["text"])
        self.assertEqual(block["blocks"][0]["type"], "section")

        # A status page update that times out after sending: unknown, not retried.
        s.api("POST", f"/api/v1/incidents/{iid}/updates", {"audience": "status-page", "text": "Investigating"})
        # A customer update refused with a 400: dead-lettered at once.
        s.api("POST", f"/api/v1/incidents/{iid}/updates", {"audience": "customers", "text": "We are on it"})
        types = wait_for(lambda: (lambda t: "message_outcome_unknown" in t and "message_dead_lettered" in t and t)(
            [e["type"] for e in self.timeline(iid)]))
        delivered_to = wait_for(lambda: (lambda d: {"incidents", "teams", "slackapi", "pager", "execs"} <= d and d)(
            {e["payload"]["destination"] for e in self.timeline(iid) if e["type"] == "message_delivered"}))
        self.assertTrue(delivered_to, types)

        failed = {m["destination"]: m for m in self.outbox(state="failed")}
        self.assertEqual(failed["status"]["state"], "unknown")
        self.assertEqual(failed["customers"]["state"], "dead")
        self.assertEqual(failed["customers"]["attempts"], 1)
        self.assertEqual((failed["slackbad"]["state"], failed["slackbad"]["last_error"]), ("dead", "Slack: invalid_auth"))
        # The CL is told to check the message whose fate is unknown.
        check = wait_for(lambda: [json.loads(r[2]) for r in self.rx.at("/dm/chat.postMessage")
                                  if "whether it arrived is unknown" in json.loads(r[2])["text"]])
        self.assertEqual(check[0]["channel"], "U0CARLA")
        self.assertIn("status", check[0]["text"])
        time.sleep(2.5)  # the hung receiver finishes; no second attempt was made
        self.assertEqual(len(self.rx.at("/hang")), 1)
        delivered = {m["destination"]: m for m in self.outbox(state="delivered")}
        self.assertEqual(delivered["pager"]["attempts"], 2)
        detail = s.api("GET", f"/api/v1/outbox/{delivered['pager']['id']}")
        self.assertEqual([a["outcome"] for a in detail["attempts_detail"]], ["retry", "delivered"])
        self.assertEqual(detail["attempts_detail"][0]["http_status"], 500)

        # Nothing is sent twice once delivered.
        time.sleep(1)
        self.assertEqual(len(self.rx.at("/ok")), 1)
        self.assertEqual(len(self.rx.at("/flaky")), 2)

        # An operator retries the dead letter by hand; the receiver still refuses.
        human = s.cli("outbox", "list", "--failed").stdout
        self.assertIn("customers", human)
        s.cli("outbox", "retry", str(failed["customers"]["id"]))
        wait_for(lambda: len(self.rx.at("/reject")) >= 2)
        self.assertEqual(s.cli("outbox", "retry", str(delivered["pager"]["id"]), check=False).returncode, 4)
        self.assertEqual(s.cli("outbox", "show", "999999", check=False).returncode, 3)

    def test_the_outbox_is_for_admins(self):
        token = self.s.api("POST", "/api/v1/users", {"handle": "bob"}, expect=201)["token"]
        st, d, _ = self.s.request("GET", "/api/v1/outbox", token=token)
        self.assertEqual(st, 403)
        st, d, _ = self.s.request("GET", "/api/v1/outbox?state=lost")
        self.assertEqual(st, 400)


class RateLimitedBursts(unittest.TestCase):
    def test_a_burst_to_a_rate_limited_channel_queues_and_coalesces(self):
        rx = Receiver()
        self.addCleanup(rx.close)
        d = tempfile.mkdtemp(prefix="warroom-burst-")
        cfg = os.path.join(d, "warroom.yaml")
        os.environ["WARROOM_TEST_BURST_URL"] = rx.url + "/burst"
        with open(cfg, "w") as f:
            f.write("""destinations:
  incidents: {type: slack-webhook, url_env: WARROOM_TEST_BURST_URL, rate_per_second: 1}
routes:
  internal: [incidents]
""")
        s = Server("--config", cfg, db_dir=d).start()
        self.addCleanup(s.cleanup)
        iid = s.api("POST", "/api/v1/incidents", {"severity": "P3", "summary": "UI cosmetic bug"}, expect=201)["id"]
        for n in range(12):
            s.api("POST", f"/api/v1/incidents/{iid}/updates", {"audience": "internal", "text": f"update {n}"})
        delivered = wait_for(lambda: len(s.api("GET", "/api/v1/outbox?state=delivered")["items"]) == 13, timeout=20)
        self.assertTrue(delivered, s.api("GET", "/api/v1/outbox")["items"])
        requests = rx.json_at("/burst")
        self.assertLess(len(requests), 13, "coalesced")
        lines = set("\n".join(r["text"] for r in requests).split("\n"))
        for n in range(12):
            self.assertIn(f"update {n}", lines)  # none dropped
        times = [r[3] for r in rx.at("/burst")]
        gaps = [b - a for a, b in zip(times, times[1:])]
        self.assertTrue(all(g >= 0.9 for g in gaps), gaps)  # about one a second


class DeliveryAcrossAKill(unittest.TestCase):
    def test_kill_minus_nine_mid_delivery_loses_no_page(self):
        rx = Receiver()
        self.addCleanup(rx.close)
        d = tempfile.mkdtemp(prefix="warroom-kill-")
        cfg = os.path.join(d, "warroom.yaml")
        with open(cfg, "w") as f:
            f.write(f"""destinations:
  pager: {{type: webhook, url: "{rx.url}/slow", timeout: 10s}}
routes:
  pages: [pager]
""")
        s = Server("--config", cfg, db_dir=d).start()
        self.addCleanup(s.cleanup)
        iid = s.api("POST", "/api/v1/incidents", {"severity": "P1", "summary": "Scheduler not executing goals"},
                    expect=201)["id"]
        wait_for(lambda: rx.at("/slow"))  # the page is in flight...
        s.proc.kill()  # ...and the server dies before the answer
        s.proc.wait()
        s2 = s.restarted("--config", cfg)
        self.addCleanup(s2.stop)
        got = wait_for(lambda: len(rx.at("/slow")) >= 2 and rx.at("/slow"))
        self.assertEqual(len(got), 2, "sent again after the restart")
        self.assertEqual(got[0][1]["idempotency-key"], got[1][1]["idempotency-key"],
                         "a receiver that honours the key sees one page")
        events = wait_for(lambda: [e for e in s2.api("GET", f"/api/v1/incidents/{iid}/timeline")["events"]
                                   if e["type"] == "message_delivered"])
        self.assertEqual(len(events), 1)
        self.assertEqual(events[0]["payload"]["kind"], "page")


if __name__ == "__main__":
    unittest.main()
