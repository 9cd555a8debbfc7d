#!/usr/bin/env python3
"""Alerts ingested per second, durably, at 64 connections (wrk): Alertmanager
webhook batches of 100 alerts and single PagerDuty Events v2 events, with
p50/p99 answer latency; and, in the same run, the same alerts posted to a
real Alertmanager's own POST /api/v2/alerts (in memory, not durable), with
warroom's rate over Alertmanager's as a ratio. The alerts repeat (as
Alertmanager re-sends groups), so this measures the dedup path.

Each comparison is ROUNDS rounds (BENCH_ROUNDS, default 5) of SECONDS each
(BENCH_SECONDS, default 5), warroom and Alertmanager alternating and their
order swapped every round; a sender's figure is its median round, a ratio
is the median of the rounds' ratios (each round's two runs are next to each
other in time), and each round's figures and the host's CPU steal during
it are printed too. On a small
shared machine a burst of steal lands on one side of a single pair of runs
and decides its ratio; alternating rounds spread it over both. Prints
figures; never pass/fail."""
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "tests", "scenario"))
from harness import Server, start_alertmanager  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "64"))
SECONDS = os.environ.get("BENCH_SECONDS", "5")
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "5"))
BATCH = 100


def wrk(url, body, auth="", script="wrk_post_body.lua"):
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        json.dump(body, f)
    env = dict(os.environ, BENCH_BODY_FILE=f.name, BENCH_AUTH=auth)
    out = subprocess.run(["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{SECONDS}s", "--latency", "-s",
                          os.path.join(HERE, script), url], env=env, capture_output=True, text=True,
                         check=True).stdout
    os.unlink(f.name)
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    lat = dict(re.findall(r"^\s+(50|99)%\s+(\S+)", out, re.M))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return rps, lat.get("50"), lat.get("99"), int(errors.group(1)) if errors else 0


def settle(url, timeout=30):
    """Waits until the server behind url holds no connection of the phase
    before: wrk closes its 64 at the end, but the server keeps each until
    the request it was serving is durable and answered. A phase started
    before then finds the client's 64-connection bound full (429)."""
    port = url.rsplit(":", 1)[1].split("/")[0]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        out = subprocess.run(["ss", "-Htan", "state", "established", "state", "close-wait",
                              f"( sport = :{port} )"], capture_output=True, text=True).stdout
        if not out.strip():
            return
        time.sleep(0.1)


def cpu_times():
    """The machine's CPU time counters (/proc/stat's first line)."""
    with open("/proc/stat") as f:
        return [int(x) for x in f.readline().split()[1:]]


def steal_percent(before, after):
    """The share of CPU time the hypervisor took (steal) between two
    cpu_times(): it falls on whichever sender runs at that moment."""
    d = [b - a for a, b in zip(before, after)]
    return 100.0 * d[7] / sum(d) if len(d) > 7 and sum(d) else 0.0


def fsync_latency(directory, n=200):
    """The disk's fdatasync time, median and 90th percentile in ms, measured
    here and now: a single event is answered only once durable, so at 64
    connections warroom's single-event rate is at most about 64 / (1.5 x
    this), while Alertmanager (in memory) never waits for the disk."""
    fd, path = tempfile.mkstemp(dir=directory)
    times = []
    try:
        for _ in range(n):
            os.write(fd, b"x" * 16384)
            start = time.perf_counter()
            os.fdatasync(fd)
            times.append((time.perf_counter() - start) * 1000)
    finally:
        os.close(fd)
        os.unlink(path)
    times.sort()
    return times[n // 2], times[n * 9 // 10]


def alert(i):
    return {"labels": {"alertname": "BenchAlert", "instance": f"node-{i}", "severity": "warning"},
            "annotations": {"summary": f"Bench alert on node-{i}"}, "generatorURL": "http://prom/graph"}


def webhook_batch():
    alerts = [dict(alert(i), status="firing", startsAt="2026-02-12T14:00:00Z", endsAt="0001-01-01T00:00:00Z",
                   fingerprint=f"{i:016x}") for i in range(BATCH)]
    return {"version": "4", "groupKey": '{}:{alertname="BenchAlert"}', "status": "firing", "receiver": "warroom",
            "groupLabels": {"alertname": "BenchAlert"}, "commonLabels": {}, "commonAnnotations": {},
            "externalURL": "http://am", "truncatedAlerts": 0, "alerts": alerts}


def am_alerts(n):
    return [dict(alert(i), startsAt="2026-02-12T14:00:00Z") for i in range(n)]


def main():
    tmp = tempfile.mkdtemp(prefix="warroom-ingest-bench-")
    s = Server().start()
    with open(os.path.join(tmp, "storm.yaml"), "w") as f:
        f.write("alert_routing:\n  routes:\n    - matchers: ['severity=\"critical\"']\n"
                "      action: declare\n      severity: P1\n")
    storm = Server("--config", os.path.join(tmp, "storm.yaml")).start()
    am, am_url = start_alertmanager("route:\n  receiver: none\nreceivers:\n  - name: none\n", tmp)
    try:
        storm_key = storm.cli_json("integration", "create", "--type", "alertmanager", "--name", "storm")["key"]
        am_key = s.cli_json("integration", "create", "--type", "alertmanager", "--name", "bench-am")["key"]
        pd_key = s.cli_json("integration", "create", "--type", "pagerduty", "--name", "bench-pd")["key"]
        pd_event = {"routing_key": pd_key, "event_action": "trigger", "dedup_key": "bench-1",
                    "payload": {"summary": "Bench alert on node-1", "source": "node-1", "severity": "warning"}}
        print(f"Alert ingest at {CONNECTIONS} connections, {ROUNDS} rounds of {SECONDS} s per sender "
              f"(wrk -t2), warroom and Alertmanager alternating; warroom durable (SQLite, "
              f"synchronous=FULL), Alertmanager in memory")
        f50, f90 = fsync_latency(s.dir)
        print(f"  (the disk under warroom's database now: fdatasync p50 {f50:.2f} ms, p90 {f90:.2f} ms)")
        print(f"{'sender':<46} {'alerts/s':>9} {'p50':>9} {'p99':>9} {'non-2xx':>8}   rounds (alerts/s, steal)")
        pairs = [
            ("batches",
             ("warroom webhook, batches of 100", s.url + "/api/v1/ingest/alertmanager", webhook_batch(),
              "Bearer " + am_key, BATCH),
             ("Alertmanager /api/v2/alerts, batches of 100", am_url + "/api/v2/alerts", am_alerts(BATCH), "",
              BATCH)),
            ("single",
             ("warroom /v2/enqueue, single events", s.url + "/v2/enqueue", pd_event, "", 1),
             ("Alertmanager /api/v2/alerts, single alerts", am_url + "/api/v2/alerts", am_alerts(1), "", 1))]
        ratios = {}
        for label, ours, theirs in pairs:
            runs = {ours[0]: [], theirs[0]: []}
            for r in range(ROUNDS):
                for name, url, body, auth, per in ((ours, theirs) if r % 2 == 0 else (theirs, ours)):
                    settle(url)
                    before = cpu_times()
                    rps, p50, p99, errors = wrk(url, body, auth)
                    runs[name].append((rps * per, p50, p99, errors, steal_percent(before, cpu_times())))
            for name in (ours[0], theirs[0]):
                rates = sorted(x[0] for x in runs[name])
                mid = next(x for x in runs[name] if x[0] == rates[len(rates) // 2])
                errors = sum(x[3] for x in runs[name])
                each = "  ".join(f"{x[0]:.0f} ({x[4]:.0f}%)" for x in runs[name])
                print(f"{name:<46} {mid[0]:>9.0f} {mid[1]:>9} {mid[2]:>9} {errors:>8}   {each}", flush=True)
            per_round = [a[0] / b[0] for a, b in zip(runs[ours[0]], runs[theirs[0]])]
            ratios[label] = (statistics.median(per_round), per_round)
        # A storm: every alert new, all of one group (routed by a declaring
        # route: one incident, the rest attached inside the same writes).
        rps, p50, p99, errors = wrk(storm.url + "/api/v1/ingest/alertmanager", {}, "Bearer " + storm_key,
                                    "wrk_storm.lua")
        settle(storm.url)
        print(f"{'warroom webhook, storm: 100 new alerts a batch':<46} {rps * BATCH:>9.0f} "
              f"{p50:>9} {p99:>9} {errors:>8}", flush=True)
        incidents = storm.api("GET", "/api/v1/incidents?limit=1000")["items"]
        print(f"  the storm made {len(incidents)} incident(s)")
        (batch, batch_rounds), (single, single_rounds) = ratios["batches"], ratios["single"]
        shown = lambda rounds: " ".join(f"{x:.2f}" for x in rounds)  # noqa: E731
        print(f"warroom / Alertmanager: batches {batch:.2f}, single {single:.2f} (aims: batches >= 2.0, "
              f"single >= 1.3); round by round: batches {shown(batch_rounds)}, single {shown(single_rounds)}")
    finally:
        am.terminate()
        am.wait(10)
        s.cleanup()
        storm.cleanup()
        shutil.rmtree(tmp, True)


if __name__ == "__main__":
    main()
