// Bad input from JS never panics and never kills the module: a few hundred malformed values, each
// answered with an EngineError or a blocked result, then a valid case still validates.
import { test } from "node:test";
import assert from "node:assert/strict";
import init, { Engine, EngineError } from "../../pkg/index.js";
import { NOW, baseCase } from "./support.mjs";

await init();

function malformedValues() {
  const cyclic = {};
  cyclic.self = cyclic;
  let deep = {};
  for (let i = 0; i < 10_000; i++) deep = { facts: deep };
  const good = baseCase("natural_ecommerce");
  const scalars = [undefined, null, 0, -0, 1, NaN, Infinity, -Infinity, 1e309, true, false, "", "x", "{}", 10n,
    Symbol("s"), () => 1, new Date(NaN), [], [1, 2], [[[]]], new Map(), "\uD800", "x".repeat(2_000_000)];
  const out = [...scalars, cyclic, deep, Object.create(null), JSON.parse('{"__proto__": {"x": 1}}'),
    { constructor: { prototype: 1 } }];
  // Every field of a good case replaced by each scalar.
  const paths = [["facts"], ["complainant"], ["complainant", "mobile"], ["complainant", "id_number"], ["order", "amount"],
    ["evidence"], ["evidence", 0], ["evidence", 0, "size"], ["declarations", "truthful"], ["submitted_at"], ["request", "type"]];
  for (const path of paths) {
    for (const v of scalars.slice(0, 20)) {
      const c = structuredClone(good);
      let node = c;
      for (const k of path.slice(0, -1)) node = node[k];
      node[path.at(-1)] = v;
      out.push(c);
    }
  }
  return out;
}

test("hundreds of malformed values: structured error or blocked, never a crash", () => {
  const engine = new Engine();
  const values = malformedValues();
  assert.ok(values.length >= 200, `${values.length}`);
  let errors = 0;
  let blocked = 0;
  for (const v of values) {
    try {
      const r = engine.validate(v, { now: NOW });
      assert.ok(["ready", "blocked"].includes(r.status));
      if (r.status === "blocked") {
        blocked++;
        for (const p of r.problems) assert.ok(p.message.zh && p.message.en && typeof p.path === "string");
      }
    } catch (e) {
      assert.ok(e instanceof EngineError, `not an EngineError: ${e}`);
      assert.ok(e.code && e.messages.zh && e.messages.en);
      errors++;
    }
  }
  assert.ok(errors > 0 && blocked > 0);
  for (const opts of [undefined, null, {}, { now: "yesterday" }, { now: 5 }, { now: new Date(NaN) }, "x"]) {
    assert.throws(() => engine.validate(baseCase("natural_ecommerce"), opts), EngineError);
  }
  assert.equal(engine.validate(baseCase("natural_ecommerce"), { now: NOW }).status, "ready");
  engine.free();
});

test("an unknown pack id is a structured error", () => {
  assert.throws(() => new Engine({ pack: "nope" }), (e) => e instanceof EngineError && e.code === "unknown_pack");
});
