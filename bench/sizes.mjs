// Sizes, raw / gzip -9 / brotli q11: the web modules (full and form), their JS glue and the
// hand-written package files, the mini-program packages when built, and the peers' esbuild bundles.
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { gzipSync, brotliCompressSync, constants } from "node:zlib";

const root = new URL("../", import.meta.url);

function size(rel) {
  const url = new URL(rel, root);
  if (!existsSync(url)) return null;
  const bytes = readFileSync(url);
  return { file: rel, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length };
}

/** Files found under `dir` (relative to the repo) whose names match `re`. */
function find(dir, re) {
  const url = new URL(dir, root);
  if (!existsSync(url)) return [];
  return readdirSync(url, { recursive: true }).filter((f) => re.test(f)).sort().map((f) => `${dir}${f}`);
}

export function sizes() {
  const engine = ["pkg/generated/complaint_rules_bg.wasm", "pkg/generated/complaint_rules.js", "pkg/generated/form/complaint_rules_bg.wasm", "pkg/generated/form/complaint_rules.js", "pkg/index.js", "pkg/form.js", "pkg/engine.js", "pkg/loader.js", "pkg/shell.js"].map(size).filter(Boolean);
  const mini = find("pkg/miniprogram/", /\.(wasm|js|br)$/).filter((f) => !f.includes("node_modules")).map(size);
  const peers = find("bench/generated/", /^bundle-.*\.js$/).map(size);
  return { engine, mini, peers };
}
