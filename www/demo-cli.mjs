// `make demo` until the demo page lands: validates the sample cases in tests/cases/base through
// the wasm engine, as a page would, and prints the results with personal data masked.
import init, { Engine } from "../pkg/index.js";
import { readFileSync, readdirSync } from "node:fs";

await init();
const engine = new Engine();
const now = new Date().toISOString();
const dir = new URL("../tests/cases/base/", import.meta.url);
for (const file of readdirSync(dir).filter((f) => f.endsWith(".json")).sort()) {
  const c = JSON.parse(readFileSync(new URL(file, dir), "utf8"));
  const pack = file.includes("trading") ? "trading-member" : "ecommerce";
  const r = engine.validate(c, { now, pack });
  const who = engine.mask(c, { now, pack }).complainant;
  console.log(`\n${file} — ${pack} — ${r.status.toUpperCase()} — ${who.name} ${who.mobile} ${who.id_number ?? ""}`);
  for (const p of r.problems) console.log(`  [${p.severity}] ${p.path}  ${p.message.zh} / ${p.message.en}  (${p.clause})`);
}
const empty = engine.validate({}, { now });
console.log(`\nempty case — ${empty.status.toUpperCase()} — all ${empty.problems.length} problems at once:`);
for (const p of empty.problems) console.log(`  ${p.path}  ${p.message.zh}`);
engine.free();
