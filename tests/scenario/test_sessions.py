"""Signing in from a browser, through the real server: a password opens a
session whose cookie (HttpOnly, SameSite=Lax) authenticates what follows;
a change by cookie needs warroom's own Origin and the session's CSRF token
(another site's form has neither); a wrong sign-in is one answer and writes
no session; signing out, disabling the user and an admin's password reset
end sessions at the next request; a one-time link signs in once; a header
a client writes to pass as another address or as HTTPS is dropped; the
same on PostgreSQL with two instances (a session opened on one and ended
on the other)."""
import json
import os
import subprocess
import time
import unittest

from harness import BIN, Browser, Server, ServerTest, cookie_of, pg_test_database, sign_in

PASSWORD = "correct horse battery staple"


class Sessions(ServerTest):
    def setUp(self):
        super().setUp()
        self.user("alice", "responder")
        self.s.api("PUT", "/api/v1/users/alice/password", {"password": PASSWORD})

    def browser(self, handle="alice", password=PASSWORD):
        st, body, headers = sign_in(self.s, handle, password)
        self.assertEqual(st, 201, body)
        return Browser(self.s, cookie_of(headers), body["csrf"]), body, headers

    def test_a_password_opens_a_session_whose_cookie_signs_in_what_follows(self):
        b, body, headers = self.browser()
        set_cookie = headers["Set-Cookie"]
        for attr in ("warroom_session=wrs_", "HttpOnly", "SameSite=Lax", "Path=/", "Max-Age=604800"):
            self.assertIn(attr, set_cookie)
        self.assertNotIn("Secure", set_cookie)  # plain HTTP on 127.0.0.1
        self.assertEqual(headers.get("Cache-Control"), "no-store")
        self.assertEqual(body["user"], {"handle": "alice", "name": "alice", "permission": "responder"})
        self.assertTrue(body["password_set"])
        self.assertEqual(body["session"]["client"], "127.0.0.1")
        st, me, _ = b.request("GET", "/api/v1/me", origin=False, csrf=False)
        self.assertEqual(st, 200, me)
        self.assertEqual(me["handle"], "alice")
        # A change with its Origin and token is done.
        st, inc, _ = b.request("POST", "/api/v1/incidents", {"severity": "P2", "summary": "from a browser"})
        self.assertEqual(st, 201, inc)
        events = self.s.api("GET", f"/api/v1/incidents/{inc['id']}/timeline")["events"]
        self.assertEqual(events[0]["actor"], {"kind": "user", "id": "alice"})
        listed = self.s.api("GET", "/api/v1/users/alice/sessions")["items"]
        self.assertEqual([x["id"] for x in listed], [body["session"]["id"]])
        self.assertNotIn("wrs_", str(listed))

    def test_a_change_by_cookie_from_another_origin_or_without_its_token_is_refused_and_writes_nothing(self):
        b, _, _ = self.browser()
        before = len(self.s.all_incident_ids())
        cases = [
            ({"origin": "http://evil.example"}, "http://evil.example (Origin)"),
            ({"origin": False}, "Origin or Referer"),
            ({"origin": False, "extra": {"Referer": "http://evil.example/page"}}, "(Referer)"),
            ({"csrf": False}, "CSRF token"),
            ({"csrf": "0" * 64}, "not this session's"),
        ]
        for kw, says in cases:
            st, body, _ = b.request("POST", "/api/v1/incidents", {"severity": "P2", "summary": "forged"}, **kw)
            self.assertEqual(st, 403, (kw, body))
            self.assertIn(says, body["detail"], kw)
        self.assertEqual(len(self.s.all_incident_ids()), before)
        # Another session's token is not this one's.
        other, _, _ = self.browser()
        st, body, _ = b.request("POST", "/api/v1/incidents", {"severity": "P2", "summary": "forged"},
                                csrf=other.csrf)
        self.assertEqual(st, 403, body)
        # A forged or unknown cookie is no session at all.
        for cookie in ("warroom_session=wrs_" + "0" * 64, "warroom_session=nonsense", "other=1"):
            st, body, _ = self.s.request("GET", "/api/v1/me", token="", headers={"Cookie": cookie})
            self.assertEqual(st, 401, (cookie, body))

    def test_every_wrong_sign_in_is_one_answer_and_opens_nothing(self):
        answers = set()
        for handle, password in (("alice", "wrong password"), ("nobody", PASSWORD), ("admin", PASSWORD)):
            st, body, headers = sign_in(self.s, handle, password)
            self.assertEqual(st, 401, body)
            self.assertNotIn("Set-Cookie", headers)
            answers.add(body["detail"])
        self.assertEqual(len(answers), 1, answers)
        self.assertEqual(self.s.api("GET", "/api/v1/users/alice/sessions")["items"], [])
        for raw, why in ((b"{", "not valid JSON"), (b'{"handle": "alice"}', "password"),
                         (b'{"handle": "alice", "password": "x", "remember": true}', "unknown field")):
            st, body, _ = self.s.request("POST", "/api/v1/sessions", raw=raw, token="")
            self.assertEqual(st, 400, raw)
            self.assertIn(why, body["detail"])

    def test_signing_out_disabling_and_a_reset_end_sessions_at_the_next_request(self):
        b, _, _ = self.browser()
        st, body, headers = b.request("DELETE", "/api/v1/sessions/current")
        self.assertEqual(st, 200, body)
        self.assertIn("Max-Age=0", headers["Set-Cookie"])
        self.assertEqual(b.request("GET", "/api/v1/me", origin=False, csrf=False)[0], 401)

        c, _, _ = self.browser()
        self.s.api("POST", "/api/v1/users/alice/disable")
        self.assertEqual(c.request("GET", "/api/v1/me", origin=False, csrf=False)[0], 401)
        self.s.api("POST", "/api/v1/users/alice/enable")
        self.assertEqual(c.request("GET", "/api/v1/me", origin=False, csrf=False)[0], 401)

        d, _, _ = self.browser()
        self.s.api("PUT", "/api/v1/users/alice/password", {"password": "reset by an admin now"})
        self.assertEqual(d.request("GET", "/api/v1/me", origin=False, csrf=False)[0], 401)
        self.assertEqual(sign_in(self.s, "alice", PASSWORD)[0], 401)
        e, _, _ = self.browser(password="reset by an admin now")
        # One's own password changes with the current one, through the cookie.
        st, body, _ = e.request("PUT", "/api/v1/users/alice/password",
                                {"current": "not it", "password": "my own passphrase now"})
        self.assertEqual(st, 403, body)
        st, body, _ = e.request("PUT", "/api/v1/users/alice/password",
                                {"current": "reset by an admin now", "password": "my own passphrase now"})
        self.assertEqual(st, 200, body)
        self.assertEqual(e.request("GET", "/api/v1/me", origin=False, csrf=False)[0], 200)
        st, body, _ = e.request("PUT", "/api/v1/users/alice/password", {"password": "short"})
        self.assertEqual(st, 400, body)

    def test_a_one_time_link_signs_in_once(self):
        link = self.s.api("POST", "/api/v1/users/alice/sign-in-link", expect=201)
        self.assertTrue(link["link"].startswith("wrl_"), link)
        st, body, headers = self.s.request("POST", "/api/v1/sessions/link", {"link": link["link"]}, token="")
        self.assertEqual(st, 201, body)
        self.assertIn("warroom_session=wrs_", headers["Set-Cookie"])
        st, body, _ = self.s.request("POST", "/api/v1/sessions/link", {"link": link["link"]}, token="")
        self.assertEqual(st, 401, body)
        st, body, _ = self.s.request("POST", "/api/v1/users/alice/sign-in-link",
                                     token=self.user("bob", "responder"))
        self.assertEqual(st, 403, body)

    def test_a_client_cannot_pass_as_another_address_or_as_https(self):
        st, body, headers = sign_in(self.s, "alice", PASSWORD,
                                    headers={"X-Warroom-Client": "203.0.113.9", "X-Warroom-Secure": "1",
                                             "X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.8"})
        self.assertEqual(st, 201, body)
        self.assertEqual(body["session"]["client"], "127.0.0.1")
        self.assertNotIn("Secure", headers["Set-Cookie"])
        self.assertNotIn("__Host-", headers["Set-Cookie"])


class SessionsFromTheCommandLine(ServerTest):
    def test_passwords_links_and_sessions_from_the_command_line(self):
        self.user("alice", "responder")
        pw = os.path.join(self.s.dir, "alice.password")
        with open(pw, "w") as f:
            f.write(PASSWORD + "\n")
        out = self.s.cli("user", "password", "alice", "--password-file", pw).stdout
        self.assertEqual(out, "Password set for alice.\n")
        st, opened, _ = sign_in(self.s, "alice", PASSWORD)
        self.assertEqual(st, 201, opened)
        # Piped on standard input, as a script would.
        p = subprocess.run([BIN, "user", "password", "alice", "--json"], input="another long passphrase\n",
                           env=dict(os.environ, WARROOM_SERVER=self.s.url, WARROOM_TOKEN=self.s.token),
                           capture_output=True, text=True, timeout=60)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertEqual(json.loads(p.stdout), {"handle": "alice", "password_set": True})
        self.assertEqual(sign_in(self.s, "alice", "another long passphrase")[0], 201)
        for text, says in (("short", "at least 12 characters"), ("", "'password' is required")):
            with open(pw, "w") as f:
                f.write(text)
            bad = self.s.cli("user", "password", "alice", "--password-file", pw, check=False)
            self.assertEqual(bad.returncode, 4, bad.stderr)
            self.assertIn(says, bad.stderr)
        missing = self.s.cli("user", "password", "alice", "--password-file", pw + ".missing", check=False)
        self.assertEqual(missing.returncode, 4, missing.stderr)
        self.assertIn("cannot read the password file", missing.stderr)

        everything = self.s.cli_json("user", "sessions", "alice")["items"]
        self.assertEqual(len(everything), 2)
        self.assertIsNotNone(everything[1]["ended_at"])  # the reset ended the first
        listed = [x for x in everything if x["ended_at"] is None]
        self.assertEqual(len(listed), 1)
        table = self.s.cli("user", "sessions", "alice").stdout
        self.assertIn("ID", table.splitlines()[0])
        self.assertIn("127.0.0.1", table)
        ended = self.s.cli("user", "end-session", "alice", str(listed[0]["id"])).stdout
        self.assertEqual(ended, f"Ended session {listed[0]['id']} of alice.\n")
        again = self.s.cli("user", "end-session", "alice", str(listed[0]["id"]), check=False)
        self.assertEqual(again.returncode, 4, again.stderr)

        link = self.s.cli("user", "link", "alice").stdout
        self.assertIn("good once until", link)
        url = link.strip().splitlines()[-1]
        self.assertTrue(url.startswith(self.s.url + "/sign-in#link=wrl_"), link)
        secret = url.split("#link=")[1]
        st, body, _ = self.s.request("POST", "/api/v1/sessions/link", {"link": secret}, token="")
        self.assertEqual(st, 201, body)
        for cmd in (["password"], ["link"], ["sessions"], ["end-session"]):
            h = self.s.cli("user", *cmd, "--help").stdout
            self.assertIn("Usage: warroom user " + cmd[0], h)


class SessionsOnPostgres(unittest.TestCase):
    def test_a_session_opened_on_one_instance_is_ended_on_the_other(self):
        _, url = pg_test_database(self)
        a = Server(database=url).start()
        self.addCleanup(a.cleanup)
        b = Server(database=url, db_dir=a.dir).start(expect_token=False)
        self.addCleanup(b.stop)
        b.token = a.token
        a.api("POST", "/api/v1/users", {"handle": "alice", "permission": "responder"}, expect=201)
        b.api("PUT", "/api/v1/users/alice/password", {"password": PASSWORD})
        st, body, headers = sign_in(a, "alice", PASSWORD)
        self.assertEqual(st, 201, body)
        on_b = Browser(b, cookie_of(headers), body["csrf"])
        self.assertEqual(on_b.request("GET", "/api/v1/me", origin=False, csrf=False)[0], 200)
        st, inc, _ = on_b.request("POST", "/api/v1/incidents", {"severity": "P3", "summary": "via b"})
        self.assertEqual(st, 201, inc)
        on_a = Browser(a, on_b.cookie, on_b.csrf)
        self.assertEqual(on_a.request("DELETE", "/api/v1/sessions/current")[0], 200)
        self.assertEqual(on_b.request("GET", "/api/v1/me", origin=False, csrf=False)[0], 401)
        # Failed sign-ins are counted in the database: both instances slow
        # the same account (the fourth attempt waits a second).
        for server in (a, b, a):
            self.assertEqual(sign_in(server, "alice", "wrong password")[0], 401)
        t = time.time()
        self.assertEqual(sign_in(b, "alice", "wrong password")[0], 401)
        self.assertGreaterEqual(time.time() - t, 0.9)


if __name__ == "__main__":
    unittest.main()
