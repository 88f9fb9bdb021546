// The handling lifecycle from JS: the real wasm module gives, for every scenario under
// tests/cases/handling and in both views, exactly the result the native engine wrote to
// tests/snapshots/handling.json; bad records throw an EngineError naming the event and field.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import init, { Engine, EngineError } from "../../pkg/index.js";
import { baseCase, mergePatch } from "./support.mjs";

await init();

const dir = new URL("../cases/handling/", import.meta.url);
const native = JSON.parse(readFileSync(new URL("../snapshots/handling.json", import.meta.url), "utf8"));

function scenarios() {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => {
      const scenario = JSON.parse(readFileSync(new URL(f, dir), "utf8"));
      const base = scenario.base ? baseCase(scenario.base) : {};
      return { name: f.replace(/\.json$/, ""), scenario, case: mergePatch(base, scenario.patch) };
    });
}

test("wasm gives the native result for every scenario in both views", () => {
  const engine = new Engine();
  let compared = 0;
  for (const { name, scenario, case: c } of scenarios()) {
    if (scenario.expect.error_path) continue;
    for (const view of ["staff", "complainant"]) {
      const got = engine.handling(c, scenario.record, { now: scenario.now, pack: scenario.pack, view });
      assert.deepEqual(got, native[name][view], `${name} (${view})`);
      compared += 1;
    }
  }
  assert.ok(compared >= 80, `only ${compared} results compared`);
  engine.free();
});

test("a bad record throws an EngineError naming the event index and field", () => {
  const engine = new Engine();
  for (const { scenario, case: c } of scenarios().filter((s) => s.scenario.expect.error_path)) {
    assert.throws(
      () => engine.handling(c, scenario.record, { now: scenario.now, pack: scenario.pack }),
      (e) => e instanceof EngineError && e.path === scenario.expect.error_path && /第 \d+ 个事件/.test(e.messages.zh),
    );
  }
  assert.throws(() => engine.handling({}, { events: [] }, { now: "2026-03-02T10:00:00+08:00", locale: "fr" }), EngineError);
  assert.throws(() => engine.handling({}, { events: [] }, { now: "2026-03-02T10:00:00+08:00", view: "boss" }), EngineError);
  assert.throws(() => engine.handling({}, undefined, { now: "2026-03-02T10:00:00+08:00" }), EngineError);
  engine.free();
});
