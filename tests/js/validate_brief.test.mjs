// `validate` with `normalized: false`, through both real wasm modules (the full one and the form
// one): on every validation scenario, in every locale, the answer is the default answer without
// its `normalized` member and nothing else changed; `normalized: true` is the default answer; a
// value that is not a boolean is the option error naming `normalized`, in both languages; the
// module itself refuses a bad value given past the shell, naming the options.
import { test } from "node:test";
import assert from "node:assert/strict";
import initFull, { Engine as FullEngine, EngineError } from "../../pkg/index.js";
import initForm, { Engine as FormEngine } from "../../pkg/form.js";
import { NOW, baseCase, scenarios } from "./support.mjs";

await initFull();
await initForm();

const engines = { full: new FullEngine(), form: new FormEngine() };

/** The answer of a call, or the error it threw (as plain data). */
function outcome(call) {
  try {
    return { ok: call() };
  } catch (e) {
    return { error: { code: e.code, path: e.path, messages: e.messages } };
  }
}

/** `answer` without its `normalized` member (errors as they are). */
function withoutNormalized(answer) {
  if (!answer.ok) return answer;
  const { normalized, ...rest } = answer.ok;
  return { ok: rest };
}

test("normalized: false is the default answer without the normalised case", () => {
  let compared = 0;
  let ready = 0;
  for (const [module, engine] of Object.entries(engines)) {
    for (const { name, scenario, case: c } of scenarios()) {
      for (const locale of [undefined, "zh-CN", "en"]) {
        const opts = { now: scenario.now ?? NOW, pack: scenario.pack, locale };
        const whole = outcome(() => engine.validate(c, opts));
        const brief = outcome(() => engine.validate(c, { ...opts, normalized: false }));
        const label = `${module} ${name} ${locale}`;
        if (whole.ok) {
          assert.ok(whole.ok.normalized && typeof whole.ok.normalized === "object", label);
          assert.ok(!("normalized" in brief.ok), label);
          if (whole.ok.status === "ready") ready++;
        }
        assert.deepEqual(brief, withoutNormalized(whole), label);
        assert.deepEqual(outcome(() => engine.validate(c, { ...opts, normalized: true })), whole, label);
        compared++;
      }
    }
  }
  assert.ok(compared >= 60 && ready > 0, `${compared} answers compared, ${ready} ready`);
});

test("normalized: false through the object route (validateValue) and the raw JSON route", () => {
  const engine = engines.full;
  const c = baseCase("natural_ecommerce");
  const opts = JSON.stringify({ now: NOW, normalized: false });
  const viaValue = JSON.parse(engine.raw.validateValue(c, opts));
  const viaJson = JSON.parse(engine.raw.validateJson(JSON.stringify(c), opts));
  assert.deepEqual(viaValue, viaJson);
  assert.ok(viaJson.ok && !("normalized" in viaJson.ok) && viaJson.ok.status === "ready");
});

test("a normalized option that is not a boolean is the option error naming it", () => {
  const c = baseCase("natural_ecommerce");
  for (const [module, engine] of Object.entries(engines)) {
    for (const bad of ["false", 0, 1, null, {}]) {
      assert.throws(
        () => engine.validate(c, { now: NOW, normalized: bad }),
        (e) => e instanceof EngineError && e.code === "option" && e.path === "normalized" && Boolean(e.messages.zh && e.messages.en),
        `${module} ${JSON.stringify(bad)}`,
      );
    }
    // Past the shell, the module's own option reader refuses it.
    const raw = JSON.parse(engine.raw.validateJson(JSON.stringify(c), JSON.stringify({ now: NOW, normalized: "no" })));
    assert.equal(raw.error?.code, "option", module);
    assert.equal(raw.error?.path, "options", module);
  }
});
