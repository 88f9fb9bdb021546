// The peers' counterpart of engine.preview: validation (AJV peer) + keyword classification +
// json-rules-engine routing, with the same inputs the engine reads.
import { validateAjv } from "../peers/ajv.mjs";
import { classifyPeer } from "../peers/classify.mjs";
import { routes } from "../peers/rules.mjs";
import { fen } from "../peers/checks.mjs";

/** The structured fields classification reads, from a case. */
export function structuredOf(c) {
  const amount = typeof c.request?.amount === "string" ? fen(c.request.amount) : null;
  return { request_type: c.request?.type, complainant_kind: c.complainant?.kind, respondent_kind: c.respondent?.kind, amount_fen: amount ?? undefined };
}

/** `{status, category, severity, flags, routes}`. */
export async function peerPreview(rules, c, nowMs, today) {
  const v = validateAjv(c, nowMs, today);
  const s = structuredOf(c);
  const k = classifyPeer(c.facts ?? "", s);
  const r = await routes(rules, { amountFen: s.amount_fen ?? null, severity: k.severity, flags: k.flags });
  return { status: v.status, problems: v.problems, category: k.category, severity: k.severity, flags: k.flags, routes: r };
}
