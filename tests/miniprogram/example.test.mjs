// The example mini-program's complaint page in the emulated logic layer, against the real
// reference backend and its SQLite file — once as on Android/DevTools, once in iOS mode.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import vm from "node:vm";
import { launch, ABSENT } from "./runtime.mjs";
import { backend, EXAMPLE, fillReady, type } from "./support.mjs";

let server;
before(async () => {
  server = await backend();
});
after(() => server?.stop());

/** The app launched in the emulator, pointed at the test backend, with its complaint page open. */
async function open(ios) {
  const rt = launch({ root: EXAMPLE, ios });
  rt.app.globalData.endpoint = server.endpoint;
  const page = await rt.openPage("pages/complaint/index");
  return { rt, page };
}

for (const ios of [false, true]) {
  const mode = ios ? "iOS mode" : "normal mode";

  test(`${mode}: the engine loads from engine.wasm.br through WXWebAssembly`, async () => {
    const { rt, page } = await open(ios);
    assert.equal(rt.wasmLoads.length, 1);
    assert.equal(rt.wasmLoads[0].path, "/miniprogram_npm/complaint-rules/engine.wasm.br");
    assert.ok(rt.wasmLoads[0].bytes > rt.wasmLoads[0].stored, "the module was brotli-decompressed");
    assert.equal(page.data.status, "blocked");
    for (const name of ABSENT) assert.equal(vm.runInContext(`typeof ${name}`, rt.context), "undefined", `${name} is absent`);
    assert.throws(() => vm.runInContext("Function(\"return 1\")", rt.context), (e) => e.name === "EvalError", "the Function constructor is refused");
  });

  test(`${mode}: the page validates as the user types and shows Chinese errors under the fields`, async () => {
    const { page } = await open(ios);
    type(page, { mobile: "12345" });
    assert.match(page.data.errors.mobile, /手机号码/);
    assert.match(page.data.errors.respondent_name, /被投诉人/);
    assert.match(page.data.statusText, /还有 \d+ 个问题需要处理/);
    type(page, { mobile: "13812341234" });
    assert.equal(page.data.errors.mobile, undefined, "the error goes once the number is valid");
    assert.match(page.wxml, /bindinput="onInput"/);
    for (const handler of page.wxml.matchAll(/bind\w+="(\w+)"/g)) assert.equal(typeof page[handler[1]], "function", handler[1]);
  });

  test(`${mode}: a complete case is ready and the preview shows category, checklist, deadlines and rendering`, async () => {
    const { page } = await open(ios);
    fillReady(page);
    assert.equal(page.data.status, "ready", JSON.stringify(page.data.errors) + JSON.stringify(page.data.general));
    assert.equal(page.data.statusText, "可以提交");
    assert.match(page.data.category, /\p{Script=Han}/u);
    assert.match(page.data.severity, /投诉$/);
    assert.ok(page.data.checklist.length > 0);
    assert.ok(page.data.checklist.some((c) => c.done && /照片|图片|凭证|订单/.test(c.name + c.reason)), JSON.stringify(page.data.checklist));
    assert.ok(page.data.deadlines.length > 0);
    for (const d of page.data.deadlines) assert.match(d.due, /^\d{4}-\d{2}-\d{2}$/);
    assert.ok(page.data.sections.some((s) => s.id === "timeline" && s.lines.length > 0), "the rendering has a timeline section");
    assert.ok(page.data.sections.every((s) => /\p{Script=Han}/u.test(s.heading)), "headings are in Chinese");
    const times = [];
    for (let i = 0; i < 21; i++) {
      const started = performance.now();
      page.refresh();
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    console.log(`${mode}: one keystroke (preview + setData) median ${times[10].toFixed(2)} ms over 21 runs`);
  });

  test(`${mode}: submit stores one case in the backend's SQLite through wx.request`, async () => {
    const { page } = await open(ios);
    fillReady(page);
    const before = server.rows();
    const result = await page.onSubmit();
    assert.equal(result.status, "sent", JSON.stringify(result));
    assert.match(page.data.resultText, /^已提交，案件编号 \S+/);
    assert.equal(server.rows(), before + 1);
    const id = result.response.body.id;
    const token = result.response.body.access_token;
    const stored = await (await fetch(`${server.base}/v1/cases/${encodeURIComponent(id)}`, { headers: { Authorization: `Bearer ${token}` } })).json();
    assert.equal(stored.id, id, "read back with the access token given once at submission");
    assert.equal(JSON.stringify(stored).includes("13812341234"), false, "the stored case comes back masked");
  });

  test(`${mode}: offline, the case is queued in wx storage, then flushed exactly once when back online`, async () => {
    const { rt, page } = await open(ios);
    fillReady(page);
    const before = server.rows();
    rt.setOnline(false);
    const result = await page.onSubmit();
    assert.equal(result.status, "queued");
    assert.equal(page.data.queued, 1);
    assert.ok(rt.storage.items.has("complaint-rules/queue@1"), "the queue is in wx storage");
    assert.equal(server.rows(), before);
    rt.setOnline(true);
    const outcomes = await page.flushing;
    assert.deepEqual(Array.from(outcomes, (o) => o.status), ["sent"]);
    assert.equal(server.rows(), before + 1);
    assert.equal(page.data.queued, 0);
    assert.equal((await page.flush()).length, 0, "nothing left to send");
    assert.equal(server.rows(), before + 1, "a second flush stores nothing new");
  });
}
