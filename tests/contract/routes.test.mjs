// The API document and the router say the same: every route `warroom routes
// --json` lists is an operation of docs/openapi.json with the same scope,
// and every operation is a route. And the server serves that very document,
// without a token.
//
// HEAD and OPTIONS are not separate routes: the router answers HEAD on every
// GET route (the GET's status and headers, no body) and OPTIONS on every
// known path (204 with Allow) by itself, so neither the route table nor the
// document lists them as operations (the document says so in info).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { BIN, OPENAPI, routesOf, startServer } from "./lib/server.mjs";

const METHODS = ["get", "put", "post", "delete", "patch", "head", "options", "trace"];

// What a requirement says of the scope: the router's scope for a user's
// token, nothing for a public or sign-in route; an ingest route takes an integration's
// key as its bearer token or in its path or body (no requirement then).
function securityProblem(scope, security) {
  const text = JSON.stringify(security);
  if (scope === "public" || scope === "sign-in")
    return text === "[]" ? null : `a ${scope} route needs security: [], not ${text}`;
  if (scope === "integration")
    return text === "[]" || text === JSON.stringify([{ bearer: ["integration"] }]) ? null
      : `an ingest route's security is [] or [{"bearer":["integration"]}], not ${text}`;
  const want = JSON.stringify([{ bearer: [scope] }]);
  return text === want ? null : `security must be ${want}, not ${text}`;
}

// The document describes the API and the health probes; the web
// application's pages and assets answer HTML and CSS to browsers and are
// described in docs/web.md.
export function isDocumented(route) {
  return route.pattern.startsWith("/api/") || route.pattern.startsWith("/v2/") ||
    route.pattern === "/healthz" || route.pattern === "/readyz";
}

// The differences between a route table and a document, as sentences.
export function compare(routes, doc) {
  const problems = [];
  const documented = new Map();
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const m of METHODS) {
      const op = item[m];
      if (!op) continue;
      if (m === "head" || m === "options") {
        problems.push(`${m.toUpperCase()} ${path} is in the document, but the router answers ${m.toUpperCase()} itself`);
        continue;
      }
      documented.set(`${m.toUpperCase()} ${path}`, op);
    }
  }
  const routed = new Map(routes.filter(isDocumented).map((r) => [`${r.method} ${r.pattern}`, r]));
  for (const [key, r] of routed) {
    const op = documented.get(key);
    if (!op) { problems.push(`${key} is routed but missing from the document`); continue; }
    if (op["x-warroom-scope"] !== r.scope)
      problems.push(`${key}: the router's scope is ${r.scope}, the document's x-warroom-scope ${op["x-warroom-scope"]}`);
    const sec = securityProblem(r.scope, op.security);
    if (sec) problems.push(`${key}: ${sec}`);
  }
  for (const key of documented.keys())
    if (!routed.has(key)) problems.push(`${key} is in the document but not routed`);
  return problems;
}

const routes = await routesOf(BIN);
const bytes = readFileSync(OPENAPI);
const doc = JSON.parse(bytes.toString("utf8"));

// The check can fail: a copy of the document without one route, with a
// route too many, and with a scope changed, each named.
{
  const copy = structuredClone(doc);
  delete copy.paths["/api/v1/incidents/{id}/acknowledge"].post;
  copy.paths["/api/v1/nowhere"] = { get: { "x-warroom-scope": "read", security: [{ bearer: ["read"] }] } };
  copy.paths["/api/v1/users"].post["x-warroom-scope"] = "read";
  const found = compare(routes, copy);
  for (const want of [
    "GET /api/v1/nowhere is in the document but not routed",
    "POST /api/v1/incidents/{id}/acknowledge is routed but missing from the document",
    "POST /api/v1/users: the router's scope is admin, the document's x-warroom-scope read",
  ])
    assert.ok(found.includes(want), `the comparison misses: ${want}`);
}

// Only the web application stays out of the document: nothing else may.
for (const r of routes.filter((r) => !isDocumented(r)))
  assert.ok(r.scope === "page" || r.scope === "public",
    `${r.method} ${r.pattern} (${r.scope}) is outside the document but is not part of the web application`);

const problems = compare(routes, doc);
assert.deepEqual(problems, [], "the document and the router differ:\n" + problems.join("\n"));
assert.ok(routes.length > 60, `only ${routes.length} routes`);
console.log(`${routes.length} routes, each in the document with its scope`);

// The served document is the file, byte for byte, with no token.
const server = await startServer();
try {
  const res = await fetch(server.url + "/api/v1/openapi.json");
  assert.equal(res.status, 200);
  assert.equal(res.headers.get("content-type"), "application/json");
  const etag = res.headers.get("etag");
  assert.match(etag ?? "", /^"[0-9a-f]{32}"$/);
  assert.match(res.headers.get("cache-control") ?? "", /no-cache/);
  const served = Buffer.from(await res.arrayBuffer());
  assert.ok(served.equals(bytes), `the served document (${served.length} bytes) is not ${OPENAPI} (${bytes.length} bytes)`);
  // Revalidation costs no body; another tag gets the document again.
  const again = await fetch(server.url + "/api/v1/openapi.json", { headers: { "If-None-Match": etag } });
  assert.equal(again.status, 304);
  assert.equal(again.headers.get("etag"), etag);
  assert.equal((await again.arrayBuffer()).byteLength, 0);
  const other = await fetch(server.url + "/api/v1/openapi.json", { headers: { "If-None-Match": '"0"' } });
  assert.equal(other.status, 200);
  await other.arrayBuffer();
  // A token changes nothing (an admin's, here).
  const withToken = await fetch(server.url + "/api/v1/openapi.json", { headers: { Authorization: "Bearer " + server.token } });
  assert.equal(withToken.status, 200);
  assert.ok(Buffer.from(await withToken.arrayBuffer()).equals(bytes));
  console.log(`GET /api/v1/openapi.json: ${served.length} bytes, the file's, ETag ${etag}`);
} finally {
  await server.stop();
}
