"""warroom serve on PostgreSQL (the test cluster make test starts): every
acknowledged write survives a restart and verifies; two instances on one
database see each other's writes at once (no stale incident, no revoked
token still accepted) and share one simulated clock; a page the dead
holder was sending is sent by the next one; a connection the server drops is regained without a
failed request; an unreachable or malformed database URL refuses to start
and says what to check, never the password."""
import json
import os
import shutil
import signal
import subprocess
import tempfile
import time
import unittest

from harness import BIN, Server, pg_test_database, psql
from receiver import Receiver


class PostgresServe(unittest.TestCase):
    def setUp(self):
        self.db_name, self.url = pg_test_database(self)

    def server(self, **kw):
        s = Server(database=self.url, **kw).start(**({} if "db_dir" not in kw else {"expect_token": False}))
        self.addCleanup(s.cleanup)
        return s

    def verify(self, s, *extra):
        return subprocess.run([BIN, "verify", "--database", self.url, "--key",
                               os.path.join(s.dir, "warroom.signing-key"), *extra],
                              capture_output=True, text=True, timeout=60)

    def test_every_acknowledged_write_survives_a_restart_and_the_log_verifies(self):
        s = self.server()
        self.assertIn("database PostgreSQL 127.0.0.1:", s.log())
        ids = []
        for n in range(3):
            inc = s.api("POST", "/api/v1/incidents", {"severity": "P2", "summary": f"on postgres {n}"}, expect=201)
            ids.append(inc["id"])
            s.api("POST", f"/api/v1/incidents/{inc['id']}/notes", {"kind": "finding", "text": f"finding {n}"})
        s.stop()
        again = s.restarted()
        self.addCleanup(again.cleanup)
        self.assertEqual(sorted(again.all_incident_ids()), sorted(ids))
        one = again.api("GET", f"/api/v1/incidents/{ids[1]}")
        self.assertEqual(one["summary"], "on postgres 1")
        v = self.verify(again)
        self.assertEqual(v.returncode, 0, v.stdout + v.stderr)
        self.assertIn("OK: 6 events in 3 incidents", v.stdout)
        vj = self.verify(again, "--json")
        self.assertEqual(vj.returncode, 0, vj.stderr)
        self.assertIn('"ok":true', vj.stdout)

    def test_two_instances_on_one_database_see_each_others_writes_at_once(self):
        a = self.server()
        b = Server(database=self.url, db_dir=a.dir).start(expect_token=False)
        self.addCleanup(b.stop)
        b.token = a.token
        inc = a.api("POST", "/api/v1/incidents", {"severity": "P1", "summary": "seen by both"}, expect=201)
        iid = inc["id"]
        # B reads it (and may keep it in memory), A changes it, B sees the change.
        self.assertEqual(b.api("GET", f"/api/v1/incidents/{iid}")["status"], "investigating")
        a.api("POST", f"/api/v1/incidents/{iid}/identify", {"root_cause": "a bad deploy", "category": "deployment"})
        self.assertEqual(b.api("GET", f"/api/v1/incidents/{iid}")["status"], "identified")
        # Commands through both instances on one incident keep one chain.
        for n in range(5):
            (a if n % 2 else b).api("POST", f"/api/v1/incidents/{iid}/notes", {"kind": "finding", "text": str(n)})
        events = a.api("GET", f"/api/v1/incidents/{iid}/timeline")["events"]
        self.assertEqual([e["seq"] for e in events], list(range(1, len(events) + 1)))
        self.assertEqual(sum(e["type"] == "note_added" for e in events), 5)
        # A token revoked on A is refused by B at its next request.
        tok = a.api("POST", "/api/v1/users", {"handle": "carol", "permission": "responder"}, expect=201)
        self.assertEqual(b.request("GET", "/api/v1/incidents", token=tok["token"])[0], 200)
        a.api("DELETE", f"/api/v1/tokens/{tok['token_id']}")
        self.assertEqual(b.request("GET", "/api/v1/incidents", token=tok["token"])[0], 401)
        v = self.verify(a)
        self.assertEqual(v.returncode, 0, v.stdout + v.stderr)

    def readyz(self, s):
        st, body, _ = s.request("GET", "/readyz", token="")
        self.assertEqual(st, 200, body)
        return body

    def holder_and_peer(self, *args):
        """Two instances on this database, started with `args`: A, which
        holds the background lease by the time B starts, and B."""
        a = Server(*args, database=self.url).start()
        self.addCleanup(a.cleanup)
        self.wait_for_holder(a, 10)
        b = Server(*args, database=self.url, db_dir=a.dir).start(expect_token=False)
        self.addCleanup(b.stop)
        b.token = a.token
        return a, b

    def wait_for_holder(self, s, timeout):
        deadline = time.time() + timeout
        while time.time() < deadline:
            b = self.readyz(s)["background"]
            if b["here"]:
                return b
            time.sleep(0.1)
        self.fail(f"{s.url} did not take the background lease in {timeout} s: {self.readyz(s)}")

    def test_one_instance_runs_the_background_modules_and_another_takes_over_when_it_dies(self):
        a = self.server()
        first = self.wait_for_holder(a, 10)
        b = Server(database=self.url, db_dir=a.dir).start(expect_token=False)
        self.addCleanup(b.stop)
        b.token = a.token
        rb = self.readyz(b)
        self.assertEqual(rb["status"], "ready")
        self.assertFalse(rb["background"]["here"])
        self.assertEqual(rb["background"]["holder"], self.readyz(a)["instance"])
        self.assertNotEqual(rb["instance"], self.readyz(a)["instance"])
        # Both serve the API; only the holder advances time (none here: real time).
        a.api("POST", "/api/v1/incidents", {"severity": "P2", "summary": "before the kill"}, expect=201)
        # The holder dies without a word: the other takes over within 15 s.
        killed = time.time()
        a.stop(sig=signal.SIGKILL)
        taken = self.wait_for_holder(b, 15)
        self.assertLess(time.time() - killed, 15)
        self.assertEqual(taken["epoch"], first["epoch"] + 1)
        self.assertIn("holding the background lease", b.log())
        # A clean stop hands over at once: A again, then B stopped.
        c = Server(database=self.url, db_dir=a.dir).start(expect_token=False)
        self.addCleanup(c.stop)
        c.token = a.token
        self.assertFalse(self.readyz(c)["background"]["here"])
        stopped = time.time()
        b.stop()
        self.wait_for_holder(c, 10)
        self.assertLess(time.time() - stopped, 8, "a released lease is taken at the next renewal")
        iid = c.api("POST", "/api/v1/incidents", {"severity": "P3", "summary": "after"}, expect=201)["id"]
        self.assertEqual(len(c.all_incident_ids()), 2, iid)

    def test_a_holder_paused_past_its_lease_resumes_without_running_the_modules(self):
        a = self.server()
        self.wait_for_holder(a, 10)
        b = Server(database=self.url, db_dir=a.dir).start(expect_token=False)
        self.addCleanup(b.stop)
        b.token = a.token
        os.kill(a.server_pid(), signal.SIGSTOP)
        try:
            taken = self.wait_for_holder(b, 20)
        finally:
            os.kill(a.server_pid(), signal.SIGCONT)
        # Resumed, A knows at once that its claim ran out: it pauses its
        # modules and serves requests as any other instance.
        b_name = self.readyz(b)["instance"]
        deadline = time.time() + 10
        while time.time() < deadline:
            ra = self.readyz(a)
            if not ra["background"]["here"] and ra["background"]["holder"] == b_name:
                break
            time.sleep(0.1)
        self.assertFalse(ra["background"]["here"], ra)
        self.assertEqual(ra["background"]["holder"], b_name)
        self.assertEqual(ra["background"]["epoch"], taken["epoch"])
        self.assertIn("not holding the background lease", a.log())
        iid = a.api("POST", "/api/v1/incidents", {"severity": "P3", "summary": "after the pause"}, expect=201)["id"]
        self.assertEqual(b.api("GET", f"/api/v1/incidents/{iid}")["summary"], "after the pause")
        self.assertTrue(self.readyz(b)["background"]["here"])
        v = self.verify(a)
        self.assertEqual(v.returncode, 0, v.stdout + v.stderr)

    def test_a_page_the_dead_holder_was_sending_is_sent_by_the_next_holder_while_time_stands_still(self):
        # Simulated time that nobody moves: the dead holder's claim on the
        # page must not wait for the clock (the new holder releases it).
        rx = Receiver()
        self.addCleanup(rx.close)
        cfg = os.path.join(tempfile.mkdtemp(prefix="warroom-takeover-"), "warroom.yaml")
        with open(cfg, "w") as f:
            f.write(f"destinations:\n  pager: {{type: webhook, url: \"{rx.url}/slow\", timeout: 5s}}\n"
                    "routes:\n  pages: [pager]\n")
        a, b = self.holder_and_peer("--clock", "simulated:2026-02-12T14:00:00Z", "--config", cfg,
                                    "--background-lease", "2s")
        iid = b.api("POST", "/api/v1/incidents", {"severity": "P0", "summary": "API down"}, expect=201)["id"]
        # The holder is sending the page (the receiver holds the first one
        # for 2 s) when it dies.
        deadline = time.time() + 10
        while time.time() < deadline and not rx.requests:
            time.sleep(0.02)
        self.assertTrue(rx.requests, "the holder never sent the page")
        a.stop(sig=signal.SIGKILL)
        self.wait_for_holder(b, 15)

        def pages():
            return [m for m in b.api("GET", "/api/v1/outbox?limit=100")["items"] if m["destination"] == "pager"]
        deadline = time.time() + 15
        while time.time() < deadline and any(m["state"] != "delivered" for m in pages()):
            time.sleep(0.1)
        self.assertEqual([m["state"] for m in pages()], ["delivered"], pages())
        self.assertEqual(b.api("GET", "/api/v1/clock")["now"], "2026-02-12T14:00:00Z")
        # Sent twice under one key: the receiver drops the repeat.
        keys = [h.get("idempotency-key") for p, h, _, _ in rx.requests]
        self.assertEqual(len(keys), 2, keys)
        self.assertEqual(len(set(keys)), 1, keys)
        self.assertEqual(keys[0], pages()[0]["idempotency_key"], iid)

    def test_simulated_time_is_the_databases_and_every_instance_follows_it(self):
        sim = ("--clock", "simulated:2026-02-12T14:00:00Z")
        a = Server(*sim, database=self.url).start()
        self.addCleanup(a.cleanup)
        self.wait_for_holder(a, 10)
        # B starts with an earlier time: the database's goes on.
        b = Server("--clock", "simulated:2026-02-12T13:00:00Z", database=self.url, db_dir=a.dir).start(
            expect_token=False)
        self.addCleanup(b.stop)
        b.token = a.token
        self.assertEqual(b.api("GET", "/api/v1/clock")["now"], "2026-02-12T14:00:00Z")
        self.assertIn("simulated time goes on at 2026-02-12T14:00:00Z", b.log())
        iid = a.api("POST", "/api/v1/incidents", {"severity": "P0", "summary": "API down"}, expect=201)["id"]
        # Advanced through the instance that does not run the clocks: the
        # holder catches up and records the breach at its due time, once.
        self.assertEqual(b.api("POST", "/api/v1/clock/advance", {"by": "30m"})["now"], "2026-02-12T14:30:00Z")
        deadline = time.time() + 10
        while time.time() < deadline and a.api("GET", "/api/v1/clock")["now"] != "2026-02-12T14:30:00Z":
            time.sleep(0.05)
        self.assertEqual(a.api("GET", "/api/v1/clock")["now"], "2026-02-12T14:30:00Z")

        def acks():
            return [(e["payload"]["due_at"], e["occurred_at"]) for e in
                    b.api("GET", f"/api/v1/incidents/{iid}/timeline")["events"]
                    if e["type"] == "clock_breached" and e["payload"]["clock"] == "acknowledge"]
        deadline = time.time() + 10
        while time.time() < deadline and not acks():
            time.sleep(0.05)
        self.assertEqual(acks(), [("2026-02-12T14:05:00Z", "2026-02-12T14:05:00Z")])
        # Through the holder, the other follows.
        a.api("POST", "/api/v1/clock/advance", {"by": "5m"})
        deadline = time.time() + 10
        while time.time() < deadline and b.api("GET", "/api/v1/clock")["now"] != "2026-02-12T14:35:00Z":
            time.sleep(0.05)
        self.assertEqual(b.api("GET", "/api/v1/clock")["now"], "2026-02-12T14:35:00Z")
        # A restart goes on where time stood, whatever --clock says.
        b.stop()
        a.stop()
        again = a.restarted(*sim)
        self.addCleanup(again.cleanup)
        self.assertEqual(again.api("GET", "/api/v1/clock")["now"], "2026-02-12T14:35:00Z")
        breached = [e for e in again.api("GET", f"/api/v1/incidents/{iid}/timeline")["events"]
                    if e["type"] == "clock_breached" and e["payload"]["clock"] == "acknowledge"]
        self.assertEqual(len(breached), 1)

    def test_a_change_on_one_instance_reaches_the_holder_at_once(self):
        a, b = self.holder_and_peer("--clock", "simulated:2026-02-12T14:00:00Z")
        # Declared through B: A, which runs the clocks, hears of it through
        # the change notifications (its own periodic reload is 10 s away) and
        # records the breach at its due time when time passes it.
        iid = b.api("POST", "/api/v1/incidents", {"severity": "P0", "summary": "declared on B"}, expect=201)["id"]
        time.sleep(0.5)
        b.api("POST", "/api/v1/clock/advance", {"by": "6m"})
        deadline = time.time() + 3
        breaches = []
        while time.time() < deadline and not breaches:
            breaches = [e for e in a.api("GET", f"/api/v1/incidents/{iid}/timeline")["events"]
                        if e["type"] == "clock_breached" and e["payload"]["clock"] == "acknowledge"]
            time.sleep(0.05)
        self.assertEqual([(e["payload"]["clock"], e["occurred_at"], e["payload"]["retroactive"]) for e in breaches],
                         [("acknowledge", "2026-02-12T14:05:00Z", False)])

    def test_a_connection_the_server_drops_is_regained_without_a_failed_request(self):
        s = self.server()
        iid = s.api("POST", "/api/v1/incidents", {"severity": "P3", "summary": "before"}, expect=201)["id"]
        ended = psql("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                     f"WHERE datname = '{self.db_name}' AND pid <> pg_backend_pid()")
        self.assertGreater(int(ended.strip()), 0)
        # The next write and read reconnect and succeed.
        s.api("POST", f"/api/v1/incidents/{iid}/notes", {"kind": "finding", "text": "after the drop"})
        self.assertEqual(s.api("GET", f"/api/v1/incidents/{iid}")["summary"], "before")
        self.assertIn("lost the connection to PostgreSQL", s.log())
        self.assertEqual(s.request("GET", "/readyz", token="")[0], 200)

    def test_an_unreachable_database_refuses_to_start_and_says_what_to_check(self):
        d = subprocess.run([BIN, "serve", "--listen", "127.0.0.1:0", "--database",
                            "postgres://warroom:s3cret-pass@127.0.0.1:1/nothing?connect_timeout=3",
                            "--signing-key", os.path.join(self.tmp(), "k")],
                           capture_output=True, text=True, timeout=60)
        self.assertEqual(d.returncode, 1, d.stderr)
        self.assertIn("cannot connect to PostgreSQL", d.stderr)
        self.assertIn("--database", d.stderr)
        self.assertNotIn("s3cret-pass", d.stderr + d.stdout)

    def test_a_database_url_of_another_kind_is_a_usage_error(self):
        d = subprocess.run([BIN, "serve", "--listen", "127.0.0.1:0", "--database", "mysql://x/y"],
                           capture_output=True, text=True, timeout=60)
        self.assertEqual(d.returncode, 2, d.stderr)
        self.assertIn("must look like sqlite:", d.stderr)
        self.assertIn("postgres://", d.stderr)

    def test_migrate_copies_a_sqlite_installation_that_then_serves_from_postgres(self):
        src = Server().start()
        self.addCleanup(src.cleanup)
        ids = [src.api("POST", "/api/v1/incidents", {"severity": sev, "summary": f"from sqlite {sev}"},
                       expect=201)["id"] for sev in ("P1", "P2", "P3")]
        src.api("POST", f"/api/v1/incidents/{ids[0]}/notes", {"kind": "decision", "text": "roll back"})
        carol = src.api("POST", "/api/v1/users", {"handle": "carol", "permission": "responder"}, expect=201)
        key = src.cli_json("integration", "create", "--type", "alertmanager", "--name", "prod")["key"]
        alert = {"version": "4", "groupKey": "{}:{alertname=\"X\"}", "truncatedAlerts": 0, "status": "firing",
                 "receiver": "warroom", "groupLabels": {"alertname": "X"}, "commonLabels": {},
                 "commonAnnotations": {}, "externalURL": "http://127.0.0.1:9093",
                 "alerts": [{"status": "firing", "labels": {"alertname": "X"}, "annotations": {},
                             "startsAt": "2026-02-12T14:16:00Z", "endsAt": "0001-01-01T00:00:00Z",
                             "generatorURL": "http://prom/graph", "fingerprint": "f1"}]}
        self.assertEqual(src.request("POST", "/api/v1/ingest/alertmanager", alert, token=key)[0], 200)
        before = {i: src.api("GET", f"/api/v1/incidents/{i}/timeline")["events"] for i in ids}
        src.stop()

        m = subprocess.run([BIN, "migrate", "--from", "sqlite:" + src.db, "--to", self.url],
                           capture_output=True, text=True, timeout=120)
        self.assertEqual(m.returncode, 0, m.stderr + m.stdout)
        self.assertIn("source OK, target OK, the same log", m.stdout)
        self.assertIn("copying events", m.stderr)  # progress, a line per table off a terminal
        # The copy serves: same incidents, same timelines, the same tokens and keys.
        shutil.copy(src.db + ".signing-key", os.path.join(src.dir, "warroom.signing-key"))
        dst = Server(database=self.url, db_dir=src.dir).start(expect_token=False)
        self.addCleanup(dst.stop)
        dst.token = src.token
        self.assertEqual(sorted(dst.all_incident_ids()), sorted(ids))
        for i in ids:
            self.assertEqual(dst.api("GET", f"/api/v1/incidents/{i}/timeline")["events"], before[i])
        self.assertEqual(dst.request("GET", "/api/v1/me", token=carol["token"])[0], 200)
        self.assertEqual(len(dst.api("GET", "/api/v1/alerts")["items"]), 1)
        self.assertEqual(dst.request("POST", "/api/v1/ingest/alertmanager", alert, token=key)[0], 200)
        # The next incident of the day continues the numbering.
        nxt = dst.api("POST", "/api/v1/incidents", {"severity": "P3", "summary": "on postgres"}, expect=201)["id"]
        self.assertNotIn(nxt, ids)
        self.assertTrue(nxt.endswith("-004"), nxt)
        v = self.verify(dst)
        self.assertEqual(v.returncode, 0, v.stdout + v.stderr)
        dst.stop()

        # Never into a database that holds an installation; JSON for scripts.
        again = subprocess.run([BIN, "migrate", "--from", "sqlite:" + src.db, "--to", self.url, "--json"],
                               capture_output=True, text=True, timeout=60)
        self.assertEqual(again.returncode, 2, again.stderr)
        self.assertIn("not empty", again.stderr)
        self.assertFalse(json.loads(again.stdout)["ok"])
        # Only SQLite to PostgreSQL.
        wrong = subprocess.run([BIN, "migrate", "--from", self.url, "--to", "sqlite:" + src.db],
                               capture_output=True, text=True, timeout=60)
        self.assertEqual(wrong.returncode, 2, wrong.stderr)
        self.assertIn("--from sqlite:PATH --to postgres://", wrong.stderr)
        missing = subprocess.run([BIN, "migrate", "--from", "sqlite:/nonexistent/x.db", "--to", self.url],
                                 capture_output=True, text=True, timeout=60)
        self.assertEqual(missing.returncode, 3, missing.stderr)

    def test_migrate_json_counts_every_table(self):
        src = Server().start()
        self.addCleanup(src.cleanup)
        src.api("POST", "/api/v1/incidents", {"severity": "P2", "summary": "one"}, expect=201)
        src.stop()
        m = subprocess.run([BIN, "migrate", "--from", "sqlite:" + src.db, "--to", self.url, "--json"],
                           capture_output=True, text=True, timeout=120)
        self.assertEqual(m.returncode, 0, m.stderr)
        out = json.loads(m.stdout)
        self.assertTrue(out["ok"] and out["agree"] and out["source_verified"] and out["target_verified"])
        self.assertEqual(out["tables"]["incidents"], 1)
        self.assertEqual(out["tables"]["users"], 1)
        self.assertGreater(out["events"], 0)
        self.assertEqual(out["rows"], sum(out["tables"].values()))

    def tmp(self):
        d = tempfile.mkdtemp(prefix="warroom-test-")
        self.addCleanup(shutil.rmtree, d, True)
        return d


if __name__ == "__main__":
    unittest.main()
