// Cold start of a web module, shared by bench/node.mjs and bench/quick.mjs: `n` times, compile
// the bytes to a fresh WebAssembly.Module, load a fresh copy of the glue, instantiate, construct
// a RawEngine. Returns the samples in milliseconds.
import { readFileSync } from "node:fs";

/**
 * `{compile, instantiate, firstEngine}`: arrays of ms; `pkg` is the package folder's URL, `dir`
 * the module's folder in it (`generated/`, the full module; `generated/form/`, the form module).
 */
export async function coldStartSamples(pkg, n = 20, dir = "generated/") {
  const bytes = readFileSync(new URL(`${dir}complaint_rules_bg.wasm`, pkg));
  const compile = [], instantiate = [], firstEngine = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    const module = new WebAssembly.Module(bytes);
    const t1 = performance.now();
    const glue = await import(`${new URL(`${dir}complaint_rules.js`, pkg)}?cold=${i}`);
    await glue.default({ module_or_path: module });
    const t2 = performance.now();
    // `RawEngine.create` answers {ok}/{error}; a checkout from before it had a throwing constructor.
    const engine = glue.RawEngine.create ? glue.RawEngine.create(undefined, undefined).ok : new glue.RawEngine(undefined, undefined);
    engine.free();
    const t3 = performance.now();
    compile.push(t1 - t0); instantiate.push(t2 - t0); firstEngine.push(t3 - t2);
  }
  return { compile, instantiate, firstEngine };
}
