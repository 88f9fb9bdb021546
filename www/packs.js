// The pack change preview for compliance staff: load a draft of a policy pack, check it, see what
// changes, which sample complaints it would treat differently, what 电子商务法 Art. 34 and 令116号
// then require, and a draft public notice (公示). Everything runs in the wasm engine in the page;
// text from the draft is only ever inserted as text nodes, and no case's personal data is shown.
import init, { Engine, EngineError } from "/pkg/index.js";

const $ = (id) => document.getElementById(id);

/** Zh labels of pack sections and keys, for the diff and the notice. */
const LABEL = {
  limits: "案件大小与时钟限制", fields: "字段名称", required: "必填信息", formats: "格式要求", lengths: "文字长度要求",
  chronology: "时间顺序要求", declarations: "声明事项", evidence: "证据材料要求", materials: "必备材料", amounts: "金额规则",
  masking: "个人信息遮蔽", taxonomy: "投诉分类", messages: "提示文字", clauses: "规则依据条款", deadlines: "处理时限",
  classify: "分类规则", preview: "处理流程与审批", sources: "依据来源", source_catalogue: "依据来源目录", title: "规则名称",
  max_items: "附件数量上限", max_bytes: "单个附件大小上限", media_types: "可接受的文件类型", min: "最少字数", max: "最多字数",
  threshold_fen: "审批金额分界（分）", routing: "审批路由", supplement: "补充材料期限", refused: "不接受的信息",
  handling: "受理后处理义务", model: "学习分类模型", dominance: "主要诉求判定", attribution: "责任归属判定",
};
const KIND = { error: "无法处理", status: "状态", problems: "问题", supplements: "待补充材料", category: "类别", severity: "严重程度", route: "审批路由", deadlines: "时限" };
const WHEN = { natural: "自然人投诉", legal: "法人投诉" };

let engine;
let samples = [];

function text(parent, tag, content, cls) {
  const el = document.createElement(tag);
  el.textContent = content;
  if (cls) el.className = cls;
  parent.appendChild(el);
  return el;
}

/** The value at a JSON pointer of a document. */
function at(doc, pointer) {
  return pointer.split("/").slice(1).reduce((v, k) => (v == null ? undefined : v[k.replace(/~1/g, "/").replace(/~0/g, "~")]), doc);
}

function show(v) {
  if (v === undefined) return "（无）";
  const s = typeof v === "string" ? v : JSON.stringify(v);
  return s.length > 120 ? `${s.slice(0, 117)}…` : s;
}

/** The zh label of a pointer: its section and, when known, its key. */
function labelOf(path) {
  const segs = path.split("/").slice(1);
  const named = segs.map((s) => LABEL[s]).filter(Boolean);
  return named.length ? named.join(" · ") : segs[0];
}

/** One sentence of the notice for one change, in plain Chinese. */
function sentence(change, oldDoc, newDoc) {
  const { path } = change;
  const material = /^\/materials\/\d+$/.test(path);
  if (change.change === "added" && material) {
    const rule = at(newDoc, path);
    const name = newDoc.messages?.[`material.${rule.name}`]?.zh ?? rule.name;
    const when = rule.when?.complainant_kind ? `，适用于${WHEN[rule.when.complainant_kind]}` : "";
    return `新增必备材料：${name}${when}。`;
  }
  if (change.change === "removed" && material) {
    const rule = at(oldDoc, path);
    return `取消必备材料：${oldDoc.messages?.[`material.${rule.name}`]?.zh ?? rule.name}。`;
  }
  if (change.change === "added") return `${labelOf(path)}：新增 ${show(at(newDoc, path))}。`;
  if (change.change === "removed") return `${labelOf(path)}：删除 ${show(at(oldDoc, path))}。`;
  return `${labelOf(path)}由 ${show(at(oldDoc, path))} 调整为 ${show(at(newDoc, path))}。`;
}

const CN = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

/** The draft 公示 text. */
function notice(change, oldDoc, newDoc, published, days) {
  const title = newDoc.title?.zh ?? newDoc.id;
  const lines = change.changes
    .filter((c) => !c.path.startsWith("/clauses/") && !c.path.startsWith("/messages/"))
    .map((c, i) => `${CN[i] ?? i + 1}、${sentence(c, oldDoc, newDoc)}`);
  const clause = (id) => newDoc.clauses?.[id];
  const policy = newDoc.deadlines?.rule_change ?? {};
  const basis = [policy.clauses?.notice, days > (policy.notice_days ?? 7) ? policy.clauses?.major_notice : null]
    .map(clause).filter(Boolean).map((c) => `《${c.source}》${c.article}`).join("、");
  return [
    `关于修改《${title}》的公示`,
    "",
    "各位用户、平台内经营者：",
    `本平台拟修改《${title}》（${oldDoc.version} → ${newDoc.version}），现将修改内容公示如下：`,
    ...lines,
    "",
    `修改后的规则自 ${newDoc.effective_from} 起施行。本公示自 ${published} 起，公示期不少于 ${days} 日${basis ? `（依据${basis}）` : ""}。`,
    "公示期间，您可以通过平台首页的意见征集入口提出意见；不同意修改内容的，可以按照现行规则退出平台。",
    "",
    "（本稿由规则包草案自动生成，发布前须由合规人员审核。）",
  ].join("\n");
}

function clear(...ids) {
  for (const id of ids) $(id).replaceChildren();
}

function problemsOf(e) {
  return e instanceof EngineError && e.problems?.length ? e.problems : [{ path: e.path ?? "", detail: e.message }];
}

async function run() {
  const base = $("base").value;
  clear("check", "diff", "impact-kinds", "impact-rules", "requirements");
  $("impact-cases").tBodies[0].replaceChildren();
  $("impact-summary").textContent = "";
  $("notice").value = "";
  document.body.dataset.state = "running";
  const oldDoc = engine.packDocument(base);
  let newDoc;
  try {
    newDoc = JSON.parse($("draft").value || JSON.stringify(oldDoc));
  } catch (e) {
    text($("check"), "li", `草案不是有效的 JSON / the draft is not valid JSON: ${e.message}`, "bad");
    document.body.dataset.state = "invalid";
    return;
  }
  let change;
  try {
    change = engine.packDiff(oldDoc, newDoc);
  } catch (e) {
    for (const p of problemsOf(e)) text($("check"), "li", `${p.path || "/"}：${p.detail}`, "bad");
    document.body.dataset.state = "invalid";
    return;
  }
  text($("check"), "li", `草案有效 / the draft loads: ${newDoc.id} ${newDoc.version}，生效日 ${newDoc.effective_from}`, "ok");

  for (const c of change.changes) {
    const li = text($("diff"), "li", `${c.path}  [${c.change}] `);
    text(li, "span", sentence(c, oldDoc, newDoc));
  }
  if (!change.changes.length) text($("diff"), "li", "没有变化 / no change");

  const now = `${$("published").value}T09:00:00+08:00`;
  const impact = engine.impact(oldDoc, newDoc, samples, { now });
  const s = impact.summary;
  $("impact-summary").textContent = `${s.cases} 件样例投诉中，${s.affected} 件的处理结果会改变 / ${s.affected} of ${s.cases} sample cases are treated differently.`;
  for (const [kind, n] of Object.entries(s.by_kind)) text($("impact-kinds"), "li", `${KIND[kind] ?? kind} ${n}`, "chip");
  for (const [rule, n] of Object.entries(s.rules)) {
    const id = rule.replace(/^clause /, "");
    const c = newDoc.clauses?.[id] ?? oldDoc.clauses?.[id];
    text($("impact-rules"), "li", `${rule}${c ? `（${c.title.zh}）` : ""}：${n} 件`);
  }
  for (const ci of impact.cases.slice(0, 50)) {
    const tr = $("impact-cases").tBodies[0].insertRow();
    tr.insertCell().textContent = `#${ci.case + 1}`;
    tr.insertCell().textContent = ci.changes.map((c) => `${KIND[c.kind] ?? c.kind}: ${show(c.old)} → ${show(c.new)}`).join("；");
  }

  const policy = newDoc.deadlines?.rule_change ?? {};
  const flags = Object.values(change.flags ?? {});
  const major = policy.major_trigger === "all" ? flags.length > 0 && flags.every((v) => v === true) : flags.some((v) => v === true);
  const days = major ? policy.major_notice_days ?? 15 : policy.notice_days ?? 7;
  const planned = { ...change, published_at: now };
  const findings = engine.ruleChange(planned, { now, pack: base });
  text($("requirements"), "li", `公示期：至少 ${days} 日${major ? "（涉及用户重要权益的修改）" : ""} / notice: at least ${days} days`);
  for (const f of findings) {
    const li = text($("requirements"), "li", `${f.severity === "error" ? "✗" : "•"} ${f.message.zh} `, f.severity === "error" ? "bad" : "");
    const c = newDoc.clauses?.[f.clause];
    if (c) text(li, "small", `〔${c.source} ${c.article}〕`);
  }
  $("notice").value = notice(change, oldDoc, newDoc, $("published").value, days);
  document.body.dataset.state = "done";
}

async function loadFile() {
  const file = $("draft-file").files?.[0];
  if (file) $("draft").value = await file.text();
}

async function main() {
  await init();
  engine = new Engine();
  samples = await (await fetch("sample-cases.json")).json();
  $("published").value = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
  $("run").addEventListener("click", () => run().catch((e) => {
    text($("check"), "li", `${e.message}`, "bad");
    document.body.dataset.state = "failed";
  }));
  $("draft-file").addEventListener("change", loadFile);
  document.body.dataset.state = "ready";
}

main();
