// Routing / severity peer: json-rules-engine with the pack's routes (packs/ecommerce/preview.json)
// as rules over the facts the keyword matcher and the form produce.
import { Engine } from "json-rules-engine";
import { previewPack } from "./pack.mjs";

const R = previewPack.routing;

function condition(when) {
  if (when === "always") return { all: [] };
  if (when === "amount_below") return { all: [{ fact: "amountFen", operator: "lessThan", value: R.threshold_fen }] };
  if (when === "amount_above") {
    const op = R.at_threshold === "amount_above" ? "greaterThanInclusive" : "greaterThan";
    return { all: [{ fact: "amountFen", operator: op, value: R.threshold_fen }] };
  }
  if (when === "major") return { all: [{ fact: "severity", operator: "equal", value: "major" }] };
  if (when === "legal_question" || when === "no_agreement") return { all: [{ fact: when, operator: "equal", value: true }] };
  if (when.flag) return { all: [{ fact: "flags", operator: "contains", value: when.flag }] };
  throw new Error(`unknown route trigger ${JSON.stringify(when)}`);
}

/** A rules engine holding the pack's routes. */
export function routingEngine() {
  const engine = new Engine([], { allowUndefinedFacts: true });
  R.routes.forEach((r, i) => engine.addRule({ name: r.id, priority: R.routes.length - i, conditions: condition(r.when), event: { type: r.id } }));
  return engine;
}

/** The ids of the routes that apply, in the pack's order. */
export async function routes(engine, facts) {
  const { events } = await engine.run({ amountFen: null, legal_question: false, no_agreement: false, ...facts });
  const ids = new Set(events.map((e) => e.type));
  return R.routes.map((r) => r.id).filter((id) => ids.has(id));
}
