// Classification peer: a plain JS keyword matcher over the same lexicon (packs/ecommerce/
// classify.json) — fold the text (full-width → half-width, traditional → simplified, lower case),
// add each term's weight per occurrence (capped as the pack says), add the structured signals,
// take the best category; severity from the amount threshold and the reason terms; flags from
// their terms. No negation, contrast or intensifier handling: that is what the engine adds.
import { classifyPack as P } from "./pack.mjs";

const variants = new Map(Object.entries(P.normalise.variants));
const cap = P.scoring.max_hits_per_term;
const categories = Object.entries(P.categories).map(([id, terms]) => [id, Object.entries(terms)]);
const threshold = P.severity.amount.threshold_yuan * 100;

export function fold(text) {
  let out = "";
  for (const ch of text) {
    const c = ch.codePointAt(0);
    const half = c === 0x3000 ? " " : c >= 0xff01 && c <= 0xff5e ? String.fromCodePoint(c - 0xfee0) : ch;
    out += (variants.get(half) ?? half).toLowerCase();
  }
  return out;
}

function hits(text, term) {
  let n = 0;
  for (let i = text.indexOf(term); i >= 0 && n < cap; i = text.indexOf(term, i + term.length)) n++;
  return n;
}

const anyTerm = (text, terms) => terms.some((t) => text.includes(t));

/** `{category, severity, flags}` of a complaint text and its structured fields. */
export function classifyPeer(text, structured = {}) {
  const t = fold(text);
  let best = null, bestScore = 0;
  for (const [id, terms] of categories) {
    let score = 0;
    for (const [term, w] of terms) if (t.includes(term)) score += w * hits(t, term);
    for (const [field, table] of Object.entries(P.structured)) score += table[structured[field]]?.[id] ?? 0;
    if (score > bestScore) { best = id; bestScore = score; }
  }
  const amountFen = structured.amount_fen ?? 0;
  const reasons = P.severity.reasons.filter((r) => anyTerm(t, r.terms)).map((r) => r.code);
  if (amountFen >= threshold) reasons.unshift(P.severity.amount.code);
  const flags = [...new Set(P.flags.filter((f) => anyTerm(t, f.terms) || (f.all_of && f.all_of.every((g) => anyTerm(t, g)))).map((f) => f.id))];
  return { category: best ?? P.default_category, severity: reasons.length ? "major" : "general", reasons, flags };
}
