// The demo page end to end in a real headless Chromium (Debian's, driven by playwright-core),
// against the real intake backend (`complaint-rules serve`) and a real SQLite file.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn, execFileSync } from "node:child_process";
import { mkdtempSync, mkdirSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { serverBin } from "../server-bin.mjs";

const root = new URL("../../", import.meta.url).pathname;
const bin = serverBin();
const db = join(mkdtempSync(join(tmpdir(), "cr-demo-")), "cases.sqlite");
let server;
let browser;
let base;

const freePort = () => new Promise((resolve) => {
  const s = createServer().listen(0, "127.0.0.1", () => { const { port } = s.address(); s.close(() => resolve(port)); });
});

/** Rows in the cases table, read from the SQLite file by Python's sqlite3 (a separate client). */
const rows = () => Number(execFileSync("python3", ["-c",
  "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('select count(*) from cases').fetchone()[0])", db]).toString().trim());

before(async () => {
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  server = spawn(bin, ["serve", "--addr", `127.0.0.1:${port}`, "--db", db, "--www", join(root, "www"), "--pkg", join(root, "pkg")], { cwd: root, stdio: ["ignore", "pipe", "inherit"] });
  for (let i = 0; i < 100; i++) {
    try { if ((await fetch(`${base}/healthz`)).ok) break; } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync"],
  });
});

after(async () => {
  await browser?.close();
  server?.kill();
});

/**
 * Opens the demo page and waits until `ready` holds in it (default: the first preview is shown);
 * `hold` is a URL pattern whose responses wait until `release()` is called.
 */
async function openPage({ ready = () => Number(document.body.dataset.previewCount ?? 0) > 0, hold } = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 1400 } });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e));
  let bytes = 0;
  page.on("response", async (r) => { try { bytes += (await r.body()).length; } catch { /* redirects */ } });
  let release = () => {};
  if (hold) {
    const held = new Promise((resolve) => { release = resolve; });
    await page.route(hold, async (route) => { await held; await route.continue(); });
  }
  await page.goto(`${base}/`);
  await page.waitForFunction(ready);
  return { context, page, errors, bytes: () => bytes, release };
}

async function waitPreview(page, before) {
  await page.waitForFunction((n) => Number(document.body.dataset.previewCount) > n, before);
}

async function fill(page, values) {
  for (const [sel, v] of Object.entries(values)) await page.fill(sel, v);
}

const GOOD = {
  "#f-name": "张三", "#f-id": "11010519491231002x", "#f-mobile": "13812341234", "#f-email": "zhang@example.com",
  "#f-address": "北京市朝阳区建国路1号", "#f-account": "zhang_san", "#f-rname": "某某数码旗舰店", "#f-shop": "某某数码旗舰店",
  "#f-oid": "E20261101001", "#f-oamount": "1299.00", "#f-ramount": "999.00", "#f-rtext": "退款",
  "#f-facts": "收到的手机屏幕有裂痕，联系客服三天无人处理。",
};

async function fillReady(page) {
  await fill(page, GOOD);
  const now = new Date(Date.now() + 8 * 3600e3);
  const local = (d) => d.toISOString().slice(0, 16);
  await page.fill("#f-paid", local(new Date(now - 5 * 86400e3)));
  await page.fill("#f-delivered", local(new Date(now - 3 * 86400e3)));
  await page.fill("#f-occurred", local(new Date(now - 2 * 86400e3)));
  await page.selectOption("#f-rtype", "refund");
  await page.selectOption("#ev-kind", "photo");
  await page.click("#ev-add");
  await page.selectOption("#ev-kind", "order_record");
  await page.click("#ev-add");
  await page.check("#f-truthful");
  await page.check("#f-consent");
}

test("problems in Chinese next to their fields, then ready, then one stored row", async () => {
  const { context, page, errors, bytes } = await openPage();
  console.log(`first load: ${(bytes() / 1024).toFixed(1)} KB transferred (uncompressed bodies)`);
  const n = Number(await page.evaluate(() => document.body.dataset.previewCount));
  await page.fill("#f-mobile", "12345");
  await waitPreview(page, n);
  const mobileError = await page.textContent("#err-f-mobile");
  assert.match(mobileError, /手机号码/);
  assert.equal(await page.getAttribute("#f-mobile", "aria-describedby"), "err-f-mobile");
  assert.equal(await page.getAttribute("#f-mobile", "aria-invalid"), "true");
  assert.match(await page.textContent("#err-f-rname"), /被投诉人/);
  await fillReady(page);
  await page.waitForFunction(() => /可以提交/.test(document.querySelector("#status").textContent));
  const keypress = [];
  for (let i = 0; i < 10; i++) {
    const before = Number(await page.evaluate(() => document.body.dataset.previewCount));
    await page.type("#f-rtext", "。");
    await waitPreview(page, before);
    keypress.push(Number(await page.evaluate(() => document.body.dataset.previewMs)));
  }
  keypress.sort((a, b) => a - b);
  console.log(`keypress → preview (engine + DOM, after debounce): median ${keypress[5]} ms`);
  await page.screenshot({ path: join(root, "docs/demo-zh.png"), fullPage: true });
  await page.selectOption("#locale", "en");
  await page.waitForFunction(() => /Ready to submit/.test(document.querySelector("#status").textContent));
  await page.screenshot({ path: join(root, "docs/demo-en.png"), fullPage: true });
  const before = rows();
  await page.click("#submit");
  await page.waitForFunction(() => document.querySelector("#server").dataset.result === "sent");
  assert.equal(rows(), before + 1);
  assert.deepEqual(errors, []);
  await context.close();
});

test("offline submit is queued, then flushed once when back online", async () => {
  const { context, page } = await openPage();
  await fillReady(page);
  await page.waitForFunction(() => /可以提交/.test(document.querySelector("#status").textContent));
  const before = rows();
  await context.setOffline(true);
  await page.click("#submit");
  await page.waitForFunction(() => document.querySelector("#server").dataset.result === "queued");
  await page.waitForFunction(() => /待发送 1/.test(document.querySelector("#net").textContent));
  assert.equal(rows(), before);
  await context.setOffline(false);
  await page.waitForFunction(() => !/待发送/.test(document.querySelector("#net").textContent), null, { timeout: 20000 });
  assert.equal(rows(), before + 1);
  await page.evaluate(() => window.__demo.client.flush());
  assert.equal(rows(), before + 1, "a second flush stores nothing new");
  await context.close();
});

test("markup typed into the facts is shown as text, never run", async () => {
  const { context, page } = await openPage();
  const n = Number(await page.evaluate(() => document.body.dataset.previewCount));
  const evil = '<img src=x onerror="window.__xss=1">屏幕质量问题';
  await page.fill("#f-facts", evil);
  await waitPreview(page, n);
  assert.equal(await page.evaluate(() => window.__xss), undefined);
  assert.equal(await page.locator("#facts-marked img").count(), 0);
  assert.match(await page.textContent("#facts-marked"), /<img src=x onerror=/);
  await context.close();
});

test("the form module checks the form before the full module arrives, which then takes over", async () => {
  const { context, page, errors, bytes, release } = await openPage({
    ready: () => Number(document.body.dataset.validateCount ?? 0) > 0,
    hold: "**/pkg/generated/complaint_rules_bg.wasm",
  });
  const n = Number(await page.evaluate(() => document.body.dataset.validateCount));
  await page.fill("#f-mobile", "12345");
  await page.waitForFunction((k) => Number(document.body.dataset.validateCount) > k, n);
  assert.match(await page.textContent("#err-f-mobile"), /手机号码/);
  assert.equal(await page.getAttribute("#f-mobile", "aria-invalid"), "true");
  assert.match(await page.textContent("#status"), /还有 \d+ 个问题需要处理/);
  assert.equal(await page.evaluate(() => document.body.dataset.previewCount), undefined, "no preview without the full module");
  console.log(`usable on the form module: ${(bytes() / 1024).toFixed(1)} KB transferred (uncompressed bodies)`);
  release();
  await page.waitForFunction(() => Number(document.body.dataset.previewCount ?? 0) > 0);
  assert.equal(await page.evaluate(() => document.body.dataset.fullModule), "1");
  assert.match(await page.textContent("#err-f-mobile"), /手机号码/, "the preview keeps the field's problem");
  assert.ok((await page.locator("#sections h2").count()) > 0, "the preview's sections are shown");
  assert.deepEqual(errors, []);
  await context.close();
});
