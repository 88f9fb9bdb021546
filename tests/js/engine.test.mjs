// The npm package under Node: the real wasm module, the same scenarios as the native tests.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import init, { Engine, EngineError, version } from "../../pkg/index.js";
import { NOW, baseCase, scenarios } from "./support.mjs";

await init();

test("every scenario gives the same problems in wasm as the native tests expect", () => {
  const engine = new Engine();
  for (const { name, scenario, case: c } of scenarios()) {
    const result = engine.validate(c, { now: scenario.now, pack: scenario.pack });
    const got = result.problems.map((p) => `${p.code} ${p.path}`).sort();
    const want = scenario.expect.problems.map(([code, path]) => `${code} ${path}`).sort();
    assert.deepEqual(got, want, name);
    assert.equal(result.status, scenario.expect.status, name);
  }
  engine.free();
});

test("init accepts bytes and a compiled module as well", async () => {
  const bytes = readFileSync(new URL("../../pkg/generated/complaint_rules_bg.wasm", import.meta.url));
  await init(bytes);
  await init(new WebAssembly.Module(bytes));
  assert.match(version(), /^\d+\.\d+\.\d+/);
});

test("a `now` Date and the trading-member pack", () => {
  const engine = new Engine({ pack: "trading-member" });
  const r = engine.validate(baseCase("natural_trading"), { now: new Date("2026-11-23T02:00:00Z") });
  assert.equal(r.status, "ready");
  assert.equal(r.pack.id, "trading-member");
  engine.free();
});

test("messages name the field in Chinese and English", () => {
  const engine = new Engine();
  const c = baseCase("natural_ecommerce");
  c.complainant.mobile = "12345";
  const [p] = engine.validate(c, { now: NOW }).problems;
  assert.equal(p.path, "/complainant/mobile");
  assert.match(p.message.zh, /投诉人手机号码/);
  assert.match(p.message.en, /mobile number/);
  engine.free();
});

test("mask hides personal data as the pack says", () => {
  const engine = new Engine();
  const m = engine.mask(baseCase("natural_ecommerce"), { now: NOW });
  assert.equal(m.complainant.id_number, "110105********002X");
  assert.equal(m.complainant.mobile, "138****1234");
  assert.equal(m.complainant.email, "z***@example.com");
  assert.equal(m.complainant.name, "张*");
  engine.free();
});

test("a custom pack document becomes the default, and a broken one names its paths", () => {
  const base = new Engine();
  const doc = base.packDocument("ecommerce");
  base.free();
  const strict = structuredClone(doc);
  strict.id = "strict";
  strict.lengths.find((l) => l.path === "/facts").min = 100;
  const engine = new Engine({ pack: strict });
  const codes = engine.validate(baseCase("natural_ecommerce"), { now: NOW }).problems.map((p) => p.code);
  assert.deepEqual(codes, ["text.too_short"]);
  engine.free();

  const broken = structuredClone(doc);
  broken.id = "broken";
  broken.required[0].clause = "NO-SUCH-CLAUSE";
  broken.formats[0].path = "/complainant/shoe_size";
  assert.throws(() => new Engine({ pack: broken }), (e) => {
    assert.ok(e instanceof EngineError);
    assert.equal(e.code, "pack");
    const paths = e.problems.map((p) => p.path);
    assert.ok(paths.includes("/required/0/clause"), paths.join());
    assert.ok(paths.includes("/formats/0/path"), paths.join());
    return true;
  });
});

