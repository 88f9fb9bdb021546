// The live-form session through the real wasm module: edits agree with re-validating the whole
// case, changes add up, errors are EngineErrors. The per-keystroke median is printed, never asserted.
import { test } from "node:test";
import assert from "node:assert/strict";
import init, { Engine, EngineError } from "../../pkg/index.js";
import { NOW, baseCase, scenarios } from "./support.mjs";

await init();

const key = (f) => JSON.stringify(f);
const sortedKeys = (list) => list.map(key).sort();

/** Sets `value` at `pointer` in a plain JS copy (the reference the session must agree with). */
function setPlain(doc, pointer, value) {
  const segs = pointer.split("/").slice(1);
  const last = segs.pop();
  let node = doc;
  for (const s of segs) {
    if (node[s] === null || node[s] === undefined) node[s] = {};
    node = node[s];
  }
  if (Array.isArray(node) && last === "-") node.push(value);
  else node[last] = value;
}

test("every edit leaves the session equal to a full validation, and its change adds up", () => {
  const engine = new Engine();
  const edits = [
    ["/complainant/mobile", "1381234"],
    ["/complainant/mobile", " 13812341234 "],
    ["/facts", "短"],
    ["/complainant/kind", "legal"],
    ["/complainant/kind", 7],
    ["/request/amount", "99999"],
    ["/evidence/-", { kind: "photo", name: "b.gif", size: 1, media_type: "image/GIF" }],
    ["/declarations/truthful", false],
    ["/agent", { name: "代理人", mobile: "139" }],
    ["/submitted_at", "2020-01-01T00:00:00+08:00"],
  ];
  for (const { name, case: start } of scenarios()) {
    if (start === null || typeof start !== "object" || Array.isArray(start)) continue;
    const session = engine.session(start, { now: NOW });
    let doc = structuredClone(start);
    let current = session.findings();
    for (const [pointer, value] of edits) {
      let change;
      try {
        change = session.set(pointer, value);
      } catch (e) {
        assert.ok(e instanceof EngineError, `${name} ${pointer}: ${e}`);
        continue;
      }
      setPlain(doc, pointer, value);
      const full = engine.validate(doc, { now: NOW });
      const now = session.findings();
      assert.deepEqual(now, full.problems, `${name} after ${pointer}`);
      assert.equal(change.status, full.status, `${name} after ${pointer}: status`);
      const expected = sortedKeys(current);
      for (const f of change.removed) {
        const i = expected.indexOf(key(f));
        assert.ok(i >= 0, `${name} after ${pointer}: removed finding was not there`);
        expected.splice(i, 1);
      }
      expected.push(...change.added.map(key));
      assert.deepEqual(expected.sort(), sortedKeys(now), `${name} after ${pointer}: change does not add up`);
      current = now;
    }
    session.free();
  }
  engine.free();
});

test("a keystroke reports only the finding it changed; preview is the case's preview", () => {
  const engine = new Engine();
  const session = engine.session(baseCase("natural_ecommerce"), { now: NOW });
  const added = session.set("/complainant/mobile", "1381234");
  assert.deepEqual(added.added.map((f) => [f.code, f.path]), [["mobile.format", "/complainant/mobile"]]);
  assert.deepEqual(added.removed, []);
  assert.equal(added.status, "blocked");
  // A keystroke that changes no finding (the module answers it with a number, not text).
  assert.deepEqual(session.set("/complainant/mobile", "13812341"), { status: "blocked", added: [], removed: [] });
  const cleared = session.set("/complainant/mobile", "13812341234");
  assert.deepEqual(cleared.removed.map((f) => f.code), ["mobile.format"]);
  assert.equal(cleared.status, "ready");
  assert.deepEqual(session.set("/complainant/mobile", "13812341234"), { status: "ready", added: [], removed: [] });
  const direct = engine.preview({ ...baseCase("natural_ecommerce") }, { now: NOW });
  assert.deepEqual(session.preview(), direct);
  session.free();
  engine.free();
});

test("bad input throws EngineError naming the field", () => {
  const engine = new Engine();
  assert.throws(() => engine.session([], { now: NOW }), (e) => e instanceof EngineError && e.code === "shape");
  assert.throws(() => engine.session({}, {}), (e) => e instanceof EngineError && e.path === "now");
  const session = engine.session(baseCase("natural_ecommerce"), { now: NOW });
  assert.throws(() => session.set("/facts/x", "a"), (e) => e instanceof EngineError && e.path === "/facts/x");
  assert.throws(() => session.set("/facts", undefined), EngineError);
  session.free();
  engine.free();
});

test("per-keystroke cost: session.set vs re-validating the whole case (printed, not asserted)", () => {
  const engine = new Engine();
  const c = baseCase("natural_ecommerce");
  const session = engine.session(c, { now: NOW });
  const typed = ["1", "13", "138", "1381", "13812", "138123", "1381234", "13812341", "138123412", "1381234123", "13812341234"];
  const median = (f, n) => {
    const times = [];
    for (let i = 0; i < n; i++) {
      const t = process.hrtime.bigint();
      f(i);
      times.push(Number(process.hrtime.bigint() - t) / 1000);
    }
    times.sort((a, b) => a - b);
    return times[Math.floor(n / 2)];
  };
  const doc = structuredClone(c);
  const viaSession = median((i) => session.set("/complainant/mobile", typed[i % typed.length]), 5000);
  doc.complainant.mobile = typed[4999 % typed.length];
  const viaValidate = median((i) => {
    engine.validate({ ...doc, complainant: { ...doc.complainant, mobile: typed[i % typed.length] } }, { now: NOW });
  }, 1000);
  console.log(`# keystroke median: session.set ${viaSession.toFixed(2)} µs, full validate ${viaValidate.toFixed(2)} µs (${(viaValidate / viaSession).toFixed(1)}×)`);
  // Both routes end at the same case, so they must agree on its findings.
  assert.deepEqual(session.findings(), engine.validate(doc, { now: NOW }).problems);
  session.free();
  engine.free();
});

test("the raw session answers an edit as a number (edit, its text taken by answer) or as text (set)", () => {
  const engine = new Engine();
  const raw = engine.session(baseCase("natural_ecommerce"), { now: NOW }).raw;
  const text = JSON.parse(raw.set("/complainant/mobile", JSON.stringify("1381234")));
  assert.deepEqual(text.ok.added.map((f) => f.code), ["mobile.format"]);
  assert.equal(raw.edit("/complainant/mobile", JSON.stringify("13812341")), 1, "unchanged, blocked");
  assert.equal(raw.edit("/complainant/mobile", JSON.stringify("13812341234")), 2, "a finding went");
  assert.deepEqual(JSON.parse(raw.answer()).ok.removed.map((f) => f.code), ["mobile.format"]);
  assert.equal(raw.answer(), "", "the answer is taken once");
  assert.equal(raw.edit("/complainant/mobile", JSON.stringify("13812341234")), 0, "unchanged, ready");
  assert.equal(raw.edit("/facts/x", JSON.stringify("a")), 2, "an error is an answer to take");
  assert.equal(JSON.parse(raw.answer()).error.path, "/facts/x");
  raw.free();
  engine.free();
});
