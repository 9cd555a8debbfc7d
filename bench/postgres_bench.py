#!/usr/bin/env python3
"""Durable writes on PostgreSQL, with one and with two warroom instances on
one database, beside SQLite; and, in the same run, pgbench inserting the
same rows raw (a note_added event: its columns, 72 payload bytes, two
hashes; one transaction per row) as the anchor.

A PostgreSQL 15 cluster of its own, durable as in production (fsync and
synchronous_commit on: scripts/pg-test-cluster start --durable), in a
temporary directory. For each number of clients (1 and 64, BENCH_CLIENTS):
pgbench's raw inserts; warroom's POST /incidents/{id}/notes (wrk) on
SQLite, on PostgreSQL with one instance, and with two (the clients split
between them, each instance with its own wrk); and Alertmanager webhook
batches of 100 (the dedup path) on each store. Ratios: warroom on
PostgreSQL over pgbench's raw inserts at the same number of clients, and
two instances over one. Every figure is a median of BENCH_ROUNDS rounds
(default 3) of BENCH_SECONDS (default 5) each. Prints figures; never
pass/fail."""
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "tests", "scenario"))
from harness import Server  # noqa: E402

from ingest_bench import BATCH, settle, webhook_batch  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
PG_CLUSTER = os.path.join(HERE, "..", "scripts", "pg-test-cluster")
SECONDS = os.environ.get("BENCH_SECONDS", "5")
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
CLIENTS = [int(c) for c in os.environ.get("BENCH_CLIENTS", "1,64").split(",")]
INCIDENTS = 64

# One row as warroom appends a note: the same columns and sizes.
RAW_INSERT = """\\set inc random(1, {incidents})
INSERT INTO raw_events VALUES (nextval('raw_seq'), 'INC-2026-02-12-' || lpad(:inc::text, 3, '0'),
  nextval('raw_seq'), 1770904800000, 1770904800000, 'user', 'alice', 'note_added',
  '\\x{payload}'::bytea, '\\x{hash}'::bytea, '\\x{hash}'::bytea);
"""


def psql(conninfo, sql):
    subprocess.run(["psql", conninfo, "-v", "ON_ERROR_STOP=1", "-qAtc", sql], check=True, capture_output=True,
                   text=True)


def pgbench(conninfo, script, clients):
    out = subprocess.run(["pgbench", "-n", "-f", script, "-c", str(clients), "-j", str(min(clients, 2)), "-T",
                          SECONDS, conninfo], check=True, capture_output=True, text=True).stdout
    return float(re.search(r"tps = ([\d.]+) \(without initial connection time\)", out).group(1))


def wrk(url, script, env, connections):
    return subprocess.Popen(["wrk", f"-t{min(connections, 2)}", f"-c{connections}", f"-d{SECONDS}s", "-s",
                             os.path.join(HERE, script), url], env=dict(os.environ, **env), stdout=subprocess.PIPE,
                            text=True)


def rate_of(proc):
    out = proc.communicate()[0]
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if errors:
        raise RuntimeError(f"wrk saw {errors.group(1)} failed requests:\n{out}")
    return float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))


def split(clients, servers):
    return [clients // len(servers) + (1 if i < clients % len(servers) else 0) for i in range(len(servers))]


def all_at_once(servers, clients, start):
    """start(server, connections) on every server at once, the clients split
    between them; the sum of their request rates."""
    procs = [start(s, n) for s, n in zip(servers, split(clients, servers)) if n]
    total = sum(rate_of(p) for p in procs)
    for s in servers:
        settle(s.url)
    return total


def notes_per_second(servers, ids, clients):
    env = {"WARROOM_TOKEN": servers[0].token, "WARROOM_BENCH_IDS": ",".join(ids)}
    return all_at_once(servers, clients, lambda s, n: wrk(s.url, "wrk_post_note.lua", env, n))


def alerts_per_second(servers, key, body_file, clients=64):
    env = {"BENCH_BODY_FILE": body_file, "BENCH_AUTH": "Bearer " + key}
    return BATCH * all_at_once(servers, clients, lambda s, n: wrk(s.url + "/api/v1/ingest/alertmanager",
                                                                  "wrk_post_body.lua", env, n))


def median_of(fn):
    runs = [fn() for _ in range(ROUNDS)]
    return statistics.median(runs), runs


def main():
    tmp = tempfile.mkdtemp(prefix="warroom-pg-bench-")
    os.chmod(tmp, 0o755)  # as root the cluster runs as `postgres`, which must reach it
    pg_dir = os.path.join(tmp, "pg")
    servers = []
    try:
        cluster = subprocess.run([PG_CLUSTER, "start", pg_dir, "--durable"], check=True, capture_output=True,
                                 text=True).stdout.strip()
        psql(cluster + " dbname=postgres", "CREATE DATABASE warroom_bench")
        fields = dict(kv.split("=", 1) for kv in cluster.split())
        url = f"postgres://warroom@{fields['host']}:{fields['port']}/warroom_bench"
        db = cluster + " dbname=warroom_bench"

        sqlite = Server().start()
        servers.append(sqlite)
        for d in ("pg-1", "pg-2"):
            os.makedirs(os.path.join(tmp, d), mode=0o700)
        first = Server(database=url, db_dir=os.path.join(tmp, "pg-1")).start()
        servers.append(first)
        second = Server(database=url, db_dir=os.path.join(tmp, "pg-2"), signing_key=first.signing_key)
        second.start(expect_token=False)
        second.token = first.token
        servers.append(second)

        # The anchor's table: the events table as migrated, without warroom.
        psql(db, "CREATE TABLE raw_events (LIKE events INCLUDING ALL); CREATE SEQUENCE raw_seq")
        script = os.path.join(tmp, "raw_insert.sql")
        with open(script, "w") as f:
            f.write(RAW_INSERT.format(incidents=INCIDENTS, payload="7b" + "20" * 70 + "7d", hash="ab" * 32))

        ids = {}
        for s in (sqlite, first):
            ids[s.url] = [s.api("POST", "/api/v1/incidents", {"severity": "P3", "summary": f"bench {n}"},
                                expect=201)["id"] for n in range(INCIDENTS)]
        body_file = os.path.join(tmp, "batch.json")
        with open(body_file, "w") as f:
            json.dump(webhook_batch(), f)
        keys = {s.url: s.cli_json("integration", "create", "--type", "alertmanager", "--name", "bench")["key"]
                for s in (sqlite, first)}

        print(f"Durable writes, {ROUNDS} rounds of {SECONDS} s, median (rounds); PostgreSQL 15 with fsync and "
              f"synchronous_commit on, SQLite WAL synchronous=FULL; {os.cpu_count()} cores shared by all")
        print(f"{'writes':<52} {'clients':>7} {'per s':>9}   rounds")
        rows = {}

        def row(name, clients, fn, unit=1):
            mid, runs = median_of(fn)
            rows[(name, clients)] = mid
            print(f"{name:<52} {clients:>7} {mid * unit:>9.0f}   {' '.join(f'{r * unit:.0f}' for r in runs)}",
                  flush=True)

        for c in CLIENTS:
            row("pgbench: raw INSERT of the row, a transaction each", c, lambda: pgbench(db, script, c))
            row("warroom POST note, SQLite", c, lambda: notes_per_second([sqlite], ids[sqlite.url], c))
            row("warroom POST note, PostgreSQL, 1 instance", c, lambda: notes_per_second([first], ids[first.url], c))
            if c > 1:
                row("warroom POST note, PostgreSQL, 2 instances", c,
                    lambda: notes_per_second([first, second], ids[first.url], c))
        row("warroom webhook alerts (batches of 100), SQLite", 64,
            lambda: alerts_per_second([sqlite], keys[sqlite.url], body_file))
        row("warroom webhook alerts (batches of 100), PG, 1 instance", 64,
            lambda: alerts_per_second([first], keys[first.url], body_file))
        row("warroom webhook alerts (batches of 100), PG, 2 instances", 64,
            lambda: alerts_per_second([first, second], keys[first.url], body_file))

        raw = "pgbench: raw INSERT of the row, a transaction each"
        for c in CLIENTS:
            one = rows[("warroom POST note, PostgreSQL, 1 instance", c)]
            line = f"{c} client(s): warroom on PostgreSQL / raw inserts {one / rows[(raw, c)]:.2f} (aim >= 0.5)"
            if c > 1:
                two = rows[("warroom POST note, PostgreSQL, 2 instances", c)]
                line += f"; 2 instances / 1 {two / one:.2f} (aim >= 0.9)"
            print(line)
        b1 = rows[("warroom webhook alerts (batches of 100), PG, 1 instance", 64)]
        b2 = rows[("warroom webhook alerts (batches of 100), PG, 2 instances", 64)]
        print(f"webhook alerts: 2 instances / 1 {b2 / b1:.2f}; PostgreSQL / SQLite "
              f"{b1 / rows[('warroom webhook alerts (batches of 100), SQLite', 64)]:.2f}")
    finally:
        for s in servers:
            s.cleanup()
        subprocess.run([PG_CLUSTER, "stop", pg_dir], capture_output=True)
        shutil.rmtree(tmp, True)


if __name__ == "__main__":
    main()
