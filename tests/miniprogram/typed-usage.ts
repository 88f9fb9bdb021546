// Compiled with `tsc --noEmit` by `make test-miniprogram`: the mini-program declarations must
// accept this typical use and reject the misuse marked with @ts-expect-error.
import { loadEngine, wxStorage, wxTransport, createClient, type Preview, type HostWebAssembly } from "../../pkg/miniprogram/dist/index.js";

declare const WXWebAssembly: HostWebAssembly;
declare const wx: Parameters<typeof wxTransport>[0] & Parameters<typeof wxStorage>[0];

export async function typedUsage(): Promise<string> {
  const { Engine, EngineError } = await loadEngine({ wasmPath: "/miniprogram_npm/complaint-rules/engine.wasm.br", host: WXWebAssembly });
  // @ts-expect-error: the module path is required
  void loadEngine({ host: WXWebAssembly });
  const engine = new Engine();
  try {
    const p: Preview<"zh-CN"> = engine.preview({ complainant: { kind: "natural" } }, { now: new Date(), locale: "zh-CN" });
    const client = createClient({ endpoint: "https://intake.example.cn/v1/cases", engine, transport: wxTransport(wx), storage: wxStorage(wx) });
    await client.flush();
    return p.status;
  } catch (e) {
    return e instanceof EngineError ? e.code : "other";
  } finally {
    engine.free();
  }
}
