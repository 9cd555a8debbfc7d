#!/usr/bin/env python3
"""The public status page under a crowd (wrk), warroom against nginx in the
same run: warroom's own listener (serve --status-page-listen, its per-client
bounds off, as behind a CDN that is a trusted proxy) and Debian's nginx
with the project's deploy/nginx/status-page.conf serving the static copy
warroom keeps (--status-page-mirror) of the very same page. A P1 affecting
the API with an investigating update, a maintenance to come, the default
components. GET /api/v2/summary.json and GET /status, at 64 and 2,000
connections, with Accept-Encoding: gzip as browsers and Statuspage readers
send it and without. Prints req/s, p50, p99 and warroom/nginx; never
pass/fail. Aim (the issue): a ratio of at least 1.0 and p99 under 5 ms."""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "tests", "scenario"))
from harness import Server, free_port, run_nginx, wait_for  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
SITE_CONF = os.path.join(HERE, "..", "deploy", "nginx", "status-page.conf")
SECONDS = os.environ.get("BENCH_SECONDS", "10")
CONNECTIONS = [int(c) for c in os.environ.get("BENCH_CONNECTIONS", "64,2000").split(",")]
PATHS = ["/api/v2/summary.json", "/status"]


def to_ms(text):
    m = re.match(r"([\d.]+)(us|ms|s)", text or "")
    if not m:
        return float("nan")
    return float(m.group(1)) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[m.group(2)]


def wrk(url, connections, gzip):
    args = ["wrk", "-t2", f"-c{connections}", f"-d{SECONDS}s", "--timeout", "10s", "--latency"]
    if gzip:
        args += ["-H", "Accept-Encoding: gzip"]
    out = subprocess.run(args + [url], capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    lat = dict(re.findall(r"^\s+(50|99)%\s+(\S+)", out, re.M))
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors = re.search(r"Socket errors: (.*)", out)
    return rps, to_ms(lat.get("50")), to_ms(lat.get("99")), int(bad.group(1)) if bad else 0, \
        errors.group(1).strip() if errors else ""


def main():
    work = tempfile.mkdtemp(prefix="warroom-status-bench-")
    mirror = os.path.join(work, "mirror")
    public_port = free_port()
    s = Server("--clock", "simulated:2026-02-12T14:00:00Z", "--status-page-listen",
               f"127.0.0.1:{public_port}", "--status-page-mirror", mirror,
               "--status-page-max-connections-per-client", "0",
               "--status-page-max-requests-per-second-per-client", "0").start()
    proc = None
    try:
        s.cli("declare", "--severity", "P1", "--summary", "API errors for some customers",
              "--component", "api")
        s.cli("update", "INC-2026-02-12-001", "--template", "status-investigating")
        s.cli("status-page", "maintenance", "schedule", "Database upgrade", "--from",
              "2026-02-13T02:00:00Z", "--until", "2026-02-13T03:00:00Z", "--component", "api")
        warroom = f"http://127.0.0.1:{public_port}"

        def same():  # the copy shows the page as set up
            for path, rel in (("/api/v2/summary.json", "api/v2/summary.json"),
                              ("/status", "status/index.html")):
                try:
                    with open(os.path.join(mirror, rel), "rb") as f:
                        body = f.read()
                except FileNotFoundError:
                    return False
                if b"Database upgrade" not in body:
                    return False
            return True
        if not wait_for(same, timeout=30):
            raise RuntimeError("the mirror never showed the page")
        port = free_port()
        with open(SITE_CONF) as f:
            conf = f.read().replace("listen 127.0.0.1:8090;", f"listen 127.0.0.1:{port};").replace(
                "root /var/lib/warroom/status-page;", f"root {mirror};")
        ngx = os.path.join(work, "nginx")
        os.makedirs(ngx)
        with open(os.path.join(ngx, "warroom.conf"), "w") as f:
            f.write(conf)
        proc, nginx = run_nginx(port, ngx, workers=os.cpu_count() or 1,
                                worker_connections=max(CONNECTIONS) + 512)
        summary = json.loads(subprocess.run(["curl", "-s", warroom + "/api/v2/summary.json"],
                                            capture_output=True, check=True).stdout)
        print(f"Status page, warroom --status-page-listen vs nginx ({os.cpu_count()} workers) on "
              f"warroom's mirror, wrk -t2, {SECONDS} s each; {len(summary['components'])} "
              f"components, {len(summary['incidents'])} incident, "
              f"{len(summary['scheduled_maintenances'])} maintenance")
        print(f"{'request':<26} {'conns':>5} {'gzip':>4} {'server':<8} {'req/s':>9} {'p50 ms':>8} "
              f"{'p99 ms':>8} {'non-2xx':>7} {'ratio':>6}  socket errors")
        for path in PATHS:
            for c in CONNECTIONS:
                for gzip in (True, False):
                    results = {}
                    for name, base in (("nginx", nginx), ("warroom", warroom)):
                        results[name] = wrk(base + path, c, gzip)
                        time.sleep(1)
                    for name in ("nginx", "warroom"):
                        rps, p50, p99, bad, errors = results[name]
                        ratio = f"{rps / results['nginx'][0]:.2f}" if name == "warroom" else ""
                        print(f"{path:<26} {c:>5} {'yes' if gzip else 'no':>4} {name:<8} "
                              f"{rps:>9.0f} {p50:>8.2f} {p99:>8.2f} {bad:>7} {ratio:>6}  {errors}",
                              flush=True)
    finally:
        if proc:
            proc.terminate()
            proc.wait()
        s.cleanup()
        shutil.rmtree(work, True)


if __name__ == "__main__":
    main()
