// The shell under hostile conditions (issue 10): storage that is full or unreadable, corrupted
// queue entries, a client clock far from the server's, and a server that never answers. Each time
// the shell keeps what the user submitted and says what happened. Real engine, real HTTP on
// 127.0.0.1 (tests/js/intake.mjs), instant recorded backoff sleeps.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import init, { Engine } from "../../pkg/index.js";
import { createClient, fetchTransport, wxTransport, memoryStorage, QUEUE_KEY, SET_ASIDE_KEY } from "../../pkg/shell.js";
import { intake } from "./intake.mjs";
import { baseCase } from "./support.mjs";

await init();
const engine = new Engine();
after(() => engine.free());

const NOW = "2026-11-20T09:30:00+08:00";
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

function client(server, extra = {}) {
  return createClient({
    endpoint: server.url,
    engine,
    transport: fetchTransport(),
    storage: memoryStorage(),
    retry: { attempts: 2, baseDelayMs: 10, maxDelayMs: 10 },
    sleep: async () => {},
    ...extra,
  });
}

function quotaError() {
  return new DOMException("The quota has been exceeded.", "QuotaExceededError");
}

/** The base case with its times set around `clockMs`, so that it is ready at that time. */
function caseAt(clockMs) {
  const c = baseCase("natural_ecommerce");
  const at = (ms) => new Date(clockMs - ms).toISOString();
  c.order.paid_at = at(5 * DAY);
  c.order.delivered_at = at(3 * DAY);
  c.occurred_at = at(3 * DAY - HOUR);
  c.submitted_at = at(HOUR);
  return c;
}

test("storage that refuses every write and every read: held in memory, the caller told, nothing thrown, flushed later", async (t) => {
  const server = await intake();
  t.after(server.close);
  await server.offline();
  const broken = {
    getItem: () => {
      throw new DOMException("denied", "SecurityError");
    },
    setItem: () => {
      throw quotaError();
    },
    removeItem: () => {
      throw quotaError();
    },
  };
  const c = client(server, { storage: broken });
  const r = await c.submit(baseCase("natural_ecommerce"), { now: NOW });
  assert.equal(r.status, "queued");
  assert.equal(r.persisted, false);
  assert.ok(r.warning.zh && r.warning.en);
  assert.equal(c.queued(), 1);
  assert.deepEqual(c.setAside(), []);
  await server.online();
  const outcomes = await c.flush();
  assert.deepEqual(outcomes.map((o) => o.status), ["storage_error", "sent"]);
  assert.match(outcomes[0].reason, /denied/);
  assert.equal(outcomes[1].idempotency_key, r.idempotency_key);
  assert.equal(server.rows.size, 1);
  assert.deepEqual(server.requests[0].envelope.case, baseCase("natural_ecommerce"));
  assert.equal(c.queued(), 0);
});

test("a quota reached part-way: the first case is persisted, the second held in memory, both delivered once", async (t) => {
  const server = await intake();
  t.after(server.close);
  await server.offline();
  const inner = memoryStorage();
  const limited = {
    ...inner,
    setItem: (key, value) => {
      if (value.length > 2_000) throw quotaError(); // room for one envelope (~1.2 kB)
      inner.setItem(key, value);
    },
  };
  const c = client(server, { storage: limited });
  const first = await c.submit(baseCase("natural_ecommerce"), { now: NOW });
  const second = await c.submit(baseCase("natural_trading"), { now: NOW });
  assert.equal(first.status, "queued");
  assert.equal(first.persisted, undefined, "the first fits");
  assert.equal(second.persisted, false);
  assert.equal(JSON.parse(inner.getItem(QUEUE_KEY)).length, 1);
  assert.equal(c.queued(), 2);
  await server.online();
  assert.deepEqual((await c.flush()).map((o) => o.status), ["sent", "sent"]);
  assert.deepEqual([...server.rows.keys()].sort(), [first.idempotency_key, second.idempotency_key].sort());
  assert.equal(c.queued(), 0);
});

test("corrupted queue entries are skipped and reported once, the good ones kept and sent in order", async (t) => {
  const server = await intake();
  t.after(server.close);
  await server.offline();
  const storage = memoryStorage();
  const c = client(server, { storage });
  const a = await c.submit(baseCase("natural_ecommerce"), { now: NOW });
  const queue = JSON.parse(storage.getItem(QUEUE_KEY));
  const good = queue[0];
  const noCase = { ...good, idempotency_key: "k-no-case", case: null };
  const polluted = JSON.parse(`{"__proto__": ${JSON.stringify(good)}}`);
  storage.setItem(QUEUE_KEY, JSON.stringify([good, 42, noCase, polluted, { ...good, idempotency_key: "" }]));
  // The next submit meets the corrupted entries while queueing and reports them.
  const b = await c.submit(baseCase("natural_trading"), { now: NOW });
  assert.equal(b.status, "queued");
  assert.equal(b.setAside.length, 4);
  assert.ok(b.setAside.every((reason) => reason === "queue entry is not an envelope"));
  assert.equal(({}).schema, undefined, "no prototype pollution from a queue entry");
  await server.online();
  const outcomes = await c.flush();
  assert.deepEqual(outcomes.map((o) => o.status), ["sent", "sent"], "reported once, at the submit");
  assert.deepEqual(outcomes.map((o) => o.idempotency_key), [a.idempotency_key, b.idempotency_key]);
  assert.equal(c.setAside().length, 4);
  assert.equal(c.setAside()[1].raw, JSON.stringify(noCase));
  // A torn set-aside list is itself kept, not lost.
  storage.setItem(SET_ASIDE_KEY, "[{torn");
  storage.setItem(QUEUE_KEY, "{torn");
  assert.deepEqual((await c.flush()).map((o) => o.status), ["set_aside"]);
  assert.deepEqual(c.setAside().map((r) => r.raw), ["[{torn", "{torn"]);
});

test("a client clock hours off: the server's 422 client_time leads to a check at the server's time and one more send", async (t) => {
  const serverClock = Date.parse("2026-11-20T02:00:00Z");
  const server = await intake({ clockMs: () => serverClock, maxSkewMs: HOUR });
  t.after(server.close);
  const clientClock = serverClock - 2 * HOUR; // two hours slow
  const c = client(server, { now: () => clientClock });
  const r = await c.submit(caseAt(clientClock));
  assert.equal(r.status, "sent", JSON.stringify(r));
  assert.equal(r.response.httpStatus, 201);
  assert.equal(r.clockSkewMs, -2 * HOUR);
  assert.equal(server.requests.length, 2);
  assert.deepEqual(server.requests.map((q) => q.key), [r.idempotency_key, r.idempotency_key]);
  assert.equal(server.requests[1].envelope.client_time, new Date(serverClock).toISOString());
  assert.equal(server.rows.size, 1);
  assert.equal(c.queued(), 0);
});

test("a client clock days off: blocked at the server's time, said so, and a queued case is kept aside", async (t) => {
  const serverClock = Date.parse("2026-11-20T02:00:00Z");
  const server = await intake({ clockMs: () => serverClock, maxSkewMs: DAY });
  t.after(server.close);
  const clientClock = serverClock + 3 * DAY; // three days fast: the case's times lie in the server's future
  const storage = memoryStorage();
  const c = client(server, { now: () => clientClock, storage });
  await server.offline();
  const queued = await c.submit(caseAt(clientClock));
  assert.equal(queued.status, "queued");
  await server.online();
  const [outcome] = await c.flush();
  assert.equal(outcome.status, "blocked");
  assert.equal(outcome.clockSkewMs, 3 * DAY);
  assert.ok(outcome.problems.some((p) => p.path === "/submitted_at"), JSON.stringify(outcome.problems));
  assert.equal(outcome.keptAside, true);
  assert.equal(server.rows.size, 0);
  assert.equal(c.queued(), 0);
  const [kept] = c.setAside();
  assert.equal(kept.reason, "blocked at the server's time");
  assert.deepEqual(JSON.parse(kept.raw).case, caseAt(clientClock));
});

test("a 422 client_time without a Date header stands as a rejection (no loop)", async (t) => {
  const server = await intake();
  t.after(server.close);
  server.script.push({ status: 422, body: { error: { code: "client_time", message: { zh: "时钟", en: "clock" } } } });
  const r = await client(server).submit(baseCase("natural_ecommerce"), { now: NOW });
  assert.equal(r.status, "rejected");
  assert.equal(r.clockSkewMs, undefined);
  assert.equal(server.requests.length, 1);
});

test("a server that never answers: each request is aborted after timeoutMs, retried, then queued; flushed once it answers", async (t) => {
  const server = await intake();
  t.after(server.close);
  server.control.silent = true;
  const c = client(server, { timeoutMs: 150 });
  const started = Date.now();
  const r = await c.submit(baseCase("natural_ecommerce"), { now: NOW });
  assert.equal(r.status, "queued");
  assert.match(r.reason, /timed out after 150 ms/);
  assert.equal(server.requests.length, 2, "both attempts reached the server");
  await new Promise((resolve) => setTimeout(resolve, 50));
  assert.equal(server.connectionsClosed(), 2, "fetch was aborted: the connections were closed");
  console.log(`two timed-out attempts took ${Date.now() - started} ms (timeout 150 ms)`);
  server.control.silent = false;
  assert.deepEqual((await c.flush()).map((o) => o.status), ["sent"]);
  assert.equal(server.rows.size, 1);
});

test("a transport that never settles is still cut off by the client's timeout", async (t) => {
  const server = await intake();
  t.after(server.close);
  const c = client(server, { transport: () => new Promise(() => {}), timeoutMs: 50 });
  const r = await c.submit(baseCase("natural_ecommerce"), { now: NOW });
  assert.equal(r.status, "queued");
  assert.match(r.reason, /timed out after 50 ms/);
  assert.throws(() => client(server, { timeoutMs: 0 }), TypeError);
  assert.throws(() => client(server, { timeoutMs: "15s" }), TypeError);
});

test("wx.request gets the timeout, and its timeout failure is a retryable network error", async (t) => {
  const server = await intake();
  t.after(server.close);
  const seen = [];
  const wx = {
    request(options) {
      seen.push(options.timeout);
      setTimeout(() => options.fail({ errMsg: "request:fail timeout" }), 1);
    },
  };
  const c = client(server, { transport: wxTransport(wx), timeoutMs: 4_000 });
  const r = await c.submit(baseCase("natural_ecommerce"), { now: NOW });
  assert.equal(r.status, "queued");
  assert.match(r.reason, /request:fail timeout/);
  assert.deepEqual(seen, [4_000, 4_000]);
  const defaults = client(server, { transport: wxTransport(wx) });
  await defaults.submit(baseCase("natural_ecommerce"), { now: NOW });
  assert.equal(seen.at(-1), 15_000, "the default timeout");
});
