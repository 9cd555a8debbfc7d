"""kill -9 loses nothing that was answered with success, and every
acknowledged write cost an fsync before its answer (group commit shares one
fsync between concurrent writers)."""
import os
import re
import shutil
import signal
import sys
import subprocess
import tempfile
import threading
import time
import unittest

from harness import BIN, Server

WRITERS = 16


def declare_loop(server, acked, errors, stop):
    while not stop.is_set():
        try:
            st, d, _ = server.request("POST", "/api/v1/incidents",
                                      {"severity": "P2", "summary": "load", "at": "2026-02-12T10:00:00Z"})
        except Exception:  # the server died mid-request: not acknowledged
            return
        if st == 201:
            acked.append(d["id"])
        elif st not in (503,):
            errors.append((st, d))


class Durability(unittest.TestCase):
    def test_kill_minus_nine_loses_no_acknowledged_write(self):
        s = Server().start()
        self.addCleanup(s.cleanup)
        acked, errors, stop = [], [], threading.Event()
        threads = [threading.Thread(target=declare_loop, args=(s, acked, errors, stop)) for _ in range(WRITERS)]
        for t in threads:
            t.start()
        time.sleep(1.5)
        s.proc.send_signal(signal.SIGKILL)  # mid-flight, no chance to flush
        s.proc.wait()
        stop.set()
        for t in threads:
            t.join()
        self.assertEqual(errors, [])
        self.assertGreater(len(acked), 50)
        self.assertEqual(len(set(acked)), len(acked), "ids must be unique")

        s2 = s.restarted()
        self.addCleanup(s2.stop)
        listed = set(s2.all_incident_ids())
        missing = [i for i in acked if i not in listed]
        self.assertEqual(missing, [])
        for iid in acked[:20] + acked[-20:]:
            self.assertEqual(s2.api("GET", f"/api/v1/incidents/{iid}")["id"], iid)
        s2.stop()
        v = subprocess.run([BIN, "verify", "--database", "sqlite:" + s.db], capture_output=True, text=True)
        self.assertEqual(v.returncode, 0, v.stdout + v.stderr)


@unittest.skipUnless(shutil.which("strace"), "strace is installed by scripts/bootstrap")
class FsyncPerBatch(unittest.TestCase):
    def run_traced(self, writes, concurrency):
        d = tempfile.mkdtemp(prefix="warroom-strace-")
        self.addCleanup(shutil.rmtree, d, True)
        trace = os.path.join(d, "trace.txt")
        # Count every fsync/fdatasync of the server's threads (only the writer commits).
        s = Server(db_dir=d, wrapper=["strace", "-f", "-qq", "-e", "trace=fsync,fdatasync", "-o", trace])
        s.start()
        self.addCleanup(s.cleanup)
        with open(trace) as f:
            before = len(re.findall(r"f(?:data)?sync\(", f.read()))
        acked = []

        def worker(n):
            for _ in range(n):
                st, body, _ = s.request("POST", "/api/v1/incidents",
                                        {"severity": "P3", "summary": "fsync", "at": "2026-02-12T10:00:00Z"})
                if st == 201:
                    acked.append(body["id"])

        threads = [threading.Thread(target=worker, args=(writes // concurrency,)) for _ in range(concurrency)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        with open(trace) as f:
            after = len(re.findall(r"f(?:data)?sync\(", f.read()))
        print(f"\n{len(acked)} writes from {concurrency} writers: {after - before} fsync/fdatasync calls",
              file=sys.stderr)
        return len(acked), after - before

    def test_each_sequential_write_is_fsynced_before_its_answer(self):
        acked, syncs = self.run_traced(40, 1)
        self.assertEqual(acked, 40)
        # One commit per write when they arrive one at a time: at least one
        # sync each (the WAL), and not a storm of them.
        self.assertGreaterEqual(syncs, acked)
        self.assertLessEqual(syncs, 3 * acked)

    def test_concurrent_writers_share_fsyncs(self):
        acked, syncs = self.run_traced(640, 32)
        self.assertEqual(acked, 640)
        self.assertGreaterEqual(syncs, 1)
        self.assertLess(syncs, acked, "group commit: fewer syncs than acknowledged writes")


if __name__ == "__main__":
    unittest.main()
