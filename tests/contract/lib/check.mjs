// Every answer checked against the document: a status the operation lists
// (never a 5xx), a content type it lists for that status, and a body its
// schema (JSON Schema 2020-12, by ajv) accepts.
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { responseFor } from "./openapi.mjs";

export function answerChecker() {
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
  addFormats(ajv);
  const compiled = new Map();
  const validatorOf = (op, status, type, schema) => {
    const key = `${op.id} ${status} ${type}`;
    if (!compiled.has(key)) compiled.set(key, ajv.compile(schema));
    return compiled.get(key);
  };
  // Returns a list of problems, empty when the answer keeps the promise.
  return function check(op, answer) {
    const problems = [];
    if (answer.status >= 500) problems.push(`a ${answer.status} (server error)`);
    const listed = responseFor(op, answer.status);
    if (!listed) {
      problems.push(`status ${answer.status} is not listed (the document lists ${Object.keys(op.responses).join(", ")})`);
      return problems;
    }
    // Headers the document lists: present when required, and as their
    // schema says when present (a header is text: numbers are read first).
    for (const [name, h] of Object.entries(listed.headers ?? {})) {
      const raw = answer.headers[name.toLowerCase()];
      if (raw === undefined) {
        if (h.required) problems.push(`the required header ${name} is missing`);
        continue;
      }
      if (!h.schema) continue;
      const value = /^(integer|number)$/.test(h.schema.type) && /^-?[0-9.]+$/.test(raw) ? Number(raw) : raw;
      const v = validatorOf(op, answer.status, "header " + name, h.schema);
      if (!v(value)) problems.push(`header ${name}: '${raw}' contradicts its schema: ${ajv.errorsText(v.errors)}`);
    }
    const types = Object.keys(listed.content);
    if (types.length === 0) return problems;
    const type = (answer.headers["content-type"] ?? "").split(";")[0].trim().toLowerCase();
    if (!types.includes(type)) {
      problems.push(`content type '${type}' is not listed for ${answer.status} (${types.join(", ")})`);
      return problems;
    }
    if (!/json/.test(type)) return problems;
    if (answer.json === undefined) {
      problems.push(`the ${type} body is not JSON: ${answer.text.slice(0, 200)}`);
      return problems;
    }
    const validate = validatorOf(op, answer.status, type, listed.content[type]);
    if (!validate(answer.json))
      problems.push(
        `the body contradicts the schema of ${answer.status} ${type}: ` +
          ajv.errorsText(validate.errors, { dataVar: "body" }).slice(0, 600),
      );
    return problems;
  };
}
