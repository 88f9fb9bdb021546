// TypeScript declarations for the mini-program build (dist/index.js). The Engine and shell types
// are the web package's own declarations, copied beside this file into dist/types/ by the build.
import type { Engine, EngineError, version } from "./types/index.js";

export { Engine, EngineError, version } from "./types/index.js";
export type * from "./types/index.js";
export * from "./types/shell.js";

/** The platform's WebAssembly-like object: `WXWebAssembly`, `TTWebAssembly` or `MYWebAssembly`. */
export interface HostWebAssembly {
  /** Instantiates the module at `path`, a file inside the code package (.wasm or .wasm.br). */
  instantiate(path: string, imports: object): Promise<{ instance: object; module: object }>;
}

export interface LoadEngineOptions {
  /** A path inside the code package, ending `.wasm` or `.wasm.br`. */
  wasmPath: string;
  /** Default: `WXWebAssembly`, else `TTWebAssembly`, else `MYWebAssembly`. */
  host?: HostWebAssembly;
}

/** Loads the engine module once through the host; a failed load can be retried. */
export function loadEngine(options: LoadEngineOptions): Promise<{ Engine: typeof Engine; EngineError: typeof EngineError; version: typeof version }>;
