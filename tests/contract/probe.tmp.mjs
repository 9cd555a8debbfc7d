import { startServer } from "./lib/start-server.mjs";
import { client } from "./lib/http.mjs";
import { seed, CONFIG_YAML, CLOCK_START } from "./lib/seed.mjs";
import { writeFileSync, mkdtempSync } from "node:fs";
const d = mkdtempSync("/tmp/wcfg-"); writeFileSync(d + "/c.yaml", CONFIG_YAML);
const s = await startServer({ args: ["--max-requests-per-second-per-client", "0", "--clock", "simulated:" + CLOCK_START, "--config", d + "/c.yaml"] });
const c = client(s.url);
try {
const t0 = Date.now();
const w = await seed(c, s.token);
console.log(Date.now() - t0, "ms", JSON.stringify({ ...w, tokens: Object.fromEntries(Object.entries(w.tokens).map(([k, v]) => [k, v.map((t) => t.handle)])) }));
const o = await c.request({ method: "GET", path: "/api/v1/outbox?limit=5", headers: { authorization: "Bearer " + s.token } });
console.log(o.text.slice(0, 800));
} finally { c.close(); await s.stop(); }
