"""Changing a person (PATCH /api/v1/users/{handle}, `warroom user update`,
the people page's form): the fields given change in one write and the rest
stay; an unknown field, an empty change, a bad permission and demoting the
last admin are refused with what to do, and change nothing."""
import json
import unittest

from harness import ServerTest


class UserUpdate(ServerTest):
    def setUp(self):
        super().setUp()
        self.user("alice", "responder")

    def alice(self):
        return [u for u in self.s.api("GET", "/api/v1/users")["items"] if u["handle"] == "alice"][0]

    def test_the_fields_given_change_and_the_rest_stay(self):
        got = self.s.api("PATCH", "/api/v1/users/alice", {"name": "Alice Ng", "phone": "+15550100"})
        self.assertEqual((got["name"], got["phone"], got["permission"]), ("Alice Ng", "+15550100", "responder"))
        got = self.s.api("PATCH", "/api/v1/users/alice", {"email": "alice@example.com", "permission": "viewer"})
        self.assertEqual((got["name"], got["email"], got["permission"]), ("Alice Ng", "alice@example.com", "viewer"))
        self.assertEqual(self.alice()["phone"], "+15550100")
        # The permission still alone, as it always was.
        self.assertEqual(self.s.api("PATCH", "/api/v1/users/alice", {"permission": "responder"})["permission"],
                         "responder")

    def test_bad_changes_are_refused_and_change_nothing(self):
        before = self.alice()
        for body, says in (({"nmae": "typo"}, "'nmae' cannot be changed"),
                           ({}, "nothing to change"),
                           ({"name": "X", "permission": "root"}, "'permission' must be"),
                           ({"name": 5}, "'name' must be a string")):
            st, data, _ = self.s.request("PATCH", "/api/v1/users/alice", body)
            self.assertEqual(st, 400, (body, data))
            self.assertIn(says, data["detail"])
        self.assertEqual(self.alice(), before)
        st, data, _ = self.s.request("PATCH", "/api/v1/users/admin", {"name": "Demoted", "permission": "viewer"})
        self.assertEqual(st, 409, data)
        admin = [u for u in self.s.api("GET", "/api/v1/users")["items"] if u["handle"] == "admin"][0]
        self.assertNotEqual(admin["name"], "Demoted")
        st, data, _ = self.s.request("PATCH", "/api/v1/users/nobody", {"name": "X"})
        self.assertEqual((st, data["code"]), (404, "not-found"))

    def test_from_the_command_line(self):
        out = self.s.cli("user", "update", "alice", "--name", "Alice Ng", "--chat-handle", "@alice").stdout
        self.assertEqual(out, "alice (responder)\n")
        got = json.loads(self.s.cli("user", "update", "alice", "--email", "a@example.com", "--json").stdout)
        self.assertEqual((got["name"], got["chat_handle"], got["email"]), ("Alice Ng", "@alice", "a@example.com"))
        bad = self.s.cli("user", "update", "alice", check=False)
        self.assertNotEqual(bad.returncode, 0)
        self.assertIn("nothing to change", bad.stderr)
        self.assertIn("--phone", self.s.cli("user", "update", "--help").stdout)


if __name__ == "__main__":
    unittest.main()
