// The API document read as a list of operations, each with its schemas
// dereferenced (local "#/..." references inlined), ready for
// json-schema-faker (requests) and ajv (answers).
import { readFileSync } from "node:fs";

export function loadDocument(path = process.env.WARROOM_OPENAPI) {
  if (!path) throw new Error("WARROOM_OPENAPI names the API document");
  return JSON.parse(readFileSync(path, "utf8"));
}

function pointer(doc, ref) {
  if (!ref.startsWith("#/")) throw new Error(`only local references are followed, not ${ref}`);
  let at = doc;
  for (const raw of ref.slice(2).split("/")) {
    const key = decodeURIComponent(raw).replace(/~1/g, "/").replace(/~0/g, "~");
    at = at?.[key];
    if (at === undefined) throw new Error(`dangling reference ${ref}`);
  }
  return at;
}

// Every $ref inlined. A $ref with sibling keywords (allowed in 3.1) becomes
// allOf of the target and the siblings; annotations alone are dropped.
export function deref(doc, node, stack = []) {
  if (Array.isArray(node)) return node.map((n) => deref(doc, n, stack));
  if (!node || typeof node !== "object") return node;
  if (typeof node.$ref === "string") {
    if (stack.includes(node.$ref)) throw new Error(`recursive reference ${node.$ref}`);
    const target = deref(doc, pointer(doc, node.$ref), [...stack, node.$ref]);
    const { $ref, description, summary, ...rest } = node;
    return Object.keys(rest).length ? { allOf: [target, deref(doc, rest, stack)] } : target;
  }
  const out = {};
  for (const [k, v] of Object.entries(node)) out[k] = deref(doc, v, stack);
  return out;
}

const METHODS = ["get", "put", "post", "delete", "patch", "head", "options"];

function mediaMap(content = {}) {
  const out = {};
  for (const [type, media] of Object.entries(content)) out[type.toLowerCase()] = media.schema ?? true;
  return out;
}

// The scope an operation needs: the document states it as the role (3.1
// allows role names for any scheme) of its security requirement; an empty
// requirement is public; a scheme that is not a user's bearer token is an
// integration key.
function scopeOf(doc, op) {
  const explicit = op["x-warroom-scope"] ?? op["x-scope"];
  if (explicit) return explicit;
  const security = op.security ?? doc.security ?? [];
  if (security.length === 0 || security.every((req) => Object.keys(req).length === 0)) return "public";
  for (const req of security) {
    for (const [scheme, roles] of Object.entries(req)) {
      if (roles?.length) return roles[0];
      const def = doc.components?.securitySchemes?.[scheme];
      if (def && /integration|key/i.test(scheme + " " + (def.description ?? ""))) return "integration";
    }
  }
  return "unknown";
}

export function operations(doc) {
  const ops = [];
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    const shared = item.parameters ?? [];
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const params = new Map();
      for (const p of [...shared, ...(op.parameters ?? [])].map((p) => deref(doc, p)))
        params.set(`${p.in}:${p.name}`, p);
      const body = op.requestBody ? deref(doc, op.requestBody) : null;
      const responses = {};
      for (const [status, r] of Object.entries(op.responses ?? {})) {
        const resp = deref(doc, r);
        responses[status] = { content: mediaMap(resp.content), headers: resp.headers ?? {} };
      }
      ops.push({
        id: op.operationId ?? `${method.toUpperCase()} ${path}`,
        method: method.toUpperCase(),
        path,
        scope: scopeOf(doc, op),
        params: [...params.values()],
        body: body ? { required: !!body.required, content: mediaMap(body.content) } : null,
        responses,
        skip: op["x-warroom-contract-skip"] ?? null,
      });
    }
  }
  return ops;
}

// The document's entry for an answer's status: the exact code, then its
// range ("4XX"), then "default".
export function responseFor(op, status) {
  return op.responses[String(status)] ?? op.responses[`${String(status)[0]}XX`] ?? op.responses.default ?? null;
}
