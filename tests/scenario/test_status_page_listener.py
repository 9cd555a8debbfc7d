"""The public status page on a listener of its own, through the real
server: `warroom serve --status-page-listen ADDR` answers the page, its
incidents' pages, the feed, the JSON and the health checks there, and
nothing else (no API, no application page, whatever token comes along),
with per-client bounds of its own: a crowd over them hears 429 there while
the responders' API on --listen answers the same address. A bad or taken
address stops the server with a clear error."""
import json
import os
import subprocess
import tempfile
import unittest
import urllib.error
import urllib.request

from harness import BIN, Server, _NoRedirect, free_port, wait_for

I = "INC-2026-02-12-001"


def fetch(url, method="GET", token=None, data=None):
    """(status, body bytes, headers), a redirect answered as it came."""
    req = urllib.request.Request(url, method=method, data=data)
    if token:
        req.add_header("Authorization", "Bearer " + token)
    try:
        with urllib.request.build_opener(_NoRedirect).open(req, timeout=10) as r:
            return r.status, r.read(), dict(r.headers)
    except urllib.error.HTTPError as e:
        return e.code, e.read(), dict(e.headers)


class Listener(unittest.TestCase):
    def start(self, *extra):
        port = free_port()
        s = Server("--clock", "simulated:2026-02-12T14:00:00Z",
                   "--status-page-listen", f"127.0.0.1:{port}", *extra).start()
        self.addCleanup(s.cleanup)
        return s, f"http://127.0.0.1:{port}"

    def test_the_page_its_feed_and_json_are_there_and_nothing_else(self):
        s, public = self.start()
        self.assertIn(f"the public status page on {public}/status", s.log())
        s.cli("declare", "--severity", "P1", "--summary", "API errors for some customers",
              "--component", "api")
        s.cli("update", I, "--template", "status-investigating")
        doc = wait_for(lambda: (lambda d: d if d["incidents"] else None)(
            json.loads(fetch(public + "/api/v2/summary.json")[1])))
        self.assertTrue(doc, "the public listener never showed the update")
        slug = doc["incidents"][0]["id"]
        self.assertNotIn(I, json.dumps(doc))
        # The same bytes as on --listen: one page, two doors.
        for path in ("/status", f"/status/incidents/{slug}", "/status/feed.atom",
                     "/api/v2/summary.json", "/api/v2/incidents.json", "/api/v2/components.json",
                     "/assets/status.css"):
            st, body, h = fetch(public + path)
            self.assertEqual(st, 200, path)
            self.assertEqual(body, fetch(s.url + path)[1], path)
        self.assertIn(b"Investigating", fetch(public + f"/status/incidents/{slug}")[1])
        st, _, h = fetch(public + "/")
        self.assertEqual((st, h["Location"]), (302, "/status"))
        self.assertEqual(fetch(public + "/healthz")[0], 200)
        self.assertEqual(fetch(public + "/readyz")[0], 200)
        # Nothing of the API or the application, even with the admin's token.
        for path in ("/api/v1/incidents", f"/api/v1/incidents/{I}", "/api/v1/openapi.json",
                     "/incidents", "/sign-in", "/api/v1/status-page/maintenances"):
            st, body, _ = fetch(public + path, token=s.token)
            self.assertEqual(st, 404, path)
            self.assertNotIn(b"API errors for some customers", body, path)
            self.assertIn(b"only the public status page", body, path)
        st, _, _ = fetch(public + "/api/v1/incidents", "POST", s.token,
                         json.dumps({"severity": "P0", "summary": "x"}).encode())
        self.assertEqual(st, 404)
        self.assertEqual(fetch(public + "/api/v2/summary.json", "POST", data=b"{}")[0], 405)
        self.assertEqual(len(s.api("GET", "/api/v1/incidents")["items"]), 1)
        # Unknown public names are a 404 there as here.
        self.assertEqual(fetch(public + "/status/incidents/no-such-slug")[0], 404)
        # SIGTERM drains both listeners and the server stops cleanly.
        self.assertEqual(s.stop(), 0)
        self.assertIn("stopped cleanly", s.log())

    def test_the_public_listener_has_bounds_of_its_own(self):
        s, public = self.start("--status-page-max-requests-per-second-per-client", "1")
        answers = [fetch(public + "/api/v2/status.json")[0] for _ in range(6)]
        self.assertIn(429, answers)
        self.assertEqual(answers[0], 200)
        st, _, h = fetch(public + "/api/v2/status.json")
        if st == 429:
            self.assertIn("Retry-After", h)
        # The responders, from the same address, are not held back by it.
        for _ in range(6):
            self.assertEqual(fetch(s.url + "/api/v2/status.json")[0], 200)
        s.api("GET", "/api/v1/incidents")

    def test_a_bad_or_taken_address_is_a_clear_error(self):
        d = tempfile.mkdtemp(prefix="warroom-listener-")
        self.addCleanup(__import__("shutil").rmtree, d, True)

        def serve(*extra):
            return subprocess.run([BIN, "serve", "--listen", "127.0.0.1:0", "--database",
                                   "sqlite:" + os.path.join(d, "w.db"), "--signing-key",
                                   os.path.join(d, "w.key"), *extra],
                                  capture_output=True, text=True, timeout=60)
        p = serve("--status-page-listen", "not-an-address")
        self.assertEqual(p.returncode, 2, p.stderr)
        self.assertIn("--status-page-listen", p.stderr)
        self.assertFalse(os.path.exists(os.path.join(d, "w.db")))
        s, public = self.start()
        taken = public.rsplit(":", 1)[1]
        p = serve("--status-page-listen", f"127.0.0.1:{taken}")
        self.assertEqual(p.returncode, 1, p.stderr)
        self.assertIn("--status-page-listen", p.stderr)
        self.assertEqual(fetch(public + "/healthz")[0], 200)
        p = serve("--status-page-max-requests-per-second-per-client", "-1")
        self.assertNotEqual(p.returncode, 0)
        r = subprocess.run([BIN, "serve", "--help"], capture_output=True, text=True, timeout=60)
        self.assertIn("--status-page-listen", r.stdout)
        self.assertIn("--status-page-max-connections-per-client", r.stdout)


if __name__ == "__main__":
    unittest.main()
