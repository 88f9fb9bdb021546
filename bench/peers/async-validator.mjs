// Validation peer 2: async-validator (the library behind Element / Ant Design forms) over the
// form's flat state ({"/complainant/mobile": "…"}), with one rule per pack rule: required (with
// alternatives), formats (the plain-JS checks, checksums included) and lengths; the cross-field
// rules in plain JS. Each error's message is the engine's finding code; a validator's error also
// carries the rule's severity (from `on_missing`) and clause, the built-in length rule's clause
// is looked up by field.
import AsyncValidator from "async-validator";
import { core, at, present, when, onMissing } from "./pack.mjs";
import { FORMATS } from "./checks.mjs";
import { extras, verdict } from "./extras.mjs";

const Schema = AsyncValidator.default ?? AsyncValidator;
Schema.warning = () => {};

/** The form's flat state: every pointer a rule reads, with `*` expanded over the evidence list. */
function expand(pointer, c) {
  if (!pointer.includes("*")) return [pointer];
  const [head, tail] = pointer.split("/*");
  const list = at(c, head);
  return Array.isArray(list) ? list.map((_, i) => `${head}/${i}${tail}`) : [];
}

const descriptorCache = new Map();
/** The clause of the length rule on each flat field. */
const lengthClause = new Map();

/** The descriptor for a form with `n` evidence items (built once per n, as a form would). */
function descriptor(n) {
  if (descriptorCache.has(n)) return descriptorCache.get(n);
  const d = {};
  const add = (p, rule) => (d[p] ??= []).push(rule);
  const fake = { evidence: Array.from({ length: n }, () => ({})) };
  for (const r of core.required) {
    add(r.any_of[0], {
      validator: (_rule, _v, cb, src) => cb(!when(r, src.__case) || r.any_of.some((p) => present(src[p])) ? undefined : { message: "field.required", severity: onMissing(r), clause: r.clause }),
    });
  }
  for (const f of core.formats) {
    for (const p of expand(f.path, fake)) {
      add(p, { validator: (_rule, v, cb, src) => { const code = typeof v === "string" && v !== "" ? FORMATS[f.format](v, src.__today) : null; cb(code ? { message: code, clause: f.clause } : undefined); } });
    }
  }
  for (const l of core.lengths) {
    for (const p of expand(l.path, fake)) {
      add(p, { type: "string", max: l.max, message: "text.too_long" });
      lengthClause.set(p, l.clause);
      if (l.min) add(p, { validator: (_r, v, cb) => cb(typeof v === "string" && v !== "" && [...v].length < l.min ? { message: "text.too_short", clause: l.clause } : undefined) });
    }
  }
  const schema = new Schema(d);
  descriptorCache.set(n, schema);
  return schema;
}

/** Flat form state of a case. */
export function flatten(c, today) {
  const n = Array.isArray(c.evidence) ? c.evidence.length : 0;
  const flat = { __case: c, __today: today };
  for (const p of Object.keys(descriptor(n).rules)) flat[p] = at(c, p);
  return flat;
}

export async function validateAsync(c, nowMs, today, flat = flatten(c, today)) {
  const out = [];
  const n = Array.isArray(c.evidence) ? c.evidence.length : 0;
  try {
    await descriptor(n).validate(flat, { first: false });
  } catch ({ errors }) {
    for (const e of errors ?? []) out.push({ code: e.message, path: e.field, severity: e.severity ?? "error", clause: e.clause ?? lengthClause.get(e.field) });
  }
  return verdict(c, nowMs, extras(c, nowMs, out));
}
