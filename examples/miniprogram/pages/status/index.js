// The complainant's status page: stage, what happens next and by when, and what to supplement,
// from the backend's complainant view (GET {endpoint}/{id}/status; no internal steps, no
// personal data). Opened as pages/status/index?id=<case id>&token=<access token> (the token the
// submission answered with; without it the backend answers 404).
const NEXT = {
  acknowledge: "确认收到投诉", decide_acceptance: "决定是否受理", supplement: "您补充材料",
  resolve: "办结并给出处理结果", notify_progress: "告知处理进展", notify_result: "告知处理结果",
  request_review: "如不满意，您可申请复核", decide_review: "作出复核决定", notify_review_result: "告知复核结果",
};
const STAGES = {
  submitted: "已提交", acknowledged: "已确认收到", accepted: "已受理", rejected: "不予受理",
  awaiting_supplement: "等待补充材料", investigating: "调查处理中", mediation: "调解中", resolved: "已办结",
  notified: "已告知结果", under_review: "复核中", reviewed: "已复核", litigation: "诉讼中",
  followed_up: "已回访", archived: "已归档", purged: "记录已删除",
};

/** "2026-03-03T09:00:00+08:00" → "2026-03-03 09:00" (the backend's times are in UTC+08:00). */
function shown(time) {
  return time ? String(time).slice(0, 16).replace("T", " ") : "";
}

Page({
  data: { id: "", token: "", stage: "", stageText: "", next: [], supplements: [], message: "正在查询…" },

  onLoad(query) {
    this.setData({ id: query.id || "", token: query.token || "" });
    return this.refresh();
  },

  /** Asks the backend for the complainant view and shows it. */
  refresh() {
    const endpoint = getApp().globalData.endpoint;
    return new Promise((resolve) => {
      wx.request({
        url: `${endpoint}/${encodeURIComponent(this.data.id)}/status`,
        method: "GET",
        header: { Authorization: `Bearer ${this.data.token}` },
        success: (res) => {
          const body = res.data || {};
          if (res.statusCode !== 200) {
            this.setData({ message: body.error ? body.error.message.zh : `查询失败（${res.statusCode}）` });
          } else {
            this.setData({
              stage: body.stage,
              stageText: STAGES[body.stage] || body.stage,
              next: body.next_actions.map((a) => ({ action: a.action, text: NEXT[a.action] || a.action, due: shown(a.due_at) })),
              supplements: body.supplements.map((s) => ({ items: (s.items || []).join("、"), due: shown(s.due_at) })),
              message: "",
            });
          }
          resolve();
        },
        fail: (e) => {
          this.setData({ message: `网络不可用：${e.errMsg}` });
          resolve();
        },
      });
    });
  },
});
