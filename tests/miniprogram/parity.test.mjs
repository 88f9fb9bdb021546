// The mini-program build gives the same answers as the web build: every validation scenario and
// base case, previewed by the web package in Node and by the mini-program package in the emulated
// logic layer (no reference types, no multi-value, polyfilled text codecs), compared as JSON.
import { test } from "node:test";
import assert from "node:assert/strict";
import init, { Engine as WebEngine } from "../../pkg/index.js";
import { scenarios, baseCase, NOW } from "../js/support.mjs";
import { createRuntime } from "./runtime.mjs";
import { EXAMPLE } from "./support.mjs";

test("preview, validate and classify agree with the web build on every scenario", async () => {
  await init();
  const web = new WebEngine();
  const rt = createRuntime({ root: EXAMPLE, ios: true });
  const { loadEngine } = rt.require("complaint-rules");
  const { Engine } = await loadEngine({ wasmPath: "/miniprogram_npm/complaint-rules/engine.wasm.br", host: rt.context.WXWebAssembly });
  const mp = new Engine();
  const cases = [
    ...scenarios().map((s) => [s.name, s.case]),
    ...["natural_ecommerce", "legal_ecommerce", "natural_trading", "legal_trading"].map((n) => [n, baseCase(n)]),
  ];
  for (const [name, c] of cases) {
    for (const locale of ["zh-CN", "en"]) {
      assert.equal(JSON.stringify(mp.preview(c, { now: NOW, locale })), JSON.stringify(web.preview(c, { now: NOW, locale })), `${name} ${locale}`);
    }
    assert.equal(JSON.stringify(mp.validate(c, { now: NOW })), JSON.stringify(web.validate(c, { now: NOW })), name);
    if (typeof c.facts === "string") assert.equal(JSON.stringify(mp.classify(c.facts)), JSON.stringify(web.classify(c.facts)), name);
  }
  console.log(`compared ${cases.length} cases (preview zh-CN + en, validate, classify)`);
  mp.free();
  web.free();
});
