// The wasm features a mini-program module may use beyond the MVP (binaryen's names): what iOS's
// WXWebAssembly accepts. No reference types, no multi-value. Shared by the build and the tests.
import binaryen from "binaryen";

export const ALLOWED_FEATURES = ["BulkMemory", "BulkMemoryOpt", "CallIndirectOverlong", "SignExt", "MutableGlobals", "NontrappingFPToInt"];

/** The allowed set as binaryen feature flags. */
export const allowedFeatureFlags = () => ALLOWED_FEATURES.reduce((set, name) => set | binaryen.Features[name], binaryen.Features.MVP);
