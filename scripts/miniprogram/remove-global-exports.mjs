// Removes every exported global from a wasm module, in place, with binaryen's JS API:
// `node remove-global-exports.mjs FILE`. wasm-bindgen 0.2.130 exports `__abort_handler` and
// `__instance_terminated`, which its glue never reads; iOS's WXWebAssembly rejects such modules.
import { readFileSync, writeFileSync } from "node:fs";
import binaryen from "binaryen";
import { allowedFeatureFlags } from "./features.mjs";

const file = process.argv[2];
const module = binaryen.readBinary(readFileSync(file));
module.setFeatures(allowedFeatureFlags());
const removed = [];
for (let i = module.getNumExports() - 1; i >= 0; i--) {
  const info = binaryen.getExportInfo(module.getExportByIndex(i));
  if (info.kind === binaryen.ExternalGlobal) {
    module.removeExport(info.name);
    removed.push(info.name);
  }
}
writeFileSync(file, module.emitBinary());
module.dispose();
console.log(`removed exported globals: ${removed.length ? removed.join(", ") : "(none)"}`);
