// complaint-rules/form — the small form module: validate, mask, the editing session, the pack
// list and documents; the same Engine API as the full entry (index.js), whose other calls
// (preview, classify, handling, the calendar and rule-change calls) answer an EngineError
// `not_in_module` here. Load this first on a form page and the full module when it is needed:
// both can live in one page. No rules live here.
import initWasm, * as glue from "./generated/form/complaint_rules.js";
import { engineApi } from "./engine.js";
import { moduleLoader } from "./loader.js";

export { EngineError } from "./engine.js";

let loaded = null;

/** The form module's Engine, Session and version. */
export const { Engine, Session, version } = engineApi(() => loaded);

const load = moduleLoader(initWasm, new URL("./generated/form/complaint_rules_bg.wasm", import.meta.url));

/** Loads the form module once (`input` as the full entry's `init`). */
export default async function init(input) {
  await load(input);
  loaded = glue;
}
