// Redocly (pinned in package-lock.json) lints docs/openapi.json with
// redocly.yaml: no errors, and no warning but the ones listed below, each
// kept for a reason. No network: the ctest environment sets
// REDOCLY_TELEMETRY=off, and so does this test.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { OPENAPI } from "./lib/server.mjs";

// Warnings kept on purpose: rule and JSON pointer.
const KEPT = new Set([
  // PagerDuty's clients read PagerDuty's own error shape, application/json
  // {"status": "invalid event", "errors": [...]}: a problem+json would break them.
  "operation-4xx-problem-details-rfc7807 #/paths/~1v2~1enqueue/post/responses/400",
  "operation-4xx-problem-details-rfc7807 #/paths/~1api~1v1~1ingest~1pagerduty/post/responses/400",
]);

const redocly = fileURLToPath(new URL("./node_modules/.bin/redocly", import.meta.url));
const config = fileURLToPath(new URL("./redocly.yaml", import.meta.url));
const run = spawnSync(redocly, ["lint", "--config", config, "--format", "json", OPENAPI], {
  encoding: "utf8", timeout: 120000,
  env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true", NO_COLOR: "1" },
});
assert.equal(run.error, undefined, String(run.error));
assert.doesNotMatch(run.stderr, /Your config has/, "redocly.yaml itself has problems:\n" + run.stderr);
const report = JSON.parse(run.stdout);
const shown = (p) => `${p.ruleId} ${p.location?.[0]?.pointer ?? ""}`;
const errors = report.problems.filter((p) => p.severity === "error");
const warnings = report.problems.filter((p) => p.severity === "warn");
assert.deepEqual(errors.map((p) => `${shown(p)}: ${p.message}`), [], "redocly lint found errors");
const unexplained = warnings.filter((p) => !KEPT.has(shown(p)));
assert.deepEqual(unexplained.map((p) => `${shown(p)}: ${p.message}`), [], "warnings not explained in lint.test.mjs");
const gone = [...KEPT].filter((k) => !warnings.some((p) => shown(p) === k));
assert.deepEqual(gone, [], "kept warnings that no longer occur: drop them from KEPT");
assert.equal(run.status, 0, run.stderr);
console.log(`redocly ${report.version} lint: 0 errors, ${warnings.length} warnings kept (${[...new Set(warnings.map((p) => p.ruleId))].join(", ")})`);
