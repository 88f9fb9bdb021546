// The example mini-program's complainant status page in the emulated logic layer, against the
// real reference backend: after sending, the complaint page links to the status page, which shows
// the stage and what happens next and by when (the backend's complainant view). The link carries
// the case's access token from the submission's answer; without it the backend says 404.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch } from "./runtime.mjs";
import { backend, EXAMPLE, fillReady } from "./support.mjs";

let server;
before(async () => {
  server = await backend();
});
after(() => server?.stop());

test("the status page shows the complainant what happens next after sending", async () => {
  const rt = launch({ root: EXAMPLE });
  rt.app.globalData.endpoint = server.endpoint;
  const form = await rt.openPage("pages/complaint/index");
  fillReady(form);
  const result = await form.onSubmit();
  assert.equal(result.status, "sent", JSON.stringify(result));
  const id = form.data.caseId;
  assert.equal(id, result.response.body.id);
  const token = form.data.caseToken;
  assert.equal(token, result.response.body.access_token);
  assert.ok(token);
  assert.match(form.wxml, /url="\/pages\/status\/index\?id=\{\{caseId\}\}&token=\{\{caseToken\}\}"/);

  const page = await rt.openPage("pages/status/index", { id, token });
  assert.equal(page.data.message, "");
  assert.equal(page.data.stage, "submitted");
  assert.equal(page.data.stageText, "已提交");
  assert.deepEqual(page.data.next.map((n) => n.text), ["确认收到投诉", "决定是否受理"]);
  for (const n of page.data.next) assert.match(n.due, /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
  for (const handler of page.wxml.matchAll(/bind\w+="(\w+)"/g)) assert.equal(typeof page[handler[1]], "function", handler[1]);

  // A fresh runtime: the emulator loads each page's logic once per launch.
  const again = launch({ root: EXAMPLE });
  again.app.globalData.endpoint = server.endpoint;
  const missing = await again.openPage("pages/status/index", { id: "no-such-case", token });
  assert.equal(missing.data.message, "没有该案件");
  assert.deepEqual(missing.data.next, []);
  const third = launch({ root: EXAMPLE });
  third.app.globalData.endpoint = server.endpoint;
  const tokenless = await third.openPage("pages/status/index", { id });
  assert.equal(tokenless.data.message, "没有该案件", "a case without its token is not found");
  assert.equal(tokenless.data.stage, "");
});
