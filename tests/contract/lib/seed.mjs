// Seeds a fresh server through its own API with what every operation of the
// document needs to reach a 2xx: users of every permission, live tokens of
// each scope, incidents in several states, alerts through each ingest
// endpoint, integrations with their keys, outbox messages. What it returns
// (the "world") is where generated requests take their ids and tokens from.
//
// Resources the generated requests may destroy (disable a user, revoke a
// token, rotate or disable an integration) are spares made only for that:
// the tokens and keys the run itself uses are never their targets.

export const CLOCK_START = "2026-02-12T14:00:00Z";

// The server's configuration: a webhook destination that refuses
// connections (port 9, discard, nothing listens) with one attempt, so
// messages end dead and can be retried; a group to page.
export const CONFIG_YAML = `destinations:
  hook:
    type: webhook
    url: http://127.0.0.1:9/hook
    max_attempts: 1
    timeout: 1s
routes:
  internal: [hook]
  pages: [hook]
  executives: [hook]
  status-page: [hook]
  customers: [hook]
  triage: [hook]
responders:
  oncall-sre: [rob, ada]
status_page:
  subscribers:
    email: {smtp_url: "smtp://127.0.0.1:9", from: "Status <status@example.com>"}
    webhooks: false
    per_client_per_hour: 1000000
`;

export async function seed(http, adminToken) {
  const call = async (method, path, body, token = adminToken, expect = [200, 201]) => {
    const headers = token ? { authorization: "Bearer " + token } : {};
    const r = await http.request({ method, path, body, headers });
    if (!expect.includes(r.status)) throw new Error(`seed: ${method} ${path} -> ${r.status}: ${r.text}`);
    return r.json;
  };
  const world = {
    now: CLOCK_START,
    tokens: { read: [], respond: [], admin: [] },
    handles: ["admin"],
    spareHandles: [],
    spareTokenIds: [],
    incidents: [],
    openIncidents: [],
    alerts: [],
    triageAlerts: [],
    integrationKeys: {},
    spareIntegrations: [],
    outbox: [],
    templates: [],
    permissions: { admin: "admin" },
    openTasks: {}, // incident id -> numbers of its open tasks (from answers)
    actionItems: {}, // incident id -> numbers of its action items still owed (from answers)
    responders: {}, // incident id -> its responders (from answers)
    rootCause: {}, // incident id -> whether it has one (from answers)
    frozen: [],
    maintenances: [],
  };

  // Users of every permission, and a token of every scope each may hold.
  const users = { admin: { permission: "admin", token: adminToken } };
  for (const [handle, permission] of [["vera", "viewer"], ["rob", "responder"], ["ada", "admin"]]) {
    const u = await call("POST", "/api/v1/users", { handle, permission, name: handle, email: `${handle}@example.com` });
    users[handle] = { permission, token: u.token };
    world.permissions[handle] = permission;
    world.handles.push(handle);
  }
  const rank = { viewer: 0, responder: 1, admin: 2 };
  const scopeRank = { read: 0, respond: 1, admin: 2 };
  for (const [handle, u] of Object.entries(users)) {
    for (const scope of ["read", "respond", "admin"]) {
      if (scopeRank[scope] > rank[u.permission]) continue;
      const t = await call("POST", `/api/v1/users/${handle}/tokens`, { scope, label: `${scope} token` }, u.token);
      world.tokens[scope].push({ token: t.token, handle, scope });
    }
  }
  // Spares: users whose permission, state and tokens generated requests may change.
  for (let i = 1; i <= 3; i++) {
    const handle = `spare-${i}`;
    const u = await call("POST", "/api/v1/users", { handle, permission: "responder" });
    world.spareHandles.push(handle);
    world.permissions[handle] = "responder";
    world.spareTokenIds.push(u.token_id);
    for (let k = 0; k < 3; k++) {
      const t = await call("POST", `/api/v1/users/${handle}/tokens`, { label: `spare ${k}` });
      world.spareTokenIds.push(t.id);
    }
  }

  // A maintenance to come, which generated updates may move or complete.
  const m = await call("POST", "/api/v1/status-page/maintenances", {
    name: "Database upgrade",
    scheduled_for: "2026-02-12T16:00:00Z",
    scheduled_until: "2026-02-12T18:00:00Z",
    components: ["api"],
    body: "The API may be slow.",
  });
  world.maintenances.push(m.id);

  // Subscribers a publisher added (confirmed at once): what getSubscriber
  // and removeSubscriber name, enough that removals never empty the pool.
  world.subscribers = [];
  for (let k = 0; k < 40; k++) {
    const s = await call("POST", "/api/v1/status-page/subscribers", { email: `seeded${k}@example.com` });
    world.subscribers.push(s.id);
  }

  // Browser sessions of a user no generated request resets (a reset ends
  // them): what endUserSession ends. Signed in with the right password, so
  // the sign-in throttle never waits.
  await call("POST", "/api/v1/users", { handle: "sam", permission: "responder" });
  await call("PUT", "/api/v1/users/sam/password", { password: "sam's long passphrase" });
  world.sessionIds = [];
  for (let i = 0; i < 4; i++) {
    const opened = await call("POST", "/api/v1/sessions", { handle: "sam", password: "sam's long passphrase" }, null);
    world.sessionIds.push(opened.session.id);
  }

  // Incidents in several states.
  const declare = async (body, token = adminToken) => {
    const inc = await call("POST", "/api/v1/incidents", body, token);
    world.rootCause[inc.id] = false;
    world.incidents.push(inc.id);
    return inc.id;
  };
  const act = async (id, action, body = {}, token = adminToken) => {
    const inc = await call("POST", `/api/v1/incidents/${id}/${action}`, body, token);
    world.rootCause[id] = !!inc.root_cause;
    return inc;
  };
  const robRespond = world.tokens.respond.find((t) => t.handle === "rob").token;
  await declare({ severity: "P2", summary: "Declared, untouched" });
  await declare({ severity: "P3", summary: "Declared by a responder" }, robRespond);
  const acked = await declare({ severity: "P1", summary: "Acknowledged" });
  await act(acked, "acknowledge");
  await act(acked, "tasks", { title: "Check the dashboards", assignee: "rob" });
  await act(acked, "action-items", { title: "Alert on queue depth", owner: "rob", due: "2099-12-31" });
  const mitigated = await declare({ severity: "P2", summary: "Mitigated" });
  await act(mitigated, "acknowledge");
  await act(mitigated, "identify", { root_cause: "A bad deploy", category: "deployment" });
  await act(mitigated, "mitigate", { action: "Rolled back" });
  await act(mitigated, "roles", { role: "incident-commander", user: "rob" });
  await act(mitigated, "freeze", { reason: "No deploys while we watch" });
  const resolved = await declare({ severity: "P3", summary: "Resolved" });
  await act(resolved, "acknowledge");
  await act(resolved, "identify", { root_cause: "A full disk", category: "capacity" });
  await act(resolved, "mitigate", { action: "Restarted" });
  await act(resolved, "resolve", { summary: "Fixed", force: true, reason: "seed" });
  const closed = await declare({ severity: "P3", summary: "Closed" });
  await act(closed, "identify", { root_cause: "A full disk", category: "capacity" });
  await act(closed, "mitigate", { action: "Restarted" });
  await act(closed, "resolve", { summary: "Fixed", force: true, reason: "seed" });
  await act(closed, "close", { pir_url: "https://wiki.example/pir/1" });
  const dismissed = await declare({ severity: "P3", summary: "Dismissed" });
  await act(dismissed, "dismiss", { reason: "false-alarm" });
  const restricted = await declare({ severity: "P1", summary: "Restricted", visibility: "restricted" });
  await act(restricted, "freeze", { reason: "Restricted freeze" });
  await declare({ severity: "P2", summary: "Restricted, with a responder", visibility: "restricted" });
  await act(world.incidents.at(-1), "responders", { user: "rob" });

  // Integrations of every type, alerts through each ingest endpoint.
  for (const type of ["alertmanager", "grafana", "generic", "pagerduty"]) {
    const i = await call("POST", "/api/v1/integrations", { name: `${type}-main`, type });
    world.integrationKeys[type] = i.key;
    const spare = await call("POST", "/api/v1/integrations", { name: `${type}-spare`, type });
    world.spareIntegrations.push(spare.name);
  }
  const ingest = (path, body, key) =>
    call("POST", path, body, key, [200, 202]);
  for (let n = 0; n < 4; n++) {
    await ingest("/api/v1/ingest/alertmanager", {
      version: "4", groupKey: `am-${n}`, status: "firing", receiver: "warroom",
      alerts: [{ status: "firing", labels: { alertname: `Load ${n}`, team: "sre" }, annotations: { summary: `Load high ${n}` }, startsAt: "2026-02-12T13:59:00Z" }],
    }, world.integrationKeys.alertmanager);
    await ingest(`/api/v1/ingest/grafana/${world.integrationKeys.grafana}`, {
      version: "1", status: "firing", receiver: "warroom", groupKey: `gf-${n}`,
      alerts: [{ status: "firing", labels: { alertname: `Memory ${n}` }, annotations: { summary: `Memory ${n}` }, startsAt: "2026-02-12T13:58:00Z", fingerprint: `f${n}` }],
    }, null);
    await ingest("/api/v1/ingest/generic", { alerts: [{ key: `disk/${n}`, summary: `Disk ${n}`, group: `disk-${n}` }] }, world.integrationKeys.generic);
    await ingest("/v2/enqueue", {
      routing_key: world.integrationKeys.pagerduty, event_action: "trigger", dedup_key: `pd-${n}`,
      payload: { summary: `PD ${n}`, source: "seed", severity: "critical" },
    }, null);
  }
  await refreshAlerts(http, world, adminToken);
  world.templates = (await call("GET", "/api/v1/templates")).items;
  world.categories = (await call("GET", "/api/v1/policy")).root_cause_categories;
  await refreshOutbox(http, world, adminToken);
  await refreshIncidents(http, world, adminToken);
  return world;
}

// The alerts as they are now: every id, and those waiting in triage.
export async function refreshAlerts(http, world, adminToken) {
  const r = await http.request({ method: "GET", path: "/api/v1/alerts?limit=1000", headers: { authorization: "Bearer " + adminToken } });
  world.alerts = r.json.items.map((a) => a.id);
  world.triageAlerts = r.json.items.filter((a) => a.disposition === "triage").map((a) => a.id);
}

export async function refreshOutbox(http, world, adminToken) {
  const r = await http.request({ method: "GET", path: "/api/v1/outbox?limit=1000", headers: { authorization: "Bearer " + adminToken } });
  world.outbox = r.json.items.map((m) => m.id);
}

export async function refreshIncidents(http, world, adminToken) {
  const r = await http.request({ method: "GET", path: "/api/v1/incidents?limit=1000", headers: { authorization: "Bearer " + adminToken } });
  world.incidents = r.json.items.map((i) => i.id).sort();
  world.openIncidents = r.json.items.filter((i) => i.open).map((i) => i.id).sort();
  world.status = Object.fromEntries(r.json.items.map((i) => [i.id, i.status]));
  const f = await http.request({ method: "GET", path: "/api/v1/freezes", headers: { authorization: "Bearer " + adminToken } });
  world.frozen = f.json.items.map((x) => x.incident_id).filter(Boolean);
}
