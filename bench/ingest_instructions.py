#!/usr/bin/env python3
"""Instructions warroom's own threads execute per ingested alert, counted by
valgrind's callgrind (user space only; the kernel's TCP and the disk are not
counted): single PagerDuty Events v2 events, and Alertmanager webhook
batches of 100, both repeats (the dedup path, as in ingest_bench.py).

Unlike a rate, the count hardly moves with the machine's load or the
host's CPU steal, so it shows what a change to the ingest path saves on a
noisy machine: a few percent between runs of the same build (the server's
fixed costs are spread over however many alerts get through valgrind),
where rates move by a third. The server runs under
callgrind (about 50 times slower) at 8 connections; instrumentation is
switched on only for a measured phase of BENCH_SECONDS (default 5) after a
warm-up phase. Prints figures; never pass/fail."""
import glob
import os
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "tests", "scenario"))
import ingest_bench as bench  # noqa: E402
from harness import Server  # noqa: E402

SECONDS = int(os.environ.get("BENCH_SECONDS", "5"))


def measure(mode):
    out_dir = tempfile.mkdtemp(prefix="warroom-callgrind-")
    prefix = os.path.join(out_dir, "callgrind.out")
    s = Server(wrapper=["valgrind", "--tool=callgrind", f"--callgrind-out-file={prefix}.%p",
                        "--instr-atstart=no"]).start()
    # valgrind runs the server in its own process: no child to find.
    s.server_pid = lambda: s.proc.pid
    try:
        if mode == "batch":
            key = s.cli_json("integration", "create", "--type", "alertmanager", "--name", "am")["key"]
            url, body, auth, per = s.url + "/api/v1/ingest/alertmanager", bench.webhook_batch(), \
                "Bearer " + key, bench.BATCH
        else:
            key = s.cli_json("integration", "create", "--type", "pagerduty", "--name", "pd")["key"]
            url, auth, per = s.url + "/v2/enqueue", "", 1
            body = {"routing_key": key, "event_action": "trigger", "dedup_key": "bench-1",
                    "payload": {"summary": "Bench alert on node-1", "source": "node-1",
                                "severity": "warning"}}
        bench.CONNECTIONS, bench.SECONDS = 8, str(SECONDS)
        bench.wrk(url, body, auth)  # warm-up: caches, statements, allocator
        bench.settle(s.url)
        control = ["callgrind_control", "-i"]
        subprocess.run(control + ["on", str(s.proc.pid)], capture_output=True, check=True)
        rps = bench.wrk(url, body, auth)[0]
        bench.settle(s.url)
        subprocess.run(control + ["off", str(s.proc.pid)], capture_output=True, check=True)
        subprocess.run(["callgrind_control", "-d", str(s.proc.pid)], capture_output=True, check=True)
    finally:
        s.cleanup()
    total = 0
    for path in glob.glob(prefix + ".*"):
        with open(path, errors="replace") as f:
            for n in re.findall(r"^(?:summary|totals):\s+(\d+)", f.read(), re.M):
                total = max(total, int(n))
        os.unlink(path)
    os.rmdir(out_dir)
    alerts = rps * SECONDS * per
    return alerts, total / alerts if alerts else 0


def main():
    print(f"Instructions per ingested alert (callgrind, user space, {SECONDS} s at 8 connections)")
    for mode, name in [("single", "/v2/enqueue, single events"),
                       ("batch", "webhook, batches of 100 (per alert)")]:
        alerts, per_alert = measure(mode)
        print(f"{name:<40} {per_alert:>10,.0f}   ({alerts:,.0f} alerts measured)", flush=True)


if __name__ == "__main__":
    main()
