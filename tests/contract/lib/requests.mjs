// Requests generated from the document: a valid one (its body made by
// json-schema-faker from the operation's own schema, its ids taken from the
// seeded world, its query within its bounds), an invalid variant of it (one
// field made wrong in one way the schema forbids), or the valid request with
// a token below the operation's scope. Everything random comes from the
// spec's seed, which fast-check draws (and shrinks).
import { generateSync } from "json-schema-faker";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

const ajv = new Ajv2020({ strict: false, allErrors: false });
addFormats(ajv);
const validators = new WeakMap();
export function conforms(schema, value) {
  if (schema === true || schema === undefined) return true;
  if (!validators.has(schema)) validators.set(schema, ajv.compile(schema));
  return validators.get(schema)(value);
}

// Mulberry32: a small seeded generator for the choices json-schema-faker
// does not make (which id, which field, which token).
export function rng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n) => Math.floor(next() * n),
    pick(list) {
      return list.length ? list[Math.floor(next() * list.length)] : undefined;
    },
    chance: (p) => next() < p,
  };
}

export const jsonType = (content) => Object.keys(content).find((t) => /json/.test(t));

// The schema as json-schema-faker gets it: lists of at most 3 items and
// strings of at most 48 characters (within the schema's own bounds), so a
// body is small and quick to make (it ignores its maxItems option when the
// schema has one). The answer is still valid for the original.
const clamped = new WeakMap();
export function forGeneration(schema) {
  if (!schema || typeof schema !== "object") return schema;
  if (clamped.has(schema)) return clamped.get(schema);
  const walk = (n) => {
    if (Array.isArray(n)) return n.map(walk);
    if (!n || typeof n !== "object") return n;
    const out = {};
    for (const [k, v] of Object.entries(n)) out[k] = k === "enum" || k === "const" ? v : walk(v);
    if (typeof out.maxItems === "number" || out.type === "array") out.maxItems = Math.max(out.minItems ?? 0, Math.min(out.maxItems ?? 3, 3));
    if (typeof out.maxLength === "number") out.maxLength = Math.max(out.minLength ?? 0, Math.min(out.maxLength, 48));
    return out;
  };
  const out = walk(schema);
  clamped.set(schema, out);
  return out;
}

// --- schemas walked for the places a variant can break -------------------

// The object schema's properties and required names, through allOf (whose
// parts all apply) and oneOf/anyOf (whose properties may appear).
function objectParts(schema) {
  const props = {};
  const required = new Set();
  const visit = (s, mandatory) => {
    if (!s || typeof s !== "object") return;
    for (const [k, v] of Object.entries(s.properties ?? {})) props[k] ??= v;
    if (mandatory) for (const r of s.required ?? []) required.add(r);
    for (const part of s.allOf ?? []) visit(part, mandatory);
    for (const part of [...(s.oneOf ?? []), ...(s.anyOf ?? [])]) visit(part, false);
  };
  visit(schema, true);
  return { props, required: [...required] };
}

// A schema's own keywords merged through allOf (for its type, bounds, enum).
function flat(schema) {
  if (!schema || typeof schema !== "object") return {};
  let out = { ...schema };
  for (const part of schema.allOf ?? []) out = { ...flat(part), ...out };
  if (!out.type && (schema.oneOf || schema.anyOf)) {
    const types = new Set();
    for (const b of [...(schema.oneOf ?? []), ...(schema.anyOf ?? [])]) {
      const t = flat(b).type;
      for (const x of [].concat(t ?? [])) types.add(x);
    }
    if (types.size) out.type = [...types];
  }
  return out;
}
const typesOf = (s) => [].concat(flat(s).type ?? []);

// Every way to make one field of `value` wrong: [{kind, path, apply}].
export function breakages(schema, value, path = [], depth = 0) {
  const out = [];
  if (!value || typeof value !== "object" || Array.isArray(value) || depth > 2) return out;
  const { props, required } = objectParts(schema);
  for (const name of required)
    if (name in value) out.push({ kind: "required field missing", path: [...path, name], remove: true });
  for (const [name, sub] of Object.entries(props)) {
    const f = flat(sub);
    const p = [...path, name];
    const types = typesOf(sub);
    if (types.length) {
      // Every other JSON type (a whole number is a number).
      for (const [t, v] of [
        ["integer", 12345],
        ["string", "a string"],
        ["boolean", true],
        ["array", ["x"]],
        ["object", { x: 1 }],
      ])
        if (!types.includes(t) && !(t === "integer" && types.includes("number"))) out.push({ kind: "wrong type", path: p, value: v });
      if (types.includes("integer") && !types.includes("number")) out.push({ kind: "wrong type", path: p, value: 1.5 });
    }
    if (types.includes("string") && typeof f.minLength === "number" && f.minLength > 0)
      out.push({ kind: "string below its bound", path: p, value: "" });
    if (types.includes("string") && typeof f.pattern === "string")
      for (const bad of ["", " ", "Not Valid!", "\u0001ctl", "javascript:alert(1)"])
        out.push({ kind: "string not matching its pattern", path: p, value: bad, check: true });
    if (types.includes("array") && Array.isArray(value[name])) {
      const arr = value[name];
      if (typeof f.minItems === "number" && f.minItems > 0) out.push({ kind: "list below its bound", path: p, value: [] });
      if (typeof f.maxItems === "number" && arr.length && f.maxItems <= 1000)
        out.push({ kind: "list past its bound", path: p, value: Array.from({ length: f.maxItems + 1 }, (_, i) => arr[i % arr.length]) });
      const itemTypes = typesOf(f.items);
      if (arr.length && itemTypes.length && !itemTypes.includes("object"))
        out.push({ kind: "wrong type", path: [...p, 0], value: itemTypes.includes("string") ? 12345 : "a string", name });
    }
    if (typeof f.maximum === "number") out.push({ kind: "number past its bound", path: p, value: f.maximum + 1 });
    if (typeof f.exclusiveMaximum === "number") out.push({ kind: "number past its bound", path: p, value: f.exclusiveMaximum });
    if (typeof f.minimum === "number") out.push({ kind: "number past its bound", path: p, value: f.minimum - 1 });
    if (typeof f.exclusiveMinimum === "number") out.push({ kind: "number past its bound", path: p, value: f.exclusiveMinimum });
    if (typeof f.maxLength === "number" && types.includes("string")) {
      const n = f.maxLength + 1;
      const long = f.format === "uri" || /url$/i.test(name) ? "https://example.com/" + "a".repeat(n) : "a".repeat(n);
      out.push({ kind: "oversized string", path: p, value: long });
    }
    if (Array.isArray(f.enum) && f.enum.every((e) => typeof e === "string"))
      out.push({ kind: "unknown enum value", path: p, value: "no-such-" + name });
    // One level into objects and the first item of arrays the valid value has.
    const child = value[name];
    if (child && typeof child === "object" && !Array.isArray(child) && types.includes("object"))
      out.push(...breakages(sub, child, p, depth + 1));
    if (Array.isArray(child) && child.length && f.items) {
      const item = child[0];
      if (item && typeof item === "object" && !Array.isArray(item))
        out.push(...breakages(f.items, item, [...p, 0], depth + 1));
    }
  }
  return out;
}

// Values at the very edge of what the schema allows (a string of exactly
// maxLength, a number at its bound, a list of maxItems), one level into
// objects: a valid request may carry one, and must still be accepted.
export function edges(schema, value, skip, path = [], depth = 0) {
  const out = [];
  if (!value || typeof value !== "object" || Array.isArray(value) || depth > 1) return out;
  const { props } = objectParts(schema);
  for (const [name, sub] of Object.entries(props)) {
    if (skip.has(name)) continue;
    const f = flat(sub);
    const p = [...path, name];
    const types = typesOf(sub);
    if (types.includes("string") && typeof f.maxLength === "number" && !f.pattern && !f.format && !f.enum)
      out.push({ path: p, value: "a".repeat(f.maxLength) });
    if (types.some((t) => t === "number" || t === "integer")) {
      if (typeof f.maximum === "number") out.push({ path: p, value: f.maximum });
      if (typeof f.minimum === "number") out.push({ path: p, value: f.minimum });
    }
    const child = value[name];
    if (Array.isArray(child) && child.length && typeof f.maxItems === "number" && f.maxItems <= 1000)
      out.push({ path: p, value: Array.from({ length: f.maxItems }, (_, i) => child[i % child.length]) });
    if (child && typeof child === "object" && !Array.isArray(child)) out.push(...edges(sub, child, skip, p, depth + 1));
  }
  return out;
}

export function applyBreakage(value, b) {
  const copy = structuredClone(value);
  let at = copy;
  for (const k of b.path.slice(0, -1)) at = at[k];
  const last = b.path.at(-1);
  if (b.remove) delete at[last];
  else at[last] = b.value;
  return copy;
}

// The name a refusal must mention: the field's own name (a nested field's
// message may spell its whole place, alerts[0].key, which contains it).
export const fieldName = (path) => String(path.filter((k) => typeof k === "string").at(-1));

// --- values the schema cannot make on its own ----------------------------

const SCOPE_RANK = { read: 0, respond: 1, admin: 2 };
const PERMISSION_RANK = { viewer: 0, responder: 1, admin: 2 };
const DURATIONS = ["1m", "5m", "30m", "1h", "12h", "2d", "30d", "2w"];

function addSeconds(iso, s) {
  return new Date(Date.parse(iso) + s * 1000).toISOString().replace(/\.000Z$/, "Z");
}

// Fields whose valid values depend on the server's state or clock, which a
// schema cannot say: `at` no later than now (and not before the previous
// step), users that exist, alerts waiting in triage, URLs a browser may open.
// Applied at any depth of a generated body.
function semanticFields(world, r, ctx) {
  const people = ["admin", "rob", "ada"];
  return {
    at: () => (r.chance(0.5) ? undefined : world.now),
    detected_at: () => (r.chance(0.5) ? undefined : addSeconds(world.now, -600)),
    impact_start: () => addSeconds(world.now, -600),
    eta: () => addSeconds(world.now, 3600),
    scheduled_for: () => addSeconds(world.now, 3600),
    scheduled_until: (v) => (v === undefined ? undefined : addSeconds(world.now, 7200 + r.int(3600))),
    components: () => [r.pick(["api", "dashboard", "scheduler", "integrations"])],
    expires_at: () => addSeconds(world.now, 86400 * (1 + r.int(30))),
    expires_in: () => r.pick(DURATIONS),
    by: () => r.pick(["1m", "5m", "30m", "1h"]),
    user: () => r.pick(people),
    category: () => r.pick(world.categories),
    assignee: () => r.pick(people),
    owner: (v) => (v === undefined ? undefined : r.pick(people)),
    // An action item's: a day from today on (a past one is refused, 409).
    due: (v) => (v === undefined ? undefined : addSeconds(world.now, 86400 * (1 + r.int(60))).slice(0, 10)),
    // An action item's status: wont-do needs a reason the generator may leave out.
    status: (v) => (v === undefined || !["not-started", "in-progress", "done", "wont-do"].includes(v) ? v : r.pick(["in-progress", "done"])),
    tracker_url: (v) => (v === undefined ? undefined : `https://tracker.example/${r.int(1000)}`),
    to: () => r.pick(["oncall-sre", ...people]),
    template: (v) => (v === undefined ? undefined : r.pick(world.templates)),
    pir_url: (v) => (v === undefined ? undefined : `https://wiki.example/pir/${r.int(1000)}`),
    url: () => `https://status.example/${r.int(1000)}`,
    source_url: (v) => (v === undefined ? undefined : `https://grafana.example/d/${r.int(1000)}`),
    generatorURL: (v) => (v === undefined ? undefined : `https://prometheus.example/graph?g${r.int(1000)}`),
    client_url: (v) => (v === undefined ? undefined : `https://monitor.example/${r.int(1000)}`),
    alert_ids: () => {
      const ids = world.triageAlerts.length ? world.triageAlerts : world.alerts;
      return [...new Set([r.pick(ids), r.pick(ids)])].filter((x) => x !== undefined).slice(0, 1 + r.int(2));
    },
    incident_id: () => r.pick(world.openIncidents.length ? world.openIncidents : world.incidents),
    routing_key: () => world.integrationKeys.pagerduty,
    // A token's scope within what the asking token and the token's user hold.
    scope: (v) => {
      if (v === undefined) return undefined;
      const most = Math.min(SCOPE_RANK[ctx.tokenScope], PERMISSION_RANK[ctx.handlePermission] ?? 0);
      return r.pick(["read", "respond", "admin"].filter((s) => SCOPE_RANK[s] <= most));
    },
  };
}

function fixup(value, fields, depth = 0) {
  if (Array.isArray(value)) return value.map((v) => fixup(v, fields, depth + 1));
  if (!value || typeof value !== "object" || depth > 4) return value;
  const out = {};
  for (const [k, v] of Object.entries(value)) {
    const f = Object.hasOwn(fields, k) ? fields[k] : null;
    const nv = f ? f(v) : fixup(v, fields, depth + 1);
    if (nv !== undefined) out[k] = nv;
  }
  return out;
}

// --- path parameters from the world --------------------------------------

// The states each lifecycle command is allowed from (core/incident/decide).
const STEP_FROM = {
  acknowledge: ["investigating", "identified", "monitoring"],
  identify: ["investigating"],
  mitigate: ["investigating", "identified"],
  resolve: ["monitoring"],
  close: ["resolved"],
  reopen: ["monitoring", "resolved"],
  dismiss: ["investigating"],
};

function pathValue(op, name, world, r, ctx) {
  const p = op.path;
  if (name === "key") {
    const type = p.match(/ingest\/([a-z]+)\//)?.[1];
    return world.integrationKeys[type];
  }
  if (name === "id" && p.startsWith("/api/v1/incidents")) {
    if (r.chance(ctx.unknown)) return "INC-2026-02-12-999";
    // Mostly an incident in a state the command is allowed from.
    const action = p.match(/\{id\}\/([a-z]+)$/)?.[1];
    const from = STEP_FROM[action];
    let fit = from ? world.incidents.filter((id) => from.includes(world.status?.[id])) : world.openIncidents;
    if (action === "unfreeze") fit = world.frozen;
    if (action === "resolve") fit = fit.filter((id) => world.rootCause[id]);
    if (p.endsWith("/tasks/{task}/complete")) fit = Object.keys(world.openTasks).filter((id) => world.openTasks[id].length);
    if (p.includes("/action-items/{item}")) fit = Object.keys(world.actionItems).filter((id) => world.actionItems[id].length);
    if (p.endsWith("/responders/{user}")) fit = Object.keys(world.responders).filter((id) => world.responders[id].length);
    // Few incidents are ever resolved: those steps take one whenever there is one.
    const keen = action === "close" || action === "resolve" ? Math.max(ctx.fit, 0.95) : ctx.fit;
    const pool = r.chance(keen) && fit.length ? fit : world.incidents;
    return r.pick(pool);
  }
  if (name === "id" && p.startsWith("/api/v1/status-page/components"))
    return r.chance(ctx.unknown) ? "no-such-component" : r.pick(["api", "dashboard", "scheduler", "integrations"]);
  if (name === "id" && p.startsWith("/api/v1/status-page/maintenances"))
    return r.chance(ctx.unknown) ? "no-such-maintenance" : r.pick(world.maintenances);
  if (name === "id" && p.startsWith("/api/v1/status-page/subscribers"))
    return String(r.chance(ctx.unknown) ? 99999 : r.pick(world.subscribers));
  if (name === "id" && p.startsWith("/api/v1/alerts")) return String(r.chance(ctx.unknown) ? 99999 : r.pick(world.alerts));
  if (name === "id" && p.startsWith("/api/v1/outbox")) return String(r.chance(ctx.unknown) ? 99999 : r.pick(world.outbox));
  if (name === "id" && p.startsWith("/api/v1/tokens")) return String(r.chance(ctx.unknown) ? 99999 : r.pick(world.spareTokenIds));
  if (name === "user") return r.pick(r.chance(0.8) && world.responders[ctx.incident]?.length ? world.responders[ctx.incident] : ["admin", "rob", "ada", "vera"]);
  if (name === "task") return String(r.chance(0.8) && world.openTasks[ctx.incident]?.length ? r.pick(world.openTasks[ctx.incident]) : 1 + r.int(3));
  if (name === "item") return String(r.chance(0.8) && world.actionItems[ctx.incident]?.length ? r.pick(world.actionItems[ctx.incident]) : 1 + r.int(3));
  if (name === "template") return r.chance(ctx.unknown) ? "no-such-template" : r.pick(world.templates);
  if (name === "name") return r.pick(world.spareIntegrations);
  if (name === "id" && p.includes("/sessions/")) return String(r.chance(ctx.unknown) ? 99999 : r.pick(world.sessionIds));
  if (name === "handle" && p.includes("/sessions")) return r.chance(0.8) ? "sam" : ctx.tokenHandle;
  if (name === "handle") {
    // Users whose state may change are spares; anyone's tokens may be read
    // or made (by themselves or an admin).
    if (/\/(disable|enable)$/.test(p) || op.method === "PATCH") return r.pick(world.spareHandles);
    return r.chance(0.6) ? ctx.tokenHandle : r.pick([...world.handles, ...world.spareHandles]);
  }
  return null;
}

// Malformed values for a path parameter, each invalid for its schema.
// A value holding "%" is sent as written (its escapes are the point):
// a NUL byte and bytes that are not UTF-8 once decoded.
const MALFORMED = ["not-an-id", "0", "-1", "1.5", "INC-bogus", "a b", "x".repeat(300), "12abc", "a%00b", "%ff%fe1"];

// What a server that decodes a path and replaces invalid UTF-8 shows of it.
export function decodedPath(value) {
  const bytes = [];
  for (let i = 0; i < value.length; i++) {
    if (value[i] === "%" && /^[0-9a-fA-F]{2}$/.test(value.slice(i + 1, i + 3))) {
      bytes.push(parseInt(value.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...Buffer.from(value[i]));
  }
  return Buffer.from(bytes).toString("utf8");
}

// --- one request ----------------------------------------------------------


// The valid request of `op` for `spec` (a token of its scope, its ids from
// the world, its body from its schema), and the choices made, for variants.
//
// `authorised`: the base of an invalid variant, which nothing but its body
// (or the one parameter broken) should refuse: an admin's token, ids that
// exist, an incident in a state the command is allowed from.
export function validRequest(op, spec, world, { authorised = false } = {}) {
  const r = rng(spec.seed);
  const headers = {};
  let token = null;
  if (["read", "respond", "admin"].includes(op.scope)) {
    // Any live token at or above the scope.
    // The IC's commands (docs/api.md, "Authorization") mostly with an admin's
    // token, which may give them whoever holds IC.
    const icOnly = /\/\{id\}\/(severity|visibility|dismiss|resolve|close|page|freeze|unfreeze)$/.test(op.path);
    // Changing the status page needs publish-public: the admin holds it.
    const publishes = op.path.startsWith("/api/v1/status-page/") && op.method !== "GET";
    const pool = authorised
      ? world.tokens.admin.filter((t) => t.handle === "admin")
      : (icOnly || publishes) && r.chance(0.7)
      ? world.tokens.admin
      : Object.entries(world.tokens).filter(([s]) => SCOPE_RANK[s] >= SCOPE_RANK[op.scope]).flatMap(([, ts]) => ts);
    token = r.pick(pool);
    headers.authorization = "Bearer " + token.token;
  }
  const ctx = {
    tokenHandle: token?.handle ?? "admin",
    tokenScope: token?.scope ?? "admin",
    unknown: authorised ? 0 : 0.05, // how often an id that does not exist
    fit: authorised ? 1 : 0.75, // how often an incident in a fitting state
  };
  // Path.
  const pathParams = {};
  for (const prm of op.params.filter((x) => x.in === "path")) {
    let v = pathValue(op, prm.name, world, r, ctx);
    if (v === null || v === undefined) v = String(generateSync(prm.schema ?? { type: "string" }, { seed: spec.seed, maxLength: 20 }));
    pathParams[prm.name] = String(v);
    if (prm.name === "id" && op.path.startsWith("/api/v1/incidents/")) ctx.incident = pathParams.id;
  }
  ctx.handlePermission = world.permissions?.[pathParams.handle ?? ctx.tokenHandle];
  // Query: each optional parameter half the time, from its schema.
  const query = {};
  for (const prm of op.params.filter((x) => x.in === "query")) {
    if (!prm.required && !r.chance(0.5)) continue;
    let v = generateSync(prm.schema ?? { type: "string" }, { seed: spec.seed + 7, maxLength: 12 });
    if (prm.name === "incident") v = r.pick(world.incidents);
    if (prm.name === "integration") v = r.pick(Object.keys(world.integrationKeys)) + "-main";
    if (prm.name === "offset") v = r.int(20);
    query[prm.name] = String(v);
  }
  // Header parameters (a sender's signature, for instance) are left out:
  // the seeded integrations need none.
  let body;
  let req_generatedValid = true;
  let edge = null;
  let bodySchema;
  let contentType;
  if (op.body) {
    contentType = jsonType(op.body.content);
    bodySchema = op.body.content[contentType];
    // json-schema-faker does not always keep `not` and if/then: a body the
    // schema refuses is made again from the next seed, and as a last resort
    // loses optional fields until the schema accepts it.
    const fields = semanticFields(world, r, ctx);
    for (let attempt = 0; attempt < 8; attempt++) {
      const raw = generateSync(forGeneration(bodySchema), {
        seed: spec.seed + attempt * 7919,
        optionalsProbability: 0.5,
        maxLength: 40,
        maxDefaultItems: 3,
        maxItems: 3,
        minDateTime: "2000-01-01T00:00:00Z",
        maxDateTime: "2099-12-31T00:00:00Z",
      });
      body = fixup(raw, fields);
      // A resolution within the policy's hour of stability is refused unless
      // forced (with a reason): mostly forced, so that there are resolved
      // incidents to close and reopen.
      if (op.path.endsWith("/{id}/resolve") && body && r.chance(0.7)) Object.assign(body, { force: true, reason: "contract test" });
      if (conforms(bodySchema, body)) break;
    }
    if (body && typeof body === "object" && !Array.isArray(body) && !conforms(bodySchema, body)) {
      const { required } = objectParts(bodySchema);
      for (const k of Object.keys(body)) {
        if (conforms(bodySchema, body)) break;
        if (!required.includes(k)) delete body[k];
      }
    }
    // A quarter of valid bodies carry one value at the edge of its bound (not
    // the base of an invalid variant: a list of 1000 alerts with a field too
    // long is a body over the 1 MiB limit, a 413 before any field is read).
    if (!authorised && body && typeof body === "object" && !Array.isArray(body) && r.chance(0.25)) {
      const options = edges(bodySchema, body, new Set(Object.keys(fields)));
      const e = r.pick(options);
      if (e) {
        const edged = applyBreakage(body, e);
        if (conforms(bodySchema, edged)) {
          body = edged;
          edge = e.path.join(".");
        }
      }
    }
    req_generatedValid = conforms(bodySchema, body);
    if (op.scope === "integration" && !/\{key\}/.test(op.path) && !/pagerduty|enqueue/.test(op.path)) {
      const type = op.path.match(/ingest\/([a-z]+)/)?.[1];
      headers.authorization = "Bearer " + world.integrationKeys[type];
    }
  }
  return { op, r, headers, pathParams, query, body, bodySchema, contentType, token, generatedValid: req_generatedValid, edge };
}

export function toHttp(req) {
  let path = req.op.path.replace(/\{([^}]+)\}/g, (_, n) => encodeURIComponent(req.pathParams[n]).replace(/%25/g, "%"));
  const qs = new URLSearchParams(req.query).toString();
  if (qs) path += "?" + qs;
  const headers = { ...req.headers };
  if (req.body !== undefined) headers["content-type"] = req.contentType ?? "application/json";
  return { method: req.op.method, path, headers, body: req.body };
}

// An invalid variant: one field, query parameter or path parameter broken.
// Returns null when the operation has nothing to break.
export function invalidVariant(req, choice) {
  const { op, r } = req;
  const candidates = [];
  if (req.bodySchema && req.body && typeof req.body === "object") {
    for (const b of breakages(req.bodySchema, req.body)) {
      const body = applyBreakage(req.body, b);
      // Only what the document itself refuses: a break the schema still
      // accepts (a field of one branch of a oneOf, say) is no variant.
      // Within the body limit (1 MiB, else a 413 before any field is read).
      if (JSON.stringify(body).length < 900 * 1024 && !conforms(req.bodySchema, body)) candidates.push({ ...b, where: "body", body, name: b.name ?? fieldName(b.path) });
    }
  }
  for (const prm of op.params.filter((x) => x.in === "query")) {
    const f = flat(prm.schema);
    const bad = [];
    if (typeof f.maximum === "number") bad.push(["number past its bound", String(f.maximum + 1)]);
    if (typeof f.minimum === "number") bad.push(["number past its bound", String(f.minimum - 1)]);
    if (Array.isArray(f.enum)) bad.push(["unknown enum value", "no-such-" + prm.name]);
    if (typesOf(prm.schema).includes("integer")) bad.push(["wrong type", "abc"]);
    for (const [kind, value] of bad) candidates.push({ kind, where: "query", name: prm.name, value });
  }
  for (const prm of op.params.filter((x) => x.in === "path")) {
    if (prm.name === "key") continue; // a wrong key is a scope variant (401)
    const isInt = typesOf(prm.schema).includes("integer");
    for (const value of MALFORMED) {
      const asParsed = isInt && /^-?\d+$/.test(value) ? Number(value) : decodedPath(value);
      if (!conforms(prm.schema ?? {}, asParsed)) candidates.push({ kind: "malformed id in the path", where: "path", name: prm.name, value });
    }
  }
  if (!candidates.length) return null;
  const c = candidates[choice % candidates.length];
  const v = { ...req, query: { ...req.query }, pathParams: { ...req.pathParams }, broken: c };
  if (c.where === "body") v.body = c.body;
  if (c.where === "query") v.query[c.name] = c.value;
  if (c.where === "path") v.pathParams[c.name] = c.value;
  return v;
}

// The valid request with too little authority: no token, a dead one, or a
// live one below the scope. Returns null for public operations.
export function lowerScopeVariant(req, world, choice) {
  const { op } = req;
  const options = [];
  if (op.scope === "public" || op.scope === "unknown") return null;
  if (op.scope === "integration") {
    if (/pagerduty|enqueue/.test(op.path)) return null; // the key is in the body: a 400 in PagerDuty's shape
    const bogus = "wri_" + "0".repeat(64);
    if (/\{key\}/.test(op.path)) {
      options.push({ why: "a wrong key in the path", expect: 401, pathParams: { ...req.pathParams, key: bogus }, headers: {} });
    } else {
      options.push({ why: "no key", expect: 401, headers: {} });
      options.push({ why: "a user's token instead of a key", expect: 401, headers: { authorization: "Bearer " + world.tokens.admin[0].token } });
    }
  } else {
    options.push({ why: "no token", expect: 401, headers: {} });
    options.push({ why: "a token no server issued", expect: 401, headers: { authorization: "Bearer wr_" + "0".repeat(64) } });
    for (const [s, ts] of Object.entries(world.tokens))
      if (SCOPE_RANK[s] < SCOPE_RANK[op.scope])
        for (const t of ts)
          options.push({ why: `a ${s} token of ${t.handle}`, expect: 403, headers: { authorization: "Bearer " + t.token } });
  }
  const o = options[choice % options.length];
  return { ...req, headers: o.headers, pathParams: o.pathParams ?? req.pathParams, lower: o };
}
