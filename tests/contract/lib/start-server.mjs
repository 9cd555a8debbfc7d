// Starts the real warroom binary for a contract test (temporary: replaced by
// lib/server.mjs once that exists). A fresh SQLite file in a temporary
// directory, 127.0.0.1 with port 0, the first admin's token read from what
// the server prints on first start.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, openSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export async function startServer({ bin = process.env.WARROOM_BIN, args = [] } = {}) {
  if (!bin) throw new Error("WARROOM_BIN names the warroom binary");
  const dir = mkdtempSync(join(tmpdir(), "warroom-contract-"));
  const out = join(dir, "stdout.txt");
  const err = join(dir, "stderr.txt");
  const proc = spawn(
    bin,
    ["serve", "--listen", "127.0.0.1:0", "--database", "sqlite:" + join(dir, "warroom.db"), ...args],
    { stdio: ["ignore", openSync(out, "w"), openSync(err, "w")] },
  );
  let exited = null;
  proc.on("exit", (code, signal) => (exited = { code, signal }));
  const log = () => readFileSync(out, "utf8") + readFileSync(err, "utf8");
  const deadline = Date.now() + 20000;
  let url = null;
  let token = null;
  while (Date.now() < deadline && !(url && token)) {
    if (exited) throw new Error("warroom serve exited: " + log());
    url ??= readFileSync(err, "utf8").match(/listening on (http:\/\/[0-9.:]+)/)?.[1] ?? null;
    token ??= readFileSync(out, "utf8").match(/export WARROOM_TOKEN=(wr_[0-9a-f]{64})/)?.[1] ?? null;
    await new Promise((r) => setTimeout(r, 20));
  }
  if (!url || !token) {
    proc.kill("SIGKILL");
    throw new Error("warroom serve did not start: " + log());
  }
  return {
    url,
    token,
    dir,
    log,
    exited: () => exited,
    async stop() {
      if (!exited) {
        proc.kill("SIGTERM");
        const until = Date.now() + 15000;
        while (!exited && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
        if (!exited) proc.kill("SIGKILL");
      }
      rmSync(dir, { recursive: true, force: true });
      return exited;
    },
  };
}
