// Format checks in plain JS (what a front-end team writes by hand): GB 11643 resident ID with
// birth date, GB 32100 credit code, mobile, e-mail, yuan amount, RFC 3339 time. Each returns the
// engine's finding code for the problem, or null.
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = "10X98765432";
const USCC = "0123456789ABCDEFGHJKLMNPQRTUWXY";

export function residentId(id, today) {
  if (!/^\d{17}[\dX]$/.test(id)) return "id_number.format";
  const y = +id.slice(6, 10), m = +id.slice(10, 12), d = +id.slice(12, 14);
  const birth = new Date(Date.UTC(y, m - 1, d));
  const iso = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  if (birth.getUTCMonth() !== m - 1 || birth.getUTCDate() !== d || y < 1900 || iso > today) return "id_number.birth_date";
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (id.charCodeAt(i) - 48) * ID_WEIGHTS[i];
  return ID_CHECK[sum % 11] === id[17] ? null : "id_number.checksum";
}

export function uscc(code) {
  if ([...code].length !== 18 || code.length !== 18) return "uscc.length";
  if (!/^\d{6}$/.test(code.slice(2, 8))) return "uscc.format";
  let sum = 0, w = 1;
  const values = [];
  for (const ch of code) {
    const v = USCC.indexOf(ch);
    if (v < 0) return "uscc.format";
    values.push(v);
  }
  for (let i = 0; i < 17; i++) { sum += values[i] * w; w = (w * 3) % 31; }
  return (31 - (sum % 31)) % 31 === values[17] ? null : "uscc.checksum";
}

export function mobile(v) {
  const rest = v.startsWith("+86") ? v.slice(3) : v.startsWith("0086") ? v.slice(4) : v;
  return /^1[3-9]\d{9}$/.test(rest) ? null : "mobile.format";
}

const LOCAL = /^[!#-'*+\-/-9=?A-Z^-~]+(\.[!#-'*+\-/-9=?A-Z^-~]+)*$/;
const LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;
export function email(v) {
  const i = v.indexOf("@");
  if (i < 0 || v.length > 254) return "email.format";
  const local = v.slice(0, i), labels = v.slice(i + 1).split(".");
  const ok = local.length <= 64 && LOCAL.test(local) && labels.length >= 2 && labels.every((l) => LABEL.test(l));
  return ok ? null : "email.format";
}

export function money(v) {
  if (v === "") return "money.format";
  if (v.startsWith("-")) return "money.negative";
  const m = /^(\d+)(?:\.(\d+))?$/.exec(v);
  if (!m) return "money.format";
  if ((m[2] ?? "").length > 2) return "money.precision";
  return BigInt(m[1]) * 100n > 18446744073709551515n ? "money.overflow" : null;
}

/** Fen of a valid amount (Number is exact far beyond any real order). */
export const fen = (v) => (money(v) === null ? Math.round(Number(v) * 100) : null);

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;
export function time(v) {
  const m = RFC3339.exec(v);
  if (!m || +m[2] < 1 || +m[2] > 12 || +m[4] > 23 || +m[5] > 59 || +m[6] > 60) return "time.format";
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return d.getUTCDate() === +m[3] ? null : "time.format";
}

/** Milliseconds since the epoch of a valid RFC 3339 time. */
export const ms = (v) => (time(v) === null ? Date.parse(v.replace(" ", "T")) : null);

/** The check of each pack format name. */
export const FORMATS = {
  resident_id: (v, today) => residentId(v.toUpperCase(), today),
  uscc: (v) => uscc(v.replace(/[ -]/g, "").toUpperCase()),
  mobile,
  email,
  money,
  time,
};
