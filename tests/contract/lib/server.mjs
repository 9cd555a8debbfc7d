// Starts the real warroom binary for a contract test, as tests/scenario/harness.py
// does: its own temporary directory and SQLite file, 127.0.0.1 port 0 (the
// URL read from what the server logs), the first admin token read from what
// it prints on first start, and no per-client request rate (a test sends
// many requests from one address).
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const BIN = process.env.WARROOM_BIN ?? new URL("../../../build/release/warroom", import.meta.url).pathname;
export const OPENAPI = process.env.WARROOM_OPENAPI ?? new URL("../../../docs/openapi.json", import.meta.url).pathname;

// Resolves to {url, token, dir, log(), stop()} once the server listens and has
// printed its first admin token. `args` are more `warroom serve` flags
// (`--clock`, `simulated`, say); `timeoutMs` bounds the start.
export async function startServer({ args = [], timeoutMs = 20000 } = {}) {
  const dir = mkdtempSync(join(tmpdir(), "warroom-contract-"));
  const rate = args.includes("--max-requests-per-second-per-client") ? [] : ["--max-requests-per-second-per-client", "0"];
  const proc = spawn(BIN, ["serve", "--listen", "127.0.0.1:0", "--database", "sqlite:" + join(dir, "warroom.db"), ...rate, ...args],
                     { stdio: ["ignore", "pipe", "pipe"] });
  let out = "", err = "";
  proc.stdout.on("data", (d) => { out += d; });
  proc.stderr.on("data", (d) => { err += d; });
  const log = () => out + err;
  let exited = null;
  const gone = new Promise((resolve) => proc.on("exit", (code, signal) => { exited = { code, signal }; resolve(exited); }));
  const stop = async () => {
    if (!exited) {
      proc.kill("SIGTERM");
      const timer = setTimeout(() => proc.kill("SIGKILL"), 15000);
      await gone;
      clearTimeout(timer);
    }
    rmSync(dir, { recursive: true, force: true });
    return exited;
  };
  const deadline = Date.now() + timeoutMs;
  let url = null, token = null;
  while (Date.now() < deadline && !(url && token)) {
    url ??= err.match(/listening on (http:\/\/[0-9.:[\]]+)/)?.[1] ?? null;
    token ??= out.match(/export WARROOM_TOKEN=(wr_[0-9a-f]{64})/)?.[1] ?? null;
    if (exited) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  if (!(url && token)) {
    await stop();
    throw new Error(`warroom serve did not start (${JSON.stringify(exited)}): ${log()}`);
  }
  return { url, token, dir, log, stop };
}

// The route table of the binary (`warroom routes --json`).
export async function routesOf(bin = BIN) {
  const { execFileSync } = await import("node:child_process");
  return JSON.parse(execFileSync(bin, ["routes", "--json"], { encoding: "utf8", timeout: 30000 })).routes;
}
