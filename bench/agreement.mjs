// The honesty check: on a sample of the generated cases, does each peer reach the engine's
// verdict? Validation: same status and the same set of error/warning codes. Classification: same
// category, severity and flags; the keyword matcher's category is held to the engine's
// lexicon-only answer (the pack without its learned model, bench/lib/lexicon.mjs) and compared
// with the full answer (lexicon + model) without a bar. Routing: json-rules-engine given the
// engine's own facts (amount, severity, flags) must pick the engine's routes; the full peer
// pipeline is reported too.
import { validateAjv } from "./peers/ajv.mjs";
import { validateAsync } from "./peers/async-validator.mjs";
import { classifyPeer } from "./peers/classify.mjs";
import { routes } from "./peers/rules.mjs";
import { structuredOf, peerPreview } from "./lib/peer-preview.mjs";

/** Minimum agreement (%) per comparison; below it the bench fails (null: reported, no bar).
 * Why each bar is where it is: validation and routing implement the same pack rules, so anything
 * short of all is a bug; the keyword matcher lacks the engine's negation / contrast / intensifier
 * handling and its longest-match tokenisation, so it may pick another category than the engine's
 * lexicon on hedged texts; severity and flags hinge on a few unambiguous terms, so they mostly
 * agree. Since issue 17 the engine's category also weighs a learned character n-gram model, which
 * the keyword matcher does not have (it is not the peer's work): on these generated texts, built
 * from templates with random problem words, the model overrules the lexicon on about half the
 * cases, so no bar is set on the keyword matcher against the full answer; its figure, and the
 * engine's own lexicon-vs-full agreement beside it, are printed so the gap stays visible. */
export const BARS = {
  "validate (ajv)": 99.5, "validate (async-validator)": 99.5, "routes (rules engine, engine facts)": 99.5,
  "category (keywords vs engine lexicon only)": 60, "category (keywords vs engine lexicon + model)": null, "category (engine lexicon only vs lexicon + model)": null,
  "severity (keywords)": 90, "flags (keywords)": 90, "preview pipeline (validate status + routes)": 95,
};

const codes = (problems) => [...new Set(problems.map((p) => p.code))].sort().join(",");
const same = (a, b) => a === b;

export async function agreement(engine, cases, { now, nowMs, today, rules, lexicon }) {
  const hits = Object.fromEntries(Object.keys(BARS).map((k) => [k, 0]));
  const diffs = Object.fromEntries(Object.keys(BARS).map((k) => [k, []]));
  const note = (k, ok, what) => { if (ok) hits[k]++; else if (diffs[k].length < 3) diffs[k].push(what); };
  for (const c of cases) {
    const e = engine.validate(c, { now });
    const want = `${e.status}:${codes(e.problems)}`;
    const a = validateAjv(c, nowMs, today);
    note("validate (ajv)", same(want, `${a.status}:${codes(a.problems)}`), `engine ${want} / ajv ${a.status}:${codes(a.problems)}`);
    const v = await validateAsync(c, nowMs, today);
    note("validate (async-validator)", same(want, `${v.status}:${codes(v.problems)}`), `engine ${want} / async-validator ${v.status}:${codes(v.problems)}`);

    const s = structuredOf(c);
    const structured = { request_type: s.request_type, complainant_kind: s.complainant_kind, respondent_kind: s.respondent_kind, amount: s.amount_fen === undefined ? undefined : c.request.amount };
    const ek = engine.classify(c.facts ?? "", structured);
    const lk = lexicon.classify(c.facts ?? "", structured);
    const pk = classifyPeer(c.facts ?? "", s);
    const eflags = [...new Set(ek.flags.map((f) => f.id))].sort().join(",");
    const text = (c.facts ?? "").slice(0, 60);
    note("category (keywords vs engine lexicon only)", lk.category.id === pk.category, `engine lexicon ${lk.category.id} / keywords ${pk.category}: ${text}`);
    note("category (keywords vs engine lexicon + model)", ek.category.id === pk.category, `engine ${ek.category.id} / keywords ${pk.category}: ${text}`);
    note("category (engine lexicon only vs lexicon + model)", ek.category.id === lk.category.id, `engine ${ek.category.id} / engine lexicon ${lk.category.id}: ${text}`);
    note("severity (keywords)", ek.severity.level === pk.severity, `engine ${ek.severity.level} / keywords ${pk.severity}`);
    note("flags (keywords)", eflags === [...pk.flags].sort().join(","), `engine [${eflags}] / keywords [${pk.flags}]`);

    // The staff view: approval routes are internal, so the complainant's view (preview's default
    // since issue 15) leaves `route.applied` empty; the peers' routes are the staff's work.
    const p = engine.preview(c, { now, view: "staff" });
    const eroutes = p.route.applied.map((r) => r.id).join(",");
    const r = await routes(rules, { amountFen: p.route.amount_fen ?? null, severity: p.classification.severity.level, flags: p.classification.flags.map((f) => f.id) });
    note("routes (rules engine, engine facts)", eroutes === r.join(","), `engine [${eroutes}] / rules [${r}]`);
    const pp = await peerPreview(rules, c, nowMs, today);
    // The engine's preview also runs the deadline timeline (working-day calendar), whose overdue
    // findings can block; the peers do not, so the pipeline is compared on validate's status.
    note("preview pipeline (validate status + routes)", `${e.status}:${eroutes}` === `${pp.status}:${pp.routes.join(",")}`, `engine ${e.status} [${eroutes}] / peers ${pp.status} [${pp.routes}]`);
  }
  return Object.keys(BARS).map((k) => ({ what: k, pct: (100 * hits[k]) / cases.length, bar: BARS[k], diffs: diffs[k] }));
}
