// The preview from JS: the real wasm module against the native scenario expectations and the
// summaries the native snapshot test writes. Timing is printed, never asserted.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import init, { Engine, EngineError } from "../../pkg/index.js";
import { baseCase, mergePatch } from "./support.mjs";

await init();

const dir = new URL("../cases/preview/", import.meta.url);

function load(file) {
  const scenario = JSON.parse(readFileSync(new URL(file, dir), "utf8"));
  const base = scenario.base ? baseCase(scenario.base) : {};
  return { scenario, case: mergePatch(base, scenario.patch) };
}

function previewOf(engine, { scenario, case: c }, locale) {
  return engine.preview(c, {
    now: scenario.now,
    pack: scenario.pack,
    overrides: scenario.overrides,
    handling: scenario.handling,
    locale,
    // The native scenario runner reads the staff view unless a scenario asks for the complainant's.
    view: scenario.view ?? "staff",
  });
}

const snapshots = [
  ["ecommerce-tv", "reversed_inside.json"],
  ["trading-member-police", "tm_police.json"],
  ["ecommerce-complainant-view", "duty_late_handler_complainant.json"],
];

test("a typical case: the same summary as natively, the scenario's route, status and codes", () => {
  const engine = new Engine();
  for (const [name, file] of snapshots) {
    const s = load(file);
    const p = previewOf(engine, s, "zh-CN");
    const native = JSON.parse(readFileSync(new URL(`../snapshots/preview-${name}.summary.json`, import.meta.url), "utf8"));
    assert.deepEqual(p.summary, native, file);
    assert.deepEqual(p.route.applied.map((r) => r.id), s.scenario.expect_routes, file);
    assert.equal(p.summary.status, p.status, file);
    assert.deepEqual(p.summary.pack, p.pack, file);
    assert.equal(p.summary.category, p.classification.category.id, file);
    for (const f of p.findings) assert.ok(f.clause.title.zh, `${file}: ${f.code} has no clause`);
  }
  engine.free();
});

test("every preview scenario gives the routes, status and codes the native tests expect", () => {
  const engine = new Engine();
  const files = readdirSync(dir).filter((f) => f.endsWith(".json")).sort();
  assert.ok(files.length >= 20);
  for (const file of files) {
    const s = load(file);
    const p = previewOf(engine, s, "zh-CN");
    const codes = p.findings.map((f) => f.code);
    assert.deepEqual(p.route.applied.map((r) => r.id), s.scenario.expect_routes ?? [], file);
    if (s.scenario.expect_status) assert.equal(p.status, s.scenario.expect_status, file);
    for (const c of s.scenario.expect_codes ?? []) assert.ok(codes.includes(c), `${file}: expected ${c} in ${codes}`);
    for (const c of s.scenario.expect_absent ?? []) assert.ok(!codes.includes(c), `${file}: unexpected ${c}`);
    const serious = [...new Set(p.findings.filter((f) => f.severity !== "info").map((f) => f.code))].sort();
    // The digest covers every finding; the complainant's view shows only theirs.
    if (p.view === "staff") assert.deepEqual(p.summary.codes, serious, file);
    else {
      assert.ok(serious.every((c) => p.summary.codes.includes(c)), file);
      assert.ok(p.findings.every((f) => f.audience === "complainant") && p.route.applied.length === 0, file);
    }
    if (s.scenario.expect_supplements) {
      assert.deepEqual(p.supplements.map((x) => x.path).sort(), [...s.scenario.expect_supplements].sort(), file);
    }
  }
  engine.free();
});

test("the rendering in zh-CN and en matches the native snapshots", () => {
  const engine = new Engine();
  for (const [name, file] of snapshots) {
    for (const [locale, tag] of [["zh-CN", "zh"], ["en", "en"]]) {
      const r = previewOf(engine, load(file), locale).render;
      assert.equal(r.locale, locale);
      // Render::to_text, as the native snapshot test writes it.
      const text = `${r.title}\n` + r.sections.map((s) => `\n【${s.heading}】\n` + s.lines.map((l) => `  ${l}\n`).join("")).join("");
      assert.ok(r.sections.every((s) => s.id && s.heading && Array.isArray(s.lines)));
      assert.ok(!/<[a-z]/i.test(JSON.stringify(r)), "no HTML in the rendering");
      const snapshot = readFileSync(new URL(`../snapshots/preview-${name}.${tag}.txt`, import.meta.url), "utf8");
      assert.equal(text, snapshot, `${name}.${tag}`);
    }
  }
  const zh = previewOf(engine, load("reversed_inside.json"), undefined).render;
  assert.equal(zh.locale, "zh-CN", "zh-CN is the default");
  engine.free();
});

test("bad options and bad input are EngineErrors", () => {
  const engine = new Engine();
  const { case: c } = load("route_999.json");
  const bad = [
    [{}, "option"],
    [{ now: "yesterday" }, "option"],
    [{ now: new Date(Number.NaN) }, "option"],
    [{ now: "2026-11-20T09:30:00+08:00", locale: "fr" }, "option"],
    [{ now: "2026-11-20T09:30:00+08:00", handling: { reviewer: "boss" } }, "option"],
    [{ now: "2026-11-20T09:30:00+08:00", overrides: { category: { id: "no_such", by: "staff" } } }, undefined],
    [{ now: "2026-11-20T09:30:00+08:00", pack: "no-such-pack" }, "unknown_pack"],
    ["2026-11-20", "option"],
  ];
  for (const [opts, code] of bad) {
    assert.throws(
      () => engine.preview(c, opts),
      (e) => e instanceof EngineError && (code === undefined || e.code === code),
      JSON.stringify(opts),
    );
  }
  assert.throws(() => engine.preview([1, 2], { now: "2026-11-20T09:30:00+08:00" }), EngineError);
  assert.throws(() => engine.preview(undefined, { now: "2026-11-20T09:30:00+08:00" }), EngineError);
  engine.free();
});

test("preview timing (printed, not asserted)", () => {
  const engine = new Engine();
  const s = load("reversed_inside.json");
  const times = [];
  for (let i = 0; i < 200; i++) {
    const t = process.hrtime.bigint();
    previewOf(engine, s, "zh-CN");
    times.push(Number(process.hrtime.bigint() - t) / 1000);
  }
  times.sort((a, b) => a - b);
  console.log(`preview: median ${times[times.length >> 1].toFixed(0)} µs over ${times.length} calls`);
  engine.free();
});
