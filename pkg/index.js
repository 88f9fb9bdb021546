// complaint-rules — the npm entry point. A thin hand-written layer over the generated
// wasm-bindgen glue: it loads the full module and binds the Engine wrapper (engine.js) to it. No
// rules live here. The small form module (validate, mask, session) is the `complaint-rules/form`
// entry (form.js).
import initWasm, * as glue from "./generated/complaint_rules.js";
import { bindGlue } from "./engine.js";
import { moduleLoader } from "./loader.js";

export { Engine, EngineError, Session, version } from "./engine.js";

bindGlue(glue);

/**
 * Loads the WebAssembly module once. `input` may be a URL (string or URL), bytes (ArrayBuffer /
 * typed array), a `Response`, or a compiled `WebAssembly.Module`; with no input the module next
 * to this file is used (fetched in a page, read from disk in Node).
 */
export default moduleLoader(initWasm, new URL("./generated/complaint_rules_bg.wasm", import.meta.url));
