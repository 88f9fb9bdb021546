// UTF-8 TextEncoder / TextDecoder for hosts that have none (a mini-program's logic layer). Only
// UTF-8; lone surrogates encode as U+FFFD, and invalid byte sequences decode as U+FFFD (one per
// maximal invalid subpart, as the Encoding Standard says) unless `fatal` is set.

const REPLACEMENT = 0xfffd;

/** The code point at `i` of `text` and how many UTF-16 units it takes (lone surrogates → U+FFFD). */
function codePointAt(text, i) {
  const hi = text.charCodeAt(i);
  if (hi >= 0xd800 && hi <= 0xdbff && i + 1 < text.length) {
    const lo = text.charCodeAt(i + 1);
    if (lo >= 0xdc00 && lo <= 0xdfff) return [0x10000 + ((hi - 0xd800) << 10) + (lo - 0xdc00), 2];
  }
  return [hi >= 0xd800 && hi <= 0xdfff ? REPLACEMENT : hi, 1];
}

/** Bytes of one code point in UTF-8. */
function utf8Length(cp) {
  return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
}

/** Writes `cp` at `at` of `out`; returns the next position. */
function writeCodePoint(out, at, cp) {
  const n = utf8Length(cp);
  if (n === 1) {
    out[at] = cp;
    return at + 1;
  }
  out[at] = [0, 0, 0xc0, 0xe0, 0xf0][n] | (cp >> (6 * (n - 1)));
  for (let k = 1; k < n; k++) out[at + k] = 0x80 | ((cp >> (6 * (n - 1 - k))) & 0x3f);
  return at + n;
}

/** A UTF-8 encoder with `encode` and `encodeInto`. */
export class TextEncoder {
  get encoding() {
    return "utf-8";
  }

  /** The UTF-8 bytes of `input`. */
  encode(input = "") {
    const text = String(input);
    let size = 0;
    for (let i = 0; i < text.length; ) {
      const [cp, units] = codePointAt(text, i);
      size += utf8Length(cp);
      i += units;
    }
    const out = new Uint8Array(size);
    let at = 0;
    for (let i = 0; i < text.length; ) {
      const [cp, units] = codePointAt(text, i);
      at = writeCodePoint(out, at, cp);
      i += units;
    }
    return out;
  }

  /** Encodes as much of `input` as fits in `dest`: `{read, written}` (UTF-16 units, bytes). */
  encodeInto(input, dest) {
    const text = String(input);
    let read = 0;
    let written = 0;
    while (read < text.length) {
      const [cp, units] = codePointAt(text, read);
      if (written + utf8Length(cp) > dest.length) break;
      written = writeCodePoint(dest, written, cp);
      read += units;
    }
    return { read, written };
  }
}

/** The first byte's payload, continuation count and the allowed range of the second byte. */
function leadByte(b) {
  if (b >= 0xc2 && b <= 0xdf) return [b & 0x1f, 1, 0x80, 0xbf];
  if (b >= 0xe0 && b <= 0xef) return [b & 0x0f, 2, b === 0xe0 ? 0xa0 : 0x80, b === 0xed ? 0x9f : 0xbf];
  if (b >= 0xf0 && b <= 0xf4) return [b & 0x07, 3, b === 0xf0 ? 0x90 : 0x80, b === 0xf4 ? 0x8f : 0xbf];
  return null;
}

/** The bytes of an ArrayBuffer, a typed array or a DataView. */
function bytesOf(input) {
  if (input === undefined || input === null) return new Uint8Array(0);
  if (ArrayBuffer.isView(input)) return new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
  return new Uint8Array(input);
}

/** A UTF-8 decoder (`fatal`: throw on invalid bytes; `ignoreBOM`: keep a leading BOM). */
export class TextDecoder {
  constructor(label = "utf-8", options = {}) {
    const name = String(label).trim().toLowerCase();
    if (name !== "utf-8" && name !== "utf8" && name !== "unicode-1-1-utf-8") {
      throw new RangeError(`TextDecoder: only UTF-8 is supported here, not ${label}`);
    }
    this.fatal = !!options?.fatal;
    this.ignoreBOM = !!options?.ignoreBOM;
  }

  get encoding() {
    return "utf-8";
  }

  /** The text of UTF-8 `input`. */
  decode(input) {
    const bytes = bytesOf(input);
    const units = [];
    let text = "";
    const push = (cp) => {
      if (cp > 0xffff) units.push(0xd800 + ((cp - 0x10000) >> 10), 0xdc00 + ((cp - 0x10000) & 0x3ff));
      else units.push(cp);
      if (units.length > 8192) text += String.fromCharCode(...units.splice(0));
    };
    let i = !this.ignoreBOM && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
    while (i < bytes.length) {
      const b = bytes[i];
      const lead = b < 0x80 ? [b, 0, 0, 0] : leadByte(b);
      let j = i + 1;
      let ok = lead !== null;
      let cp = ok ? lead[0] : 0;
      for (let k = 0; ok && k < lead[1]; k++) {
        const c = bytes[j];
        const [lo, hi] = k === 0 ? [lead[2], lead[3]] : [0x80, 0xbf];
        ok = j < bytes.length && c >= lo && c <= hi;
        if (ok) {
          cp = (cp << 6) | (c & 0x3f);
          j += 1;
        }
      }
      if (!ok) {
        if (this.fatal) throw new TypeError("The encoded data was not valid UTF-8");
        push(REPLACEMENT);
        i = lead === null ? i + 1 : j;
        continue;
      }
      push(cp);
      i = j;
    }
    return text + String.fromCharCode(...units);
  }
}
