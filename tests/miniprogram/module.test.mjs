// The built mini-program package itself: the module's feature set and exports (what iOS checks),
// the glue made mini-program-safe, the size limit, and iOS mode rejecting a module with an
// exported global while normal mode runs it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync, mkdtempSync, cpSync, copyFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { brotliDecompressSync, brotliCompressSync } from "node:zlib";
import binaryen from "binaryen";
import { ALLOWED_FEATURES, iosProblems } from "./module-check.mjs";
import { launch } from "./runtime.mjs";
import { DIST, EXAMPLE, GENERATED } from "./support.mjs";
import { FORBIDDEN, packageSizes, sizeReport } from "../../scripts/miniprogram/package.mjs";

const wasm = readFileSync(join(DIST, "engine.wasm"));

test("the module uses only MVP + the allowed features and exports no global", () => {
  console.log(`allowed beyond MVP: ${ALLOWED_FEATURES.join(", ")}`);
  assert.deepEqual(iosProblems(wasm), []);
  const kinds = WebAssembly.Module.exports(new WebAssembly.Module(wasm)).map((e) => e.kind);
  assert.ok(kinds.includes("function") && kinds.includes("memory"));
  assert.equal(kinds.includes("global"), false);
});

test("the feature check rejects reference types and multi-value (it is not vacuous)", () => {
  const refTypes = new binaryen.Module();
  refTypes.setFeatures(binaryen.Features.All);
  refTypes.addFunction("f", binaryen.none, binaryen.externref, [], refTypes.ref.null(binaryen.externref));
  refTypes.addFunctionExport("f", "f");
  const multi = new binaryen.Module();
  multi.setFeatures(binaryen.Features.All);
  const pair = binaryen.createType([binaryen.i32, binaryen.i32]);
  multi.addFunction("g", binaryen.none, pair, [], multi.tuple.make([multi.i32.const(1), multi.i32.const(2)]));
  multi.addFunctionExport("g", "g");
  for (const [name, m] of [["reference types", refTypes], ["multi-value", multi]]) {
    const problems = iosProblems(m.emitBinary());
    m.dispose();
    assert.equal(problems.length, 1, name);
    assert.match(problems[0], /features outside MVP/, name);
  }
});

test("engine.wasm.br is the same module, brotli-compressed", () => {
  assert.deepEqual(brotliDecompressSync(readFileSync(join(DIST, "engine.wasm.br"))), wasm);
});

test("the bundled glue has no import.meta, fetch, new Function or eval, and is CommonJS", () => {
  const code = readFileSync(join(DIST, "index.js"), "utf8");
  for (const [pattern, why] of FORBIDDEN) assert.equal(pattern.test(code), false, why);
  assert.doesNotMatch(code, /^\s*(import|export)\s/m);
  const optional = /typeof FinalizationRegistry\s*={2,3}\s*['"]undefined['"]/.test(code);
  assert.ok(optional, "weak-ref cleanup stays optional (FinalizationRegistry tested before use)");
});

test("the uploaded package (engine.wasm.br + glue + adapter) is under WeChat's 2 MB limit", () => {
  console.log(sizeReport(DIST));
  // WeChat counts what is uploaded: the example's project.config.json leaves the raw engine.wasm
  // (kept for the feature checks and DevTools) out of the upload, and a .wasm.br counts compressed.
  const config = JSON.parse(readFileSync(join(EXAMPLE, "project.config.json"), "utf8"));
  const ignored = config.packOptions.ignore.map((rule) => rule.value);
  assert.ok(ignored.includes("miniprogram_npm/complaint-rules/engine.wasm"), "engine.wasm is left out of the upload");
  const { shipped } = packageSizes(DIST);
  assert.ok(shipped < 2 * 1024 * 1024, `uploaded package is ${(shipped / 1024).toFixed(1)} KB`);
});

test("a build that keeps wasm-bindgen's exported globals is rejected in iOS mode and runs in normal mode", async () => {
  const broken = readFileSync(join(GENERATED, "with-exported-globals.wasm"));
  assert.match(iosProblems(broken).join(), /exports globals: .*__abort_handler/);
  const root = mkdtempSync(join(tmpdir(), "cr-mp-broken-"));
  cpSync(EXAMPLE, root, { recursive: true });
  const pkg = join(root, "miniprogram_npm/complaint-rules");
  copyFileSync(join(GENERATED, "with-exported-globals.wasm"), join(pkg, "engine.wasm"));
  writeFileSync(join(pkg, "engine.wasm.br"), brotliCompressSync(broken));
  await assert.rejects(launch({ root, ios: true }).app.engineReady, /WXWebAssembly \(iOS\) rejected .*exports globals: .*__abort_handler/);
  const engine = await launch({ root, ios: false }).app.engineReady;
  assert.equal(typeof engine.preview, "function");
});
