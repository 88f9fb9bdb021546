// The envelope as a published contract (pkg/envelope.schema.json), checked on the shell's side:
// what the shell sends validates against the schema, with a previewing engine and with a
// validate-only one; and both kinds of envelope are accepted by the real backend
// (`complaint-rules serve`) and by the Node example.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "./formats.mjs";
import init, { Engine } from "../../pkg/index.js";
import { createClient, fetchTransport, memoryStorage } from "../../pkg/shell.js";
import { start as startNodeIntake } from "../../examples/node-intake/server.mjs";
import { intake } from "./intake.mjs";
import { baseCase } from "./support.mjs";

await init();
const ROOT = new URL("../../", import.meta.url).pathname;
const engine = new Engine();
const schema = JSON.parse(readFileSync(join(ROOT, "pkg/envelope.schema.json"), "utf8"));
const ajv = addFormats(new Ajv2020({ allErrors: true, strict: false }));
const valid = ajv.compile(schema);
/** An engine that only validates, as a shell built without preview has. */
const validateOnly = { validate: (c, o) => engine.validate(c, o) };

/** The base case with its dates moved to just before now, so the real backend takes it. */
function freshCase() {
  const c = structuredClone(baseCase("natural_ecommerce"));
  const at = (hours) => new Date(Date.now() - hours * 3600e3).toISOString();
  c.order.paid_at = at(24 * 5);
  c.order.delivered_at = at(24 * 3);
  c.occurred_at = at(24 * 3 - 1);
  c.submitted_at = at(1);
  return c;
}

function client(endpoint, eng) {
  return createClient({ endpoint, engine: eng, transport: fetchTransport(), storage: memoryStorage(), retry: { attempts: 1 } });
}

/** `complaint-rules serve` on a free port with a fresh SQLite file: `{base, stop}`. */
async function backend() {
  // $CR_SERVER_BIN when set (as for the browser tests), else the most recently built of the
  // release and debug binaries (`make check` runs cargo test, which builds the debug one, first).
  const bin = process.env.CR_SERVER_BIN || ["release", "debug"].map((p) => join(ROOT, "target", p, "complaint-rules"))
    .filter(existsSync).sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];
  assert.ok(bin, "build the binary first (cargo build)");
  const dir = mkdtempSync(join(tmpdir(), "cr-envelope-"));
  const server = spawn(bin, ["serve", "--addr", "127.0.0.1:0", "--db", join(dir, "cases.sqlite"), "--www", join(ROOT, "www"), "--pkg", join(ROOT, "pkg")], { stdio: ["ignore", "pipe", "ignore"] });
  const port = await new Promise((resolve, reject) => {
    let out = "";
    server.once("exit", (code) => reject(new Error(`serve exited ${code}`)));
    server.stdout.on("data", (chunk) => {
      out += chunk;
      const m = /127\.0\.0\.1:(\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
  });
  return { base: `http://127.0.0.1:${port}`, stop: () => server.kill() };
}

for (const [name, eng] of [["preview", engine], ["validate-only", validateOnly]]) {
  test(`${name} shell: the envelope it sends validates against envelope.schema.json`, async (t) => {
    const server = await intake();
    t.after(server.close);
    const r = await client(server.url, eng).submit(freshCase());
    assert.equal(r.status, "sent", JSON.stringify(r));
    const sent = server.requests[0].envelope;
    assert.ok(valid(sent), ajv.errorsText(valid.errors));
    const form = schema.properties.preview_summary.oneOf.find((f) => f.required.length === Object.keys(sent.preview_summary).length);
    assert.equal(form.title, name === "preview" ? "preview digest" : "validation digest");
    // The schema is not a rubber stamp: a wrong schema id or summary shape fails it.
    assert.equal(valid({ ...sent, schema: "complaint-rules/envelope@2" }), false);
    assert.equal(valid({ ...sent, preview_summary: { status: "ready" } }), false);
  });

  test(`${name} shell: the real backend accepts its envelope (201, the token once) and /v1/validate agrees`, async (t) => {
    const server = await backend();
    t.after(server.stop);
    const r = await client(`${server.base}/v1/cases`, eng).submit(freshCase());
    assert.equal(r.status, "sent", JSON.stringify(r));
    assert.equal(r.response.httpStatus, 201);
    const { id, access_token: token } = r.response.body;
    const got = await fetch(`${server.base}/v1/cases/${id}`, { headers: { Authorization: `Bearer ${token}` } });
    assert.equal(got.status, 200);
    assert.equal((await fetch(`${server.base}/v1/cases/${id}`)).status, 404, "no token, no case");
    // The same envelope through the stateless re-validation service.
    const stand = await intake();
    t.after(stand.close);
    await client(stand.url, eng).submit(freshCase());
    const envelope = stand.requests[0].envelope;
    const res = await fetch(`${server.base}/v1/validate`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(envelope) });
    assert.equal(res.status, 200, await res.clone().text());
    assert.equal((await res.json()).status, "ready");
  });

  test(`${name} shell: the Node example re-validates and stores its envelope once`, async (t) => {
    const dir = mkdtempSync(join(tmpdir(), "cr-node-intake-"));
    const data = join(dir, "cases.jsonl");
    const server = await startNodeIntake({ data });
    t.after(server.close);
    const c = client(server.url, eng);
    const r = await c.submit(freshCase());
    assert.equal(r.response?.httpStatus, 201, JSON.stringify(r));
    assert.match(r.response.body.id, /^case-[0-9a-f]{32}$/);
    const lines = readFileSync(data, "utf8").trim().split("\n");
    assert.equal(lines.length, 1);
    const stored = JSON.parse(lines[0]);
    // The same envelope again: 200 with the first answer, nothing stored twice.
    const again = await fetch(server.url, { method: "POST", headers: { "Content-Type": "application/json", "Idempotency-Key": stored.idempotency_key }, body: JSON.stringify(stored.envelope) });
    assert.equal(again.status, 200);
    assert.deepEqual(await again.json(), stored.response);
    // A tampered summary is refused.
    const tampered = { ...stored.envelope, idempotency_key: "k-tampered", preview_summary: { ...stored.envelope.preview_summary, codes: ["x"] } };
    const refused = await fetch(server.url, { method: "POST", headers: { "Content-Type": "application/json", "Idempotency-Key": "k-tampered" }, body: JSON.stringify(tampered) });
    assert.equal(refused.status, 422);
    assert.equal((await refused.json()).code, "tampered");
    assert.equal(readFileSync(data, "utf8").trim().split("\n").length, 1);
  });
}
