// Compiled with `tsc --noEmit` in `make test`: the declarations must accept this typical use and
// reject the misuse marked with @ts-expect-error.
import init, { Engine, EngineError, type Case, type Validation } from "../../pkg/index.js";

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
