"""Two instances on one PostgreSQL behind nginx (deploy/nginx/warroom.conf),
in rounds: a burst of P0 declarations, notes and clock advances (simulated
time) through the load balancer, while the instance that runs the
background work is killed (SIGKILL) at a random point and started again.
Afterwards every acknowledged write is there once, every page was
delivered (each page's Idempotency-Key reached the receiver; a repeat of a
key is the at-least-once delivery the key is for), every breach is
recorded once, and `warroom verify` is clean. The seed is printed;
WARROOM_KILL_SEED=<seed> replays a run, WARROOM_KILL_ROUNDS sets how many."""
import json
import os
import random
import signal
import subprocess
import tempfile
import threading
import time
import unittest
import urllib.error
import urllib.request
import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

from harness import BIN, Server, free_port, pg_test_database, start_nginx, wait_for
from receiver import Receiver

ROUNDS = int(os.environ.get("WARROOM_KILL_ROUNDS", "20"))
SIM = ("--clock", "simulated:2026-02-12T14:00:00Z")


class Instances(unittest.TestCase):
    def setUp(self):
        self.db_name, self.url = pg_test_database(self)
        self.rx = Receiver()
        self.addCleanup(self.rx.close)
        self.dir = tempfile.mkdtemp(prefix="warroom-instances-")
        self.cfg = os.path.join(self.dir, "warroom.yaml")
        with open(self.cfg, "w") as f:
            f.write(f"""destinations:
  pager: {{type: webhook, url: "{self.rx.url}/ok", timeout: 2s}}
routes:
  pages: [pager]
alert_routing:
  routes:
    - name: critical
      matchers: ['severity="critical"']
      action: declare
      severity: P1
""")
        self.ports = [free_port(), free_port()]
        self.key = os.path.join(self.dir, "warroom.signing-key")
        self.servers = [None, None]
        self.token = None
        for i in (0, 1):
            self.start(i)
        self.nginx, self.lb = start_nginx(self.ports, self.dir)
        self.addCleanup(self.stop_all)

    def start(self, i):
        d = os.path.join(self.dir, f"instance-{i}")
        os.makedirs(d, exist_ok=True)
        s = Server(*SIM, "--config", self.cfg, "--background-lease", "2s", listen=f"127.0.0.1:{self.ports[i]}",
                   database=self.url, db_dir=d, signing_key=self.key)
        s.start(expect_token=self.token is None)
        if self.token is None:
            self.token = s.token
        s.token = self.token
        assert s.url.endswith(f":{self.ports[i]}"), s.url
        self.servers[i] = s

    def stop_all(self):
        self.nginx.terminate()
        self.nginx.wait(10)
        for s in self.servers:
            if s:
                s.stop()

    def holder(self):
        for i, s in enumerate(self.servers):
            try:
                with urllib.request.urlopen(s.url + "/readyz", timeout=2) as r:
                    if json.loads(r.read())["background"]["here"]:
                        return i
            except (OSError, ValueError, KeyError):
                pass
        return None

    def call(self, method, path, body=None):
        """A client as the command line is: one Idempotency-Key per request,
        sent again on 502/503/504 or a broken connection, for up to 30 s.
        Returns (status, answer)."""
        key = str(uuid.uuid4())
        data = json.dumps(body).encode() if body is not None else None
        deadline = time.time() + 30
        while True:
            req = urllib.request.Request(self.lb + path, data=data, method=method)
            req.add_header("Authorization", "Bearer " + self.token)
            req.add_header("Idempotency-Key", key)
            if data is not None:
                req.add_header("Content-Type", "application/json")
            try:
                with urllib.request.urlopen(req, timeout=30) as r:
                    return r.status, json.loads(r.read())
            except urllib.error.HTTPError as e:
                text = e.read()
                if e.code not in (502, 503, 504) or time.time() > deadline:
                    return e.code, text
            except OSError:
                if time.time() > deadline:
                    raise
            time.sleep(0.1)

    def burst(self, rng, n, acked, lock):
        """Returns (status, what was sent, the answer) for each request, so
        that a failure shows why."""
        ids = []

        def one(k):
            kind = rng.choice(["declare", "declare", "note", "advance"]) if ids else "declare"
            if kind == "declare":
                st, d = self.call("POST", "/api/v1/incidents", {"severity": "P0", "summary": f"burst {k}"})
                if st == 201:
                    with lock:
                        acked["declared"].append(d["id"])
                        ids.append(d["id"])
                return st, "declare", d
            if kind == "note":
                iid = rng.choice(ids)
                text = f"note {uuid.uuid4()}"
                st, d = self.call("POST", f"/api/v1/incidents/{iid}/notes", {"kind": "finding", "text": text})
                if st == 200:
                    with lock:
                        acked["notes"].append((iid, text))
                return st, f"note on {iid}", d
            st, d = self.call("POST", "/api/v1/clock/advance", {"by": f"{rng.randint(1, 4)}m"})
            return st, "advance", d

        with ThreadPoolExecutor(4) as pool:
            return list(pool.map(one, range(n)))

    def test_kill_rounds_lose_nothing_and_page_once(self):
        seed = int(os.environ.get("WARROOM_KILL_SEED", str(random.randrange(1 << 30))))
        print(f"\nkill rounds: WARROOM_KILL_SEED={seed} WARROOM_KILL_ROUNDS={ROUNDS}", flush=True)
        rng = random.Random(seed)
        acked = {"declared": [], "notes": []}
        lock = threading.Lock()
        wait_for(lambda: self.holder() is not None, timeout=10)
        for rnd in range(ROUNDS):
            victim = self.holder()
            if victim is None:
                victim = rng.randrange(2)
            delay = rng.uniform(0.0, 0.6)
            killer = threading.Timer(delay, lambda v=victim: os.kill(self.servers[v].server_pid(), signal.SIGKILL))
            killer.start()
            statuses = self.burst(rng, rng.randint(6, 14), acked, lock)
            killer.join()
            self.servers[victim].proc.wait(10)
            bad = [s for s in statuses if s[0] // 100 != 2]
            self.assertEqual(bad, [], f"round {rnd} (seed {seed}): unacknowledged answers {bad}")
            self.start(victim)
        # Settle: someone holds the lease, the clocks are caught up (an
        # advance through the holder answers once what is due is queued;
        # an incident declared elsewhere reaches its clocks within the peer
        # refresh's 250 ms), and every page is sent.
        self.assertTrue(wait_for(lambda: self.holder() is not None, timeout=15), f"seed {seed}: no holder")
        admin = self.servers[self.holder()]
        admin.api("POST", "/api/v1/clock/advance", {"by": "1s"})
        ids = set(admin.all_incident_ids())

        def pager_messages():
            # Incident by incident: the re-pages of 20 rounds are more than
            # one list's limit.
            return [m for iid in ids for m in admin.api("GET", f"/api/v1/outbox?incident={iid}&limit=1000")["items"]
                    if m["destination"] == "pager"]

        def received():
            return Counter(h.get("idempotency-key") for p, h, _, _ in self.rx.requests if p == "/ok")

        def snapshot():
            listed = pager_messages()
            keys = {m["idempotency_key"] for m in listed}
            done = all(m["state"] == "delivered" for m in listed) and set(received()) <= keys
            return done, keys, sum(received().values())

        def settled():
            # Done, and still so half a second later with nothing new.
            first = snapshot()
            if not first[0]:
                return False
            time.sleep(0.5)
            return snapshot() == first
        wait_for(settled, timeout=30)
        pages = pager_messages()
        self.assertTrue(all(m["state"] == "delivered" for m in pages),
                        f"seed {seed}: pages not delivered: {[m for m in pages if m['state'] != 'delivered']}")

        # Every acknowledged write, once.
        self.assertEqual(len(set(acked["declared"])), len(acked["declared"]))
        self.assertLessEqual(set(acked["declared"]), ids)
        self.assertEqual(len(ids), len(acked["declared"]), f"seed {seed}: an unacknowledged declaration applied")
        timelines = {iid: admin.api("GET", f"/api/v1/incidents/{iid}/timeline")["events"] for iid in ids}
        notes = Counter((iid, e["payload"]["text"]) for iid, t in timelines.items() for e in t
                        if e["type"] == "note_added")
        for n in acked["notes"]:
            self.assertEqual(notes[n], 1, f"seed {seed}: note {n} recorded {notes[n]} times")
        self.assertEqual(sum(notes.values()), len(acked["notes"]))

        # Every page reached the receiver under its key; none is a second
        # page for the same step (a new key).
        got = received()
        keys = {m["idempotency_key"] for m in pages}
        self.assertEqual(len(keys), len(pages))
        self.assertEqual(set(got), keys, f"seed {seed}")
        self.assertGreaterEqual(len(pages), len(ids))  # a P0 pages at declaration
        repeats = sum(c - 1 for c in got.values())
        print(f"kill rounds: {len(ids)} incidents, {len(acked['notes'])} notes, {len(pages)} pages "
              f"({repeats} sent again after a take-over, dropped by key)", flush=True)

        # Every breach once.
        for iid, t in timelines.items():
            b = Counter((e["payload"]["clock"], e["payload"]["due_at"]) for e in t if e["type"] == "clock_breached")
            self.assertEqual([k for k, c in b.items() if c > 1], [], f"seed {seed}: {iid} breached twice")

        v = subprocess.run([BIN, "verify", "--database", self.url, "--key",
                            self.key], capture_output=True, text=True, timeout=60)
        self.assertEqual(v.returncode, 0, v.stdout + v.stderr)

    def test_a_storm_of_one_group_split_across_instances_is_one_incident(self):
        admin = self.servers[0]
        key = admin.api("POST", "/api/v1/integrations", {"name": "storm", "type": "generic"}, expect=201)["key"]

        def post(n):
            body = {"alerts": [{"key": f"api-{n}", "summary": f"API 5xx on pod {n}", "group": "api-5xx",
                                "labels": {"severity": "critical"}}]}
            req = urllib.request.Request(self.lb + "/api/v1/ingest/generic", data=json.dumps(body).encode(),
                                         method="POST", headers={"Authorization": "Bearer " + key,
                                                                 "Content-Type": "application/json"})
            with urllib.request.urlopen(req, timeout=30) as r:
                return r.status

        with ThreadPoolExecutor(6) as pool:
            self.assertEqual(set(pool.map(post, range(40))), {200})
        ids = admin.all_incident_ids()
        self.assertEqual(len(ids), 1, ids)
        alerts = admin.api("GET", f"/api/v1/alerts?incident={ids[0]}&limit=100")["items"]
        self.assertEqual(len(alerts), 40)
        # Both instances took part.
        logs = [s.log() for s in self.servers]
        self.assertTrue(all("listening on" in log for log in logs))


if __name__ == "__main__":
    unittest.main()
