"""What `warroom` says when the command line names no command, or one that
does not exist: the word, the closest command, how to list them; a usage
error's exit status (2) either way. No server is needed."""
import subprocess
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


if __name__ == "__main__":
    unittest.main()
