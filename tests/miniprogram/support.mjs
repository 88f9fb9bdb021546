// Shared by the mini-program tests: paths, the reference backend on 127.0.0.1 with a temp SQLite
// file, and a page filled in like a user would.
import { spawn, execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { serverBin } from "../server-bin.mjs";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const EXAMPLE = join(ROOT, "examples/miniprogram");
export const DIST = join(ROOT, "pkg/miniprogram/dist");
export const GENERATED = join(ROOT, "pkg/miniprogram/generated");

/** `complaint-rules serve` on a free port with a fresh SQLite file: `{ endpoint, rows(), stop() }`. */
export async function backend() {
  const db = join(mkdtempSync(join(tmpdir(), "cr-mp-")), "cases.sqlite");
  const bin = serverBin();
  const server = spawn(bin, ["serve", "--addr", "127.0.0.1:0", "--db", db, "--www", join(ROOT, "www"), "--pkg", join(ROOT, "pkg")], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "inherit"],
  });
  const port = await new Promise((resolve, reject) => {
    let out = "";
    server.once("exit", (code) => reject(new Error(`backend exited (${code}) before listening: ${out}`)));
    server.stdout.on("data", (chunk) => {
      out += chunk;
      const m = /127\.0\.0\.1:(\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100 && !(await fetch(`${base}/healthz`).then((r) => r.ok, () => false)); i++) {
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    endpoint: `${base}/v1/cases`,
    base,
    /** Rows in the cases table, read by Python's sqlite3 (a separate client). */
    rows: () => Number(execFileSync("python3", ["-c", "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('select count(*) from cases').fetchone()[0])", db]).toString().trim()),
    stop: () => server.kill(),
  };
}

/** "YYYY-MM-DD HH:mm" in UTC+08:00, `days` before now. */
export function daysAgo(days) {
  return new Date(Date.now() + 8 * 3600e3 - days * 86400e3).toISOString().slice(0, 16).replace("T", " ");
}

/** Types each value into its field the way WXML's bindinput delivers it. */
export function type(page, values) {
  for (const [field, value] of Object.entries(values)) page.onInput({ currentTarget: { dataset: { field } }, detail: { value } });
}

/** A complete, valid complaint typed into the page. */
export function fillReady(page) {
  type(page, {
    name: "张三", id_number: "11010519491231002X", mobile: "13812341234", email: "zhang@example.com",
    address: "北京市朝阳区建国路1号", account: "zhang_san", respondent_name: "某某数码旗舰店", shop: "某某数码旗舰店",
    order_id: "E20261101001", order_amount: "1299.00", paid_at: daysAgo(5), delivered_at: daysAgo(3), occurred_at: daysAgo(2),
    facts: "收到的手机屏幕有裂痕，联系客服三天无人处理。", request_amount: "999.00", request_text: "退款",
  });
  page.onRequestType({ detail: { value: "0" } });
  page.onEvidenceKind({ detail: { value: "0" } });
  page.onAddEvidence();
  page.onEvidenceKind({ detail: { value: "2" } });
  page.onAddEvidence();
  page.onDeclarations({ detail: { value: ["truthful", "privacy_consent"] } });
}
