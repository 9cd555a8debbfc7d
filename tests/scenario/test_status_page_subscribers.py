"""The public status page's subscribers, through the real server: a customer
subscribes by email on the page's form (double opt-in over a real SMTP
server, aiosmtpd), confirms through the link's button, receives an incident's
status-page update with List-Unsubscribe and List-Unsubscribe-Post, and
leaves with one click; a webhook subscriber (a real https receiver with its
own certificate) answers the confirmation challenge and receives the
Statuspage-shaped JSON; a maintenance's announcement and its start by the
schedule reach subscribers too. Bad input: tampered and reused links, webhooks
to 127.0.0.1 and 169.254.169.254 (refused when subscribing, and at delivery
once the address is no longer allowed), a subscription flood from one client,
a second confirmation within a day, a caller without publish-public: each a
clear answer, nothing sent."""
import email
import email.policy
import http.server
import json
import os
import re
import ssl
import tempfile
import threading
import time
import unittest
import urllib.error
import urllib.parse
import urllib.request

from harness import Server, free_port, self_signed, wait_for

try:
    from aiosmtpd.controller import Controller
except ImportError:  # scripts/bootstrap installs python3-aiosmtpd
    Controller = None

CONFIRM = re.compile(r"(http://[0-9.:]+/status/subscriptions/confirm\?token=(wrs_[0-9a-f]{64}))")


class Mailbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(email.message_from_bytes(envelope.content, policy=email.policy.default))
        return "250 OK"


class Hooks(http.server.ThreadingHTTPServer):
    """An https webhook receiver: echoes a confirmation's challenge, keeps
    every notice."""

    def __init__(self, cert, key):
        self.received = []
        super().__init__(("127.0.0.1", 0), Hook)
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(cert, key)
        self.socket = ctx.wrap_socket(self.socket, server_side=True)


class Hook(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        self.server.received.append(body)
        answer = json.dumps({"challenge": body.get("challenge", "")}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)

    def log_message(self, *args):
        pass


@unittest.skipIf(Controller is None, "needs python3-aiosmtpd")
class Subscribers(unittest.TestCase):
    allowed = "[127.0.0.1]"

    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="warroom-subscribers-")
        self.mailbox = Mailbox()
        smtp_port = free_port()
        smtpd = Controller(self.mailbox, hostname="127.0.0.1", port=smtp_port)
        smtpd.start()
        self.addCleanup(smtpd.stop)
        cert, key = self_signed(self.dir, stem="hooks")
        self.hooks = Hooks(cert, key)
        threading.Thread(target=self.hooks.serve_forever, daemon=True).start()
        self.addCleanup(self.hooks.shutdown)
        self.hook_url = f"https://127.0.0.1:{self.hooks.server_address[1]}/hooks/status"
        self.cfg = os.path.join(self.dir, "warroom.yaml")
        self.write_config(self.allowed, smtp_port, cert)
        self.port = free_port()
        self.s = Server("--config", self.cfg, "--clock", "simulated:2026-02-12T14:00:00Z",
                        db_dir=self.dir, listen=f"127.0.0.1:{self.port}").start()
        self.addCleanup(self.s.cleanup)

    def write_config(self, allowed, smtp_port, cert):
        with open(self.cfg, "w") as f:
            f.write(f"""status_page:
  name: ACME Status
  subscribers:
    email: {{smtp_url: "smtp://127.0.0.1:{smtp_port}", from: "ACME Status <status@acme.example>"}}
    allowed_networks: {allowed}
    ca_file: {cert}
    per_client_per_hour: 4
""")

    # --- helpers ---------------------------------------------------------
    def form(self, path, fields, headers=None):
        data = urllib.parse.urlencode(fields, doseq=True).encode()
        req = urllib.request.Request(self.s.url + path, data=data, method="POST", headers={
            "Content-Type": "application/x-www-form-urlencoded", **(headers or {})})
        try:
            with urllib.request.urlopen(req, timeout=30) as r:
                return r.status, r.read().decode(), dict(r.headers)
        except urllib.error.HTTPError as e:
            return e.code, e.read().decode(), dict(e.headers)

    def page(self, path):
        try:
            with urllib.request.urlopen(self.s.url + path, timeout=30) as r:
                return r.status, r.read().decode()
        except urllib.error.HTTPError as e:
            return e.code, e.read().decode()

    def mails(self, n, timeout=15):
        wait_for(lambda: len(self.mailbox.messages) >= n or None, timeout=timeout)
        return self.mailbox.messages

    def text(self, msg):
        return msg.get_body(preferencelist=("plain",)).get_content()

    def subscribers(self, **query):
        q = urllib.parse.urlencode(query)
        return self.s.api("GET", "/api/v1/status-page/subscribers" + ("?" + q if q else ""))["items"]

    def subscribe_by_email(self, address, *components):
        st, body, _ = self.form("/status/subscribe", {"email": address, "component": list(components)})
        self.assertEqual(st, 202, body)
        self.assertIn("Check your inbox", body)

    def confirm_latest(self, count):
        link, token = CONFIRM.search(self.text(self.mails(count)[count - 1])).groups()
        st, body, _ = self.form("/status/subscriptions/confirm", {"token": token})
        self.assertEqual(st, 200, body)
        return link, token

    def declare_p1_on_api(self):
        self.s.cli("declare", "--severity", "P1", "--summary", "API errors for some customers",
                   "--component", "api", "--detected-at", "2026-02-12T13:55:00Z")
        return self.s.all_incident_ids()[0]

    # --- the tests -------------------------------------------------------
    def test_an_email_subscriber_confirms_hears_of_the_incident_and_leaves_with_one_click(self):
        st, form = self.page("/status/subscribe")
        self.assertEqual(st, 200)
        self.assertIn('name="email"', form)
        self.assertIn('value="api"', form)
        st, index = self.page("/status")
        self.assertIn('href="/status/subscribe"', index)
        self.subscribe_by_email("Customer@Example.com", "api")
        mail = self.mails(1)[0]
        self.assertEqual(mail["To"], "customer@example.com")
        self.assertEqual(str(mail["Subject"]), "[ACME Status] Confirm your subscription")
        link, token = CONFIRM.search(self.text(mail)).groups()
        self.assertTrue(link.startswith(f"http://127.0.0.1:{self.port}/"))
        # Opening the link (a scanner's prefetch too) changes nothing: a button.
        st, body = self.page(link[len(self.s.url):])
        self.assertEqual(st, 200)
        self.assertIn('<button type="submit">Confirm</button>', body)
        self.assertEqual(self.subscribers()[0]["state"], "pending")
        st, body, _ = self.form("/status/subscriptions/confirm", {"token": token})
        self.assertEqual(st, 200, body)
        self.assertIn('data-outcome="confirmed"', body)
        sub = self.subscribers()[0]
        self.assertEqual((sub["state"], sub["components"], sub["channel"]), ("confirmed", ["api"], "email"))
        # The link is single-use; a tampered one is unknown.
        st, body, _ = self.form("/status/subscriptions/confirm", {"token": token})
        self.assertEqual(st, 409, body)
        self.assertIn("used already or has expired", body)
        st, body, _ = self.form("/status/subscriptions/confirm", {"token": token[:-1] + "0"})
        self.assertEqual(st, 404, body)
        # Someone following only the dashboard hears nothing of an API incident.
        self.subscribe_by_email("dash@example.com", "dashboard")
        self.confirm_latest(2)
        iid = self.declare_p1_on_api()
        self.s.cli("update", iid, "--template", "status-investigating")
        notice = self.mails(3)[2]
        self.assertEqual(notice["To"], "customer@example.com")
        self.assertEqual(str(notice["Subject"]), "[ACME Status] API errors for some customers: Investigating")
        text = self.text(notice)
        self.assertIn("We are currently investigating", text)
        self.assertIn("Affected: API", text)
        unsubscribe = re.search(r"<(http://[^>]+)>", notice["List-Unsubscribe"]).group(1)
        self.assertIn(unsubscribe, text)
        self.assertEqual(notice["List-Unsubscribe-Post"], "List-Unsubscribe=One-Click")
        self.assertIn("/status/incidents/", text)
        time.sleep(0.5)
        self.assertEqual(len(self.mailbox.messages), 3)  # not to the dashboard's subscriber
        # One click (RFC 8058): the mail client POSTs to the link.
        req = urllib.request.Request(unsubscribe, data=b"List-Unsubscribe=One-Click", method="POST",
                                     headers={"Content-Type": "application/x-www-form-urlencoded"})
        with urllib.request.urlopen(req, timeout=30) as r:
            self.assertEqual(r.status, 200)
            self.assertIn('data-outcome="unsubscribed"', r.read().decode())
        self.assertEqual(self.subscribers(state="unsubscribed")[0]["address"], "customer@example.com")
        self.s.cli("update", iid, "We found the cause.", "--audience", "status-page")
        time.sleep(1)
        self.assertEqual(len(self.mailbox.messages), 3)  # left: nothing more
        outbox = self.s.api("GET", "/api/v1/outbox?limit=500")["items"]
        notices = [m for m in outbox if m["kind"] == "notice" and m["destination"] == "subscribers"]
        self.assertEqual(len(notices), 2)
        self.assertTrue(all(m["state"] == "delivered" for m in notices))

    def test_a_webhook_subscriber_answers_the_challenge_and_receives_the_statuspage_shape(self):
        st, body, _ = self.s.request("POST", "/api/v2/subscriptions", {"webhook": self.hook_url}, token="")
        self.assertEqual(st, 202, body)
        self.assertEqual((body["state"], body["confirmation"]), ("pending", "sent"))
        challenge = wait_for(lambda: self.hooks.received or None)[0]
        self.assertEqual(challenge["type"], "subscription_confirmation")
        wait_for(lambda: self.subscribers(state="confirmed") or None)
        iid = self.declare_p1_on_api()
        self.s.cli("update", iid, "--template", "status-investigating")
        notice = wait_for(lambda: self.hooks.received[1:] or None)[0]
        self.assertEqual(notice["incident"]["name"], "API errors for some customers")
        self.assertEqual(notice["incident"]["status"], "investigating")
        self.assertEqual(notice["incident"]["impact"], "major")
        self.assertEqual(notice["incident"]["components"], [{"id": "api", "name": "API"}])
        self.assertIn("We are currently investigating", notice["incident"]["incident_updates"][0]["body"])
        self.assertEqual(notice["page"]["name"], "ACME Status")
        token = re.search(r"token=(wrs_[0-9a-f]{64})", notice["meta"]["unsubscribe"]).group(1)
        st, body, _ = self.s.request("POST", "/api/v2/subscriptions/unsubscribe", {"token": token}, token="")
        self.assertEqual((st, body["state"]), (200, "unsubscribed"))
        st, body, _ = self.s.request("POST", "/api/v2/subscriptions/unsubscribe", {"token": token}, token="")
        self.assertEqual(st, 409, body)

    def test_a_maintenance_is_announced_and_its_start_sent_when_it_comes(self):
        self.subscribe_by_email("ops@example.com")
        self.confirm_latest(1)
        self.s.cli("status-page", "maintenance", "schedule", "Database upgrade", "--from", "2026-02-12T15:00:00Z",
                   "--until", "2026-02-12T17:00:00Z", "--component", "api", "--body", "Writes pause briefly.")
        announced = self.mails(2)[1]
        self.assertEqual(str(announced["Subject"]), "[ACME Status] Database upgrade: Scheduled")
        self.assertIn("Writes pause briefly.", self.text(announced))
        self.assertIn("Scheduled: 2026-02-12T15:00:00Z to 2026-02-12T17:00:00Z", self.text(announced))
        self.s.cli("clock", "advance", "65m")
        begun = self.mails(3)[2]
        self.assertEqual(str(begun["Subject"]), "[ACME Status] Database upgrade: In progress")
        self.assertIn("has begun", self.text(begun))

    def test_bad_requests_are_refused_and_nothing_is_sent(self):
        def api(body, expect):
            st, data, _ = self.s.request("POST", "/api/v2/subscriptions", body, token="")
            self.assertEqual(st, expect, data)
            return data["detail"]
        self.assertIn("https://", api({"webhook": "http://127.0.0.1/x"}, 400))
        self.assertIn("link-local", api({"webhook": "https://169.254.169.254/latest/meta-data"}, 400))
        self.assertIn("loopback", api({"webhook": "https://127.0.0.2:9/x"}, 400))
        self.assertIn("either", api({"email": "a@example.com", "webhook": self.hook_url}, 400))
        self.assertIn("not an email address", api({"email": "not-an-address"}, 400))
        self.assertIn("no component 'nope'", api({"email": "a@example.com", "components": ["nope"]}, 404))
        self.assertIn("'sms' is not a field", api({"email": "a@example.com", "sms": "+1"}, 400))
        st, data, _ = self.s.request("POST", "/api/v2/subscriptions", raw=b"{not json", token="")
        self.assertEqual(st, 400, data)
        self.assertEqual(self.subscribers(), [])
        # One confirmation per address per day.
        self.subscribe_by_email("once@example.com")
        self.mails(1)
        st, body, _ = self.form("/status/subscribe", {"email": "once@example.com"})
        self.assertEqual(st, 429, body)
        self.assertIn("less than a day ago", body)
        # A few requests per client per hour (4 here, refused ones not
        # counted: the flood's fifth is refused).
        self.subscribe_by_email("two@example.com")
        self.subscribe_by_email("three@example.com")
        self.subscribe_by_email("four@example.com")
        st, body, _ = self.form("/status/subscribe", {"email": "five@example.com"})
        self.assertEqual(st, 429, body)
        self.assertIn("too many subscription requests", body)
        time.sleep(1)
        self.assertEqual(len(self.mailbox.messages), 4)
        self.assertEqual(sorted(s["address"] for s in self.subscribers()),
                         ["four@example.com", "once@example.com", "three@example.com", "two@example.com"])
        # Tampered links: unknown, whatever their shape.
        for token in ("wrs_" + "0" * 64, "nonsense", ""):
            st, body, _ = self.form("/status/subscriptions/unsubscribe", {"token": token})
            self.assertEqual(st, 404, body)
        # Managing subscribers needs publish-public.
        bob = self.s.api("POST", "/api/v1/users", {"handle": "bob", "permission": "responder"}, expect=201)["token"]
        st, body, _ = self.s.request("GET", "/api/v1/status-page/subscribers", token=bob)
        self.assertEqual(st, 403, body)
        self.assertIn("publish-public", body["detail"])
        r = self.s.cli("status-page", "subscriber", "add", "--email", "x@example.com", token=bob, check=False)
        self.assertEqual(r.returncode, 5, r.stderr)
        st, body, _ = self.s.request("DELETE", "/api/v1/status-page/subscribers/999")
        self.assertEqual(st, 404, body)

    def test_publishers_manage_subscribers_from_the_cli(self):
        out = self.s.cli("status-page", "subscriber", "add", "--email", "vip@example.com",
                         "--component", "api").stdout
        self.assertIn("vip@example.com (email), confirmed", out)
        listed = self.s.cli_json("status-page", "subscriber", "list")["items"]
        self.assertEqual([(s["address"], s["state"]) for s in listed], [("vip@example.com", "confirmed")])
        self.assertIn("vip@example.com", self.s.cli("status-page", "subscriber", "list").stdout)
        r = self.s.cli("status-page", "subscriber", "add", "--email", "vip@example.com", check=False)
        self.assertEqual(r.returncode, 4, r.stderr)
        sid = listed[0]["id"]
        self.assertEqual(self.s.cli_json("status-page", "subscriber", "show", str(sid))["address"], "vip@example.com")
        self.s.cli("status-page", "subscriber", "remove", str(sid))
        self.assertEqual(self.subscribers(), [])
        r = self.s.cli("status-page", "subscriber", "show", str(sid), check=False)
        self.assertEqual(r.returncode, 3, r.stderr)

    def test_a_webhook_whose_address_is_no_longer_allowed_receives_nothing(self):
        # Confirmed while 127.0.0.1 was allowed; refused at delivery once it
        # is not: the check is made on every connection, not only when
        # subscribing.
        st, body, _ = self.s.request("POST", "/api/v2/subscriptions", {"webhook": self.hook_url}, token="")
        self.assertEqual(st, 202, body)
        wait_for(lambda: self.subscribers(state="confirmed") or None)
        self.s.stop()
        self.write_config("[]", free_port(), os.path.join(self.dir, "hooks.crt"))
        self.s = self.s.restarted("--config", self.cfg, "--clock", "simulated:2026-02-12T14:00:00Z")
        iid = self.declare_p1_on_api()
        self.s.cli("update", iid, "--template", "status-investigating")

        def refused():
            for m in self.s.api("GET", "/api/v1/outbox?limit=100")["items"]:
                if m["destination"] == "subscriber" and m["kind"] == "notice" and m["state"] == "dead":
                    return m
        dead = wait_for(refused, timeout=20)
        self.assertIn("127.0.0.1 is a loopback address", dead["last_error"])
        self.assertEqual(len(self.hooks.received), 1)  # the challenge only


if __name__ == "__main__":
    unittest.main()
