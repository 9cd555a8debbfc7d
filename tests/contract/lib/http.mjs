// A small HTTP/1.1 client over one keep-alive agent: every generated request
// goes through it, so the test measures the server, not connection set-up.
import http from "node:http";

export function client(baseUrl, { maxSockets = 4 } = {}) {
  const agent = new http.Agent({ keepAlive: true, maxSockets });
  const base = new URL(baseUrl);
  function request({ method, path, headers = {}, body }) {
    return new Promise((resolve, reject) => {
      const data = body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body);
      const h = { ...headers };
      if (data !== undefined) {
        h["content-type"] ??= "application/json";
        h["content-length"] = Buffer.byteLength(data);
      }
      const req = http.request(
        { agent, host: base.hostname, port: base.port, method, path, headers: h },
        (res) => {
          const chunks = [];
          res.on("data", (c) => chunks.push(c));
          res.on("end", () => {
            const text = Buffer.concat(chunks).toString("utf8");
            let json;
            try {
              json = text ? JSON.parse(text) : undefined;
            } catch {
              json = undefined;
            }
            resolve({ status: res.statusCode, headers: res.headers, text, json });
          });
          res.on("error", reject);
        },
      );
      req.setTimeout(30000, () => req.destroy(new Error(`${method} ${path}: no answer in 30 s`)));
      req.on("error", reject);
      if (data !== undefined) req.write(data);
      req.end();
    });
  }
  return { request, close: () => agent.destroy() };
}
