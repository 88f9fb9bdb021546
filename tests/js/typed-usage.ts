// Compiled with `tsc --noEmit` in `make test`: the declarations must accept this typical use and
// reject the misuse marked with @ts-expect-error.
import init, { Engine, EngineError, type Case, type Impact, type Preview, type PreviewSummary, type Validation, type HandlingReport, type NextAction, type Locale } from "../../pkg/index.js";
import initForm, { Engine as FormEngine } from "../../pkg/form.js";
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

// The preview: one call; the summary is what a backend recomputes; the rendering is plain text.
export async function previewUsage(c: Case): Promise<string[]> {
  await init();
  const engine = new Engine();
  try {
    const p: Preview<"en"> = engine.preview(c, {
      now: new Date(),
      overrides: { category: { id: "quality", by: "staff" } },
      handling: { automated_only: true, human_review_requested: true, reviewer: "higher", waivers: ["sue"] },
      locale: "en",
    });
    const s: PreviewSummary = p.summary;
    // @ts-expect-error: the locale is zh-CN, en or both
    engine.preview(c, { now: new Date(), locale: "fr" });
    // @ts-expect-error: the view is the complainant's or the staff's
    engine.preview(c, { now: new Date(), view: "regulator" });
    const mine = engine.preview(c, { now: new Date(), view: "complainant" });
    const later = mine.supplements.map((x) => `${x.path} ${x.item.zh} ${x.due_at} ${x.clause}`);
    const theirs = p.findings.filter((f) => f.audience === "handler").map((f) => `${f.code} ${f.message.en}`);
    const route = p.route.applied.map((r) => `${r.id}: ${r.steps.map((st) => st.role).join(" → ")} (${r.clause.id})`);
    const missing = p.checklist.filter((i) => i.status === "missing").map((i) => i.name.en);
    const lines = p.render.sections.flatMap((sec) => [sec.heading, ...sec.lines]);
    return [s.status, s.pack.version, s.category, s.severity, ...s.codes, ...route, ...missing, ...lines, ...later, ...theirs, ...p.rights.map((r) => r.text.zh)];
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

/** `locale` narrows the messages' type: one language's key only; both when absent or "both". */
export function localeUsage(engine: Engine, c: Case, asked: Locale): string[] {
  const en = engine.validate(c, { now: new Date(), locale: "en" });
  // @ts-expect-error: an English-only message has no zh
  en.problems.map((p) => p.message.zh);
  const zh = engine.handling(c, { events: [] }, { now: new Date(), locale: "zh-CN" });
  const both: Validation = engine.validate(c, { now: new Date(), locale: "both" });
  const timeline = engine.deadlines({ submitted_at: "2026-03-02T10:00:00+08:00" }, { now: new Date(), locale: "en" });
  const session = engine.session(c, { now: new Date(), locale: "zh-CN" });
  const added = session.set("/complainant/mobile", "1381234").added.map((f) => f.message.zh);
  session.free();
  const any = engine.validate(c, { now: new Date(), locale: asked }).problems.map((p) => ("zh" in p.message ? p.message.zh : p.message.en));
  // @ts-expect-error: not a locale
  engine.validate(c, { now: new Date(), locale: "zh" });
  return [...en.problems.map((p) => p.message.en), ...zh.findings.map((f) => f.message.zh), ...both.problems.map((p) => p.message.zh + p.message.en), ...timeline.findings.map((f) => f.message.en), ...added, ...any];
}

/** `normalized: false` narrows the answer's type: no normalised case to read. */
export function briefUsage(engine: Engine, c: Case, asked: boolean): string[] {
  const brief = engine.validate(c, { now: new Date(), normalized: false });
  // @ts-expect-error: the answer without the normalised case has none
  brief.normalized.facts;
  const full: Validation = engine.validate(c, { now: new Date(), normalized: true });
  const either = engine.validate(c, { now: new Date(), normalized: asked });
  return [brief.status, String(full.normalized.facts), String(either.normalized?.facts)];
}

export function handlingUsage(engine: Engine, c: Case): string[] {
  const h: HandlingReport = engine.handling(c, {
    events: [{ type: "acknowledged", at: "2026-03-02T15:00:00+08:00", by: { role: "customer_service" } }],
  }, { now: new Date(), view: "complainant" });
  // @ts-expect-error: only staff and complainant views exist
  engine.handling(c, { events: [] }, { now: new Date(), view: "manager" });
  const next: NextAction[] = h.next_actions.filter((a) => a.state === "overdue");
  return [h.stage, ...next.map((a) => `${a.action} ${a.due_at ?? ""} ${a.audience}`), ...(h.route?.escalations ?? [])];
}

/** Custom packs and the impact preview type-check as documented in docs/packs.md. */
export async function impactUsage(cases: Case[]): Promise<string[]> {
  await init();
  const base = new Engine();
  const draft = base.packDocument("ecommerce");
  const engine = new Engine({ packs: [{ ...draft, id: "my-shop" }], pack: "my-shop" });
  const impact: Impact = engine.impact("ecommerce", "my-shop", cases, { now: "2026-11-23T10:00:00+08:00" });
  // @ts-expect-error: `now` is required
  engine.impact(draft, draft, cases, {});
  return impact.cases.map((c) => `${c.case} ${c.changes.map((x) => x.kind).join(",")} ${c.rules.join(",")} ${impact.summary.affected}`);
}

/** The form module: the same Engine type, loaded on its own. */
export async function typedFormUsage(c: Case): Promise<Validation<"en">> {
  await initForm();
  const form = new FormEngine();
  const session = form.session(c, { now: new Date() });
  session.set("/complainant/mobile", "13812341234");
  return form.validate(c, { now: new Date(), locale: "en" });
}
