// The cross-field rules no form library expresses, in plain JS, from the pack's data: time order
// (with the pack's clock skew), declarations, evidence limits, required materials, amount caps and
// refused fields. Every problem carries the clause of its rule; `verdict` keeps those whose clause
// is in force on the case's day and blocks on errors, as the engine does.
import { core, at, present, when, onMissing, caseDay, inForce } from "./pack.mjs";
import { fen, ms } from "./checks.mjs";

const skew = core.limits.clock_skew_seconds * 1000;

/** Pushes `{code, path, severity, clause}` for every cross-field problem of case `c` at `nowMs`. */
export function extras(c, nowMs, out) {
  for (const r of core.chronology) {
    const t = (p) => (p === "$now" ? nowMs : typeof at(c, p) === "string" ? ms(at(c, p)) : null);
    const a = t(r.earlier), b = t(r.later);
    if (a !== null && b !== null && a > b + skew) out.push({ code: "time.order", path: r.earlier === "$now" ? r.later : r.earlier, severity: "error", clause: r.clause });
  }
  for (const d of core.declarations) if (at(c, d.path) !== true) out.push({ code: "declaration.required", path: d.path, severity: onMissing(d), clause: d.clause });
  const ev = Array.isArray(c.evidence) ? c.evidence : [];
  const pol = core.evidence;
  if (ev.length > pol.max_items) out.push({ code: "evidence.too_many", path: "/evidence", severity: "error", clause: pol.clause });
  ev.forEach((e, i) => {
    if (e?.size > pol.max_bytes) out.push({ code: "evidence.too_large", path: `/evidence/${i}/size`, severity: "error", clause: pol.clause });
    if (e?.media_type && !pol.media_types.includes(e.media_type)) out.push({ code: "evidence.media_type", path: `/evidence/${i}/media_type`, severity: "error", clause: pol.clause });
  });
  for (const m of core.materials) {
    if (when(m, c) && !ev.some((e) => m.any_kind.includes(e?.kind))) out.push({ code: "material.missing", path: "/evidence", severity: onMissing(m), clause: m.clause });
  }
  for (const r of core.amounts) {
    if (!r.request_types.includes(c.request?.type)) continue;
    const a = typeof at(c, r.amount) === "string" ? fen(at(c, r.amount)) : null;
    const cap = typeof at(c, r.cap) === "string" ? fen(at(c, r.cap)) : null;
    if (a !== null && cap !== null && a > cap) out.push({ code: "amount.exceeds_cap", path: r.amount, severity: "warning", clause: r.clause });
  }
  for (const r of core.refused ?? []) if (present(at(c, r.path))) out.push({ code: "field.refused", path: r.path, severity: "error", clause: r.clause });
  return out;
}

/** `{status, problems}` like the engine's validate: the problems whose clause is in force on the
 * case's day; blocked by an error (every validation finding is the complainant's). */
export function verdict(c, nowMs, problems) {
  const day = caseDay(c, nowMs);
  const kept = problems.filter((p) => inForce(p.clause, day));
  return { status: kept.some((p) => p.severity === "error") ? "blocked" : "ready", problems: kept };
}

/** Required-field rules from the pack: `[{paths, rule}]` for the rules in force for `c`. */
export const requiredRules = (c) => core.required.filter((r) => when(r, c));
export { present };
