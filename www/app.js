// The demo complaint form: live validation and preview through the wasm engine, submission
// through the shell. User text is only ever inserted as text nodes — never as HTML.
// The small form module (pkg/form.js: validate, session) loads first and checks the form at once;
// the full module (preview, classification) loads behind it and takes over when it is ready.
import initForm, { Engine as FormEngine } from "/pkg/form.js";
import { createClient, fetchTransport, localStorageAdapter } from "/pkg/shell.js";

const UI = {
  "zh-CN": {
    title: "投诉登记", language: "语言", complainant: "投诉人", kind: "类型", natural: "自然人", legal: "法人",
    name: "姓名", id_number: "身份证号码", mobile: "手机号码", email: "电子邮箱", address: "通讯地址", account: "交易账号",
    org_name: "单位名称", uscc: "统一社会信用代码", legal_rep_name: "法定代表人", legal_rep_id: "法定代表人身份证号码",
    respondent: "被投诉人", respondent_kind: "类型", merchant: "商家", platform: "平台", respondent_name: "名称", shop: "店铺",
    order: "订单", order_id: "订单号", order_amount: "订单金额（元）", paid_at: "付款时间", delivered_at: "收货时间",
    occurred_at: "纠纷发生时间", facts_and_request: "事实与请求", facts: "投诉事实说明", highlight_hint: "识别到的关键词：",
    request_type: "请求类型", choose: "请选择", refund: "退款", return: "退货", exchange: "换货", repair: "维修",
    compensation: "赔偿", apology: "道歉", other: "其他", request_amount: "请求金额（元）", request_text: "请求说明",
    evidence: "证据材料", evidence_kind: "证据类型", add: "添加", remove: "移除", declarations: "声明",
    truthful: "本人保证所述事实真实", consent: "同意为处理投诉而使用本人个人信息", submit: "提交投诉",
    online: "在线", offline: "离线", queued: (n) => `待发送 ${n} 件`, ready: "可以提交", blocked: (n) => `还有 ${n} 个问题需要处理`,
    sent: (id) => `已提交，案件编号 ${id}`, status: "查看处理进度", rejected: "服务器拒绝了该投诉：", kept: "网络不可用，投诉已保存在本机，恢复网络后自动发送。",
    major: "重大投诉", general: "一般投诉",
  },
  en: {
    title: "Register a complaint", language: "Language", complainant: "Complainant", kind: "Type", natural: "Natural person", legal: "Legal person",
    name: "Name", id_number: "ID number", mobile: "Mobile", email: "E-mail", address: "Postal address", account: "Platform account",
    org_name: "Organisation", uscc: "Unified social credit code", legal_rep_name: "Legal representative", legal_rep_id: "Representative's ID number",
    respondent: "Respondent", respondent_kind: "Type", merchant: "Merchant", platform: "Platform", respondent_name: "Name", shop: "Shop",
    order: "Order", order_id: "Order number", order_amount: "Order amount (yuan)", paid_at: "Paid at", delivered_at: "Delivered at",
    occurred_at: "Incident time", facts_and_request: "Facts and request", facts: "What happened", highlight_hint: "Words recognised:",
    request_type: "Request", choose: "Choose…", refund: "Refund", return: "Return", exchange: "Exchange", repair: "Repair",
    compensation: "Compensation", apology: "Apology", other: "Other", request_amount: "Amount claimed (yuan)", request_text: "Request details",
    evidence: "Evidence", evidence_kind: "Evidence kind", add: "Add", remove: "Remove", declarations: "Declarations",
    truthful: "I declare the facts are true", consent: "I consent to the use of my personal data to handle this complaint", submit: "Submit complaint",
    online: "Online", offline: "Offline", queued: (n) => `${n} waiting to send`, ready: "Ready to submit", blocked: (n) => `${n} problem(s) to fix`,
    sent: (id) => `Submitted, case number ${id}`, status: "Follow the case", rejected: "The server refused the complaint:", kept: "No network: the complaint is saved on this device and will be sent when the network is back.",
    major: "major complaint", general: "general complaint",
  },
};
const EVIDENCE_KINDS = {
  photo: ["照片", "Photo"], video: ["视频", "Video"], order_record: ["订单记录", "Order record"], payment_record: ["付款记录", "Payment record"],
  chat_record: ["聊天记录", "Chat record"], logistics_record: ["物流记录", "Logistics record"], invoice: ["发票", "Invoice"],
  contract: ["合同", "Contract"], inspection_report: ["检测报告", "Inspection report"], id_copy: ["身份证复印件", "ID card copy"],
  business_licence: ["营业执照", "Business licence"], power_of_attorney: ["授权委托书", "Power of attorney"], other: ["其他", "Other"],
};

const $ = (sel) => document.querySelector(sel);
const form = $("#form");
const state = { locale: "zh-CN", evidence: [], preview: null, timer: 0, full: null };
const t = (key, ...args) => {
  const v = UI[state.locale][key];
  return typeof v === "function" ? v(...args) : v;
};

await initForm();
const engine = new FormEngine();
const categoryNames = new Map(
  ["ecommerce"].flatMap((id) => engine.packDocument(id).taxonomy.categories.map((c) => [c.id, c.name])),
);
const client = createClient({ endpoint: "/v1/cases", engine, transport: fetchTransport(), storage: localStorageAdapter(window.localStorage) });
window.__demo = { engine, client };

/** The full module, loaded after the form is usable; the preview takes over from validation. */
async function loadFull() {
  const full = await import("/pkg/index.js");
  await full.default();
  state.full = new full.Engine();
  window.__demo.full = state.full;
  document.body.dataset.fullModule = "1";
  refresh();
}

/** "2026-11-20T09:00" from a datetime-local input → RFC 3339 in UTC+08:00. */
const rfc3339 = (v) => (v ? `${v.length === 16 ? `${v}:00` : v}+08:00` : null);

function setAt(obj, path, value) {
  const keys = path.split("/").slice(1);
  let node = obj;
  for (const k of keys.slice(0, -1)) node = node[k] ??= {};
  node[keys.at(-1)] = value;
}

/** The case as the form currently describes it. */
function readCase() {
  const c = { channel: "web", submitted_at: new Date().toISOString(), evidence: state.evidence.map((e) => ({ ...e })) };
  for (const el of form.querySelectorAll("[data-path]")) {
    const path = el.dataset.path;
    if (path === "/evidence") continue;
    if (el.type === "radio") { if (el.checked) setAt(c, path, el.value); continue; }
    if (el.type === "checkbox") { setAt(c, path, el.checked); continue; }
    const v = el.type === "datetime-local" ? rfc3339(el.value) : el.value;
    setAt(c, path, v === "" ? null : v);
  }
  return c;
}

function errorSlot(el) {
  const id = `err-${el.id || el.name}`;
  let slot = document.getElementById(id);
  if (!slot) {
    slot = document.createElement("p");
    slot.id = id;
    slot.className = "error";
    (el.closest(".field") ?? el.closest(".row") ?? el.closest("fieldset")).append(slot);
  }
  return slot;
}

/** Puts each problem next to its field (aria-describedby), clears the rest. */
function showProblems(findings) {
  const lang = state.locale === "en" ? "en" : "zh";
  const byPath = new Map();
  for (const f of findings) {
    if (!f.path) continue;
    const path = f.path.startsWith("/evidence/") ? "/evidence" : f.path;
    byPath.set(path, [...(byPath.get(path) ?? []), f]);
  }
  const seen = new Set();
  for (const el of form.querySelectorAll("[data-path]")) {
    const key = el.type === "radio" ? `${el.dataset.path}` : el.dataset.path;
    if (el.type === "radio" && seen.has(key)) continue;
    seen.add(key);
    const list = byPath.get(el.dataset.path) ?? [];
    const slot = errorSlot(el);
    slot.textContent = list.map((f) => f.message[lang]).join("；");
    slot.classList.toggle("warning", list.length > 0 && list.every((f) => f.severity !== "error"));
    const invalid = list.some((f) => f.severity === "error");
    el.setAttribute("aria-invalid", String(invalid));
    if (list.length) el.setAttribute("aria-describedby", slot.id); else el.removeAttribute("aria-describedby");
  }
}

/** The facts with the recognised words marked — built from text nodes only. */
function showMarks(facts, classification) {
  const box = $("#facts-marked");
  box.replaceChildren();
  if (!facts) return;
  const spans = [...(classification?.category?.matches ?? []), ...(classification?.severity?.reasons ?? []).flatMap((r) => r.matches ?? [])]
    .map((m) => m.span ?? m)
    .filter((s) => s.end <= facts.length)
    .sort((a, b) => a.start - b.start);
  let at = 0;
  for (const s of spans) {
    if (s.start < at) continue;
    box.append(document.createTextNode(facts.slice(at, s.start)));
    const mark = document.createElement("mark");
    mark.textContent = facts.slice(s.start, s.end);
    box.append(mark);
    at = s.end;
  }
  box.append(document.createTextNode(facts.slice(at)));
}

function showPreview(p) {
  const chips = $("#chips");
  chips.replaceChildren();
  const cls = p.classification;
  const addChip = (text, extra) => {
    const chip = document.createElement("span");
    chip.className = `chip ${extra ?? ""}`;
    chip.textContent = text;
    chips.append(chip);
  };
  if (cls?.category?.id) addChip(categoryNames.get(cls.category.id)?.[state.locale === "en" ? "en" : "zh"] ?? cls.category.id);
  if (cls?.severity?.level) addChip(t(cls.severity.level), cls.severity.level);
  const sections = $("#sections");
  sections.replaceChildren();
  for (const s of p.render.sections) {
    const h = document.createElement("h2");
    h.textContent = s.heading;
    const ul = document.createElement("ul");
    for (const line of s.lines) {
      const li = document.createElement("li");
      li.textContent = typeof line === "string" ? line : line.text ?? JSON.stringify(line);
      ul.append(li);
    }
    sections.append(h, ul);
  }
  const errors = p.findings.filter((f) => f.severity === "error" && f.audience === "complainant").length;
  $("#status").textContent = p.status === "ready" ? t("ready") : t("blocked", errors);
}

/** Checks the form with the form module alone, while the full module is still loading. */
function showValidation(c) {
  // Only the problems are shown: the answer without the normalised case is cheaper.
  const v = engine.validate(c, { now: new Date(), locale: state.locale, normalized: false });
  showProblems(v.problems);
  const errors = v.problems.filter((f) => f.severity === "error").length;
  $("#status").textContent = v.status === "ready" ? t("ready") : t("blocked", errors);
  document.body.dataset.validateCount = String(Number(document.body.dataset.validateCount ?? 0) + 1);
}

/** Re-runs the preview (debounced while typing); validation only until the full module is in. */
function refresh() {
  clearTimeout(state.timer);
  state.timer = setTimeout(() => {
    const started = performance.now();
    form.classList.toggle("legal", form.querySelector('input[name="kind"]:checked')?.value === "legal");
    if (!state.full) {
      showValidation(readCase());
      return;
    }
    const p = state.full.preview(readCase(), { now: new Date(), locale: state.locale, view: "complainant" });
    state.preview = p;
    showProblems(p.findings);
    showPreview(p);
    showMarks(p.classification && readCase().facts?.trim(), p.classification);
    document.body.dataset.previewMs = (performance.now() - started).toFixed(2);
    document.body.dataset.previewCount = String(Number(document.body.dataset.previewCount ?? 0) + 1);
  }, 120);
}

function renderEvidence() {
  const list = $("#ev-list");
  list.replaceChildren();
  state.evidence.forEach((e, i) => {
    const li = document.createElement("li");
    const label = EVIDENCE_KINDS[e.kind]?.[state.locale === "en" ? 1 : 0] ?? e.kind;
    li.append(document.createTextNode(`${label} · ${e.name} · ${(e.size / 1024).toFixed(0)} KB `));
    const rm = document.createElement("button");
    rm.type = "button";
    rm.textContent = t("remove");
    rm.addEventListener("click", () => { state.evidence.splice(i, 1); renderEvidence(); refresh(); });
    li.append(rm);
    list.append(li);
  });
}

function applyLocale() {
  document.documentElement.lang = state.locale;
  for (const el of document.querySelectorAll("[data-i18n]")) el.textContent = t(el.dataset.i18n);
  const kinds = $("#ev-kind");
  kinds.replaceChildren(...Object.entries(EVIDENCE_KINDS).map(([id, names]) => new Option(names[state.locale === "en" ? 1 : 0], id)));
  renderEvidence();
  updateNet();
}

async function updateNet() {
  const net = $("#net");
  net.classList.toggle("offline", !navigator.onLine);
  const n = await client.queued();
  net.textContent = `${navigator.onLine ? t("online") : t("offline")}${n ? ` · ${t("queued", n)}` : ""}`;
}

$("#ev-add").addEventListener("click", () => {
  const file = $("#ev-file").files?.[0];
  const kind = $("#ev-kind").value;
  state.evidence.push(file ? { kind, name: file.name, size: file.size, media_type: file.type || "application/octet-stream" }
    : { kind, name: `${kind}.jpg`, size: 102400, media_type: "image/jpeg" });
  $("#ev-file").value = "";
  renderEvidence();
  refresh();
});

form.addEventListener("input", refresh);
form.addEventListener("change", refresh);
$("#locale").addEventListener("change", (e) => { state.locale = e.target.value; applyLocale(); refresh(); });

/** The case number and a link to its status page carrying the access token (given once). */
function showSent(out, body) {
  out.textContent = t("sent", body.id ?? "");
  if (!body.access_token) return;
  const link = document.createElement("a");
  link.id = "status-link";
  link.href = `status.html?id=${encodeURIComponent(body.id)}&token=${encodeURIComponent(body.access_token)}`;
  link.textContent = t("status");
  out.append(" ", link);
}

form.addEventListener("submit", async (e) => {
  e.preventDefault();
  const out = $("#server");
  const result = await client.submit(readCase(), { now: new Date() });
  if (result.status === "sent") showSent(out, result.response?.body ?? result.response ?? {});
  else if (result.status === "queued") out.textContent = t("kept");
  else if (result.status === "rejected") out.textContent = `${t("rejected")} ${JSON.stringify(result.body)}`;
  else showProblems(result.problems ?? []);
  out.dataset.result = result.status;
  updateNet();
});

window.addEventListener("online", async () => { await client.flush(); updateNet(); });
window.addEventListener("offline", updateNet);

applyLocale();
refresh();
loadFull().catch((e) => {
  // The form keeps working on the form module alone.
  document.body.dataset.fullModule = "failed";
  console.error("complaint-rules: the full module did not load", e);
});
