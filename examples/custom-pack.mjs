// A custom policy pack from JavaScript, runnable: `make wasm && node examples/custom-pack.mjs`.
// Copies the embedded ecommerce pack, lowers the evidence limit, loads the copy as a new pack,
// validates a case with it, and previews the change's impact on a few cases.
import init, { Engine } from "../pkg/index.js";

await init();
const now = "2026-11-23T10:00:00+08:00";

const base = new Engine();
const draft = base.packDocument("ecommerce");
draft.id = "my-shop";
draft.version = "2027.1";
draft.title = { zh: "我的店铺投诉规则", en: "My shop's complaint rules" };
draft.evidence.max_items = 2;

const engine = new Engine({ packs: [draft], pack: "my-shop" });
console.log("packs:", engine.packs().map((p) => `${p.id} ${p.version}`).join(", "));
console.log("my-shop evidence limit:", engine.packDocument("my-shop").evidence.max_items);

const evidence = (n) => Array.from({ length: n }, (_, i) => ({ kind: "photo", name: `${i}.jpg`, size: 1000, media_type: "image/jpeg" }));
const cases = [1, 2, 3, 4].map((n) => ({ facts: "收到的电视机屏幕有裂痕", evidence: evidence(n) }));
const result = engine.validate(cases[2], { now });
console.log("3 photos under my-shop:", result.problems.filter((p) => p.code === "evidence.too_many").map((p) => p.message.zh));

const impact = engine.impact("ecommerce", "my-shop", cases, { now });
console.log(`impact: ${impact.summary.affected} of ${impact.summary.cases} cases differ`);
for (const c of impact.cases) console.log(`  case ${c.case}:`, c.changes.map((x) => `${x.kind} +${JSON.stringify(x.new)}`).join("; "), c.rules.join(", "));
engine.free();
base.free();
