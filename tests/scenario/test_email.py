"""Email over SMTP to a real SMTP server (aiosmtpd, from Debian's
python3-aiosmtpd) on 127.0.0.1: the customer email after the incident,
parsed back: headers (Date, Message-ID, encoded Subject) and both parts."""
import email
import email.policy
import email.utils
import os
import tempfile
import time
import unittest

from harness import Server, free_port

try:
    from aiosmtpd.controller import Controller
except ImportError:  # scripts/bootstrap installs python3-aiosmtpd
    Controller = None


class Collect:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.content))
        return "250 OK"


@unittest.skipIf(Controller is None, "needs python3-aiosmtpd")
class Email(unittest.TestCase):
    def test_the_customer_email_arrives_whole(self):
        handler = Collect()
        port = free_port()
        smtpd = Controller(handler, hostname="127.0.0.1", port=port)
        smtpd.start()
        self.addCleanup(smtpd.stop)
        d = tempfile.mkdtemp(prefix="warroom-email-")
        cfg = os.path.join(d, "warroom.yaml")
        with open(cfg, "w") as f:
            f.write(f"""organisation: ACME
support_contact: support@acme.example
destinations:
  customers-email:
    type: email
    smtp_url: smtp://127.0.0.1:{port}
    from: "ACME Status <status@acme.example>"
    to: ["customers@acme.example", "Ops <ops@acme.example>"]
routes:
  customers: [customers-email]
""")
        s = Server("--config", cfg, "--clock", "simulated:2026-02-12T14:23:00Z", db_dir=d).start()
        self.addCleanup(s.cleanup)
        iid = s.api("POST", "/api/v1/incidents",
                    {"severity": "P1", "summary": "Scheduler not executing goals — all regions",
                     "detected_at": "2026-02-12T14:15:00Z"}, expect=201)["id"]
        s.api("POST", f"/api/v1/incidents/{iid}/identify", {"root_cause": "a memory leak", "category": "deployment"})
        s.api("POST", f"/api/v1/incidents/{iid}/mitigate", {"action": "rolled back"})
        s.cli("clock", "advance", "70m")
        s.api("POST", f"/api/v1/incidents/{iid}/resolve", {"summary": "rolled back to v2.3.0"})
        s.api("POST", f"/api/v1/incidents/{iid}/updates", {"template": "customer-email"})
        deadline = time.time() + 10
        while time.time() < deadline and not handler.messages:
            time.sleep(0.05)
        self.assertEqual(len(handler.messages), 1)
        mail_from, rcpts, raw = handler.messages[0]
        self.assertEqual(mail_from, "status@acme.example")
        self.assertEqual(sorted(rcpts), ["customers@acme.example", "ops@acme.example"])
        msg = email.message_from_bytes(raw, policy=email.policy.default)
        self.assertEqual(msg["From"], "ACME Status <status@acme.example>")
        self.assertEqual(str(msg["Subject"]), "Service Disruption Update - 2026-02-12")
        self.assertIsNotNone(email.utils.parsedate_to_datetime(msg["Date"]))
        self.assertTrue(msg["Message-ID"].startswith("<INC-2026-02-12-001") and msg["Message-ID"].endswith("@warroom>"))
        self.assertEqual(msg.get_content_type(), "multipart/alternative")
        text = msg.get_body(preferencelist=("plain",)).get_content()
        html = msg.get_body(preferencelist=("html",)).get_content()
        self.assertIn("Dear ACME Customers,", text)
        self.assertIn("between 14:15 UTC and 14:23 UTC", text)
        self.assertIn("Our team responded immediately and rolled back to v2.3.0.", text)
        self.assertIn("Dear ACME Customers,<br>", html)
        # A non-ASCII subject is encoded (RFC 2047) and decodes back.
        s.api("POST", f"/api/v1/incidents/{iid}/updates",
              {"audience": "customers", "text": "Résolu — all good"})
        deadline = time.time() + 10
        while time.time() < deadline and len(handler.messages) < 2:
            time.sleep(0.05)
        second = email.message_from_bytes(handler.messages[1][2], policy=email.policy.default)
        self.assertEqual(str(second["Subject"]), "Résolu — all good")
        self.assertIn(b"=?UTF-8?B?", handler.messages[1][2])
        events = [e["type"] for e in s.api("GET", f"/api/v1/incidents/{iid}/timeline")["events"]]
        self.assertEqual(events.count("message_delivered"), 2)


if __name__ == "__main__":
    unittest.main()
