// The adapter on its own in the emulated logic layer: the host object is injectable (Douyin's
// TTWebAssembly found when WXWebAssembly is absent), bad paths and missing hosts are refused,
// the shell's endpoint check works without a host URL class.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRuntime } from "./runtime.mjs";
import { EXAMPLE } from "./support.mjs";

const WASM = "/miniprogram_npm/complaint-rules/engine.wasm.br";
const NOW = "2026-11-23T10:00:00+08:00";

test("another host object (TTWebAssembly) is used when given, or found when WXWebAssembly is absent", async () => {
  for (const given of [true, false]) {
    const rt = createRuntime({ root: EXAMPLE });
    rt.context.TTWebAssembly = rt.context.WXWebAssembly;
    delete rt.context.WXWebAssembly;
    const { loadEngine } = rt.require("complaint-rules");
    const { Engine, version } = await loadEngine(given ? { wasmPath: WASM, host: rt.context.TTWebAssembly } : { wasmPath: WASM });
    assert.equal(rt.wasmLoads.length, 1);
    const engine = new Engine();
    const v = engine.validate({ complainant: { kind: "natural", mobile: "12345" } }, { now: NOW });
    assert.equal(v.status, "blocked");
    assert.ok(v.problems.some((p) => p.path === "/complainant/mobile" && /手机号码/.test(p.message.zh)));
    assert.match(version(), /^\d+\.\d+\.\d+/);
    engine.free();
  }
});

test("loadEngine refuses a path that is not a module and a runtime without a host", async () => {
  const rt = createRuntime({ root: EXAMPLE });
  const { loadEngine, Engine, EngineError } = rt.require("complaint-rules");
  await assert.rejects(loadEngine({ wasmPath: "https://cdn.example.com/engine.wasm.js" }), /wasmPath must be a path/);
  await assert.rejects(loadEngine({ wasmPath: "/miniprogram_npm/complaint-rules/missing.wasm" }), /no such file in the code package/);
  assert.throws(() => new Engine(), (e) => e instanceof EngineError && e.code === "not_loaded");
  delete rt.context.WXWebAssembly;
  await assert.rejects(loadEngine({ wasmPath: WASM }), /no WXWebAssembly \/ TTWebAssembly \/ MYWebAssembly here; pass host/);
});

test("the shell's endpoint check works without a URL class: HTTPS or local http only", async () => {
  const rt = createRuntime({ root: EXAMPLE });
  const { loadEngine, createClient, wxTransport, wxStorage } = rt.require("complaint-rules");
  const { Engine } = await loadEngine({ wasmPath: WASM, host: rt.context.WXWebAssembly });
  const engine = new Engine();
  const client = (endpoint) => createClient({ endpoint, engine, transport: wxTransport(rt.wx), storage: wxStorage(rt.wx) });
  assert.equal(typeof client("https://intake.example.cn/v1/cases").submit, "function");
  assert.equal(typeof client("http://127.0.0.1:8080/v1/cases").submit, "function");
  assert.throws(() => client("http://intake.example.cn/v1/cases"), /must use HTTPS/);
  assert.throws(() => client("/v1/cases"), /is not a URL/);
  engine.free();
});
