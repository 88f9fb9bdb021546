// Prints the size of each file given: raw, gzip (level 9) and brotli (quality 11).
import { readFileSync } from "node:fs";
import { gzipSync, brotliCompressSync, constants } from "node:zlib";
import { basename } from "node:path";

for (const file of process.argv.slice(2)) {
  const bytes = readFileSync(file);
  const gz = gzipSync(bytes, { level: 9 }).length;
  const br = brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
  console.log(`${basename(file)}: raw ${kb(bytes.length)} · gzip ${kb(gz)} · brotli ${kb(br)}`);
}
