// The adapter's UTF-8 TextEncoder / TextDecoder (used where the host has none) against Node's own:
// surrogate pairs, lone surrogates, invalid and truncated sequences, BOM, encodeInto, random bytes.
import { test } from "node:test";
import assert from "node:assert/strict";
import { TextEncoder as MiniEncoder, TextDecoder as MiniDecoder } from "../../pkg/miniprogram/text-codec.js";

const TEXTS = ["", "abc", "投诉：屏幕有裂痕", "emoji 😀👍🏽 and 𠮷", "\u00e9\u0800\uffff\u{10000}\u{10ffff}", "lone \ud800 high", "lone \udc00 low", "\udbff"];

test("encode matches Node's TextEncoder, lone surrogates becoming U+FFFD", () => {
  for (const text of TEXTS) assert.deepEqual(new MiniEncoder().encode(text), new TextEncoder().encode(text), JSON.stringify(text));
});

test("encodeInto stops before a character that does not fit and reports UTF-16 units read", () => {
  for (const text of TEXTS) {
    for (const room of [0, 1, 2, 3, 4, 5, 7, 64]) {
      const a = new Uint8Array(room);
      const b = new Uint8Array(room);
      assert.deepEqual(new MiniEncoder().encodeInto(text, a), new TextEncoder().encodeInto(text, b), `${JSON.stringify(text)} in ${room}`);
      assert.deepEqual(a, b);
    }
  }
});

test("decode round-trips text, including surrogate pairs", () => {
  for (const text of TEXTS.slice(0, 5)) assert.equal(new MiniDecoder().decode(new TextEncoder().encode(text)), text);
});

test("invalid sequences decode to U+FFFD exactly as Node's decoder does", () => {
  const cases = [[0xff], [0xc0, 0x80], [0xe0, 0x80, 0x80], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xe4, 0xb8], [0xe4, 0xb8, 0x41],
    [0xf0, 0x9f, 0x98], [0x80, 0x80], [0xef, 0xbb, 0xbf, 0x41], [0xf8, 0x88, 0x80, 0x80, 0x80]];
  for (const bytes of cases) {
    const input = Uint8Array.from(bytes);
    assert.equal(new MiniDecoder().decode(input), new TextDecoder().decode(input), bytes.map((b) => b.toString(16)).join(" "));
    assert.equal(new MiniDecoder("utf-8", { ignoreBOM: true }).decode(input), new TextDecoder("utf-8", { ignoreBOM: true }).decode(input));
  }
  let seed = 7;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % 256;
  for (let n = 0; n < 2000; n++) {
    const input = Uint8Array.from({ length: 1 + (n % 13) }, next);
    assert.equal(new MiniDecoder().decode(input), new TextDecoder().decode(input), Array.from(input).join(","));
  }
});

test("fatal decoding throws on invalid bytes; other encodings are refused", () => {
  assert.throws(() => new MiniDecoder("utf-8", { fatal: true }).decode(Uint8Array.of(0xff)), TypeError);
  assert.equal(new MiniDecoder("utf-8", { fatal: true }).decode(Uint8Array.of(0xe6, 0x8a, 0x95)), "投");
  assert.throws(() => new MiniDecoder("gbk"), RangeError);
  assert.equal(new MiniDecoder().decode(new Uint8Array([0x61, 0x62]).buffer), "ab");
  assert.equal(new MiniDecoder().decode(), "");
});
