// The JSON Schema the AJV peer compiles (at build time, standalone): the case shape from
// pkg/case.schema.json plus one subschema per pack rule (required, format, length), and a table
// saying which finding code (with the rule's severity and clause) each subschema stands for.
import caseSchema from "../../pkg/case.schema.json" with { type: "json" };
import { core, onMissing } from "./pack.mjs";

const { $schema: _draft, $id: _id, ...shape } = caseSchema;

/** Shape patterns of the pack's formats; the exact code of a mismatch comes from checks.mjs. */
export const PATTERNS = {
  resident_id: "^$|^\\d{17}[\\dXx]$",
  uscc: "^$|^[0-9A-HJ-NPQRTUWXY]{2}\\d{6}[0-9A-HJ-NPQRTUWXY]{10}$",
  mobile: "^$|^(\\+86|0086)?1[3-9]\\d{9}$",
  email: "^$|^[!#-'*+\\-/-9=?A-Z^-~]+(\\.[!#-'*+\\-/-9=?A-Z^-~]+)*@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$",
  money: "^$|^\\d{1,17}(\\.\\d{1,2})?$",
  time: "^$|^\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])[Tt ]([01]\\d|2[0-3]):[0-5]\\d:([0-5]\\d|60)(\\.\\d+)?([Zz]|[+-]\\d{2}:\\d{2})$",
};

/** `leaf` at `pointer` (`*` = every array item); `need`: the objects on the way must exist. */
function nest(pointer, leaf, need) {
  const parts = pointer.split("/").slice(1);
  let s = leaf;
  for (let i = parts.length - 1; i >= 0; i--) {
    if (parts[i] === "*") s = { items: s };
    else s = need ? { type: "object", required: [parts[i]], properties: { [parts[i]]: s } } : { properties: { [parts[i]]: s } };
  }
  return s;
}

function condition(w = {}) {
  const all = [];
  if (w.complainant_kind !== undefined) all.push(nest("/complainant/kind", { const: w.complainant_kind }, true));
  if (w.has_agent === true) all.push({ required: ["agent"], properties: { agent: { type: "object", minProperties: 1 } } });
  if (w.has_agent === false) all.push({ not: { required: ["agent"], properties: { agent: { type: "object", minProperties: 1 } } } });
  return all.length ? { allOf: all } : null;
}

const rules = [{ code: "field.type" }];
const schemas = [shape];
for (const r of core.required) {
  const s = { anyOf: r.any_of.map((p) => nest(p, { type: "string", minLength: 1 }, true)) };
  const c = condition(r.when);
  schemas.push(c ? { if: c, then: s } : s);
  rules.push({ code: "field.required", path: r.any_of[0], severity: onMissing(r), clause: r.clause });
}
for (const f of core.formats) {
  schemas.push(nest(f.path, { pattern: PATTERNS[f.format] }, false));
  rules.push({ format: f.format, clause: f.clause });
}
for (const l of core.lengths) {
  const leaf = l.min ? { maxLength: l.max, anyOf: [{ maxLength: 0 }, { minLength: l.min }] } : { maxLength: l.max };
  schemas.push(nest(l.path, leaf, false));
  rules.push({ length: true, clause: l.clause });
}

/** The schema: `allOf[i]` is rule `RULES[i]`. */
export const schema = { allOf: schemas };
/** What each `allOf` entry checks. */
export const RULES = rules;
