// The public status page end to end in Chromium: a customer subscribes by
// email on the page's form and confirms through the link a real SMTP server
// (smtp-server) received; a webhook subscriber (an https receiver with its
// own certificate) answers the challenge; a publisher posts the
// investigating update from its template on a P1 that affects the API; the
// public page, the Statuspage JSON, the Atom feed and the mirror directory
// show it; both subscribers receive it; the customer leaves through the
// message's link; the incident resolves; the history and the uptime bar
// show the outage; a restricted incident never appears anywhere. The
// publishers' Status page is checked too (components, a maintenance
// scheduled through its form, the subscribers), with screenshots and axe.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SMTPServer } from "smtp-server";
import {
  assertAccessible, check, finish, pageApi, launchBrowser, newContext, note, scenario, screenshots, signIn, startWarroom,
  step, writeConfig,
} from "./lib/warroom.mjs";

const SECRET = "Credential stuffing against the admin console";

// ---- The peers -------------------------------------------------------------------

// A real SMTP server on 127.0.0.1 keeping every message: {to, headers, text}.
async function startMailbox() {
  const messages = [];
  const server = new SMTPServer({
    authOptional: true, disabledCommands: ["STARTTLS", "AUTH"], logger: false,
    onData(stream, session, callback) {
      let raw = "";
      stream.setEncoding("utf8");
      stream.on("data", (d) => { raw += d; });
      stream.on("end", () => {
        messages.push({ to: session.envelope.rcptTo.map((r) => r.address), ...parseMail(raw) });
        callback();
      });
    },
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { port: server.server.address().port, messages, close: () => new Promise((r) => server.close(r)) };
}

// The headers (unfolded) and the text/plain part (base64, as warroom sends it).
function parseMail(raw) {
  const [head] = raw.split(/\r?\n\r?\n/, 1);
  const headers = {};
  for (const line of head.replace(/\r?\n[ \t]+/g, " ").split(/\r?\n/)) {
    const i = line.indexOf(":");
    if (i > 0) headers[line.slice(0, i).toLowerCase()] = line.slice(i + 1).trim();
  }
  const part = raw.match(/Content-Type: text\/plain[^\r\n]*\r?\nContent-Transfer-Encoding: base64\r?\n\r?\n([A-Za-z0-9+/=\r\n]+)/);
  const text = part ? Buffer.from(part[1].replace(/\s+/g, ""), "base64").toString("utf8") : raw;
  return { headers, text };
}

// An https receiver with a self-signed certificate for 127.0.0.1 (openssl):
// echoes a confirmation's challenge and keeps every notice.
async function startHooks() {
  const https = await import("node:https");
  const dir = mkdtempSync(join(tmpdir(), "warroom-hooks-"));
  const cert = join(dir, "cert.pem"), key = join(dir, "key.pem");
  execFileSync("openssl", ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                           "-keyout", key, "-out", cert, "-days", "2", "-subj", "/CN=127.0.0.1",
                           "-addext", "subjectAltName=IP:127.0.0.1"], { stdio: "ignore" });
  const received = [];
  const server = https.createServer({ cert: readFileSync(cert), key: readFileSync(key) }, (req, res) => {
    let body = "";
    req.on("data", (d) => { body += d; });
    req.on("end", () => {
      let parsed = {};
      try { parsed = JSON.parse(body); } catch { /* kept as it came */ }
      received.push(parsed);
      res.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify({ challenge: parsed.challenge ?? "" }));
    });
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `https://127.0.0.1:${server.address().port}/hooks/status`, cert, received,
           close: () => new Promise((r) => server.close(r)) };
}

async function waitFor(what, fn, timeoutMs = 15000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

// ---- The run ---------------------------------------------------------------------

step("starting an SMTP server, an https webhook receiver, warroom and chromium");
const mailbox = await startMailbox();
const hooks = await startHooks();
const mirror = mkdtempSync(join(tmpdir(), "warroom-mirror-"));
const config = await writeConfig(`status_page:
  name: ACME Status
  subscribers:
    email: {smtp_url: "smtp://127.0.0.1:${mailbox.port}", from: "ACME Status <status@acme.example>"}
    allowed_networks: [127.0.0.1/32]
    ca_file: ${hooks.cert}
`);
const server = await startWarroom({ args: ["--config", config, "--status-page-mirror", mirror] });
const browser = await launchBrowser().catch(async (e) => { await server.stop(); throw e; });
step(`warroom at ${server.url}, mirror in ${mirror}`);

const mirrored = (path) => {
  const file = join(mirror, path);
  return existsSync(file) ? readFileSync(file, "utf8") : "";
};
const publicJson = async (path) => (await fetch(server.url + path)).json();
const publicText = async (path) => (await fetch(server.url + path)).text();

let alice, page, customer, incident, secret, notice;
try {
  await server.user("alice", "responder");
  await server.api("PATCH", "/api/v1/users/alice", { publish_public: true }, { expect: 200 });

  await scenario("a customer subscribes by email and a webhook by the API", async () => {
    customer = await newContext(browser, server);
    const p = await customer.newPage();
    await check("the public page links to the subscription form", async () => {
      await p.goto("/status");
      await p.getByRole("link", { name: "Subscribe" }).click();
      await p.waitForURL((u) => u.pathname === "/status/subscribe");
    });
    await check("subscribing to the API by email says to check the inbox", async () => {
      await p.fill("input[name=email]", "customer@example.com");
      await p.locator("input[name=component][value=api]").check();
      await Promise.all([p.waitForLoadState("load"), p.getByRole("button", { name: "Subscribe" }).click()]);
      assert.match(await p.content(), /Check your inbox/);
    });
    await check("screenshots and axe of the subscription pages", async () => {
      await assertAccessible(p, "the subscription answer");
      await p.goto("/status/subscribe");
      await assertAccessible(p, "the subscription form");
      await screenshots(p, "status-subscribe");
    });
    await check("the confirmation mail's link opens a page whose button confirms", async () => {
      const mail = await waitFor("the confirmation mail", () => mailbox.messages[0]);
      assert.deepEqual(mail.to, ["customer@example.com"]);
      const link = mail.text.match(/https?:\/\/\S+\/status\/subscriptions\/confirm\?token=wrs_[0-9a-f]{64}/)?.[0];
      assert.ok(link, `no confirmation link in: ${mail.text}`);
      await p.goto(link);
      await Promise.all([p.waitForLoadState("load"), p.getByRole("button", { name: "Confirm" }).click()]);
      await p.locator('[data-outcome="confirmed"]').waitFor();
    });
    await check("a webhook subscribes through /api/v2/subscriptions and answers the challenge", async () => {
      const res = await fetch(server.url + "/api/v2/subscriptions", {
        method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ webhook: hooks.url }),
      });
      assert.equal(res.status, 202, await res.text());
      await waitFor("the challenge", () => hooks.received.find((h) => h.type === "subscription_confirmation"));
      await waitFor("both subscribers confirmed", async () => {
        const items = (await server.api("GET", "/api/v1/status-page/subscribers?state=confirmed")).body.items;
        return items.length === 2;
      });
    });
  });

  await scenario("the publishers' Status page", async () => {
    alice = await newContext(browser, server);
    page = await check("alice signs in", () => signIn(alice, "alice"));
    await check("the navigation leads to it, listing the components and both subscribers", async () => {
      await page.getByRole("link", { name: "Status page" }).click();
      await page.waitForURL((u) => u.pathname === "/status-page");
      assert.equal(await page.locator("[data-testid=components] > li").count(), 4);
      const subs = await page.locator("[data-testid=subscribers] > li").allTextContents();
      assert.equal(subs.length, 2, subs.join("\n"));
      assert.ok(subs.some((s) => /customer@example\.com/.test(s)), subs.join("\n"));
    });
    await check("a maintenance scheduled through its form is listed and on the public page", async () => {
      await page.locator("summary", { hasText: "Schedule a maintenance" }).click();
      const form = page.locator("[data-testid=schedule-form]");
      await form.locator("#maintenance-name").fill("Scheduler upgrade");
      await form.locator("#maintenance-from").fill("2030-03-01T10:00");
      await form.locator("#maintenance-until").fill("2030-03-01T11:00");
      await form.locator("input[name=components][value=scheduler]").check();
      await form.locator("#maintenance-body").fill("Jobs start a few minutes late.");
      await Promise.all([page.waitForEvent("load"), form.getByRole("button", { name: "Schedule" }).click()]);
      await page.locator("[data-testid=maintenances] li", { hasText: "Scheduler upgrade" }).waitFor();
      const upcoming = await publicJson("/api/v2/scheduled-maintenances/upcoming.json");
      assert.deepEqual(upcoming.scheduled_maintenances.map((m) => m.name), ["Scheduler upgrade"]);
    });
    await check("setting a component through its form shows on the public page", async () => {
      const li = page.locator("li[data-component=dashboard]");
      await li.locator("summary").click();
      await li.locator("select[name=status]").selectOption("degraded_performance");
      await li.locator("input[name=note]").fill("slow charts");
      await Promise.all([page.waitForEvent("load"), li.getByRole("button", { name: "Set Dashboard" }).click()]);
      assert.equal((await page.locator("li[data-component=dashboard] [data-testid=component-status]").textContent()).trim(),
                   "Degraded performance");
      const components = (await publicJson("/api/v2/components.json")).components;
      assert.equal(components.find((c) => c.name === "Dashboard").status, "degraded_performance");
    });
    await check("screenshots and axe of the Status page", async () => {
      await assertAccessible(page, "the Status page");
      await screenshots(page, "status-page-admin");
    });
  });

  await scenario("an investigating update on a P1 that affects the API", async () => {
    await check("a restricted incident, with an internal update, is declared too", async () => {
      secret = (await server.api("POST", "/api/v1/incidents", {
        severity: "P1", summary: SECRET, visibility: "restricted", impact: { affected_components: ["dashboard"] },
      }, { expect: 201 })).body.id;
      const r = await server.api("POST", `/api/v1/incidents/${secret}/updates`,
                                 { audience: "internal", text: "Legal is looking." });
      assert.ok(r.status < 300, r.text);
    });
    await check("alice declares the P1 affecting the API", async () => {
      // From her own session: the one who declares is the Incident Commander.
      const made = await pageApi(page, "POST", "/api/v1/incidents", {
        severity: "P1", summary: "API errors for some customers", impact: { affected_components: ["api"] },
      });
      assert.equal(made.status, 201, made.text);
      incident = made.body.id;
      await page.goto(`/incidents/${incident}`);
    });
    await check("the status-investigating template, previewed, is sent from the composer", async () => {
      await page.selectOption("#compose-template", "status-investigating");
      await page.getByRole("button", { name: "Preview" }).click();
      await page.waitForFunction(() => document.querySelector("[data-testid=preview-text]").textContent.trim() !== "");
      const text = await page.locator("[data-testid=preview-text]").textContent();
      assert.match(text, /investigating/i);
      // Sent, or refused as reading differently now (it is shown again: send that).
      const sendForm = page.locator("form[data-send-preview]");
      for (let attempt = 0; ; ++attempt) {
        await page.getByRole("button", { name: "Send this update" }).click();
        await Promise.race([
          page.locator("[data-preview-output]").waitFor({ state: "hidden" }),
          sendForm.locator(".form-error").waitFor({ state: "visible" }),
        ]);
        if (!(await sendForm.locator(".form-error").isVisible())) break;
        const why = await sendForm.locator(".form-error").textContent();
        assert.ok(attempt < 2, `the update was refused: ${why}`);
        note(`refused once: ${why}`);
      }
      await page.locator('[data-testid=timeline] li[data-type="update_posted"]').first().waitFor();
    });
    await check("the public page shows it, the API in an outage", async () => {
      const p = await customer.newPage();
      await p.goto("/status");
      const section = p.locator(`section[data-incident]`, { hasText: "API errors for some customers" });
      await section.waitFor();
      assert.match(await section.textContent(), /Investigating/);
      assert.notEqual((await p.locator("[data-testid=status-api]").textContent()).trim(), "Operational");
      await assertAccessible(p, "the public page during the incident");
      await screenshots(p, "status-public-incident");
      await p.close();
    });
    await check("summary.json and incidents/unresolved.json show it, the indicator major", async () => {
      const summary = await publicJson("/api/v2/summary.json");
      assert.deepEqual(summary.incidents.map((i) => i.name), ["API errors for some customers"]);
      assert.equal(summary.incidents[0].status, "investigating");
      assert.equal(summary.status.indicator, "major");
      const unresolved = await publicJson("/api/v2/incidents/unresolved.json");
      assert.equal(unresolved.incidents.length, 1);
    });
    await check("the Atom feed has its entry", async () => {
      assert.match(await publicText("/status/feed.atom"), /API errors for some customers/);
    });
    await check("the mirror directory has the page, the JSON and the feed", async () => {
      await waitFor("the mirror", () => /API errors for some customers/.test(mirrored("status/index.html")) &&
                                     /API errors for some customers/.test(mirrored("api/v2/summary.json")) &&
                                     /API errors for some customers/.test(mirrored("status/feed.atom")));
    });
    await check("the email subscriber receives it, with List-Unsubscribe and one-click", async () => {
      notice = await waitFor("the notice", () => mailbox.messages.find((m) => /Investigating/.test(m.headers.subject ?? "")));
      assert.deepEqual(notice.to, ["customer@example.com"]);
      assert.match(notice.headers["list-unsubscribe"], /<http[^>]+\/status\/subscriptions\/unsubscribe\?token=wrs_/);
      assert.equal(notice.headers["list-unsubscribe-post"], "List-Unsubscribe=One-Click");
      assert.match(notice.text, /We are currently investigating/);
    });
    await check("the webhook subscriber receives the Statuspage-shaped JSON", async () => {
      const hook = await waitFor("the webhook notice",
                                 () => hooks.received.find((h) => h.incident?.name === "API errors for some customers"));
      assert.equal(hook.incident.name, "API errors for some customers");
      assert.equal(hook.incident.status, "investigating");
      assert.deepEqual(hook.incident.components.map((c) => c.id), ["api"]);
    });
  });

  await scenario("the customer leaves through the message's link", async () => {
    await check("the link's page has a button that unsubscribes", async () => {
      const link = notice.headers["list-unsubscribe"].match(/<(http[^>]+)>/)[1];
      const p = await customer.newPage();
      await p.goto(link);
      await Promise.all([p.waitForLoadState("load"), p.getByRole("button", { name: "Unsubscribe" }).click()]);
      await p.locator('[data-outcome="unsubscribed"]').waitFor();
      await p.close();
      const left = (await server.api("GET", "/api/v1/status-page/subscribers?state=unsubscribed")).body.items;
      assert.deepEqual(left.map((s) => s.address), ["customer@example.com"]);
    });
  });

  await scenario("resolved: the history and the uptime bar show the outage", async () => {
    await check("alice resolves it from the incident page, once mitigated", async () => {
      await page.goto(`/incidents/${incident}`);
      const category = (await page.locator("#identify-cat option").first().textContent()).trim();
      for (const [step, body] of [["identify", { root_cause: "A bad deploy of the API gateway", category }],
                                  ["mitigate", { action: "Rolled back the bad deploy" }]]) {
        const r = await pageApi(page, "POST", `/api/v1/incidents/${incident}/${step}`, body);
        assert.ok(r.status < 300, r.text);
      }
      await page.reload();
      await page.locator("summary", { hasText: "Resolved" }).click();
      const form = page.locator(`form[data-api="/api/v1/incidents/${incident}/resolve"]`);
      await page.fill("#resolve-summary", "Rolled back the bad deploy");
      await form.locator("input[name=force]").check();
      await page.fill("#resolve-reason", "error rate at baseline for ten minutes");
      await form.getByRole("button", { name: "Resolve" }).click();
      await Promise.race([
        page.locator("[data-testid=incident-status]", { hasText: "resolved" }).waitFor(),
        form.locator(".form-error").waitFor({ state: "visible" }),
      ]);
      const refused = await form.locator(".form-error").isVisible();
      assert.ok(!refused, refused ? await form.locator(".form-error").textContent() : "");
    });
    await check("the resolved notice reaches the webhook, not the customer who left", async () => {
      const r = await server.api("POST", `/api/v1/incidents/${incident}/updates`, { template: "status-resolved" });
      assert.ok(r.status < 300, r.text);
      await waitFor("the resolved notice", () => hooks.received.some(
        (h) => h.incident?.name === "API errors for some customers" && h.incident.status === "resolved"));
      const mails = mailbox.messages.filter((m) => m.to.includes("customer@example.com"));
      assert.equal(mails.length, 2, mails.map((m) => m.headers.subject).join("; "));  // confirmation, investigating
    });
    await check("the page lists it under past incidents; the API's bar for today is not ok", async () => {
      const p = await customer.newPage();
      // The page is re-rendered when something is published: reloaded until it is.
      const past = p.locator("[data-testid=past] li", { hasText: "API errors for some customers" });
      await waitFor("the incident under past incidents", async () => {
        await p.goto("/status");
        return (await past.count()) === 1;
      });
      const today = p.locator("li[data-component=api] .bars .bar").last();
      assert.notEqual(await today.getAttribute("class"), "bar ok");
      note(`today's bar: ${await today.getAttribute("class")} (${await today.getAttribute("title")})`);
      assert.equal((await p.locator("[data-testid=status-api]").textContent()).trim(), "Operational");
      await screenshots(p, "status-public-resolved");
      await p.close();
    });
  });

  await scenario("the restricted incident never appears", async () => {
    await check("not on the page, in the JSON, the feed or the mirror", async () => {
      for (const path of ["/status", "/api/v2/summary.json", "/api/v2/incidents.json", "/status/feed.atom"]) {
        assert.doesNotMatch(await publicText(path), /Credential stuffing/, path);
      }
      for (const file of ["status/index.html", "api/v2/summary.json", "api/v2/incidents.json", "status/feed.atom"]) {
        assert.doesNotMatch(mirrored(file), /Credential stuffing/, file);
      }
      // Nor in the status of the component it affects: the Dashboard shows
      // what alice set, not the restricted P1's outage.
      const components = (await publicJson("/api/v2/components.json")).components;
      assert.equal(components.find((c) => c.name === "Dashboard").status, "degraded_performance");
      assert.ok(!hooks.received.some((h) => JSON.stringify(h).includes("Credential stuffing")));
      assert.ok(!mailbox.messages.some((m) => m.text.includes("Credential stuffing")));
    });
  });
} finally {
  await mailbox.close();
  await hooks.close();
  await finish({ browser, server });
}
