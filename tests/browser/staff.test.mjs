// The staff console and the complainant status page in a real headless Chromium against the real
// backend (a staff account made with `complaint-rules staff add`, its token pasted into the
// console) and SQLite file: record events through a case's life, an overdue
// case rises to the top of the queue, a late extension is refused, the complainant sees what
// happens next.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn, execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import init, { Engine } from "../../pkg/index.js";
import { serverBin } from "../server-bin.mjs";

const root = new URL("../../", import.meta.url).pathname;
const bin = serverBin();
const db = join(mkdtempSync(join(tmpdir(), "cr-staff-")), "cases.sqlite");
let TOKEN;
let server;
let browser;
let base;

const freePort = () => new Promise((resolve) => {
  const s = createServer().listen(0, "127.0.0.1", () => { const { port } = s.address(); s.close(() => resolve(port)); });
});
const sql = (query, ...args) => execFileSync("python3", ["-c",
  "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); r=c.execute(sys.argv[2], sys.argv[3:]).fetchall(); c.commit(); print(r[0][0] if r else '')",
  db, query, ...args]).toString().trim();
const ago = (hours) => new Date(Date.now() - hours * 3600e3).toISOString();

/** Submits a fresh complete case like the shell does, its times moved back by `hours`; returns
 * its id and the complainant's access token. */
async function submit(engine, key, hours = 0) {
  const c = JSON.parse(readFileSync(join(root, "tests/cases/base/natural_ecommerce.json"), "utf8"));
  Object.assign(c, { occurred_at: ago(hours + 70), submitted_at: ago(hours + 1) });
  Object.assign(c.order, { paid_at: ago(hours + 120), delivered_at: ago(hours + 72) });
  const now = new Date();
  const p = engine.preview(c, { now });
  assert.equal(p.status, "ready", JSON.stringify(p.findings));
  const envelope = { schema: "complaint-rules/envelope@1", case: c, preview_summary: p.summary, pack: p.pack,
    idempotency_key: key, client_time: now.toISOString() };
  const res = await fetch(`${base}/v1/cases`, { method: "POST", headers: { "Content-Type": "application/json", "Idempotency-Key": key }, body: JSON.stringify(envelope) });
  assert.equal(res.status, 201);
  const body = await res.json();
  return { id: body.id, token: body.access_token };
}

async function record(id, event) {
  const res = await fetch(`${base}/v1/cases/${id}/events`, { method: "POST", headers: { "Content-Type": "application/json", Authorization: `Bearer ${TOKEN}` }, body: JSON.stringify(event) });
  return res.status;
}

before(async () => {
  await init();
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  TOKEN = execFileSync(bin, ["staff", "add", "console-clerk", "--role", "staff", "--db", db]).toString().trim();
  server = spawn(bin, ["serve", "--addr", `127.0.0.1:${port}`, "--db", db, "--www", join(root, "www"), "--pkg", join(root, "pkg"), "--rate-limit", "0"], { cwd: root, stdio: ["ignore", "pipe", "inherit"] });
  for (let i = 0; i < 100; i++) {
    try { if ((await fetch(`${base}/healthz`)).ok) break; } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
  });
});

after(async () => {
  await browser?.close();
  server?.kill();
});

test("the console records events, puts the overdue case first and refuses a late extension", async () => {
  const engine = new Engine();
  const { id: fresh, token: freshToken } = await submit(engine, "staff-fresh");
  // The old case was received 40 days ago and accepted then: its resolution limit has run out.
  const { id: old } = await submit(engine, "staff-old", 24 * 40);
  engine.free();
  const by = { role: "customer_service", id: "cs1" };
  assert.equal(await record(old, { type: "acknowledged", at: ago(24 * 40 - 1), by }), 201);
  assert.equal(await record(old, { type: "accepted", at: ago(24 * 40 - 2), by }), 201);

  const page = await (await browser.newContext()).newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e));
  await page.goto(`${base}/staff.html`);
  await page.waitForFunction(() => document.body.dataset.ready === "1");
  await page.fill("#token", TOKEN);
  await page.click("#load");
  await page.waitForFunction(() => Number(document.body.dataset.queueCount ?? 0) > 0);
  const rows = await page.$$eval("#queue tbody tr", (trs) => trs.map((tr) => ({ id: tr.dataset.id, cls: tr.className })));
  assert.deepEqual(rows.map((r) => r.id), [old, fresh]);
  assert.equal(rows[0].cls, "state-overdue");

  // The late extension: the engine's check shows it, the backend refuses it, nothing is stored.
  await page.click(`#queue tr[data-id="${old}"]`);
  await page.waitForFunction(() => document.body.dataset.caseStage === "accepted");
  await page.selectOption("#ev-type", "extension_granted");
  await page.fill("#ev-role", "department_head");
  await page.fill("#ev-payload", JSON.stringify({ working_days: 10, approved_by: "d1" }));
  await page.click("#ev-check");
  await page.waitForFunction(() => document.body.dataset.eventResult === "error");
  assert.match(await page.textContent("#ev-result"), /H-PACK-RESOLVE/);
  await page.click("#ev-send");
  await page.waitForFunction(() => document.body.dataset.eventResult === "refused");
  assert.match(await page.textContent("#ev-result"), /409/);
  assert.equal(sql("SELECT count(*) FROM case_events WHERE case_id = ?", old), "2");

  // Recording through the fresh case's life: acknowledged, then accepted.
  await page.click(`#queue tr[data-id="${fresh}"]`);
  await page.waitForFunction(() => document.body.dataset.caseStage === "submitted");
  for (const [type, stage] of [["acknowledged", "acknowledged"], ["accepted", "accepted"]]) {
    await page.selectOption("#ev-type", type);
    await page.fill("#ev-role", "customer_service");
    await page.fill("#ev-payload", "{}");
    await page.click("#ev-send");
    await page.waitForFunction((s) => document.body.dataset.caseStage === s, stage);
  }
  assert.equal(sql("SELECT count(*) FROM case_events WHERE case_id = ?", fresh), "2");

  // The complainant's status page: what happens next, without internal steps.
  await page.goto(`${base}/status.html?id=${fresh}&token=${encodeURIComponent(freshToken)}`);
  await page.waitForFunction(() => document.body.dataset.loaded === "1");
  assert.equal(await page.textContent("#stage"), "accepted");
  const next = await page.$$eval("#next li", (lis) => lis.map((li) => li.dataset.action));
  assert.deepEqual(next, ["resolve"]);
  // Without the case's token (or with the staff token) the status page learns nothing.
  for (const token of ["", TOKEN]) {
    await page.goto(`${base}/status.html?id=${fresh}&token=${encodeURIComponent(token)}`);
    await page.waitForFunction(() => document.body.dataset.loaded === "1");
    assert.match(await page.textContent("#msg"), /no such case/);
    assert.equal(await page.textContent("#stage"), "");
  }
  assert.deepEqual(errors, []);
});
