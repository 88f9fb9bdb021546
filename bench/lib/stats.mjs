// Timing helpers: per-call samples in microseconds, median and p99, formatting.

/** Median and p99 (µs) of samples. */
export function summary(samples) {
  const s = Float64Array.from(samples).sort();
  const q = (p) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return { median: q(0.5), p99: q(0.99), n: s.length };
}

const now = () => process.hrtime.bigint();

/** Times `fn(item)` once per item, after `warm` untimed calls; samples in µs. */
export function timeSync(items, fn, warm = 200) {
  for (let i = 0; i < Math.min(warm, items.length); i++) fn(items[i]);
  const out = new Array(items.length);
  for (let i = 0; i < items.length; i++) {
    const t = now();
    fn(items[i]);
    out[i] = Number(now() - t) / 1000;
  }
  return summary(out);
}

/** Same for an async `fn` (awaited per call, as a form would). */
export async function timeAsync(items, fn, warm = 200) {
  for (let i = 0; i < Math.min(warm, items.length); i++) await fn(items[i]);
  const out = new Array(items.length);
  for (let i = 0; i < items.length; i++) {
    const t = now();
    await fn(items[i]);
    out[i] = Number(now() - t) / 1000;
  }
  return summary(out);
}

/** "12.3 µs" / "1.23 ms". */
export function us(x) {
  if (x === undefined || x === null || Number.isNaN(x)) return "n/a";
  if (x >= 1000) return `${(x / 1000).toFixed(2)} ms`;
  return x >= 10 ? `${x.toFixed(1)} µs` : `${x.toFixed(2)} µs`;
}

/** "3.4×" of a / b. */
export const ratio = (a, b) => (a && b ? `${(a / b).toFixed(a / b >= 10 ? 0 : 1)}×` : "n/a");

/** "123.4 KB". */
export const kb = (n) => (n === undefined ? "n/a" : `${(n / 1024).toFixed(1)} KB`);
