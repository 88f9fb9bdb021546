// Writes the seed corpora of the fuzz targets from the test data (tests/cases, tests/eval, packs):
// node fuzz/seed.mjs → fuzz/corpus/<target>/<n>. Existing corpus files (what fuzzing found) stay.
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { baseCase, mergePatch, scenarios } from "../tests/js/support.mjs";

const root = new URL("../", import.meta.url);
const read = (path) => readFileSync(new URL(path, root), "utf8");
const lines = (path) => read(path).split("\n").filter((l) => l.trim() !== "");

function write(target, seeds) {
  const dir = new URL(`fuzz/corpus/${target}/`, root);
  mkdirSync(dir, { recursive: true });
  seeds.forEach((seed, i) => writeFileSync(new URL(`seed-${String(i).padStart(4, "0")}`, dir), seed));
  console.log(`fuzz/corpus/${target}: ${seeds.length} seeds`);
}

const previewCases = readdirSync(new URL("tests/cases/preview/", root))
  .filter((f) => f.endsWith(".json"))
  .sort()
  .map((f) => {
    const s = JSON.parse(read(`tests/cases/preview/${f}`));
    return mergePatch(s.base ? baseCase(s.base) : {}, s.patch);
  });
const cases = [...scenarios().map((s) => s.case), ...previewCases];
write("validate", cases.map((c) => JSON.stringify(c)));

// classify: UTF-16LE text after a mode byte (0xFF: repeat up to 1 MB / 10 000 times, bit 1: the
// JSON path too); every 50th seed is blown up.
const texts = [...lines("tests/eval/complaints.jsonl").map((l) => JSON.parse(l).text), ...cases.map((c) => c.facts)]
  .filter((t) => typeof t === "string")
  .slice(0, 300);
write("classify", texts.map((t, i) => Buffer.concat([Buffer.from([i % 50 === 0 ? 0xff : i % 4]), Buffer.from(t, "utf16le")])));

// pack: each embedded pack document, assembled from its parts as src/pack/embedded.rs does.
const parts = {
  ecommerce: ["ecommerce/core", "calendar/messages", "ecommerce/deadlines", "ecommerce/classify", "preview/common", "ecommerce/preview"],
  "trading-member": ["trading-member/core", "calendar/messages", "trading-member/deadlines", "trading-member/classify", "preview/common", "trading-member/preview"],
};
const merged = new Set(["messages", "clauses", "fields"]);
const packs = Object.values(parts).map((files) => {
  const doc = {};
  for (const f of files) {
    for (const [k, v] of Object.entries(JSON.parse(read(`packs/${f}.json`)))) {
      doc[k] = merged.has(k) && doc[k] ? { ...doc[k], ...v } : v;
    }
  }
  return JSON.stringify(doc);
});
write("pack", packs);

// calendar: 20 bytes of numbers (libFuzzer's Arbitrary reads them first), then a query or times text.
const calendarTexts = [
  ...lines("tests/cases/deadlines/working_days.jsonl"),
  ...lines("tests/cases/deadlines/civil_days.jsonl"),
  ...lines("tests/cases/deadlines/timelines.jsonl").map((l) => JSON.stringify(JSON.parse(l).times ?? {})),
  read("packs/calendar/holidays-2026.json"),
  '{"holidays": []}',
];
write("calendar", calendarTexts.map((t, i) => Buffer.concat([Buffer.alloc(20, i * 7), Buffer.from(t, "utf8")])));

// envelope: the preview scenarios' cases wrapped like the shell does, with the native summaries
// of the two snapshot scenarios (the others carry an empty, i.e. tampered, summary).
const summaries = {
  "reversed_inside.json": JSON.parse(read("tests/snapshots/preview-ecommerce-tv.summary.json")),
  "tm_police.json": JSON.parse(read("tests/snapshots/preview-trading-member-police.summary.json")),
};
const envelopes = readdirSync(new URL("tests/cases/preview/", root))
  .filter((f) => f.endsWith(".json"))
  .sort()
  .map((f, i) => {
    const s = JSON.parse(read(`tests/cases/preview/${f}`));
    return JSON.stringify({
      schema: "complaint-rules/envelope@1",
      case: mergePatch(s.base ? baseCase(s.base) : {}, s.patch),
      preview_summary: summaries[f] ?? {},
      pack: { id: s.pack ?? "ecommerce", version: "2026.1" },
      engine_version: "0.1.0",
      idempotency_key: `seed-${i}`,
      client_time: s.now ?? "2026-11-20T10:00:00+08:00",
    });
  });
write("envelope", envelopes);
