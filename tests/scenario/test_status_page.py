"""The public status page's JSON through the real server: no token, the
hosted Statuspage API's paths and shape (page, status, components,
incidents with incident_updates), CORS for reading, strong ETags and 304s.
An incident shows once something is posted to the status-page audience,
by a slug and never its id, with only those updates; the components it
affects take the status its severity gives until it is mitigated; a
restricted one only through a publisher's statement, under a neutral
name; only publishers post to the status page; the roll-up follows; the configuration
names the page and its components and groups."""
import json
import os
import re
import subprocess
import tempfile
import unittest

from harness import BIN, Server, ServerTest, wait_for

I = "INC-2026-02-12-001"
DOCS = ["status.json", "summary.json", "components.json", "incidents.json", "incidents/unresolved.json",
        "scheduled-maintenances.json", "scheduled-maintenances/upcoming.json",
        "scheduled-maintenances/active.json"]


class StatusPage(ServerTest):
    server_args = ("--clock", "simulated:2026-02-12T14:00:00Z")

    def doc(self, name, headers=None):
        st, body, h = self.s.request("GET", "/api/v2/" + name, token="", headers=headers)
        return st, body, h

    def summary(self):
        st, body, _ = self.doc("summary.json")
        self.assertEqual(st, 200, body)
        return body

    def component(self, summary, cid):
        return next(c for c in summary["components"] if c["id"] == cid)

    def test_every_document_is_public_with_cors_and_an_etag(self):
        for name in DOCS:
            st, body, h = self.doc(name)
            self.assertEqual(st, 200, (name, body))
            self.assertEqual(body["page"]["id"], "warroom")
            self.assertEqual(h.get("Access-Control-Allow-Origin"), "*")
            self.assertRegex(h.get("ETag", ""), r'^"[0-9a-f]{32}"$')
            self.assertEqual(h.get("Cache-Control"), "public, max-age=5")
            st, _, h2 = self.doc(name, headers={"If-None-Match": h["ETag"]})
            self.assertEqual(st, 304, name)
            self.assertEqual(h2.get("ETag"), h["ETag"])
        # gzip for a client that takes it, a tag of its own, Vary for caches.
        import gzip
        import urllib.request
        for path in ("/api/v2/summary.json", "/status"):
            plain = urllib.request.urlopen(self.s.url + path, timeout=10)
            zipped = urllib.request.urlopen(urllib.request.Request(
                self.s.url + path, headers={"Accept-Encoding": "br, gzip;q=0.9"}), timeout=10)
            self.assertEqual(zipped.headers.get("Content-Encoding"), "gzip", path)
            self.assertIsNone(plain.headers.get("Content-Encoding"), path)
            self.assertEqual(zipped.headers.get("Vary"), "Accept-Encoding")
            body = plain.read()
            self.assertEqual(gzip.decompress(zipped.read()), body, path)
            self.assertNotEqual(zipped.headers["ETag"], plain.headers["ETag"])
        s = self.summary()
        self.assertEqual(s["status"], {"indicator": "none", "description": "All Systems Operational"})
        self.assertEqual([c["id"] for c in s["components"]], ["api", "dashboard", "scheduler", "integrations"])
        self.assertTrue(all(c["status"] == "operational" for c in s["components"]))
        self.assertEqual(s["incidents"], [])
        self.assertEqual(s["scheduled_maintenances"], [])

    def test_an_incident_shows_once_published_by_its_slug_with_only_its_public_updates(self):
        _, before, h = self.doc("summary.json")
        self.s.cli("declare", "--severity", "P1", "--summary", "API errors for some customers",
                   "--component", "api", "--detected-at", "2026-02-12T13:55:00Z")
        self.s.cli("update", I, "INTERNAL: the db primary is sick", "--audience", "internal")
        # Not published yet: nothing shows, the API stays operational.
        self.assertEqual(wait_for(lambda: self.doc("summary.json")[1]["page"]["updated_at"] and True), True)
        s = self.summary()
        self.assertEqual(s["incidents"], [])
        self.assertEqual(self.component(s, "api")["status"], "operational")

        self.s.cli("update", I, "--template", "status-investigating")
        s = wait_for(lambda: (lambda s: s if s["incidents"] else None)(self.summary()))
        self.assertTrue(s, "the published incident never showed")
        inc = s["incidents"][0]
        self.assertRegex(inc["id"], r"^[0-9a-f]{16}$")
        self.assertEqual(inc["name"], "API errors for some customers")
        self.assertEqual((inc["status"], inc["impact"]), ("investigating", "major"))
        self.assertEqual(inc["shortlink"], "/status/incidents/" + inc["id"])
        self.assertEqual(inc["started_at"], "2026-02-12T13:55:00Z")
        self.assertEqual(len(inc["incident_updates"]), 1)
        self.assertTrue(inc["incident_updates"][0]["body"].startswith("Investigating:"))
        self.assertEqual([c["id"] for c in inc["components"]], ["api"])
        self.assertEqual(self.component(s, "api")["status"], "partial_outage")
        self.assertEqual(s["status"], {"indicator": "major", "description": "Partial System Outage"})
        # Nothing internal, in any document: not the id, not the internal update.
        for name in DOCS:
            text = json.dumps(self.doc(name)[1])
            self.assertNotIn(I, text, name)
            self.assertNotIn("INTERNAL", text, name)
        self.assertNotEqual(self.doc("summary.json")[2]["ETag"], h["ETag"])
        st, unresolved, _ = self.doc("incidents/unresolved.json")
        self.assertEqual([i["id"] for i in unresolved["incidents"]], [inc["id"]])

        # Mitigated: the outage ends; resolved: it leaves the unresolved list.
        self.s.cli("identify", I, "--root-cause", "a bad deploy", "--category", "deployment")
        self.s.cli("mitigate", I, "rolled back")
        s = wait_for(lambda: (lambda s: s if self.component(s, "api")["status"] == "operational" else None)(
            self.summary()))
        self.assertTrue(s, "the API stayed in outage after the mitigation")
        self.s.cli("clock", "advance", "2h")
        self.s.cli("update", I, "--template", "status-resolved", check=False)
        self.s.cli("resolve", I, "fixed")
        s = wait_for(lambda: (lambda s: s if not s["incidents"] else None)(self.summary()))
        self.assertTrue(s, "the resolved incident stayed unresolved")
        self.assertEqual(s["status"]["indicator"], "none")
        listed = self.doc("incidents.json")[1]["incidents"]
        self.assertEqual(listed[0]["status"], "resolved")
        self.assertIsNotNone(listed[0]["resolved_at"])
        self.assertLess(self.component(s, "api")["uptime"], 1.0)

    def test_the_html_page_the_incident_page_and_the_feed(self):
        st, html, h = self.s.request("GET", "/status", token="")
        self.assertEqual(st, 200)
        self.assertTrue(h["Content-Type"].startswith("text/html"))
        self.assertIn("style-src 'self'", h["Content-Security-Policy"])
        self.assertNotIn("script", h["Content-Security-Policy"])
        self.assertIn("All Systems Operational", html)
        self.assertIn("No incident in the last 90 days", html)
        self.assertEqual(self.s.request("GET", "/status", token="", headers={"If-None-Match": h["ETag"]})[0], 304)
        self.s.cli("declare", "--severity", "P0", "--summary", "Checkout <b>down</b>", "--component", "dashboard")
        self.s.cli("update", I, "--template", "status-investigating")
        html = wait_for(lambda: (lambda b: b if "Major Service Outage" in b else None)(
            self.s.request("GET", "/status", token="")[1]))
        self.assertTrue(html, "the page never showed the outage")
        self.assertIn("Checkout &lt;b&gt;down&lt;/b&gt;", html)  # text, never markup
        self.assertNotIn("<b>down</b>", html)
        self.assertIn('data-testid="status-dashboard">Major outage', html)
        self.assertNotIn(I, html)
        slug = re.search(r'href="/status/incidents/([0-9a-f]{16})"', html).group(1)
        st, page, _ = self.s.request("GET", "/status/incidents/" + slug, token="")
        self.assertEqual(st, 200)
        self.assertIn("Investigating:", page)
        st, _, _ = self.s.request("GET", "/status/incidents/ffffffffffffffff", token="")
        self.assertEqual(st, 404)
        st, feed, h = self.s.request("GET", "/status/feed.atom", token="")
        self.assertEqual(st, 200)
        self.assertTrue(h["Content-Type"].startswith("application/atom+xml"))
        import xml.etree.ElementTree as ET
        root = ET.fromstring(feed.encode() if isinstance(feed, str) else feed)
        ns = {"a": "http://www.w3.org/2005/Atom"}
        entries = root.findall("a:entry", ns)
        self.assertEqual(len(entries), 1)
        self.assertEqual(entries[0].find("a:title", ns).text, "Checkout <b>down</b>")
        self.assertIn(slug, entries[0].find("a:id", ns).text)

    def test_a_restricted_incident_shows_only_a_publishers_statement(self):
        self.s.cli("declare", "--severity", "P0", "--summary", "Credential leak", "--component", "dashboard",
                   "--visibility", "restricted")
        bob = self.user("bob")
        self.s.api("POST", f"/api/v1/incidents/{I}/responders", {"user": "bob"})
        # Its updates cannot be posted to the status page by a responder...
        r = self.s.cli("update", I, "--template", "status-investigating", token=bob, check=False)
        self.assertNotEqual(r.returncode, 0)
        self.assertIn("restricted", r.stderr)
        self.assertIn("publish-public", r.stderr)
        self.s.cli("declare", "--severity", "P3", "--summary", "Slow scheduler", "--component", "scheduler")
        self.s.cli("update", "INC-2026-02-12-002", "--template", "status-investigating")
        s = wait_for(lambda: (lambda s: s if s["incidents"] else None)(self.summary()))
        self.assertEqual([i["name"] for i in s["incidents"]], ["Slow scheduler"])
        # ...nor do the components it affects show it.
        self.assertEqual(self.component(s, "dashboard")["status"], "operational")
        self.assertEqual(self.component(s, "scheduler")["status"], "degraded_performance")
        for name in DOCS:
            self.assertNotIn("Credential", json.dumps(self.doc(name)[1]), name)
        # A publisher (the admin) publishes a statement: it shows under a
        # neutral name, alone, affecting nothing.
        self.s.cli("update", I, "We are investigating a security matter; no action is needed.",
                   "--audience", "status-page")
        s = wait_for(lambda: (lambda s: s if len(s["incidents"]) == 2 else None)(self.summary()))
        statement = next(i for i in s["incidents"] if i["name"] == "Security incident")
        self.assertEqual([u["body"] for u in statement["incident_updates"]],
                         ["We are investigating a security matter; no action is needed."])
        self.assertEqual(statement["impact"], "none")
        self.assertEqual(statement["components"], [])
        self.assertEqual(self.component(s, "dashboard")["status"], "operational")
        for name in DOCS:
            self.assertNotIn("Credential", json.dumps(self.doc(name)[1]), name)
        for path in ("/status", "/status/feed.atom", f"/status/incidents/{statement['shortlink'].rsplit('/', 1)[-1]}"
                     if "shortlink" in statement else "/status"):
            st, body, _ = self.s.request("GET", path, token="")
            self.assertEqual(st, 200, path)
            self.assertIn("Security incident", body if isinstance(body, str) else body.decode())
            self.assertNotIn("Credential", body if isinstance(body, str) else body.decode())

    def bob(self):
        data = self.s.api("GET", "/api/v1/users")
        return next(u for u in data.get("items", data) if u["handle"] == "bob")

    def test_only_a_publisher_posts_to_the_status_page(self):
        self.s.cli("declare", "--severity", "P2", "--summary", "Slow API", "--component", "api")
        bob = self.user("bob")
        r = self.s.cli("update", I, "--template", "status-investigating", token=bob, check=False)
        self.assertEqual(r.returncode, 5, r.stderr)
        self.assertIn("warroom user update bob --publish-public true", r.stderr)
        st, data, _ = self.s.request("POST", f"/api/v1/incidents/{I}/updates",
                                     {"audience": "status-page", "text": "Investigating"}, token=bob)
        self.assertEqual(st, 403, data)
        self.assertTrue(data["type"].endswith("permission-denied"), data)
        # A responder may not grant it to themselves; a bad value is refused.
        st, data, _ = self.s.request("PATCH", "/api/v1/users/bob", {"publish_public": True}, token=bob)
        self.assertEqual(st, 403, data)
        st, data, _ = self.s.request("PATCH", "/api/v1/users/bob", {"publish_public": "yes"})
        self.assertEqual(st, 400, data)
        self.assertIn("'publish_public' must be true or false", data["detail"])
        self.assertFalse(self.bob()["publish_public"])
        self.assertEqual(self.summary()["incidents"], [])
        # An admin grants it: bob publishes; revoked, bob cannot again.
        granted = self.s.cli("user", "update", "bob", "--publish-public", "true").stdout
        self.assertIn("publishes to the status page", granted)
        self.assertTrue(self.bob()["publish_public"])
        self.s.cli("update", I, "--template", "status-investigating", token=bob)
        wait_for(lambda: self.summary()["incidents"] or None)
        self.assertFalse(self.s.cli_json("user", "update", "bob", "--publish-public", "false")["publish_public"])
        r = self.s.cli("update", I, "--template", "status-identified", token=bob, check=False)
        self.assertEqual(r.returncode, 5, r.stderr)
        self.assertEqual(len(self.summary()["incidents"][0]["incident_updates"]), 1)


    def test_a_publisher_sets_a_components_status_and_an_incident_overrides_it_while_it_holds(self):
        bob = self.user("bob")
        r = self.s.cli("status-page", "set", "api", "partial_outage", token=bob, check=False)
        self.assertEqual(r.returncode, 5, r.stderr)
        self.assertIn("--publish-public true", r.stderr)
        r = self.s.cli("status-page", "set", "nope", "operational", check=False)
        self.assertEqual(r.returncode, 3, r.stderr)
        self.assertIn("api, dashboard, scheduler, integrations", r.stderr)
        r = self.s.cli("status-page", "set", "api", "on_fire", check=False)
        self.assertEqual(r.returncode, 4, r.stderr)
        st, data, _ = self.s.request("PUT", "/api/v1/status-page/components/api",
                                     {"status": "operational", "colour": "red"})
        self.assertEqual(st, 400, data)
        self.assertEqual(self.component(self.summary(), "api")["status"], "operational")
        self.assertIsNone(self.s.cli_json("status-page", "components")["items"][0]["set"])
        # The admin (a publisher) sets it: the page shows it at once.
        out = self.s.cli("status-page", "set", "api", "partial_outage", "--note", "a load balancer is down").stdout
        self.assertIn("API is now partial_outage", out)
        s = wait_for(lambda: (lambda s: s if self.component(s, "api")["status"] == "partial_outage" else None)(
            self.summary()))
        self.assertEqual(s["status"]["indicator"], "major")
        self.assertNotIn("load balancer", json.dumps(s))  # the note is for the record only
        listed = self.s.cli_json("status-page", "components")["items"][0]
        self.assertEqual((listed["id"], listed["status"]), ("api", "partial_outage"))
        self.assertEqual((listed["set"]["by"], listed["set"]["note"]), ("admin", "a load balancer is down"))
        self.assertIn("partial_outage by admin", self.s.cli("status-page", "components").stdout)
        # Back to operational; then an incident holds it until mitigated.
        self.s.cli("status-page", "set", "api", "operational")
        self.s.cli("declare", "--severity", "P0", "--summary", "API down", "--component", "api")
        wait_for(lambda: self.component(self.summary(), "api")["status"] == "major_outage" or None)
        self.s.cli("mitigate", I, "rolled back")
        wait_for(lambda: self.component(self.summary(), "api")["status"] == "operational" or None)
        # Who set what is on the log, on a chain of its own, never an incident.
        st, _, _ = self.s.request("GET", "/api/v1/incidents/status-page")
        self.assertEqual(st, 404)
        p = subprocess.run([BIN, "verify", "--json"] + self.s.database_args(), capture_output=True,
                           text=True, timeout=60)
        report = json.loads(p.stdout)
        self.assertTrue(report["ok"], report)
        self.assertEqual((report["status_page_events"], report["incidents"]), (2, 1))


class ConfiguredStatusPage(unittest.TestCase):
    def test_the_config_names_the_page_its_components_and_groups(self):
        d = tempfile.mkdtemp(prefix="warroom-status-")
        cfg = os.path.join(d, "warroom.yaml")
        with open(cfg, "w") as f:
            f.write("""status_page:
  name: ACME Status
  url: https://status.acme.example
  time_zone: Europe/Berlin
  components:
    - {id: api, name: Public API, group: Platform}
    - {id: web, name: Website}
    - {id: jobs, name: Jobs, group: Platform}
  severity_status: {P2: partial_outage}
""")
        s = Server("--config", cfg, db_dir=d).start()
        self.addCleanup(s.cleanup)
        st, body, _ = s.request("GET", "/api/v2/components.json", token="")
        self.assertEqual(st, 200)
        self.assertEqual(body["page"]["name"], "ACME Status")
        self.assertEqual(body["page"]["url"], "https://status.acme.example")
        self.assertEqual(body["page"]["time_zone"], "Europe/Berlin")
        ids = [c["id"] for c in body["components"]]
        self.assertEqual(ids, ["group-platform", "api", "web", "jobs"])
        group = body["components"][0]
        self.assertTrue(group["group"])
        self.assertEqual(group["components"], ["api", "jobs"])
        self.assertEqual(body["components"][1]["group_id"], "group-platform")
        s.cli("declare", "--severity", "P2", "--summary", "Jobs late", "--component", "Jobs")
        s.cli("update", "INC-" + re.search(r"\d{4}-\d\d-\d\d", s.cli("list").stdout).group(0) + "-001",
              "--template", "status-investigating")
        comps = wait_for(lambda: (lambda b: b if b["components"][3]["status"] != "operational" else None)(
            s.request("GET", "/api/v2/components.json", token="")[1]))
        self.assertEqual(comps["components"][3]["status"], "partial_outage")
        self.assertEqual(comps["components"][0]["status"], "partial_outage")  # the group's worst
        inc = s.request("GET", "/api/v2/incidents.json", token="")[1]["incidents"][0]
        self.assertTrue(inc["shortlink"].startswith("https://status.acme.example/status/incidents/"))

    def test_a_bad_status_page_section_stops_the_server_with_its_line(self):
        d = tempfile.mkdtemp(prefix="warroom-status-")
        cfg = os.path.join(d, "warroom.yaml")
        with open(cfg, "w") as f:
            f.write("status_page:\n  components:\n    - {id: \"Not OK\"}\n")
        s = Server("--config", cfg, db_dir=d)
        self.addCleanup(s.cleanup)
        with self.assertRaises(RuntimeError) as e:
            s.start()
        self.assertIn("warroom.yaml:3: status_page.components[0].id", str(e.exception))


if __name__ == "__main__":
    unittest.main()
