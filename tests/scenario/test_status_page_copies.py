"""The status page as static files, through the real server: `warroom serve
--status-page-mirror DIR` keeps a copy current on every build (an update
posted shows in it; an incident's page that left the window is removed),
`warroom status-page export DIR` writes the same bytes the server answers,
and Debian's nginx, with the project's deploy/nginx/status-page.conf,
serves either at warroom's URLs while warroom is stopped. Bad input (a
folder that is a file, a server that is down) is a clear error."""
import json
import os
import shutil
import subprocess
import tempfile
import unittest
import urllib.error
import urllib.request

from harness import BIN, Server, free_port, run_nginx, wait_for

I = "INC-2026-02-12-001"
HERE = os.path.dirname(os.path.abspath(__file__))
SITE_CONF = os.path.join(HERE, "..", "..", "deploy", "nginx", "status-page.conf")


def raw(url):
    with urllib.request.urlopen(url, timeout=10) as r:
        return r.status, r.read(), dict(r.headers)


def files_under(root):
    out = {}
    for d, _, names in os.walk(root):
        for n in names:
            p = os.path.join(d, n)
            with open(p, "rb") as f:
                out[os.path.relpath(p, root)] = f.read()
    return out


def url_of(rel):
    """The URL path a file of the copy answers (its folder's for an index.html)."""
    path = "/" + rel
    return path[: -len("/index.html")] if path.endswith("/index.html") else path


class Copies(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="warroom-copies-")
        self.addCleanup(shutil.rmtree, self.dir, True)
        self.mirror = os.path.join(self.dir, "mirror")
        self.s = Server("--clock", "simulated:2026-02-12T14:00:00Z",
                        "--status-page-mirror", self.mirror).start()
        self.addCleanup(self.s.cleanup)

    def mirrored(self, rel):
        try:
            with open(os.path.join(self.mirror, rel), "rb") as f:
                return f.read()
        except FileNotFoundError:
            return None

    def test_the_mirror_and_the_export_hold_what_the_server_answers_and_nginx_serves_them(self):
        # At start, before anything happened: the whole page is there.
        # (The mirror writes a build's files one after another: each wait is
        # for the file it reads.)
        summary = wait_for(lambda: self.mirrored("api/v2/summary.json"))
        self.assertEqual(json.loads(summary)["incidents"], [])
        self.assertIn(b"All Systems Operational", wait_for(lambda: self.mirrored("status/index.html")))
        self.assertTrue(wait_for(lambda: self.mirrored("assets/status.css")))
        # An investigating update on a P1 affecting the API: the copy shows it.
        self.s.cli("declare", "--severity", "P1", "--summary", "API errors for some customers",
                   "--component", "api")
        self.s.cli("update", I, "--template", "status-investigating")
        doc = wait_for(lambda: (lambda d: d if d and json.loads(d)["incidents"] else None)(
            self.mirrored("api/v2/summary.json")))
        self.assertTrue(doc, "the mirror never showed the update")
        slug = json.loads(doc)["incidents"][0]["id"]
        mid = self.s.cli_json("status-page", "maintenance", "schedule", "Database upgrade",
                              "--from", "2026-02-13T02:00:00Z", "--until", "2026-02-13T03:00:00Z",
                              "--component", "api")["id"]
        self.assertTrue(wait_for(lambda: self.mirrored(f"status/maintenances/{mid}/index.html")))
        self.assertIn(b"Investigating", wait_for(
            lambda: self.mirrored(f"status/incidents/{slug}/index.html")))
        self.assertTrue(wait_for(lambda: slug.encode() in (self.mirrored("status/feed.atom") or b"")))

        # Every file of the copy is what the server answers at its URL, byte
        # for byte, once the last build is written (a quiet moment: the
        # simulated clock stands still).
        def settled():
            files = files_under(self.mirror)
            files.pop(".warroom-mirror", None)
            if b"Database upgrade" not in files.get("api/v2/summary.json", b""):
                return None
            for rel, body in files.items():
                try:
                    st, served, _ = raw(self.s.url + url_of(rel))
                except urllib.error.HTTPError:
                    return None
                if (st, served) != (200, body):
                    return None
            return files
        mirror = wait_for(settled, timeout=30)
        self.assertTrue(mirror, "the mirror never matched what the server answers")
        self.assertFalse([n for n in mirror if n.endswith(".tmp")])
        self.assertIn(f"status/incidents/{slug}/index.html", mirror)
        self.assertIn(f"status/maintenances/{mid}/index.html", mirror)

        # The export from the command line: the same files, the same bytes.
        out = os.path.join(self.dir, "export")
        r = self.s.cli("status-page", "export", out)
        self.assertIn(f"Wrote {len(mirror)} files", r.stdout)
        self.assertEqual(files_under(out), mirror)
        listed = self.s.cli_json("status-page", "export", out)
        self.assertEqual(sorted(f["path"] for f in listed["files"]), sorted(url_of(n) for n in mirror))

        # nginx with the project's configuration serves the copy at the same
        # URLs while warroom is down.
        self.s.stop()
        port = free_port()
        with open(SITE_CONF) as f:
            conf = f.read().replace("listen 127.0.0.1:8090;", f"listen 127.0.0.1:{port};").replace(
                "root /var/lib/warroom/status-page;", f"root {self.mirror};")
        ngx = os.path.join(self.dir, "nginx")
        os.makedirs(ngx)
        with open(os.path.join(ngx, "warroom.conf"), "w") as f:
            f.write(conf)
        proc, url = run_nginx(port, ngx)
        self.addCleanup(proc.wait)
        self.addCleanup(proc.terminate)
        for path in ("/status", f"/status/incidents/{slug}", f"/status/maintenances/{mid}",
                     "/api/v2/summary.json", "/status/feed.atom", "/assets/status.css"):
            st, body, h = raw(url + path)
            rel = path[1:] + ("/index.html" if "." not in path.rsplit("/", 1)[-1] else "")
            self.assertEqual((st, body), (200, mirror[rel]), path)
        self.assertTrue(raw(url + "/status")[2]["Content-Type"].startswith("text/html"))
        self.assertTrue(raw(url + "/api/v2/summary.json")[2]["Content-Type"].startswith("application/json"))
        with self.assertRaises(urllib.error.HTTPError) as e:
            raw(url + "/.warroom-mirror")
        self.assertEqual(e.exception.code, 404)

    def test_a_page_that_left_the_window_leaves_the_mirror(self):
        self.s.cli("declare", "--severity", "P2", "--summary", "Slow dashboard", "--component", "dashboard")
        self.s.cli("update", I, "--template", "status-investigating")
        doc = wait_for(lambda: (lambda d: d if d and json.loads(d)["incidents"] else None)(
            self.mirrored("api/v2/incidents.json")))
        slug = json.loads(doc)["incidents"][0]["id"]
        page = f"status/incidents/{slug}/index.html"
        self.assertTrue(wait_for(lambda: self.mirrored(page)))
        self.s.cli("identify", I, "--root-cause", "a bad deploy", "--category", "deployment")
        self.s.cli("mitigate", I, "rolled back")
        self.s.cli("clock", "advance", "2h")
        self.s.cli("resolve", I, "fixed")
        self.s.cli("clock", "advance", "2200h")  # past the 90 days of history
        self.assertTrue(wait_for(lambda: not os.path.exists(os.path.join(self.mirror, page)), timeout=30),
                        "the old incident's page stayed in the mirror")
        self.assertFalse(os.path.exists(os.path.join(self.mirror, "status", "incidents", slug)))
        self.assertEqual(json.loads(self.mirrored("api/v2/incidents.json"))["incidents"], [])

    def test_bad_folders_and_a_server_that_is_down_are_clear_errors(self):
        blocker = os.path.join(self.dir, "a-file")
        with open(blocker, "w") as f:
            f.write("not a folder")
        r = self.s.cli("status-page", "export", os.path.join(blocker, "site"), check=False)
        self.assertNotEqual(r.returncode, 0)
        self.assertIn("cannot create the folder", r.stderr)
        self.assertEqual(open(blocker).read(), "not a folder")
        env = dict(os.environ, WARROOM_SERVER=f"http://127.0.0.1:{free_port()}", WARROOM_TOKEN="")
        r = subprocess.run([BIN, "status-page", "export", os.path.join(self.dir, "never")], env=env,
                           capture_output=True, text=True, timeout=120)
        self.assertNotEqual(r.returncode, 0)
        self.assertIn("127.0.0.1", r.stderr)
        self.assertFalse(os.path.exists(os.path.join(self.dir, "never")))
        # A server told to mirror into a file does not start, and says why.
        p = subprocess.run([BIN, "serve", "--listen", "127.0.0.1:0", "--database",
                            "sqlite:" + os.path.join(self.dir, "other.db"), "--signing-key",
                            os.path.join(self.dir, "other.key"), "--status-page-mirror", blocker],
                           capture_output=True, text=True, timeout=60)
        self.assertEqual(p.returncode, 2, p.stderr)
        self.assertIn("--status-page-mirror", p.stderr)
        r = self.s.cli("status-page", "export", "--help")
        self.assertIn("DIR", r.stdout.upper())


if __name__ == "__main__":
    unittest.main()
