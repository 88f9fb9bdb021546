// Shared by the JS tests: the scenario files and base cases under tests/cases.
import { readFileSync, readdirSync } from "node:fs";

const root = new URL("../cases/", import.meta.url);

export const NOW = "2026-11-23T10:00:00+08:00";

export function baseCase(name) {
  return JSON.parse(readFileSync(new URL(`base/${name}.json`, root), "utf8"));
}

export function mergePatch(target, patch) {
  if (patch === null || typeof patch !== "object" || Array.isArray(patch)) return structuredClone(patch);
  const out = target && typeof target === "object" && !Array.isArray(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}

/** Every validation scenario as {name, scenario, case}. */
export function scenarios() {
  return readdirSync(new URL("validate/", root))
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => {
      const scenario = JSON.parse(readFileSync(new URL(`validate/${f}`, root), "utf8"));
      const base = scenario.base ? baseCase(scenario.base) : {};
      return { name: f, scenario, case: mergePatch(base, scenario.patch) };
    });
}
