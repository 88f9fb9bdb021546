// complaint-rules/shell — the thin client that submits validated cases to an intake backend.
// Validate first (a blocked case is never sent), wrap the case in a versioned envelope, persist it
// to a queue, POST it with an Idempotency-Key, retry with backoff, and keep it queued until the
// server has answered. No rules live here; no dependencies.
import { version } from "./index.js";

/** The envelope's schema id. */
export const ENVELOPE_SCHEMA = "complaint-rules/envelope@1";

/** The storage key of the queue of envelopes not yet answered by the server (a JSON array). */
export const QUEUE_KEY = "complaint-rules/queue@1";

/** The storage key where unreadable queue entries are set aside (a JSON array of `{raw, reason, at}`). */
export const SET_ASIDE_KEY = "complaint-rules/set-aside@1";

const DEFAULT_RETRY = { attempts: 4, baseDelayMs: 500, maxDelayMs: 30_000 };

/** How long one request may take before it counts as a (retryable) network error. */
const DEFAULT_TIMEOUT_MS = 15_000;

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

const MEMORY_ONLY_WARNING = {
  zh: "本机存储空间已满：这件投诉只暂存在内存中，关闭页面就会丢失。请保持页面打开，联网后再次发送。",
  en: "Local storage is full: this complaint is held in memory only until the page closes. Keep the page open and send it again once online.",
};

// ---------------------------------------------------------------------------------------------
// Storage adapters: synchronous getItem / setItem / removeItem over text values.

/** A storage adapter keeping everything in memory (tests, or hosts without storage). */
export function memoryStorage() {
  const items = new Map();
  return {
    getItem: (key) => (items.has(key) ? items.get(key) : null),
    setItem: (key, value) => void items.set(key, String(value)),
    removeItem: (key) => void items.delete(key),
  };
}

/** A storage adapter over a Web Storage object (`window.localStorage` in pages). */
export function localStorageAdapter(localStorage) {
  if (!localStorage) throw new TypeError("localStorageAdapter needs a Storage object such as window.localStorage");
  return {
    getItem: (key) => localStorage.getItem(key),
    setItem: (key, value) => localStorage.setItem(key, value),
    removeItem: (key) => localStorage.removeItem(key),
  };
}

/** A storage adapter over a mini-program's `wx.getStorageSync` / `wx.setStorageSync` / `wx.removeStorageSync`. */
export function wxStorage(wx) {
  if (!wx?.getStorageSync) throw new TypeError("wxStorage needs the mini-program's wx object");
  return {
    getItem: (key) => {
      const value = wx.getStorageSync(key);
      return value === "" || value === undefined ? null : value;
    },
    setItem: (key, value) => wx.setStorageSync(key, value),
    removeItem: (key) => wx.removeStorageSync(key),
  };
}

// ---------------------------------------------------------------------------------------------
// Transports: `(request) => Promise<{status, headers: {get(name)}, body}>`, throwing on network errors.

/** The body as JSON when it parses, else the text itself. */
function parseBody(text) {
  if (typeof text !== "string" || text === "") return text ?? null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** A `{get(name)}` view of a plain header object, case-insensitive. */
function headerView(object) {
  const lower = new Map(Object.entries(object ?? {}).map(([k, v]) => [k.toLowerCase(), Array.isArray(v) ? v.join(", ") : String(v)]));
  return { get: (name) => lower.get(String(name).toLowerCase()) ?? null };
}

/**
 * A transport over `fetch` (the global one unless another is given). A request with `timeoutMs`
 * is aborted after that long (AbortController), which frees the connection.
 */
export function fetchTransport(fetchImpl = globalThis.fetch) {
  if (typeof fetchImpl !== "function") throw new TypeError("fetchTransport needs a fetch function");
  return async ({ url, method, headers, body, timeoutMs }) => {
    const abort = typeof AbortController === "function" && timeoutMs > 0 ? new AbortController() : undefined;
    const timer = abort && setTimeout(() => abort.abort(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs);
    try {
      const res = await fetchImpl(url, { method, headers, body, signal: abort?.signal });
      return { status: res.status, headers: res.headers, body: parseBody(await res.text()) };
    } finally {
      clearTimeout(timer);
    }
  };
}

/** A transport over a mini-program's `wx.request`; a `fail` callback becomes a thrown network error. */
export function wxTransport(wx) {
  if (typeof wx?.request !== "function") throw new TypeError("wxTransport needs the mini-program's wx object");
  return ({ url, method, headers, body, timeoutMs }) =>
    new Promise((resolve, reject) => {
      wx.request({
        url,
        method,
        header: headers,
        data: body,
        ...(timeoutMs > 0 ? { timeout: timeoutMs } : {}),
        dataType: "text",
        responseType: "text",
        success: (res) => resolve({ status: res.statusCode, headers: headerView(res.header), body: parseBody(res.data) }),
        fail: (err) => reject(new Error(`network error: ${err?.errMsg ?? "wx.request failed"}`)),
      });
    });
}

// ---------------------------------------------------------------------------------------------
// The persisted queue.

/** Whether a parsed queue item is an envelope this shell can send. */
function isEnvelope(item) {
  return (
    item !== null &&
    typeof item === "object" &&
    item.schema === ENVELOPE_SCHEMA &&
    typeof item.idempotency_key === "string" &&
    item.idempotency_key !== "" &&
    item.case !== null &&
    typeof item.case === "object"
  );
}

/** Appends records to the set-aside list, keeping an unreadable list as one more record. */
function setAside(storage, records) {
  const text = storage.getItem(SET_ASIDE_KEY);
  let list = [];
  if (text) {
    try {
      list = JSON.parse(text);
    } catch {
      list = undefined;
    }
    if (!Array.isArray(list)) list = [{ raw: text, reason: "set-aside list was unreadable", at: null }];
  }
  storage.setItem(SET_ASIDE_KEY, JSON.stringify([...list, ...records]));
}

/** The queued envelopes; unreadable entries are moved to SET_ASIDE_KEY and returned as `setAside`. */
function loadQueue(storage, at) {
  const text = storage.getItem(QUEUE_KEY);
  if (text === null || text === "") return { envelopes: [], setAside: [] };
  let items;
  try {
    items = JSON.parse(text);
  } catch {
    items = undefined;
  }
  const bad = Array.isArray(items)
    ? items.filter((i) => !isEnvelope(i)).map((i) => ({ raw: JSON.stringify(i) ?? String(i), reason: "queue entry is not an envelope", at }))
    : [{ raw: text, reason: "queue is not a JSON array", at }];
  const envelopes = Array.isArray(items) ? items.filter(isEnvelope) : [];
  if (bad.length) {
    setAside(storage, bad);
    storage.setItem(QUEUE_KEY, JSON.stringify(envelopes));
  }
  return { envelopes, setAside: bad };
}

/**
 * Adds an envelope to the persisted queue (throws if storage refuses, e.g. QuotaExceededError);
 * returns the unreadable entries set aside on the way.
 */
function persist(storage, envelope, at) {
  const { envelopes, setAside: bad } = loadQueue(storage, at);
  storage.setItem(QUEUE_KEY, JSON.stringify([...envelopes, envelope]));
  return bad;
}

/** Removes an envelope from the persisted queue by its key. */
function unpersist(storage, key, at) {
  const { envelopes } = loadQueue(storage, at);
  const rest = envelopes.filter((e) => e.idempotency_key !== key);
  if (rest.length !== envelopes.length) storage.setItem(QUEUE_KEY, JSON.stringify(rest));
}

// ---------------------------------------------------------------------------------------------
// Envelope, retry policy.

/** A random UUID v4: crypto.getRandomValues when present, else bytes drawn from `random`. */
function uuidV4(random) {
  const bytes = new Uint8Array(16);
  if (typeof globalThis.crypto?.getRandomValues === "function") globalThis.crypto.getRandomValues(bytes);
  else bytes.forEach((_, i) => (bytes[i] = Math.floor(random() * 256) & 0xff));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * The engine's verdict: `{blocked, problems, summary, pack}`. With `preview` (the full module) the summary is the
 * preview's digest (the backend recomputes it); with `validate` only, it is `{status, codes}`
 * (codes sorted and unique, as in the preview's digest).
 */
function check(engine, caseValue, now) {
  // A form-module engine (`full === false`) has no preview to give.
  if (typeof engine.preview === "function" && engine.full !== false) {
    const p = engine.preview(caseValue, { now, view: "complainant" });
    return { blocked: p.status === "blocked", problems: p.findings.filter(blocks), summary: p.summary, pack: p.pack };
  }
  // The verdict reads no normalised case: the answer without it is a third cheaper.
  const v = engine.validate(caseValue, { now, normalized: false });
  const summary = { status: v.status, codes: [...new Set(v.problems.map((f) => f.code))].sort() };
  return { blocked: v.status === "blocked", problems: v.problems.filter(blocks), summary, pack: v.pack };
}

/**
 * Whether a finding keeps the complainant from submitting: a complainant-side error. The
 * handler's findings (its lateness, its procedure) never block a submission.
 */
function blocks(f) {
  return f.severity === "error" && f.audience !== "handler";
}

/** The envelope sent for a case that passed the check. */
function envelopeOf(caseValue, verdict, clientTime, key) {
  return {
    schema: ENVELOPE_SCHEMA,
    case: caseValue,
    preview_summary: verdict.summary,
    pack: { id: verdict.pack.id, version: verdict.pack.version },
    engine_version: version(),
    idempotency_key: key,
    client_time: clientTime,
  };
}

/** Whether a status is worth another attempt: 5xx, 408 and 429. */
function retryable(status) {
  return status >= 500 || status === 408 || status === 429;
}

/** The `Retry-After` header in milliseconds (seconds or an HTTP-date), or undefined. */
function retryAfterMs(value, nowMs) {
  if (value === null || value === undefined) return undefined;
  const text = String(value).trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

/** The wait before attempt `n + 1`: Retry-After if the server gave one, else full jitter; capped. */
function delayMs(retry, n, hint, random) {
  const cap = retry.maxDelayMs;
  if (hint !== undefined) return Math.min(cap, hint);
  return random() * Math.min(cap, retry.baseDelayMs * 2 ** n);
}

/** The endpoint as an absolute URL; HTTPS unless the host is the local machine. */
function checkEndpoint(endpoint) {
  let url;
  try {
    url = new URL(endpoint, globalThis.location?.href);
  } catch {
    throw new TypeError(`createClient: endpoint ${JSON.stringify(endpoint)} is not a URL`);
  }
  if (url.protocol === "https:") return url.href;
  if (url.protocol === "http:" && LOCAL_HOSTS.has(url.hostname)) return url.href;
  throw new TypeError(
    `createClient: endpoint ${url.href} must use HTTPS (plain http is allowed only for localhost, 127.0.0.1 and [::1]); complaints carry personal data`,
  );
}

/** The page's localStorage when there is one, else memory. */
function defaultStorage() {
  try {
    if (globalThis.window?.localStorage) return localStorageAdapter(globalThis.window.localStorage);
  } catch {
    // Storage access denied (privacy mode, sandboxed frame): fall through to memory.
  }
  return memoryStorage();
}

/** `fetch` when the host has it, else `wx.request`. */
function defaultTransport() {
  if (typeof globalThis.fetch === "function") return fetchTransport();
  if (typeof globalThis.wx?.request === "function") return wxTransport(globalThis.wx);
  throw new TypeError("createClient: no fetch or wx.request here; pass a transport");
}

/** The retry settings, defaults filled in and checked. */
function retrySettings(retry) {
  const r = { ...DEFAULT_RETRY, ...retry };
  if (!Number.isInteger(r.attempts) || r.attempts < 1) throw new TypeError("createClient: retry.attempts must be an integer ≥ 1");
  if (!(r.baseDelayMs >= 0) || !(r.maxDelayMs >= 0)) throw new TypeError("createClient: retry delays must be ≥ 0");
  return r;
}

/** The per-request timeout in ms: a positive number (default 15 000). */
function timeoutSetting(timeoutMs) {
  if (timeoutMs === undefined) return DEFAULT_TIMEOUT_MS;
  if (!(typeof timeoutMs === "number" && timeoutMs > 0)) throw new TypeError("createClient: timeoutMs must be a number > 0");
  return timeoutMs;
}

/** The value handed to the engine as `now`, as text for the envelope's client_time. */
function timeText(now) {
  return now instanceof Date ? now.toISOString() : String(now);
}

// ---------------------------------------------------------------------------------------------
// The client.

/**
 * A client submitting cases to `endpoint`.
 * Options: `engine` (an Engine from this package), `transport` (default fetch, else wx.request),
 * `storage` (default the page's localStorage, else memory), `retry` `{attempts, baseDelayMs,
 * maxDelayMs}`, `timeoutMs` (per request, default 15 000; a timeout is a retryable network
 * error), `now` (clock in ms), `random` (in [0, 1)), `sleep` (ms → promise).
 */
export function createClient(options) {
  const o = options ?? {};
  const endpoint = checkEndpoint(o.endpoint);
  if (typeof o.engine?.validate !== "function" && typeof o.engine?.preview !== "function") {
    throw new TypeError("createClient: engine must be an Engine (with validate or preview)");
  }
  const ctx = {
    endpoint,
    engine: o.engine,
    transport: o.transport ?? defaultTransport(),
    storage: o.storage ?? defaultStorage(),
    retry: retrySettings(o.retry),
    timeoutMs: timeoutSetting(o.timeoutMs),
    now: o.now ?? Date.now,
    random: o.random ?? Math.random,
    sleep: o.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
    held: [],
    inFlight: new Set(),
  };
  return {
    submit: (caseValue, submitOptions) => submit(ctx, caseValue, submitOptions),
    flush: () => flush(ctx),
    queued: () => queuedCount(ctx),
    setAside: () => setAsideRecords(ctx),
  };
}

/** The ISO time of the client's clock. */
function clockText(ctx) {
  return new Date(ctx.now()).toISOString();
}

/** Validates, builds the envelope, queues it, then sends it. */
async function submit(ctx, caseValue, submitOptions) {
  const now = submitOptions?.now ?? new Date(ctx.now());
  const verdict = check(ctx.engine, caseValue, now);
  if (verdict.blocked) return { status: "blocked", problems: verdict.problems };
  const envelope = envelopeOf(caseValue, verdict, timeText(now), uuidV4(ctx.random));
  const { persisted, setAside: bad } = enqueue(ctx, envelope);
  let outcome = await send(ctx, envelope);
  if (bad.length) outcome = { ...outcome, setAside: bad.map((b) => b.reason) };
  if (outcome.status !== "queued" || persisted) return outcome;
  return { ...outcome, persisted: false, warning: MEMORY_ONLY_WARNING };
}

/**
 * Persists the envelope, or holds it in memory when storage refuses (quota, access denied):
 * `{persisted, setAside}` with the unreadable queue entries set aside meanwhile.
 */
function enqueue(ctx, envelope) {
  try {
    return { persisted: true, setAside: persist(ctx.storage, envelope, clockText(ctx)) };
  } catch {
    ctx.held.push(envelope);
    return { persisted: false, setAside: [] };
  }
}

/** Drops an answered envelope from storage and memory. */
function dequeue(ctx, key) {
  ctx.held = ctx.held.filter((e) => e.idempotency_key !== key);
  try {
    unpersist(ctx.storage, key, clockText(ctx));
  } catch {
    // Left in storage, it is sent again by a later flush; the server answers it once by its key.
  }
}

/** Delivers one envelope (with retries) and dequeues it once the server has answered. */
async function send(ctx, envelope) {
  const key = envelope.idempotency_key;
  ctx.inFlight.add(key);
  try {
    const seen = {};
    let outcome = await deliver(ctx, envelope, seen);
    if (outcome.status === "rejected" && outcome.body?.error?.code === "client_time") {
      outcome = await againAtServerTime(ctx, envelope, outcome, seen.date);
    }
    if (outcome.status !== "queued") dequeue(ctx, key);
    return { ...outcome, idempotency_key: key };
  } finally {
    ctx.inFlight.delete(key);
  }
}

/**
 * One POST of the envelope: the transport's response, or `{error}` for a network failure — also
 * when no answer came within `timeoutMs`, whatever the transport does about it.
 */
async function post(ctx, envelope) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`request timed out after ${ctx.timeoutMs} ms`)), ctx.timeoutMs);
  });
  try {
    const request = Promise.resolve(ctx.transport({
      url: ctx.endpoint,
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json", "Idempotency-Key": envelope.idempotency_key },
      body: JSON.stringify(envelope),
      timeoutMs: ctx.timeoutMs,
    }));
    request.catch(() => {}); // a late failure after the timeout has already been answered
    return await Promise.race([request, timeout]);
  } catch (error) {
    return { error };
  } finally {
    clearTimeout(timer);
  }
}

/** A network failure in a few words: the message and, from fetch, the cause's code. */
function networkReason(error) {
  const cause = error?.cause?.code ?? error?.cause?.message;
  return `network error: ${error?.message ?? error}${cause ? ` (${cause})` : ""}`;
}

/**
 * The server refused the client's clock (422 `client_time`: the device clock is off, or the
 * envelope waited offline too long). Checks the case again at the server's time — its `Date`
 * header — and sends it once more under the same key. Without a usable `Date` the rejection
 * stands. The outcome tells the skew (`clockSkewMs`, client minus server).
 */
async function againAtServerTime(ctx, envelope, rejected, serverDate) {
  const serverMs = Date.parse(serverDate ?? "");
  if (Number.isNaN(serverMs)) return rejected;
  const skew = { clockSkewMs: ctx.now() - serverMs };
  const at = new Date(serverMs);
  const verdict = check(ctx.engine, envelope.case, at);
  if (verdict.blocked) return { status: "blocked", problems: verdict.problems, ...skew };
  const fresh = envelopeOf(envelope.case, verdict, at.toISOString(), envelope.idempotency_key);
  return { ...(await deliver(ctx, fresh, {})), ...skew };
}

/** POSTs until the server answers for good or the attempts run out; `seen.date`: the last `Date` header. */
async function deliver(ctx, envelope, seen) {
  let reason = "";
  let hint;
  for (let n = 0; n < ctx.retry.attempts; n++) {
    if (n > 0) await ctx.sleep(delayMs(ctx.retry, n - 1, hint, ctx.random));
    const res = await post(ctx, envelope);
    hint = undefined;
    if (res.error) {
      reason = networkReason(res.error);
      continue;
    }
    seen.date = res.headers?.get?.("Date") ?? undefined;
    if (res.status >= 200 && res.status < 300) return { status: "sent", response: { httpStatus: res.status, body: res.body } };
    if (!retryable(res.status)) return { status: "rejected", httpStatus: res.status, body: res.body };
    reason = `HTTP ${res.status}`;
    hint = retryAfterMs(res.headers?.get?.("Retry-After"), ctx.now());
  }
  return { status: "queued", reason };
}

/** Sends every queued envelope, one at a time, with its original key. */
async function flush(ctx) {
  const outcomes = [];
  let envelopes = [];
  try {
    const loaded = loadQueue(ctx.storage, clockText(ctx));
    envelopes = loaded.envelopes;
    outcomes.push(...loaded.setAside.map((b) => ({ status: "set_aside", reason: b.reason })));
  } catch (error) {
    // Storage cannot be read: what is held in memory is still sent; the caller is told.
    outcomes.push({ status: "storage_error", reason: `storage unreadable: ${error?.message ?? error}` });
  }
  for (const envelope of [...envelopes, ...ctx.held]) {
    const key = envelope.idempotency_key;
    if (ctx.inFlight.has(key)) outcomes.push({ status: "in_flight", idempotency_key: key });
    else outcomes.push(keepRefused(ctx, envelope, await send(ctx, envelope)));
  }
  return outcomes;
}

/**
 * A queued envelope the server refused (or that is blocked at the server's time) is no longer
 * queued, but the user's case is not thrown away: it is set aside with the reason.
 */
function keepRefused(ctx, envelope, outcome) {
  if (outcome.status !== "rejected" && outcome.status !== "blocked") return outcome;
  const code = outcome.body?.error?.code ?? outcome.body?.code;
  const reason = outcome.status === "blocked" ? "blocked at the server's time" : `rejected: HTTP ${outcome.httpStatus}${code ? ` ${code}` : ""}`;
  try {
    setAside(ctx.storage, [{ raw: JSON.stringify(envelope), reason, at: clockText(ctx) }]);
    return { ...outcome, keptAside: true };
  } catch {
    return { ...outcome, keptAside: false };
  }
}

/** Envelopes waiting: persisted ones plus those held in memory (memory only if storage fails). */
function queuedCount(ctx) {
  try {
    return loadQueue(ctx.storage, clockText(ctx)).envelopes.length + ctx.held.length;
  } catch {
    return ctx.held.length;
  }
}

/** The queue entries set aside as unreadable or refused, `[{raw, reason, at}]`. */
function setAsideRecords(ctx) {
  let text;
  try {
    text = ctx.storage.getItem(SET_ASIDE_KEY);
  } catch {
    return [];
  }
  if (!text) return [];
  try {
    const list = JSON.parse(text);
    return Array.isArray(list) ? list : [{ raw: text, reason: "set-aside list was unreadable", at: null }];
  } catch {
    return [{ raw: text, reason: "set-aside list was unreadable", at: null }];
  }
}
