"""The web application as the server answers it, without a browser (the
browser suite drives the same pages in Chromium): a page without a session
sends the browser to sign in and back; the sign-in page keeps `next` on
this site; the pages run no inline script under a Content-Security-Policy
that forbids it; text from users is escaped everywhere it is shown; a
viewer is shown no form to act with; a restricted incident is neither
listed nor counted nor shown to a non-participant; a forged or ended
session is a new sign-in; the assets are compiled in and cached by ETag."""
import re
import time
import unittest
import urllib.parse

from harness import Browser, ServerTest, cookie_of, sign_in

PASSWORD = "correct horse battery staple"
HOSTILE = "<img src=x onerror=alert(1)> & \"quoted\" <script>alert('x')</script>"


class WebPages(ServerTest):
    def setUp(self):
        super().setUp()
        for handle, perm in (("alice", "responder"), ("vic", "viewer"), ("pat", "responder")):
            self.user(handle, perm)
            self.s.api("PUT", f"/api/v1/users/{handle}/password", {"password": PASSWORD})

    def browser(self, handle):
        st, body, headers = sign_in(self.s, handle, PASSWORD)
        self.assertEqual(st, 201, body)
        return Browser(self.s, cookie_of(headers), body["csrf"])

    def page(self, browser, path, want=200):
        st, text, headers = browser.request("GET", path, origin=False, csrf=False)
        self.assertEqual(st, want, text)
        self.assertTrue(headers["Content-Type"].startswith("text/html"), headers)
        return text, headers

    def assert_safe_page(self, text, headers):
        csp = headers["Content-Security-Policy"]
        self.assertIn("script-src 'self'", csp)
        self.assertNotIn("unsafe-inline", csp)
        self.assertIn("frame-ancestors 'none'", csp)
        self.assertEqual(headers["Cache-Control"], "no-store")
        self.assertEqual(headers["Referrer-Policy"], "same-origin")
        # Every script is a file of ours; no element carries a handler.
        for tag in re.findall(r"<script\b[^>]*>", text):
            self.assertRegex(tag, r'src="/assets/app\.js\?v=[0-9a-f]+"')
        self.assertNotRegex(text, r"<[a-z]+\b[^>]*\son[a-z]+\s*=", "an inline event handler")
        self.assertNotIn("<img src=x", text)

    def test_a_page_without_a_session_sends_the_browser_to_sign_in_and_back(self):
        iid = self.s.api("POST", "/api/v1/incidents", {"severity": "P2", "summary": "db slow"}, expect=201)["id"]
        for path in ("/", f"/incidents/{iid}", f"/incidents/{iid}?x=1&y=2"):
            st, _, headers = self.s.request("GET", path, token="")
            self.assertEqual(st, 303, path)
            self.assertEqual(headers["Location"], "/sign-in?next=" + urllib.parse.quote(path, safe=""))
        # A forged cookie, and a bearer token that is not one, are no session either.
        st, _, headers = self.s.request("GET", "/", token="", headers={"Cookie": "warroom_session=forged"})
        self.assertEqual((st, headers["Location"]), (303, "/sign-in?next=%2F"))
        st, _, _ = self.s.request("GET", "/", token="wr_" + "0" * 64)
        self.assertEqual(st, 303)
        # The sign-in page comes back to the page, and only to a page of this site.
        st, text, headers = self.s.request("GET", "/sign-in?next=%2Fincidents%2F" + iid, token="")
        self.assertEqual(st, 200)
        self.assertIn(f'data-next="/incidents/{iid}"', text)
        self.assert_safe_page(text, headers)
        for hostile in ("https://evil.example/", "//evil.example/", "/\\evil.example", "javascript:alert(1)"):
            st, text, _ = self.s.request("GET", "/sign-in?next=" + urllib.parse.quote(hostile, safe=""), token="")
            self.assertEqual(st, 200)
            self.assertEqual(re.findall(r'data-next="([^"]*)"', text), ["/", "/"], hostile)

    def test_user_text_is_escaped_everywhere_it_is_shown(self):
        alice = self.browser("alice")
        st, inc, _ = alice.request("POST", "/api/v1/incidents", {"severity": "P1", "summary": HOSTILE})
        self.assertEqual(st, 201, inc)
        iid = inc["id"]
        for action, body in (("notes", {"kind": "finding", "text": HOSTILE}),
                             ("tasks", {"title": HOSTILE, "assignee": "alice"}),
                             ("links", {"kind": "dashboard", "url": "https://grafana.example/d/1", "title": HOSTILE}),
                             ("impact", {"workaround": HOSTILE}),
                             ("freeze", {"reason": HOSTILE})):
            st, data, _ = alice.request("POST", f"/api/v1/incidents/{iid}/{action}", body)
            self.assertEqual(st, 200, (action, data))
        escaped = "&lt;img src=x onerror=alert(1)&gt; &amp; &quot;quoted&quot; &lt;script&gt;"
        text, headers = self.page(alice, "/")
        self.assert_safe_page(text, headers)
        self.assertIn(escaped, text)       # the summary, the freeze and the task
        self.assertGreaterEqual(text.count(escaped), 3)
        text, headers = self.page(alice, f"/incidents/{iid}")
        self.assert_safe_page(text, headers)
        self.assertGreaterEqual(text.count(escaped), 5)
        self.assertIn('data-testid="timeline"', text)
        self.assertIn("Code freeze declared", text)

    def test_what_a_sender_writes_is_escaped_and_its_links_are_web_links_only(self):
        key = self.s.api("POST", "/api/v1/integrations", {"name": "probe", "type": "generic"}, expect=201)["key"]
        # A script for a link is refused where it comes in (and a page would drop it: SafeHref).
        st, data, _ = self.s.request("POST", "/api/v1/ingest/generic", {"alerts": [
            {"key": "a0", "summary": "x", "source_url": "javascript:alert(1)"}]}, token=key)
        self.assertEqual(st, 400, data)
        st, data, _ = self.s.request("POST", "/api/v1/ingest/generic", {"alerts": [
            {"key": "a1", "summary": HOSTILE, "labels": {"x": HOSTILE}},
            {"key": "a2", "summary": "disk full", "source_url": "https://grafana.example/d/disk"}]}, token=key)
        self.assertLess(st, 300, data)
        alice = self.browser("alice")
        for path in ("/triage", "/"):
            text, headers = self.page(alice, path)
            self.assert_safe_page(text, headers)
            self.assertIn("&lt;img src=x onerror=alert(1)&gt;", text)
            self.assertNotIn("javascript:", text)
        text, _ = self.page(alice, "/triage")
        self.assertIn('href="https://grafana.example/d/disk"', text)
        self.assertIn('data-testid="triage-count">2<', text)

    def test_the_declare_and_policy_pages_show_the_policy_in_force(self):
        alice = self.browser("alice")
        text, headers = self.page(alice, "/declare")
        self.assert_safe_page(text, headers)
        self.assertEqual(len(re.findall(r'<input type="radio" name="severity" value="P[0-3]"', text)), 4)
        self.assertIn("Complete or near-complete service outage", text)  # P0's definition
        self.assertIn("<dt>Acknowledge</dt><dd>within 15m</dd>", text)    # P1's requirement
        self.assertIn('data-classify="/api/v1/policy/classify"', text)
        text, _ = self.page(alice, "/policy")
        self.assertEqual(text.count('<tr class="sev-P'), 4)
        # A viewer may read the policy but not declare.
        vic = self.browser("vic")
        self.page(vic, "/policy")
        text, _ = self.page(vic, "/declare", want=403)
        self.assertIn("declaring needs a responder", text)

    def test_the_dashboard_shows_what_is_open_with_its_clocks_and_my_tasks(self):
        alice = self.browser("alice")
        iid = alice.request("POST", "/api/v1/incidents", {"severity": "P1", "summary": "checkout failing"})[1]["id"]
        done = alice.request("POST", "/api/v1/incidents", {"severity": "P3", "summary": "false alarm"})[1]["id"]
        st, data, _ = alice.request("POST", f"/api/v1/incidents/{done}/dismiss", {"reason": "false-alarm"})
        self.assertEqual(st, 200, data)
        alice.request("POST", f"/api/v1/incidents/{iid}/tasks", {"title": "roll back the deploy", "assignee": "alice"})
        text, _ = self.page(alice, "/")
        self.assertIn(f'data-incident="{iid}"', text)
        self.assertNotIn(done, text)
        self.assertIn('data-testid="open-count">1<', text)
        # A countdown per pending clock: the acknowledgement is due in 15 minutes for a P1.
        self.assertRegex(text, r'<span class="clock-name">acknowledge</span> <time datetime="[^"]+Z" data-due>')
        self.assertIn("roll back the deploy", text)
        self.assertIn('<a href="/declare"', text)
        # The incident page, with the forms a responder acts with.
        text, _ = self.page(alice, f"/incidents/{iid}")
        self.assertIn(f'data-api="/api/v1/incidents/{iid}/notes"', text)
        self.assertIn(f'data-api="/api/v1/incidents/{iid}/tasks/1/complete"', text)
        self.assertIn('<meta name="csrf-token" content="' + alice.csrf + '">', text)

    def test_a_viewer_sees_everything_but_is_shown_no_form_to_act(self):
        iid = self.s.api("POST", "/api/v1/incidents", {"severity": "P2", "summary": "queue backlog"}, expect=201)["id"]
        vic = self.browser("vic")
        text, _ = self.page(vic, "/")
        self.assertIn(iid, text)
        self.assertNotIn('href="/declare"', text)
        text, _ = self.page(vic, f"/incidents/{iid}")
        self.assertIn("queue backlog", text)
        self.assertNotIn("data-api=", text)
        self.assertNotIn('href="/people"', text)  # an admin's page, not in a viewer's navigation

    def test_a_restricted_incident_is_not_shown_listed_or_counted_to_others(self):
        secret = self.s.api("POST", "/api/v1/incidents", {"severity": "P1", "summary": "credential leak",
                                                          "visibility": "restricted"}, expect=201)["id"]
        self.s.api("POST", f"/api/v1/incidents/{secret}/freeze", {"reason": "leak"})
        alice = self.browser("alice")
        text, _ = self.page(alice, "/")
        self.assertNotIn(secret, text)
        self.assertNotIn("credential leak", text)
        self.assertIn('data-testid="open-count">0<', text)
        self.assertIn("A restricted incident", text)  # deploys stop for it: the freeze is shown, not what it is
        text, _ = self.page(alice, f"/incidents/{secret}", want=404)
        self.assertNotIn("credential leak", text)
        self.assertIn(f"no incident {secret}", text)
        # A participant sees it.
        self.s.api("POST", f"/api/v1/incidents/{secret}/responders", {"user": "alice"})
        text, _ = self.page(alice, "/")
        self.assertIn(secret, text)
        self.assertIn('data-testid="open-count">1<', text)
        self.page(alice, f"/incidents/{secret}")

    def test_the_first_start_prints_a_one_time_link_that_signs_the_admin_in(self):
        deadline = time.time() + 5
        while time.time() < deadline:
            self.s.out.seek(0)
            m = re.search(r"(http://[0-9.:]+)/sign-in#link=(wrl_[0-9a-f]+)", self.s.out.read())
            if m:
                break
            time.sleep(0.02)
        self.assertTrue(m, "no sign-in link on the terminal")
        self.assertEqual(m.group(1), self.s.url)
        self.s.err.seek(0)
        self.assertNotIn(m.group(2), self.s.err.read(), "the secret reached the log")
        st, body, headers = self.s.request("POST", "/api/v1/sessions/link", {"link": m.group(2)}, token="",
                                           headers={"Origin": self.s.url})
        self.assertEqual(st, 201, body)
        self.assertEqual(body["user"]["handle"], "admin")
        admin = Browser(self.s, cookie_of(headers), body["csrf"])
        text, _ = self.page(admin, "/")
        self.assertIn('data-testid="signed-in-as">admin<', text)
        # Once only.
        st, _, _ = self.s.request("POST", "/api/v1/sessions/link", {"link": m.group(2)}, token="",
                                  headers={"Origin": self.s.url})
        self.assertEqual(st, 401)
        # A link an admin makes names where it is used, and the CLI prints it whole.
        made = self.s.api("POST", "/api/v1/users/alice/sign-in-link", expect=201)
        self.assertEqual(made["path"], "/sign-in#link=" + made["link"])
        out = self.s.cli("user", "link", "vic").stdout
        self.assertRegex(out, re.escape(self.s.url) + r"/sign-in#link=wrl_[0-9a-f]+\n")

    def test_the_admin_pages_show_people_sources_and_failed_messages(self):
        self.s.api("PATCH", "/api/v1/users/alice", {"name": "Alice Ng", "email": "alice@example.com",
                                                   "chat_handle": "@alice", "phone": "+15550100"})
        self.s.api("POST", "/api/v1/integrations", {"name": "prom", "type": "alertmanager"}, expect=201)
        self.s.api("PUT", "/api/v1/users/admin/password", {"password": PASSWORD})
        admin = self.browser("admin")
        text, headers = self.page(admin, "/people")
        self.assert_safe_page(text, headers)
        self.assertIn('data-person="alice"', text)
        self.assertIn("Alice Ng · alice@example.com · @alice · +15550100", text)
        self.assertIn('data-api="/api/v1/users/alice/disable"', text)
        self.assertNotIn('wr_', text.replace('data-api', ''))  # no token's secret, ever
        text, headers = self.page(admin, "/integrations")
        self.assert_safe_page(text, headers)
        self.assertIn('data-integration="prom"', text)
        self.assertIn("BASE/api/v1/ingest/alertmanager", text)  # the page's script names this server
        self.assertIn("credentials: KEY", text)                 # the key: shown once, at its making
        text, _ = self.page(admin, "/outbox")
        self.assertIn('data-testid="failed-count">0<', text)
        for path in ("/people", "/integrations", "/outbox"):
            text, _ = self.page(self.browser("alice"), path, want=403)
            self.assertIn("for admins", text)

    def test_an_ended_session_is_a_new_sign_in(self):
        alice = self.browser("alice")
        self.page(alice, "/")
        st, data, _ = alice.request("DELETE", "/api/v1/sessions/current")
        self.assertEqual(st, 200, data)
        st, _, headers = alice.request("GET", "/", origin=False, csrf=False)
        self.assertEqual((st, headers["Location"]), (303, "/sign-in?next=%2F"))

    def test_the_assets_are_compiled_in_and_cached_by_their_etag(self):
        text, _ = self.page(self.browser("alice"), "/")
        css = re.search(r'href="(/assets/app\.css\?v=[0-9a-f]+)"', text).group(1)
        st, body, headers = self.s.request("GET", css, token="")
        self.assertEqual(st, 200)
        self.assertEqual(headers["Content-Type"], "text/css; charset=utf-8")
        self.assertIn("prefers-color-scheme: dark", body)
        self.assertIn("immutable", headers["Cache-Control"])
        st, _, again = self.s.request("GET", "/assets/app.css", token="", headers={"If-None-Match": headers["ETag"]})
        self.assertEqual(st, 304)
        self.assertEqual(again["ETag"], headers["ETag"])
        st, data, _ = self.s.request("GET", "/assets/nope.js", token="")
        self.assertEqual((st, data["code"]), (404, "not-found"))
        st, _, _ = self.s.request("GET", "/assets/..%2Flayout.html", token="")
        self.assertEqual(st, 404)


if __name__ == "__main__":
    unittest.main()
