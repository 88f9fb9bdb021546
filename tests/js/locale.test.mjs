// The `locale` option through the real wasm module (issue 20): with "zh-CN" or "en" every
// finding's (and route's) message carries only that language's key, with exactly the text of the
// both-languages run, and nothing else changes (but the preview's rendering, which follows the
// locale); without the option, or with "both", every message has both; a bad value is the option
// error naming `locale`. For validate, preview, session, handling and deadlines.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import init, { Engine, EngineError } from "../../pkg/index.js";
import { NOW, baseCase, mergePatch, scenarios } from "./support.mjs";

await init();

const cases = new URL("../cases/", import.meta.url);

/** Every `message` object of `v`, with its path. */
function messages(v, at = "", out = []) {
  if (Array.isArray(v)) v.forEach((c, i) => messages(c, `${at}/${i}`, out));
  else if (v && typeof v === "object") {
    for (const [k, c] of Object.entries(v)) {
      if (k === "message" && c && typeof c === "object") out.push([`${at}/${k}`, c]);
      else messages(c, `${at}/${k}`, out);
    }
  }
  return out;
}

/** `v` with every message cut to `lang` ("zh" or "en"). */
function cut(v, lang) {
  if (Array.isArray(v)) return v.map((c) => cut(c, lang));
  if (v && typeof v === "object") {
    return Object.fromEntries(
      Object.entries(v).map(([k, c]) => [k, k === "message" && c && typeof c === "object" ? { [lang]: c[lang] } : cut(c, lang)]),
    );
  }
  return v;
}

/**
 * `run(locale)` for undefined, "both", "zh-CN" and "en": the absent and "both" runs are the same
 * with both languages in every message, each one-language run is that with its messages cut.
 * Returns the number of messages.
 */
function checkRuns(what, run) {
  const absent = run(undefined);
  assert.deepEqual(run("both"), absent, `${what}: both = absent`);
  const all = messages(absent);
  for (const [at, m] of all) {
    assert.deepEqual(Object.keys(m).sort(), ["en", "zh"], `${what}: ${at}`);
    assert.ok(m.zh && m.en, `${what}: ${at} not empty`);
  }
  // The rendering (of a preview, also inside a session's result) follows the locale.
  const noRender = (v) => JSON.parse(JSON.stringify(v, (k, x) => (k === "render" ? undefined : x)));
  assert.deepEqual(run("zh-CN"), cut(absent, "zh"), `${what}: zh-CN`);
  const en = run("en");
  assert.deepEqual(noRender(en), noRender(cut(absent, "en")), `${what}: en`);
  for (const r of [en.render, en.preview?.render].filter(Boolean)) assert.equal(r.locale, "en");
  assert.ok(!JSON.stringify(messages(en)).includes('"zh"'), `${what}: no zh in en`);
  return all.length;
}

function files(sub) {
  const dir = new URL(`${sub}/`, cases);
  return readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => {
      const scenario = JSON.parse(readFileSync(new URL(f, dir), "utf8"));
      return { name: f, scenario, case: mergePatch(scenario.base ? baseCase(scenario.base) : {}, scenario.patch) };
    });
}

test("validate: messages in the locale asked", () => {
  const engine = new Engine();
  let total = 0;
  for (const { name, scenario, case: c } of scenarios()) {
    total += checkRuns(name, (locale) => engine.validate(c, { now: scenario.now, pack: scenario.pack, locale }));
  }
  assert.ok(total >= 60, `${total} messages`);
  engine.free();
});

test("preview and session: messages in the locale asked", () => {
  const engine = new Engine();
  let total = 0;
  for (const { name, scenario, case: c } of files("preview")) {
    const opts = { now: scenario.now, pack: scenario.pack, overrides: scenario.overrides, handling: scenario.handling, view: scenario.view ?? "staff" };
    total += checkRuns(name, (locale) => engine.preview(c, { ...opts, locale }));
  }
  assert.ok(total >= 200, `${total} messages`);
  const broken = baseCase("natural_ecommerce");
  broken.complainant.mobile = "1381234";
  const inSession = (locale) => {
    const s = engine.session(broken, { now: NOW, locale });
    const out = { set: s.set("/facts", "短"), findings: s.findings(), preview: s.preview() };
    s.free();
    return out;
  };
  assert.ok(checkRuns("session", inSession) >= 4);
  engine.free();
});

test("handling: messages in the locale asked", () => {
  const engine = new Engine();
  let total = 0;
  for (const { name, scenario, case: c } of files("handling")) {
    if (scenario.expect.error_path) continue;
    total += checkRuns(name, (locale) => engine.handling(c, scenario.record, { now: scenario.now, pack: scenario.pack, locale }));
  }
  assert.ok(total >= 20, `${total} messages`);
  engine.free();
});

test("deadlines: messages in the locale asked", () => {
  const engine = new Engine();
  const lines = readFileSync(new URL("deadlines/timelines.jsonl", cases), "utf8").split("\n").filter((l) => l.trim());
  let total = 0;
  for (const line of lines) {
    const s = JSON.parse(line);
    total += checkRuns(s.name, (locale) => engine.deadlines(s.times, { now: s.now, locale }));
  }
  assert.ok(total >= 10, `${total} messages`);
  engine.free();
});

test("a bad locale is the option error naming `locale`, in both languages", () => {
  const engine = new Engine();
  const c = baseCase("natural_ecommerce");
  const calls = [
    (locale) => engine.validate(c, { now: NOW, locale }),
    (locale) => engine.preview(c, { now: NOW, locale }),
    (locale) => engine.session(c, { now: NOW, locale }),
    (locale) => engine.handling(c, { events: [] }, { now: NOW, locale }),
    (locale) => engine.deadlines({ submitted_at: NOW }, { now: NOW, locale }),
  ];
  for (const call of calls) {
    for (const bad of ["fr", "zh", "EN", "", 5, null]) {
      assert.throws(
        () => call(bad),
        (e) => e instanceof EngineError && e.code === "option" && e.path === "locale" && Boolean(e.messages.zh && e.messages.en),
        `${call} ${JSON.stringify(bad)}`,
      );
    }
  }
  engine.free();
});
