"""The recovery when no admin can act: `warroom admin reset HANDLE
--database ...`, offline, through the real binary on a real SQLite file
(and PostgreSQL with a server running). The user is made an active admin
again with a fresh token and a one-time sign-in link, optionally losing
every token and session they had; the reset is an admin_reset event on the
administration chain, which `warroom verify` checks with the rest and no
incident read shows. A running server on the SQLite file, a missing file, a
bad handle and a bad URL are refused with a clear message and nothing
written."""
import json
import os
import subprocess
import unittest

from harness import BIN, Server, pg_test_database


def reset(database, *args, env=None):
    return subprocess.run([BIN, "admin", "reset", *args, "--database", database], capture_output=True,
                          text=True, timeout=60, env=env)


def reset_json(database, *args):
    p = reset(database, *args, "--json")
    return p, json.loads(p.stdout) if p.stdout.strip() else None


def verify(database, *args):
    p = subprocess.run([BIN, "verify", "--database", database, "--json", *args], capture_output=True, text=True,
                       timeout=60)
    return json.loads(p.stdout)


class AdminResetOnSqlite(unittest.TestCase):
    def setUp(self):
        self.s = Server().start()
        self.addCleanup(self.s.cleanup)
        self.database = "sqlite:" + self.s.db

    def events(self):
        return verify(self.database)["events"]

    def test_the_lost_admin_token_is_recovered_and_recorded_on_the_chain(self):
        inc = self.s.api("POST", "/api/v1/incidents", {"severity": "P2", "summary": "before the reset"}, expect=201)
        self.s.stop()
        p, out = reset_json(self.database, "admin", "--reason", "the only admin token was lost")
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertTrue(out["ok"])
        self.assertEqual(out["handle"], "admin")
        self.assertFalse(out["created"])
        self.assertRegex(out["token"], r"^wr_[0-9a-f]{64}$")
        self.assertRegex(out["sign_in_link"], r"/sign-in#link=wrl_[0-9a-f]{64}$")
        # The secrets go to the terminal, never the log file.
        self.assertNotIn(out["token"], p.stderr)

        report = verify(self.database)
        self.assertTrue(report["ok"], report)
        self.assertEqual(report["incidents"], 1)
        self.assertEqual(report["admin_events"], 1)
        self.assertEqual(out["global_seq"], report["events"])

        again = self.s.restarted()
        self.addCleanup(again.stop)
        new = out["token"]
        me = again.api("GET", "/api/v1/me", token=new)
        self.assertEqual((me["handle"], me["permission"]), ("admin", "admin"))
        # The old token was not revoked (no --revoke): it still works too.
        self.assertEqual(again.request("GET", "/api/v1/me", token=self.s.token)[0], 200)
        # The link signs a browser in once.
        secret = out["sign_in_link"].split("#link=")[1]
        st, body, _ = again.request("POST", "/api/v1/sessions/link", {"link": secret}, token="")
        self.assertEqual(st, 201, body)
        self.assertEqual(body["user"]["handle"], "admin")
        st, _, _ = again.request("POST", "/api/v1/sessions/link", {"link": secret}, token="")
        self.assertEqual(st, 401)
        # The administration chain is no incident: not listed, not readable,
        # not writable.
        listed = again.api("GET", "/api/v1/incidents", token=new)["items"]
        self.assertEqual([i["id"] for i in listed], [inc["id"]])
        for method, path, body in (("GET", "/api/v1/incidents/admin", None),
                                   ("GET", "/api/v1/incidents/admin/timeline", None),
                                   ("POST", "/api/v1/incidents/admin/notes", {"kind": "finding", "text": "x"})):
            st, err, _ = again.request(method, path, body, token=new)
            self.assertEqual(st, 404, (path, err))
        again.stop()
        self.assertEqual(verify(self.database)["admin_events"], 1)

    def test_revoke_ends_every_token_and_session_and_a_disabled_demoted_user_returns_as_admin(self):
        alice = self.s.api("POST", "/api/v1/users", {"handle": "alice", "permission": "admin"}, expect=201)["token"]
        self.s.api("PUT", "/api/v1/users/alice/password", {"password": "correct horse battery staple"})
        st, _, headers = self.s.request("POST", "/api/v1/sessions",
                                        {"handle": "alice", "password": "correct horse battery staple"}, token="")
        self.assertEqual(st, 201)
        cookie = headers["Set-Cookie"].split(";")[0]
        self.s.api("PATCH", "/api/v1/users/alice", {"permission": "viewer"})
        self.s.api("POST", "/api/v1/users", {"handle": "bob", "permission": "admin"}, expect=201)
        self.s.api("POST", "/api/v1/users/bob/disable")
        self.s.stop()

        p, out = reset_json(self.database, "alice", "--revoke")
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertEqual((out["created"], out["promoted"], out["enabled"]), (False, True, False))
        self.assertEqual(out["tokens_revoked"], 1)
        self.assertEqual(out["sessions_revoked"], 1)
        p, bob = reset_json(self.database, "bob")
        self.assertEqual((bob["promoted"], bob["enabled"], bob["tokens_revoked"]), (False, True, 0))

        again = self.s.restarted()
        self.addCleanup(again.stop)
        self.assertEqual(again.request("GET", "/api/v1/me", token=alice)[0], 401)
        self.assertEqual(again.request("GET", "/api/v1/me", token="", headers={"Cookie": cookie})[0], 401)
        me = again.api("GET", "/api/v1/me", token=out["token"])
        self.assertEqual(me["permission"], "admin")
        users = {u["handle"]: u for u in again.api("GET", "/api/v1/users")["items"]}
        self.assertFalse(users["bob"]["disabled"])
        self.assertEqual(again.api("GET", "/api/v1/me", token=bob["token"])["handle"], "bob")

    def test_a_missing_user_is_created_and_the_human_output_shows_the_secrets_once(self):
        self.s.stop()
        p = reset(self.database, "rescue")
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertIn("Created admin 'rescue'", p.stdout)
        self.assertIn("Recorded on the administration chain", p.stdout)
        self.assertRegex(p.stdout, r"export WARROOM_TOKEN=wr_[0-9a-f]{64}")
        self.assertRegex(p.stdout, r"http://127\.0\.0\.1:8080/sign-in#link=wrl_[0-9a-f]{64}")
        # --url names the server the link is for.
        env = dict(os.environ, WARROOM_SERVER="https://warroom.example")
        p = reset(self.database, "rescue", env=env)
        self.assertIn("https://warroom.example/sign-in#link=wrl_", p.stdout)
        self.assertEqual(verify(self.database)["admin_events"], 2)

    def test_refusals_write_nothing(self):
        # A running server holds the SQLite file.
        before = None
        p = reset(self.database, "admin")
        self.assertEqual(p.returncode, 4, p.stderr)
        self.assertIn("a warroom server is using", p.stderr)
        self.assertIn("stop it first", p.stderr)
        self.s.stop()
        before = self.events()
        # A file that is not there is never made.
        missing = os.path.join(self.s.dir, "nope.db")
        p = reset("sqlite:" + missing, "admin")
        self.assertEqual(p.returncode, 3, p.stderr)
        self.assertIn("no database at", p.stderr)
        self.assertFalse(os.path.exists(missing))
        p = reset(self.database, "Not A Handle")
        self.assertEqual(p.returncode, 2, p.stderr)
        self.assertIn("handle", p.stderr)
        p = reset("mysql://x", "admin")
        self.assertEqual(p.returncode, 2, p.stderr)
        p, out = reset_json(self.database, "Bad Handle")
        self.assertEqual(out["ok"], False)
        self.assertIn("handle", out["error"])
        self.assertEqual(self.events(), before)
        p = subprocess.run([BIN, "admin", "reset", "--help"], capture_output=True, text=True)
        self.assertEqual(p.returncode, 0)
        self.assertIn("--revoke", p.stdout)

    def test_a_second_server_on_the_same_sqlite_file_is_refused(self):
        second = Server(db_dir=self.s.dir)
        with self.assertRaises(RuntimeError) as e:
            second.start(expect_token=False)
        self.assertIn("a warroom server is using", str(e.exception))
        self.assertEqual(self.s.request("GET", "/healthz", token="")[0], 200)


class AdminResetOnPostgres(unittest.TestCase):
    def test_a_reset_while_the_server_runs_takes_effect_at_the_next_request(self):
        _, url = pg_test_database(self)
        s = Server(database=url).start()
        self.addCleanup(s.cleanup)
        s.api("POST", "/api/v1/users", {"handle": "alice", "permission": "viewer"}, expect=201)
        p, out = reset_json(url, "alice", "--reason", "drill")
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertTrue(out["promoted"])
        self.assertNotIn("password", p.stderr.lower())
        me = s.api("GET", "/api/v1/me", token=out["token"])
        self.assertEqual(me["permission"], "admin")
        report = verify(url, "--key", s.signing_key)
        self.assertTrue(report["ok"], report)
        self.assertEqual(report["admin_events"], 1)
        self.assertEqual(s.request("GET", "/api/v1/incidents/admin/timeline", token=out["token"])[0], 404)


if __name__ == "__main__":
    unittest.main()
