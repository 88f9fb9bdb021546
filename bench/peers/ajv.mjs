// Validation peer 1: AJV, compiled at build time to a standalone module (no `new Function` at
// run time, so it is allowed in mini-programs), plus the checksums and cross-field rules in plain
// JS. Maps AJV's errors to the engine's finding codes through the rule table.
import validateShape from "../generated/ajv-case.mjs";
import { RULES } from "./ajv-schema.mjs";
import { FORMATS } from "./checks.mjs";
import { at, core } from "./pack.mjs";
import { extras, verdict } from "./extras.mjs";

const CHECKSUMMED = core.formats.filter((f) => f.format === "resident_id" || f.format === "uscc");
const RULE_OF = /^#\/allOf\/(\d+)\//;

export function validateAjv(c, nowMs, today) {
  const out = [];
  const seen = new Set();
  validateShape(c);
  for (const e of validateShape.errors ?? []) {
    const rule = RULES[Number(RULE_OF.exec(e.schemaPath)?.[1] ?? 0)];
    if (rule.length) {
      const code = e.keyword === "maxLength" ? "text.too_long" : e.keyword === "minLength" ? "text.too_short" : null;
      if (code && !seen.has(e.instancePath)) { seen.add(e.instancePath); out.push({ code, path: e.instancePath, severity: "error", clause: rule.clause }); }
    } else if (rule.code === "field.required") {
      if (!seen.has(rule.path)) { seen.add(rule.path); out.push({ code: rule.code, path: rule.path, severity: rule.severity, clause: rule.clause }); }
    } else if (rule.code === "field.type") {
      if (e.keyword === "type" || e.keyword === "enum") out.push({ code: "field.type", path: e.instancePath, severity: "error" });
    }
  }
  // The patterns find the malformed values fast; the checksums run on the rest, as in a form.
  for (const e of validateShape.errors ?? []) {
    const rule = RULES[Number(RULE_OF.exec(e.schemaPath)?.[1] ?? 0)];
    if (rule.format && e.keyword === "pattern") out.push({ code: FORMATS[rule.format](at(c, e.instancePath), today), path: e.instancePath, severity: "error", clause: rule.clause });
  }
  for (const f of CHECKSUMMED) {
    const v = at(c, f.path);
    if (typeof v === "string" && v !== "" && !out.some((p) => p.path === f.path)) {
      const code = FORMATS[f.format](v, today);
      if (code) out.push({ code, path: f.path, severity: "error", clause: f.clause });
    }
  }
  return verdict(c, nowMs, extras(c, nowMs, out));
}
