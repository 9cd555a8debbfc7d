"""What the CLI prints for people is escaped: a value can neither forge a row
nor reach the terminal as an escape sequence; --json stays exact."""
import json
import time
import unittest

from harness import ServerTest

FORGED = "Checkout down\nINC-2026-02-12-999  P0  resolved  2026-02-12T10:00:00Z  all fine\x1b[31m red \x9b2J\u202e"


class CliOutput(ServerTest):
    def test_control_characters_are_escaped_in_human_output(self):
        s = self.s
        iid = s.api("POST", "/api/v1/incidents", {"severity": "P2", "summary": FORGED,
                                                  "at": "2026-02-12T10:00:00Z"}, expect=201)["id"]
        s.api("POST", f"/api/v1/incidents/{iid}/notes", {"kind": "finding", "text": "bell\x07 and \x1b]0;title\x07"})
        s.api("POST", f"/api/v1/incidents/{iid}/tasks", {"title": "two\nlines\x7f"})
        listed = s.cli("list").stdout
        lines = listed.splitlines()
        self.assertEqual(len(lines), 2, listed)  # the header and one row, not a forged second row
        self.assertTrue(lines[1].startswith(iid))
        self.assertIn("Checkout down\\nINC-2026-02-12-999", lines[1])
        self.assertIn("\\x1b[31m red \\u{009B}2J\\u{202E}", lines[1])
        for args in (["list"], ["show", iid], ["timeline", iid]):
            with self.subTest(args=args):
                out = s.cli(*args).stdout
                for bad in ("\x1b", "\x07", "\x7f", "\x9b", "\u202e"):
                    self.assertNotIn(bad, out)
        show = s.cli("show", iid).stdout
        self.assertIn("Summary:      Checkout down\\nINC-2026-02-12-999", show)
        self.assertIn("two\\nlines\\x7f", show)
        # --json gives the exact text back.
        self.assertEqual(s.cli_json("list")["items"][0]["summary"], FORGED)
        self.assertEqual(s.cli_json("show", iid)["summary"], FORGED)
        raw = s.cli("list", "--json").stdout
        self.assertEqual(json.loads(raw)["items"][0]["summary"], FORGED)

    def test_server_errors_are_escaped(self):
        # The server's detail quotes the value it refuses.
        p = self.s.cli("declare", "--severity", "P9\x1b[2J\nwarroom: forged", "--summary", "x", check=False)
        self.assertEqual(p.returncode, 4, p.stderr)
        self.assertIn("P9\\x1b[2J\\nwarroom: forged", p.stderr)
        self.assertNotIn("\x1b", p.stderr)
        self.assertEqual(len(p.stderr.strip().splitlines()), 1, p.stderr)

    def test_user_create_json_shows_the_stored_created_at(self):
        # The answer carries the time the user was stored with (the first
        # token's record), not a default: the same as the list and the token.
        before = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(time.time() - 1))
        created = self.s.cli_json("user", "create", "bob")
        after = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(time.time() + 1))
        self.assertTrue(before <= created["created_at"][:19] <= after, created["created_at"])
        listed = {u["handle"]: u for u in self.s.cli_json("user", "list")["items"]}
        self.assertEqual(created["created_at"], listed["bob"]["created_at"])
        token = self.s.cli_json("token", "list", "--user", "bob")["items"][0]
        self.assertEqual(token["id"], created["token_id"])
        self.assertEqual(token["created_at"], created["created_at"])

    def test_shares_of_customers_print_as_percentages(self):
        iid = self.s.cli_json("declare", "--severity", "P1", "--summary", "Checkout down",
                              "--customers-affected", "1840", "--customers-affected-pct", "12.3")["id"]
        self.assertIn("Impact:       1840 customers (12.3%), components", self.s.cli("show", iid).stdout)
        self.s.cli("impact", iid, "--customers-affected-pct", "100")
        show = self.s.cli("show", iid).stdout
        self.assertIn("Impact:       1840 customers (100%), components", show)
        self.assertNotIn("E2%", show)
        self.s.cli("impact", iid, "--customers-affected-pct", "0.05")
        self.assertIn("1840 customers (0.05%)", self.s.cli("show", iid).stdout)
        # --json keeps the number the API answers.
        self.assertEqual(self.s.cli_json("show", iid)["impact"]["customers_affected_pct"], 0.05)


class CliOutputSimulated(ServerTest):
    server_args = ("--clock", "simulated:2026-02-12T14:00:00Z")

    def test_user_create_json_shows_the_simulated_time(self):
        self.s.cli("clock", "advance", "90m")
        created = self.s.cli_json("user", "create", "bob")
        self.assertEqual(created["created_at"], "2026-02-12T15:30:00Z")


if __name__ == "__main__":
    unittest.main()
