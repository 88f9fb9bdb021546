// `URL` for the mini-program bundle: the host's when it has one, else a minimal parser of absolute
// http(s) URLs (protocol, host, hostname, port, pathname, search, hash, href) — enough for the
// shell's endpoint check. esbuild injects it for every free `URL` in the bundle.

/** An absolute URL parsed without the host's `URL` (relative ones throw, as without a base). */
class MiniURL {
  constructor(input, base) {
    const text = String(input).trim();
    const m = /^([a-zA-Z][a-zA-Z0-9+.-]*:)\/\/([^/?#]*)([^?#]*)(\?[^#]*)?(#.*)?$/.exec(text);
    if (!m) {
      if (base !== undefined) throw new TypeError(`URL: relative URLs are not supported here: ${text}`);
      throw new TypeError(`Invalid URL: ${text}`);
    }
    this.protocol = m[1].toLowerCase();
    this.host = m[2].replace(/^[^@]*@/, "").toLowerCase();
    const hm = /^(\[[^\]]*\]|[^:]*)(?::(\d*))?$/.exec(this.host);
    if (!hm || hm[1] === "") throw new TypeError(`Invalid URL: ${text}`);
    this.hostname = hm[1];
    this.port = hm[2] ?? "";
    this.pathname = m[3] || "/";
    this.search = m[4] ?? "";
    this.hash = m[5] ?? "";
    this.href = `${this.protocol}//${this.host}${this.pathname}${this.search}${this.hash}`;
  }

  toString() {
    return this.href;
  }
}

const HostURL = typeof globalThis !== "undefined" && typeof globalThis.URL === "function" ? globalThis.URL : undefined;

/** The host's URL class, or the minimal one. */
export const URL = HostURL ?? MiniURL;
