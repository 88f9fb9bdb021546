// The small form module (complaint-rules/form) against the full module, both real wasm modules
// loaded side by side in one process: every validation scenario, masking and the live-form
// session answer exactly as the full module does, in every locale; a custom full pack given at
// run time works in both; the calls only the full module has answer `not_in_module`.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import initFull, { Engine as FullEngine } from "../../pkg/index.js";
import initForm, { Engine as FormEngine, EngineError } from "../../pkg/form.js";
import { NOW, baseCase, scenarios } from "./support.mjs";

/** What the form entry answers before its module is loaded. */
const early = (() => {
  try {
    new FormEngine();
    return null;
  } catch (e) {
    return e;
  }
})();

await initFull();
await initForm();

const full = new FullEngine();
const form = new FormEngine();
const samples = JSON.parse(readFileSync(new URL("../../www/sample-cases.json", import.meta.url), "utf8"));

/** The answer of a call, or the error it threw (as plain data). */
function outcome(call) {
  try {
    return { ok: call() };
  } catch (e) {
    return { error: { name: e.name, code: e.code, path: e.path, messages: e.messages } };
  }
}

test("before init the form entry says the module is not loaded", () => {
  assert.ok(early instanceof EngineError, String(early));
  assert.equal(early.code, "not_loaded");
});

test("every validation scenario and sample case validates as in the full module, in every locale", () => {
  const cases = [
    ...scenarios().map(({ name, scenario, case: c }) => ({ name, c, now: scenario.now ?? NOW, pack: scenario.pack })),
    ...samples.map((s, i) => ({ name: `sample ${i}`, c: s.case ?? s, now: NOW })),
  ];
  assert.ok(cases.length > 50, `only ${cases.length} cases`);
  let blocked = 0;
  for (const { name, c, now, pack } of cases) {
    for (const locale of [undefined, "zh-CN", "en"]) {
      const opts = { now, pack, locale };
      const want = outcome(() => full.validate(c, opts));
      assert.deepEqual(outcome(() => form.validate(c, opts)), want, `${name} (${locale ?? "both"})`);
      if (want.ok?.status === "blocked") blocked += 1;
    }
    assert.deepEqual(outcome(() => form.mask(c, { now })), outcome(() => full.mask(c, { now })), `${name}: mask`);
  }
  assert.ok(blocked > 0, "no case was blocked: the comparison saw no findings");
});

test("a session edits the same way in both modules", () => {
  const edits = [
    ["/complainant/mobile", "1381234"],
    ["/complainant/mobile", " 13812341234 "],
    ["/facts", "短"],
    ["/complainant/kind", "legal"],
    ["/request/amount", "99999"],
    ["/declarations/truthful", false],
    ["/submitted_at", "2020-01-01T00:00:00+08:00"],
  ];
  for (const base of ["natural_ecommerce", "natural_trading"]) {
    const a = full.session(baseCase(base), { now: NOW, locale: "en" });
    const b = form.session(baseCase(base), { now: NOW, locale: "en" });
    assert.deepEqual(b.findings(), a.findings(), base);
    for (const [pointer, value] of edits) {
      assert.deepEqual(outcome(() => b.set(pointer, value)), outcome(() => a.set(pointer, value)), `${base} ${pointer}`);
      assert.deepEqual(b.findings(), a.findings(), `${base} after ${pointer}`);
    }
    a.free();
    b.free();
  }
});

test("the packs are the same; a form pack document keeps what a form reads", () => {
  assert.deepEqual(form.packs(), full.packs());
  for (const { id } of full.packs()) {
    const whole = full.packDocument(id);
    const small = form.packDocument(id);
    for (const section of ["classify", "preview", "handling"]) {
      assert.ok(whole[section], `${id}: the full document has ${section}`);
      assert.equal(small[section], undefined, `${id}: the form document has no ${section}`);
    }
    assert.deepEqual(Object.keys(small.deadlines), ["calendar"], id);
    assert.deepEqual(small.deadlines.calendar, whole.deadlines.calendar, id);
    for (const key of ["required", "formats", "lengths", "chronology", "declarations", "materials", "fields"]) {
      assert.deepEqual(small[key], whole[key], `${id}: ${key}`);
    }
    // The messages a form looks up (the validator's codes, each material, the calendar's
    // warning), each as in the full document; the parity tests above show none is missing.
    const kept = Object.keys(small.messages);
    assert.ok(kept.length > 20 && kept.length < Object.keys(whole.messages).length, `${id}: messages ${kept.length}`);
    for (const key of kept) assert.deepEqual(small.messages[key], whole.messages[key], `${id}: message ${key}`);
    for (const { name } of small.materials) assert.ok(small.messages[`material.${name}`], `${id}: material.${name}`);
    for (const key of ["field.type", "field.required", "evidence.too_large", "calendar.year_missing"]) {
      assert.ok(small.messages[key], `${id}: ${key}`);
    }
    for (const key of Object.keys(whole.messages).filter((k) => k.startsWith("handling."))) {
      assert.equal(small.messages[key], undefined, `${id}: ${key} is the full module's`);
    }
    const cited = Object.keys(small.clauses);
    assert.ok(cited.length > 0 && cited.length < Object.keys(whole.clauses).length, `${id}: clauses ${cited.length}`);
    for (const clause of cited) assert.deepEqual(small.clauses[clause], whole.clauses[clause], `${id}: clause ${clause}`);
    for (const rule of [...small.required, ...small.formats, ...small.lengths]) {
      if (rule.clause) assert.ok(small.clauses[rule.clause], `${id}: ${rule.clause} is cited and kept`);
    }
  }
});

test("a full custom pack given at run time validates the same in the form module", () => {
  const doc = full.packDocument("ecommerce");
  doc.id = "shop";
  doc.evidence.max_items = 1;
  const a = new FullEngine({ packs: [doc] });
  const b = new FormEngine({ packs: [doc] });
  const c = baseCase("natural_ecommerce");
  c.evidence = [c.evidence?.[0] ?? { kind: "photo", name: "a.jpg", size: 1, media_type: "image/jpeg" }, { kind: "photo", name: "b.jpg", size: 1, media_type: "image/jpeg" }];
  const want = a.validate(c, { now: NOW, pack: "shop" });
  assert.ok(want.problems.some((p) => p.path.startsWith("/evidence")), JSON.stringify(want.problems.map((p) => p.code)));
  assert.deepEqual(b.validate(c, { now: NOW, pack: "shop" }), want);
  a.free();
  b.free();
});

test("the calls only the full module has answer not_in_module, naming the call", () => {
  const c = baseCase("natural_ecommerce");
  const calls = {
    previewJson: () => form.preview(c, { now: NOW }),
    classifyJson: () => form.classify("收到的手机屏幕碎了", {}, {}),
    handlingJson: () => form.handling(c, { events: [] }, { now: NOW }),
    deadlinesJson: () => form.deadlines({ submitted_at: "2026-11-20T10:00:00+08:00" }, { now: NOW }),
    addWorkingDaysJson: () => form.addWorkingDays("2026-10-01", 3, { now: NOW }),
    previewJson_session: () => form.session(c, { now: NOW }).preview(),
  };
  for (const [name, call] of Object.entries(calls)) {
    const { error } = outcome(call);
    assert.equal(error?.name, "EngineError", name);
    assert.equal(error.code, "not_in_module", name);
    assert.equal(error.path, name.replace("_session", ""));
    assert.match(error.messages.zh, /完整模块/);
  }
  // 2026: 1–7 October off, Saturday 10 October a make-up working day.
  assert.equal(full.addWorkingDays("2026-10-01", 3, { now: NOW }).value, "2026-10-10", "the full module has them");
  assert.equal(full.full, true);
  assert.equal(form.full, false);
});
