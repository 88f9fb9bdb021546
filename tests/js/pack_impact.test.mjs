// Custom packs and the impact preview from JS, on the real wasm module: packDocument returns a
// pack given to the constructor, and engine.impact lists exactly the sample cases whose preview
// differs between the pack in force and the draft of examples/packs/ecommerce-draft.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import init, { Engine, EngineError } from "../../pkg/index.js";
import { NOW } from "./support.mjs";

await init();

const MERGED = ["messages", "clauses", "fields", "source_catalogue"];
const samples = JSON.parse(readFileSync(new URL("../../www/sample-cases.json", import.meta.url), "utf8"));

/** The draft: the ecommerce document with the draft part merged over it (as a manifest would). */
function draft(base) {
  const part = JSON.parse(readFileSync(new URL("../../examples/packs/ecommerce-draft/draft.json", import.meta.url), "utf8"));
  const doc = structuredClone(base);
  for (const [k, v] of Object.entries(part)) {
    if (k === "$schema") continue;
    doc[k] = MERGED.includes(k) ? { ...doc[k], ...v } : v;
  }
  return doc;
}

test("packDocument returns a pack given to the constructor, as given", () => {
  const base = new Engine();
  const doc = draft(base.packDocument("ecommerce"));
  base.free();
  doc.id = "shop-2027";
  const engine = new Engine({ packs: [doc] });
  assert.deepEqual(engine.packDocument("shop-2027"), doc);
  assert.ok(engine.packs().some((p) => p.id === "shop-2027" && p.version === "2027.1-draft"));
  assert.equal(engine.packDocument("ecommerce").evidence.max_items, 20, "embedded packs are still there");
  engine.free();
});

test("an invalid custom pack throws an EngineError naming the pointer", () => {
  const base = new Engine();
  const doc = base.packDocument("ecommerce");
  base.free();
  doc.messages["field.required"].zh = "请填写{feild}";
  doc.limits.colour = 1;
  assert.throws(() => new Engine({ packs: [doc] }), (e) => {
    assert.ok(e instanceof EngineError);
    assert.equal(e.code, "pack");
    assert.equal(e.problems[0].path, "/limits/colour");
    return true;
  });
});

test("impact lists exactly the cases whose preview differs", () => {
  const engine = new Engine();
  const old = engine.packDocument("ecommerce");
  const next = draft(old);
  const impact = engine.impact(old, next, samples, { now: NOW });
  assert.equal(impact.summary.cases, samples.length);
  assert.equal(impact.summary.affected, impact.cases.length);
  assert.ok(impact.cases.length > 10 && impact.cases.length < samples.length, `${impact.cases.length} affected`);
  // Brute force: the draft as another pack of an ordinary engine; every case previewed under both,
  // in the staff view as impact sees it (every finding, the route).
  const brute = new Engine({ packs: [{ ...next, id: "draft", effective_from: "2000-01-01" }] });
  const outcome = (pack, c) => {
    const p = brute.preview(c, { now: NOW, pack, view: "staff" });
    return JSON.stringify([p.status, p.findings.map((f) => `${f.severity} ${f.code} ${f.path} ${f.clause.id}`).sort(),
      p.supplements.map((s) => `${s.path} ${s.item.zh} ${s.due_at} ${s.clause}`).sort(),
      p.classification.category.id, p.classification.severity.level, p.route.applied.map((r) => r.id), p.timeline.map((t) => `${t.id} ${t.due_date}`)]);
  };
  const differ = samples.map((c, i) => (outcome("ecommerce", c) !== outcome("draft", c) ? i : -1)).filter((i) => i >= 0);
  assert.deepEqual(impact.cases.map((c) => c.case), differ);
  // The draft's new material is asked for later: those cases show a supplements change.
  assert.ok(impact.cases.some((c) => c.changes.some((x) => x.kind === "supplements")));
  for (const c of impact.cases) {
    assert.ok(c.rules.every((r) => r === "clause PACK-LIMITS" || r === "clause DRAFT-ORDER-PROOF"), JSON.stringify(c));
  }
  // Ids work as well as documents.
  assert.deepEqual(engine.impact("ecommerce", "ecommerce", samples.slice(0, 20), { now: NOW }).cases, []);
  brute.free();
  engine.free();
});
