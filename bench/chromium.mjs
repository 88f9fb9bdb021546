// Page-level numbers in Debian's Chromium through playwright-core, against the demo page served
// by `complaint-rules serve`: keypress → updated preview (the page's own engine + DOM time, read
// from data-preview-ms, after its 120 ms debounce) and the engine's per-call time inside the page
// (preview in the staff view, as in the Node row it is compared with).
import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { join } from "node:path";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { chromium } from "playwright-core";
import { summary } from "./lib/stats.mjs";
import { serverBin } from "../tests/server-bin.mjs";

const root = new URL("../", import.meta.url).pathname;

const freePort = () => new Promise((resolve) => {
  const s = createServer().listen(0, "127.0.0.1", () => { const { port } = s.address(); s.close(() => resolve(port)); });
});

export async function pageNumbers(sample, now) {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const db = join(mkdtempSync(join(tmpdir(), "cr-bench-")), "cases.sqlite");
  const server = spawn(serverBin(), ["serve", "--addr", `127.0.0.1:${port}`, "--db", db, "--www", join(root, "www"), "--pkg", join(root, "pkg")], { stdio: "ignore" });
  let browser;
  try {
    for (let i = 0; i < 100; i++) {
      try { if ((await fetch(`${base}/healthz`)).ok) break; } catch { /* not up yet */ }
      await new Promise((r) => setTimeout(r, 100));
    }
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });
    const page = await browser.newPage();
    await page.goto(`${base}/`);
    await page.waitForFunction(() => Number(document.body.dataset.previewCount ?? 0) > 0);
    const keypress = [];
    for (let i = 0; i < 25; i++) {
      const before = Number(await page.evaluate(() => document.body.dataset.previewCount));
      await page.type("#f-facts", "屏");
      await page.waitForFunction((n) => Number(document.body.dataset.previewCount) > n, before);
      keypress.push(Number(await page.evaluate(() => document.body.dataset.previewMs)) * 1000);
    }
    // The engine inside the page: batches of 20 calls (the page clock is coarse), per-call mean
    // of each batch, median over batches.
    const inPage = await page.evaluate(async ({ cases, now }) => {
      const m = await import("/pkg/index.js");
      await m.default();
      const e = new m.Engine();
      const batches = (fn) => {
        for (const c of cases.slice(0, 20)) fn(c);
        const out = [];
        for (let i = 0; i + 20 <= cases.length; i += 20) {
          const t = performance.now();
          for (const c of cases.slice(i, i + 20)) fn(c);
          out.push(((performance.now() - t) * 1000) / 20);
        }
        return out;
      };
      return { validate: batches((c) => e.validate(c, { now })), preview: batches((c) => e.preview(c, { now, view: "staff" })) };
    }, { cases: sample, now });
    return { keypress: summary(keypress), validate: summary(inPage.validate), preview: summary(inPage.preview) };
  } finally {
    await browser?.close();
    server.kill();
  }
}
