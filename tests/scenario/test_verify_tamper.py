"""`warroom verify` catches an edited row, a deleted row and a deleted
incident in the SQLite file, and names the first event that does not match."""
import json
import os
import shutil
import sqlite3
import subprocess
import hashlib
import struct
import unittest

from harness import BIN, ServerTest


def _str(b):
    return struct.pack(">I", len(b)) + b


class VerifyTamper(ServerTest):
    def setUp(self):
        super().setUp()
        s = self.s
        self.ids = []
        for n in range(3):
            d = s.api("POST", "/api/v1/incidents",
                      {"severity": "P1", "summary": f"Incident {n}", "at": "2026-02-12T14:00:00Z"}, expect=201)
            self.ids.append(d["id"])
        for iid in self.ids:  # interleave the incidents in the global sequence
            s.api("POST", f"/api/v1/incidents/{iid}/acknowledge", {"at": "2026-02-12T14:01:00Z"})
            s.api("POST", f"/api/v1/incidents/{iid}/notes", {"kind": "finding", "text": "disk full"})
        self.assertEqual(s.stop(), 0)

    def verify(self, db):
        p = subprocess.run([BIN, "verify", "--database", "sqlite:" + db, "--json"], capture_output=True, text=True)
        return p.returncode, json.loads(p.stdout)

    def tampered(self, *sql):
        path = os.path.join(self.s.dir, f"copy{len(sql)}-{abs(hash(sql))}.db")
        shutil.copy(self.s.db, path)
        for suffix in ("-wal", "-shm"):
            if os.path.exists(self.s.db + suffix):
                shutil.copy(self.s.db + suffix, path + suffix)
        con = sqlite3.connect(path)
        for stmt in sql:
            con.execute(stmt)
        con.commit()
        con.close()
        return path

    def test_a_clean_log_verifies(self):
        rc, r = self.verify(self.s.db)
        self.assertEqual(rc, 0, r)
        self.assertEqual((r["ok"], r["events"], r["incidents"]), (True, 9, 3))
        # SIGTERM signed a final checkpoint covering the whole log.
        self.assertGreaterEqual(r["checkpoints"], 1)
        self.assertEqual(r["covered_through"], 9)
        human = subprocess.run([BIN, "verify", "--database", "sqlite:" + self.s.db], capture_output=True, text=True)
        self.assertIn("OK: 9 events in 3 incidents", human.stdout)

    def test_a_deleted_last_incident_is_caught_by_the_checkpoint(self):
        # The newest events leave no gap in any sequence: only the signed
        # checkpoint knows they existed.
        victim = self.ids[2]
        db = self.tampered(f"DELETE FROM events WHERE global_seq >= 8",
                           f"DELETE FROM incidents WHERE id = '{victim}'")
        rc, r = self.verify(db)
        self.assertEqual(rc, 1)
        self.assertIn("checkpoint", r["problem"])
        self.assertIn("deleted", r["problem"])

    def test_a_history_recomputed_from_scratch_is_caught(self):
        # Rewrite a note and recompute every hash of its chain with the
        # documented encoding (docs/event-format.md): the chains check out,
        # the signed checkpoint does not.
        db = self.tampered()
        con = sqlite3.connect(db)
        rows = con.execute("SELECT global_seq, incident_id, incident_seq, occurred_at, recorded_at, actor_kind, "
                           "actor_id, type, payload FROM events WHERE incident_id = ? ORDER BY incident_seq",
                           (self.ids[1],)).fetchall()
        prev = bytes(32)
        for (g, iid, seq, occ, rec, ak, aid, typ, payload) in rows:
            payload = bytes(payload).replace(b"disk full", b"all fine")
            enc = b"".join([_str(b"warroom.event.v1"), struct.pack(">Q", g), _str(iid.encode()),
                            struct.pack(">Q", seq), struct.pack(">q", occ), struct.pack(">q", rec),
                            _str(ak.encode()), _str(aid.encode()), _str(typ.encode()), _str(payload), prev])
            h = hashlib.sha256(enc).digest()
            con.execute("UPDATE events SET payload = ?, prev_hash = ?, hash = ? WHERE global_seq = ?",
                        (payload, prev, h, g))
            con.execute("UPDATE chain_heads SET hash = ? WHERE incident_id = ? AND incident_seq = ?", (h, iid, seq))
            prev = h
        con.commit()
        con.close()
        rc, r = self.verify(db)
        self.assertEqual(rc, 1, r)
        self.assertIn("do not match signed checkpoint", r["problem"])

    def test_an_edited_payload_is_caught(self):
        db = self.tampered("UPDATE events SET payload = CAST(replace(CAST(payload AS TEXT), 'disk full', "
                           "'cosmic rays') AS BLOB) WHERE global_seq = 9")
        rc, r = self.verify(db)
        self.assertEqual(rc, 1)
        self.assertEqual(r["first_bad_global_seq"], 9)
        self.assertIn("edited", r["problem"])

    def test_an_edited_time_is_caught(self):
        db = self.tampered("UPDATE events SET occurred_at = occurred_at - 60000000 WHERE global_seq = 4")
        rc, r = self.verify(db)
        self.assertEqual((rc, r["first_bad_global_seq"]), (1, 4))

    def test_a_rewritten_hash_is_caught(self):
        db = self.tampered("UPDATE events SET hash = zeroblob(32) WHERE global_seq = 1")
        rc, r = self.verify(db)
        self.assertEqual((rc, r["first_bad_global_seq"]), (1, 1))

    def test_a_deleted_row_is_caught(self):
        db = self.tampered("DELETE FROM events WHERE global_seq = 5")
        rc, r = self.verify(db)
        self.assertEqual(rc, 1)
        self.assertEqual(r["first_bad_global_seq"], 6)
        self.assertIn("deleted", r["problem"])

    def test_a_deleted_incident_is_caught(self):
        victim = self.ids[0]
        db = self.tampered(f"DELETE FROM events WHERE incident_id = '{victim}'",
                           f"DELETE FROM incidents WHERE id = '{victim}'")
        rc, r = self.verify(db)
        self.assertEqual(rc, 1)
        self.assertIn("deleted", r["problem"])

    def test_deleted_events_of_a_listed_incident_are_caught(self):
        victim = self.ids[2]
        db = self.tampered(f"DELETE FROM events WHERE incident_id = '{victim}'")
        rc, r = self.verify(db)
        self.assertEqual(rc, 1)
        self.assertIn("deleted", r["problem"])


if __name__ == "__main__":
    unittest.main()
