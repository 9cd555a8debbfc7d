"""GET /api/v1/stream, the server-sent events behind the pages' live
updates, through the real server: each committed event arrives with its
global sequence as its id; reconnecting with Last-Event-ID gets exactly
what was missed; a viewer is sent only what they may see (a restricted
incident's events never); a stream ends within a second of its session
ending, of its user being disabled, and of its viewer losing sight of an
incident it showed; streams are bounded per user; a bad Last-Event-ID and
a missing token are clear refusals; on PostgreSQL an event committed on
one instance reaches a stream on the other."""
import json
import socket
import time
import unittest
import urllib.parse

from harness import Browser, Server, ServerTest, cookie_of, pg_test_database, sign_in

PASSWORD = "correct horse battery staple"


class Stream:
    """An open event stream, read as a browser's EventSource reads it."""

    def __init__(self, server, token=None, cookie=None, last_event_id=None, query=""):
        u = urllib.parse.urlparse(server.url)
        self.sock = socket.create_connection((u.hostname, u.port), timeout=10)
        headers = [f"GET /api/v1/stream{query} HTTP/1.1", f"Host: {u.hostname}:{u.port}",
                   "Accept: text/event-stream"]
        if token:
            headers.append(f"Authorization: Bearer {token}")
        if cookie:
            headers.append(f"Cookie: {cookie}")
        if last_event_id is not None:
            headers.append(f"Last-Event-ID: {last_event_id}")
        self.sock.sendall(("\r\n".join(headers) + "\r\n\r\n").encode())
        self.buf = b""
        head = self._until(b"\r\n\r\n", time.time() + 10)
        lines = head.decode().split("\r\n")
        self.status = int(lines[0].split()[1])
        self.headers = {k.lower(): v.strip() for k, v in (line.split(":", 1) for line in lines[1:] if ":" in line)}
        self.text = ""  # the de-chunked body so far
        self.closed = False
        if self.status != 200:
            length = int(self.headers.get("content-length", "0"))
            while len(self.buf) < length:
                self.buf += self.sock.recv(65536)
            self.body = json.loads(self.buf[:length])

    def _until(self, marker, deadline):
        while marker not in self.buf:
            self.sock.settimeout(max(0.01, deadline - time.time()))
            chunk = self.sock.recv(65536)
            if not chunk:
                raise EOFError("closed")
            self.buf += chunk
        i = self.buf.index(marker)
        out, self.buf = self.buf[:i], self.buf[i + len(marker):]
        return out

    def _chunk(self, deadline):
        size = int(self._until(b"\r\n", deadline), 16)
        if size == 0:
            self.closed = True
            return
        while len(self.buf) < size + 2:
            self.sock.settimeout(max(0.01, deadline - time.time()))
            chunk = self.sock.recv(65536)
            if not chunk:
                raise EOFError("closed")
            self.buf += chunk
        self.text += self.buf[:size].decode()
        self.buf = self.buf[size + 2:]

    def messages(self, want, timeout=5):
        """Reads until `want(messages)` holds; the messages (dicts of
        id, event, data) read so far."""
        deadline = time.time() + timeout
        while True:
            msgs = self.parsed()
            if want(msgs) or self.closed:
                return msgs
            if time.time() > deadline:
                raise AssertionError(f"not in {timeout} s; got {msgs}")
            try:
                self._chunk(deadline)
            except (socket.timeout, TimeoutError):
                pass
            except EOFError:
                self.closed = True

    def parsed(self):
        out = []
        for block in self.text.split("\n\n")[:-1]:
            m = {}
            for line in block.split("\n"):
                if not line or line.startswith(":"):
                    continue
                k, _, v = line.partition(":")
                m[k] = v[1:] if v.startswith(" ") else v
            if "data" in m:
                m["data"] = json.loads(m["data"])
                out.append(m)
        return out

    def events(self):
        return [m for m in self.parsed() if "event" not in m]

    def close(self):
        self.sock.close()


def incident_events(msgs):
    return [m for m in msgs if "event" not in m]


class EventStream(ServerTest):
    def setUp(self):
        super().setUp()
        self.tokens = {h: self.user(h, p) for h, p in (("alice", "responder"), ("bob", "responder"))}

    def stream(self, **kw):
        s = Stream(self.s, **kw)
        self.addCleanup(s.close)
        return s

    def test_each_event_arrives_with_its_global_sequence_and_a_reconnect_gets_what_it_missed(self):
        first = self.stream(token=self.s.token)
        self.assertEqual(first.status, 200)
        self.assertEqual(first.headers["content-type"], "text/event-stream; charset=utf-8")
        self.assertEqual(first.headers["cache-control"], "no-store")
        ready = first.messages(lambda m: m)[0]
        self.assertEqual(ready["event"], "ready")
        start = ready["data"]["after"]
        iid = self.s.api("POST", "/api/v1/incidents", {"severity": "P3", "summary": "queue slow"}, expect=201)["id"]
        self.s.api("POST", f"/api/v1/incidents/{iid}/notes", {"kind": "finding", "text": "a note"})
        got = incident_events(first.messages(lambda m: any(e["data"]["type"] == "note_added"
                                                           for e in incident_events(m))))
        ids = [int(e["id"]) for e in got]
        self.assertEqual(ids, list(range(start + 1, start + 1 + len(ids))), "consecutive global sequences")
        self.assertEqual([e["data"]["global_seq"] for e in got], ids)
        self.assertEqual(got[0]["data"]["type"], "declared")
        self.assertEqual(got[-1]["data"]["payload"]["text"], "a note")
        # Disconnected after the declaration: the reconnect gets the rest, once.
        self.s.api("POST", f"/api/v1/incidents/{iid}/notes", {"kind": "finding", "text": "while away"})
        again = self.stream(token=self.s.token, last_event_id=ids[0])
        resumed = incident_events(again.messages(lambda m: any(e["data"].get("payload", {}).get("text") == "while away"
                                                               for e in incident_events(m))))
        self.assertEqual(int(resumed[0]["id"]), ids[0] + 1)
        self.assertEqual(len({e["id"] for e in resumed}), len(resumed))
        timeline = self.s.api("GET", f"/api/v1/incidents/{iid}/timeline")["events"]
        self.assertEqual([e["data"]["global_seq"] for e in resumed],
                         [e["global_seq"] for e in timeline if e["global_seq"] > ids[0]])
        # ?after= does the same for a script.
        scripted = self.stream(token=self.s.token, query=f"?after={ids[0]}")
        self.assertEqual(int(incident_events(scripted.messages(incident_events))[0]["id"]), ids[0] + 1)

    def test_a_viewer_is_sent_only_what_they_may_see(self):
        bob = self.stream(token=self.tokens["bob"])
        bob.messages(lambda m: m)
        secret = self.s.api("POST", "/api/v1/incidents", {"severity": "P1", "summary": "credential leak",
                                                          "visibility": "restricted"}, expect=201)["id"]
        self.s.api("POST", f"/api/v1/incidents/{secret}/notes", {"kind": "finding", "text": "keys rotated"})
        public = self.s.api("POST", "/api/v1/incidents", {"severity": "P3", "summary": "slow page"}, expect=201)["id"]
        got = incident_events(bob.messages(lambda m: any(e["data"]["incident_id"] == public
                                                         for e in incident_events(m))))
        self.assertTrue(got)
        self.assertEqual({e["data"]["incident_id"] for e in got}, {public})
        self.assertNotIn("credential leak", bob.text)
        # Nor on a reconnect from before them all.
        again = self.stream(token=self.tokens["bob"], last_event_id=0)
        replay = incident_events(again.messages(lambda m: any(e["data"]["incident_id"] == public
                                                              for e in incident_events(m))))
        self.assertNotIn(secret, {e["data"]["incident_id"] for e in replay})
        # The admin sees both.
        admin = self.stream(token=self.s.token, last_event_id=0)
        seen = incident_events(admin.messages(lambda m: any(e["data"]["incident_id"] == public
                                                            for e in incident_events(m))))
        self.assertIn(secret, {e["data"]["incident_id"] for e in seen})

    def test_a_stream_ends_within_a_second_of_its_session_ending_or_its_user_being_disabled(self):
        self.s.api("PUT", "/api/v1/users/alice/password", {"password": PASSWORD})
        st, body, headers = sign_in(self.s, "alice", PASSWORD)
        self.assertEqual(st, 201, body)
        browser = Browser(self.s, cookie_of(headers), body["csrf"])
        by_cookie = self.stream(cookie=browser.cookie)
        self.assertEqual(by_cookie.status, 200)
        by_cookie.messages(lambda m: m)
        by_token = self.stream(token=self.tokens["bob"])
        by_token.messages(lambda m: m)
        t = time.time()
        self.assertEqual(browser.request("DELETE", "/api/v1/sessions/current")[0], 200)
        msgs = by_cookie.messages(lambda m: by_cookie.closed, timeout=1.5)
        self.assertLess(time.time() - t, 1.0)
        self.assertEqual(msgs[-1]["event"], "signed-out")
        self.assertTrue(by_cookie.closed)
        t = time.time()
        self.s.api("POST", "/api/v1/users/bob/disable", {})
        msgs = by_token.messages(lambda m: by_token.closed, timeout=1.5)
        self.assertLess(time.time() - t, 1.0)
        self.assertEqual(msgs[-1]["event"], "signed-out")

    def test_a_stream_ends_when_its_viewer_loses_sight_of_an_incident_it_showed(self):
        iid = self.s.api("POST", "/api/v1/incidents", {"severity": "P2", "summary": "odd logins"}, expect=201)["id"]
        bob = self.stream(token=self.tokens["bob"], last_event_id=0)
        bob.messages(lambda m: any(e["data"]["incident_id"] == iid for e in incident_events(m)))
        t = time.time()
        self.s.api("POST", f"/api/v1/incidents/{iid}/visibility", {"visibility": "restricted", "reason": "security"})
        msgs = bob.messages(lambda m: bob.closed, timeout=1.5)
        self.assertLess(time.time() - t, 1.0)
        self.assertEqual(msgs[-1]["event"], "lost-sight")
        self.assertEqual(msgs[-1]["data"], {"incident_id": iid})
        self.assertNotIn("visibility_changed", bob.text)

    def test_streams_are_bounded_per_user_and_bad_requests_are_refused(self):
        open_ = [self.stream(token=self.tokens["alice"]) for _ in range(10)]
        self.assertEqual({s.status for s in open_}, {200})
        over = self.stream(token=self.tokens["alice"])
        self.assertEqual(over.status, 429)
        self.assertIn("10 event streams open already", over.body["detail"])
        self.assertEqual(self.stream(token=self.tokens["bob"]).status, 200)  # another user's are their own
        bad = self.stream(token=self.tokens["bob"], last_event_id="yesterday")
        self.assertEqual(bad.status, 400)
        self.assertIn("Last-Event-ID", bad.body["detail"])
        self.assertEqual(self.stream().status, 401)
        self.assertEqual(self.stream(token="wr_" + "0" * 64).status, 401)


class EventStreamOnPostgres(unittest.TestCase):
    def test_an_event_committed_on_one_instance_reaches_a_stream_on_the_other(self):
        _, url = pg_test_database(self)
        a = Server(database=url).start()
        self.addCleanup(a.cleanup)
        b = Server(database=url, db_dir=a.dir).start(expect_token=False)
        self.addCleanup(b.stop)
        on_b = Stream(b, token=a.token)
        self.addCleanup(on_b.close)
        on_b.messages(lambda m: m)
        t = time.time()
        iid = a.api("POST", "/api/v1/incidents", {"severity": "P3", "summary": "via a"}, expect=201)["id"]
        got = incident_events(on_b.messages(lambda m: incident_events(m), timeout=5))
        self.assertLess(time.time() - t, 2.0)
        self.assertEqual(got[0]["data"]["incident_id"], iid)
        self.assertEqual(got[0]["data"]["type"], "declared")


if __name__ == "__main__":
    unittest.main()
