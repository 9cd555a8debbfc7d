// warroom's pages: small progressive JavaScript over server-rendered HTML.
// Every action is a call to the API the CLI uses (so a page refuses and
// explains exactly as the CLI does); the pages are readable without it.
// No inline script runs (the Content-Security-Policy forbids it): this file
// finds its work through data- attributes.
"use strict";

(function () {
  const csrf = () => {
    const m = document.querySelector('meta[name="csrf-token"]');
    return m ? m.content : "";
  };

  // An Idempotency-Key per submission: a retried request (a lost answer,
  // a double click) is applied once.
  const newKey = () => {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    const b = new Uint8Array(16);
    crypto.getRandomValues(b);
    return Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
  };

  // ---- Times: the viewer's time zone, UTC on hover -------------------------
  const pad = (n) => String(n).padStart(2, "0");
  const localText = (d) =>
    `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ` +
    `${pad(d.getHours())}:${pad(d.getMinutes())}`;
  const span = (ms) => {
    let s = Math.max(0, Math.round(Math.abs(ms) / 1000));
    const d = Math.floor(s / 86400);
    s -= d * 86400;
    const h = Math.floor(s / 3600);
    s -= h * 3600;
    const m = Math.floor(s / 60);
    s -= m * 60;
    if (d > 0) return `${d}d ${h}h`;
    if (h > 0) return `${h}h ${pad(m)}m`;
    if (m > 0) return `${m}m ${pad(s)}s`;
    return `${s}s`;
  };

  function renderTimes(root) {
    const now = Date.now();
    root.querySelectorAll("time[datetime]").forEach((t) => {
      const d = new Date(t.getAttribute("datetime"));
      if (isNaN(d)) return;
      t.title = d.toISOString().replace(".000Z", "Z") + " (UTC)";
      if (t.hasAttribute("data-due")) {
        const left = d.getTime() - now;
        const item = t.closest(".clock");
        const over = left < 0 || (item && item.classList.contains("breached"));
        if (item) item.classList.toggle("overdue", over);
        t.textContent = over ? `overdue ${span(left)}` : `due in ${span(left)}`;
      } else if (t.hasAttribute("data-age")) {
        t.textContent = `${span(now - d.getTime())} ago`;
      } else {
        t.textContent = localText(d);
      }
    });
  }

  // ---- Forms: JSON to the API -------------------------------------------------
  function formBody(form) {
    const body = {};
    for (const el of form.elements) {
      if (!el.name || el.disabled || el.type === "submit" || el.type === "button") continue;
      // data-in="impact": the field belongs to a nested object of the body.
      const into = el.dataset.in ? (body[el.dataset.in] = body[el.dataset.in] || {}) : body;
      if (el.type === "checkbox" && el.hasAttribute("data-each")) {
        // data-each: one of a list (components): the ticked values, [] for none.
        into[el.name] = into[el.name] || [];
        if (el.checked) into[el.name].push(el.value);
        continue;
      }
      if (el.type === "checkbox") {
        // data-bool: a setting, sent either way (unticked is false).
        if (el.checked) into[el.name] = true;
        else if (el.hasAttribute("data-bool")) into[el.name] = false;
        continue;
      }
      if (el.type === "radio" && !el.checked) continue;
      const v = el.value.trim();
      if (v === "" && (el.hasAttribute("data-optional") || !el.required)) continue;
      if (el.hasAttribute("data-list")) {
        into[el.name] = v.split(",").map((x) => x.trim()).filter((x) => x !== "");
      } else if (el.type === "datetime-local") {
        // The browser's local time, sent as the instant it names (RFC 3339).
        const d = new Date(v);
        into[el.name] = Number.isNaN(d.getTime()) ? v : d.toISOString();
      } else if (el.type === "number") {
        into[el.name] = Number(v);
      } else {
        into[el.name] = v;
      }
    }
    if (form.hasAttribute("data-with-alerts")) {
      // The alerts chosen on the page (triage), whichever form acts on them.
      body.alert_ids = Array.from(document.querySelectorAll("input[data-alert]:checked"), (c) => Number(c.value));
    }
    return body;
  }

  function showError(form, text) {
    const p = form.querySelector(".form-error");
    if (!p) {
      alert(text);
      return;
    }
    p.textContent = text;
    p.hidden = text === "";
  }

  async function problemText(res) {
    try {
      const p = await res.json();
      return p.detail || p.title || `${res.status} ${res.statusText}`;
    } catch (_) {
      return `${res.status} ${res.statusText}`;
    }
  }

  async function callApi(method, url, body, key) {
    const headers = { Accept: "application/json", "X-CSRF-Token": csrf() };
    if (body !== undefined) headers["Content-Type"] = "application/json";
    if (key) headers["Idempotency-Key"] = key;
    return fetch(url, {
      method,
      headers,
      credentials: "same-origin",
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  }

  async function submitApiForm(form) {
    const button = form.querySelector('[type="submit"]');
    if (button) button.disabled = true;
    showError(form, "");
    const key = form.dataset.key || (form.dataset.key = newKey());
    try {
      const method = form.dataset.method || "POST";
      const res = await callApi(method, form.dataset.api, method === "DELETE" ? undefined : formBody(form), key);
      if (!res.ok) {
        delete form.dataset.key;  // answered: the next submission is a new request
        const why = await problemText(res);
        if (res.status === 409 && form.hasAttribute("data-send-preview")) {
          // It reads differently now: the new rendering is shown to be read again.
          await preview(document.querySelector("form[data-preview]"));
          showError(form, `${why}. It is shown again above.`);
          return;
        }
        showError(form, why);
        return;
      }
      delete form.dataset.key;
      // Done: what an earlier attempt elsewhere was refused for is old news.
      document.querySelectorAll(".form-error").forEach((p) => showError(p.closest("form"), ""));
      if (form.hasAttribute("data-send-preview")) {
        // Sent: the preview is gone, so the same update cannot go twice.
        form.closest("[data-preview-output]").hidden = true;
      }
      if (form.dataset.next !== undefined) {
        window.location.assign(form.dataset.next || "/");
        return;
      }
      if (form.dataset.show) {
        // A secret shown once (a new token, key or sign-in link): on the
        // page until it is left, never stored.
        const made = await res.json();
        const value = (form.hasAttribute("data-show-origin") ? window.location.origin : "") +
          (made[form.dataset.show] ?? "");
        form.querySelector("[data-result-value]").textContent = value;
        form.querySelector("[data-result]").hidden = false;
        if (form.hasAttribute("data-fill-snippet")) {
          const snippet = form.closest("[data-integration]")?.querySelector("[data-snippet]");
          if (snippet) snippet.textContent = snippet.dataset.template.replace(/KEY/g, value);
        }
        form.querySelectorAll("input:not([type=hidden])").forEach((i) => { i.value = ""; });
        return;
      }
      if (form.dataset.go) {
        // "/incidents/{id}": a field of the answer (the new incident's id).
        const made = await res.json();
        window.location.assign(
          form.dataset.go.replace(/\{(\w+)\}/g, (_, k) => encodeURIComponent(made[k] ?? "")));
        return;
      }
      form.reset();
      const details = form.closest("details");
      if (details) details.open = false;
      if (form.dataset.reload === "page") window.location.reload();
      else refresh();
    } catch (e) {
      // No answer: the same key goes with the retry, so it is applied once.
      showError(form, `warroom did not answer (${e.message}); try again: it is applied once`);
    } finally {
      if (button) button.disabled = false;
    }
  }

  // ---- The update composer: a preview, then exactly that is sent -----------------
  async function preview(form) {
    showError(form, "");
    const template = form.elements.template.value;
    const out = document.querySelector("[data-preview-output]");
    const res = await fetch(form.dataset.preview + encodeURIComponent(template), {
      headers: { Accept: "application/json" },
      credentials: "same-origin",
    });
    if (!res.ok) {
      out.hidden = true;
      showError(form, await problemText(res));
      return;
    }
    const m = await res.json();
    out.querySelector("[data-preview-audience]").textContent = m.audience || "";
    // The message as its destinations receive it (the subject heads it, and
    // the next-update line ends it); the template's own text otherwise.
    const delivered = m.delivered_text || "";
    out.querySelector("[data-preview-subject]").textContent = delivered ? "" : m.subject || "";
    out.querySelector("[data-preview-text]").textContent = delivered || m.text || "";
    const send = out.querySelector("form[data-send-preview]");
    send.elements.template.value = template;
    send.elements.digest.value = m.digest || "";
    showError(send, "");
    const empty = m.empty_fields || [];
    send.hidden = empty.length > 0;
    if (empty.length)
      showError(form, `This template shows ${empty.join(", ")}, still empty for this incident: ` +
                      "record it first, or write the update by hand.");
    out.hidden = false;
  }

  // ---- The severity suggestion (the policy's classifier) ---------------------------
  async function classify(form) {
    showError(form, "");
    const res = await callApi("POST", form.dataset.classify, formBody(form));
    const out = document.querySelector("[data-suggestion]");
    if (!res.ok) {
      out.hidden = true;
      showError(form, await problemText(res));
      return;
    }
    const c = await res.json();
    out.querySelector("[data-suggested]").textContent = `${c.severity} (${c.alias})`;
    const reasons = out.querySelector("[data-reasons]");
    reasons.replaceChildren(...c.reasons.map((r) => {
      const li = document.createElement("li");
      li.textContent = r;
      return li;
    }));
    out.hidden = false;
    const radio = document.querySelector(`input[name="severity"][value="${c.severity}"]`);
    if (radio) radio.checked = true;
    const pct = form.elements.customers_affected_pct.value;
    const target = document.getElementById("declare-pct");
    if (target && pct !== "") target.value = pct;
  }

  // ---- Live regions ---------------------------------------------------------------
  // The page is fetched again and each [data-live] element replaced by its
  // new self; forms stay as they are (nothing typed is lost).
  let refreshing = null;
  let again = false;
  async function refresh() {
    if (refreshing) {
      again = true;
      return refreshing;
    }
    refreshing = (async () => {
      try {
        let res;
        try {
          res = await fetch(window.location.href, { credentials: "same-origin" });
        } catch (_) {
          return;  // no network: the stream's reconnect asks again
        }
        if (res.redirected && new URL(res.url).pathname === "/sign-in") {
          window.location.assign(res.url);
          return;
        }
        if (!res.ok) return;
        const doc = new DOMParser().parseFromString(await res.text(), "text/html");
        // What the viewer chose in a live region (alerts to triage) stays chosen.
        const chosen = new Set(Array.from(document.querySelectorAll("input[data-alert]:checked"), (c) => c.value));
        doc.querySelectorAll("[data-live]").forEach((fresh) => {
          const old = document.querySelector(`[data-live="${fresh.dataset.live}"]`);
          if (old) old.replaceWith(document.importNode(fresh, true));
        });
        document.querySelectorAll("input[data-alert]").forEach((c) => { c.checked = chosen.has(c.value); });
        renderTimes(document);
        applyFilter();
      } finally {
        refreshing = null;
        if (again) {
          again = false;
          refresh();
        }
      }
    })();
    return refreshing;
  }

  function listen() {
    if (!window.EventSource || !document.querySelector("[data-live]")) return;
    // The stream resumes where it stopped (the browser sends Last-Event-ID
    // when it reconnects), so nothing committed meanwhile is missed.
    const es = new EventSource("/api/v1/stream");
    let timer = null;
    let lost = false;
    const soon = () => {
      clearTimeout(timer);
      timer = setTimeout(refresh, 100);  // a burst of events, one fetch
    };
    es.onmessage = soon;
    es.addEventListener("alerts", soon);
    const root = document.documentElement;
    es.onerror = () => {
      lost = true;
      root.dataset.stream = "reconnecting";
    };
    es.onopen = () => {
      if (lost) soon();  // back after a break: what the page shows may be old
      lost = false;
      root.dataset.stream = "open";
    };
    es.addEventListener("signed-out", () => {
      es.close();
      window.location.assign("/sign-in?next=" + encodeURIComponent(location.pathname));
    });
    // An incident shown here is no longer the viewer's to see: the page is
    // loaded again with what they may still see.
    es.addEventListener("lost-sight", () => {
      es.close();
      window.location.reload();
    });
  }

  // ---- Timeline filters -------------------------------------------------------------
  let filter = "";
  function applyFilter() {
    document.querySelectorAll(".timeline [data-category]").forEach((li) => {
      li.hidden = filter !== "" && li.dataset.category !== filter;
    });
    document.querySelectorAll("[data-filter]").forEach((b) => {
      b.setAttribute("aria-pressed", String(b.dataset.filter === filter));
    });
  }

  // ---- Wiring -----------------------------------------------------------------------
  document.addEventListener("submit", (ev) => {
    const form = ev.target;
    if (form.matches("form[data-api]")) {
      ev.preventDefault();
      submitApiForm(form);
    } else if (form.matches("form[data-preview]")) {
      ev.preventDefault();
      preview(form);
    } else if (form.matches("form[data-classify]")) {
      ev.preventDefault();
      classify(form);
    }
  });

  document.addEventListener("click", async (ev) => {
    const b = ev.target.closest("button");
    if (!b) return;
    if (b.hasAttribute("data-sign-out")) {
      await callApi("DELETE", "/api/v1/sessions/current", undefined, newKey());
      window.location.assign("/sign-in");
    } else if (b.hasAttribute("data-filter")) {
      filter = b.dataset.filter;
      applyFilter();
    }
  });

  function signInLink() {
    // The secret is in the fragment, which no server, proxy or log sees.
    const m = /(?:^#|&)link=([^&]+)/.exec(window.location.hash);
    const section = document.querySelector("[data-link-section]");
    if (!m || !section) return;
    section.hidden = false;
    const pw = document.querySelector("[data-password-section]");
    if (pw) pw.hidden = true;
    section.querySelector('input[name="link"]').value = decodeURIComponent(m[1]);
    history.replaceState(null, "", window.location.pathname + window.location.search);
  }

  // Snippets to paste into a sender name this server as the browser sees it.
  function fillSnippets() {
    document.querySelectorAll("[data-snippet]").forEach((p) => {
      p.dataset.template = p.textContent.replace(/BASE/g, window.location.origin);
      p.textContent = p.dataset.template;
    });
  }

  document.addEventListener("DOMContentLoaded", () => {
    fillSnippets();
    renderTimes(document);
    setInterval(() => renderTimes(document), 1000);
    signInLink();
    applyFilter();
    listen();
  });
})();
