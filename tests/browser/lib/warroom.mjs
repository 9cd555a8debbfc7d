// What the browser tests share: the real warroom binary (started as the
// contract tests start it, tests/contract/lib/server.mjs), its API called
// with the first admin's token, Debian's chromium driven by playwright-core
// (its own executable, never a downloaded browser), signing a context in
// through the sign-in page, screenshots at two widths, and axe-core.
import { mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { AxeBuilder } from "@axe-core/playwright";
import { startServer } from "../../contract/lib/server.mjs";

export const PASSWORD = "correct horse battery staple";
export const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
export const SCREENSHOTS = process.env.WARROOM_SCREENSHOTS || join(tmpdir(), "warroom-screenshots");
export const VIEWPORTS = { desktop: { width: 1280, height: 800 }, phone: { width: 390, height: 844 } };

// ---- Printing and checks ------------------------------------------------------

const started = Date.now();
const seconds = () => ((Date.now() - started) / 1000).toFixed(1).padStart(5);
export const step = (text) => console.log(`[${seconds()} s] ${text}`);

// Each check prints one line; a failed one is kept (the run goes on to the
// next scenario) and `failures` lists them at the end.
export const failures = [];
// What a check saw, printed under its line.
const notes = [];
export const note = (text) => notes.push(text);
const flushNotes = () => { for (const n of notes.splice(0)) console.log(indent(`(${n})`)); };
export function ok(name) {
  console.log(`[${seconds()} s]   ok      ${name}`);
  flushNotes();
}
export async function check(name, fn) {
  try {
    const value = await fn();
    ok(name);
    return value;
  } catch (e) {
    console.log(`[${seconds()} s]   FAILED  ${name}\n${indent(e.message ?? String(e))}`);
    flushNotes();
    failures.push({ name, error: e });
    throw new CheckFailed(name, e);
  }
}
class CheckFailed extends Error {}
const indent = (text) => String(text).split("\n").map((l) => "            " + l).join("\n");

// A scenario is a run of checks that depend on each other: its first failure
// ends it, and the next scenario starts.
export async function scenario(title, fn) {
  step(`scenario: ${title}`);
  try {
    await fn();
  } catch (e) {
    if (!(e instanceof CheckFailed)) {
      console.log(`[${seconds()} s]   FAILED  ${title}: ${e.stack ?? e}`);
      failures.push({ name: title, error: e });
    }
  }
}

// ---- The server ---------------------------------------------------------------

// Resolves to {url, token, log(), stop(), api(), createUser(), setPassword(), user()}.
export async function startWarroom({ args = [] } = {}) {
  const server = await startServer({ args });
  const api = async (method, path, body, { token = server.token, expect } = {}) => {
    const headers = { Authorization: `Bearer ${token}`, Accept: "application/json" };
    if (body !== undefined) headers["Content-Type"] = "application/json";
    const res = await fetch(server.url + path, {
      method, headers, body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let json;
    try { json = text ? JSON.parse(text) : undefined; } catch { json = undefined; }
    if (expect !== undefined && res.status !== expect) {
      throw new Error(`${method} ${path} answered ${res.status}, not ${expect}: ${text}`);
    }
    return { status: res.status, body: json, text };
  };
  const createUser = async (handle, permission = "responder") =>
    (await api("POST", "/api/v1/users", { handle, permission }, { expect: 201 })).body;
  const setPassword = async (handle, password = PASSWORD) =>
    (await api("PUT", `/api/v1/users/${encodeURIComponent(handle)}/password`, { password }, { expect: 200 })).body;
  // A user who can sign in with PASSWORD.
  const user = async (handle, permission) => {
    const made = await createUser(handle, permission);
    await setPassword(handle);
    return made;
  };
  return { ...server, api, createUser, setPassword, user };
}

// ---- The browser ----------------------------------------------------------------

export async function launchBrowser() {
  try {
    return await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox"] });
  } catch (e) {
    throw new Error(`chromium did not start from ${CHROMIUM} (scripts/bootstrap installs Debian's chromium; ` +
                    `CHROMIUM names another): ${e.message}`);
  }
}

// A context of its own (cookies, storage) on the server, desktop-sized; what
// its pages print as errors is kept in `context.problems`.
export async function newContext(browser, server, options = {}) {
  const context = await browser.newContext({ baseURL: server.url, viewport: VIEWPORTS.desktop, ...options });
  context.setDefaultTimeout(10000);
  context.problems = [];
  context.on("page", (page) => watch(context, page));
  return context;
}

function watch(context, page) {
  page.on("pageerror", (e) => context.problems.push(`${page.url()}: uncaught ${e.message}`));
  page.on("console", (m) => {
    if (m.type() !== "error") return;
    // A refusal (4xx) is logged as a failed load: the tests ask for some (a
    // 404 page, a refused form) and check what the page shows of them.
    if (/^Failed to load resource: the server responded with a status of 4\d\d/.test(m.text())) return;
    context.problems.push(`${page.url()}: console error: ${m.text()}`);
  });
  page.on("response", (r) => {
    if (r.status() >= 500) context.problems.push(`${page.url()}: ${r.request().method()} ${r.url()} answered ${r.status()}`);
  });
}

// Signs the context in through the sign-in page; resolves to the page, on the dashboard.
export async function signIn(context, handle, password = PASSWORD) {
  const page = await context.newPage();
  await page.goto("/sign-in");
  await page.fill("#handle", handle);
  await page.fill("#password", password);
  await Promise.all([
    page.waitForURL((u) => u.pathname === "/"),
    page.getByRole("button", { name: "Sign in" }).click(),
  ]);
  await page.waitForLoadState("load");
  return page;
}

// The page's own session calling the API as app.js does (the cookie, and
// the CSRF token from <meta name="csrf-token">).
export async function pageApi(page, method, path, body) {
  return page.evaluate(async ({ method, path, body }) => {
    const csrf = document.querySelector('meta[name="csrf-token"]').content;
    const res = await fetch(path, {
      method,
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", Accept: "application/json", "X-CSRF-Token": csrf },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let json;
    try { json = JSON.parse(text); } catch { json = undefined; }
    return { status: res.status, body: json, text };
  }, { method, path, body });
}

// ---- Screenshots ----------------------------------------------------------------

// The whole page at each width, as SCREENSHOTS/<name>-<width>.png; the page
// is left at the width it had.
export async function screenshots(page, name) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const before = page.viewportSize();
  const files = [];
  for (const [width, size] of Object.entries(VIEWPORTS)) {
    await page.setViewportSize(size);
    const file = join(SCREENSHOTS, `${name}-${width}.png`);
    await page.screenshot({ path: file, fullPage: true });
    files.push(file);
  }
  if (before) await page.setViewportSize(before);
  return files;
}

// ---- Accessibility ----------------------------------------------------------------

export const BLOCKING_IMPACTS = new Set(["serious", "critical"]);

// axe-core on the page as it is: {blocking, other}, the serious or critical
// violations and the rest, each {rule, impact, help, url, nodes: [{target, message}]}.
export async function axeViolations(page) {
  const results = await new AxeBuilder({ page }).analyze();
  const shape = (v) => ({
    rule: v.id,
    impact: v.impact,
    help: v.help,
    url: v.helpUrl,
    nodes: v.nodes.map((n) => ({ target: n.target.join(" "), message: n.failureSummary ?? "" })),
  });
  return {
    blocking: results.violations.filter((v) => BLOCKING_IMPACTS.has(v.impact)).map(shape),
    other: results.violations.filter((v) => !BLOCKING_IMPACTS.has(v.impact)).map(shape),
  };
}

export function formatViolations(label, violations, what = "serious or critical") {
  const lines = [`${label}: ${violations.length} ${what} axe violation(s)`];
  for (const v of violations) {
    lines.push(`- ${v.rule} (${v.impact}): ${v.help}  <${v.url}>`);
    for (const n of v.nodes) {
      lines.push(`    ${n.target}`);
      for (const m of n.message.split("\n").filter(Boolean)) lines.push(`      ${m.trim()}`);
    }
  }
  return lines.join("\n");
}

// Fails (throws, readably) on any serious or critical violation; prints the
// others (moderate, minor) without failing.
export async function assertAccessible(page, label) {
  const { blocking, other } = await axeViolations(page);
  if (other.length > 0) {
    console.log(formatViolations(`            (not failing) ${label}`, other, "moderate or minor").replaceAll("\n", "\n            "));
  }
  if (blocking.length > 0) throw new Error(formatViolations(label, blocking));
}

// ---- A network that breaks -------------------------------------------------------

// A TCP proxy to `target` (a URL) on 127.0.0.1: a context whose baseURL is
// its `url` reaches warroom through it. `cut()` drops every open connection
// and refuses new ones until `mend()`: what a browser sees when the network
// or an instance goes away (an EventSource then reconnects with Last-Event-ID).
export async function startTcpProxy(target) {
  const net = await import("node:net");
  const { hostname, port } = new URL(target);
  const sockets = new Set();
  let refusing = false;
  const server = net.createServer((client) => {
    if (refusing) return client.destroy();
    const upstream = net.connect(Number(port), hostname);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on("close", () => sockets.delete(s));
      s.on("error", () => {});
    }
    client.pipe(upstream);
    upstream.pipe(client);
    client.on("close", () => upstream.destroy());
    upstream.on("close", () => client.destroy());
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    cut() {
      refusing = true;
      for (const s of sockets) s.destroy();
    },
    mend() { refusing = false; },
    close() {
      for (const s of sockets) s.destroy();
      return new Promise((resolve) => server.close(resolve));
    },
  };
}

// A webhook receiver on 127.0.0.1: what warroom's webhook destinations post
// (docs/notifications.md), kept as parsed JSON. A path answers 200 unless
// `refuse` names it (then 400: refused, a dead letter at once).
export async function startReceiver() {
  const http = await import("node:http");
  const received = [];
  const refuse = new Set();
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (d) => { body += d; });
    req.on("end", () => {
      const path = new URL(req.url, "http://x").pathname;
      if (refuse.has(path)) {
        res.writeHead(400, { "Content-Type": "text/plain" }).end("refused by the test");
        return;
      }
      try { received.push({ path, headers: req.headers, body: JSON.parse(body) }); } catch { received.push({ path, raw: body }); }
      res.writeHead(200, { "Content-Type": "application/json" }).end("{}");
    });
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    received,
    refuse,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

// A config file (YAML text) in a folder of its own; answers its path.
export async function writeConfig(text) {
  const { mkdtempSync, writeFileSync } = await import("node:fs");
  const dir = mkdtempSync(join(tmpdir(), "warroom-browser-config-"));
  const path = join(dir, "warroom.yaml");
  writeFileSync(path, text);
  return path;
}

// The end of a browser test: chromium, warroom and the receiver stopped,
// then every failed check listed (and the exit code set).
export async function finish({ browser, server, receiver }) {
  await browser.close().catch(() => {});
  const exited = await server.stop();
  if (receiver) await receiver.close();
  step(`stopped warroom (${JSON.stringify(exited)}) and chromium`);
  if (failures.length) {
    console.log(`\n${failures.length} check(s) failed:`);
    for (const f of failures) console.log(`  - ${f.name}`);
    process.exitCode = 1;
  } else {
    ok("every check");
  }
}
