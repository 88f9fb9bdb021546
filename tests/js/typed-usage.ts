// Compiled with `tsc --noEmit` in `make test`: the declarations must accept this typical use and
// reject the misuse marked with @ts-expect-error.
import init, { Engine, EngineError, type Case, type Validation } from "../../pkg/index.js";
import { createClient, fetchTransport, localStorageAdapter, memoryStorage, wxStorage, wxTransport, type SubmitOutcome } from "../../pkg/shell.js";

export async function typedUsage(): Promise<string[]> {
  await init();
  const engine = new Engine({ pack: "ecommerce" });
  const c: Case = {
    complainant: { kind: "natural", name: "张三", mobile: "13812341234" },
    respondent: { kind: "merchant", name: "某某旗舰店" },
    request: { type: "refund", amount: "99.00" },
    evidence: [{ kind: "photo", name: "a.jpg", size: 1024, media_type: "image/jpeg" }],
  };
  // @ts-expect-error: request types are a closed list
  const bad: Case = { request: { type: "revenge" } };
  void bad;
  try {
    const result: Validation = engine.validate(c, { now: new Date() });
    return result.problems.map((p) => `${p.path} ${p.message.zh} (${p.clause})`);
  } catch (e) {
    if (e instanceof EngineError) return [e.code, e.messages.en];
    throw e;
  } finally {
    engine.free();
  }
}

// The shell: a client over the engine, page storage and fetch; the outcome narrows on `status`.

export async function shellUsage(c: Case, wx: Parameters<typeof wxTransport>[0] & Parameters<typeof wxStorage>[0]): Promise<string> {
  await init();
  const engine = new Engine();
  const client = createClient({
    endpoint: "https://intake.example.cn/v1/cases",
    engine,
    transport: fetchTransport(fetch),
    storage: typeof localStorage === "undefined" ? memoryStorage() : localStorageAdapter(localStorage),
    retry: { attempts: 5, maxDelayMs: 10_000 },
  });
  const mini = createClient({ endpoint: "https://intake.example.cn/v1/cases", engine, transport: wxTransport(wx), storage: wxStorage(wx) });
  // @ts-expect-error: the engine is required
  createClient({ endpoint: "https://intake.example.cn/v1/cases" });
  const r: SubmitOutcome = await client.submit(c, { now: new Date() });
  await mini.flush();
  switch (r.status) {
    case "blocked":
      return r.problems.map((p) => p.message.zh).join("；");
    case "sent":
      return `${r.response.httpStatus} ${r.idempotency_key}`;
    case "rejected":
      return `${r.httpStatus} ${JSON.stringify(r.body)}`;
    case "queued":
      return r.persisted === false ? r.warning?.en ?? r.reason : `${r.reason}, ${client.queued()} waiting`;
  }
}
