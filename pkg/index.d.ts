// TypeScript declarations for the complaint-rules npm package.

/** A text in both languages the engine speaks. */
export interface Bilingual {
  zh: string;
  en: string;
}

/**
 * The `locale` option of every call that returns findings: the language(s) their messages are
 * written in. "both" (the default: what a call without the option gets) writes `{zh, en}`;
 * "zh-CN" or "en" writes only that language's key (`{zh}` or `{en}`) and the engine never formats
 * the other. Errors (`EngineError`) are always in both languages. In `preview` and `session` it
 * is also the language of `render` (zh-CN for "both").
 */
export type Locale = "zh-CN" | "en" | "both";

/** A finding's message in the locale `L` asked for: both languages, or only the one asked. */
export type Message<L extends Locale = "both"> = L extends "zh-CN" ? { zh: string } : L extends "en" ? { en: string } : Bilingual;

/** The `locale` option (see `Locale`). */
export interface LocaleOption<L extends Locale = Locale> {
  locale?: L;
}

export type ComplainantKind = "natural" | "legal";
export type RespondentKind = "merchant" | "platform" | "member_unit";
export type RequestType = "refund" | "return" | "exchange" | "repair" | "compensation" | "apology" | "other";
export type Channel = "web" | "mini_program" | "phone" | "letter" | "email" | "visit";
export type EvidenceKind =
  | "signed_complaint" | "id_copy" | "business_licence" | "legal_rep_id_copy" | "sealed_complaint"
  | "power_of_attorney" | "agent_id_copy" | "order_record" | "payment_record" | "chat_record"
  | "logistics_record" | "invoice" | "contract" | "photo" | "video" | "inspection_report" | "other";

/** The complaint case (see case.schema.json). Every field may be missing while the form is filled in. */
export interface Case {
  complainant?: {
    kind?: ComplainantKind | null;
    name?: string | null;
    id_number?: string | null;
    mobile?: string | null;
    email?: string | null;
    address?: string | null;
    account?: string | null;
    org_name?: string | null;
    uscc?: string | null;
    legal_rep_name?: string | null;
    legal_rep_id?: string | null;
  } | null;
  agent?: { name?: string | null; id_number?: string | null; mobile?: string | null } | null;
  respondent?: { kind?: RespondentKind | null; name?: string | null; shop?: string | null; staff?: string | null } | null;
  /** Amounts are yuan as decimal strings ("1299.00"); the engine holds them as integer fen. */
  order?: { id?: string | null; amount?: string | null; paid_at?: string | null; delivered_at?: string | null } | null;
  facts?: string | null;
  request?: { type?: RequestType | null; text?: string | null; amount?: string | null } | null;
  evidence?: Array<{ kind?: EvidenceKind | null; name?: string | null; size?: number | null; media_type?: string | null }> | null;
  occurred_at?: string | null;
  submitted_at?: string | null;
  channel?: Channel | null;
  declarations?: { truthful?: boolean | null; privacy_consent?: boolean | null } | null;
  [extra: string]: unknown;
}

/** One problem with a case (`L`: the call's locale). */
export interface Finding<L extends Locale = "both"> {
  /** Stable code, e.g. "field.required", "id_number.checksum". */
  code: string;
  /** JSON pointer of the field ("" for the whole case). */
  path: string;
  severity: "error" | "warning";
  /** `{zh, en}`, or only the language the call's `locale` asked for. */
  message: Message<L>;
  /** Id of the backing clause in the pack's clause catalogue. */
  clause: string;
  /** Whom the finding binds: the complainant, or the handler (platform / member company). */
  audience: "complainant" | "handler";
}

export interface PackRef {
  id: string;
  version: string;
}

/**
 * An item the complainant may add after submitting (S002 二(二)2: told once, with a reasonable
 * period — the pack's working days from the day of submission).
 */
export interface Supplement {
  /** JSON pointer of the missing field ("/evidence" for materials and evidence items). */
  path: string;
  /** What to add. */
  item: Bilingual;
  /** RFC 3339, 00:00 (UTC+08:00) after the last day, i.e. 24:00 of that day. */
  due_at: string;
  /** Id of the clause asking for it. */
  clause: string;
}

/** The result of `validate`: every problem at once. */
export interface Validation<L extends Locale = "both"> {
  /** May the complainant submit now: "blocked" only by a complainant-side error. */
  status: "ready" | "blocked";
  problems: Finding<L>[];
  /** The case after normalisation (trimmed, half-width, …), with everything the user entered kept. */
  normalized: Case;
  pack: PackRef;
  /** What may be added after submitting, and by when. */
  supplements: Supplement[];
}

/** `validate`'s `normalized` option: `false` leaves the normalised case out of the answer. */
export interface NormalizedOption<N extends boolean = boolean> {
  normalized?: N;
}

/** What `validate` answers for `normalized: N`: without the normalised case when `false`, with it
 * when `true` or absent, perhaps with it when only known to be a boolean. */
export type ValidationAnswer<L extends Locale = "both", N extends boolean = true> = [N] extends [false]
  ? Omit<Validation<L>, "normalized">
  : [N] extends [true]
    ? Validation<L>
    : Omit<Validation<L>, "normalized"> & { normalized?: Case };

/** Options of a call. `now` is required: the engine never reads a clock. */
export interface CallOptions {
  now: string | Date;
  /** Pack id to use instead of the engine's default. */
  pack?: string;
}

export interface EngineOptions {
  /** The default pack: an embedded id ("ecommerce", "trading-member") or a pack document. */
  pack?: string | object;
  /** More pack documents (or versions of one) to load. */
  packs?: object[];
}

/** A structured error: bad input that yields no result at all. */
export class EngineError extends Error {
  /** "json" | "shape" | "too_large" | "option" | "pack" | "unknown_pack" | … */
  code: string;
  path: string;
  messages: Bilingual;
  problems: Array<{ path: string; detail: string }>;
}

/** One year of holidays and make-up workdays, in the NateScarlet/holiday-cn shape. */
export interface HolidayYear {
  year: number;
  papers?: string[];
  days: Array<{ name: string; date: string; isOffDay: boolean }>;
}

/** Options of calendar, deadline and rule-change calls (`locale`: of the findings and warnings). */
export interface CalendarOptions<L extends Locale = Locale> extends CallOptions, LocaleOption<L> {
  /** Holiday years to add for this call (years without data fall back to Mon–Fri, with a warning). */
  holidays?: HolidayYear[];
}

/** A calendar result with a `calendar.year_missing` warning per year without holiday data. */
export interface Warned<T, L extends Locale = "both"> {
  value: T;
  warnings?: Finding<L>[];
}

/** A case's handling times (RFC 3339) and extensions, as `deadlines` reads them. */
export interface CaseTimes {
  submitted_at?: string | null;
  acknowledged_at?: string | null;
  accepted_at?: string | null;
  resolved_at?: string | null;
  review_requested_at?: string | null;
  records_purged_at?: string | null;
  extensions?: Array<{ working_days: number; approved?: boolean; consent?: boolean }>;
  [extra: string]: unknown;
}

export type EntryState = "not_started" | "not_in_force" | "pending" | "at_risk" | "met" | "missed" | "overdue" | "closed";

/** One time limit on a case's timeline. */
export interface TimelineEntry {
  id: string;
  name: Bilingual;
  kind: "deadline" | "window" | "minimum";
  start: string | null;
  /** The last day (UTC+08:00), YYYY-MM-DD. */
  due_date: string | null;
  /** The instant the limit runs out (24:00 of due_date for day counts). */
  due_at: string | null;
  done_at: string | null;
  state: EntryState;
  extended_by: number;
  /**
   * For reference limits of another body (no findings): the law, its validity and, when it was
   * replaced by a text not at hand, what replaced it (no limit is shown after `valid_until`).
   */
  reference: { law: string; valid_from: string; valid_until?: string | null; replaced_by?: Bilingual } | null;
  clause: string;
}

export interface Timeline<L extends Locale = "both"> {
  entries: TimelineEntry[];
  findings: Finding<L>[];
}

/** What differs for one case between two packs. */
export type ImpactKind = "error" | "status" | "problems" | "supplements" | "category" | "severity" | "route" | "deadlines";

/** One difference: for lists (problems, supplements, route, deadlines) the items only the old / new result has. */
export interface ImpactChange {
  kind: ImpactKind;
  old: string | string[];
  new: string | string[];
}

/** A case the new pack treats differently. */
export interface CaseImpact {
  /** Position of the case in the input array. */
  case: number;
  /** The case's `id`, when it has one. */
  id?: string;
  changes: ImpactChange[];
  /** The rules responsible: `clause <id>`, `route <id>`, `limit <id>`. */
  rules: string[];
}

/** The result of `impact`. */
export interface Impact {
  cases: CaseImpact[];
  summary: {
    cases: number;
    affected: number;
    by_kind: Partial<Record<ImpactKind, number>>;
    rules: Record<string, number>;
    examples: Partial<Record<ImpactKind, number[]>>;
  };
}

/** A platform-rule change, as `ruleChange` checks it and `packDiff` writes it. Facts not given are reported. */
export interface RuleChange {
  pack?: string;
  from_version?: string;
  to_version?: string;
  published_at?: string | null;
  effective_at?: string | null;
  consultation?: { held?: boolean | null; ended_at?: string | null; comments_kept_at?: string | null; comments_kept_until?: string | null } | null;
  flags?: { huge_user_base?: boolean | null; many_changes?: boolean | null; important_rights?: boolean | null };
  major_impact?: boolean | null;
  transition_days?: number | null;
  history?: { kept_from?: string | null; downloadable?: boolean | null };
  exit?: { unreasonable_conditions?: boolean | null; refund_under_old_rules?: boolean | null };
  changes?: Array<{ path: string; change: "added" | "removed" | "changed" }>;
}

/** A matched word: `start`/`end` in UTF-16 code units (JS string indices), `start_char`/`end_char` in Unicode scalars. */
export interface TextMatch {
  term: string;
  start: number;
  end: number;
  start_char: number;
  end_char: number;
}

/** Who fixed a value the engine suggested. */
export type SetBy = "user" | "staff";

/** Structured fields and overrides beside the text of `classify`. */
export interface ClassifyStructured {
  request_type?: RequestType | null;
  /** Yuan as a decimal string, e.g. "1299.00". */
  amount?: string | null;
  respondent_kind?: RespondentKind | null;
  complainant_kind?: ComplainantKind | null;
  overrides?: {
    category?: { id: string; by: SetBy };
    cause_class?: { id: string; by: SetBy };
    severity?: { level: "major" | "general"; by: SetBy };
  };
}

/** Options of `classify`: the pack, and a time choosing its version (default: the latest). */
export interface ClassifyOptions {
  pack?: string;
  now?: string | Date;
}

/** A category or cause class, suggested or set by someone (then `suggested` keeps the engine's). */
export interface ClassChoice {
  id: string;
  /** 0–1. */
  confidence: number;
  matches: TextMatch[];
  /** Terms found but negated (不是质量问题). */
  negated?: TextMatch[];
  /** Categories of packs with a learned model: the n-grams that pushed the model hardest towards this choice, with what each added (logit units). */
  model_matches?: Array<TextMatch & { weight: number }>;
  /** Cause classes only: the handling principle and its clauses. */
  principle?: { text: Bilingual; clauses: string[] };
  set_by?: SetBy;
  suggested?: ClassChoice;
}

/** Major or general, with the reasons (each citing a clause). */
export interface SeverityResult {
  level: "major" | "general";
  reasons: Array<{ code: string; clause: string; matches: TextMatch[] }>;
  set_by?: SetBy;
  suggested?: SeverityResult;
}

/** The result of `classify`. */
export interface Classification {
  category: ClassChoice;
  /** `score`: lexicon weight units; `probability`: lexicon and model combined, 0–1 (packs with a learned model only). */
  runners_up: Array<{ id: string; score: number; probability?: number }>;
  cause_class: ClassChoice;
  severity: SeverityResult;
  flags: Array<{ id: "litigation_risk" | "police" | string; clause: string; action: Bilingual; matches: TextMatch[] }>;
  /** Money amounts in fen, with spans. */
  amounts: Array<{ fen: number; text: string; start: number; end: number; start_char: number; end_char: number }>;
}

/** Category, cause class or severity fixed by the user or staff (the engine's suggestion is kept beside). */
export interface Overrides {
  category?: { id: string; by: SetBy };
  cause_class?: { id: string; by: SetBy };
  severity?: { level: "major" | "general"; by: SetBy };
}

/** How the case was or will be handled; every field optional. Event times (RFC 3339) feed the timeline. */
export interface Handling {
  submitted_at?: string | null;
  acknowledged_at?: string | null;
  accepted_at?: string | null;
  resolved_at?: string | null;
  review_requested_at?: string | null;
  records_purged_at?: string | null;
  extensions?: Array<{ working_days: number; approved?: boolean; consent?: boolean }>;
  /** A convenient appeal channel was offered. */
  channel_offered?: boolean | null;
  /** A measure adverse to the complainant was taken. */
  adverse_measure?: boolean | null;
  /** Facts, reasons and basis were given for it. */
  reasons_given?: boolean | null;
  /** The first decision was made by automated means only. */
  automated_only?: boolean | null;
  human_review_requested?: boolean | null;
  human_review_given?: boolean | null;
  /** The reviewer relative to the first handler. */
  reviewer?: "higher" | "independent" | "same" | "lower" | null;
  appeal_window_days?: number | null;
  /** Fee charged to appeal or complain, in fen. */
  fee_fen?: number | null;
  /** Rights the complainant was asked to waive (complain, report, mediate, arbitrate, sue). */
  waivers?: string[];
  settlement_acceptance?: "explicit" | "forced" | "default" | null;
  /** Penalty asked of the complainant and the legal or reasonable cap, in fen. */
  penalty_fen?: number | null;
  penalty_cap_fen?: number | null;
  handler_marketing?: boolean | null;
  handler_involved?: boolean | null;
  third_party?: boolean | null;
  third_party_trained?: boolean | null;
  final_review_done?: boolean | null;
  /** The respondent and the complainant cannot agree. */
  no_agreement?: boolean | null;
  legal_question?: boolean | null;
}

/**
 * Whose view of a preview: the complainant's (their own findings, supplements, checklist,
 * timeline, rights; no approval routes or handler compliance findings) or the staff's.
 */
export type View = "complainant" | "staff";

/** Options of `preview` and `session`. */
export interface PreviewOptions<L extends Locale = Locale> extends CallOptions {
  overrides?: Overrides;
  handling?: Handling;
  /**
   * The language(s) of the findings' and routes' messages, and the language of `render`
   * ("zh-CN" for "both", the default). An explicit "zh-CN" or "en" also narrows the messages to
   * that language (before issue 20 it chose only the rendering's language).
   */
  locale?: L;
  /** Whose view (default "complainant"). */
  view?: View;
}

/** A clause of the pack's catalogue, as shown beside a finding. */
export interface ClauseRef {
  id: string;
  source: string;
  article: string;
  title: Bilingual;
  /** Text excerpt. */
  text: string;
}

/** One finding of a preview; every one carries its clause. */
export interface PreviewFinding<L extends Locale = "both"> {
  code: string;
  severity: "error" | "warning" | "info";
  /** Whom it binds; a handler finding never blocks the complainant. */
  audience: "complainant" | "handler";
  /** JSON pointer in the case (`/handling/…` for the handling object); "" for the whole case. */
  path: string;
  message: Message<L>;
  clause: ClauseRef;
}

/**
 * A compact, deterministic digest of a preview: a backend recomputes it natively and compares it
 * with the one sent, to detect a tampered envelope.
 */
export interface PreviewSummary {
  status: "ready" | "blocked";
  pack: PackRef;
  /** The effective category id (the override when set). */
  category: string;
  /** The effective severity level (the override when set). */
  severity: "major" | "general";
  /** Codes of the error and warning findings, sorted and unique. */
  codes: string[];
}

/** One line of the proof-burden checklist. */
export interface ChecklistItem {
  id: string;
  name: Bilingual;
  /** Evidence kinds that satisfy it. */
  kinds: EvidenceKind[];
  need: "required" | "recommended";
  status: "satisfied" | "missing";
  reason: Bilingual;
  clause: ClauseRef;
}

/** When a route applies. */
export type RouteTrigger =
  | "always" | "amount_below" | "amount_above" | "major" | "general" | "legal_question" | "no_agreement"
  | { flag: string };

/** The approval route of a case. */
export interface Route<L extends Locale = "both"> {
  /** The amount routed on, in fen: the request amount, else the largest amount in the text. */
  amount_fen: number | null;
  threshold_fen: number;
  /** The routes that apply, in the pack's order. */
  applied: Array<{
    id: string;
    when: RouteTrigger;
    steps: Array<{ role: string; action: Bilingual }>;
    message: Message<L>;
    clause: ClauseRef;
  }>;
}

/** One right of the complainant, for display. */
export interface RightItem {
  id: string;
  text: Bilingual;
  clause: ClauseRef;
}

/** A ready-to-show rendering: plain text only, no HTML. */
export interface Render {
  /** "zh-CN" when the call asked for "both" (or nothing). */
  locale: "zh-CN" | "en";
  title: string;
  /** In display order; empty sections are left out. */
  sections: Array<{
    /** "status" | "problems" | "supplements" | "classification" | "checklist" | "timeline" | "route" | "notes" | "rights". */
    id: string;
    heading: string;
    lines: string[];
  }>;
}

/** The result of `preview`. */
export interface Preview<L extends Locale = "both"> {
  /** May the complainant submit now: "blocked" only by a complainant-side error, whatever the view. */
  status: "ready" | "blocked";
  view: View;
  pack: PackRef;
  /** The same in either view. */
  summary: PreviewSummary;
  /** Errors first; each with its clause and audience (only the complainant's in that view). */
  findings: PreviewFinding<L>[];
  /** What may be added after submitting, and by when. */
  supplements: Supplement[];
  classification: Classification;
  checklist: ChecklistItem[];
  timeline: TimelineEntry[];
  /** Approval routes: staff view only (empty `applied` in the complainant's). */
  route: Route<L>;
  rights: RightItem[];
  render: Render;
}

/** One event of a case's append-only handling record. */
export interface HandlingEvent {
  type:
    | "acknowledged" | "accepted" | "rejected" | "supplement_requested" | "supplemented" | "assigned"
    | "extension_granted" | "progress_notified" | "compensation_offered" | "compensation_approved"
    | "resolved" | "result_notified" | "review_requested" | "review_decided" | "escalated"
    | "mediation_held" | "agreement_signed" | "agreement_checked" | "follow_up" | "litigation_filed"
    | "archived" | "records_purged";
  /** RFC 3339. */
  at: string;
  by: { role: string; id?: string };
  /** The payload of the type, e.g. `items` and `due_at` of `supplement_requested`, `amount` (yuan string) of `compensation_offered`. */
  [payload: string]: unknown;
}

/** The record `engine.handling` reads; `overrides` fixes category, cause class or severity. */
export interface HandlingRecord {
  events: HandlingEvent[];
  overrides?: Overrides;
}

/** Options of `handling`. */
export interface HandlingOptions<L extends Locale = Locale> extends CallOptions, LocaleOption<L> {
  /** "staff" (default): everything; "complainant": their findings and next steps, no route. */
  view?: "staff" | "complainant";
}

/** A step someone must take next. */
export interface NextAction {
  /** acknowledge, decide_acceptance, request_supplement, resolve, notify_progress, notify_result,
   * approve_compensation, decide_review, notify_review_result, escalate, follow_up, archive; for
   * the complainant: supplement, request_review. */
  action: string;
  due_at: string | null;
  clause: string;
  audience: "complainant" | "handler";
  state: "overdue" | "at_risk" | "pending";
}

/** The result of `handling`. */
export interface HandlingReport<L extends Locale = "both"> {
  pack: PackRef;
  view: "staff" | "complainant";
  stage: string;
  /** Errors first. */
  findings: Finding<L>[];
  /** Overdue first, then by due time. */
  next_actions: NextAction[];
  timeline: Array<{ index: number; type: string; at: string; role: string; stage: string }>;
  /** Staff view only. */
  route?: {
    compensation: { amount: string; approvers: string[]; notify: string[]; clause: string } | null;
    escalations: string[];
  };
}

/** The rules engine holding the loaded policy packs. */
export class Engine {
  constructor(options?: EngineOptions);
  /**
   * Every problem at once. `normalized: false`: the answer without the normalised case (less to
   * write and to parse, for a form that keeps its own values).
   */
  validate<L extends Locale = "both", N extends boolean = true>(caseValue: Case, options: CallOptions & LocaleOption<L> & NormalizedOption<N>): ValidationAnswer<L, N>;
  mask(caseValue: Case, options: CallOptions): Case;
  packs(): Array<PackRef & { effective_from: string }>;
  /** The JSON document of a pack given to the constructor (as given), else of an embedded pack. */
  packDocument(id: string): Record<string, unknown>;
  /** The timeline of a case's time limits and findings for limits missed or at risk. */
  deadlines<L extends Locale = "both">(times: CaseTimes, options: CalendarOptions<L>): Timeline<L>;
  /** `{from, working_days}` or `{from, days}` → the due date (CLI `deadline` format). */
  due<L extends Locale = "both">(query: { from: string; working_days?: number; days?: number }, options: CalendarOptions<L>): { due: string; warnings?: Finding<L>[] };
  addWorkingDays<L extends Locale = "both">(date: string, n: number, options: CalendarOptions<L>): Warned<string, L>;
  addDaysCivil<L extends Locale = "both">(date: string, n: number, options: CalendarOptions<L>): Warned<string, L>;
  isWorkingDay<L extends Locale = "both">(date: string, options: CalendarOptions<L>): Warned<boolean, L>;
  workingDaysBetween<L extends Locale = "both">(from: string, to: string, options: CalendarOptions<L>): Warned<number, L>;
  ruleChange<L extends Locale = "both">(change: RuleChange, options: CalendarOptions<L>): Finding<L>[];
  packDiff(oldPack: object, newPack: object): RuleChange;
  /** Which cases two packs (documents or ids) treat differently, with the rules responsible, and a summary. */
  impact(oldPack: object | string, newPack: object | string, cases: Case[], options: { now: string }): Impact;
  /** Category, cause class, severity, flags and amounts of a complaint text, with matched spans. */
  classify(text: string, structured?: ClassifyStructured, options?: ClassifyOptions): Classification;
  /** The rule preview of a case: status, summary, findings, checklist, timeline, route, rights and rendering. */
  preview<L extends Locale = "both">(caseValue: Case, options: PreviewOptions<L>): Preview<L>;
  /** A live-form session: edits one field at a time, re-running only the rules that read it. */
  session<L extends Locale = "both">(caseValue: Case, options: PreviewOptions<L>): Session<L>;
  /** The handling lifecycle of a submitted case: stage, findings, next actions, timeline, route. */
  handling<L extends Locale = "both">(caseValue: Case, record: HandlingRecord, options: HandlingOptions<L>): HandlingReport<L>;
  /** Whether the module has the full calls: true for `complaint-rules`, false for `complaint-rules/form` (whose other calls throw `not_in_module`). */
  readonly full: boolean;
  free(): void;
}

/** What one `Session.set` changed. */
export interface SessionChange<L extends Locale = "both"> {
  status: "ready" | "blocked";
  /** Findings the edit brought. */
  added: Finding<L>[];
  /** Findings the edit cleared. */
  removed: Finding<L>[];
}

/** A case under edit inside the module (from `engine.session`). */
export class Session<L extends Locale = "both"> {
  /** Sets the field at JSON pointer `pointer` (e.g. "/complainant/mobile"; "-" appends to a list). */
  set(pointer: string, value: unknown): SessionChange<L>;
  /** Every current finding, as `validate(...).problems`. */
  findings(): Finding<L>[];
  /** The full preview of the case as it stands. */
  preview(): Preview<L>;
  free(): void;
}

/** Loads the WebAssembly module (once). */
export default function init(input?: string | URL | Response | BufferSource | WebAssembly.Module): Promise<void>;

/** The engine's version. */
export function version(): string;
