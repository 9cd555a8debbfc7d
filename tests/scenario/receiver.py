"""A local HTTP receiver for delivery tests: records every request and
answers per path: /ok 200; /flaky 500 on odd requests; /ratelimited 429 with
Retry-After once; /hang sleeps past the sender's timeout on the first request;
/slow answers the first request after 2 s; /reject 400; .../chat.postMessage
like Slack's Web API (ok with the bot token xoxb-test-token)."""
import http.server
import json
import threading
import time


class Receiver:
    def __init__(self):
        self.requests = []  # (path, headers dict, body bytes, time)
        self.lock = threading.Lock()
        self.counts = {}
        receiver = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_POST(self):
                n = int(self.headers.get("Content-Length", "0"))
                body = self.rfile.read(n)
                with receiver.lock:
                    receiver.requests.append((self.path, {k.lower(): v for k, v in self.headers.items()}, body,
                                              time.time()))
                    count = receiver.counts[self.path] = receiver.counts.get(self.path, 0) + 1
                if self.path == "/flaky" and count % 2 == 1:
                    return self.answer(500, b"try again")
                if self.path == "/ratelimited" and count == 1:
                    return self.answer(429, b"slow down", {"Retry-After": "1"})
                if self.path == "/hang" and count == 1:
                    time.sleep(3)
                    return self.answer(200, b"late")
                if self.path == "/slow" and count == 1:
                    time.sleep(2)
                    return self.answer(200, b"ok")
                if self.path.endswith("/conversations.create"):
                    req = json.loads(body)
                    if req["name"] == "inc-2026-02-12-001":  # taken by an old channel
                        answer = {"ok": False, "error": "name_taken"}
                    else:
                        answer = {"ok": True, "channel": {"id": "C0WAR" + str(count), "name": req["name"]}}
                    return self.answer(200, json.dumps(answer).encode(), {"Content-Type": "application/json"})
                if self.path.endswith("/conversations.invite"):
                    return self.answer(200, b'{"ok": true}', {"Content-Type": "application/json"})
                if self.path.endswith("/chat.postMessage"):
                    ok = self.headers.get("Authorization") == "Bearer xoxb-test-token"
                    answer = {"ok": True, "ts": "1.2"} if ok else {"ok": False, "error": "invalid_auth"}
                    return self.answer(200, json.dumps(answer).encode(), {"Content-Type": "application/json"})
                if self.path == "/reject":
                    return self.answer(400, b"no such channel")
                return self.answer(200, b"ok")

            def answer(self, status, body, headers=None):
                try:
                    self.send_response(status)
                    for k, v in (headers or {}).items():
                        self.send_header(k, v)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def at(self, path):
        with self.lock:
            return [r for r in self.requests if r[0] == path]

    def json_at(self, path):
        return [json.loads(r[2]) for r in self.at(path)]

    def close(self):
        self.server.shutdown()
