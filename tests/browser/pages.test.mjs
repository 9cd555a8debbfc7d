// The web application end to end in Chromium: signing in, the dashboard,
// the incident page's forms (a note, a role, the lifecycle, a refusal, the
// update composer), a viewer's read-only page, a restricted incident, text
// that looks like HTML, times, dark mode, screenshots at two widths and
// axe-core on every page. One server, one browser, a context per person.
// Prints a line per check; exits non-zero when any failed.
import assert from "node:assert/strict";
import {
  PASSWORD, SCREENSHOTS, assertAccessible, check, finish, launchBrowser, newContext, note, pageApi, scenario,
  screenshots, signIn, startReceiver, startTcpProxy, startWarroom, step, writeConfig,
} from "./lib/warroom.mjs";

const HOSTILE = '<img src=x onerror="window.__xss=1">';

step("starting warroom, a webhook receiver and chromium");
// Every route reaches the receiver: an update must arrive exactly as previewed.
const receiver = await startReceiver();
const config = await writeConfig(`destinations:
  hook: {type: webhook, url: "${receiver.url}/hook", max_attempts: 3}
routes:
  internal: [hook]
  executives: [hook]
  status-page: [hook]
  customers: [hook]
`);
const server = await startWarroom({ args: ["--config", config] });
const browser = await launchBrowser().catch(async (e) => { await server.stop(); throw e; });
step(`warroom at ${server.url}, chromium ${browser.version()}, screenshots into ${SCREENSHOTS}`);

const contexts = [];
const context = async (options) => {
  const c = await newContext(browser, server, options);
  contexts.push(c);
  return c;
};

// The state the scenarios share.
let alice;        // context A: a responder, signed in through the page
let page;         // alice's page
let incident;     // the incident alice declares
const state = {}; // what one check hands the next
const incidentPath = () => `/incidents/${incident}`;

try {
  await server.user("alice", "responder");
  // alice posts the status-page updates: she holds publish-public.
  await server.api("PATCH", "/api/v1/users/alice", { publish_public: true }, { expect: 200 });
  await server.user("vic", "viewer");
  await server.user("bob", "responder");
  await server.createUser("pat", "responder");  // holds a role; never signs in

  await scenario("signing in", async () => {
    const anon = await context();
    const p = await anon.newPage();
    await check("an unauthenticated visit to / lands on /sign-in", async () => {
      await p.goto("/");
      const url = new URL(p.url());
      assert.equal(url.pathname, "/sign-in");
      assert.equal(url.searchParams.get("next"), "/");
    });
    await check("screenshots of the sign-in page", () => screenshots(p, "sign-in"));
    await check("a wrong password shows the error and stays on /sign-in", async () => {
      await p.fill("#handle", "alice");
      await p.fill("#password", "not the password at all");
      await p.getByRole("button", { name: "Sign in" }).click();
      const error = p.locator("form[data-api='/api/v1/sessions'] .form-error");
      await error.waitFor({ state: "visible" });
      const text = (await error.textContent()).trim();
      assert.notEqual(text, "", "the error is empty");
      assert.equal(new URL(p.url()).pathname, "/sign-in");
      note(`it says: ${JSON.stringify(text)}`);
    });
    await check("the right password lands on the dashboard, the header naming alice", async () => {
      await p.fill("#password", PASSWORD);
      await Promise.all([p.waitForURL((u) => u.pathname === "/"), p.getByRole("button", { name: "Sign in" }).click()]);
      assert.equal((await p.locator("[data-testid=signed-in-as]").textContent()).trim(), "alice");
    });
    await anon.close();
    contexts.splice(contexts.indexOf(anon), 1);
  });

  await scenario("a responder declares an incident and sees it on the dashboard", async () => {
    alice = await context();
    page = await check("alice signs in (context A)", () => signIn(alice, "alice"));
    await check("the declare page suggests a severity from the impact, with its reasons", async () => {
      await page.getByRole("link", { name: "Declare an incident" }).click();
      await page.waitForURL((u) => u.pathname === "/declare");
      assert.equal(await page.locator(".severity-choice").count(), 4);
      await page.fill("#classify-pct", "95");
      await page.getByRole("button", { name: "Suggest a severity" }).click();
      await page.locator("[data-testid=suggested-severity]", { hasText: "P0" }).waitFor();
      assert.ok(await page.locator('input[name="severity"][value="P0"]').isChecked(), "P0 is not chosen");
      note(`reasons: ${JSON.stringify(await page.locator("[data-reasons] li").allTextContents())}`);
    });
    await check("screenshots of the declare page", () => screenshots(page, "declare"));
    await check("declaring through the form lands on the new incident's page", async () => {
      await page.fill("#declare-summary", "Checkout latency above 2 s");
      await page.locator('input[name="severity"][value="P2"]').check();
      await page.fill("#declare-pct", "12");
      await Promise.all([page.waitForURL((u) => u.pathname.startsWith("/incidents/")),
                         page.getByRole("button", { name: "Declare", exact: true }).click()]);
      incident = decodeURIComponent(new URL(page.url()).pathname.split("/").pop());
      assert.match(await page.locator("[data-testid=incident-summary]").textContent(), /Checkout latency/);
      note(`${incident}`);
    });
    await check("the dashboard lists it as an incident row", async () => {
      await page.goto("/");
      const row = page.locator(`[data-testid=incident-row][data-incident="${incident}"]`);
      await row.waitFor();
      assert.match(await row.textContent(), /Checkout latency above 2 s/);
    });
    await check("screenshots of the dashboard", () => screenshots(page, "dashboard"));
  });

  await scenario("the incident page's forms", async () => {
    assert.ok(incident, "no incident was declared");
    await check(`${incidentPath()} shows the incident, investigating`, async () => {
      await page.goto(incidentPath());
      assert.match(await page.locator("[data-testid=incident-summary]").textContent(), /Checkout latency/);
      assert.equal((await status()).trim(), "investigating");
    });
    // A mark on the window: a reload would lose it.
    await page.evaluate(() => { window.__sameDocument = true; });

    await check("a note from the note form appears in the timeline without a reload", async () => {
      const form = page.locator('form[data-api$="/notes"]');
      await form.locator("select#note-kind").selectOption("finding");
      await form.locator("textarea#note-text").fill("p99 latency doubled at 14:02 after the deploy");
      await form.locator("button[type=submit]").click();
      await page.locator("[data-testid=timeline] li", { hasText: "p99 latency doubled at 14:02" }).waitFor();
      await sameDocument();
      assert.equal(await form.locator("textarea#note-text").inputValue(), "", "the form was not reset");
    });

    await check("the roles form assigns a role and the roles list shows it", async () => {
      const role = await page.locator("#role-role option", { hasText: "Scribe" }).getAttribute("value");
      await page.selectOption("#role-role", role);
      await page.fill("#role-user", "pat");
      await page.locator('form[data-api$="/roles"] button[type=submit]').click();
      await page.locator(`[data-testid=roles] dd[data-role="${role}"]`, { hasText: "pat" }).waitFor();
      await sameDocument();
    });

    await check("identify (in its <details>) turns the status to identified", async () => {
      await openDetails("Root cause identified");
      await page.fill("#identify-root", "Connection pool exhausted by the new retry loop");
      await page.selectOption("#identify-cat", "deployment");
      await page.getByRole("button", { name: "Identify" }).click();
      await waitForStatus("identified");
      await sameDocument();
    });

    await check("reopening an identified incident is refused with the server's explanation", async () => {
      const form = await openDetails("Reopened");
      await page.fill("#reopen-reason", "it came back");
      await page.getByRole("button", { name: "Reopen" }).click();
      const error = form.locator(".form-error");
      await error.waitFor({ state: "visible" });
      const text = (await error.textContent()).trim();
      assert.notEqual(text, "");
      assert.equal((await status()).trim(), "identified");
      note(`it says: ${JSON.stringify(text)}`);
    });

    await check("mitigate turns the status to monitoring", async () => {
      await openDetails("Mitigated");
      await page.fill("#mitigate-action", "Rolled back to v2.3.0");
      await page.getByRole("button", { name: "Mitigate" }).click();
      await waitForStatus("monitoring");
      await sameDocument();
    });

    await check("the composer previews a template, and sending it adds an update_posted entry", async () => {
      const before = await page.locator('[data-testid=timeline] li[data-type="update_posted"]').count();
      const templates = await page.locator("#compose-template option").evaluateAll((os) => os.map((o) => o.value));
      // The template of the incident's status (monitoring), else the first.
      const chosen = templates.find((t) => t === "status-monitoring") ?? templates[0];
      assert.ok(chosen, "no template to choose");
      await page.selectOption("#compose-template", chosen);
      await page.getByRole("button", { name: "Preview" }).click();
      const preview = page.locator("[data-testid=preview-text]");
      await preview.waitFor({ state: "visible" });
      assert.notEqual((await preview.textContent()).trim(), "", "the preview is empty");
      // A preview that reads differently by the time it is sent (the minute
      // of "Posted:" turned) is refused and shown again: sent once more.
      let shown;
      for (let attempt = 0; ; attempt++) {
        shown = await preview.textContent();
        await page.getByRole("button", { name: "Send this update" }).click();
        const posted = await page.waitForFunction(
          ([n, was]) => document.querySelectorAll('[data-testid=timeline] li[data-type="update_posted"]').length > n
            ? "posted" : document.querySelector("[data-testid=preview-text]").textContent !== was ? "again" : false,
          [before, shown]).then((h) => h.jsonValue());
        if (posted === "posted") break;
        assert.ok(attempt < 2, "the update was refused as changed three times");
      }
      note(`${chosen}: ${JSON.stringify(shown.trim())}`);
      await sameDocument();
      state.previewed = shown;
    });

    await check("the update reaches the webhook receiver exactly as previewed", async () => {
      const deadline = Date.now() + 10000;
      let match;
      assert.ok(state.previewed, "nothing was sent");
      const mine = () => receiver.received.filter((m) => m.body?.incident_id === incident && m.body?.kind === "message");
      while (!(match = mine().find((m) => m.body.text === state.previewed))) {
        assert.ok(Date.now() < deadline,
          `nothing arrived as previewed (${JSON.stringify(state.previewed)}); arrived: ${JSON.stringify(mine().map((m) => m.body.text))}`);
        await new Promise((r) => setTimeout(r, 50));
      }
      note(`${match.body.audience}: ${match.body.subject ?? ""}`);
    });

    await check("resolving inside the stability window is refused, then forced with a reason", async () => {
      const form = await openDetails("Resolved");
      await page.fill("#resolve-summary", "Rolled back; error rate back to baseline");
      await page.getByRole("button", { name: "Resolve" }).click();
      const error = form.locator(".form-error");
      await error.waitFor({ state: "visible" });
      assert.equal((await status()).trim(), "monitoring");
      note(`it says: ${JSON.stringify((await error.textContent()).trim())}`);
      await form.locator("input[name=force]").check();
      await page.fill("#resolve-reason", "verified by the customer-facing synthetic checks");
      await page.getByRole("button", { name: "Resolve" }).click();
      await waitForStatus("resolved");
      await sameDocument();
    });

    await check("screenshots of the incident page", () => screenshots(page, "incident"));
  });

  await scenario("text that looks like HTML is shown as text", async () => {
    assert.ok(incident, "no incident was declared");
    await page.goto(incidentPath());
    const entry = page.locator("[data-testid=timeline] li", { hasText: HOSTILE });
    await check("a note with markup in it is added through the form", async () => {
      await page.fill("#note-text", HOSTILE);
      await page.locator('form[data-api$="/notes"] button[type=submit]').click();
      await entry.waitFor();
    });
    const shownAsText = async () => {
      assert.equal(await entry.locator("img").count(), 0, "an <img> was made from the note");
      assert.equal(await page.evaluate(() => typeof window.__xss), "undefined", "window.__xss was set");
    };
    await check("it is shown as text, no element made, window.__xss undefined", shownAsText);
    await check("the same after a reload (the server's rendering)", async () => {
      await page.reload();
      await entry.waitFor();
      await shownAsText();
    });
  });

  await scenario("times", async () => {
    await check("a time[datetime] has a title ending in (UTC)", async () => {
      const time = page.locator("time[datetime]").first();
      await page.waitForFunction(() => document.querySelector("time[datetime]")?.title);
      const title = await time.getAttribute("title");
      assert.match(title, /\(UTC\)$/);
      note(`${await time.getAttribute("datetime")} → title ${JSON.stringify(title)}, ` +
                  `shown ${JSON.stringify((await time.textContent()).trim())}`);
    });
  });

  await scenario("dark mode", async () => {
    await check("a dark colour scheme changes the body's background colour", async () => {
      const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      await page.emulateMedia({ colorScheme: "light" });
      const light = await background();
      await page.emulateMedia({ colorScheme: "dark" });
      const dark = await background();
      await page.emulateMedia({ colorScheme: null });
      assert.notEqual(light, dark);
      note(`light ${light}, dark ${dark}`);
    });
  });

  await scenario("a viewer", async () => {
    assert.ok(incident, "no incident was declared");
    const vic = await context();
    const p = await check("vic (a viewer) signs in (context B)", () => signIn(vic, "vic"));
    await check("vic sees the incident page and no form[data-api] at all", async () => {
      await p.goto(incidentPath());
      assert.match(await p.locator("[data-testid=incident-summary]").textContent(), /Checkout latency/);
      assert.ok(await p.locator("[data-testid=timeline] li").count() > 0, "an empty timeline");
      assert.equal(await p.locator("form[data-api]").count(), 0);
    });
  });

  await scenario("live: a second context sees changes as they are committed", async () => {
    const bob = await context();
    const p = await check("bob (a responder) signs in (context C) and watches the dashboard", async () => {
      const bp = await signIn(bob, "bob");
      await bp.waitForFunction(() => document.documentElement.dataset.stream === "open");
      await bp.evaluate(() => { window.__sameDocument = true; });
      return bp;
    });
    let fresh;
    await check("an incident alice declares appears on bob's dashboard without a reload", async () => {
      const res = await pageApi(page, "POST", "/api/v1/incidents", { severity: "P1", summary: "Payments API 502s" });
      assert.equal(res.status, 201, res.text);
      fresh = res.body.id;
      await p.locator(`[data-testid=incident-row][data-incident="${fresh}"]`).waitFor({ timeout: 5000 });
      assert.equal(await p.evaluate(() => window.__sameDocument), true, "bob's page was reloaded");
    });
    await check("a restricted incident never appears live, nor in the count", async () => {
      const before = Number(await p.locator("[data-testid=open-count]").textContent());
      const secret = (await server.api("POST", "/api/v1/incidents",
        { severity: "P1", summary: "Live secret", visibility: "restricted" }, { expect: 201 })).body.id;
      await server.api("POST", `/api/v1/incidents/${secret}/notes`, { kind: "finding", text: "hidden" });
      const shown = await pageApi(page, "POST", "/api/v1/incidents", { severity: "P3", summary: "After the secret" });
      await p.locator(`[data-incident="${shown.body.id}"]`).waitFor({ timeout: 5000 });
      assert.equal(await p.locator(`[data-incident="${secret}"]`).count(), 0);
      assert.equal(Number(await p.locator("[data-testid=open-count]").textContent()), before + 1);
      assert.doesNotMatch(await p.locator("main").textContent(), /Live secret/);
    });
    await check("reconnecting with Last-Event-ID loses no event", async () => {
      // Bob again, through a connection the test can cut; a stream of the
      // test's own in his page records every id it is sent.
      const proxy = await startTcpProxy(server.url);
      const cut = await newContext(browser, { url: proxy.url });
      try {
        const cp = await signIn(cut, "bob");
        await cp.evaluate(() => {
          window.__ids = [];
          const es = new EventSource("/api/v1/stream");
          es.onmessage = (e) => window.__ids.push(Number(e.lastEventId));
          // A stream without Last-Event-ID starts at the head when the server
          // reads its request: "ready" says it has, so the note comes after.
          es.addEventListener("ready", () => { window.__ready = true; });
          window.__es = es;
        });
        await cp.waitForFunction(() => window.__ready === true);
        await pageApi(page, "POST", `/api/v1/incidents/${fresh}/notes`, { kind: "finding", text: "before the break" });
        await cp.waitForFunction(() => window.__ids.length > 0);
        proxy.cut();
        await cp.waitForFunction(() => window.__es.readyState !== 1, null, { timeout: 10000 });
        for (const text of ["during the break 1", "during the break 2", "during the break 3"])
          await server.api("POST", `/api/v1/incidents/${fresh}/notes`, { kind: "finding", text });
        const last = (await server.api("GET", `/api/v1/incidents/${fresh}/timeline`)).body.events.at(-1).global_seq;
        proxy.mend();
        await cp.waitForFunction((last) => window.__ids.includes(last), last, { timeout: 15000 });
        const ids = await cp.evaluate(() => window.__ids);
        for (let i = 1; i < ids.length; i++) assert.equal(ids[i], ids[i - 1] + 1, `ids ${ids.join(",")}`);
        note(`ids ${ids.join(",")}`);
      } finally {
        await cut.close();
        await proxy.close();
      }
    });
  });

  await scenario("triage and the policy", async () => {
    const integration = (await server.api("POST", "/api/v1/integrations", { name: "probe", type: "generic" }, { expect: 201 })).body;
    for (const key of ["disk-full-db1", "disk-full-db2"]) {
      const res = await fetch(`${server.url}/api/v1/ingest/generic`, {
        method: "POST", headers: { "Content-Type": "application/json", Authorization: `Bearer ${integration.key}` },
        body: JSON.stringify({ alerts: [{ key, status: "firing", summary: `Disk almost full (${key})`, labels: { team: "db" } }] }),
      });
      assert.ok(res.ok, await res.text());
    }
    await check("the triage page lists both alerts waiting", async () => {
      await page.goto("/triage");
      assert.equal((await page.locator("[data-testid=triage-count]").textContent()).trim(), "2");
    });
    await check("screenshots of the triage page", () => screenshots(page, "triage"));
    await check("dismissing the chosen one leaves the other waiting", async () => {
      await page.locator("input[data-alert]").first().check();
      await page.fill("#t-reason", "known, the cleanup job runs at noon");
      await page.getByRole("button", { name: "Dismiss" }).click();
      await page.waitForFunction(() => document.querySelector("[data-testid=triage-count]").textContent.trim() === "1");
    });
    await check("the policy page shows the severity table", async () => {
      await page.goto("/policy");
      assert.equal(await page.locator("[data-testid=severity-table] tbody tr").count(), 4);
      assert.match(await page.locator("[data-testid=severity-table]").textContent(), /Acknowledge/);
    });
    await check("screenshots of the policy page", () => screenshots(page, "policy"));
  });

  await scenario("a restricted incident", async () => {
    const secret = (await server.api("POST", "/api/v1/incidents",
      { severity: "P1", summary: "Credential leak in build logs", visibility: "restricted" }, { expect: 201 })).body.id;
    await check("it is not on alice's dashboard", async () => {
      await page.goto("/");
      assert.equal(await page.locator(`[data-incident="${secret}"]`).count(), 0);
      assert.doesNotMatch(await page.locator("main").textContent(), /Credential leak/);
    });
    await check("its page answers alice a 404 page", async () => {
      const res = await page.goto(`/incidents/${secret}`);
      assert.equal(res.status(), 404);
      assert.match(await page.locator("main .error-page").textContent(), new RegExp(`no incident ${secret}`));
      assert.doesNotMatch(await page.locator("main").textContent(), /Credential leak/);
    });
  });

  await scenario("the public status page (no sign-in)", async () => {
    const anon = await context();
    const p = await anon.newPage();
    await check("the incident alice published shows by its slug, never its id", async () => {
      await p.goto("/status");
      await p.locator("[data-testid=rollup]").waitFor();
      const main = await p.locator("main").textContent();
      assert.match(main, /Checkout latency above 2 s/);
      assert.doesNotMatch(main, /INC-\d{4}/);
      const href = await p.locator('a[href^="/status/incidents/"]', { hasText: "Checkout latency" }).first().getAttribute("href");
      assert.match(href, /^\/status\/incidents\/[0-9a-f]{16}$/);
      await p.goto(href);
      assert.match(await p.locator("main").textContent(), /Monitoring:/);
    });
    await check("screenshots of the status page", async () => {
      await p.goto("/status");
      await screenshots(p, "status-page");
    });
    for (const scheme of ["light", "dark"]) {
      await check(`the status page is accessible (${scheme})`, async () => {
        await p.emulateMedia({ colorScheme: scheme });
        await p.goto("/status");
        await assertAccessible(p, `the status page (${scheme})`);
      });
    }
  });

  await scenario("accessibility (axe-core, alice signed in; serious and critical fail)", async () => {
    const anon = await context();
    const signInPage = await anon.newPage();
    await signInPage.goto("/sign-in");
    const pages = [
      ["the sign-in page", signInPage, "/sign-in"],
      ["the dashboard", page, "/"],
      ["the incident page, its <details> opened", page, incidentPath()],
      ["the declare page", page, "/declare"],
      ["the triage page", page, "/triage"],
      ["the policy page", page, "/policy"],
    ];
    let failed = 0;
    for (const [label, p, path] of pages) {
      for (const scheme of ["light", "dark"]) {
        await p.emulateMedia({ colorScheme: scheme });
        await p.goto(path);
        if (path.startsWith("/incidents/")) {
          await p.locator("details").evaluateAll((ds) => ds.forEach((d) => { d.open = true; }));
        }
        await check(`${label} (${scheme})`, () => assertAccessible(p, `${label} (${scheme})`)).catch(() => { failed++; });
      }
    }
    await check("the dashboard at phone width (light)", async () => {
      await page.emulateMedia({ colorScheme: "light" });
      await page.setViewportSize({ width: 390, height: 844 });
      await page.goto("/");
      await assertAccessible(page, "the dashboard at phone width");
    }).catch(() => { failed++; });
    await page.setViewportSize({ width: 1280, height: 800 });
    if (failed) throw new Error(`${failed} page(s) with serious or critical violations`);
  });

  await scenario("the pages ran without a script error", async () => {
    await check("no uncaught exception nor console error on any page", () => {
      const problems = contexts.flatMap((c) => c.problems);
      assert.deepEqual(problems, []);
    });
  });
} finally {
  await finish({ browser, server, receiver });
}

// ---- Helpers on alice's page -------------------------------------------------

function status() {
  return page.locator("[data-testid=incident-status]").textContent();
}

async function waitForStatus(want) {
  await page.waitForFunction(
    (want) => document.querySelector("[data-testid=incident-status]")?.textContent.trim() === want, want);
}

async function sameDocument() {
  assert.equal(await page.evaluate(() => window.__sameDocument), true, "the page was reloaded");
}

// Opens the lifecycle <details> whose summary says `summary`; resolves to its form.
async function openDetails(summary) {
  const details = page.locator("details", { has: page.locator("summary", { hasText: summary }) });
  if (!(await details.evaluate((d) => d.open))) await details.locator("summary").click();
  return details.locator("form");
}
