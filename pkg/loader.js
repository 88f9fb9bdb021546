// complaint-rules — loads a wasm-bindgen module once, in a page (fetch) or in Node (read from
// disk). Shared by the two web entries: index.js (the full module) and form.js (the form module).

const isNode = typeof process !== "undefined" && !!process.versions?.node;

/**
 * The `init(input)` of one module: loads it once. `input` may be a URL (string or URL), bytes
 * (ArrayBuffer / typed array), a `Response`, or a compiled `WebAssembly.Module`; with no input
 * the module at `defaultUrl` is used (fetched in a page, read from disk in Node). A failed load
 * can be retried.
 */
export function moduleLoader(initWasm, defaultUrl) {
  let ready = null;
  return function init(input) {
    if (!ready) {
      ready = (async () => {
        let source = input;
        if (source === undefined && isNode) {
          const { readFile } = await import("node:fs/promises");
          source = await readFile(defaultUrl);
        }
        await initWasm(source === undefined ? undefined : { module_or_path: source });
      })().catch((e) => {
        ready = null;
        throw e;
      });
    }
    return ready;
  };
}
