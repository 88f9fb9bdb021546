// The published JSON Schema and the engine agree: on every scenario case, ajv accepts the case
// exactly when the engine reports no shape (`field.type`) problem.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import Ajv2020 from "ajv/dist/2020.js";
import init, { Engine } from "../../pkg/index.js";
import { NOW, scenarios } from "./support.mjs";

await init();

test("schema and engine agree on valid and invalid samples", () => {
  const schema = JSON.parse(readFileSync(new URL("../../pkg/case.schema.json", import.meta.url), "utf8"));
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  const check = ajv.compile(schema);
  const engine = new Engine();
  let valid = 0;
  let invalid = 0;
  for (const { name, case: c } of scenarios()) {
    const schemaOk = check(c);
    const engineOk = !engine.validate(c, { now: NOW }).problems.some((p) => p.code === "field.type");
    assert.equal(schemaOk, engineOk, `${name}: ajv ${schemaOk} (${ajv.errorsText(check.errors)}), engine ${engineOk}`);
    schemaOk ? valid++ : invalid++;
  }
  assert.ok(valid >= 10 && invalid >= 4, `valid ${valid}, invalid ${invalid}`);
  engine.free();
});
