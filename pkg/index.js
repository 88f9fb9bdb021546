// complaint-rules — the npm entry point. A thin hand-written layer over the generated
// wasm-bindgen glue: it loads the module and binds the Engine wrapper (engine.js) to it. No rules
// live here.
import initWasm, * as glue from "./generated/complaint_rules.js";
import { bindGlue } from "./engine.js";

export { Engine, EngineError, Session, version } from "./engine.js";

bindGlue(glue);

let ready = null;

const isNode = typeof process !== "undefined" && !!process.versions?.node;

/**
 * Loads the WebAssembly module once. `input` may be a URL (string or URL), bytes (ArrayBuffer /
 * typed array), a `Response`, or a compiled `WebAssembly.Module`; with no input the module next
 * to this file is used (fetched in a page, read from disk in Node).
 */
export default function init(input) {
  if (!ready) {
    ready = (async () => {
      let source = input;
      if (source === undefined && isNode) {
        const { readFile } = await import("node:fs/promises");
        source = await readFile(new URL("./generated/complaint_rules_bg.wasm", import.meta.url));
      }
      await initWasm(source === undefined ? undefined : { module_or_path: source });
    })().catch((e) => {
      ready = null;
      throw e;
    });
  }
  return ready;
}
