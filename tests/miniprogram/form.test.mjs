// The form package for mini-programs (pkg/miniprogram/dist-form: validate, mask, session) in the
// emulated logic layer in iOS mode: the module passes iOS's checks, loads through the same
// loadEngine, validates every scenario and base case exactly as the full web build does, and the
// calls it leaves out answer not_in_module. Its upload size is printed beside the full package's.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, mkdtempSync, cpSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import init, { Engine as WebEngine } from "../../pkg/index.js";
import { scenarios, baseCase, NOW } from "../js/support.mjs";
import { iosProblems } from "./module-check.mjs";
import { createRuntime } from "./runtime.mjs";
import { DIST, ROOT } from "./support.mjs";
import { packageSizes, sizeReport } from "../../scripts/miniprogram/package.mjs";

const FORM_DIST = join(ROOT, "pkg/miniprogram/dist-form");

/** A code package holding only the form package, as a form-only mini-program would upload it. */
function formRoot() {
  const root = mkdtempSync(join(tmpdir(), "cr-mp-form-"));
  mkdirSync(join(root, "miniprogram_npm"));
  cpSync(FORM_DIST, join(root, "miniprogram_npm/complaint-rules"), { recursive: true });
  return root;
}

test("the form module passes iOS's checks and is the smaller upload", () => {
  assert.deepEqual(iosProblems(readFileSync(join(FORM_DIST, "engine.wasm"))), []);
  console.log(`form: ${sizeReport(FORM_DIST)}`);
  console.log(`full: ${sizeReport(DIST)}`);
  assert.ok(packageSizes(FORM_DIST).shipped < packageSizes(DIST).shipped);
});

test("the form package validates, masks and edits as the full web build does, in iOS mode", async () => {
  await init();
  const web = new WebEngine();
  const rt = createRuntime({ root: formRoot(), ios: true });
  const { loadEngine } = rt.require("complaint-rules");
  const { Engine } = await loadEngine({ wasmPath: "/miniprogram_npm/complaint-rules/engine.wasm.br", host: rt.context.WXWebAssembly });
  assert.deepEqual(rt.wasmLoads.map((l) => l.path), ["/miniprogram_npm/complaint-rules/engine.wasm.br"]);
  const mp = new Engine();
  const cases = [
    ...scenarios().map((s) => [s.name, s.case, s.scenario.now ?? NOW]),
    ...["natural_ecommerce", "legal_ecommerce", "natural_trading", "legal_trading"].map((n) => [n, baseCase(n), NOW]),
  ];
  for (const [name, c, now] of cases) {
    for (const locale of ["zh-CN", "en"]) {
      assert.equal(JSON.stringify(mp.validate(c, { now, locale })), JSON.stringify(web.validate(c, { now, locale })), `${name} ${locale}`);
    }
    assert.equal(JSON.stringify(mp.mask(c, { now })), JSON.stringify(web.mask(c, { now })), `${name}: mask`);
  }
  const a = web.session(baseCase("natural_ecommerce"), { now: NOW });
  const b = mp.session(baseCase("natural_ecommerce"), { now: NOW });
  for (const digits of ["1", "138", "13812345678"]) {
    assert.equal(JSON.stringify(b.set("/complainant/mobile", digits)), JSON.stringify(a.set("/complainant/mobile", digits)), digits);
  }
  assert.throws(() => mp.preview(baseCase("natural_ecommerce"), { now: NOW }), (e) => e.code === "not_in_module" && e.path === "previewJson");
  assert.throws(() => b.preview(), (e) => e.code === "not_in_module");
  console.log(`compared ${cases.length} cases (validate zh-CN + en, mask) and a session`);
  a.free();
  b.free();
  mp.free();
  web.free();
});
