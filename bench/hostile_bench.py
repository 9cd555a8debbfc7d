#!/usr/bin/env python3
"""The API benchmark (api_bench.py's wrk runs) from 127.0.0.1, alone and
then while 4,000 hostile slow connections from 127.0.0.2 trickle header
bytes (bench/hostile_client.cpp, a separate process), in the same run against
the same server with its default bounds. Prints req/s and p99 of both and
their ratios; the aim is within 20 %. Never pass/fail."""
import os
import resource
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import api_bench  # noqa: E402
from api_bench import Server, wrk  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
HOSTILE = int(os.environ.get("BENCH_HOSTILE", "4000"))
HOSTILE_BIN = os.environ.get("HOSTILE_BIN") or os.path.join(HERE, "..", "build", "release", "bench", "hostile_client")


def ms(text):
    v = float(text.rstrip("msu"))
    return v / 1000 if text.endswith("us") else v * 1000 if text.endswith("s") and not text.endswith("ms") else v


def main():
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, min(hard, 16384)), hard))  # the server inherits it
    # The default per-client bounds, except the request rate: wrk is one
    # client asking thousands of times a second.
    s = Server("--max-requests-per-second-per-client", "0").start()
    try:
        ids = [s.api("POST", "/api/v1/incidents", {"severity": "P1", "summary": f"bench {n}"}, expect=201)["id"]
               for n in range(api_bench.INCIDENTS)]
        runs = [("GET /incidents/{id}", "wrk_get_incident.lua"), ("POST /incidents/{id}/notes", "wrk_post_note.lua")]
        quiet = {name: wrk(s, script, ids) for name, script in runs}
        seconds = 2 * (int(api_bench.SECONDS) + 2) + 10
        host, port = s.url.removeprefix("http://").rsplit(":", 1)
        hostile = subprocess.Popen([HOSTILE_BIN, host, port, "127.0.0.2", str(HOSTILE), str(seconds)],
                                   stdout=subprocess.PIPE, text=True)
        time.sleep(6)  # every hostile connection tried at least once, the first ones cut and back
        loaded = {name: wrk(s, script, ids) for name, script in runs}
        health = s.request("GET", "/healthz", token="")[0]
        hostile.wait(seconds + 30)
        print(f"API at {api_bench.CONNECTIONS} connections from 127.0.0.1 (wrk -t2, {api_bench.SECONDS} s each), "
              f"alone and with {HOSTILE} slow connections from 127.0.0.2")
        print(f"{'request':<30} {'req/s':>9} {'hostile':>9} {'ratio':>6} {'p99':>9} {'hostile':>9} {'ratio':>6}"
              f" {'non-2xx':>8}")
        for name, _ in runs:
            (r0, _, p0, e0), (r1, _, p1, e1) = quiet[name], loaded[name]
            print(f"{name:<30} {r0:>9.0f} {r1:>9.0f} {r1 / r0:>6.2f} {p0:>9} {p1:>9} {ms(p1) / ms(p0):>6.2f}"
                  f" {e0 + e1:>8}")
        print(hostile.stdout.read().strip())
        print(f"/healthz during the hostile load: {health}")
    finally:
        s.cleanup()


if __name__ == "__main__":
    main()
