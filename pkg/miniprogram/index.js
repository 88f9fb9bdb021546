// complaint-rules for mini-programs (WeChat, Douyin, Alipay): loads the module through the host's
// WebAssembly object (`WXWebAssembly`, `TTWebAssembly`, `MYWebAssembly`) from a path inside the
// code package, supplies UTF-8 text codecs where the host has none, and exposes the same Engine
// as the web package (engine.js) plus the submit shell (shell.js). Built into one CommonJS file by
// scripts/miniprogram/package.mjs; no rules live here.
import createGlue from "./generated/glue.js";
import { bindGlue, Engine, EngineError, version } from "../engine.js";
import * as codecs from "./text-codec.js";

export { Engine, EngineError, version };
export * from "../shell.js";

const MODULE_PATH = /\.wasm(\.br)?$/;

/** The host's WebAssembly-like object: the one given, else the first of WX/TT/MY present. */
function hostObject(host) {
  if (host !== undefined) return host;
  if (typeof WXWebAssembly !== "undefined") return WXWebAssembly;
  if (typeof TTWebAssembly !== "undefined") return TTWebAssembly;
  if (typeof MYWebAssembly !== "undefined") return MYWebAssembly;
  return undefined;
}

/**
 * The `WebAssembly` the glue sees: `instantiate(path, imports)` goes to the host's, whose answer
 * is already `{instance, module}` (the glue's `instanceof WebAssembly.Instance` test is false).
 */
function webAssemblyOver(host) {
  class HostOnly {}
  return { instantiate: (path, imports) => host.instantiate(path, imports), Instance: HostOnly, Module: HostOnly };
}

/** The host's text codecs when it has them, else the UTF-8 ones of text-codec.js. */
function textCodecs() {
  return {
    TextEncoder: typeof TextEncoder === "function" ? TextEncoder : codecs.TextEncoder,
    TextDecoder: typeof TextDecoder === "function" ? TextDecoder : codecs.TextDecoder,
  };
}

let loaded = null;

/**
 * Loads the engine module once: `loadEngine({ wasmPath, host })` with `wasmPath` a path inside the
 * code package ending `.wasm` or `.wasm.br` and `host` the platform's WebAssembly object (default:
 * `WXWebAssembly`, else `TTWebAssembly`, else `MYWebAssembly`). Resolves to
 * `{ Engine, EngineError, version }`. A failed load can be retried.
 */
export function loadEngine(options) {
  const { wasmPath, host } = options ?? {};
  if (typeof wasmPath !== "string" || !MODULE_PATH.test(wasmPath)) {
    return Promise.reject(new TypeError("loadEngine: wasmPath must be a path inside the package ending .wasm or .wasm.br"));
  }
  const target = hostObject(host);
  if (typeof target?.instantiate !== "function") {
    return Promise.reject(new TypeError("loadEngine: no WXWebAssembly / TTWebAssembly / MYWebAssembly here; pass host"));
  }
  if (!loaded) {
    loaded = (async () => {
      const glue = createGlue({ WebAssembly: webAssemblyOver(target), ...textCodecs() });
      await glue.init({ module_or_path: wasmPath });
      bindGlue(glue);
      return { Engine, EngineError, version };
    })().catch((e) => {
      loaded = null;
      throw e;
    });
  }
  return loaded;
}
