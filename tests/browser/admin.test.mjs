// The admin pages end to end in Chromium: people (add with the first token
// shown once, change, disable and enable, a sign-in link, revoke a token),
// integrations (add with the key shown once and its snippet, rotate: the
// old key stops), the outbox (a refused message listed as failed, retried
// from the page once the receiver takes it); a responder is refused each;
// screenshots at two widths and axe-core on each page. One server with a
// real webhook receiver, one browser, a context per person.
import assert from "node:assert/strict";
import {
  assertAccessible, check, finish, launchBrowser, newContext, note, scenario, screenshots, signIn,
  startReceiver, startWarroom, step, writeConfig,
} from "./lib/warroom.mjs";

const HOSTILE = '<img src=x onerror="window.__xss=1">';

step("starting warroom, a webhook receiver and chromium");
const receiver = await startReceiver();
receiver.refuse.add("/hook");  // until the outbox scenario retries
const config = await writeConfig(`destinations:
  hook: {type: webhook, url: "${receiver.url}/hook", max_attempts: 1}
routes:
  internal: [hook]
`);
const server = await startWarroom({ args: ["--config", config] });
const browser = await launchBrowser().catch(async (e) => { await server.stop(); throw e; });
step(`warroom at ${server.url}, chromium ${browser.version()}`);

const contexts = [];
const context = async () => {
  const c = await newContext(browser, server);
  contexts.push(c);
  return c;
};
// A bearer token's answer from GET /api/v1/me.
const me = async (token) => (await server.api("GET", "/api/v1/me", undefined, { token })).status;
const person = (p, handle) => p.locator(`[data-person="${handle}"]`);

let page;  // ada's: an admin

try {
  await server.user("ada", "admin");
  await server.user("rick", "responder");
  const ctx = await context();
  page = await signIn(ctx, "ada");

  await scenario("people", async () => {
    let token;
    await check("adding a person shows their first token once, and they are listed", async () => {
      await page.goto("/people");
      await page.fill("#new-handle", "sam");
      await page.fill("#new-name", HOSTILE);
      await page.fill("#new-email", "sam@example.com");
      await page.selectOption("#new-permission", "responder");
      await page.locator('form[data-api="/api/v1/users"] button[type=submit]').click();
      const shown = page.locator('form[data-api="/api/v1/users"] [data-result-value]');
      await shown.waitFor({ state: "visible" });
      token = (await shown.textContent()).trim();
      assert.match(token, /^wr_[0-9a-f]{64}$/);
      assert.equal(await me(token), 200);
      await page.reload();
      await person(page, "sam").waitFor();
      assert.doesNotMatch(await page.locator("main").innerHTML(), new RegExp(token), "the token is shown again");
    });
    await check("a name with markup is shown as text", async () => {
      assert.equal(await person(page, "sam").locator("img").count(), 0);
      assert.match(await person(page, "sam").textContent(), /<img src=x/);
      assert.equal(await page.evaluate(() => typeof window.__xss), "undefined");
    });
    await check("changing the name and permission is saved", async () => {
      const sam = person(page, "sam");
      await sam.locator("summary", { hasText: "Change sam" }).click();
      await page.fill("#name-sam", "Sam Rivera");
      await page.selectOption("#perm-sam", "viewer");
      await sam.getByRole("button", { name: "Save" }).click();
      await page.waitForFunction(() =>
        document.querySelector('[data-person="sam"] h3')?.textContent.includes("viewer"));
      assert.match(await person(page, "sam").textContent(), /Sam Rivera/);
    });
    await check("granting publish-public is saved and shown; unticking takes it back", async () => {
      const grant = async (on) => {
        await person(page, "sam").locator("summary", { hasText: "Change sam" }).click();
        await page.setChecked("#publish-sam", on);
        await person(page, "sam").getByRole("button", { name: "Save" }).click();
        await page.waitForFunction((want) =>
          !!document.querySelector('[data-person="sam"] h3')?.textContent.includes("publishes") === want, on);
        const users = (await server.api("GET", "/api/v1/users")).body.items;
        assert.equal(users.find((u) => u.handle === "sam").publish_public, on);
      };
      await grant(true);
      await grant(false);
    });
    await check("disabling stops their token at once; enabling brings it back", async () => {
      await person(page, "sam").getByRole("button", { name: "Disable" }).click();
      await person(page, "sam").locator(".badge.warn", { hasText: "disabled" }).waitFor();
      assert.equal(await me(token), 401);
      await person(page, "sam").getByRole("button", { name: "Enable" }).click();
      await person(page, "sam").getByRole("button", { name: "Disable" }).waitFor();
      assert.equal(await me(token), 200);
    });
    await check("a sign-in link is shown as a whole URL, good once", async () => {
      await person(page, "sam").getByRole("button", { name: "Make a sign-in link" }).click();
      const shown = person(page, "sam").locator("[data-result-value]");
      await shown.waitFor({ state: "visible" });
      const url = (await shown.textContent()).trim();
      assert.match(url, new RegExp(`^${server.url}/sign-in#link=wrl_[0-9a-f]{64}$`));
      const secret = url.split("#link=")[1];
      const first = await fetch(`${server.url}/api/v1/sessions/link`, {
        method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ link: secret }),
      });
      assert.equal(first.status, 201);
      note(url.replace(/wrl_[0-9a-f]+/, "wrl_…"));
    });
    await check("revoking a token from their list stops it", async () => {
      await page.reload();
      const sam = person(page, "sam");
      await sam.locator("summary", { hasText: "API tokens" }).click();
      await sam.getByRole("button", { name: "Revoke" }).first().click();
      await page.waitForFunction(() =>
        !document.querySelector('[data-person="sam"] form[data-method="DELETE"]'));
      assert.equal(await me(token), 401);
    });
    await check("screenshots of the people page", () => screenshots(page, "people"));
  });

  await scenario("integrations", async () => {
    let key;
    await check("adding a source shows its key once, and its snippet to paste", async () => {
      await page.goto("/integrations");
      await page.fill("#int-name", "prometheus-prod");
      await page.selectOption("#int-type", "alertmanager");
      await page.locator('form[data-api="/api/v1/integrations"] button[type=submit]').click();
      const shown = page.locator('form[data-api="/api/v1/integrations"] [data-result-value]');
      await shown.waitFor({ state: "visible" });
      key = (await shown.textContent()).trim();
      assert.ok(key.length >= 32, key);
      await page.reload();
      const item = page.locator('[data-integration="prometheus-prod"]');
      await item.waitFor();
      const snippet = await item.locator("[data-snippet]").textContent();
      assert.match(snippet, /\/api\/v1\/ingest\/alertmanager/);
      note(snippet.split("\n")[0]);
    });
    const ingest = (k) => fetch(`${server.url}/api/v1/ingest/alertmanager`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${k}` },
      body: JSON.stringify({ version: "4", status: "firing", receiver: "warroom", groupKey: "g", alerts: [] }),
    });
    await check("rotating shows the new key; the old one stops", async () => {
      assert.ok((await ingest(key)).ok);
      const item = page.locator('[data-integration="prometheus-prod"]');
      await item.getByRole("button", { name: "Rotate the key" }).click();
      const shown = item.locator("[data-result-value]");
      await shown.waitFor({ state: "visible" });
      const rotated = (await shown.textContent()).trim();
      assert.notEqual(rotated, key);
      assert.equal((await ingest(key)).status, 401);
      assert.ok((await ingest(rotated)).ok);
    });
    await check("disabling marks it disabled", async () => {
      await page.locator('[data-integration="prometheus-prod"]').getByRole("button", { name: "Disable" }).click();
      await page.locator('[data-integration="prometheus-prod"] .badge.warn', { hasText: "disabled" }).waitFor();
    });
    await check("screenshots of the integrations page", () => screenshots(page, "integrations"));
  });

  await scenario("the outbox", async () => {
    const id = (await server.api("POST", "/api/v1/incidents", { severity: "P3", summary: "Disk 80% on db-2" },
      { expect: 201 })).body.id;
    await check("a message the receiver refused is listed as failed", async () => {
      const deadline = Date.now() + 15000;
      for (;;) {
        await page.goto("/outbox");
        const failed = page.locator("[data-testid=failed] li", { hasText: id });
        if (await failed.count()) break;
        assert.ok(Date.now() < deadline, "nothing failed for " + id);
        await page.waitForTimeout(250);
      }
      note(`failed: ${(await page.locator("[data-testid=failed-count]").textContent()).trim()}`);
    });
    await check("screenshots of the outbox page", () => screenshots(page, "outbox"));
    await check("retrying it once the receiver takes it delivers it, and it leaves the failed list", async () => {
      receiver.refuse.delete("/hook");
      const before = Number((await page.locator("[data-testid=failed-count]").textContent()).trim());
      // The form reloads the page once the retry is accepted: waited for, so
      // the polling below never races that navigation.
      const reloaded = page.waitForEvent("load");
      await page.locator("[data-testid=failed] li", { hasText: id }).first().getByRole("button", { name: "Retry" }).click();
      await reloaded;
      const deadline = Date.now() + 15000;
      while (!receiver.received.some((m) => m.body?.incident_id === id)) {
        assert.ok(Date.now() < deadline, "the retried message never arrived");
        await new Promise((r) => setTimeout(r, 50));
      }
      // The receiver has it; the outbox records it delivered a moment later.
      let after;
      for (;;) {
        await page.goto("/outbox");
        after = Number((await page.locator("[data-testid=failed-count]").textContent()).trim());
        if (after < before) break;
        assert.ok(Date.now() < deadline, `failed ${before} -> ${after}`);
        await page.waitForTimeout(100);
      }
    });
  });

  await scenario("a responder is refused the admin pages", async () => {
    const rp = await signIn(await context(), "rick");
    for (const path of ["/people", "/integrations", "/outbox"]) {
      await check(`${path} answers rick a 403 page`, async () => {
        const res = await rp.goto(path);
        assert.equal(res.status(), 403);
        assert.match(await rp.locator("main").textContent(), /admin/);
      });
    }
  });

  await scenario("accessibility (axe-core; serious and critical fail)", async () => {
    let failed = 0;
    for (const path of ["/people", "/integrations", "/outbox"]) {
      for (const scheme of ["light", "dark"]) {
        await page.emulateMedia({ colorScheme: scheme });
        await page.goto(path);
        await page.locator("details").evaluateAll((ds) => ds.forEach((d) => { d.open = true; }));
        await check(`${path} (${scheme})`, () => assertAccessible(page, `${path} (${scheme})`)).catch(() => { failed++; });
      }
    }
    if (failed) throw new Error(`${failed} page(s) with serious or critical violations`);
  });

  await scenario("the pages ran without a script error", async () => {
    await check("no uncaught exception nor console error on any page", () => {
      // A refused page (403) is the browser's console error by design.
      const problems = contexts.flatMap((c) => c.problems).filter((p) => !/status of 403/.test(p));
      assert.deepEqual(problems, []);
    });
  });
} finally {
  await finish({ browser, server, receiver });
}
