"""Starts the real warroom binary for scenario tests and talks to it.

Each Server gets its own temporary directory and SQLite file and listens on
127.0.0.1 with port 0; the URL and the first admin token are read from what
the server prints on first start. With tls=True the server serves HTTPS
with a throwaway self-signed certificate for 127.0.0.1 (made with the openssl
command in the server's directory), and every request verifies it.
"""
import json
import os
import re
import shutil
import signal
import socket
import ssl
import subprocess
import tempfile
import time
import unittest
import urllib.error
import urllib.request

BIN = os.environ.get("WARROOM_BIN") or os.path.join(
    os.path.dirname(__file__), "..", "..", "build", "release", "warroom")


def self_signed(directory, stem="server", days=30, key_type="ec"):
    """A self-signed certificate (its own trust anchor, no CA) for 127.0.0.1
    and its unencrypted key, written as STEM.crt and STEM.key; returns both
    paths."""
    cert, key = os.path.join(directory, stem + ".crt"), os.path.join(directory, stem + ".key")
    new_key = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256"] if key_type == "ec" else [
        "-newkey", "rsa:2048"]
    subprocess.run(["openssl", "req", "-x509", *new_key, "-nodes", "-keyout", key, "-out", cert,
                    "-days", str(days), "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"],
                   check=True, capture_output=True)
    return cert, key


# The PostgreSQL test cluster (scripts/pg-test-cluster; make test starts it):
# a libpq connection string without a database, or "".
PG_CLUSTER = os.environ.get("WARROOM_TEST_POSTGRES", "")


def pg_skip_reason():
    """Why PostgreSQL scenarios cannot run ("" when they can); with
    WARROOM_REQUIRE_POSTGRES set a missing cluster fails the test instead."""
    if PG_CLUSTER:
        return ""
    why = "no PostgreSQL test cluster: set WARROOM_TEST_POSTGRES (make test starts one)"
    if os.environ.get("WARROOM_REQUIRE_POSTGRES"):
        raise AssertionError(why)
    return why


def psql(sql, database="postgres"):
    """Runs SQL on the test cluster with Debian's psql; returns its output."""
    p = subprocess.run(["psql", PG_CLUSTER + " dbname=" + database, "-v", "ON_ERROR_STOP=1", "-qAtc", sql],
                       capture_output=True, text=True, timeout=60)
    if p.returncode != 0:
        raise AssertionError(f"psql {sql!r}: {p.stderr}")
    return p.stdout


_pg_count = [0]


def pg_database():
    """A fresh, empty database on the test cluster; returns (name, URL)."""
    _pg_count[0] += 1
    name = f"warroom_scn_{os.getpid()}_{_pg_count[0]}"
    psql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    psql(f"CREATE DATABASE {name}")
    fields = dict(kv.split("=", 1) for kv in PG_CLUSTER.split())
    return name, f"postgres://{fields.get('user', 'warroom')}@{fields['host']}:{fields['port']}/{name}"


def pg_test_database(test):
    """For a test case on PostgreSQL: skips it without a test cluster (fails
    when one is required, see pg_skip_reason), else a fresh database dropped
    after the test; returns (name, URL)."""
    why = pg_skip_reason()
    if why:
        test.skipTest(why)
    name, url = pg_database()
    test.addCleanup(pg_drop, name)
    return name, url


def pg_drop(name):
    psql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


class Server:
    def __init__(self, *extra_args, db_dir=None, wrapper=None, tls=False, database=None, listen="127.0.0.1:0",
                 signing_key=None):
        self.wrapper = list(wrapper or [])  # e.g. ["strace", "-f", ...]: the server runs as its child
        self.tls = tls
        self.own_dir = db_dir is None
        self.dir = db_dir or tempfile.mkdtemp(prefix="warroom-test-")
        self.db = os.path.join(self.dir, "warroom.db")
        # A PostgreSQL URL instead of the SQLite file; the signing key then
        # lives in the server's directory (its default is under var/).
        self.database = database
        self.listen = listen
        # With PostgreSQL: the key file every instance of the database shares.
        self.signing_key = signing_key or os.path.join(self.dir, "warroom.signing-key")
        self.extra = list(extra_args)
        self.proc = None
        self.url = None
        self.token = None

    def start(self, expect_token=True):
        self.out = open(os.path.join(self.dir, "stdout.txt"), "w+")
        self.err = open(os.path.join(self.dir, "stderr.txt"), "w+")
        # The scenario tests hammer the server from 127.0.0.1 with many
        # threads: no per-client request rate unless a test sets one.
        rate = [] if "--max-requests-per-second-per-client" in self.extra else [
            "--max-requests-per-second-per-client", "0"]
        if self.tls:
            self.cert, self.key = os.path.join(self.dir, "server.crt"), os.path.join(self.dir, "server.key")
            if not os.path.exists(self.cert):  # a restart keeps its certificate
                self_signed(self.dir)
            rate += ["--tls-cert", self.cert, "--tls-key", self.key]
        self.proc = subprocess.Popen(
            self.wrapper + [BIN, "serve", "--listen", self.listen] + self.database_args()
            + rate + self.extra,
            stdout=self.out, stderr=self.err, stdin=subprocess.DEVNULL)
        deadline = time.time() + 20
        while time.time() < deadline:
            self.err.seek(0)
            m = re.search(r"listening on (https?://[0-9.:\[\]]+)", self.err.read())
            if m:
                self.url = m.group(1)
                break
            if self.proc.poll() is not None:
                raise RuntimeError("warroom serve exited: " + self.log())
            time.sleep(0.02)
        else:
            raise RuntimeError("warroom serve did not start: " + self.log())
        if expect_token:
            deadline = time.time() + 5
            while time.time() < deadline and not self.token:
                self.out.seek(0)
                m = re.search(r"export WARROOM_TOKEN=(wr_[0-9a-f]{64})", self.out.read())
                if m:
                    self.token = m.group(1)
                time.sleep(0.01)
            if not self.token:
                raise RuntimeError("no admin token printed: " + self.log())
        return self

    def database_args(self):
        if not self.database:
            return ["--database", "sqlite:" + self.db]
        return ["--database", self.database, "--signing-key", self.signing_key]

    def restarted(self, *extra_args):
        """A new server on this one's database (stopped or killed before), with
        other flags if given, started and using the same admin token (printed
        only on the first start)."""
        again = Server(*extra_args, db_dir=self.dir, tls=self.tls, database=self.database)
        again.start(expect_token=False)
        again.token = self.token
        return again

    def log(self):
        self.err.seek(0)
        self.out.seek(0)
        return self.out.read() + self.err.read()

    def server_pid(self):
        """The warroom process itself (a child of the wrapper, if any)."""
        if not self.wrapper:
            return self.proc.pid
        with open(f"/proc/{self.proc.pid}/task/{self.proc.pid}/children") as f:
            return int(f.read().split()[0])

    def stop(self, sig=signal.SIGTERM, timeout=20):
        if self.proc and self.proc.poll() is None:
            os.kill(self.server_pid(), sig)
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        return self.proc.returncode if self.proc else None

    def cleanup(self):
        self.stop()
        if self.own_dir:
            shutil.rmtree(self.dir, ignore_errors=True)

    def ssl_context(self):
        """A client context that verifies the server's certificate (None for
        plain HTTP)."""
        return ssl.create_default_context(cafile=self.cert) if self.tls else None

    # --- the API ---------------------------------------------------------
    def request(self, method, path, body=None, token=None, raw=None, headers=None):
        """Returns (status, parsed JSON or text, headers). A redirect is
        answered as it came (a page's 303 to the sign-in page), not followed."""
        data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
        req = urllib.request.Request(self.url + path, data=data, method=method)
        tok = self.token if token is None else token
        if tok:
            req.add_header("Authorization", "Bearer " + tok)
        if data is not None:
            req.add_header("Content-Type", "application/json")
        for k, v in (headers or {}).items():
            req.add_header(k, v)
        try:
            opener = urllib.request.build_opener(_NoRedirect, urllib.request.HTTPSHandler(context=self.ssl_context()))
            with opener.open(req, timeout=30) as r:
                text = r.read().decode()
                return r.status, _parse(text), dict(r.headers)
        except urllib.error.HTTPError as e:
            text = e.read().decode()
            return e.code, _parse(text), dict(e.headers)

    def all_incident_ids(self):
        """Every incident id the list shows, page by page."""
        ids, offset = [], 0
        while True:
            page = self.api("GET", f"/api/v1/incidents?limit=1000&offset={offset}")
            ids.extend(i["id"] for i in page["items"])
            if page["next_offset"] is None:
                return ids
            offset = page["next_offset"]

    def api(self, method, path, body=None, token=None, expect=200):
        status, data, _ = self.request(method, path, body, token)
        if status != expect:
            raise AssertionError(f"{method} {path} -> {status}, wanted {expect}: {data}")
        return data

    # --- the CLI ---------------------------------------------------------
    def cli(self, *args, token=None, check=True):
        env = dict(os.environ)
        env["WARROOM_SERVER"] = self.url
        env["WARROOM_TOKEN"] = self.token if token is None else token
        if self.tls:
            env["WARROOM_CACERT"] = self.cert
        p = subprocess.run([BIN] + list(args), env=env, capture_output=True, text=True, timeout=60)
        if check and p.returncode != 0:
            raise AssertionError(f"warroom {' '.join(args)} exited {p.returncode}: {p.stderr}{p.stdout}")
        return p

    def cli_json(self, *args, token=None):
        return json.loads(self.cli(*args, "--json", token=token).stdout)


def free_port():
    """A TCP port free on 127.0.0.1 now (for a peer that cannot pick its own)."""
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


ALERTMANAGER = shutil.which("prometheus-alertmanager")


def start_alertmanager(config_text, directory):
    """A real Alertmanager (Debian's prometheus-alertmanager) on 127.0.0.1,
    alone (no cluster), with this configuration; returns (process, url) once
    it is ready. The caller stops it."""
    cfg = os.path.join(directory, "alertmanager.yml")
    with open(cfg, "w") as f:
        f.write(config_text)
    url = f"http://127.0.0.1:{free_port()}"
    log = open(os.path.join(directory, "am.log"), "w")
    proc = subprocess.Popen([ALERTMANAGER, "--config.file=" + cfg, "--storage.path=" + os.path.join(directory, "data"),
                             "--web.listen-address=" + url.removeprefix("http://"), "--cluster.listen-address="],
                            stdout=subprocess.DEVNULL, stderr=log)

    def ready():
        try:
            with urllib.request.urlopen(url + "/-/ready", timeout=1) as r:
                return r.status == 200
        except Exception:
            return proc.poll() is not None  # exited: stop waiting, report below

    wait_for(ready, timeout=20)
    if proc.poll() is not None or not ready():
        proc.kill()
        raise RuntimeError("Alertmanager did not start: " + open(os.path.join(directory, "am.log")).read())
    return proc, url


def wait_for(pred, timeout=10):
    """Polls `pred` until it returns something true (or the timeout): for
    effects that arrive asynchronously, such as deliveries."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        v = pred()
        if v:
            return v
        time.sleep(0.05)
    return pred()


# --- a browser's session ---------------------------------------------------
def cookie_of(headers):
    """The name=value of the session cookie a Set-Cookie header sets."""
    set_cookie = headers.get("Set-Cookie", "")
    return set_cookie.split(";")[0]


class Browser:
    """What a browser sends: the cookie, its own Origin, and (for changes)
    the CSRF token the sign-in answered."""

    def __init__(self, server, cookie, csrf):
        self.s = server
        self.cookie = cookie
        self.csrf = csrf
        self.origin = server.url

    def request(self, method, path, body=None, origin=True, csrf=True, extra=None):
        headers = {"Cookie": self.cookie}
        if origin:
            headers["Origin"] = self.origin if origin is True else origin
        if csrf:
            headers["X-CSRF-Token"] = self.csrf if csrf is True else csrf
        headers.update(extra or {})
        return self.s.request(method, path, body, token="", headers=headers)


def sign_in(server, handle, password, headers=None):
    return server.request("POST", "/api/v1/sessions", {"handle": handle, "password": password}, token="",
                          headers=headers)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """Redirects are the answer under test, never followed."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


def _parse(text):
    try:
        return json.loads(text)
    except ValueError:
        return text


class ServerTest(unittest.TestCase):
    """A test case with a fresh server per test."""
    server_args = ()

    def setUp(self):
        self.s = Server(*self.server_args).start()
        self.addCleanup(self.s.cleanup)

    def clock(self, data, name):
        for c in data["clocks"]:
            if c["clock"] == name:
                return c
        raise KeyError(name)

    def user(self, handle, permission="responder"):
        data = self.s.api("POST", "/api/v1/users", {"handle": handle, "permission": permission}, expect=201)
        return data["token"]


NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
NGINX_CONF = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "deploy", "nginx", "warroom.conf")


def start_nginx(upstream_ports, directory):
    """Debian's nginx on 127.0.0.1, in front of warroom instances on
    `upstream_ports`, with the project's own configuration
    (deploy/nginx/warroom.conf: its ports replaced); returns (process, url)
    once it answers. The caller stops it."""
    port = free_port()
    with open(NGINX_CONF) as f:
        conf = f.read()
    conf = conf.replace("listen 127.0.0.1:8080;", f"listen 127.0.0.1:{port};")
    servers = [line for line in conf.splitlines() if line.strip().startswith("server 127.0.0.1:")]
    template = servers[0]
    conf = conf.replace("\n".join(servers), "\n".join(
        template.replace("127.0.0.1:8081", f"127.0.0.1:{p}") for p in upstream_ports))
    with open(os.path.join(directory, "warroom.conf"), "w") as f:
        f.write(conf)
    return run_nginx(port, directory)


def run_nginx(port, directory, workers=1, worker_connections=512):
    """Debian's nginx with `directory`/warroom.conf included in its http {}
    block, listening on `port`; returns (process, url) once it answers.
    (The benchmarks give it a worker per core and room for thousands of
    connections.)"""
    tmp = os.path.join(directory, "nginx-tmp")
    os.makedirs(tmp, exist_ok=True)
    main = os.path.join(directory, "nginx.conf")
    with open(main, "w") as f:
        f.write(f"""daemon off;
user root;
worker_processes {workers};
worker_rlimit_nofile {worker_connections * 2 + 64};
pid {directory}/nginx.pid;
error_log {directory}/nginx-error.log warn;
events {{ worker_connections {worker_connections}; }}
http {{
  access_log off;
  client_body_temp_path {tmp}/body;
  proxy_temp_path {tmp}/proxy;
  fastcgi_temp_path {tmp}/fastcgi;
  uwsgi_temp_path {tmp}/uwsgi;
  scgi_temp_path {tmp}/scgi;
  include {directory}/warroom.conf;
}}
""")
    proc = subprocess.Popen([NGINX, "-c", main, "-p", directory], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"

    def up():
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return True
        except OSError:
            return proc.poll() is not None

    wait_for(up, timeout=10)
    if proc.poll() is not None:
        raise RuntimeError("nginx did not start: " + proc.stderr.read().decode())
    return proc, url
