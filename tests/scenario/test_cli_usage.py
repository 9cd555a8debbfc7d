"""What `warroom` says when the command line names no command, or one that
does not exist: the word, the closest command, how to list them; a usage
error's exit status (2) either way. No server is needed."""
import os
import re
import subprocess
import tempfile
import unittest

from harness import BIN


def warroom(*args):
    return subprocess.run([BIN, *args], capture_output=True, text=True, timeout=30,
                          env={"WARROOM_SERVER": "http://127.0.0.1:9"})


class CliUsage(unittest.TestCase):
    def test_an_unknown_command_is_named_with_the_closest_match(self):
        p = warroom("lst")
        self.assertEqual(p.returncode, 2, p.stderr)
        self.assertEqual(p.stderr, "warroom: unknown command 'lst'; did you mean 'list'?\n"
                                   "Run `warroom --help` to list the commands.\n")
        self.assertNotIn("A subcommand is required", p.stderr)
        self.assertEqual(p.stdout, "")

    def test_an_unknown_command_under_a_noun_names_the_noun(self):
        p = warroom("user", "craete", "bob")
        self.assertEqual(p.returncode, 2, p.stderr)
        self.assertIn("unknown command 'user craete'; did you mean 'user create'?", p.stderr)
        self.assertIn("`warroom user --help`", p.stderr)
        p = warroom("alerts", "shwo", "1")
        self.assertEqual(p.returncode, 2, p.stderr)
        self.assertIn("unknown command 'alerts shwo'; did you mean 'alerts show'?", p.stderr)

    def test_a_word_like_no_command_gets_no_guess(self):
        p = warroom("frobnicate", "--json")
        self.assertEqual(p.returncode, 2, p.stderr)
        self.assertEqual(p.stderr, "warroom: unknown command 'frobnicate'\n"
                                   "Run `warroom --help` to list the commands.\n")

    def test_a_noun_alone_lists_its_commands(self):
        p = warroom("outbox")
        self.assertEqual(p.returncode, 2, p.stderr)
        lines = p.stderr.splitlines()
        self.assertEqual(lines[0], "warroom outbox: which command? One of:")
        self.assertEqual([l.split()[0] for l in lines[1:-1]], ["list", "show", "retry"])
        self.assertEqual(lines[-1], "Run `warroom outbox COMMAND --help` for a command's flags.")
        p = warroom("policy")
        self.assertEqual([l.split()[0] for l in p.stderr.splitlines()[1:-1]],
                         ["show", "classify", "check", "default"])

    def test_other_usage_errors_are_unchanged(self):
        p = warroom("declare", "--summary", "x")
        self.assertEqual(p.returncode, 2)
        self.assertIn("--severity is required", p.stderr)



README = os.path.join(os.path.dirname(__file__), "..", "..", "README.md")


def exit_code_table():
    """The README's exit-code table: {code: meaning}."""
    with open(README, encoding="utf-8") as f:
        text = f.read()
    table = text[text.index("### Exit codes"):]
    return {int(m.group(1)): m.group(2) for m in re.finditer(r"^\| (\d) \| (.*) \|$", table, re.M)}


class ExitCodes(unittest.TestCase):
    def test_the_readme_says_what_policy_check_and_config_check_exit_with(self):
        table = exit_code_table()
        self.assertEqual(sorted(table), [0, 1, 2, 3, 4, 5, 6])
        for command in ("`policy check`", "`config check`", "`verify`"):
            self.assertIn(command, table[1])
        with tempfile.TemporaryDirectory() as d:
            policy = os.path.join(d, "policy.yaml")
            with open(policy, "w") as f:
                f.write("version: broken\nseverities:\n  P1:\n    acknowledge: soonish\n")
            p = warroom("policy", "check", policy)
            self.assertEqual(p.returncode, 1, p.stdout)
            self.assertIn("1 problem(s)", p.stdout)
            config = os.path.join(d, "config.yaml")
            with open(config, "w") as f:
                f.write("destinations: 5\n")
            self.assertEqual(warroom("config", "check", config).returncode, 1)
            # A file that is not there is a bad argument.
            self.assertIn("a file to check that does not exist", table[2])
            self.assertEqual(warroom("policy", "check", os.path.join(d, "absent.yaml")).returncode, 2)
        self.assertIn("unknown command", table[2])
        self.assertIn("`--server`", table[4])
        self.assertEqual(warroom("list", "--server", "ftp://example").returncode, 4)
        self.assertEqual(warroom("list").returncode, 6)  # nothing listens on port 9


if __name__ == "__main__":
    unittest.main()
