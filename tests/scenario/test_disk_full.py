"""A full disk is 503 with Retry-After, logged once, and /readyz says so
until a write succeeds; nothing acknowledged is lost.

The database lives on a small tmpfs in a private mount namespace (unshare):
the machine's mounts are never touched. A holder process keeps the
namespace alive across restarts; the server and `warroom verify` run inside
it through nsenter.
"""
import errno
import os
import shutil
import subprocess
import tempfile
import time
import unittest

from harness import BIN, Server, wait_for

ROOT = os.geteuid() == 0


def namespace_tools():
    return shutil.which("unshare") and shutil.which("nsenter")


class Namespace:
    """A mount namespace holding a tmpfs of `size` at `mnt`."""

    def __init__(self, mnt, size="4m"):
        self.mnt = mnt
        user = [] if ROOT else ["-r"]
        self.holder = subprocess.Popen(
            ["unshare", "-m", *user, "--propagation", "private", "sh", "-c",
             'mount -t tmpfs -o size=$1,mode=0700 tmpfs "$0" && echo mounted && exec sleep 3600', mnt, size],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        line = self.holder.stdout.readline()
        if line.strip() != "mounted":
            self.holder.kill()
            raise unittest.SkipTest("cannot mount a tmpfs in a private mount namespace: " +
                                    self.holder.stderr.read())
        # The namespace's files, seen from outside (no nsenter needed).
        self.inside = f"/proc/{self.holder.pid}/root{mnt}"

    def enter(self):
        user = [] if ROOT else ["-U", "--preserve-credentials"]
        return ["nsenter", "-t", str(self.holder.pid), "-m", *user, "--"]

    def close(self):
        self.holder.kill()
        self.holder.wait()


def fill(directory):
    """Writes zeros until the file system is full; returns the filler's path."""
    path = os.path.join(directory, "filler")
    chunk = b"\0" * 65536
    with open(path, "wb", buffering=0) as f:
        try:
            while True:
                f.write(chunk)
        except OSError as e:
            if e.errno != errno.ENOSPC:
                raise
        # The last few bytes too.
        try:
            while True:
                f.write(b"\0" * 512)
        except OSError:
            pass
    return path


@unittest.skipUnless(namespace_tools(), "needs unshare and nsenter (util-linux)")
class DiskFull(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="warroom-diskfull-")
        self.addCleanup(shutil.rmtree, self.dir, ignore_errors=True)
        self.mnt = os.path.join(self.dir, "mnt")
        os.mkdir(self.mnt, 0o700)
        self.ns = Namespace(self.mnt)
        self.addCleanup(self.ns.close)

    def server(self, token=None):
        s = Server(db_dir=self.mnt, wrapper=self.ns.enter())
        s.server_pid = lambda: s.proc.pid  # nsenter execs warroom
        s.start(expect_token=token is None)
        if token:
            s.token = token
        self.addCleanup(s.stop)
        return s

    def log_lines(self, s, text):
        return [line for line in s.log().splitlines() if text in line]

    def test_disk_full_is_503_not_ready_until_a_write_succeeds_and_nothing_acknowledged_is_lost(self):
        s = self.server()
        acked = {}  # incident id -> events answered 2xx
        for i in range(3):
            iid = s.api("POST", "/api/v1/incidents", {"severity": "P2", "summary": f"before {i}"}, expect=201)["id"]
            acked[iid] = 1
        self.assertEqual(s.request("GET", "/readyz", token="")[0], 200)

        filler = fill(self.ns.inside)
        # Writes fail once what SQLite had allocated runs out.
        note = {"kind": "finding", "text": "n" * 20000}
        target = next(iter(acked))
        failed = None
        for _ in range(400):
            st, data, headers = s.request("POST", f"/api/v1/incidents/{target}/notes", note)
            if st == 200:
                acked[target] += 1
                continue
            failed = (st, data, headers)
            break
        self.assertIsNotNone(failed, "no write failed on a full disk")
        st, data, headers = failed
        self.assertEqual(st, 503, data)
        self.assertEqual(data["code"], "unavailable")
        self.assertTrue(headers.get("Content-Type", "").startswith("application/problem+json"))
        self.assertIn("Retry-After", headers)
        self.assertIn("the disk holding the database is full", data["detail"])
        self.assertNotIn(self.mnt, data["detail"], "the path stays in the log")
        # Readiness says why, and every kind of write is refused the same way.
        st, ready, headers = s.request("GET", "/readyz", token="")
        self.assertEqual(st, 503, ready)
        self.assertEqual(ready["status"], "not ready")
        self.assertIn("full", ready["reason"])
        for _ in range(20):
            st, data, headers = s.request("POST", "/api/v1/incidents", {"severity": "P3", "summary": "while full"})
            self.assertEqual(st, 503, data)
            self.assertIn("Retry-After", headers)
        # Logged at once with the path and what to do, and not once per request.
        logged = self.log_lines(s, "database write failed")
        self.assertEqual(len(logged), 1, logged)
        self.assertIn(f"the disk holding the database is full at {self.mnt}/warroom.db", logged[0])
        self.assertIn("free space", logged[0])
        self.assertIn("until one succeeds", logged[0])

        # Freed, the server's own probe makes it ready again without a client write.
        os.unlink(filler)
        self.assertTrue(wait_for(lambda: s.request("GET", "/readyz", token="")[0] == 200, timeout=10),
                        s.request("GET", "/readyz", token=""))
        self.assertEqual(len(self.log_lines(s, "database writes succeed again")), 1, s.log())
        iid = s.api("POST", "/api/v1/incidents", {"severity": "P2", "summary": "after"}, expect=201)["id"]
        acked[iid] = 1
        s.api("POST", f"/api/v1/incidents/{target}/notes", {"kind": "finding", "text": "after"})
        acked[target] += 1

        # Restarted, every acknowledged write is there and the log verifies.
        s.stop()
        again = self.server(token=s.token)
        ids = set(again.all_incident_ids())
        for iid, n in acked.items():
            self.assertIn(iid, ids)
            events = again.api("GET", f"/api/v1/incidents/{iid}/timeline")["events"]
            self.assertEqual(len(events), n, iid)
        again.stop()
        p = subprocess.run(self.ns.enter() + [BIN, "verify", "--database", "sqlite:" + os.path.join(self.mnt, "warroom.db")],
                           capture_output=True, text=True, timeout=60)
        self.assertEqual(p.returncode, 0, p.stdout + p.stderr)
        self.assertIn("OK", p.stdout)


if __name__ == "__main__":
    unittest.main()
