// TypeScript declarations for complaint-rules/shell.
import type { Bilingual, Case, PackRef } from "./index.js";

/** The envelope's schema id. */
export const ENVELOPE_SCHEMA: "complaint-rules/envelope@1";
/** The storage key of the queue of envelopes not yet answered by the server. */
export const QUEUE_KEY: "complaint-rules/queue@1";
/** The storage key where unreadable queue entries, and queued cases the server refused, are set aside. */
export const SET_ASIDE_KEY: "complaint-rules/set-aside@1";

/** A problem or finding as the shell reads it from the engine. */
export interface ShellProblem {
  code: string;
  path: string;
  severity: string;
  message: Bilingual;
  clause?: unknown;
  /** Whom it binds; only complainant-side errors block a submission (absent counts as complainant). */
  audience?: "complainant" | "handler";
}

/** What the shell needs of an engine: `preview` (preferred) or `validate`. `Engine` fits. */
export interface ShellEngine {
  /** Called with `normalized: false`: the shell reads no normalised case. */
  validate?(caseValue: Case, options: { now: string | Date; normalized: false }): { status: "ready" | "blocked"; problems: ShellProblem[]; pack: PackRef };
  preview?(
    caseValue: Case,
    options: { now: string | Date; view?: "complainant" | "staff" },
  ): { status: "ready" | "blocked"; findings: ShellProblem[]; summary?: unknown; pack: PackRef };
}

/** The versioned JSON body POSTed for a case (published as `complaint-rules/envelope.schema.json`). */
export interface Envelope {
  schema: "complaint-rules/envelope@1";
  case: Case;
  /** The preview's summary (the backend recomputes it), or `{status, codes}` from `validate`. */
  preview_summary: unknown;
  pack: PackRef;
  engine_version: string;
  /** A UUID v4, also sent as the `Idempotency-Key` header. */
  idempotency_key: string;
  /** The `now` the case was checked with, as given (or ISO 8601 for a Date). */
  client_time: string;
}

/** Response headers, as `fetch`'s `Headers` offers them. */
export interface HeaderLookup {
  get(name: string): string | null;
}

/** One request a transport makes. */
export interface TransportRequest {
  url: string;
  method: "POST";
  headers: Record<string, string>;
  body: string;
  /** Abort after this many ms (fetch: AbortController; wx.request: `timeout`). */
  timeoutMs?: number;
}

/** One response: the body parsed as JSON when it is JSON, else its text. */
export interface TransportResponse {
  status: number;
  headers: HeaderLookup;
  body: unknown;
}

/** Sends a request; rejects on a network error (no answer from the server). */
export type Transport = (request: TransportRequest) => Promise<TransportResponse>;

/** Synchronous text storage (the Web Storage subset the shell uses). Writes may throw (quota). */
export interface ShellStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** The WeChat mini-program API subset the shell uses. */
export interface WxLike {
  request(options: {
    url: string;
    method: string;
    header: Record<string, string>;
    data: string;
    timeout?: number;
    dataType?: string;
    responseType?: string;
    success(res: { statusCode: number; header: Record<string, string | string[]>; data: unknown }): void;
    fail(err: { errMsg: string }): void;
  }): unknown;
  getStorageSync(key: string): any;
  setStorageSync(key: string, value: string): void;
  removeStorageSync(key: string): void;
}

/** Retry settings: total attempts, and the base and ceiling of the backoff (ms). */
export interface RetryOptions {
  /** Attempts in all, ≥ 1 (default 4). */
  attempts?: number;
  /** Full jitter: a wait drawn from [0, min(maxDelayMs, baseDelayMs × 2ⁿ)) (default 500). */
  baseDelayMs?: number;
  /** Ceiling of any wait, Retry-After included (default 30000). */
  maxDelayMs?: number;
}

export interface ClientOptions {
  /** The intake URL; HTTPS unless the host is localhost, 127.0.0.1 or [::1]. Relative URLs resolve against the page. */
  endpoint: string;
  engine: ShellEngine;
  /** Default: `fetchTransport()`, else `wxTransport(wx)`. */
  transport?: Transport;
  /** Default: the page's localStorage, else memory. */
  storage?: ShellStorage;
  retry?: RetryOptions;
  /** Per-request timeout in ms (default 15000); a timeout is a retryable network error. */
  timeoutMs?: number;
  /** Clock in ms since the epoch (default `Date.now`). */
  now?: () => number;
  /** Uniform in [0, 1) (default `Math.random`): backoff jitter, and key bytes without crypto. */
  random?: () => number;
  /** Waits `ms` (default setTimeout). */
  sleep?: (ms: number) => Promise<void>;
}

/** Shown when storage refused the envelope: it lives in memory until the page closes. */
export interface MemoryOnly {
  persisted: false;
  warning: Bilingual;
}

/**
 * Present when the server refused the client's clock (422 `client_time`) and the case was checked
 * again at the server's time (its `Date` header) and sent once more: client minus server, in ms.
 */
export interface ClockSkew {
  clockSkewMs?: number;
}

export type SendOutcome = (
  | { status: "sent"; idempotency_key: string; response: { httpStatus: number; body: unknown } }
  /** A 4xx other than 408/429 (422 carries the server's `findings`); the envelope is dropped from the queue. */
  | { status: "rejected"; idempotency_key: string; httpStatus: number; body: unknown }
  /** Blocked when checked again at the server's time after a clock rejection. */
  | { status: "blocked"; idempotency_key: string; problems: ShellProblem[] }
  /** Attempts exhausted (network errors, timeouts, 5xx/408/429); the envelope stays queued for `flush()`. */
  | ({ status: "queued"; idempotency_key: string; reason: string } & Partial<MemoryOnly>)
) &
  ClockSkew;

/** `setAside`: reasons of unreadable queue entries found (and set aside) while queueing this case. */
export type SubmitOutcome = (SendOutcome & { setAside?: string[] }) | { status: "blocked"; problems: ShellProblem[] };

export type FlushOutcome =
  /** `keptAside`: a refused or blocked envelope was moved to SET_ASIDE_KEY (false if storage refused that too). */
  | (SendOutcome & { keptAside?: boolean })
  /** Being sent by another call of this client. */
  | { status: "in_flight"; idempotency_key: string }
  /** An unreadable queue entry moved to SET_ASIDE_KEY. */
  | { status: "set_aside"; reason: string }
  /** The queue could not be read from storage; envelopes held in memory were still sent. */
  | { status: "storage_error"; reason: string };

/** An unreadable queue entry, kept as it was found. */
export interface SetAsideRecord {
  raw: string;
  reason: string;
  at: string | null;
}

export interface Client {
  /** Checks the case (a blocked one is never sent), queues its envelope, then sends it. Engine errors throw. */
  submit(caseValue: Case, options?: { now?: string | Date }): Promise<SubmitOutcome>;
  /** Sends every queued envelope with its original key, one at a time. */
  flush(): Promise<FlushOutcome[]>;
  /** Envelopes waiting to be sent (persisted and memory-only). */
  queued(): number;
  /** The queue entries set aside as unreadable, and queued cases the server refused. */
  setAside(): SetAsideRecord[];
}

/** A client submitting cases to an intake backend. Throws for a non-HTTPS remote endpoint. */
export function createClient(options: ClientOptions): Client;
/** A transport over `fetch` (the global one by default). */
export function fetchTransport(fetchImpl?: (url: string, init: { method: string; headers: Record<string, string>; body: string }) => Promise<{ status: number; headers: HeaderLookup; text(): Promise<string> }>): Transport;
/** A transport over a mini-program's `wx.request`. */
export function wxTransport(wx: Pick<WxLike, "request">): Transport;
/** Storage in memory. */
export function memoryStorage(): ShellStorage;
/** Storage over a Web Storage object (`window.localStorage`). */
export function localStorageAdapter(localStorage: Pick<Storage, "getItem" | "setItem" | "removeItem">): ShellStorage;
/** Storage over `wx.getStorageSync` / `wx.setStorageSync` / `wx.removeStorageSync`. */
export function wxStorage(wx: Pick<WxLike, "getStorageSync" | "setStorageSync" | "removeStorageSync">): ShellStorage;
