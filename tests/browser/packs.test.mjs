// The pack change preview page (www/packs.html) in a real headless Chromium (Debian's, driven by
// playwright-core): load a draft, see the diff, the impact on the sample cases (the same count as
// the engine gives under Node), what publishing requires, and the draft 公示 text.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { readFileSync, existsSync } from "node:fs";
import { join, extname, normalize } from "node:path";
import { chromium } from "playwright-core";
import init, { Engine } from "../../pkg/index.js";

const root = new URL("../../", import.meta.url).pathname;
const NOW_DAY = "2026-11-23";
const TYPES = { ".html": "text/html", ".js": "text/javascript", ".css": "text/css", ".json": "application/json", ".wasm": "application/wasm" };
let server;
let browser;
let base;

/** The ecommerce pack assembled from its manifest, with the draft part of examples/ merged over it. */
function draftDocument() {
  const read = (p) => JSON.parse(readFileSync(join(root, p), "utf8"));
  // As src/pack/parts.rs: catalogue maps entry by entry, sections key by key, the rest replaced.
  const merged = ["messages", "clauses", "fields", "source_catalogue", "classify", "deadlines", "preview"];
  const manifest = read("examples/packs/ecommerce-draft/manifest.json");
  const doc = {};
  for (const part of manifest.parts) {
    for (const [k, v] of Object.entries(read(join("examples/packs/ecommerce-draft", part)))) {
      if (k === "$schema") continue;
      doc[k] = merged.includes(k) && doc[k] ? { ...doc[k], ...v } : v;
    }
  }
  return doc;
}

before(async () => {
  // A static server: /pkg/… from pkg/, everything else from www/.
  server = createServer((req, res) => {
    const url = new URL(req.url, "http://x").pathname;
    const file = url.startsWith("/pkg/") ? join(root, normalize(url)) : join(root, "www", normalize(url === "/" ? "/index.html" : url));
    if (!file.startsWith(root) || !existsSync(file)) { res.writeHead(404).end(); return; }
    res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" }).end(readFileSync(file));
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${server.address().port}`;
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
});

after(async () => {
  await browser?.close();
  server?.close();
});

async function openPage() {
  const page = await browser.newPage({ viewport: { width: 1200, height: 2400 } });
  const errors = [];
  page.on("pageerror", (e) => errors.push(e));
  await page.goto(`${base}/packs.html`);
  await page.waitForFunction(() => document.body.dataset.state === "ready");
  await page.fill("#published", NOW_DAY);
  return { page, errors };
}

test("a draft's diff, impact, requirements and 公示 text", async () => {
  const { page, errors } = await openPage();
  const draft = draftDocument();
  await page.fill("#draft", JSON.stringify(draft));
  await page.click("#run");
  await page.waitForFunction(() => ["done", "invalid", "failed"].includes(document.body.dataset.state));
  assert.equal(await page.evaluate(() => document.body.dataset.state), "done", await page.textContent("#check"));

  const diff = await page.textContent("#diff");
  assert.match(diff, /\/evidence\/max_items/);
  assert.match(diff, /\/materials\/2/); // ecommerce has two materials; the draft adds a third

  // The page's count is the engine's under Node on the same sample cases.
  await init(readFileSync(join(root, "pkg/generated/complaint_rules_bg.wasm")));
  const engine = new Engine();
  const samples = JSON.parse(readFileSync(join(root, "www/sample-cases.json"), "utf8"));
  const want = engine.impact("ecommerce", draft, samples, { now: `${NOW_DAY}T09:00:00+08:00` }).summary.affected;
  engine.free();
  assert.ok(want > 0);
  const summary = await page.textContent("#impact-summary");
  assert.ok(summary.includes(`${samples.length} 件样例投诉中，${want} 件`), summary);
  assert.equal(await page.locator("#impact-cases tbody tr").count(), Math.min(want, 50));
  assert.match(await page.textContent("#impact-rules"), /DRAFT-ORDER-PROOF/);

  // Materials are an important-rights path: 15 days' notice (令116号 Art. 12), and the notice is short.
  const requirements = await page.textContent("#requirements");
  assert.match(requirements, /至少 15 日/);
  const notice = await page.inputValue("#notice");
  assert.match(notice, /^关于修改《/);
  assert.match(notice, /附件数量上限由 20 调整为 3/);
  assert.match(notice, /新增必备材料：订单或付款凭证（订单记录、付款记录或发票），适用于自然人投诉/);
  assert.match(notice, /公示期不少于 15 日/);
  assert.match(notice, /自 2027-01-01 起施行/);
  assert.deepEqual(errors, []);
  await page.close();
});

test("an invalid draft shows its problems with their pointers", async () => {
  const { page, errors } = await openPage();
  const draft = draftDocument();
  draft.messages["field.required"].zh = "请填写{feild}";
  await page.fill("#draft", JSON.stringify(draft));
  await page.click("#run");
  await page.waitForFunction(() => document.body.dataset.state === "invalid");
  assert.match(await page.textContent("#check"), /\/messages\/field\.required\/zh：unknown placeholder \{feild\}/);
  assert.deepEqual(errors, []);
  await page.close();
});
