// What a different answer shape would save, measured on the shipped full module (issue 20's
// "answers that name each clause once" and "validate without the normalised case"): the staff
// preview answers and the validate answers of 300 generated cases (`make bench` writes
// bench/generated/cases.jsonl), their sizes and JSON.parse medians as they are and reshaped in JS.
// A probe for a decision, not a benchmark of record.
//   node bench/answer-shape.mjs
import { readFileSync } from "node:fs";

const root = new URL("..", import.meta.url);
const mod = await import(new URL("pkg/index.js", root));
await mod.default(readFileSync(new URL("pkg/generated/complaint_rules_bg.wasm", root)));
const raw = new mod.Engine().raw;
const now = "2026-11-23T10:00:00+08:00";
const cases = readFileSync(new URL("bench/generated/cases.jsonl", root), "utf8")
  .split("\n")
  .filter(Boolean)
  .slice(0, 300)
  .map((line) => JSON.parse(line));

const median = (a) => [...a].sort((x, y) => x - y)[a.length >> 1];
const bytes = (text) => Buffer.byteLength(text, "utf8");
/** Median over seven rounds of the per-call time of `f(i)` for every case, in µs. */
function perCall(f) {
  const rounds = [];
  for (let r = 0; r < 7; r++) {
    const t = performance.now();
    for (let i = 0; i < cases.length; i++) f(i);
    rounds.push(((performance.now() - t) / cases.length) * 1000);
  }
  return median(rounds).toFixed(1);
}

/** A clause as answers carry it: `{id, source, article, title, text}`. */
const isClause = (v) => v !== null && typeof v === "object" && !Array.isArray(v) && typeof v.id === "string" && "article" in v && "source" in v;

/** The answer with every clause replaced by its id and the clauses in one `clauses` table. */
function clausesOnce(answer) {
  const table = {};
  const walk = (v) => {
    if (Array.isArray(v)) return v.map(walk);
    if (v === null || typeof v !== "object") return v;
    if (isClause(v)) {
      table[v.id] = v;
      return v.id;
    }
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
  };
  return { ...walk(answer), clauses: table };
}

const previewOptions = JSON.stringify({ now, view: "staff" });
const previews = cases.map((c) => raw.previewJson(JSON.stringify(c), previewOptions));
const once = previews.map((t) => JSON.stringify({ ok: clausesOnce(JSON.parse(t).ok) }));
const validateOptions = JSON.stringify({ now });
const validations = cases.map((c) => raw.validateJson(JSON.stringify(c), validateOptions));
const withoutCase = validations.map((t) => {
  const a = JSON.parse(t);
  delete a.ok.normalized;
  return JSON.stringify(a);
});

const parts = Object.entries(JSON.parse(previews[0]).ok).map(([k, v]) => `${k} ${bytes(JSON.stringify(v))}`);
console.log(`| what | as answered | reshaped |
|---|---:|---:|
| preview answer, bytes (median) | ${median(previews.map(bytes))} | clauses named once: ${median(once.map(bytes))} |
| JSON.parse of it, µs | ${perCall((i) => JSON.parse(previews[i]))} | ${perCall((i) => JSON.parse(once[i]))} |
| validate answer, bytes (median) | ${median(validations.map(bytes))} | without \`normalized\`: ${median(withoutCase.map(bytes))} |
| JSON.parse of it, µs | ${perCall((i) => JSON.parse(validations[i]))} | ${perCall((i) => JSON.parse(withoutCase[i]))} |
| the wasm call previewJson alone, µs | ${perCall((i) => raw.previewJson(JSON.stringify(cases[i]), previewOptions))} | |

First preview answer's members, bytes: ${parts.join(", ")}`);
