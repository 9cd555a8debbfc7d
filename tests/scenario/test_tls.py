"""HTTPS terminated by warroom itself (--tls-cert/--tls-key): real TLS
clients (curl and Python's ssl, both verifying) against a throwaway
self-signed certificate for 127.0.0.1 made by the test with the openssl
command; the protocol and cipher policy; HSTS; the reload on SIGHUP; the
errors at start; the edge's bounds under TLS."""
import hashlib
import json
import os
import shutil
import signal
import socket
import ssl
import subprocess
import tempfile
import time
import unittest
import http.client

from harness import BIN, Server, self_signed, wait_for


def fingerprint_of_file(cert):
    with open(cert) as f:
        return hashlib.sha256(ssl.PEM_cert_to_DER_cert(f.read())).hexdigest()


def fingerprint_of(sock):
    return hashlib.sha256(sock.getpeercert(binary_form=True)).hexdigest()


def healthz(conn):
    """GET /healthz on an open connection (read whole, so it can be reused)."""
    conn.request("GET", "/healthz")
    r = conn.getresponse()
    body = json.loads(r.read())
    return r.status if body == {"status": "ok"} else body


def log_lines(server):
    """The server's log, one JSON object a line."""
    server.err.seek(0)
    return [json.loads(line) for line in server.err.read().splitlines() if line.startswith("{")]


def dated_certificate(directory, start, end):
    """A self-signed certificate valid only from START to END (openssl ca's
    YYYYMMDDHHMMSSZ), made with `openssl ca -selfsign`, and its key."""
    cnf = os.path.join(directory, "ca.cnf")
    open(os.path.join(directory, "index.txt"), "w").close()
    with open(os.path.join(directory, "serial"), "w") as f:
        f.write("01\n")
    with open(cnf, "w") as f:
        f.write(f"""[ ca ]
default_ca = dated
[ dated ]
database = {directory}/index.txt
new_certs_dir = {directory}
serial = {directory}/serial
default_md = sha256
policy = any
copy_extensions = copy
[ any ]
commonName = supplied
""")
    key, csr, cert = (os.path.join(directory, n) for n in ("dated.key", "dated.csr", "dated.crt"))
    subprocess.run(["openssl", "req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                    "-keyout", key, "-out", csr, "-subj", "/CN=127.0.0.1",
                    "-addext", "subjectAltName=IP:127.0.0.1"], check=True, capture_output=True)
    subprocess.run(["openssl", "ca", "-batch", "-notext", "-config", cnf, "-selfsign", "-keyfile", key, "-in", csr,
                    "-out", cert, "-startdate", start, "-enddate", end], check=True, capture_output=True)
    return cert, key


def pagerduty_event(routing_key, dedup):
    # The Events API v2 shape PagerDuty documents.
    return {"routing_key": routing_key, "event_action": "trigger", "dedup_key": dedup,
            "payload": {"summary": "TLS: primary database down", "source": "db-1", "severity": "critical",
                        "component": "postgres", "group": "prod", "class": "availability",
                        "custom_details": {"replica_lag_s": 42}}}


class TlsServerTest(unittest.TestCase):
    def setUp(self):
        self.s = Server(tls=True).start()
        self.addCleanup(self.s.cleanup)

    def connect(self, cafile=None, **context_settings):
        ctx = ssl.create_default_context(cafile=cafile or self.s.cert)
        for k, v in context_settings.items():
            setattr(ctx, k, v)
        conn = http.client.HTTPSConnection("127.0.0.1", int(self.s.url.rsplit(":", 1)[1]), context=ctx,
                                           timeout=15)
        conn.connect()
        return conn

    def test_pagerduty_events_v2_through_tls_with_curl_and_python(self):
        self.assertTrue(self.s.url.startswith("https://127.0.0.1:"), self.s.url)
        # The CLI, verifying with WARROOM_CACERT (the harness sets it).
        key = self.s.cli_json("integration", "create", "--type", "pagerduty", "--name", "pd")["key"]
        curl = subprocess.run(
            ["curl", "-sS", "--cacert", self.s.cert, "-D", "-", "-H", "Content-Type: application/json",
             "--data", json.dumps(pagerduty_event(key, "curl-1")), self.s.url + "/v2/enqueue"],
            capture_output=True, text=True, timeout=30)
        self.assertEqual(curl.returncode, 0, curl.stderr)
        head, body = curl.stdout.split("\n\n", 1)  # text mode: CRLF read as LF
        self.assertTrue(head.startswith("HTTP/1.1 202"), head)
        self.assertIn("strict-transport-security: max-age=63072000", head.lower())
        self.assertEqual((json.loads(body)["status"], json.loads(body)["dedup_key"]), ("success", "curl-1"))

        conn = self.connect()
        self.assertEqual(conn.sock.version(), "TLSv1.3")  # preferred
        self.assertIsNone(conn.sock.compression())
        conn.request("POST", "/v2/enqueue", json.dumps(pagerduty_event(key, "python-1")),
                     {"Content-Type": "application/json"})
        r = conn.getresponse()
        self.assertEqual(r.status, 202)
        self.assertEqual(r.getheader("Strict-Transport-Security"), "max-age=63072000")
        self.assertEqual(json.loads(r.read())["dedup_key"], "python-1")
        self.assertEqual(healthz(conn), 200)  # kept alive: a second request on the same TLS connection
        conn.close()
        alerts = self.s.api("GET", "/api/v1/alerts")["items"]
        self.assertEqual(sorted(a["key"] for a in alerts), ["curl-1", "python-1"])

    def test_an_oversized_streamed_body_hears_its_413_over_tls(self):
        # The answer comes while the client is still sending: the close_notify
        # exchange drains the rest so the 413 is read, not reset.
        big = os.path.join(self.s.dir, "big.json")
        with open(big, "wb") as f:
            f.write(b"a" * (3 << 20))
        curl = subprocess.run(
            ["curl", "-sS", "--cacert", self.s.cert, "-H", "Content-Type: application/json", "-H",
             "Transfer-Encoding: chunked", "-H", "Authorization: Bearer " + self.s.token, "--data-binary", "@" + big,
             "-w", "\n%{http_code}", self.s.url + "/api/v1/incidents"], capture_output=True, text=True, timeout=30)
        body, status = curl.stdout.rsplit("\n", 1)
        self.assertEqual(status, "413", curl.stderr)
        self.assertIn("larger than the limit of 1048576 bytes", json.loads(body)["detail"])

    def test_protocol_and_cipher_policy(self):
        alpn = ssl.create_default_context(cafile=self.s.cert)
        alpn.set_alpn_protocols(["h2", "http/1.1"])
        with socket.create_connection(("127.0.0.1", int(self.s.url.rsplit(":", 1)[1]))) as raw:
            with alpn.wrap_socket(raw, server_hostname="127.0.0.1") as tls:
                self.assertEqual(tls.selected_alpn_protocol(), "http/1.1")
        # TLS 1.2 with an ECDHE AEAD suite is accepted ...
        conn = self.connect(maximum_version=ssl.TLSVersion.TLSv1_2)
        self.assertEqual(conn.sock.version(), "TLSv1.2")
        self.assertIn(conn.sock.cipher()[0], ("ECDHE-ECDSA-AES128-GCM-SHA256", "ECDHE-ECDSA-AES256-GCM-SHA384",
                                              "ECDHE-ECDSA-CHACHA20-POLY1305"))
        conn.close()
        chacha = ssl.create_default_context(cafile=self.s.cert)
        chacha.maximum_version = ssl.TLSVersion.TLSv1_2
        chacha.set_ciphers("ECDHE-ECDSA-CHACHA20-POLY1305")
        with socket.create_connection(("127.0.0.1", int(self.s.url.rsplit(":", 1)[1]))) as raw:
            with chacha.wrap_socket(raw, server_hostname="127.0.0.1") as tls:
                self.assertEqual(tls.cipher()[0], "ECDHE-ECDSA-CHACHA20-POLY1305")
        # ... a CBC suite (even with ECDHE) is not, nor TLS 1.1 or 1.0.
        for version, ciphers in ((ssl.TLSVersion.TLSv1_2, "ECDHE-ECDSA-AES128-SHA256"),
                                 (ssl.TLSVersion.TLSv1_1, "DEFAULT:@SECLEVEL=0"),
                                 (ssl.TLSVersion.TLSv1, "DEFAULT:@SECLEVEL=0")):
            old = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
            old.load_verify_locations(self.s.cert)
            old.set_ciphers(ciphers)
            old.minimum_version = version if version != ssl.TLSVersion.TLSv1_2 else ssl.TLSVersion.TLSv1
            old.maximum_version = version
            with socket.create_connection(("127.0.0.1", int(self.s.url.rsplit(":", 1)[1]))) as raw:
                with self.assertRaises(ssl.SSLError, msg=f"{version} {ciphers}"):
                    old.wrap_socket(raw, server_hostname="127.0.0.1")
        self.assertEqual(self.s.request("GET", "/healthz", token="")[0], 200)

    def test_plain_http_to_the_tls_port_is_closed_and_not_an_error(self):
        port = int(self.s.url.rsplit(":", 1)[1])
        for _ in range(20):
            with socket.create_connection(("127.0.0.1", port), timeout=10) as raw:
                raw.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                got = b""
                try:
                    while chunk := raw.recv(4096):
                        got += chunk
                except ConnectionResetError:
                    pass
                self.assertNotIn(b"HTTP/1.1", got)  # no plain answer, and no TLS record parsed as one
        self.assertEqual(self.s.request("GET", "/healthz", token="")[0], 200)
        errors = [line for line in log_lines(self.s) if line["level"] in ("error", "warning")]
        self.assertEqual(errors, [])

    def test_cli_verifies_the_certificate(self):
        env = dict(os.environ, WARROOM_SERVER=self.s.url, WARROOM_TOKEN=self.s.token)
        env.pop("WARROOM_CACERT", None)
        ok = subprocess.run([BIN, "--cacert", self.s.cert, "list", "--json"], env=env, capture_output=True,
                            text=True, timeout=30)
        self.assertEqual(ok.returncode, 0, ok.stderr)
        self.assertEqual(json.loads(ok.stdout)["items"], [])
        # The system trust store does not know a self-signed certificate.
        refused = subprocess.run([BIN, "list"], env=env, capture_output=True, text=True, timeout=30)
        self.assertEqual(refused.returncode, 6)
        self.assertIn("cannot verify the TLS certificate of " + self.s.url, refused.stderr)
        self.assertIn("--cacert", refused.stderr)
        # Another CA's certificate does not verify it either.
        other, _ = self_signed(self.s.dir, "other")
        wrong = subprocess.run([BIN, "list"], env=dict(env, WARROOM_CACERT=other), capture_output=True, text=True,
                               timeout=30)
        self.assertEqual(wrong.returncode, 6)
        self.assertIn("cannot verify the TLS certificate", wrong.stderr)
        missing = subprocess.run([BIN, "--cacert", "/nonexistent/ca.pem", "list"], env=env, capture_output=True,
                                 text=True, timeout=30)
        self.assertEqual(missing.returncode, 4)
        self.assertIn("--cacert / WARROOM_CACERT /nonexistent/ca.pem: cannot load", missing.stderr)

    def test_sighup_reloads_the_certificate_without_dropping_connections(self):
        old = fingerprint_of_file(self.s.cert)
        kept = self.connect()
        self.assertEqual(fingerprint_of(kept.sock), old)
        self.assertEqual(healthz(kept), 200)
        # A new certificate and key, put in place as a renewal would.
        new_cert, new_key = self_signed(tempfile.mkdtemp(dir=self.s.dir), "renewed")
        os.replace(new_key, self.s.key)
        os.replace(new_cert, self.s.cert)
        new = fingerprint_of_file(self.s.cert)
        self.assertNotEqual(new, old)
        os.kill(self.s.proc.pid, signal.SIGHUP)
        self.assertTrue(wait_for(lambda: "certificate and key reloaded" in self.s.log(), timeout=10), self.s.log())
        self.assertEqual(healthz(kept), 200)  # the connection opened before the reload still works ...
        self.assertEqual(fingerprint_of(kept.sock), old)  # ... on its own handshake
        fresh = self.connect()
        self.assertEqual(fingerprint_of(fresh.sock), new)
        fresh.close()
        self.assertIn(":".join(new[i:i + 2] for i in range(0, 64, 2)).upper(), self.s.log())

        # A broken reload keeps the certificate in use, and says which file and why.
        with open(self.s.cert, "w") as f:
            f.write("this is not a certificate\n")
        os.kill(self.s.proc.pid, signal.SIGHUP)
        self.assertTrue(wait_for(lambda: "TLS reload failed" in self.s.log(), timeout=10), self.s.log())
        failed = [line for line in log_lines(self.s) if "TLS reload failed" in line["msg"]]
        self.assertEqual(failed[0]["level"], "error")
        self.assertIn(f"--tls-cert {self.s.cert}: not a PEM certificate", failed[0]["msg"])
        # A valid certificate whose key is not the one in --tls-key.
        os.replace(self_signed(self.s.dir, "stray")[0], self.s.cert)
        os.kill(self.s.proc.pid, signal.SIGHUP)
        self.assertTrue(wait_for(lambda: "does not match the certificate" in self.s.log(), timeout=10), self.s.log())
        ctx = ssl.create_default_context()
        ctx.check_hostname = False
        ctx.verify_mode = ssl.CERT_NONE  # the files on disk are not what is served: compare fingerprints
        with socket.create_connection(("127.0.0.1", int(self.s.url.rsplit(":", 1)[1]))) as raw:
            with ctx.wrap_socket(raw) as tls:
                self.assertEqual(fingerprint_of(tls), new)
        self.assertEqual(healthz(kept), 200)
        kept.close()
        self.assertEqual(self.s.stop(), 0)

    def test_the_drain_answers_kept_alive_tls_connections_503(self):
        kept = self.connect()
        self.assertEqual(healthz(kept), 200)
        os.kill(self.s.proc.pid, signal.SIGTERM)
        time.sleep(0.3)
        kept.request("GET", "/api/v1/incidents", headers={"Authorization": "Bearer " + self.s.token})
        r = kept.getresponse()
        self.assertEqual((r.status, r.getheader("Connection")), (503, "close"))
        self.assertEqual(r.getheader("Strict-Transport-Security"), "max-age=63072000")
        self.assertIn("stopping", json.loads(r.read())["detail"])
        kept.close()
        self.assertEqual(self.s.proc.wait(15), 0)

    def test_a_proxy_header_before_the_handshake_names_the_client_and_its_bound(self):
        s = Server("--trusted-proxy", "127.0.0.1", "--max-connections-per-client", "1", tls=True).start()
        self.addCleanup(s.cleanup)
        port = int(s.url.rsplit(":", 1)[1])
        ctx = ssl.create_default_context(cafile=s.cert)

        def via_proxy(source):
            raw = socket.create_connection(("127.0.0.1", port), timeout=15)
            raw.sendall(f"PROXY TCP4 {source} 127.0.0.1 40000 443\r\n".encode())
            tls = ctx.wrap_socket(raw, server_hostname="127.0.0.1")
            tls.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            return tls, tls.recv(4096)

        first, answer = via_proxy("203.0.113.7")
        self.assertTrue(answer.startswith(b"HTTP/1.1 200"), answer)
        # The same client through the proxy again: over its bound of 1, told so over TLS.
        second, answer = via_proxy("203.0.113.7")
        self.assertTrue(answer.startswith(b"HTTP/1.1 429"), answer)
        self.assertIn(b"Strict-Transport-Security: max-age=63072000", answer)
        second.close()
        other, answer = via_proxy("203.0.113.8")
        self.assertTrue(answer.startswith(b"HTTP/1.1 200"), answer)
        other.close()
        first.close()
        # The PROXY header and the ClientHello in one segment: the server
        # reads both at once, and the handshake takes what it read past the header.
        incoming, outgoing = ssl.MemoryBIO(), ssl.MemoryBIO()
        tls = ctx.wrap_bio(incoming, outgoing, server_hostname="127.0.0.1")
        with self.assertRaises(ssl.SSLWantReadError):
            tls.do_handshake()
        raw = socket.create_connection(("127.0.0.1", port), timeout=15)
        raw.sendall(b"PROXY TCP4 203.0.113.9 127.0.0.1 40000 443\r\n" + outgoing.read())
        while True:
            try:
                tls.do_handshake()
                break
            except ssl.SSLWantReadError:
                raw.sendall(outgoing.read())
                data = raw.recv(65536)
                self.assertTrue(data, "closed during the handshake")
                incoming.write(data)
        tls.write(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        raw.sendall(outgoing.read())
        answer = b""
        while b"\r\n\r\n" not in answer:
            try:
                answer += tls.read(4096)
            except ssl.SSLWantReadError:
                incoming.write(raw.recv(65536))
        self.assertTrue(answer.startswith(b"HTTP/1.1 200"), answer)
        raw.close()

    def test_a_client_that_never_finishes_its_handshake_is_closed_at_the_header_deadline(self):
        s = Server("--header-timeout", "2", tls=True).start()
        self.addCleanup(s.cleanup)
        port = int(s.url.rsplit(":", 1)[1])
        started = time.monotonic()
        silent = socket.create_connection(("127.0.0.1", port), timeout=15)
        partial = socket.create_connection(("127.0.0.1", port), timeout=15)
        partial.sendall(b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03")  # the start of a ClientHello
        for sock in (silent, partial):
            try:
                self.assertEqual(sock.recv(100), b"")
            except ConnectionResetError:
                pass
            sock.close()
        self.assertLess(time.monotonic() - started, 6)
        self.assertGreater(time.monotonic() - started, 1.5)
        self.assertEqual(s.request("GET", "/healthz", token="")[0], 200)

    def test_a_client_over_its_connection_bound_hears_429_over_tls(self):
        s = Server("--max-connections-per-client", "1", tls=True).start()
        self.addCleanup(s.cleanup)
        port = int(s.url.rsplit(":", 1)[1])
        ctx = ssl.create_default_context(cafile=s.cert)
        held = ctx.wrap_socket(socket.create_connection(("127.0.0.1", port), timeout=20),
                               server_hostname="127.0.0.1")
        started = time.monotonic()
        refused = ctx.wrap_socket(socket.create_connection(("127.0.0.1", port), timeout=20),
                                  server_hostname="127.0.0.1")  # after the hold (10 s)
        refused.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        answer = refused.recv(4096)
        self.assertTrue(answer.startswith(b"HTTP/1.1 429"), answer)
        self.assertGreater(time.monotonic() - started, 8)
        refused.close()
        held.close()


class TlsStartTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="warroom-tls-")
        self.addCleanup(shutil.rmtree, self.dir, True)
        self.cert, self.key = self_signed(self.dir)

    def serve(self, *args):
        db = os.path.join(self.dir, "warroom.db")
        p = subprocess.run([BIN, "serve", "--listen", "127.0.0.1:0", "--database", "sqlite:" + db, *args],
                           capture_output=True, text=True, timeout=20)
        self.assertFalse(os.path.exists(db), "nothing is written before the configuration is checked")
        return p

    def test_each_bad_certificate_or_key_is_refused_with_a_clear_error(self):
        garbage = os.path.join(self.dir, "garbage.pem")
        with open(garbage, "w") as f:
            f.write("hello\n")
        other_cert, other_key = self_signed(self.dir, "other", key_type="rsa")
        cases = [
            (["--tls-cert", self.cert], "--tls-cert given without --tls-key"),
            (["--tls-key", self.key], "--tls-key given without --tls-cert"),
            (["--tls-cert", "/nonexistent/x.crt", "--tls-key", self.key],
             "--tls-cert /nonexistent/x.crt: cannot read the file: No such file or directory"),
            (["--tls-cert", self.cert, "--tls-key", "/nonexistent/x.key"],
             "--tls-key /nonexistent/x.key: cannot read the file"),
            (["--tls-cert", garbage, "--tls-key", self.key], f"--tls-cert {garbage}: not a PEM certificate"),
            (["--tls-cert", self.key, "--tls-key", self.cert], "are --tls-cert and --tls-key swapped?"),
            (["--tls-cert", self.cert, "--tls-key", garbage], f"--tls-key {garbage}: not a PEM private key"),
            (["--tls-cert", self.cert, "--tls-key", other_key],
             f"--tls-key {other_key} does not match the certificate in --tls-cert {self.cert}"),
        ]
        encrypted = os.path.join(self.dir, "encrypted.key")
        subprocess.run(["openssl", "pkey", "-in", self.key, "-out", encrypted, "-aes256", "-passout", "pass:x"],
                       check=True, capture_output=True)
        cases.append((["--tls-cert", self.cert, "--tls-key", encrypted], "encrypted with a passphrase"))
        if os.geteuid() != 0:  # root reads any file
            unreadable = os.path.join(self.dir, "unreadable.key")
            with open(unreadable, "w") as f:
                f.write(open(self.key).read())
            os.chmod(unreadable, 0)
            cases.append((["--tls-cert", self.cert, "--tls-key", unreadable], "Permission denied"))
        for args, message in cases:
            with self.subTest(args=args):
                p = self.serve(*args)
                self.assertEqual(p.returncode, 2, p.stderr)
                self.assertIn(message, p.stderr)
                self.assertNotIn("listening", p.stderr)
        del other_cert

    def test_an_expired_certificate_starts_and_is_logged_loudly(self):
        cert, key = dated_certificate(self.dir, "20200101000000Z", "20200201000000Z")
        s = Server("--tls-cert", cert, "--tls-key", key, db_dir=self.dir).start()
        self.addCleanup(s.cleanup)
        expired = [line for line in log_lines(s) if "EXPIRED" in line["msg"]]
        self.assertEqual(len(expired), 1, s.log())
        self.assertEqual(expired[0]["level"], "error")
        self.assertIn("2020-02-01T00:00:00Z (notAfter)", expired[0]["msg"])
        # Clients that verify refuse it, and the CLI says why.
        env = dict(os.environ, WARROOM_SERVER=s.url, WARROOM_TOKEN=s.token, WARROOM_CACERT=cert)
        p = subprocess.run([BIN, "list"], env=env, capture_output=True, text=True, timeout=30)
        self.assertEqual(p.returncode, 6)
        self.assertIn("certificate has expired", p.stderr)
        # Every reload says it again.
        os.kill(s.proc.pid, signal.SIGHUP)
        self.assertTrue(wait_for(lambda: len([l for l in log_lines(s) if "EXPIRED" in l["msg"]]) == 2, timeout=10))

    def test_a_certificate_about_to_expire_is_a_warning(self):
        cert, key = self_signed(self.dir, "soon", days=5)
        s = Server("--tls-cert", cert, "--tls-key", key, db_dir=self.dir).start()
        self.addCleanup(s.cleanup)
        soon = [line for line in log_lines(s) if "TLS certificate" in line["msg"]]
        self.assertEqual(soon[0]["level"], "warning", soon)
        self.assertIn("expires in 4 day(s)", soon[0]["msg"])


class PlainServerTest(unittest.TestCase):
    def test_no_hsts_without_tls(self):
        s = Server().start()
        self.addCleanup(s.cleanup)
        self.assertTrue(s.url.startswith("http://"))
        status, _, headers = s.request("GET", "/healthz", token="")
        self.assertEqual(status, 200)
        self.assertNotIn("Strict-Transport-Security", headers)
        self.assertEqual(headers.get("X-Content-Type-Options"), "nosniff")


if __name__ == "__main__":
    unittest.main()
