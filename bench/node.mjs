// The Node measurements: per-call median / p99 of the engine (through pkg/index.js, marshalling
// included) against the JS peers, the JSON-string vs object boundary, cold instantiation and the
// keystroke path.
import { timeSync, timeAsync, summary } from "./lib/stats.mjs";
import { coldStartSamples } from "./lib/cold.mjs";
import { validateAjv } from "./peers/ajv.mjs";
import validateShape from "./generated/ajv-case.mjs";
import { validateAsync, flatten } from "./peers/async-validator.mjs";
import { classifyPeer } from "./peers/classify.mjs";
import { mobile } from "./peers/checks.mjs";
import { peerPreview, structuredOf } from "./lib/peer-preview.mjs";

const pkg = new URL("../pkg/", import.meta.url);

/** Engine vs peers, one row per capability: `{what, engine, peers: {name: summary}}`. */
export async function perCall(engine, cases, ctx) {
  const { now, nowMs, today, rules } = ctx;
  const opts = { now };
  const rows = [];
  const v = cases.slice(0, 5000);
  const validatePeers = {
    "ajv standalone + plain JS": timeSync(v, (c) => validateAjv(c, nowMs, today)),
    "async-validator + plain JS": await timeAsync(v, (c) => validateAsync(c, nowMs, today)),
  };
  rows.push({ what: "validate", engine: timeSync(v, (c) => engine.validate(c, opts)), peers: validatePeers });
  // The answer without the normalised case (`normalized: false`), what the peers answer too.
  const brief = { now, normalized: false };
  rows.push({ what: "validate, normalized: false", engine: timeSync(v, (c) => engine.validate(c, brief)), peers: validatePeers });
  // The small form module (pkg/form.js), the same call; the peers' timings above are reused.
  if (ctx.form) rows.push({ what: "validate, form module", engine: timeSync(v, (c) => ctx.form.validate(c, opts)), peers: validatePeers });
  if (ctx.form) rows.push({ what: "validate, form module, normalized: false", engine: timeSync(v, (c) => ctx.form.validate(c, brief)), peers: validatePeers });
  const k = cases.slice(0, 5000).map((c) => ({ text: c.facts ?? "", s: structuredOf(c), amount: c.request?.amount }));
  const structured = (x) => ({ request_type: x.s.request_type, complainant_kind: x.s.complainant_kind, respondent_kind: x.s.respondent_kind, amount: x.s.amount_fen === undefined ? undefined : x.amount });
  const keywords = { "keyword matcher": timeSync(k, (x) => classifyPeer(x.text, x.s)) };
  rows.push({ what: "classify", engine: timeSync(k, (x) => engine.classify(x.text, structured(x))), peers: keywords });
  // The same engine on the pack without its learned model: the lexicon-only work the keyword
  // matcher does (bench/lib/lexicon.mjs); the peer's timing above is reused.
  rows.push({ what: "classify, lexicon only (pack without its model)", engine: timeSync(k, (x) => ctx.lexicon.classify(x.text, structured(x))), peers: keywords });
  // Preview in the staff view, the one whose routes the peer pipeline computes (the default,
  // complainant view has no approval routes), so engine and peers do the same work.
  const p = cases.slice(0, 2000);
  const staff = { now, view: "staff" };
  rows.push({ what: "preview", engine: timeSync(p, (c) => engine.preview(c, staff)), peers: {
    "ajv + keywords + json-rules-engine": await timeAsync(p, (c) => peerPreview(rules, c, nowMs, today)),
  } });
  return rows;
}

/** JSON text vs a JS object across the boundary (validate; result decoding included in both).
 * The two routes alternate case by case (and which goes first), so GC and machine noise fall on
 * both alike. */
export function boundary(engine, cases, now) {
  const optsJson = JSON.stringify({ now });
  const routes = {
    json: (c) => JSON.parse(engine.raw.validateJson(JSON.stringify(c), optsJson)),
    object: (c) => JSON.parse(engine.raw.validateValue(c, optsJson)),
  };
  const v = cases.slice(0, 5000);
  for (const c of v.slice(0, 200)) { routes.json(c); routes.object(c); }
  const samples = { json: [], object: [] };
  v.forEach((c, i) => {
    for (const name of i % 2 ? ["json", "object"] : ["object", "json"]) {
      const t = process.hrtime.bigint();
      routes[name](c);
      samples[name].push(Number(process.hrtime.bigint() - t) / 1000);
    }
  });
  return { json: summary(samples.json), object: summary(samples.object) };
}

/** Cold start, median of 20: compile the bytes to a fresh WebAssembly.Module, load a fresh copy
 * of the glue, instantiate, construct an Engine (packs read); `dir` the module's folder in pkg/
 * (`generated/form/` for the form module). */
export async function instantiate(dir = "generated/") {
  const s = await coldStartSamples(pkg, 20, dir);
  const us = (a) => summary(a.map((ms) => ms * 1000));
  return { compile: us(s.compile), instantiate: us(s.instantiate), firstEngine: us(s.firstEngine) };
}

/** Typing a mobile number, one keystroke at a time, in `n` forms. */
function keystrokes(cases, n) {
  const out = [];
  for (const c of cases.slice(0, n)) {
    const number = "13812341234";
    for (let i = 1; i <= number.length; i++) out.push({ c, value: number.slice(0, i) });
  }
  return out;
}

const withMobile = (c, value) => ({ ...c, complainant: { ...c.complainant, mobile: value } });

/** The live-form path: one keystroke → findings. Whole-case re-validation for engine and peers,
 * and the session path when the engine has one. */
export async function keystroke(engine, cases, ctx) {
  const { now, nowMs, today } = ctx;
  const keys = keystrokes(cases, 300);
  const rows = {
    "engine.validate (whole case)": timeSync(keys, (k) => engine.validate(withMobile(k.c, k.value), { now })),
    "ajv standalone, validation subset (whole case)": timeSync(keys, (k) => validateShape(withMobile(k.c, k.value))),
    "ajv standalone + plain JS (whole case)": timeSync(keys, (k) => validateAjv(withMobile(k.c, k.value), nowMs, today)),
    "async-validator + plain JS (whole form)": await timeAsync(keys, (k) => { const c = withMobile(k.c, k.value); return validateAsync(c, nowMs, today, flatten(c, today)); }),
    "hand-written JS (the one field)": timeSync(keys, (k) => mobile(k.value)),
  };
  let session = null;
  let sessionError = null;
  if (typeof engine.session === "function") try {
    const sessions = new Map();
    const open = (c) => { if (!sessions.has(c)) sessions.set(c, engine.session(c, { now })); return sessions.get(c); };
    for (const k of keys) open(k.c);
    session = timeSync(keys, (k) => open(k.c).set("/complainant/mobile", k.value));
    const previews = timeSync(cases.slice(0, 300), (c) => open(c).preview());
    for (const s of sessions.values()) s.free();
    rows["engine.session → s.set (one field)"] = session;
    rows["engine.session → s.preview()"] = previews;
    if (ctx.form) {
      const formSessions = new Map();
      const openForm = (c) => { if (!formSessions.has(c)) formSessions.set(c, ctx.form.session(c, { now })); return formSessions.get(c); };
      for (const k of keys) openForm(k.c);
      rows["form module: session → s.set (one field)"] = timeSync(keys, (k) => openForm(k.c).set("/complainant/mobile", k.value));
      for (const s of formSessions.values()) s.free();
    }
  } catch (e) {
    sessionError = e.message;
  }
  return { rows, session: session !== null, sessionError };
}
