// The ecommerce pack's data: the document `complaint-rules pack build packs/ecommerce` assembles
// from the pack's parts (scripts/bench.sh writes it to bench/generated/) — the peers implement the
// same policy the engine embeds, from the same files, so a difference in verdict is a difference
// in code, not in data. A JSON import, so esbuild bundles the data with the peers (as the wasm
// module embeds it).
import pack from "../generated/pack-ecommerce.json" with { type: "json" };

export const core = pack;
export const classifyPack = pack.classify;
export const previewPack = pack.preview;

/** The value at a JSON pointer, or undefined. */
export function at(doc, pointer) {
  let v = doc;
  for (const part of pointer.split("/").slice(1)) {
    if (v === null || typeof v !== "object") return undefined;
    v = v[part];
  }
  return v;
}

/** Present as the engine counts it: non-empty string, boolean, number, non-empty array / object. */
export function present(v) {
  if (v === undefined || v === null) return false;
  if (typeof v === "string" || Array.isArray(v)) return v.length > 0;
  if (typeof v === "object") return Object.keys(v).length > 0;
  return true;
}

/** The severity of the finding an absent item gives, from the rule's `on_missing` (the engine's
 * `OnMissing::severity`): `block` (the default) an error, `supplement` a warning — the complaint
 * is registered and the item asked for later, so it does not block. */
export const onMissing = (rule) => (rule.on_missing === "supplement" ? "warning" : "error");

const CHINA_MS = 8 * 3600 * 1000;
const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

/** The day whose law applies (YYYY-MM-DD, UTC+08:00), as the engine's `Context::day`: the case's
 * `submitted_at` when it is an RFC 3339 time, else `now`. */
export function caseDay(c, nowMs) {
  const s = c?.submitted_at;
  const t = typeof s === "string" && RFC3339.test(s) ? Date.parse(s.replace(/[t ]/, "T")) : NaN;
  return new Date((Number.isNaN(t) ? nowMs : t) + CHINA_MS).toISOString().slice(0, 10);
}

/** Whether clause `id` is in force on `day` (the engine's `Pack::clause_in_force`: inside the
 * catalogue entry's `valid_from ..= valid_until`; an unknown id counts as in force). A rule
 * citing a clause applies only inside its window. */
export function inForce(id, day) {
  const k = id === undefined ? undefined : pack.clauses[id];
  return !k || ((k.valid_from ?? "") <= day && (!k.valid_until || day <= k.valid_until));
}

/** Whether a pack rule's `when` holds for a case. */
export function when(rule, c) {
  const w = rule.when ?? {};
  if (w.complainant_kind !== undefined && c.complainant?.kind !== w.complainant_kind) return false;
  if (w.has_agent !== undefined && w.has_agent !== present(c.agent)) return false;
  return true;
}
