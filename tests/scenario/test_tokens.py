"""API tokens: scoped (read, respond, admin), expiring on the server's clock,
listed without their secrets and revoked; a revoked token, an expired one and
a disabled user's are refused on the very next request although live tokens
are cached. The Bearer scheme in any case. Bad user and token input is a
clear 400 naming the field, with nothing written."""
import json
import unittest

from harness import ServerTest


class Tokens(ServerTest):
    server_args = ("--clock", "simulated:2026-02-12T14:00:00Z")

    def tokens(self, handle, token=None):
        return self.s.api("GET", f"/api/v1/users/{handle}/tokens", token=token)["items"]

    def test_list_create_and_revoke_from_the_cli(self):
        s = self.s
        sarah = self.user("sarah")
        made = s.cli_json("token", "create", "--label", "laptop", "--expires-in", "30d", token=sarah)
        self.assertEqual((made["handle"], made["label"], made["scope"], made["state"]),
                         ("sarah", "laptop", "respond", "active"))
        self.assertEqual(made["expires_at"], "2026-03-14T14:00:00Z")
        self.assertRegex(made["token"], r"^wr_[0-9a-f]{64}$")
        # Listed, never with a secret: her own, and anyone's for an admin.
        listed = s.cli("token", "list", token=sarah).stdout
        self.assertIn("laptop", listed)
        self.assertNotIn("wr_", listed)
        mine = s.cli_json("token", "list", token=sarah)["items"]
        self.assertEqual([t["label"] for t in mine], ["created with user", "laptop"])
        self.assertNotIn("wr_", json.dumps(mine))
        self.assertTrue(all("token" not in t and "digest" not in t for t in mine))
        self.assertEqual(s.cli_json("token", "list", "--user", "sarah")["items"], mine)
        everyone = s.cli_json("token", "list", "--all")["items"]
        self.assertEqual(sorted({t["handle"] for t in everyone}), ["admin", "sarah"])
        refused = s.cli("token", "list", "--all", token=sarah, check=False)
        self.assertEqual(refused.returncode, 5, refused.stderr)
        # She revokes the laptop token with the laptop token: refused on the next request.
        self.assertEqual(s.api("GET", "/api/v1/me", token=made["token"])["token_id"], made["id"])
        out = s.cli("token", "revoke", str(made["id"]), token=made["token"]).stdout
        self.assertIn(f"Revoked token {made['id']} of sarah", out)
        status, body, headers = s.request("GET", "/api/v1/me", token=made["token"])
        self.assertEqual(status, 401, body)
        self.assertEqual(body["code"], "unauthenticated")
        self.assertEqual(s.api("GET", "/api/v1/me", token=sarah)["handle"], "sarah")
        self.assertEqual([t["state"] for t in self.tokens("sarah")], ["active", "revoked"])
        # Twice, an unknown id, someone else's: clear errors, nothing changes.
        twice = s.cli("token", "revoke", str(made["id"]), check=False)
        self.assertEqual(twice.returncode, 4)
        self.assertIn("already revoked", twice.stderr)
        unknown = s.cli("token", "revoke", "999", check=False)
        self.assertEqual(unknown.returncode, 3)
        self.assertIn("no token 999", unknown.stderr)
        status, body, _ = s.request("DELETE", "/api/v1/tokens/1", token=sarah)  # the admin's
        self.assertEqual(status, 404, body)
        status, body, _ = s.request("DELETE", "/api/v1/tokens/abc")
        self.assertEqual(status, 400, body)
        self.assertEqual(s.api("GET", "/api/v1/me")["handle"], "admin")

    def test_the_old_user_token_command_still_prints_one_line(self):
        self.user("sarah")
        out = self.s.cli("user", "token", "sarah", "--label", "ci").stdout
        self.assertRegex(out, r"^export WARROOM_TOKEN=wr_[0-9a-f]{64}\n$")
        self.assertEqual(self.tokens("sarah")[-1]["label"], "ci")

    def test_a_token_expires_on_the_servers_clock(self):
        s = self.s
        made = s.api("POST", "/api/v1/users/admin/tokens", {"label": "ci", "expires_in": "1h"}, expect=201)
        at = s.api("POST", "/api/v1/users/admin/tokens", {"expires_at": "2026-02-12T14:30:00Z"}, expect=201)
        self.assertEqual(made["expires_at"], "2026-02-12T15:00:00Z")
        self.assertEqual(s.api("GET", "/api/v1/me", token=made["token"])["handle"], "admin")  # cached now
        s.cli("clock", "advance", "31m")
        self.assertEqual(s.request("GET", "/api/v1/me", token=at["token"])[0], 401)
        self.assertEqual(s.api("GET", "/api/v1/me", token=made["token"])["handle"], "admin")
        s.cli("clock", "advance", "29m")
        status, body, _ = s.request("GET", "/api/v1/me", token=made["token"])
        self.assertEqual(status, 401, body)
        states = {t["id"]: t["state"] for t in self.tokens("admin")}
        self.assertEqual((states[made["id"]], states[at["id"]], states[1]), ("expired", "expired", "active"))
        # An expiry in the past, or both kinds, is refused.
        for body in ({"expires_at": "2026-02-12T14:00:00Z"}, {"expires_in": "1h", "expires_at": "2027-01-01T00:00:00Z"},
                     {"expires_in": "soon"}, {"expires_in": 3600}, {"expires_in": "1" * 100_000},
                     {"expires_at": "2" * 100_000}):
            status, err, _ = s.request("POST", "/api/v1/users/admin/tokens", body)
            self.assertEqual(status, 400, (body, err))
            self.assertIn("expires_", err["detail"])
            self.assertLess(len(err["detail"]), 300)
        self.assertEqual(len(self.tokens("admin")), 3)

    def test_a_token_acts_with_its_scope_within_its_users_permission(self):
        s = self.s
        read = s.cli_json("token", "create", "--scope", "read", "--label", "dashboard")
        self.assertEqual(read["scope"], "read")
        self.assertEqual(s.api("GET", "/api/v1/me", token=read["token"])["permission"], "viewer")
        s.api("GET", "/api/v1/incidents", token=read["token"])
        # An admin's read token cannot declare, create users or mint a bigger token.
        status, body, _ = s.request("POST", "/api/v1/incidents", {"severity": "P2", "summary": "x"},
                                    token=read["token"])
        self.assertEqual(status, 403, body)
        status, body, _ = s.request("POST", "/api/v1/users", {"handle": "eve"}, token=read["token"])
        self.assertEqual(status, 403, body)
        status, body, _ = s.request("POST", "/api/v1/users/admin/tokens", {"scope": "admin"}, token=read["token"])
        self.assertEqual(status, 403, body)
        self.assertEqual(s.api("GET", "/api/v1/incidents")["items"], [])
        # A responder's token can be read or respond, never admin.
        self.user("sarah")
        status, body, _ = s.request("POST", "/api/v1/users/sarah/tokens", {"scope": "admin"})
        self.assertEqual(status, 400, body)
        self.assertIn("sarah's permission (responder)", body["detail"])
        status, body, _ = s.request("POST", "/api/v1/users/sarah/tokens", {"scope": "root"})
        self.assertEqual(status, 400, body)
        self.assertIn("'scope' must be read, respond or admin", body["detail"])
        # Demoting sarah narrows her tokens on the next request.
        respond = s.api("POST", "/api/v1/users/sarah/tokens", {"scope": "respond"}, expect=201)
        s.api("POST", "/api/v1/incidents", {"severity": "P3", "summary": "ok"}, token=respond["token"], expect=201)
        self.assertIn("(viewer)", s.cli("user", "permission", "sarah", "viewer").stdout)
        status, body, _ = s.request("POST", "/api/v1/incidents", {"severity": "P3", "summary": "no"},
                                    token=respond["token"])
        self.assertEqual(status, 403, body)

    def test_a_disabled_users_tokens_are_refused_on_the_next_request(self):
        s = self.s
        sarah = self.user("sarah")
        viewer = self.user("vic", "viewer")
        s.api("GET", "/api/v1/me", token=sarah)  # cached
        status, body, _ = s.request("POST", "/api/v1/users/sarah/disable", token=viewer)
        self.assertEqual(status, 403, body)
        self.assertIn("(responder, disabled)", s.cli("user", "disable", "sarah").stdout)
        status, body, _ = s.request("GET", "/api/v1/me", token=sarah)
        self.assertEqual(status, 401, body)
        self.assertNotIn("disabled", body["detail"])
        users = {u["handle"]: u for u in s.api("GET", "/api/v1/users")["items"]}
        self.assertTrue(users["sarah"]["disabled"])
        self.assertIn("disabled", s.cli("user", "list").stdout)
        # The last active admin stays.
        last = s.cli("user", "disable", "admin", check=False)
        self.assertEqual(last.returncode, 4)
        self.assertIn("last active admin", last.stderr)
        status, body, _ = s.request("PATCH", "/api/v1/users/admin", {"permission": "responder"})
        self.assertEqual(status, 409, body)
        s.cli("user", "enable", "sarah")
        self.assertEqual(s.api("GET", "/api/v1/me", token=sarah)["handle"], "sarah")

    def test_bearer_is_case_insensitive(self):
        s = self.s
        for header in ("Bearer " + s.token, "bearer " + s.token, "BEARER " + s.token, "Bearer    " + s.token,
                       "bEaReR\t" + s.token + "  "):
            status, body, _ = s.request("GET", "/api/v1/me", token="", headers={"Authorization": header})
            self.assertEqual(status, 200, (header, body))
        for header in ("Bearer" + s.token, "Basic " + s.token, "Bearer", s.token):
            status, body, _ = s.request("GET", "/api/v1/me", token="", headers={"Authorization": header})
            self.assertEqual(status, 401, (header, body))

    def test_bad_user_and_token_input_is_refused_by_field_with_nothing_written(self):
        s = self.s
        self.user("sarah")
        users_before = s.api("GET", "/api/v1/users")
        tokens_before = s.api("GET", "/api/v1/tokens")
        cases = [
            ("/api/v1/users", {"handle": "eve", "name": 5}, "'name' must be a string"),
            ("/api/v1/users", {"handle": "eve", "email": ["e@x"]}, "'email' must be a string"),
            ("/api/v1/users", {"handle": "eve", "name": "n" * 900_000}, "'name' is 900000 bytes long: at most 200"),
            ("/api/v1/users", {"handle": "eve", "name": "two\nlines"}, "'name' holds a control character"),
            ("/api/v1/users", {"handle": "eve", "phone": "1" * 300}, "'phone' is 300 bytes long"),
            ("/api/v1/users", {"handle": "eve", "permission": 2}, "'permission' must be a string"),
            ("/api/v1/users", {"handle": "eve", "permission": "root"}, "'permission' must be viewer, responder or admin"),
            ("/api/v1/users", {"handle": 7}, "'handle' is required and must be a string"),
            ("/api/v1/users/sarah/tokens", {"label": {"x": 1}}, "'label' must be a string"),
            ("/api/v1/users/sarah/tokens", {"label": "l" * 201}, "'label' is 201 bytes long: at most 200"),
            ("/api/v1/users/sarah/tokens", {"scope": True}, "'scope' must be a string"),
        ]
        for path, body, detail in cases:
            status, err, _ = s.request("POST", path, body)
            self.assertEqual(status, 400, (path, str(body)[:80], err))
            self.assertIn(detail, err["detail"])
            self.assertEqual(err["code"], "invalid-argument")
        # A long handle is not echoed back whole, in the body (100 KB) or the path.
        for path, body, size in (("/api/v1/users", {"handle": "A" * 100_000}, 100_000),
                                 ("/api/v1/users/" + "a" * 5000 + "/tokens", {}, 5000),
                                 ("/api/v1/users/" + "a" * 5000 + "/disable", {}, 5000)):
            status, err, _ = s.request("POST", path, body)
            self.assertEqual(status, 400, str(err)[:200])
            self.assertLess(len(err["detail"]), 300)
            self.assertIn(f"({size} bytes)", err["detail"])
        self.assertEqual(s.api("GET", "/api/v1/users"), users_before)
        self.assertEqual(s.api("GET", "/api/v1/tokens"), tokens_before)


if __name__ == "__main__":
    unittest.main()
