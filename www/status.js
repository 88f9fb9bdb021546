// The complainant's status page: stage, what happens next and by when, and what to supplement,
// from GET /v1/cases/{id}/status (the complainant view: no internal steps, no personal data).
// Opened as status.html?id=<case id>&token=<access token> (the token the submission answered).
const $ = (id) => document.getElementById(id);
const NEXT = {
  acknowledge: ["确认收到投诉", "acknowledge receipt"], decide_acceptance: ["决定是否受理", "decide on acceptance"],
  supplement: ["您补充材料", "you supply the missing items"], resolve: ["办结并给出结果", "resolve the complaint"],
  notify_progress: ["告知处理进展", "tell you how it is going"], notify_result: ["告知处理结果", "tell you the result"],
  request_review: ["如不满意，您可申请复核", "if not satisfied, you may ask for a review"],
  decide_review: ["作出复核决定", "decide the review"], notify_review_result: ["告知复核结果", "tell you the review result"],
};
const params = new URLSearchParams(location.search);
const id = params.get("id") ?? "";
$("id").textContent = id;
const res = await fetch(`/v1/cases/${encodeURIComponent(id)}/status`, {
  headers: { Authorization: `Bearer ${params.get("token") ?? ""}` },
});
const body = await res.json();
if (!res.ok) {
  $("msg").textContent = `${body.error.message.zh} / ${body.error.message.en}`;
} else {
  $("stage").textContent = body.stage;
  for (const a of body.next_actions) {
    const li = document.createElement("li");
    const [zh, en] = NEXT[a.action] ?? [a.action, a.action];
    li.textContent = `${zh} / ${en}${a.due_at ? ` — ${a.due_at.slice(0, 16).replace("T", " ")}` : ""}`;
    li.dataset.action = a.action;
    $("next").append(li);
  }
  for (const s of body.supplements) {
    const li = document.createElement("li");
    li.textContent = `${(s.items ?? []).join(", ")} — ${String(s.due_at).slice(0, 16).replace("T", " ")}`;
    $("supplements").append(li);
  }
}
document.body.dataset.loaded = "1";
