import { loadDocument, operations } from "/work/wt-properties/tests/contract/lib/openapi.mjs";
import { generateSync } from "json-schema-faker";
import { forGeneration } from "./lib/requests.mjs";
const ops = operations(loadDocument("/work/wt-properties/docs/openapi.json"));
const op = ops.find(o => o.path === process.argv[2] && o.method === (process.argv[3] ?? "POST"));
const schema = op.body.content["application/json"];
console.log(JSON.stringify(schema).slice(0, 3000));
for (let s = 1; s < 4; s++) { const t = performance.now(); const v = generateSync(forGeneration(schema), { seed: s, optionalsProbability: 0.5, maxLength: 40, maxDefaultItems: 3, minDateTime: "2000-01-01T00:00:00Z", maxDateTime: "2099-12-31T00:00:00Z" }); console.log((performance.now() - t).toFixed(1), "ms", JSON.stringify(v).length, JSON.stringify(v).slice(0, 600)); }
