// The shell against a real local HTTP server standing in for the intake backend (no mocked fetch):
// it stores envelopes by Idempotency-Key and, per test, answers with scripted statuses or goes offline.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import { intake } from "./intake.mjs";
import init, { Engine, version } from "../../pkg/index.js";
import {
  createClient,
  fetchTransport,
  wxTransport,
  memoryStorage,
  wxStorage,
  localStorageAdapter,
  QUEUE_KEY,
  SET_ASIDE_KEY,
  ENVELOPE_SCHEMA,
} from "../../pkg/shell.js";
import { baseCase } from "./support.mjs";

await init();
const engine = new Engine();
after(() => engine.free());

const NOW = "2026-11-20T09:30:00+08:00";

/** A client on the real engine with an instant, recording sleep. */
function client(server, extra = {}) {
  const sleeps = [];
  const c = createClient({
    endpoint: server.url,
    engine,
    transport: fetchTransport(),
    storage: memoryStorage(),
    retry: { attempts: 3, baseDelayMs: 100, maxDelayMs: 5000 },
    sleep: async (ms) => void sleeps.push(ms),
    ...extra,
  });
  return Object.assign(c, { sleeps });
}

/** The summary the shell must put in the envelope for the base case. */
function expectedSummary(c) {
  if (typeof engine.preview === "function") return engine.preview(c, { now: NOW }).summary;
  const v = engine.validate(c, { now: NOW });
  return { status: v.status, codes: [...new Set(v.problems.map((p) => p.code))].sort() };
}

test("success: 201, one row, the envelope complete and keyed by its header", async (t) => {
  const server = await intake();
  t.after(server.close);
  const c = client(server);
  const r = await c.submit(baseCase("natural_ecommerce"), { now: NOW });
  assert.equal(r.status, "sent");
  assert.equal(r.response.httpStatus, 201);
  assert.equal(server.rows.size, 1);
  const [req] = server.requests;
  assert.equal(req.contentType, "application/json");
  assert.match(req.key, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  const e = req.envelope;
  assert.equal(e.schema, ENVELOPE_SCHEMA);
  assert.equal(e.idempotency_key, req.key);
  assert.equal(r.idempotency_key, req.key);
  assert.deepEqual(e.case, baseCase("natural_ecommerce"));
  assert.deepEqual(e.preview_summary, expectedSummary(baseCase("natural_ecommerce")));
  assert.deepEqual(e.pack, { id: "ecommerce", version: engine.packs().find((p) => p.id === "ecommerce").version });
  assert.equal(e.engine_version, version());
  assert.equal(e.client_time, NOW);
  assert.equal(c.queued(), 0);
});

test("5xx then success: retried with the same key after a backoff", async (t) => {
  const server = await intake();
  t.after(server.close);
  server.script.push({ status: 503 });
  const c = client(server, { random: () => 0.5 });
  const r = await c.submit(baseCase("natural_ecommerce"), { now: NOW });
  assert.equal(r.status, "sent");
  assert.equal(server.requests.length, 2);
  assert.equal(server.requests[0].key, server.requests[1].key);
  assert.equal(server.rows.size, 1);
  assert.deepEqual(c.sleeps, [50], "full jitter: random × base × 2⁰");
});

test("429 with Retry-After: 1 waits at least a second before the retry", async (t) => {
  const server = await intake();
  t.after(server.close);
  server.script.push({ status: 429, headers: { "Retry-After": "1" } });
  const c = client(server, { random: () => 0 });
  const r = await c.submit(baseCase("natural_ecommerce"), { now: NOW });
  assert.equal(r.status, "sent");
  assert.equal(c.sleeps.length, 1);
  assert.ok(c.sleeps[0] >= 1000, `slept ${c.sleeps[0]} ms`);
  assert.equal(server.rows.size, 1);
});

test("Retry-After as an HTTP date counts from the clock and is capped by maxDelayMs", async (t) => {
  const server = await intake();
  t.after(server.close);
  const clock = Date.parse("2026-11-20T01:30:00Z");
  server.script.push({ status: 503, headers: { "Retry-After": new Date(clock + 3000).toUTCString() } });
  server.script.push({ status: 408, headers: { "Retry-After": "3600" } });
  const c = client(server, { now: () => clock });
  const r = await c.submit(baseCase("natural_ecommerce"), { now: NOW });
  assert.equal(r.status, "sent");
  assert.deepEqual(c.sleeps, [3000, 5000]);
});

test("422 comes back with the server's findings and is not retried", async (t) => {
  const server = await intake();
  t.after(server.close);
  const findings = [{ code: "summary.mismatch", path: "", severity: "error" }];
  server.script.push({ status: 422, body: { findings } });
  const c = client(server);
  const r = await c.submit(baseCase("natural_ecommerce"), { now: NOW });
  assert.equal(r.status, "rejected");
  assert.equal(r.httpStatus, 422);
  assert.deepEqual(r.body.findings, findings);
  assert.equal(server.requests.length, 1);
  assert.equal(c.sleeps.length, 0);
  assert.equal(c.queued(), 0);
});

test("a blocked case is never sent and its problems come back", async (t) => {
  const server = await intake();
  t.after(server.close);
  const c = client(server);
  const bad = baseCase("natural_ecommerce");
  bad.complainant.mobile = "12345";
  const r = await c.submit(bad, { now: NOW });
  assert.equal(r.status, "blocked");
  assert.ok(r.problems.some((p) => p.path === "/complainant/mobile" && p.severity === "error"), JSON.stringify(r.problems));
  assert.equal(server.requests.length, 0);
  assert.equal(c.queued(), 0);
});

test("offline: queued after the retries, then flush stores exactly one row", async (t) => {
  const server = await intake();
  t.after(server.close);
  await server.offline();
  const c = client(server);
  const r = await c.submit(baseCase("natural_ecommerce"), { now: NOW });
  assert.equal(r.status, "queued");
  assert.match(r.reason, /network error/);
  assert.equal(r.persisted, undefined);
  assert.equal(c.sleeps.length, 2, "attempts: 3");
  assert.equal(c.queued(), 1);
  await server.online();
  const outcomes = await c.flush();
  assert.deepEqual(outcomes.map((o) => [o.status, o.idempotency_key]), [["sent", r.idempotency_key]]);
  assert.equal(server.rows.size, 1);
  assert.ok(server.rows.has(r.idempotency_key), "sent with its original key");
  assert.equal(c.queued(), 0);
});

test("duplicate flush — twice at once, and two clients sharing storage — stores one case", async (t) => {
  const server = await intake();
  t.after(server.close);
  await server.offline();
  const storage = memoryStorage();
  const a = client(server, { storage });
  const b = client(server, { storage });
  const queued = await a.submit(baseCase("natural_ecommerce"), { now: NOW });
  assert.equal(queued.status, "queued");
  assert.equal(b.queued(), 1, "the second client sees the shared queue");
  await server.online();
  const [a1, a2, b1] = await Promise.all([a.flush(), a.flush(), b.flush()]);
  assert.deepEqual(a1.map((o) => o.status), ["sent"]);
  assert.deepEqual(a2.map((o) => o.status), ["in_flight"]);
  assert.deepEqual(b1.map((o) => o.status), ["sent"]);
  assert.deepEqual(server.requests.map((q) => q.key), [queued.idempotency_key, queued.idempotency_key]);
  assert.equal(server.rows.size, 1);
  assert.deepEqual([a1[0].response.httpStatus, b1[0].response.httpStatus].sort(), [200, 201]);
  assert.deepEqual(await a.flush(), []);
  assert.equal(server.rows.size, 1);
});

test("storage full: the envelope is held in memory, the caller is told, and flush still sends it", async (t) => {
  const server = await intake();
  t.after(server.close);
  await server.offline();
  const inner = memoryStorage();
  const full = {
    ...inner,
    setItem: () => {
      throw new DOMException("quota", "QuotaExceededError");
    },
  };
  const c = client(server, { storage: full });
  const r = await c.submit(baseCase("natural_ecommerce"), { now: NOW });
  assert.equal(r.status, "queued");
  assert.equal(r.persisted, false);
  assert.match(r.warning.en, /only until the page closes/);
  assert.match(r.warning.zh, /关闭页面/);
  assert.equal(c.queued(), 1);
  await server.online();
  assert.deepEqual((await c.flush()).map((o) => o.status), ["sent"]);
  assert.equal(server.rows.size, 1);
  assert.equal(c.queued(), 0);
});

test("corrupted queue entries are set aside under their own key, the rest still flushed", async (t) => {
  const server = await intake();
  t.after(server.close);
  await server.offline();
  const storage = memoryStorage();
  const c = client(server, { storage });
  const r = await c.submit(baseCase("natural_ecommerce"), { now: NOW });
  const queue = JSON.parse(storage.getItem(QUEUE_KEY));
  storage.setItem(QUEUE_KEY, JSON.stringify([...queue, "garbage", { schema: "other@9" }]));
  await server.online();
  const outcomes = await c.flush();
  assert.deepEqual(outcomes.map((o) => o.status), ["set_aside", "set_aside", "sent"]);
  assert.equal(outcomes[2].idempotency_key, r.idempotency_key);
  assert.deepEqual(c.setAside().map((s) => s.raw), ['"garbage"', '{"schema":"other@9"}']);

  storage.setItem(QUEUE_KEY, "{torn write");
  assert.equal(c.queued(), 0);
  const aside = JSON.parse(storage.getItem(SET_ASIDE_KEY));
  assert.equal(aside.length, 3);
  assert.equal(aside[2].raw, "{torn write");
  assert.equal(aside[2].reason, "queue is not a JSON array");
  assert.equal(server.rows.size, 1);
});

test("HTTPS is required except for the local machine", () => {
  for (const endpoint of ["http://example.com/v1/cases", "http://10.0.0.2:8080/v1/cases", "ftp://localhost/x"]) {
    assert.throws(() => createClient({ endpoint, engine, storage: memoryStorage() }), /must use HTTPS/, endpoint);
  }
  assert.throws(() => createClient({ endpoint: "not a url", engine }), /is not a URL/);
  for (const endpoint of ["https://intake.example.cn/v1/cases", "http://localhost:8080/v1", "http://127.0.0.1/v1", "http://[::1]:9/v1"]) {
    assert.doesNotThrow(() => createClient({ endpoint, engine, storage: memoryStorage() }), endpoint);
  }
});

test("an engine with preview: its summary goes into the envelope and its errors block", async (t) => {
  const server = await intake();
  t.after(server.close);
  const pack = { id: "ecommerce", version: "2026.1" };
  const error = { code: "x", path: "/facts", severity: "error", message: { zh: "错", en: "bad" } };
  const info = { ...error, severity: "info" };
  let findings = [info];
  const previewing = {
    preview: (_c, o) => ({ status: findings.includes(error) ? "blocked" : "ready", findings, summary: { digest: o.now }, pack }),
  };
  const c = client(server, { engine: previewing });
  assert.equal((await c.submit({ facts: "x" }, { now: NOW })).status, "sent");
  assert.deepEqual(server.requests[0].envelope.preview_summary, { digest: NOW });
  findings = [info, error];
  assert.deepEqual(await c.submit({ facts: "x" }, { now: NOW }), { status: "blocked", problems: [error] });
  assert.equal(server.requests.length, 1);
});

test("a complete case is sent whatever the handler's lateness; only the complainant's errors block", async (t) => {
  const server = await intake();
  t.after(server.close);
  // Submitted on 11-20, previewed on 11-23: the platform has not acknowledged it (overdue). The
  // real engine: the overdue acknowledgement is the handler's and must not block the complainant.
  const late = "2026-11-23T10:00:00+08:00";
  const staff = engine.preview(baseCase("natural_ecommerce"), { now: late, view: "staff" });
  const overdue = staff.findings.filter((f) => f.severity === "error");
  assert.ok(overdue.length > 0 && overdue.every((f) => f.audience === "handler"), JSON.stringify(overdue));
  assert.equal(staff.status, "ready");
  const mine = engine.preview(baseCase("natural_ecommerce"), { now: late });
  assert.equal(mine.view, "complainant");
  assert.ok(mine.findings.every((f) => f.audience === "complainant"));
  assert.deepEqual(mine.summary, staff.summary);
  // A case with only supplementable gaps is ready and says what to add by when.
  const gaps = engine.preview({ ...baseCase("natural_ecommerce"), evidence: [], declarations: {} }, { now: late });
  assert.equal(gaps.status, "ready");
  assert.ok(gaps.supplements.some((s) => s.path === "/evidence" && s.due_at && s.item.zh), JSON.stringify(gaps.supplements));
  const r = await client(server).submit(baseCase("natural_ecommerce"), { now: late });
  assert.equal(r.status, "sent", JSON.stringify(r));
  // A fake engine whose only error is the handler's: sent; a complainant error: blocked.
  const pack = { id: "ecommerce", version: "2026.1" };
  const handlerError = { code: "deadline.overdue", path: "/acknowledged_at", severity: "error", audience: "handler", message: { zh: "逾期", en: "late" } };
  const validating = { validate: () => ({ status: "ready", problems: [handlerError], pack }) };
  assert.equal((await client(server, { engine: validating }).submit({ facts: "x" }, { now: NOW })).status, "sent");
});

/** A stand-in for WeChat's wx: request over node:http, storage in a Map. */
function wxShim() {
  const store = new Map();
  return {
    request({ url, method, header, data, success, fail }) {
      const req = http.request(url, { method, headers: header }, (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk) => (text += chunk));
        res.on("end", () => success({ statusCode: res.statusCode, header: res.headers, data: text }));
      });
      req.on("error", (e) => fail({ errMsg: `request:fail ${e.message}` }));
      req.end(data);
    },
    getStorageSync: (key) => (store.has(key) ? store.get(key) : ""),
    setStorageSync: (key, value) => void store.set(key, value),
    removeStorageSync: (key) => void store.delete(key),
  };
}

test("wx.request transport and wx storage against the same server: offline, flush, one row", async (t) => {
  const server = await intake();
  t.after(server.close);
  const wx = wxShim();
  const c = client(server, { transport: wxTransport(wx), storage: wxStorage(wx) });
  const sent = await c.submit(baseCase("natural_ecommerce"), { now: NOW });
  assert.equal(sent.status, "sent");
  assert.equal(sent.response.httpStatus, 201);
  assert.match(sent.response.body.id, /^case-/);

  await server.offline();
  const queued = await c.submit(baseCase("natural_ecommerce"), { now: NOW });
  assert.equal(queued.status, "queued");
  assert.match(queued.reason, /request:fail/);
  assert.equal(JSON.parse(wx.getStorageSync(QUEUE_KEY)).length, 1);
  await server.online();
  assert.deepEqual((await c.flush()).map((o) => o.status), ["sent"]);
  assert.equal(server.rows.size, 2);
  assert.equal(c.queued(), 0);
});

test("localStorageAdapter reads and writes through a Storage object", () => {
  const backing = new Map();
  const ls = {
    getItem: (k) => (backing.has(k) ? backing.get(k) : null),
    setItem: (k, v) => backing.set(k, String(v)),
    removeItem: (k) => backing.delete(k),
  };
  const s = localStorageAdapter(ls);
  s.setItem("k", "v");
  assert.equal(backing.get("k"), "v");
  assert.equal(s.getItem("k"), "v");
  s.removeItem("k");
  assert.equal(s.getItem("k"), null);
});

test("without crypto.getRandomValues the key is a UUID v4 drawn from `random`", async (t) => {
  const server = await intake();
  t.after(server.close);
  const saved = Object.getOwnPropertyDescriptor(globalThis, "crypto");
  Object.defineProperty(globalThis, "crypto", { value: undefined, configurable: true });
  t.after(() => Object.defineProperty(globalThis, "crypto", saved));
  const c = client(server, { random: () => 0 });
  const r = await c.submit(baseCase("natural_ecommerce"), { now: NOW });
  assert.equal(r.idempotency_key, "00000000-0000-4000-8000-000000000000");
  assert.equal(server.requests[0].key, r.idempotency_key);
});

test("a form-module engine submits on its validation: summary {status, codes}", async (t) => {
  const form = await import("../../pkg/form.js");
  await form.default();
  const formEngine = new form.Engine();
  t.after(() => formEngine.free());
  const server = await intake();
  t.after(server.close);
  const c = client(server, { engine: formEngine });
  const blocked = baseCase("natural_ecommerce");
  blocked.complainant.mobile = "1381234";
  const refused = await c.submit(blocked, { now: NOW });
  assert.equal(refused.status, "blocked");
  assert.ok(refused.problems.some((p) => p.path === "/complainant/mobile"));
  const r = await c.submit(baseCase("natural_ecommerce"), { now: NOW });
  assert.equal(r.status, "sent");
  const v = formEngine.validate(baseCase("natural_ecommerce"), { now: NOW });
  assert.deepEqual(server.requests.at(-1).envelope.preview_summary, { status: v.status, codes: [...new Set(v.problems.map((p) => p.code))].sort() });
  // The shell asks for the answer without the normalised case (it reads none), and the case it
  // sends is the user's, not the engine's normalised echo.
  const asked = [];
  const recording = { full: false, validate: (caseValue, options) => (asked.push(options), formEngine.validate(caseValue, options)) };
  const padded = { ...baseCase("natural_ecommerce"), facts: `  ${baseCase("natural_ecommerce").facts}  ` };
  assert.equal((await client(server, { engine: recording }).submit(padded, { now: NOW })).status, "sent");
  assert.ok(asked.length > 0 && asked.every((o) => o.normalized === false), JSON.stringify(asked));
  assert.equal(server.requests.at(-1).envelope.case.facts, padded.facts);
});
