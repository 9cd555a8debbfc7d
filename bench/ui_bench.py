#!/usr/bin/env python3
"""The web application's live updates, against the real server on a
temporary SQLite database: the dashboard with 500 open incidents and 20 live
event streams (GET /api/v1/stream, 20 users, one stream each).

- The dashboard (GET / with a browser session) rendered 50 times: p50/p99.
- About 300 notes posted by one client at three paces (5 a second, a 20 ms
  pause, back to back); for each, the time from the POST being sent and
  from its answer to the note's message arriving in the last of the 20
  streams: p50/p99/max. Aim: p99 under 250 ms.
- What a page does with a message (web/assets/app.js): 100 ms later it
  fetches itself again and swaps its live regions. 20 such tabs on one
  session, a few notes each posted once the tabs are idle: the time from
  the answer until all 20 have fetched a page made after the note arrived,
  and GET /'s time meanwhile.
- On a second server (500 open incidents, no page rendered, so freed
  memory does not hide the cost): 1,000 streams (100 users of 10, from 20
  loopback addresses so that the server's default bound of 64 connections
  per client address holds): the server's RSS (VmRSS) before and after,
  the cost per stream, and the fan-out of 20 notes to all of them.

Everything client-side is one asyncio loop (raw sockets, chunked SSE parsed
by hand, arrival = time.monotonic() in data_received), on the same cores as
the server. Prints figures; never pass/fail."""
import asyncio
import json
import math
import os
import re
import resource
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "tests", "scenario"))
from harness import Server  # noqa: E402

INCIDENTS = int(os.environ.get("BENCH_INCIDENTS", "500"))
LIVE = 20  # streams (one user each) in the latency part
MANY_USERS = 100  # users of 10 streams each: 1,000 streams
PER_USER = 10  # the server's bound (kMaxStreamsPerUser)
PER_ADDRESS = 50  # streams per loopback source address (the default bound is 64)
PASSWORD = "a long enough passphrase for the bench"
AIM_MS = 250
# (label, notes, pause in seconds before each next POST)
PACES = [("5 notes/s", 60, 0.2), ("20 ms pause", 120, 0.02), ("back to back", 120, 0.0)]
TAB_NOTES = 5
FANOUT_NOTES, FANOUT_PAUSE = 20, 0.25

now = time.monotonic


# --- measuring ------------------------------------------------------------
def pct(values, p):
    """Nearest rank."""
    v = sorted(values)
    return v[max(0, min(len(v) - 1, math.ceil(p / 100 * len(v)) - 1))] if v else float("nan")


def stats_ms(values):
    return [pct(values, 50) * 1000, pct(values, 99) * 1000, max(values) * 1000] if values else [float("nan")] * 3


def rss_kb(pid):
    with open(f"/proc/{pid}/status") as f:
        return int(re.search(r"^VmRSS:\s+(\d+)", f.read(), re.M).group(1))


def cpu_s(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def open_fds(pid):
    return len(os.listdir(f"/proc/{pid}/fd"))


def thread_cpu(pid):
    """CPU seconds of each of the process's threads, by thread id."""
    out = {}
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            out[tid] = cpu_s(f"{pid}/task/{tid}")
        except OSError:
            pass
    return out


def loadavg():
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


# --- HTTP/1.1 on a kept-alive connection ----------------------------------
class Conn:
    def __init__(self, host, port, headers):
        self.host, self.port, self.headers = host, port, headers
        self.r = self.w = None

    async def open(self):
        self.r, self.w = await asyncio.open_connection(self.host, self.port)
        return self

    async def request(self, method, path, body=None, headers=None):
        data = json.dumps(body).encode() if body is not None else b""
        head = [f"{method} {path} HTTP/1.1", f"Host: {self.host}:{self.port}"]
        head += [f"{k}: {v}" for k, v in {**self.headers, **(headers or {})}.items()]
        if body is not None:
            head += ["Content-Type: application/json", f"Content-Length: {len(data)}"]
        self.w.write(("\r\n".join(head) + "\r\n\r\n").encode() + data)
        raw = await self.r.readuntil(b"\r\n\r\n")
        lines = raw.decode("latin-1").split("\r\n")
        status = int(lines[0].split()[1])
        fields = {}
        for line in lines[1:]:
            if ":" in line:
                k, v = line.split(":", 1)
                fields.setdefault(k.strip().lower(), v.strip())
        if "content-length" in fields:
            content = await self.r.readexactly(int(fields["content-length"]))
        elif fields.get("transfer-encoding", "").lower() == "chunked":
            content = b""
            while True:
                size = int((await self.r.readuntil(b"\r\n")).split(b";")[0], 16)
                content += await self.r.readexactly(size + 2)
                content = content[:-2]
                if size == 0:
                    break
        else:
            content = await self.r.read()
        return status, fields, content

    async def api(self, method, path, body=None, expect=200):
        status, _, content = await self.request(method, path, body)
        if status != expect:
            raise RuntimeError(f"{method} {path} -> {status}, wanted {expect}: {content[:300]!r}")
        return json.loads(content)

    def close(self):
        if self.w:
            self.w.close()


# --- an event stream, parsed as it arrives --------------------------------
class Stream(asyncio.Protocol):
    """GET /api/v1/stream on its own connection. Every incident message's
    arrival time is kept by (incident_id, seq)."""

    def __init__(self, token, hostport, on_message=None):
        self.token, self.hostport, self.on_message = token, hostport, on_message
        self.ready = asyncio.get_running_loop().create_future()
        self.head = b""
        self.status = None
        self.raw = b""  # chunked bytes not yet parsed
        self.sse = b""  # event-stream text not yet parsed
        self.arrivals = {}
        self.keepalives = 0
        self.other = []  # named events other than ready (alerts, signed-out, lost-sight)
        self.closed = False
        self.transport = None

    def connection_made(self, transport):
        self.transport = transport
        transport.write((f"GET /api/v1/stream HTTP/1.1\r\nHost: {self.hostport}\r\nAuthorization: Bearer "
                         f"{self.token}\r\nAccept: text/event-stream\r\n\r\n").encode())

    def data_received(self, data):
        t = now()
        if self.status is None:
            self.head += data
            if b"\r\n\r\n" not in self.head:
                return
            head, data = self.head.split(b"\r\n\r\n", 1)
            self.status = int(head.split()[1])
            if self.status != 200:
                if not self.ready.done():
                    self.ready.set_result(self.status)
                self.transport.close()
                return
        self.raw += data
        while True:  # chunks
            end = self.raw.find(b"\r\n")
            if end < 0:
                break
            size = int(self.raw[:end].split(b";")[0], 16)
            if len(self.raw) < end + 2 + size + 2:
                break
            self.sse += self.raw[end + 2:end + 2 + size]
            self.raw = self.raw[end + 2 + size + 2:]
            if size == 0:
                self.transport.close()
                break
        while b"\n\n" in self.sse:
            message, self.sse = self.sse.split(b"\n\n", 1)
            self.message(message.decode(), t)

    def message(self, text, t):
        event, data = "message", []
        for line in text.split("\n"):
            if line.startswith(":"):
                self.keepalives += 1
            elif line.startswith("event:"):
                event = line[6:].strip()
            elif line.startswith("data:"):
                data.append(line[5:].strip())
        if not data:
            return
        if event == "ready":
            if not self.ready.done():
                self.ready.set_result(200)
            return
        if event != "message":
            self.other.append(event)
            return
        e = json.loads("\n".join(data))
        self.arrivals.setdefault((e["incident_id"], e["seq"]), t)
        if self.on_message:
            self.on_message(t)

    def connection_lost(self, exc):
        self.closed = True
        if not self.ready.done():
            self.ready.set_result(self.status or 0)


async def open_stream(token, host, port, source="127.0.0.1", on_message=None):
    loop = asyncio.get_running_loop()
    _, proto = await loop.create_connection(lambda: Stream(token, f"{host}:{port}", on_message), host, port,
                                            local_addr=(source, 0))
    status = await asyncio.wait_for(proto.ready, 30)
    return proto, status


# --- the parts ------------------------------------------------------------
async def post_notes(conn, ids, count, pause, offset):
    """Posts `count` notes; returns [(sent, answered, (incident_id, seq))]."""
    out = []
    for i in range(count):
        iid = ids[(offset + i) * 7 % len(ids)]
        sent = now()
        inc = await conn.api("POST", f"/api/v1/incidents/{iid}/notes",
                             {"kind": "finding", "text": f"ui bench note {offset + i}"})
        out.append((sent, now(), (iid, inc["last_seq"])))
        if pause:
            await asyncio.sleep(pause)
    return out


async def wait_arrived(streams, notes, timeout=3.0):
    deadline = now() + timeout
    while now() < deadline:
        if all(key in s.arrivals for s in streams for _, _, key in notes):
            return
        await asyncio.sleep(0.02)


def latencies(streams, notes):
    """From the send and from the answer to the last stream's arrival, and
    how many (note, stream) pairs never arrived."""
    from_sent, from_answer, missed = [], [], 0
    for sent, answered, key in notes:
        arrived = [s.arrivals.get(key) for s in streams]
        missed += sum(a is None for a in arrived)
        arrived = [a for a in arrived if a is not None]
        if arrived:
            from_sent.append(max(arrived) - sent)
            from_answer.append(max(arrived) - answered)
    return from_sent, from_answer, missed


class Tab:
    """What app.js does with a stream message: 100 ms later (re-armed by
    each further message) it fetches the page; a request made while a fetch
    is under way fetches again once it ends."""

    def __init__(self, conn):
        self.conn, self.timer, self.busy, self.again = conn, None, False, False
        self.fetches = []  # (start, end, status, bytes)

    def on_message(self, t):
        if self.timer:
            self.timer.cancel()
        self.timer = asyncio.get_running_loop().call_later(0.1, self.refresh)

    def refresh(self):
        if self.busy:
            self.again = True
            return
        self.busy = True
        asyncio.ensure_future(self.fetch())

    async def fetch(self):
        start = now()
        status, _, body = await self.conn.request("GET", "/")
        self.fetches.append((start, now(), status, len(body)))
        self.busy = False
        if self.again:
            self.again = False
            self.refresh()

    def shown(self, arrived):
        """When a page fetched after `arrived` was in hand (None: never)."""
        for start, end, status, _ in self.fetches:
            if start >= arrived and status == 200:
                return end
        return None


async def in_parallel(s, make, n, width=8):
    """make(conn, i) for i < n, `width` admin connections at a time."""
    host, port = s.url.removeprefix("http://").rsplit(":", 1)
    conns = [await Conn(host, int(port), {"Authorization": "Bearer " + s.token}).open() for _ in range(width)]
    out = [None] * n

    async def worker(k):
        for i in range(k, n, width):
            out[i] = await make(conns[k], i)
    await asyncio.gather(*(worker(k) for k in range(width)))
    for c in conns:
        c.close()
    return out


async def populate(s, users, prefix):
    """INCIDENTS open incidents and `users` viewers: (ids, tokens, seconds
    the declarations took)."""
    t0 = now()
    ids = await in_parallel(s, lambda c, i: c.api("POST", "/api/v1/incidents", {
        "severity": "P3", "summary": f"ui bench incident {i}"}, expect=201), INCIDENTS)
    declared = now() - t0
    tokens = await in_parallel(s, lambda c, i: c.api("POST", "/api/v1/users", {
        "handle": f"{prefix}{i:03d}", "permission": "viewer"}, expect=201), users)
    return [i["id"] for i in ids], [u["token"] for u in tokens], declared


async def bench(s):
    host, port = s.url.removeprefix("http://").rsplit(":", 1)
    port = int(port)
    pid = s.proc.pid
    admin = await Conn(host, port, {"Authorization": "Bearer " + s.token}).open()
    ids, live_tokens, declared_s = await populate(s, LIVE, "live")
    print(f"declared {INCIDENTS} incidents in {declared_s:.1f} s (8 clients); server RSS "
          f"{rss_kb(pid) / 1024:.1f} MiB with no stream open", flush=True)

    # The dashboard, as a signed-in viewer sees it.
    await admin.api("POST", "/api/v1/users", {"handle": "watcher", "permission": "viewer"}, expect=201)
    await admin.api("PUT", "/api/v1/users/watcher/password", {"password": PASSWORD})
    anon = await Conn(host, port, {}).open()
    status, fields, body = await anon.request("POST", "/api/v1/sessions", {"handle": "watcher", "password": PASSWORD},
                                              headers={"Origin": s.url})
    anon.close()
    if status != 201:
        raise RuntimeError(f"sign-in -> {status}: {body[:300]!r}")
    cookie = fields["set-cookie"].split(";")[0]
    page = await Conn(host, port, {"Cookie": cookie}).open()
    status, _, body = await page.request("GET", "/")
    shown = len(set(re.findall(rb"INC-\d{4}-\d{2}-\d{2}-\d+", body)))
    renders = []
    for _ in range(50):
        t = now()
        status, _, body = await page.request("GET", "/")
        renders.append(now() - t)
        if status != 200:
            raise RuntimeError(f"GET / -> {status}")
    r50, r99, rmax = stats_ms(renders)
    print(f"GET / (the dashboard, {shown} incidents shown, {len(body) / 1024:.0f} KiB): 50 requests one after "
          f"another, p50 {r50:.1f} ms, p99 {r99:.1f} ms, max {rmax:.1f} ms", flush=True)

    # 20 streams, one a user; notes at three paces.
    live = []
    for tok in live_tokens:
        proto, status = await open_stream(tok, host, port)
        if status != 200:
            raise RuntimeError(f"stream -> {status}")
        live.append(proto)
    print(f"\nCommit to arrival in the last of {LIVE} streams, one client posting notes "
          f"(from the POST sent / from its answer)")
    print(f"{'pace':<16} {'notes':>6} {'notes/s':>8} {'sent p50':>9} {'p99':>8} {'max':>8} "
          f"{'answer p50':>11} {'p99':>8} {'max':>8} {'missed':>7}")
    every, offset, cpu_notes = [], 0, 0.0
    for label, count, pause in PACES:
        c0 = cpu_s(pid)
        notes = await post_notes(admin, ids, count, pause, offset)
        cpu_notes += cpu_s(pid) - c0
        offset += count
        await wait_arrived(live, notes)
        from_sent, from_answer, missed = latencies(live, notes)
        every += notes
        rate = count / (notes[-1][1] - notes[0][0])
        print(f"{label:<16} {count:>6} {rate:>8.0f} " + " ".join(f"{v:>8.1f}" for v in stats_ms(from_sent)) + "   "
              + " ".join(f"{v:>8.1f}" for v in stats_ms(from_answer)) + f" {missed:>7}", flush=True)
    from_sent, from_answer, missed = latencies(live, every)
    p99_sent = pct(from_sent, 99) * 1000
    print(f"{'all':<16} {len(every):>6} {'':>8} " + " ".join(f"{v:>8.1f}" for v in stats_ms(from_sent)) + "   "
          + " ".join(f"{v:>8.1f}" for v in stats_ms(from_answer)) + f" {missed:>7}")
    print(f"(ms; answer < 0: the message arrived before the POST's answer.) p99 from the POST sent "
          f"{p99_sent:.1f} ms: aim < {AIM_MS} ms {'met' if p99_sent < AIM_MS else 'NOT met'}; "
          f"server CPU {cpu_notes * 1000 / len(every):.2f} ms a note; "
          f"{sum(x.keepalives for x in live)} keep-alives, other events: "
          f"{sorted(set(e for x in live for e in x.other)) or 'none'}", flush=True)
    slow = max(range(len(every)), key=lambda i: from_sent[i])
    sent, answered, _ = every[slow]
    print(f"the slowest (note {slow + 1} of {len(every)}): the POST took {(answered - sent) * 1000:.1f} ms, then "
          f"{from_answer[slow] * 1000:.1f} ms to the last stream", flush=True)

    # The same 20 streams driving 20 tabs of the dashboard: each note is
    # posted once every tab is idle again, so each is measured without a
    # backlog (at a steady 2 notes a second the tabs fall behind for good).
    tabs = [Tab(await Conn(host, port, {"Cookie": cookie}).open()) for _ in range(LIVE)]
    for stream, tab in zip(live, tabs):
        stream.on_message = tab.on_message
    c0, t0, threads0 = cpu_s(pid), now(), thread_cpu(pid)
    notes = []
    for _ in range(TAB_NOTES):
        notes += await post_notes(admin, ids, 1, 0, offset)
        offset += 1
        await asyncio.sleep(0.3)
        deadline = now() + 30
        while now() < deadline and any(t.busy or t.again or (t.timer and not t.timer.cancelled()
                                                               and t.timer.when() > asyncio.get_running_loop().time())
                                       for t in tabs):
            await asyncio.sleep(0.02)
    elapsed = now() - t0
    busy = (cpu_s(pid) - c0) / elapsed
    threads = sorted(((v - threads0.get(k, 0)) / elapsed for k, v in thread_cpu(pid).items()), reverse=True)
    shown_after, never = [], 0
    for _, answered, key in notes:
        ends = []
        for stream, tab in zip(live, tabs):
            a = stream.arrivals.get(key)
            e = tab.shown(a) if a is not None else None
            never += e is None
            if e is not None:
                ends.append(e)
        if ends:
            shown_after.append(max(ends) - answered)
    gets = [end - start for tab in tabs for start, end, status, _ in tab.fetches]
    bad = sum(status != 200 for tab in tabs for _, _, status, _ in tab.fetches)
    v50, _, vmax = stats_ms(shown_after)
    g50, g99, gmax = stats_ms(gets)
    print(f"\n{LIVE} dashboard tabs (as app.js: GET / 100 ms after a message), {TAB_NOTES} notes, each once "
          f"the tabs were idle: answer to the new page in every tab p50 {v50:.0f} ms, max {vmax:.0f} ms "
          f"({never} never); {len(gets)} GET /, p50 {g50:.0f} ms, p99 {g99:.0f} ms"
          f"{f', {bad} not 200' if bad else ''}; server CPU {busy * 100:.0f}% of a core, its busiest thread "
          f"{threads[0] * 100:.0f}%, the next {threads[1] * 100:.0f}%", flush=True)
    for stream in live:
        stream.transport.close()
    for tab in tabs:
        tab.conn.close()
    page.close()
    admin.close()
    print(f"server RSS {rss_kb(pid) / 1024:.1f} MiB after {len(renders) + 1 + len(gets)} dashboards", flush=True)


async def many_streams(s):
    """1,000 streams on a server of its own (500 open incidents, nothing
    rendered), so that the memory they take is not memory freed before."""
    host, port = s.url.removeprefix("http://").rsplit(":", 1)
    port = int(port)
    pid = s.proc.pid
    admin = await Conn(host, port, {"Authorization": "Bearer " + s.token}).open()
    ids, many_tokens, _ = await populate(s, MANY_USERS, "many")
    await asyncio.sleep(1.0)
    rss_before, fds_before = rss_kb(pid), open_fds(pid)
    sem = asyncio.Semaphore(50)
    many = []
    refused = {}

    async def one(k):
        async with sem:
            proto, status = await open_stream(many_tokens[k // PER_USER], host, port,
                                              source=f"127.0.0.{2 + k // PER_ADDRESS}")
            if status == 200:
                many.append(proto)
            else:
                refused[status] = refused.get(status, 0) + 1
    t0 = now()
    await asyncio.gather(*(one(k) for k in range(MANY_USERS * PER_USER)))
    opened_s = now() - t0
    await asyncio.sleep(1.0)
    rss_open, fds_open = rss_kb(pid), open_fds(pid)
    notes = await post_notes(admin, ids, FANOUT_NOTES, FANOUT_PAUSE, 0)
    await wait_arrived(many, notes, timeout=5)
    from_sent, from_answer, missed = latencies(many, notes)
    await asyncio.sleep(0.5)
    rss_after = rss_kb(pid)
    n = len(many)
    print(f"\n{n} streams open ({MANY_USERS} users x {PER_USER}, from "
          f"{math.ceil(MANY_USERS * PER_USER / PER_ADDRESS)} loopback addresses) in {opened_s:.1f} s"
          f"{', refused: ' + str(refused) if refused else ', none refused'}; server descriptors "
          f"{fds_before} -> {fds_open}")
    print(f"server RSS: {rss_before / 1024:.1f} MiB before, {rss_open / 1024:.1f} MiB with {n} open "
          f"({(rss_open - rss_before) / max(n, 1):.1f} KiB a stream), {rss_after / 1024:.1f} MiB after "
          f"{FANOUT_NOTES} notes to all of them ({(rss_after - rss_before) / max(n, 1):.1f} KiB a stream)")
    s50, s99, smax = stats_ms(from_sent)
    print(f"commit to arrival in the last of {n} streams ({FANOUT_NOTES} notes at {1 / FANOUT_PAUSE:.0f}/s): "
          f"from the POST sent p50 {s50:.1f} ms, p99 {s99:.1f} ms, max {smax:.1f} ms; {missed} missed",
          flush=True)
    for stream in many:
        stream.transport.close()
    admin.close()


def main():
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, min(hard, 16384)), hard))  # the server inherits it
    # The default per-client bounds, except the request rate (one client
    # posts as fast as it can).
    t0 = now()
    print(f"Live updates: {INCIDENTS} open incidents, {LIVE} streams, then {MANY_USERS * PER_USER} on a second "
          f"server; load average {loadavg()} at the start, {os.cpu_count()} cores", flush=True)
    for part in (bench, many_streams):
        s = Server("--max-requests-per-second-per-client", "0").start()
        try:
            asyncio.run(part(s))
        finally:
            s.cleanup()
    print(f"load average {loadavg()} at the end; {now() - t0:.0f} s in all")


if __name__ == "__main__":
    main()
