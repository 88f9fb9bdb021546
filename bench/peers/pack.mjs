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

/** Whether a pack rule's `when` holds for a case. */
export function when(rule, c) {
  const w = rule.when ?? {};
  if (w.complainant_kind !== undefined && c.complainant?.kind !== w.complainant_kind) return false;
  if (w.has_agent !== undefined && w.has_agent !== present(c.agent)) return false;
  return true;
}
