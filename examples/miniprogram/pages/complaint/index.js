// The complaint page: every keystroke re-runs the engine's preview (validation, category, evidence
// checklist, deadlines) and shows it; "提交" goes through the shell (wx.request, queue in
// wx storage), and queued complaints are sent again when the network comes back.
const { createClient, wxTransport, wxStorage } = require("complaint-rules");

/** The form's text fields: id (the WXML `data-field`), JSON pointer in the case, label, keyboard. */
const FIELDS = [
  { id: "name", path: "/complainant/name", label: "姓名", type: "text" },
  { id: "id_number", path: "/complainant/id_number", label: "身份证号码", type: "idcard" },
  { id: "mobile", path: "/complainant/mobile", label: "手机号码", type: "number" },
  { id: "email", path: "/complainant/email", label: "电子邮箱", type: "text" },
  { id: "address", path: "/complainant/address", label: "通讯地址", type: "text" },
  { id: "account", path: "/complainant/account", label: "交易账号", type: "text" },
  { id: "respondent_name", path: "/respondent/name", label: "被投诉商家", type: "text" },
  { id: "shop", path: "/respondent/shop", label: "店铺", type: "text" },
  { id: "order_id", path: "/order/id", label: "订单号", type: "text" },
  { id: "order_amount", path: "/order/amount", label: "订单金额（元）", type: "digit" },
  { id: "paid_at", path: "/order/paid_at", label: "付款时间（2026-11-01 10:00）", type: "text", time: true },
  { id: "delivered_at", path: "/order/delivered_at", label: "收货时间", type: "text", time: true },
  { id: "occurred_at", path: "/occurred_at", label: "纠纷发生时间", type: "text", time: true },
  { id: "facts", path: "/facts", label: "投诉事实说明", type: "text" },
  { id: "request_amount", path: "/request/amount", label: "请求金额（元）", type: "digit" },
  { id: "request_text", path: "/request/text", label: "请求说明", type: "text" },
];

const REQUEST_TYPES = [
  ["refund", "退款"], ["return", "退货"], ["exchange", "换货"], ["repair", "维修"],
  ["compensation", "赔偿"], ["apology", "道歉"], ["other", "其他"],
].map(([id, name]) => ({ id, name }));

const EVIDENCE_KINDS = [
  ["photo", "照片"], ["video", "视频"], ["order_record", "订单记录"], ["payment_record", "付款记录"],
  ["chat_record", "聊天记录"], ["logistics_record", "物流记录"], ["invoice", "发票"], ["other", "其他"],
].map(([id, name]) => ({ id, name }));

const STATES = {
  not_started: "未开始", not_in_force: "未生效", pending: "进行中", at_risk: "即将到期",
  met: "已完成", missed: "已逾期", overdue: "已超期", closed: "已结束",
};

/** "2026-11-01 10:00" → "2026-11-01T10:00:00+08:00"; other text is passed on for the engine to judge. */
function timeValue(text) {
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2})$/.exec(text.trim());
  return m ? `${m[1]}T${m[2]}:00+08:00` : text;
}

/** Sets `value` at JSON pointer `path` of `target`, creating objects on the way. */
function setAt(target, path, value) {
  const keys = path.split("/").slice(1);
  let node = target;
  keys.slice(0, -1).forEach((k) => {
    node[k] = node[k] || {};
    node = node[k];
  });
  node[keys[keys.length - 1]] = value;
}

/** The field id a finding's path belongs to, or "" for problems shown above the form. */
function fieldOf(path) {
  const field = FIELDS.find((f) => f.path === path);
  return field ? field.id : "";
}

Page({
  data: {
    fields: FIELDS.map(({ id, label, type }) => ({ id, label, type })),
    form: {},
    requestTypes: REQUEST_TYPES,
    requestIndex: -1,
    evidenceKinds: EVIDENCE_KINDS,
    evidenceIndex: 0,
    evidence: [],
    declarations: { truthful: false, privacy_consent: false },
    errors: {},
    general: [],
    status: "",
    statusText: "正在加载规则引擎…",
    category: "",
    severity: "",
    checklist: [],
    deadlines: [],
    sections: [],
    result: "",
    resultText: "",
    caseId: "",
    caseToken: "",
    queued: 0,
  },

  onLoad() {
    const app = getApp();
    this.ready = app.engineReady.then((engine) => {
      this.engine = engine;
      this.categoryNames = new Map(engine.packDocument("ecommerce").taxonomy.categories.map((c) => [c.id, c.name.zh]));
      this.client = createClient({
        endpoint: app.globalData.endpoint,
        engine,
        transport: wxTransport(wx),
        storage: wxStorage(wx),
        retry: app.globalData.retry,
      });
      wx.onNetworkStatusChange((res) => {
        if (res.isConnected) this.flush();
      });
      this.refresh();
      return this.updateQueued();
    });
    return this.ready;
  },

  onShow() {
    if (this.client) this.flush();
  },

  /** The case as the form describes it now. */
  caseValue() {
    const c = {
      complainant: { kind: "natural" },
      respondent: { kind: "merchant" },
      channel: "mini_program",
      submitted_at: new Date().toISOString(),
      evidence: this.data.evidence.map((e) => ({ kind: e.kind, name: e.name, size: e.size, media_type: e.media_type })),
      declarations: { ...this.data.declarations },
    };
    const type = REQUEST_TYPES[this.data.requestIndex];
    setAt(c, "/request/type", type ? type.id : null);
    FIELDS.forEach((f) => {
      const text = this.data.form[f.id] || "";
      setAt(c, f.path, text === "" ? null : f.time ? timeValue(text) : text);
    });
    return c;
  },

  /** Runs the preview and shows its problems, category, checklist, deadlines and rendering. */
  refresh() {
    const p = this.engine.preview(this.caseValue(), { now: new Date(), locale: "zh-CN", view: "complainant" });
    const errors = {};
    const general = [];
    p.findings
      .filter((f) => f.severity !== "info")
      .forEach((f) => {
        const id = fieldOf(f.path);
        if (id) errors[id] = errors[id] ? `${errors[id]}；${f.message.zh}` : f.message.zh;
        else general.push({ path: f.path, text: f.message.zh, severity: f.severity });
      });
    const blocking = p.findings.filter((f) => f.severity === "error" && f.audience === "complainant").length;
    const cls = p.classification;
    this.setData({
      errors,
      general,
      status: p.status,
      statusText: p.status === "ready" ? "可以提交" : `还有 ${blocking} 个问题需要处理`,
      category: cls && cls.category.id ? this.categoryNames.get(cls.category.id) || cls.category.id : "",
      severity: cls ? (cls.severity.level === "major" ? "重大投诉" : "一般投诉") : "",
      checklist: p.checklist.map((c) => ({
        id: c.id, name: c.name.zh, need: c.need === "required" ? "必需" : "建议", done: c.status === "satisfied", reason: c.reason.zh,
      })),
      deadlines: p.timeline
        .filter((e) => e.due_date)
        .map((e) => ({ id: e.id, name: e.name.zh, due: e.due_date, state: STATES[e.state] || e.state })),
      sections: p.render.sections.map((s) => ({ id: s.id, heading: s.heading, lines: s.lines })),
    });
    return p;
  },

  onInput(e) {
    this.setData({ [`form.${e.currentTarget.dataset.field}`]: e.detail.value });
    this.refresh();
  },

  onRequestType(e) {
    this.setData({ requestIndex: Number(e.detail.value) });
    this.refresh();
  },

  onEvidenceKind(e) {
    this.setData({ evidenceIndex: Number(e.detail.value) });
  },

  /** Adds a piece of evidence of the chosen kind (the engine checks its kind, name, size and type). */
  onAddEvidence() {
    const kind = EVIDENCE_KINDS[this.data.evidenceIndex];
    const item = { kind: kind.id, label: kind.name, name: `${kind.id}-${this.data.evidence.length + 1}.jpg`, size: 102400, media_type: "image/jpeg" };
    this.setData({ evidence: this.data.evidence.concat([item]) });
    this.refresh();
  },

  onRemoveEvidence(e) {
    const at = Number(e.currentTarget.dataset.index);
    this.setData({ evidence: this.data.evidence.filter((_, i) => i !== at) });
    this.refresh();
  },

  onDeclarations(e) {
    const on = e.detail.value;
    this.setData({ declarations: { truthful: on.includes("truthful"), privacy_consent: on.includes("privacy_consent") } });
    this.refresh();
  },

  /** Submits through the shell; the outcome is shown and returned. */
  async onSubmit() {
    const result = await this.client.submit(this.caseValue(), { now: new Date() });
    const body = result.response && result.response.body;
    const texts = {
      sent: () => `已提交，案件编号 ${body && body.id}`,
      queued: () => "网络不可用，投诉已保存在本机，恢复网络后自动发送。",
      rejected: () => `服务器拒绝了该投诉（HTTP ${result.httpStatus}）`,
      blocked: () => `还有 ${result.problems.length} 个问题需要处理，未提交`,
    };
    const sent = result.status === "sent" && body;
    const caseId = sent ? body.id : "";
    const caseToken = sent ? body.access_token || "" : "";
    this.setData({ result: result.status, resultText: texts[result.status](), caseId, caseToken });
    await this.updateQueued();
    return result;
  },

  /** Sends the queued complaints (once per queue entry; the server dedupes by key). */
  flush() {
    this.flushing = this.client.flush().then((outcomes) => this.updateQueued().then(() => outcomes));
    return this.flushing;
  },

  async updateQueued() {
    this.setData({ queued: await this.client.queued() });
  },
});
