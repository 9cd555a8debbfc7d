#!/usr/bin/env python3
"""The subscriber lane under load: 10,000 confirmed email subscribers (a real
SMTP server, aiosmtpd), a status-page update on a P1 that concerns all of
them, and, while their 10,000 notices are being delivered, P0s declared one
after another. Each P0's page goes to a webhook (the `pages` route): how
long from the declaration's request to the page's arrival, without the
subscriber load (the baseline) and under it; how long the 10,000 notices
took. Prints figures, never pass/fail. Aim (the issue): a P0's pages still
leave within a second."""
import json
import os
import statistics
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "tests", "scenario"))
from harness import Server, free_port, wait_for  # noqa: E402

try:
    from aiosmtpd.controller import Controller
except ImportError:
    print("subscriber_lane_bench: needs python3-aiosmtpd (scripts/bootstrap installs it); skipped")
    sys.exit(0)

SUBSCRIBERS = int(os.environ.get("BENCH_SUBSCRIBERS", "10000"))
P0S = int(os.environ.get("BENCH_P0S", "10"))


class Mailbox:
    def __init__(self):
        self.count = 0
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.count += 1
        return "250 OK"


class Pager(ThreadingHTTPServer):
    def __init__(self):
        self.arrived = {}  # incident id -> monotonic time of its first page
        super().__init__(("127.0.0.1", 0), PagerHandler)


class PagerHandler(BaseHTTPRequestHandler):
    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])) or b"{}")
        if body.get("kind") == "page":
            self.server.arrived.setdefault(body.get("incident_id"), time.monotonic())
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


def page_latencies(s, pager, n, label):
    """Declares n P0s, one after another; the seconds from each request to its page."""
    out = []
    for i in range(n):
        sent = time.monotonic()
        iid = s.api("POST", "/api/v1/incidents", {"severity": "P0", "summary": f"{label} {i}"}, expect=201)["id"]
        arrived = wait_for(lambda: pager.arrived.get(iid), timeout=60)
        out.append(arrived - sent)
        time.sleep(0.2)
    return out


def show(label, xs):
    xs = sorted(xs)
    print(f"  {label:<34} p50 {statistics.median(xs) * 1000:7.1f} ms   max {xs[-1] * 1000:7.1f} ms   "
          f"({len(xs)} P0s)")


def main():
    work = tempfile.mkdtemp(prefix="warroom-lane-bench-")
    mailbox = Mailbox()
    smtp_port = free_port()
    smtpd = Controller(mailbox, hostname="127.0.0.1", port=smtp_port)
    smtpd.start()
    pager = Pager()
    threading.Thread(target=pager.serve_forever, daemon=True).start()
    cfg = os.path.join(work, "warroom.yaml")
    with open(cfg, "w") as f:
        f.write(f"""destinations:
  pager: {{type: webhook, url: "http://127.0.0.1:{pager.server_address[1]}/pager"}}
routes:
  pages: [pager]
status_page:
  subscribers:
    email: {{smtp_url: "smtp://127.0.0.1:{smtp_port}", from: "status@example.com"}}
""")
    s = Server("--config", cfg, db_dir=work).start()
    try:
        print(f"subscriber lane: {SUBSCRIBERS} email subscribers to a real SMTP server, P0 pages to a webhook")
        started = time.monotonic()
        with ThreadPoolExecutor(8) as pool:
            list(pool.map(lambda i: s.api("POST", "/api/v1/status-page/subscribers",
                                          {"email": f"customer-{i}@example.com"}, expect=201),
                          range(SUBSCRIBERS)))
        print(f"  {SUBSCRIBERS} subscribers added in {time.monotonic() - started:.1f} s")
        show("page latency, no subscriber load", page_latencies(s, pager, P0S, "baseline"))

        iid = s.api("POST", "/api/v1/incidents", {"severity": "P1", "summary": "API errors",
                                                  "impact": {"affected_components": ["api"]}}, expect=201)["id"]
        before = mailbox.count
        posted = time.monotonic()
        s.api("POST", f"/api/v1/incidents/{iid}/updates", {"template": "status-investigating"})
        under = page_latencies(s, pager, P0S, "under load")
        delivered_during = mailbox.count - before
        wait_for(lambda: mailbox.count - before >= SUBSCRIBERS or None, timeout=1800)
        took = time.monotonic() - posted
        show("page latency, notices in flight", under)
        print(f"  notices delivered while the P0s were paged: {delivered_during} of {SUBSCRIBERS}")
        print(f"  {SUBSCRIBERS} notices delivered in {took:.1f} s ({SUBSCRIBERS / took:.0f}/s)")
        print(f"  aim: every page within 1 s under load: {'met' if max(under) < 1.0 else 'NOT met'}")
    finally:
        s.cleanup()
        smtpd.stop()
        pager.shutdown()


if __name__ == "__main__":
    main()
