// The staff console: the queue of open cases (overdue first), a case's timeline and next
// actions, and recording an event — checked by the wasm engine before it is sent, refused by the
// backend (409) when it breaks a rule. Text from the server is only inserted as text nodes.
import init, { Engine } from "/pkg/index.js";

const TYPES = ["acknowledged", "accepted", "rejected", "supplement_requested", "supplemented", "assigned",
  "extension_granted", "progress_notified", "compensation_offered", "compensation_approved", "resolved",
  "result_notified", "review_requested", "review_decided", "escalated", "mediation_held", "agreement_signed",
  "agreement_checked", "follow_up", "litigation_filed", "archived", "records_purged"];

const $ = (id) => document.getElementById(id);
let engine;
let current = null; // {id, case, events, handling}

const token = () => $("token").value.trim();
const auth = () => ({ Authorization: `Bearer ${token()}` });

function item(list, text, cls) {
  const li = document.createElement("li");
  li.textContent = text;
  if (cls) li.className = cls;
  list.append(li);
  return li;
}

function findingText(f) {
  return `${f.severity === "error" ? "✗" : "!"} ${f.message.zh} / ${f.message.en} [${f.clause}]`;
}

async function loadQueue() {
  const res = await fetch("/v1/queue", { headers: auth() });
  const body = await res.json();
  const tbody = $("queue").querySelector("tbody");
  tbody.replaceChildren();
  if (!res.ok) {
    $("queue-msg").textContent = `${body.error.message.zh} / ${body.error.message.en}`;
    return;
  }
  $("queue-msg").textContent = `${body.cases.length}`;
  for (const row of body.cases) {
    const tr = document.createElement("tr");
    tr.className = `state-${row.next.state}`;
    tr.dataset.id = row.id;
    for (const text of [row.id, row.stage, row.next.action, row.next.due_at ?? "—", row.next.state]) {
      const td = document.createElement("td");
      td.textContent = text;
      tr.append(td);
    }
    tr.addEventListener("click", () => openCase(row.id));
    tbody.append(tr);
  }
  document.body.dataset.queueCount = String(Number(document.body.dataset.queueCount ?? 0) + 1);
}

async function openCase(id) {
  const [record, stored] = await Promise.all([
    fetch(`/v1/cases/${encodeURIComponent(id)}/events`, { headers: auth() }).then((r) => r.json()),
    fetch(`/v1/staff/cases/${encodeURIComponent(id)}`, { headers: auth() }).then((r) => r.json()),
  ]);
  current = { id, case: stored.case, pack: stored.pack?.id, events: record.events, handling: record.handling };
  render();
}

function render() {
  const h = current.handling;
  $("case").hidden = false;
  $("case-id").textContent = current.id;
  $("case-stage").textContent = h.stage;
  $("timeline").replaceChildren();
  for (const t of h.timeline) item($("timeline"), `${t.at} ${t.type} (${t.role}) → ${t.stage}`);
  $("actions").replaceChildren();
  for (const a of h.next_actions) item($("actions"), `${a.action} ${a.due_at ?? ""} [${a.state}] ${a.audience}`, `state-${a.state}`);
  $("findings").replaceChildren();
  for (const f of h.findings) item($("findings"), findingText(f), f.severity);
  document.body.dataset.caseStage = h.stage;
}

function draftEvent() {
  let payload;
  try {
    payload = JSON.parse($("ev-payload").value || "{}");
  } catch (e) {
    throw new Error(`payload: ${e.message}`);
  }
  return { ...payload, type: $("ev-type").value, at: new Date().toISOString(), by: { role: $("ev-role").value.trim() } };
}

/** The engine's findings about the drafted event itself (those that point at it). */
function check(event) {
  const n = current.events.length;
  const after = engine.handling(current.case, { events: [...current.events, event] }, { now: new Date(), pack: current.pack });
  return after.findings.filter((f) => f.path === `/events/${n}` || f.path.startsWith(`/events/${n}/`));
}

function showResult(lines, cls) {
  $("ev-result").replaceChildren();
  for (const l of lines) item($("ev-result"), l, cls);
  document.body.dataset.eventResult = cls;
}

$("ev-check").addEventListener("click", () => {
  try {
    const found = check(draftEvent());
    showResult(found.length ? found.map(findingText) : ["✓"], found.some((f) => f.severity === "error") ? "error" : "ok");
  } catch (e) {
    showResult([e.messages ? `${e.messages.zh} / ${e.messages.en}` : e.message], "error");
  }
});

$("event-form").addEventListener("submit", async (ev) => {
  ev.preventDefault();
  let event;
  try {
    event = draftEvent();
  } catch (e) {
    showResult([e.message], "error");
    return;
  }
  const res = await fetch(`/v1/cases/${encodeURIComponent(current.id)}/events`, {
    method: "POST",
    headers: { ...auth(), "Content-Type": "application/json" },
    body: JSON.stringify(event),
  });
  const body = await res.json();
  if (res.status === 201) {
    showResult([`✓ ${body.stage}`], "ok");
    await openCase(current.id);
    await loadQueue();
  } else {
    const lines = [`${res.status} ${body.error.message.zh} / ${body.error.message.en}`, ...(body.findings ?? []).map(findingText)];
    showResult(lines, "refused");
  }
});

for (const t of TYPES) {
  const o = document.createElement("option");
  o.value = o.textContent = t;
  $("ev-type").append(o);
}
$("token").value = sessionStorage.getItem("staff-token") ?? "";
$("token").addEventListener("change", () => sessionStorage.setItem("staff-token", token()));
$("load").addEventListener("click", loadQueue);
await init();
engine = new Engine();
document.body.dataset.ready = "1";
