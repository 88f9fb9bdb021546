// Removes named custom sections from a wasm module, in place: `node strip-section.mjs FILE NAME...`.
// Used to drop rustc's `target_features` section, which would otherwise tell wasm-bindgen and
// wasm-opt which features the module may use.
import { readFileSync, writeFileSync } from "node:fs";

/** An unsigned LEB128 at `at`: `[value, bytesRead]`. */
function leb(bytes, at) {
  let value = 0;
  let shift = 0;
  let n = 0;
  for (;;) {
    const b = bytes[at + n];
    if (b === undefined) throw new Error("truncated LEB128");
    value += (b & 0x7f) * 2 ** shift;
    n += 1;
    if ((b & 0x80) === 0) return [value, n];
    shift += 7;
  }
}

/** The module without the custom sections whose names are in `names`. */
export function stripCustomSections(bytes, names) {
  const kept = [bytes.subarray(0, 8)];
  let at = 8;
  while (at < bytes.length) {
    const id = bytes[at];
    const [size, sizeLen] = leb(bytes, at + 1);
    const end = at + 1 + sizeLen + size;
    let drop = false;
    if (id === 0) {
      const [nameLen, nameLenLen] = leb(bytes, at + 1 + sizeLen);
      const nameAt = at + 1 + sizeLen + nameLenLen;
      drop = names.includes(new TextDecoder().decode(bytes.subarray(nameAt, nameAt + nameLen)));
    }
    if (!drop) kept.push(bytes.subarray(at, end));
    at = end;
  }
  return Buffer.concat(kept);
}

const [file, ...names] = process.argv.slice(2);
if (file) writeFileSync(file, stripCustomSections(readFileSync(file), names));
