// A minimal intake backend in Node: what a team with a Node backend would copy. It accepts the
// envelopes the JS shell sends (pkg/envelope.schema.json), re-validates each case with the same
// engine (the npm package, WebAssembly in Node) at the client's time, compares the client's
// summary with its own, and stores accepted cases once per Idempotency-Key.
//
//   node examples/node-intake/server.mjs [--port 8090] [--data cases.jsonl]
//
// Storage here is an append-only JSON-lines file (fsync'd before answering): enough for one
// process. With several processes, keep the same rules in your database: a UNIQUE constraint on
// the idempotency key, and answer a duplicate with the first row's response.
// In your project: `import init, { Engine } from "complaint-rules";`
import http from "node:http";
import { randomBytes } from "node:crypto";
import { appendFileSync, existsSync, openSync, fsyncSync, closeSync, readFileSync } from "node:fs";
import init, { Engine } from "../../pkg/index.js";

const SCHEMA = "complaint-rules/envelope@1";
const MAX_SKEW_MS = 24 * 3600 * 1000;
const MAX_BODY = 1024 * 1024 + 64 * 1024;

/** `{status, body}` of an error with a bilingual message. */
function fail(status, code, zh, en, extra = {}) {
  return { status, body: { code, error: { code, message: { zh, en } }, ...extra } };
}

/** JSON with object keys sorted, so that two equal summaries compare equal as text. */
function canonical(value) {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object") {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/** The summary the server expects for the client's summary form (preview or validate-only). */
function expectedSummary(engine, envelope, now, preview) {
  const s = envelope.preview_summary;
  const digestOnly = s && typeof s === "object" && Object.keys(s).sort().join() === "codes,status";
  if (!digestOnly) return preview.summary;
  const v = engine.validate(envelope.case, { now, pack: envelope.pack.id });
  return { status: v.status, codes: [...new Set(v.problems.map((p) => p.code))].sort() };
}

/** Checks an envelope: `{ok: preview}` or `{status, body}` of the refusal. */
export function check(engine, envelope, serverNow = Date.now()) {
  if (envelope?.schema !== SCHEMA) return fail(422, "unknown_schema", "不支持的信封版本", `expected ${SCHEMA}`);
  const { case: caseValue, pack, idempotency_key: key, client_time: clientTime } = envelope;
  if (typeof caseValue !== "object" || caseValue === null || typeof pack?.id !== "string" || typeof pack?.version !== "string"
    || typeof key !== "string" || typeof clientTime !== "string" || envelope.preview_summary === undefined) {
    return fail(422, "envelope_shape", "信封格式错误", "malformed envelope");
  }
  const at = Date.parse(clientTime);
  if (!(Math.abs(at - serverNow) <= MAX_SKEW_MS)) return fail(422, "client_time", "客户端时钟偏差过大", "client_time is too far from the server clock");
  if (!engine.packs().some((p) => p.id === pack.id && p.version === pack.version)) {
    return fail(422, "unknown_pack_version", "服务器没有该规则包版本", "unknown pack version");
  }
  let preview;
  try {
    preview = engine.preview(caseValue, { now: clientTime, pack: pack.id });
  } catch (e) {
    return fail(422, "invalid_case", "案件无法校验", `the case cannot be checked: ${e.message}`);
  }
  if (preview.pack.version !== pack.version) return fail(422, "unknown_pack_version", "规则包版本不适用于本案", "pack version does not apply");
  if (preview.status === "blocked") return fail(422, "blocked", "案件仍有错误，不能提交", "the case still has errors", { findings: preview.findings });
  if (canonical(envelope.preview_summary) !== canonical(expectedSummary(engine, envelope, clientTime, preview))) {
    return fail(422, "tampered", "预览摘要与服务器重新计算的结果不一致", "the summary does not match the recomputed one", { findings: preview.findings });
  }
  return { ok: preview };
}

/** The stored cases by idempotency key, read back from the JSON-lines file. */
function load(path) {
  const rows = new Map();
  if (!existsSync(path)) return rows;
  for (const line of readFileSync(path, "utf8").split("\n")) {
    if (!line.trim()) continue;
    try {
      const row = JSON.parse(line);
      rows.set(row.idempotency_key, row);
    } catch {
      // A line cut by a crash before its fsync was never acknowledged: skip it.
    }
  }
  return rows;
}

/** Appends one row and fsyncs before the answer goes out. */
function append(path, row) {
  appendFileSync(path, `${JSON.stringify(row)}\n`);
  const fd = openSync(path, "r");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Starts the server; resolves to `{url, close}`. */
export async function start({ port = 0, data = "cases.jsonl" } = {}) {
  await init();
  const engine = new Engine();
  const rows = load(data);
  const server = http.createServer((req, res) => {
    const reply = (status, body) => {
      res.writeHead(status, { "Content-Type": "application/json; charset=utf-8" });
      res.end(JSON.stringify(body));
    };
    if (req.method !== "POST" || req.url !== "/v1/cases") return reply(404, { error: { code: "not_found" } });
    const chunks = [];
    let size = 0;
    req.on("data", (c) => {
      size += c.length;
      if (size <= MAX_BODY) chunks.push(c);
    });
    req.on("end", () => {
      if (size > MAX_BODY) return reply(413, fail(413, "too_large", "请求体过大", "body too large").body);
      if (!/^application\/json\b/i.test(req.headers["content-type"] ?? "")) return reply(415, fail(415, "content_type", "须为 JSON", "must be application/json").body);
      const key = String(req.headers["idempotency-key"] ?? "").trim();
      if (!key || key.length > 200) return reply(400, fail(400, "idempotency_key", "缺少 Idempotency-Key", "Idempotency-Key required").body);
      let envelope;
      try {
        envelope = JSON.parse(Buffer.concat(chunks).toString("utf8"));
      } catch {
        return reply(400, fail(400, "json", "JSON 格式错误", "malformed JSON").body);
      }
      if (envelope?.idempotency_key !== key) return reply(400, fail(400, "idempotency_key_mismatch", "请求头与信封不一致", "header and envelope keys differ").body);
      const first = rows.get(key);
      if (first) return reply(200, first.response);
      const checked = check(engine, envelope);
      if (!checked.ok) return reply(checked.status, checked.body);
      const id = `case-${randomBytes(16).toString("hex")}`;
      const response = { id, received_at: new Date().toISOString(), deadlines: checked.ok.timeline };
      const row = { idempotency_key: key, response, envelope };
      append(data, row);
      rows.set(key, row);
      reply(201, response);
    });
  });
  await new Promise((resolve) => server.listen(port, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${server.address().port}/v1/cases`;
  return { url, close: () => new Promise((resolve) => server.close(resolve)), engine };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = (name, fallback) => {
    const i = process.argv.indexOf(name);
    return i > 0 ? process.argv[i + 1] : fallback;
  };
  const { url } = await start({ port: Number(arg("--port", 8090)), data: arg("--data", "cases.jsonl") });
  console.log(`listening on ${url}`);
}
