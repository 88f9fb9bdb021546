// The bad-input matrix at the JS boundary (issue 10): one row per kind of hostile or broken input,
// over the real wasm module through pkg/index.js, each with the outcome it must have — an
// EngineError with a stable code (and the field's JSON pointer where there is one), or a blocked
// validation AND a blocked preview naming the field. One engine instance runs the whole matrix and
// must still validate a good case afterwards.
import { test } from "node:test";
import assert from "node:assert/strict";
import init, { Engine, EngineError } from "../../pkg/index.js";
import { NOW, baseCase } from "./support.mjs";

await init();

const good = baseCase("natural_ecommerce");

/** The good case with the value at `path` replaced (or the key removed when `value` is `DROP`). */
const DROP = Symbol("drop");
function withField(path, value) {
  const c = structuredClone(good);
  let node = c;
  for (const k of path.slice(0, -1)) node = node[k];
  if (value === DROP) delete node[path.at(-1)];
  else node[path.at(-1)] = value;
  return c;
}

function nested(depth, make) {
  let v = {};
  for (let i = 0; i < depth; i++) v = make(v);
  return v;
}

const throwingGetter = Object.defineProperty(structuredClone(good), "facts", {
  enumerable: true,
  get() {
    throw new Error("getter blew up");
  },
});

// Rows whose input is a case: [kind, case, expected]. Expected is {error: code, path?} or
// {blocked: pointer, code?} or {ready: {pointer: normalised value}}.
const caseRows = [
  ["undefined", undefined, { error: "shape", path: "" }],
  ["null", null, { error: "shape", path: "" }],
  ["a number", 42, { error: "shape", path: "" }],
  ["NaN as the case", NaN, { error: "shape", path: "" }],
  ["an array", [good], { error: "shape", path: "" }],
  ["a string where the case object belongs", JSON.stringify(good), { error: "shape", path: "" }],
  ["a boolean", true, { error: "shape", path: "" }],
  ["a BigInt as the case", 10n, { error: "shape", path: "" }],
  ["an empty object", {}, { blocked: "/complainant/name", code: "field.required" }],
  ["a string where complainant belongs", withField(["complainant"], "张三"), { blocked: "/complainant", code: "field.type" }],
  ["an array where order belongs", withField(["order"], [1299]), { blocked: "/order", code: "field.type" }],
  ["a string where evidence belongs", withField(["evidence"], "crack.jpg"), { blocked: "/evidence", code: "field.type" }],
  ["a number where a string belongs", withField(["complainant", "kind"], 1), { blocked: "/complainant/kind", code: "field.type" }],
  ["a string where a boolean belongs", withField(["declarations", "truthful"], "true"), { blocked: "/declarations/truthful", code: "field.type" }],
  ["a Map (encodes as {})", withField(["complainant"], new Map([["name", "张三"]])), { blocked: "/complainant/name", code: "field.required" }],
  ["a typed array", withField(["evidence"], new Uint8Array([1, 2])), { blocked: "/evidence", code: "field.type" }],
  ["a Symbol value (dropped by JSON)", withField(["facts"], Symbol("s")), { blocked: "/facts", code: "field.required" }],
  ["a function value (dropped by JSON)", withField(["facts"], () => "收到的手机屏幕有裂痕"), { blocked: "/facts", code: "field.required" }],
  ["a getter that throws", throwingGetter, { error: "json", path: "" }],
  ["a cyclic object", (() => { const c = structuredClone(good); c.order.self = c; return c; })(), { error: "json", path: "" }],
  ["__proto__ key smuggling the complainant's fields", withField(["complainant"], JSON.parse('{"__proto__": {"kind": "natural", "name": "张三", "mobile": "13812341234"}}')), { blocked: "/complainant/kind", code: "field.required" }],
  ["__proto__ key at the top of a case", JSON.parse('{"__proto__": {"facts": "收到的手机屏幕有裂痕，联系客服三天无人处理。"}}'), { blocked: "/facts", code: "field.required" }],
  ["constructor/prototype keys carrying a field", withField(["complainant", "name"], { constructor: { prototype: { name: "张三" } } }), { blocked: "/complainant/name", code: "field.type" }],
  ["a 10 MB string", withField(["facts"], "投".repeat(10_000_000)), { error: "too_large", path: "" }],
  ["a 10 MB key", { ...good, ["k".repeat(10_000_000)]: 1 }, { error: "too_large", path: "" }],
  ["10 000-deep object nesting", withField(["order"], nested(10_000, (v) => ({ id: v }))), { error: "json", path: "" }],
  ["10 000-deep array nesting", withField(["evidence"], nested(10_000, (v) => [v])), { error: "json", path: "" }],
  ["200-deep nesting (JSON-encodable, past the parser's depth limit)", withField(["order"], nested(200, (v) => ({ id: v }))), { error: "json" }],
  ["a lone high surrogate in the facts", withField(["facts"], "屏幕\uD83D裂了，联系客服三天无人处理。"), { error: "json", path: "/facts" }],
  ["a lone low surrogate in an ID", withField(["complainant", "id_number"], "\uDC0011010519491231002X"), { error: "json", path: "/complainant/id_number" }],
  ["a lone surrogate in a key", { ...good, ["k\uD800"]: 1 }, { error: "json", path: "" }],
  ["NaN amount", withField(["order", "amount"], NaN), { error: "shape", path: "/order/amount" }],
  ["Infinity amount", withField(["order", "amount"], Infinity), { error: "shape", path: "/order/amount" }],
  ["-Infinity amount", withField(["request", "amount"], -Infinity), { error: "shape", path: "/request/amount" }],
  ["1e309 amount (Infinity)", withField(["order", "amount"], 1e309), { error: "shape", path: "/order/amount" }],
  ["-0 amount", withField(["order", "amount"], -0), { blocked: "/order/amount", code: "field.type" }],
  ["a number amount", withField(["order", "amount"], 1299), { blocked: "/order/amount", code: "field.type" }],
  ["a BigInt amount", withField(["order", "amount"], 1299n), { error: "shape", path: "/order/amount" }],
  ["an exponent amount", withField(["request", "amount"], "1e3"), { blocked: "/request/amount", code: "money.format" }],
  ["a hex amount", withField(["request", "amount"], "0x10"), { blocked: "/request/amount", code: "money.format" }],
  ["a negative amount", withField(["request", "amount"], "-0.01"), { blocked: "/request/amount", code: "money.negative" }],
  ["an amount past u64", withField(["request", "amount"], "99999999999999999999"), { blocked: "/request/amount", code: "money.overflow" }],
  ["a NaN evidence size", withField(["evidence", 0, "size"], NaN), { error: "shape", path: "/evidence/0/size" }],
  ["a negative evidence size", withField(["evidence", 0, "size"], -1), { blocked: "/evidence/0/size", code: "field.type" }],
  ["a 1e300 evidence size", withField(["evidence", 0, "size"], 1e300), { blocked: "/evidence/0/size", code: "field.type" }],
  ["10 000 evidence items", withField(["evidence"], Array.from({ length: 10_000 }, () => good.evidence[0])), { blocked: "/evidence", code: "evidence.too_many" }],
  ["2026-02-30 as a time", withField(["occurred_at"], "2026-02-30T10:00:00+08:00"), { blocked: "/occurred_at", code: "time.format" }],
  ["2026-02-30 as a bare date", withField(["occurred_at"], "2026-02-30"), { blocked: "/occurred_at", code: "time.format" }],
  ["hour 25", withField(["submitted_at"], "2026-11-23T25:00:00+08:00"), { blocked: "/submitted_at", code: "time.format" }],
  ["a time without an offset", withField(["submitted_at"], "2026-11-20 09:00"), { blocked: "/submitted_at", code: "time.format" }],
  ["year 275760", withField(["occurred_at"], "275760-09-13T00:00:00Z"), { blocked: "/occurred_at", code: "time.format" }],
  ["a submission far in the future", withField(["submitted_at"], "2099-01-01T00:00:00+08:00"), { blocked: "/submitted_at" }],
  // Dropped as null: the submission time (stamped by the form) is then asked as a supplement,
  // not a registration item that blocks (S002 二(一)2 as issue 15 reads it).
  ["an invalid Date object", withField(["submitted_at"], new Date(NaN)), { ready: {} }],
  ["full-width digits and letters in an ID (normalised)", withField(["complainant", "id_number"], "１１０１０５１９４９１２３１００２ｘ"), { ready: { "/complainant/id_number": "11010519491231002X" } }],
  ["full-width amount (normalised)", withField(["order", "amount"], "１２９９．００"), { ready: { "/order/amount": "1299.00" } }],
  ["Latin O/I look-alikes in an ID", withField(["complainant", "id_number"], "11O1O5I949I231OO2X"), { blocked: "/complainant/id_number", code: "id_number.format" }],
  ["a Cyrillic З in a mobile number", withField(["complainant", "mobile"], "1З812341234"), { blocked: "/complainant/mobile", code: "mobile.format" }],
  ["Arabic-Indic digits in a mobile number", withField(["complainant", "mobile"], "١٣٨١٢٣٤١٢٣٤"), { blocked: "/complainant/mobile", code: "mobile.format" }],
  ["an emoji in a credit code", withField(["complainant", "id_number"], "110105194912310😀X"), { blocked: "/complainant/id_number" }],
  ["RTL override and zero-width space inside a valid ID (removed)", withField(["complainant", "id_number"], "110105\u200B1949\u202E1231002X"), { ready: { "/complainant/id_number": "11010519491231002X" } }],
  ["zero-width joiners and BOM in an order ID (removed)", withField(["order", "id"], "\uFEFFE2026\u200D1101\u2060001"), { ready: { "/order/id": "E20261101001" } }],
  ["RTL marks that leave a mobile number short", withField(["complainant", "mobile"], "\u200F1381234\u200E"), { blocked: "/complainant/mobile", code: "mobile.format" }],
  ["only invisible characters in a required field", withField(["respondent", "name"], "\u200B\u200C\u3000 "), { blocked: "/respondent/name", code: "field.required" }],
  ["an unknown enum value with a NUL", withField(["request", "type"], "refund\u0000"), { blocked: "/request/type", code: "field.type" }],
];

// Rows that are not a case: options, classify and calendar calls. [kind, (engine) => result, expected].
const callRows = [
  ["options undefined", (e) => e.validate(good, undefined), { error: "option", path: "now" }],
  ["options a string", (e) => e.validate(good, "now"), { error: "option", path: "options" }],
  ["now a number", (e) => e.validate(good, { now: 5 }), { error: "option", path: "options" }],
  ["now an invalid Date", (e) => e.validate(good, { now: new Date(NaN) }), { error: "option", path: "now" }],
  ["now at hour 25", (e) => e.validate(good, { now: "2026-11-23T25:00:00+08:00" }), { error: "option", path: "now" }],
  ["now on 2026-02-30", (e) => e.preview(good, { now: "2026-02-30T10:00:00+08:00" }), { error: "option", path: "now" }],
  ["an unknown pack", (e) => e.validate(good, { now: NOW, pack: "nope" }), { error: "unknown_pack" }],
  ["a pack id with __proto__", (e) => e.validate(good, { now: NOW, pack: "__proto__" }), { error: "unknown_pack" }],
  ["an unknown preview locale", (e) => e.preview(good, { now: NOW, locale: "fr" }), { error: "option", path: "locale" }],
  ["an unknown validate locale", (e) => e.validate(good, { now: NOW, locale: "zh" }), { error: "option", path: "locale" }],
  ["a locale not a string", (e) => e.validate(good, { now: NOW, locale: 1 }), { error: "option", path: "locale" }],
  ["preview overrides as a string", (e) => e.preview(good, { now: NOW, overrides: "major" }), { error: "option", path: "options" }],
  ["classify: structured as a string", (e) => e.classify("假冒", "x"), { error: "option", path: "structured" }],
  ["classify: a lone surrogate in the text", (e) => e.classify("买到假冒\uD800手机"), { error: "json", path: "/text" }],
  ["classify: a 10 MB text", (e) => e.classify("假冒".repeat(5_000_000)), { error: "too_large" }],
  ["classify: a NaN amount", (e) => e.classify("假冒", { amount: NaN }), { error: "shape", path: "/amount" }],
  ["classify: an exponent amount", (e) => e.classify("假冒", { amount: "1e3" }), { error: "shape" }],
  ["calendar: 2026-02-30", (e) => e.addWorkingDays("2026-02-30", 1, { now: NOW }), { error: "option", path: "date" }],
  ["calendar: NaN days", (e) => e.addWorkingDays("2026-02-10", NaN, { now: NOW }), { error: "option", path: "n" }],
  ["calendar: -1 days", (e) => e.addDaysCivil("2026-02-10", -1, { now: NOW }), { error: "option", path: "n" }],
  ["calendar: 1e9 working days", (e) => e.addWorkingDays("2026-02-10", 1e9, { now: NOW }), { error: "period" }],
  ["calendar: 4e9 calendar days", (e) => e.addDaysCivil("2026-02-10", 4e9, { now: NOW }), { error: "period" }],
  ["calendar: year 1 to 9999", (e) => e.workingDaysBetween("0001-01-01", "9999-12-31", { now: NOW }), { error: "period" }],
  ["calendar: full-width date", (e) => e.isWorkingDay("２０２６-１１-２３", { now: NOW }), { error: "option", path: "date" }],
  ["due: from 2026-02-30", (e) => e.due({ from: "2026-02-30", days: 1 }, { now: NOW }), { error: "json" }],
  ["due: NaN days", (e) => e.due({ from: "2026-02-10", days: NaN }, { now: NOW }), { error: "shape", path: "/days" }],
  ["deadlines: an array", (e) => e.deadlines([1], { now: NOW }), { error: "json" }],
  ["mask: 10 000-deep nesting", (e) => e.mask(withField(["order"], nested(10_000, (v) => ({ id: v }))), { now: NOW }), { error: "json" }],
];

function checkError(run, expected, kind) {
  let thrown;
  try {
    run();
  } catch (e) {
    thrown = e;
  }
  assert.ok(thrown instanceof EngineError, `${kind}: expected an EngineError, got ${thrown ?? "a result"}`);
  assert.equal(thrown.code, expected.error, `${kind}: ${thrown.message}`);
  if (expected.path !== undefined) assert.equal(thrown.path, expected.path, `${kind}: ${thrown.message}`);
  assert.ok(thrown.messages.zh && thrown.messages.en, `${kind}: bilingual message`);
}

function checkCase(engine, c, expected, kind) {
  const opts = { now: NOW };
  if (expected.error) {
    checkError(() => engine.validate(c, opts), expected, `validate ${kind}`);
    checkError(() => engine.preview(c, opts), expected, `preview ${kind}`);
    return;
  }
  const v = engine.validate(c, opts);
  if (expected.ready) {
    assert.equal(v.status, "ready", `${kind}: ${JSON.stringify(v.problems)}`);
    for (const [pointer, value] of Object.entries(expected.ready)) {
      const at = pointer.split("/").slice(1).reduce((n, k) => n?.[k], v.normalized);
      assert.equal(at, value, `${kind}: normalised ${pointer}`);
    }
    return;
  }
  const named = (list) => list.filter((p) => p.path === expected.blocked && (!expected.code || p.code === expected.code));
  assert.equal(v.status, "blocked", kind);
  assert.ok(named(v.problems).length > 0, `${kind}: no problem at ${expected.blocked}: ${JSON.stringify(v.problems.map((p) => [p.code, p.path]))}`);
  for (const p of v.problems) assert.ok(p.message.zh && p.message.en, `${kind}: bilingual`);
  const p = engine.preview(c, opts);
  assert.equal(p.status, "blocked", `preview ${kind}`);
  assert.ok(named(p.findings).length > 0, `preview ${kind}: no finding at ${expected.blocked}`);
}

test("the matrix has at least 40 kinds of bad input, each with an expected outcome", () => {
  const kinds = new Set([...caseRows, ...callRows].map(([k]) => k));
  assert.equal(kinds.size, caseRows.length + callRows.length, "kinds are distinct");
  assert.ok(kinds.size >= 40, `${kinds.size}`);
});

test("every kind of bad input gets its outcome from one engine, which then still validates a good case", () => {
  const engine = new Engine();
  const before = Object.getOwnPropertyNames(Object.prototype).sort();
  const failures = [];
  const attempt = (kind, check) => {
    try {
      check();
    } catch (e) {
      failures.push(`${kind}: ${e.message}`);
    }
  };
  for (const [kind, c, expected] of caseRows) attempt(kind, () => checkCase(engine, c, expected, kind));
  for (const [kind, run, expected] of callRows) attempt(kind, () => checkError(() => run(engine), expected, kind));
  assert.deepEqual(failures, []);
  assert.deepEqual(Object.getOwnPropertyNames(Object.prototype).sort(), before, "Object.prototype untouched");
  assert.equal({}.kind, undefined, "no polluted prototype");
  assert.equal(engine.validate(good, { now: NOW }).status, "ready");
  assert.equal(engine.preview(good, { now: NOW }).pack.id, "ecommerce");
  assert.equal(engine.classify("买到假冒手机").category.id.length > 0, true);
  engine.free();
});
