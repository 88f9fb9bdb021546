// Build step of the benchmark (run by scripts/bench.sh before run.mjs): compiles the AJV peer's
// schema to a standalone ES module in bench/generated/ (no `new Function` at run time, as a
// mini-program requires), then bundles each peer with esbuild (minified, browser) to measure
// what a page would ship.
import { mkdirSync, writeFileSync } from "node:fs";
import Ajv from "ajv";
import standaloneCode from "ajv/dist/standalone/index.js";
import { build } from "esbuild";
import { schema } from "./peers/ajv-schema.mjs";

const here = new URL("./", import.meta.url).pathname;
const out = `${here}generated/`;
mkdirSync(out, { recursive: true });

const ajv = new Ajv({ allErrors: true, strict: false, code: { source: true, esm: true, optimize: true } });
const validate = ajv.compile(schema);
// AJV's ESM output still `require`s its runtime helpers; turn those into imports.
let code = standaloneCode(ajv, validate);
const helpers = [];
code = code.replace(/require\("(ajv\/dist\/runtime\/[a-z0-9]+)"\)\.default/g, (_, mod) => {
  helpers.push(`import helper${helpers.length} from "${mod}.js";`);
  return `(helper${helpers.length - 1}.default ?? helper${helpers.length - 1})`;
});
writeFileSync(`${out}ajv-case.mjs`, `${helpers.join("\n")}\n${code}`);

const entries = {
  "validate-ajv": "peers/ajv.mjs",
  "validate-async-validator": "peers/async-validator.mjs",
  "classify-keywords": "peers/classify.mjs",
  "routing-json-rules-engine": "peers/rules.mjs",
  "all-peers": "peers/all.mjs",
};
for (const [name, entry] of Object.entries(entries)) {
  await build({
    entryPoints: [`${here}${entry}`], bundle: true, minify: true, format: "esm", platform: "browser",
    outfile: `${out}bundle-${name}.js`, logLevel: "warning", legalComments: "none",
  });
}
console.log(`bench build: ${out}ajv-case.mjs and ${Object.keys(entries).length} esbuild bundles`);
