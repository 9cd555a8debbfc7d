#!/usr/bin/env python3
"""API requests per second with p50/p99 latency at 64 connections (wrk),
mutating (POST a note) and reading (GET an incident), against the real
server on a temporary SQLite database. Prints figures; never pass/fail."""
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "tests", "scenario"))
from harness import Server  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "64"))
SECONDS = os.environ.get("BENCH_SECONDS", "10")
INCIDENTS = 64


def wrk(server, script, ids):
    env = dict(os.environ, WARROOM_TOKEN=server.token, WARROOM_BENCH_IDS=",".join(ids))
    out = subprocess.run(["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{SECONDS}s", "--latency", "-s",
                          os.path.join(HERE, script), server.url], env=env, capture_output=True, text=True,
                         check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    lat = {p: v for p, v in re.findall(r"^\s+(50|99)%\s+(\S+)", out, re.M)}
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return rps, lat.get("50"), lat.get("99"), int(errors.group(1)) if errors else 0


def main():
    s = Server().start()
    try:
        ids = [s.api("POST", "/api/v1/incidents", {"severity": "P1", "summary": f"bench {n}"}, expect=201)["id"]
               for n in range(INCIDENTS)]
        print(f"API at {CONNECTIONS} connections, {SECONDS} s each (wrk -t2), {INCIDENTS} incidents")
        print(f"{'request':<34} {'req/s':>10} {'p50':>10} {'p99':>10} {'non-2xx':>8}")
        for name, script in [("POST /incidents/{id}/notes", "wrk_post_note.lua"),
                             ("GET /incidents/{id}", "wrk_get_incident.lua")]:
            rps, p50, p99, errors = wrk(s, script, ids)
            print(f"{name:<34} {rps:>10.0f} {p50:>10} {p99:>10} {errors:>8}", flush=True)
    finally:
        s.cleanup()


if __name__ == "__main__":
    main()
