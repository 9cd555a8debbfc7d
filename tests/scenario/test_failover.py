"""PostgreSQL fail-over as operators run it: a primary and a synchronous
standby (scripts/pg-test-cluster start-pair: pg_basebackup -R,
synchronous_standby_names), warroom on the multi-host URL with
target_session_attrs=read-write. Under a load of declarations and notes
(each request with its own Idempotency-Key, sent again on 503 or a broken
connection as the CLI does), the primary is killed (SIGKILL, every process
of it) and the standby promoted. Requests wait or get 503 meanwhile; none
that was acknowledged is missing on the promoted standby; each request
retried with its key applied once; the log verifies there."""
import json
import os
import shutil
import subprocess
import tempfile
import threading
import time
import unittest
import urllib.error
import urllib.request
import uuid
from collections import Counter

from harness import BIN, Server, pg_skip_reason, wait_for

PAIR = os.path.join(os.path.dirname(__file__), "..", "..", "scripts", "pg-test-cluster")


def pair_psql(port, sql, database="postgres"):
    p = subprocess.run(["psql", f"host=127.0.0.1 port={port} user=warroom dbname={database}",
                        "-v", "ON_ERROR_STOP=1", "-qAtc", sql], capture_output=True, text=True, timeout=60)
    if p.returncode != 0:
        raise AssertionError(f"psql {sql!r}: {p.stderr}")
    return p.stdout.strip()


class Failover(unittest.TestCase):
    def setUp(self):
        why = pg_skip_reason()
        if why:
            self.skipTest(why)
        self.dir = tempfile.mkdtemp(prefix="warroom-failover-")
        self.addCleanup(shutil.rmtree, self.dir, True)
        os.chmod(self.dir, 0o755)  # as root the clusters run as `postgres`, which must reach them
        self.pair = os.path.join(self.dir, "pg")
        started = subprocess.run([PAIR, "start-pair", self.pair], capture_output=True, text=True, timeout=180)
        self.addCleanup(subprocess.run, [PAIR, "stop", self.pair], capture_output=True, timeout=60)
        self.assertEqual(started.returncode, 0, started.stderr)
        fields = dict(kv.split("=", 1) for kv in started.stdout.split())
        self.primary_port, self.standby_port = fields["port"].split(",")
        self.assertEqual(fields["target_session_attrs"], "read-write")
        pair_psql(self.primary_port, "CREATE DATABASE warroom")
        self.url = (f"postgres://warroom@127.0.0.1:{self.primary_port},127.0.0.1:{self.standby_port}/warroom"
                    "?target_session_attrs=read-write&connect_timeout=2")
        os.makedirs(os.path.join(self.dir, "instance"), mode=0o700)
        self.server = Server(database=self.url, db_dir=os.path.join(self.dir, "instance")).start()
        self.addCleanup(self.server.stop)

    def call(self, method, path, body, key, log, first_timeout=60):
        """One request as the CLI sends it: its key kept across attempts, sent
        again on 502/503/504 or a broken connection for up to 60 s. Every
        attempt's status goes to `log`; returns (status, answer, whether it
        was replayed). The first attempt gives up after first_timeout, as a
        client whose answer is lost."""
        data = json.dumps(body).encode()
        deadline = time.time() + 60
        timeout = first_timeout
        while True:
            req = urllib.request.Request(self.server.url + path, data=data, method=method)
            req.add_header("Authorization", "Bearer " + self.server.token)
            req.add_header("Idempotency-Key", key)
            req.add_header("Content-Type", "application/json")
            try:
                with urllib.request.urlopen(req, timeout=timeout) as r:
                    log.append(r.status)
                    return r.status, json.loads(r.read()), r.headers.get("Idempotent-Replayed")
            except urllib.error.HTTPError as e:
                text = e.read()
                log.append(e.code)
                if e.code == 503:
                    self.assertIsNotNone(e.headers.get("Retry-After"), text)
                if e.code not in (502, 503, 504) or time.time() > deadline:
                    return e.code, text, None
            except OSError:
                log.append("broken")
                if time.time() > deadline:
                    raise
            timeout = 60
            time.sleep(0.2)

    def test_the_primary_killed_and_the_standby_promoted_lose_no_acknowledged_write(self):
        iid = self.server.api("POST", "/api/v1/incidents", {"severity": "P2", "summary": "before the fail-over"},
                              expect=201)["id"]
        lock = threading.Lock()
        acked_notes, acked_incidents, attempts, replayed, took = [], [], [], [], []
        answered_before = []
        by_key = {}
        stop = threading.Event()
        phase = {"name": "before"}
        by_phase = Counter()

        def worker(w, first_timeout=60):
            n = 0
            while not stop.is_set() and not (first_timeout < 60 and n):
                n += 1
                key = str(uuid.uuid4())
                log = []
                began = time.monotonic()
                if n % 5 == 0 and first_timeout == 60:
                    st, d, rep = self.call("POST", "/api/v1/incidents",
                                           {"severity": "P3", "summary": f"load {w}.{n}"}, key, log)
                    ok = st == 201
                    if ok:
                        with lock:
                            acked_incidents.append(d["id"])
                else:
                    text = f"finding {w}.{n} {key}"
                    st, d, rep = self.call("POST", f"/api/v1/incidents/{iid}/notes",
                                           {"kind": "finding", "text": text}, key, log, first_timeout)
                    ok = st == 200
                    if ok:
                        with lock:
                            acked_notes.append(text)
                            if phase["name"] == "before":
                                answered_before.append((key, text, d))
                with lock:
                    attempts.append(log)
                    by_key[key] = (log, phase["name"], rep)
                    took.append(time.monotonic() - began)
                    if rep:
                        replayed.append(key)
                    if ok:
                        by_phase[phase["name"]] += 1
                self.assertTrue(ok, f"request {key}: {st} {d!r} after attempts {log}")

        errors = []

        def guarded(w, first_timeout=60):
            try:
                worker(w, first_timeout)
            except BaseException as e:  # reported below, in the test's thread
                errors.append(e)

        threads = [threading.Thread(target=guarded, args=(w,)) for w in range(4)]
        for t in threads:
            t.start()
        lost = []
        try:
            self.assertTrue(wait_for(lambda: by_phase["before"] >= 20, timeout=30), by_phase)
            # Killed under load: nothing is shut down cleanly.
            subprocess.run([PAIR, "kill", os.path.join(self.pair, "primary")], check=True, timeout=30)
            phase["name"] = "down"
            # Clients whose answers are lost: each gives up on its first
            # attempt while the server waits for a primary, and sends the
            # request again with its key.
            lost = [threading.Thread(target=guarded, args=(f"lost-{k}", 0.3)) for k in range(3)]
            for t in lost:
                t.start()
            time.sleep(1.5)
            subprocess.run([PAIR, "promote", os.path.join(self.pair, "standby")], check=True, timeout=90)
            phase["name"] = "promoted"
            self.assertTrue(wait_for(lambda: by_phase["promoted"] >= 20 or errors, timeout=60), by_phase)
        finally:
            stop.set()
            for t in threads + lost:
                t.join(120)
        self.assertEqual(errors, [])
        self.assertEqual(len([a for a in attempts if a and a[0] == "broken"]), 3, attempts)

        # Answers acknowledged by the old primary, asked for again with their
        # keys on the new one: the same answers, replayed, nothing applied.
        self.assertGreaterEqual(len(answered_before), 5)
        for key, text, first in answered_before[:5]:
            st, again, rep = self.call("POST", f"/api/v1/incidents/{iid}/notes", {"kind": "finding", "text": text},
                                       key, [])
            self.assertEqual((st, rep), (200, "true"), again)
            self.assertEqual(again, first)

        # Requests waited (the server reconnecting, up to 10 s) or were
        # answered 503 while no primary was there, and were sent again.
        waited = [a for a in attempts if len(a) > 1]
        self.assertGreater(max(took), 1.0, "no request spanned the fail-over")
        self.assertIn("connected to PostgreSQL 127.0.0.1:" + self.standby_port, self.server.log())

        # Everything acknowledged is on the promoted standby, and once.
        timeline = self.server.api("GET", f"/api/v1/incidents/{iid}/timeline")["events"]
        notes = Counter(e["payload"]["text"] for e in timeline if e["type"] == "note_added")
        for text in acked_notes:
            self.assertEqual(notes[text], 1, f"{text!r} recorded {notes[text]} times "
                             f"(attempts, phase, replayed: {by_key.get(text.split()[-1])})")
        self.assertEqual(sum(notes.values()), len(acked_notes), "a note nobody was answered for was recorded")
        ids = set(self.server.all_incident_ids())
        self.assertEqual(ids, set(acked_incidents) | {iid})
        self.assertEqual(len(acked_incidents), len(set(acked_incidents)))
        print(f"\nfail-over: {len(acked_notes)} notes and {len(acked_incidents)} incidents acknowledged "
              f"({dict(by_phase)}); the longest request {max(took):.1f} s; {len(waited)} sent more than once "
              f"({Counter(s for a in waited for s in a[:-1])}), {len(replayed)} answered from their key",
              flush=True)

        # The old primary is gone for good: the chain verifies on the new one.
        self.server.stop()
        v = subprocess.run([BIN, "verify", "--database",
                            f"postgres://warroom@127.0.0.1:{self.standby_port}/warroom", "--key",
                            self.server.signing_key], capture_output=True, text=True, timeout=60)
        self.assertEqual(v.returncode, 0, v.stdout + v.stderr)
        self.assertEqual(pair_psql(self.standby_port, "SELECT pg_is_in_recovery()"), "f")


if __name__ == "__main__":
    unittest.main()
