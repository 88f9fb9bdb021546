// What iOS's WXWebAssembly accepts, checked with binaryen on the module's bytes: the MVP plus the
// features named in ALLOWED_FEATURES (no reference types, no multi-value), and no exported global.
import binaryen from "binaryen";
import { ALLOWED_FEATURES, allowedFeatureFlags } from "../../scripts/miniprogram/features.mjs";

export { ALLOWED_FEATURES };

/**
 * The reasons iOS would reject `bytes` (empty when it is fine): features outside the allowed set
 * (binaryen's validation under exactly those features) and exported globals, by name.
 */
export function iosProblems(bytes) {
  const module = binaryen.readBinary(bytes);
  try {
    const problems = [];
    const exported = [];
    for (let i = 0; i < module.getNumExports(); i++) {
      const info = binaryen.getExportInfo(module.getExportByIndex(i));
      if (info.kind === binaryen.ExternalGlobal) exported.push(info.name);
    }
    if (exported.length) problems.push(`exports globals: ${exported.join(", ")}`);
    module.setFeatures(allowedFeatureFlags());
    if (!quietly(() => module.validate())) problems.push(`uses features outside MVP + ${ALLOWED_FEATURES.join(", ")}`);
    return problems;
  } finally {
    module.dispose();
  }
}

/** Runs `fn` with binaryen's validation report (printed to stdout/stderr) kept off the test output. */
function quietly(fn) {
  const write = [process.stdout.write, process.stderr.write];
  process.stdout.write = process.stderr.write = () => true;
  try {
    return fn();
  } finally {
    [process.stdout.write, process.stderr.write] = write;
  }
}
