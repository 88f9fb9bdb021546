// `make bench-quick`: the engine alone from Node, in a minute — per-call medians through
// pkg/index.js (marshalling included) for the four shipped test cases and one with problems, the
// keystroke path, and cold start (fresh WebAssembly.Module each time); the same for the form
// module (pkg/form.js: validate, keystroke, cold start) when the checkout has one. No peers, no generated
// cases: a probe to compare two builds of the module on one machine minutes apart (a module
// from before the `locale` option ignores it in `validate`, and takes it only for the rendering
// in `preview`: its locale rows measure the both-languages path); the
// benchmark of record, side by side with the peers, is `make bench` (docs/bench.md).
//   node bench/quick.mjs [repository root, default: this one]
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { coldStartSamples } from "./lib/cold.mjs";

const root = pathToFileURL(`${process.argv[2] ?? new URL("..", import.meta.url).pathname}/`);
const pkg = new URL("pkg/", root);
const wasm = readFileSync(new URL("generated/complaint_rules_bg.wasm", pkg));
const median = (a) => [...a].sort((x, y) => x - y)[a.length >> 1];

/** Median of `n` timed calls of `f(i)`, in µs. */
function perCall(f, n) {
  const samples = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    f(i);
    samples.push(performance.now() - t);
  }
  return median(samples) * 1000;
}

const samples = await coldStartSamples(pkg);
const cold = Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, median(v)]));
const mod = await import(new URL("index.js", pkg));
await mod.default(wasm);
const engine = new mod.Engine();
const now = "2026-11-23T10:00:00+08:00";
const names = ["natural_ecommerce", "legal_ecommerce", "natural_trading", "legal_trading"];
const cases = names.map((n) => JSON.parse(readFileSync(new URL(`tests/cases/base/${n}.json`, root), "utf8")));
const broken = structuredClone(cases[0]);
broken.complainant.mobile = "1381234";
broken.facts = "短";
cases.push(broken);
const text = "11月3日收到的手机屏幕有裂痕，联系客服三天无人处理，要求全额退款。".repeat(10).slice(0, 300);
const session = engine.session(cases[0], { now });
const digits = "13812345678";
const rows = [
  ["validate, one case", perCall((i) => engine.validate(cases[i % 5], { now }), 3000), "µs"],
  ["validate, one case, normalized: false", perCall((i) => engine.validate(cases[i % 5], { now, normalized: false }), 3000), "µs"],
  ["validate, one case, locale zh-CN", perCall((i) => engine.validate(cases[i % 5], { now, locale: "zh-CN" }), 3000), "µs"],
  ["validate, one case, locale en", perCall((i) => engine.validate(cases[i % 5], { now, locale: "en" }), 3000), "µs"],
  ["validate, the case with problems", perCall(() => engine.validate(broken, { now }), 3000), "µs"],
  ["validate, the case with problems, locale zh-CN", perCall(() => engine.validate(broken, { now, locale: "zh-CN" }), 3000), "µs"],
  ["preview, one case", perCall((i) => engine.preview(cases[i % 5], { now }), 1000), "µs"],
  ["preview, one case, locale zh-CN", perCall((i) => engine.preview(cases[i % 5], { now, locale: "zh-CN" }), 1000), "µs"],
  ["preview, one case, locale en", perCall((i) => engine.preview(cases[i % 5], { now, locale: "en" }), 1000), "µs"],
  ["classify, 300 characters", perCall(() => engine.classify(text), 2000), "µs"],
  ["keystroke, session.set", perCall((i) => session.set("/complainant/mobile", digits.slice(0, (i % 11) + 1)), 5000), "µs"],
  ["compile (new WebAssembly.Module)", cold.compile, "ms"],
  ["compile + glue + instantiate", cold.instantiate, "ms"],
  ["first RawEngine", cold.firstEngine, "ms"],
];

// The form module (pkg/form.js), when this checkout has one: the same calls it answers.
const formWasm = new URL("generated/form/complaint_rules_bg.wasm", pkg);
let formBytes = null;
try {
  formBytes = readFileSync(formWasm);
} catch {
  // a checkout from before the form module
}
if (formBytes) {
  const formCold = await coldStartSamples(pkg, 20, "generated/form/");
  const form = await import(new URL("form.js", pkg));
  await form.default(formBytes);
  const formEngine = new form.Engine();
  const formSession = formEngine.session(cases[0], { now });
  rows.push(
    ["form module: validate, one case", perCall((i) => formEngine.validate(cases[i % 5], { now }), 3000), "µs"],
    ["form module: validate, one case, normalized: false", perCall((i) => formEngine.validate(cases[i % 5], { now, normalized: false }), 3000), "µs"],
    ["form module: validate, the case with problems", perCall(() => formEngine.validate(broken, { now }), 3000), "µs"],
    ["form module: keystroke, session.set", perCall((i) => formSession.set("/complainant/mobile", digits.slice(0, (i % 11) + 1)), 5000), "µs"],
    ["form module: compile (new WebAssembly.Module)", median(formCold.compile), "ms"],
    ["form module: compile + glue + instantiate", median(formCold.instantiate), "ms"],
    ["form module: first RawEngine", median(formCold.firstEngine), "ms"],
  );
}
console.log(`| what (Node ${process.versions.node}, median) | figure |\n|---|---:|`);
for (const [what, v, unit] of rows) console.log(`| ${what} | ${v.toFixed(unit === "ms" ? 2 : 1)} ${unit} |`);
console.log(`| web module | ${(wasm.length / 1024).toFixed(1)} KB raw |`);
if (formBytes) console.log(`| form module | ${(formBytes.length / 1024).toFixed(1)} KB raw |`);
