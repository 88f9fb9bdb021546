// complaint-rules — the Engine wrapper over a wasm-bindgen glue: it passes JSON text across the
// boundary and turns the engine's `{ok}` / `{error}` answers into values or `EngineError`s. No rules
// live here, and no loading either: the web entry (index.js) and the mini-program adapter
// (miniprogram/index.js) each load the module their own way and bind their glue with `bindGlue`;
// the form entry (form.js) binds the small form module with `engineApi`.

/** A structured error from the engine: a stable `code`, the `path` it concerns, a bilingual message. */
export class EngineError extends Error {
  constructor(report) {
    super(report?.message?.en ?? String(report));
    this.name = "EngineError";
    this.code = report?.code ?? "internal";
    this.path = report?.path ?? "";
    this.messages = report?.message ?? { zh: this.message, en: this.message };
    this.problems = report?.problems ?? [];
  }
}

function fail(code, path, en, zh) {
  throw new EngineError({ code, path, message: { zh, en } });
}

/** A lone UTF-16 surrogate: half of a character, which no UTF-8 text can hold. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:^|[^\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function wellFormed(text) {
  return typeof text.isWellFormed === "function" ? text.isWellFormed() : !LONE_SURROGATE.test(text);
}

/** The JSON pointer of a path of keys. */
function pointerOf(keys) {
  return keys.map((k) => `/${String(k).replace(/~/g, "~0").replace(/\//g, "~1")}`).join("");
}

/**
 * Refuses, naming the field by its JSON pointer, what JSON.stringify would silently change: NaN /
 * ±Infinity (which become null), BigInt, and strings or keys with lone surrogates. Walks the value
 * as JSON.stringify does (own enumerable keys in order, `toJSON` applied) and builds a pointer only
 * for the value it refuses; a cycle is left to JSON.stringify to report.
 */
function refuseLossy(root) {
  const keys = [];
  const onPath = new Set();
  const visit = (key, input) => {
    const value = input !== null && typeof input === "object" && typeof input.toJSON === "function" ? input.toJSON(String(key)) : input;
    switch (typeof value) {
      case "number":
        if (!Number.isFinite(value)) {
          const path = pointerOf(keys);
          fail("shape", path, `${path || "the value"} is ${value}, which is not a JSON number`, `${path || "该值"} 为 ${value}，不是有效的 JSON 数字`);
        }
        return;
      case "bigint": {
        const path = pointerOf(keys);
        fail("shape", path, `${path || "the value"} is a BigInt; give amounts as yuan text such as "1299.00"`, `${path || "该值"} 是 BigInt；金额请写为元的文本，如 "1299.00"`);
        return;
      }
      case "string":
        if (!wellFormed(value)) {
          const path = pointerOf(keys);
          fail("json", path, `${path || "the text"} contains a broken character (a lone UTF-16 surrogate)`, `${path || "文本"} 含有残缺字符（孤立的 UTF-16 代理项）`);
        }
        return;
      case "object":
        if (value === null || onPath.has(value)) return;
        onPath.add(value);
        if (Array.isArray(value)) {
          for (let i = 0; i < value.length; i++) {
            keys.push(i);
            visit(i, value[i]);
            keys.pop();
          }
        } else {
          for (const k of Object.keys(value)) {
            if (!wellFormed(k)) {
              const parent = pointerOf(keys);
              fail("json", parent, `a key in ${parent || "the value"} contains a broken character (a lone UTF-16 surrogate)`, `${parent || "该值"} 中的键含有残缺字符（孤立的 UTF-16 代理项）`);
            }
            keys.push(k);
            visit(k, value[k]);
            keys.pop();
          }
        }
        onPath.delete(value);
        return;
      default:
        return;
    }
  };
  visit("", root);
}

/**
 * Whether a value JSON.stringify has just encoded (so: no cycle, no BigInt) holds NaN or
 * ±Infinity, with `toJSON` applied as JSON.stringify applies it: the cheap check of `toJson`'s
 * common path, without the path-keeping of `refuseLossy`.
 */
function hasNonFinite(input, key) {
  const value = input !== null && typeof input === "object" && typeof input.toJSON === "function" ? input.toJSON(key) : input;
  if (typeof value === "number") return !Number.isFinite(value);
  if (value === null || typeof value !== "object") return false;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (hasNonFinite(value[i], String(i))) return true;
    return false;
  }
  for (const k of Object.keys(value)) if (hasNonFinite(value[k], k)) return true;
  return false;
}

/** JSON text of a value from JS, or an EngineError naming what could not be encoded. */
function toJson(value, what) {
  // What JSON.stringify changes silently leaves a mark in its text (NaN and ±Infinity become
  // `null`, a lone surrogate the escape `\udXXX`) and a BigInt or a cycle makes it throw. A text
  // without a lone-surrogate escape is the value's own unless it has a `null` that was a number:
  // only then, or when it threw, the full walk runs to name the field at fault.
  try {
    const text = JSON.stringify(value);
    const plain = text !== undefined && !text.includes("\\ud");
    if (plain && !(text.includes("null") && hasNonFinite(value, ""))) return text;
  } catch {
    // reported by the walk below
  }
  let text;
  try {
    refuseLossy(value);
    text = JSON.stringify(value);
  } catch (e) {
    if (e instanceof EngineError) throw e;
    fail("json", "", `${what} cannot be encoded as JSON: ${e.message}`, `${what} 无法编码为 JSON：${e.message}`);
  }
  if (text === undefined) fail("shape", "", `${what} is missing`, `缺少 ${what}`);
  return text;
}

function timeText(now) {
  if (now instanceof Date) {
    if (Number.isNaN(now.getTime())) fail("option", "now", "now is an invalid Date", "now 不是有效日期");
    return now.toISOString();
  }
  return now;
}

/** The options object of a call (`{}` when absent). */
function optionsOf(opts) {
  const o = opts ?? {};
  if (typeof o !== "object") fail("option", "options", "options must be an object", "options 应为对象");
  return o;
}

/**
 * The `locale` option of a call that returns findings, passed through as given ("zh-CN", "en" or
 * "both"; absent: both languages); the module checks the value and names `locale` when it is bad.
 */
function localeOf(o) {
  if (o.locale !== undefined && typeof o.locale !== "string") {
    fail("option", "locale", "locale must be \"zh-CN\", \"en\" or \"both\"", "locale 应为 \"zh-CN\"、\"en\" 或 \"both\"");
  }
  return o.locale;
}

/** Options JSON for a call: `{now, pack}` with `now` as RFC 3339 text. */
function optionsJson(opts) {
  const o = optionsOf(opts);
  return toJson({ now: timeText(o.now), pack: o.pack }, "options");
}

/**
 * The `normalized` option of `validate`: `false` leaves the normalised case out of the answer
 * (absent: it is in).
 */
function normalizedOf(o) {
  if (o.normalized !== undefined && typeof o.normalized !== "boolean") {
    fail("option", "normalized", "normalized must be true or false", "normalized 应为 true 或 false");
  }
  return o.normalized;
}

/** Options JSON for `validate`: `{now, pack, locale, normalized}`. */
function validateOptionsJson(opts) {
  const o = optionsOf(opts);
  return toJson({ now: timeText(o.now), pack: o.pack, locale: localeOf(o), normalized: normalizedOf(o) }, "options");
}

/** Options JSON for calendar calls: `{now, pack, holidays, locale}` (`holidays`: more holiday-cn years). */
function calendarOptionsJson(opts) {
  const o = optionsOf(opts);
  return toJson({ now: timeText(o.now), pack: o.pack, holidays: o.holidays, locale: localeOf(o) }, "options");
}

/** Options JSON for `preview` and `session`: `{now, pack, overrides, handling, locale, view}`. */
function previewOptionsJson(opts) {
  const o = optionsOf(opts);
  const picked = { now: timeText(o.now), pack: o.pack, overrides: o.overrides, handling: o.handling, locale: localeOf(o), view: o.view };
  return toJson(picked, "options");
}

/** Options JSON for `handling`: `{now, pack, view, locale}`. */
function handlingOptionsJson(opts) {
  const o = optionsOf(opts);
  return toJson({ now: timeText(o.now), pack: o.pack, view: o.view, locale: localeOf(o) }, "options");
}

/** A day count: a non-negative integer. */
function countArg(n, name) {
  if (!Number.isInteger(n) || n < 0) fail("option", name, `${name} must be a non-negative integer`, `${name} 应为非负整数`);
  return n;
}

/** The status of an edit that changed no finding, by the number `RawSession#edit` answers. */
const UNCHANGED_STATUS = ["ready", "blocked"];

/** Unwraps the engine's `{ok}` / `{error}` answer, given as JSON text. */
function unwrap(answer) {
  return unwrapObject(JSON.parse(answer));
}

/** Unwraps an `{ok}` / `{error}` answer given as an object (the engine and session handles). */
function unwrapObject(answer) {
  if (answer.error) throw new EngineError(answer.error);
  return answer.ok;
}

/**
 * The calls only the full module has (`preview`, `classify`, `handling`, the calendar and
 * rule-change calls), bound to `raw`; in the form module (`complaint-rules/form`) an EngineError
 * `not_in_module` that names the call.
 */
function fullCall(raw, name) {
  const call = raw?.[name];
  if (typeof call !== "function") {
    fail(
      "not_in_module",
      name,
      `${name} is not in the form module (validate, mask, packs, packDocument, session): load the full module (complaint-rules) for it`,
      `表单模块（validate、mask、packs、packDocument、session）没有 ${name}：请加载完整模块（complaint-rules）`,
    );
  }
  return call.bind(raw);
}

/**
 * The `Engine` and `Session` classes and `version` over one loaded module: `glueOf()` returns
 * its wasm-bindgen glue, or null before it is loaded. Each entry binds its own module (the full
 * one in index.js, the form module in form.js, the mini-program adapter's), so a page can load
 * the small form module first and the full one later, side by side.
 */
export function engineApi(glueOf) {
  /** The loaded glue, or an EngineError saying the module is not loaded yet. */
  const bound = () =>
    glueOf() ?? fail("not_loaded", "", "the engine module is not loaded yet: await init() first", "引擎模块尚未加载：请先 await init()");

  /** The rules engine, holding the loaded policy packs. Call `free()` when done with it. */
  class Engine {
    /**
     * @param {{pack?: string|object, packs?: object[]}} [options] `pack`: the default pack, by id
     * or as a pack document; `packs`: more pack documents (or versions) to load.
     */
    constructor(options = {}) {
      const o = options ?? {};
      const extra = Array.isArray(o.packs) ? [...o.packs] : [];
      let defaultId = typeof o.pack === "string" ? o.pack : undefined;
      if (o.pack && typeof o.pack === "object") {
        extra.push(o.pack);
        defaultId = o.pack.id;
      }
      const { RawEngine } = bound();
      this.raw = unwrapObject(RawEngine.create(defaultId, extra.length ? toJson(extra, "packs") : undefined));
    }

    /**
     * Validates a case; returns `{status, problems, normalized, pack, supplements}`. Options:
     * `{ now, pack?, locale?, normalized? }` (`locale`: "zh-CN", "en" or "both", the default — the
     * language(s) of the messages; `normalized: false`: the answer without the normalised case).
     */
    validate(caseValue, options) {
      return unwrap(this.raw.validateJson(toJson(caseValue, "case"), validateOptionsJson(options)));
    }

    /** A copy of the case with personal data masked for display or logs. */
    mask(caseValue, options) {
      return unwrap(this.raw.maskJson(toJson(caseValue, "case"), optionsJson(options)));
    }

    /** The loaded packs: `[{id, version, effective_from}]`. */
    packs() {
      return unwrap(this.raw.packsJson());
    }

    /**
     * The full JSON document of a pack: one given to the constructor (`packs` or `pack`), as given,
     * else an embedded pack's (to inspect, or to copy and tune).
     */
    packDocument(id) {
      return unwrap(this.raw.packDocumentJson(String(id)));
    }

    /** The timeline of a case's time limits (due dates, states) and findings for limits missed or at risk. */
    deadlines(times, options) {
      return unwrap(fullCall(this.raw, "deadlinesJson")(toJson(times, "case"), calendarOptionsJson(options)));
    }

    /** `{from, working_days}` or `{from, days}` → `{due, warnings?}`. */
    due(query, options) {
      return unwrap(fullCall(this.raw, "dueJson")(toJson(query, "query"), calendarOptionsJson(options)));
    }

    /** The n-th working day after `date` (YYYY-MM-DD) → `{value, warnings?}`. */
    addWorkingDays(date, n, options) {
      return unwrap(fullCall(this.raw, "addWorkingDaysJson")(String(date), countArg(n, "n"), calendarOptionsJson(options)));
    }

    /** n calendar days after `date`, moved to the next working day if it ends on a day off → `{value, warnings?}`. */
    addDaysCivil(date, n, options) {
      return unwrap(fullCall(this.raw, "addDaysCivilJson")(String(date), countArg(n, "n"), calendarOptionsJson(options)));
    }

    /** Whether `date` is a working day → `{value, warnings?}`. */
    isWorkingDay(date, options) {
      return unwrap(fullCall(this.raw, "isWorkingDayJson")(String(date), calendarOptionsJson(options)));
    }

    /** Working days after `from` up to and including `to` → `{value, warnings?}`. */
    workingDaysBetween(from, to, options) {
      return unwrap(fullCall(this.raw, "workingDaysBetweenJson")(String(from), String(to), calendarOptionsJson(options)));
    }

    /** The findings of a platform-rule change (notice, consultation, transition, history, exit). */
    ruleChange(change, options) {
      return unwrap(fullCall(this.raw, "ruleChangeJson")(toJson(change, "change"), calendarOptionsJson(options)));
    }

    /**
     * Which cases two packs treat differently: `oldPack` and `newPack` are pack documents or pack
     * ids (of this engine's packs); `cases` an array of cases; options `{ now }`. Returns
     * `{cases: [{case, id?, changes: [{kind, old, new}], rules}], summary}` — one entry per case
     * whose status, problems, category, severity, route or deadlines differ.
     */
    impact(oldPack, newPack, cases, options) {
      const doc = (p) => (typeof p === "string" ? this.packDocument(p) : p);
      return unwrap(
        fullCall(this.raw, "impactJson")(
          toJson(doc(oldPack), "old pack"),
          toJson(doc(newPack), "new pack"),
          toJson(Array.isArray(cases) ? cases : [], "cases"),
          optionsJson(options),
        ),
      );
    }

    /** Two pack documents → the rule-change summary `ruleChange` takes. */
    packDiff(oldPack, newPack) {
      return unwrap(fullCall(this.raw, "packDiffJson")(toJson(oldPack, "old pack"), toJson(newPack, "new pack")));
    }

    /**
     * Category, cause class, severity, flags and amounts of a complaint text, with the matched words
     * as spans (UTF-16 `start`/`end`, scalar `start_char`/`end_char`). `structured`: request_type,
     * amount, respondent_kind, complainant_kind and `overrides`; options: `{pack?, now?}`.
     */
    classify(text, structured, options) {
      const s = structured ?? {};
      if (typeof s !== "object") fail("option", "structured", "structured must be an object", "structured 应为对象");
      const o = options ?? {};
      if (typeof o !== "object") fail("option", "options", "options must be an object", "options 应为对象");
      const opts = toJson({ pack: o.pack, now: o.now === undefined ? undefined : timeText(o.now) }, "options");
      return unwrap(fullCall(this.raw, "classifyJson")(toJson({ ...s, text: String(text ?? "") }, "input"), opts));
    }

    /**
     * The rule preview of a case: status, summary, findings with clauses, classification, evidence
     * checklist, timeline, approval route, rights and a ready-to-show rendering. Options:
     * `{ now, pack?, overrides?, handling?, locale?, view? }` (`locale`: "zh-CN", "en" or "both",
     * the default — the language(s) of the findings' and routes' messages, and of `render`, which
     * is zh-CN for "both"; `view`: "complainant", the default, or "staff").
     */
    preview(caseValue, options) {
      return unwrap(fullCall(this.raw, "previewJson")(toJson(caseValue, "case"), previewOptionsJson(options)));
    }

    /**
     * The handling lifecycle of a submitted case: `record` is `{ events: [...] }` (each event
     * `{type, at, by: {role, id?}, ...payload}`). Returns `{pack, view, stage, findings,
     * next_actions: [{action, due_at, clause, audience, state}], timeline, route?}`. Options:
     * `{ now, pack?, view?: "staff" | "complainant", locale? }` (`locale` as `validate`); the
     * complainant view keeps only the complainant's findings and next steps and drops the internal
     * route.
     */
    handling(caseValue, record, options) {
      return unwrap(
        fullCall(this.raw, "handlingJson")(toJson(caseValue, "case"), toJson(record, "record"), handlingOptionsJson(options)),
      );
    }

    /**
     * A live-form session on `caseValue`: `set(pointer, value)` changes one field inside the module,
     * re-runs only the rules that read it and returns `{status, added, removed}`; `findings()` and
     * `preview()` give the whole picture; `free()` when the form closes. Options as `preview`.
     */
    session(caseValue, options) {
      return new Session(unwrapObject(this.raw.session(toJson(caseValue ?? {}, "case"), previewOptionsJson(options))));
    }

    /**
     * Whether this engine's module has the full calls (preview, classify, handling, the calendar
     * and rule-change calls): true for the full module, false for the form module.
     */
    get full() {
      return typeof this.raw?.previewJson === "function";
    }

    /** Releases the engine's memory inside the module. */
    free() {
      this.raw?.free();
      this.raw = undefined;
    }
  }

  /** A live-form session (from `engine.session`). Call `free()` when done with it. */
  class Session {
    constructor(raw) {
      this.raw = raw;
    }

    /** Sets the field at JSON pointer `pointer` to `value` → `{status, added, removed}` (findings). */
    set(pointer, value) {
      // Most keystrokes change no finding: the module answers those with a number (0 ready, 1
      // blocked), and with 2 when there is an answer to take as text.
      const unchanged = this.raw.edit(String(pointer), toJson(value, "value"));
      return unchanged < 2 ? { status: UNCHANGED_STATUS[unchanged], added: [], removed: [] } : unwrap(this.raw.answer());
    }

    /** Every current finding, as `validate(...).problems`. */
    findings() {
      return unwrap(this.raw.findingsJson());
    }

    /** The full preview of the case as it stands. */
    preview() {
      return unwrap(fullCall(this.raw, "previewJson")());
    }

    /** Releases the session's memory inside the module. */
    free() {
      this.raw?.free();
      this.raw = undefined;
    }
  }

  /** The engine's version. */
  const version = () => bound().engineVersion();
  return { Engine, Session, version };
}

let defaultGlue = null;

/** Binds the default classes (`Engine`, `Session`, `version` below) to a loaded glue. */
export function bindGlue(loaded) {
  defaultGlue = loaded;
}

/** The classes bound with `bindGlue` (the web entry's and the mini-program adapter's). */
export const { Engine, Session, version } = engineApi(() => defaultGlue);
