// Property-based requests from the API document, against the real server:
// fast-check draws batches of request specs (an operation, valid or one of
// its invalid variants or a token below its scope, and a seed for
// json-schema-faker); every answer is checked by ajv against the document.
// A failure is shrunk to the smallest failing batch and printed with the
// seed that replays it: CONTRACT_SEED=<seed> node properties.test.mjs
//
// Environment: WARROOM_BIN, WARROOM_OPENAPI (lib/server.mjs); CONTRACT_SEED
// (a whole number, or "random"; 20261201 by default),
// CONTRACT_RUNS (batches of 1 to 12 requests; 1000 by default, about 6,000
// requests); CONTRACT_PATH (replay one counterexample); CONTRACT_SURVEY,
// CONTRACT_TRACE (below); CONTRACT_TIMES=1 adds each operation's time;
// CONTRACT_VERBOSE=2 lists every run fast-check tried while shrinking.
import fc from "fast-check";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startServer, OPENAPI } from "./lib/server.mjs";
import { client } from "./lib/http.mjs";
import { seed, refreshAlerts, refreshIncidents, refreshOutbox, CONFIG_YAML, CLOCK_START } from "./lib/seed.mjs";
import { loadDocument, operations } from "./lib/openapi.mjs";
import { answerChecker } from "./lib/check.mjs";
import { validRequest, invalidVariant, lowerScopeVariant, toHttp, decodedPath } from "./lib/requests.mjs";

// `make test` gates every commit, so by default it runs one fixed seed (the
// same requests every time: a red run is a change's doing, never the dice);
// CONTRACT_SEED=random explores, and any failing seed is replayed by number.
const DEFAULT_SEED = 20261201;
const SEED_TEXT = process.env.CONTRACT_SEED ?? String(DEFAULT_SEED);
const SEED = SEED_TEXT === "random" ? Math.floor(Math.random() * 2 ** 31) : Number(SEED_TEXT);
if (!Number.isInteger(SEED)) {
  console.error(`contract.properties: CONTRACT_SEED must be a whole number or "random", not '${SEED_TEXT}'`);
  process.exit(2);
}
const RUNS = Number(process.env.CONTRACT_RUNS ?? 1000);
const MIN_REQUESTS = 5000;
console.log(`contract.properties: CONTRACT_SEED=${SEED} CONTRACT_RUNS=${RUNS} (set both to replay)`);

// Mismatches known and reported against the document, each with why, while
// the document is being fixed (empty when it keeps every promise):
// {op: RegExp on "METHOD /path", kind, problem: RegExp, why}.
const KNOWN = [];
// CONTRACT_SURVEY=1: log every distinct mismatch (by operation and problem)
// and go on, instead of stopping at the first and shrinking it.
const SURVEY = process.env.CONTRACT_SURVEY === "1";
const surveyed = new Map();
// CONTRACT_TRACE=FILE: every request and its answer's status, one JSON line
// each (two runs with one seed give the same file).
const TRACE = process.env.CONTRACT_TRACE ? [] : null;

const t0 = Date.now();
const doc = loadDocument(OPENAPI);
// An operation the document marks x-warroom-contract-skip (with why: sign-in,
// slowed after failures by design) is left to its scenario test.
const ops = operations(doc).filter(
  (op) => op.method !== "HEAD" && op.method !== "OPTIONS" && !op.skip,
);
const unknown = ops.filter((op) => op.scope === "unknown");
if (unknown.length) console.log("operations whose scope the document does not state:", unknown.map((o) => o.id).join(", "));

const tmp = mkdtempSync(join(tmpdir(), "warroom-contract-config-"));
writeFileSync(join(tmp, "warroom.yaml"), CONFIG_YAML);
const server = await startServer({
  args: ["--clock", "simulated:" + CLOCK_START, "--config", join(tmp, "warroom.yaml"), "--max-requests-per-second-per-client", "0"],
});
const http = client(server.url, { maxSockets: 4 });
const check = answerChecker();
const stats = { sent: 0, byStatus: {}, byKind: {}, ok2xx: Object.fromEntries(ops.map((o) => [o.id, 0])), validSent: Object.fromEntries(ops.map((o) => [o.id, 0])), validStatus: {}, ms: {}, writeChecks: 0 };
let exitCode = 0;
let lastFailure = null; // the last failing request: after shrinking, the smallest

try {
  const world = await seed(http, server.token);
  const refresh = { incidents: false, alerts: false, outbox: false };

  const isMutation = (spec) => spec.kind === "valid" && ops[spec.op].method !== "GET";

  // Brings the world up to date with what earlier requests changed.
  async function catchUp(op) {
    if (refresh.incidents && /^\/api\/v1\/(incidents\/|alerts\/)/.test(op.path)) await refreshIncidents(http, world, server.token), (refresh.incidents = false);
    if (refresh.alerts && op.path.startsWith("/api/v1/alerts")) await refreshAlerts(http, world, server.token), (refresh.alerts = false);
    if (refresh.outbox && op.path.startsWith("/api/v1/outbox")) await refreshOutbox(http, world, server.token), (refresh.outbox = false);
  }

  function materialize(spec) {
    const op = ops[spec.op];
    const valid = validRequest(op, spec, world, { authorised: spec.kind === "invalid" });
    // A body the generator could not make valid is no test of the server.
    if (!valid.generatedValid) throw new Error(`${op.id}: no body the schema accepts could be generated from seed ${spec.seed}: ${JSON.stringify(valid.body).slice(0, 300)}`);
    if (spec.kind === "valid") return valid;
    const variant = spec.kind === "invalid" ? invalidVariant(valid, spec.choice) : lowerScopeVariant(valid, world, spec.choice);
    // An operation with nothing to break (or no scope to fall short of) is
    // sent valid if it is a read; a write would run out of order: not sent.
    return variant ?? (op.method === "GET" ? valid : null);
  }

  function learn(req, answer) {
    const { op } = req;
    if (answer.status >= 300 || req.broken || req.lower) return;
    const inc = answer.json;
    if (typeof inc?.id === "string" && Array.isArray(inc.tasks)) {
      world.openTasks[inc.id] = inc.tasks.filter((t) => !t.done).map((t) => t.id);
      world.actionItems[inc.id] = (inc.action_items ?? [])
        .filter((a) => a.status === "not-started" || a.status === "in-progress")
        .map((a) => a.id);
      world.responders[inc.id] = inc.responders ?? [];
      world.rootCause[inc.id] = !!inc.root_cause;
    }
    if (op.method === "GET") return;
    if (op.path.startsWith("/api/v1/incidents") || op.path === "/api/v1/alerts/declare") refresh.incidents = true;
    if (op.path.includes("/ingest/") || op.path === "/v2/enqueue" || op.path.startsWith("/api/v1/alerts/")) refresh.alerts = true;
    refresh.outbox = true;
    if (op.path === "/api/v1/clock/advance" && answer.json?.now) world.now = answer.json.now;
    if (op.path === "/api/v1/users/{handle}/tokens" && answer.json?.id) world.spareTokenIds.push(answer.json.id);
    if (op.path === "/api/v1/status-page/maintenances" && answer.json?.id) world.maintenances.push(answer.json.id);
    if (op.method === "PATCH" && answer.json?.handle) world.permissions[answer.json.handle] = answer.json.permission;
  }

  function describe(req, h, answer) {
    const what = req.broken ? `invalid (${req.broken.kind}: ${req.broken.where} '${req.broken.name}')` : req.lower ? `lower scope (${req.lower.why})` : req.edge ? `valid, '${req.edge}' at its bound` : "valid";
    const body = h.body === undefined ? "" : " " + JSON.stringify(h.body).slice(0, 400);
    return `${req.op.id} [${what}]\n  ${h.method} ${h.path}${body}\n  -> ${answer.status} ${answer.headers["content-type"] ?? ""} ${answer.text.slice(0, 400)}`;
  }

  // The promises one answer must keep beyond its schema.
  function expectations(req, answer) {
    const problems = [];
    const type = (answer.headers["content-type"] ?? "").split(";")[0].trim();
    if (req.broken) {
      if (answer.status < 400 || answer.status >= 500) problems.push(`an invalid variant was answered ${answer.status}, not a 4xx`);
      else {
        const listedTypes = Object.keys(req.op.responses[String(answer.status)]?.content ?? {});
        const problemJson = listedTypes.length === 0 || listedTypes.includes("application/problem+json");
        if (problemJson && type !== "application/problem+json") problems.push(`refused as ${type}, not application/problem+json`);
        const said = answer.json?.detail ?? JSON.stringify(answer.json?.errors ?? answer.json ?? answer.text);
        const value = (req.broken.where === "path" ? decodedPath(String(req.broken.value)) : String(req.broken.value ?? "")).slice(0, 32);
        // The name as a word ('at' in "at most" is not the field 'at').
        const word = (w) => new RegExp(`(^|[^A-Za-z0-9_])${w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}([^A-Za-z0-9_]|$)`).test(said);
        const named = word(req.broken.name) || (req.broken.where === "path" && value && said.includes(value));
        if (!named) problems.push(`the refusal does not name '${req.broken.name}': ${said.slice(0, 200)}`);
      }
    } else if (req.lower) {
      if (answer.status !== req.lower.expect) problems.push(`${req.lower.why}: wanted ${req.lower.expect}, got ${answer.status}`);
      // A 403 names the scope the route needs (docs/api.md, "Authorization").
      else if (answer.status === 403 && !String(answer.json?.detail ?? "").includes(req.op.scope))
        problems.push(`the 403 does not name the ${req.op.scope} scope: ${answer.json?.detail}`);
    } else {
      const s = answer.status;
      const allowed = s < 300 || [403, 404, 409].includes(s);
      if (!allowed) problems.push(`a valid request was answered ${s}`);
    }
    return problems;
  }

  async function send(spec, req) {
    if (!req) return;
    const h = toHttp(req);
    // Traced in the order sent (the order of the batch), not of the answers.
    const traced = TRACE && { kind: spec.kind, broken: req.broken && `${req.broken.kind} ${req.broken.name}`, lower: req.lower?.why, edge: req.edge ?? undefined, method: h.method, path: h.path, body: h.body };
    if (traced) TRACE.push(traced);
    const started = performance.now();
    const answer = await http.request(h);
    const took = performance.now() - started;
    stats.ms[req.op.id] = (stats.ms[req.op.id] ?? 0) + took;
    stats.sent++;
    stats.byStatus[answer.status] = (stats.byStatus[answer.status] ?? 0) + 1;
    const kind = req.broken ? "invalid" : req.lower ? "lower" : "valid";
    stats.byKind[kind] = (stats.byKind[kind] ?? 0) + 1;
    if (!req.broken && !req.lower) {
      stats.validSent[req.op.id]++;
      const per = (stats.validStatus[req.op.id] ??= {});
      per[answer.status] = (per[answer.status] ?? 0) + 1;
      if (answer.status < 300) stats.ok2xx[req.op.id]++;
    }
    learn(req, answer);
    if (traced) Object.assign(traced, { status: answer.status, detail: answer.json?.detail });
    const problems = [...check(req.op, answer), ...expectations(req, answer)].filter(
      (p) => !KNOWN.some((k) => k.op.test(`${req.op.method} ${req.op.path}`) && (!k.kind || k.kind === spec.kind) && k.problem.test(p)),
    );
    if (problems.length && SURVEY) {
      for (const p of problems) {
        const key = `${req.op.id} ${spec.kind} ${p.replace(/[0-9]+/g, "N").slice(0, 60)}`;
        if (!surveyed.has(key)) surveyed.set(key, `${describe(req, h, answer)}\n  problem: ${p}`);
      }
      return;
    }
    if (problems.length) throw (lastFailure = new Error(`${describe(req, h, answer)}\n  problems:\n   - ${problems.join("\n   - ")}`));
  }

  // What the refused requests of a batch could have written, read as admin:
  // each named incident's events (but those the server's own background
  // modules record meanwhile: clock breaches, outbox outcomes) and the number
  // of incidents.
  const BACKGROUND = /^(clock_breached|message_delivered|message_dead_lettered|message_outcome_unknown)$/;
  async function writtenState(reqs) {
    const writes = reqs.filter((r) => r && (r.broken || r.lower) && r.op.method !== "GET");
    if (!writes.length) return {};
    const get = (path) => http.request({ method: "GET", path, headers: { authorization: "Bearer " + server.token } });
    stats.writeChecks++;
    const out = { incidents: (await get("/api/v1/incidents?limit=1000")).json.items.length };
    for (const id of new Set(writes.map((r) => r.pathParams.id).filter((id) => world.incidents.includes(id))))
      out[id] = JSON.stringify(((await get(`/api/v1/incidents/${encodeURIComponent(id)}/timeline`)).json?.events ?? []).filter((e) => !BACKGROUND.test(e.type)).map((e) => e.seq));
    return out;
  }

  // The events an incident gained since `seq`, for the message.
  async function lastEvents(id, seq) {
    if (!world.incidents.includes(id) || seq === undefined) return "";
    const t = await http.request({ method: "GET", path: `/api/v1/incidents/${id}/timeline`, headers: { authorization: "Bearer " + server.token } });
    return " (" + JSON.stringify((t.json?.events ?? []).filter((e) => e.seq > seq)).slice(0, 600) + ")";
  }

  const specArb = fc.record({
    op: fc.nat(ops.length - 1),
    kind: fc.oneof({ weight: 6, arbitrary: fc.constant("valid") }, { weight: 3, arbitrary: fc.constant("invalid") }, { weight: 1, arbitrary: fc.constant("lower") }),
    seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
    choice: fc.nat(9999),
  });

  await fc.assert(
    fc.asyncProperty(fc.array(specArb, { minLength: 1, maxLength: 12 }), async (batch) => {
      // What changes the server runs one at a time, in order (ids and
      // states follow from the seed alone); reads, invalid variants and
      // refusals, which change nothing, run together.
      for (const spec of batch.filter(isMutation)) {
        await catchUp(ops[spec.op]);
        await send(spec, materialize(spec));
      }
      const rest = batch.filter((s) => !isMutation(s));
      for (const spec of rest) await catchUp(ops[spec.op]);
      const reqs = rest.map((spec) => materialize(spec));
      const before = await writtenState(reqs);
      await Promise.all(reqs.map((req, i) => send(rest[i], req)));
      // A refusal writes nothing: the incidents the refused requests named
      // are as they were, and no incident was declared.
      const after = await writtenState(reqs);
      for (const [what, was] of Object.entries(before))
        if (after[what] !== was)
          throw (lastFailure = new Error(`a refused request wrote: ${what} was ${was.slice?.(-80) ?? was}, is ${String(after[what]).slice(-80)}${await lastEvents(what, JSON.parse(was).at(-1))}, after\n  ` +
            reqs.filter(Boolean).map((r) => `${r.op.id} ${JSON.stringify(r.pathParams)} ${JSON.stringify(r.body ?? null).slice(0, 200)}`).join("\n  ")));
    }),
    // CONTRACT_PATH (fast-check's "path" of a failure) replays the shrunk
    // counterexample alone.
    { seed: SEED, numRuns: RUNS, verbose: Number(process.env.CONTRACT_VERBOSE ?? 1), ...(process.env.CONTRACT_PATH ? { path: process.env.CONTRACT_PATH } : {}) },
  );

  if (SURVEY) {
    console.log(`${surveyed.size} distinct mismatches:\n\n` + [...surveyed.values()].join("\n\n"));
    if (surveyed.size) exitCode = 1;
  }
  const never = ops.filter((o) => stats.ok2xx[o.id] === 0 && !KNOWN.some((k) => k.op.test(`${o.method} ${o.path}`) && k.problem.test("never"))).map((o) => `${o.id} (${stats.validSent[o.id]} valid sent)`);
  if (never.length) {
    console.log("FAIL: operations whose valid requests never reached a 2xx:\n  " + never.join("\n  "));
    exitCode = 1;
  }
  if (stats.sent < MIN_REQUESTS) {
    console.log(`FAIL: ${stats.sent} requests, fewer than ${MIN_REQUESTS}`);
    exitCode = 1;
  }
} catch (e) {
  console.log(String(e?.message ?? e));
  if (lastFailure) console.log("\nThe smallest failing request (the counterexample's last):\n" + lastFailure.message);
  const path = String(e?.message ?? "").match(/path: "([^"]+)"/)?.[1];
  console.log(`replay: CONTRACT_SEED=${SEED} CONTRACT_RUNS=${RUNS} node properties.test.mjs` + (path ? ` (the counterexample alone: CONTRACT_PATH=${path})` : ""));
  exitCode = 1;
} finally {
  http.close();
  // A clean exit on SIGTERM; anything else (a crash during the run) fails.
  const exited = await server.stop();
  if (exited?.code !== 0) {
    console.log("FAIL: the server did not exit cleanly:", JSON.stringify(exited), server.log().slice(-2000));
    exitCode = 1;
  }
  rmSync(tmp, { recursive: true, force: true });
  if (TRACE) writeFileSync(process.env.CONTRACT_TRACE, TRACE.map((t) => JSON.stringify(t)).join("\n") + "\n");
  const secs = ((Date.now() - t0) / 1000).toFixed(1);
  console.log(`requests sent: ${stats.sent} in ${secs} s; by kind ${JSON.stringify(stats.byKind)}; by status ${JSON.stringify(stats.byStatus)}`);
  console.log(`refused writes checked to have written nothing: ${stats.writeChecks} batches (before and after, as admin)`);
  console.log("2xx per operation (of valid requests sent):");
  for (const o of ops)
    console.log(
      `  ${String(stats.ok2xx[o.id]).padStart(4)} / ${String(stats.validSent[o.id]).padStart(4)}  ${o.method} ${o.path}  ${JSON.stringify(stats.validStatus[o.id] ?? {})}` +
        (process.env.CONTRACT_TIMES ? `  ${Math.round(stats.ms[o.id] ?? 0)} ms` : ""),
    );
  process.exit(exitCode);
}
