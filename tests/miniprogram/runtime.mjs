// An emulated mini-program logic layer for Node (no phone, no DevTools here). Code runs in a `vm`
// context holding `wx`, `WXWebAssembly`, `App`, `Page`, `getApp`, `console` and timers, and none
// of `WebAssembly`, `TextEncoder`, `TextDecoder`, `fetch`, `performance`, `eval`, `URL`, `BigInt`,
// `FinalizationRegistry` (base libraries before 3.13.0 and 3.6.1 lack the last ones);
// string code generation is off (the `Function` constructor throws) and so is wasm compilation
// inside the context. Files are CommonJS modules loaded from the mini-program folder only, as the
// real runtime does (`import.meta` is a syntax error there). `WXWebAssembly.instantiate(path,
// imports)` reads the file from the package (brotli-decompressing `.wasm.br`) and instantiates
// it with Node's WebAssembly; in iOS mode it first rejects what iOS rejects (module-check.mjs).
import vm from "node:vm";
import { readFileSync, existsSync, statSync } from "node:fs";
import { join, dirname, resolve, relative, isAbsolute } from "node:path";
import { brotliDecompressSync } from "node:zlib";
import { iosProblems } from "./module-check.mjs";

/** Globals the logic layer lacks; the emulator deletes them from the context. */
export const ABSENT = [
  "WebAssembly", "TextEncoder", "TextDecoder", "fetch", "performance", "eval", "URL", "BigInt", "structuredClone", "FinalizationRegistry", "WeakRef",
];

/** `wx.request` and network state over the real network (Node's fetch, outside the context). */
function network() {
  const state = { online: true, listeners: [], requests: 0 };
  const request = (o) => {
    state.requests += 1;
    const done = (fn, value) => setTimeout(() => {
      fn?.(value);
      o.complete?.(value);
    });
    if (!state.online) {
      done(o.fail, { errMsg: "request:fail net::ERR_INTERNET_DISCONNECTED" });
      return { abort() {} };
    }
    const body = typeof o.data === "string" || o.data === undefined ? o.data : JSON.stringify(o.data);
    fetch(o.url, { method: o.method ?? "GET", headers: o.header ?? {}, body })
      .then(async (res) => {
        const text = await res.text();
        const data = o.dataType === "json" || o.dataType === undefined ? parseOr(text) : text;
        done(o.success, { statusCode: res.status, header: Object.fromEntries(res.headers), data, errMsg: "request:ok" });
      })
      .catch((e) => done(o.fail, { errMsg: `request:fail ${e.message}` }));
    return { abort() {} };
  };
  const setOnline = (online) => {
    state.online = online;
    for (const cb of state.listeners) cb({ isConnected: online, networkType: online ? "wifi" : "none" });
  };
  return { state, request, setOnline };
}

function parseOr(text) {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** `wx` storage: values kept in memory as JSON copies; a missing key reads as "" like the real one. */
function storage() {
  const items = new Map();
  return {
    items,
    getStorageSync: (key) => (items.has(key) ? JSON.parse(items.get(key)) : ""),
    setStorageSync: (key, value) => void items.set(key, JSON.stringify(value)),
    removeStorageSync: (key) => void items.delete(key),
  };
}

/** The emulated `WXWebAssembly`: instantiate from a path inside the package, nothing else. */
function wxWebAssembly(root, ios, log) {
  return {
    instantiate(path, imports) {
      return (async () => {
        if (typeof path !== "string" || !/\.wasm(\.br)?$/.test(path)) {
          throw new TypeError("WXWebAssembly.instantiate: expects a path in the package ending .wasm or .wasm.br");
        }
        const file = insidePackage(root, path);
        const stored = readFileSync(file);
        const bytes = path.endsWith(".br") ? brotliDecompressSync(stored) : stored;
        log.push({ path, stored: stored.length, bytes: bytes.length });
        if (ios) {
          const problems = iosProblems(bytes);
          if (problems.length) throw new Error(`WXWebAssembly (iOS) rejected ${path}: ${problems.join("; ")}`);
        }
        return WebAssembly.instantiate(bytes, imports);
      })();
    },
    Memory: WebAssembly.Memory,
    Table: WebAssembly.Table,
    Global: WebAssembly.Global,
  };
}

/** The absolute file of a package path ("/a/b" from the root, "a/b" too); refuses to leave the package. */
function insidePackage(root, path) {
  const file = resolve(root, `.${path.startsWith("/") ? path : `/${path}`}`);
  const rel = relative(root, file);
  if (rel.startsWith("..") || isAbsolute(rel)) throw new Error(`${path} is outside the code package`);
  if (!existsSync(file) || !statSync(file).isFile()) throw new Error(`${path}: no such file in the code package`);
  return file;
}

/** Sets `value` at a setData key such as "form.mobile" or "list[2].name". */
function setPath(data, key, value) {
  const keys = key.replace(/\[(\d+)\]/g, ".$1").split(".");
  let node = data;
  for (const k of keys.slice(0, -1)) {
    if (node[k] === null || typeof node[k] !== "object") node[k] = {};
    node = node[k];
  }
  node[keys[keys.length - 1]] = value;
}

/**
 * The emulated logic layer over the mini-program folder `root`, without starting the app:
 * `{ context, require, wx, setOnline, storage, network, wasmLoads, captured }`. `ios`: reject
 * what iOS rejects.
 */
export function createRuntime({ root, ios = false } = {}) {
  const net = network();
  const store = storage();
  const wasmLoads = [];
  const captured = { app: null, page: null };
  const wx = {
    request: net.request,
    getStorageSync: store.getStorageSync,
    setStorageSync: store.setStorageSync,
    removeStorageSync: store.removeStorageSync,
    onNetworkStatusChange: (cb) => void net.state.listeners.push(cb),
    getNetworkType: ({ success }) => success?.({ networkType: net.state.online ? "wifi" : "none" }),
  };
  const sandbox = {
    console,
    setTimeout,
    clearTimeout,
    setInterval,
    clearInterval,
    wx,
    WXWebAssembly: wxWebAssembly(root, ios, wasmLoads),
    App: (options) => void (captured.app = options),
    Page: (options) => void (captured.page = options),
    getApp: () => captured.app,
  };
  const context = vm.createContext(sandbox, { codeGeneration: { strings: false, wasm: false } });
  vm.runInContext(ABSENT.map((name) => `delete globalThis.${name};`).join("\n"), context);

  const cache = new Map();
  const load = (file) => {
    if (cache.has(file)) return cache.get(file).exports;
    const module = { exports: {} };
    cache.set(file, module);
    const source = readFileSync(file, "utf8");
    const wrapper = new vm.Script(`(function (require, module, exports) {${source}\n})`, { filename: file });
    wrapper.runInContext(context)(requireFrom(dirname(file)), module, module.exports);
    return module.exports;
  };
  const requireFrom = (dir) => (name) => load(resolveModule(root, dir, name));
  return { context, require: requireFrom(root), load, wx, setOnline: net.setOnline, storage: store, network: net.state, wasmLoads, captured };
}

/**
 * Starts the mini-program in `root`: loads app.js, runs `onLaunch`. Returns the runtime plus
 * `app` and `openPage(route)`, which loads a page's logic, creates its instance (data, setData,
 * methods, the WXML text) and awaits its `onLoad`.
 */
export function launch({ root, ios = false } = {}) {
  const rt = createRuntime({ root, ios });
  const { captured, load } = rt;
  load(join(root, "app.js"));
  if (!captured.app) throw new Error("app.js did not call App()");
  const app = captured.app;
  app.onLaunch?.({ path: "", query: {}, scene: 1001 });

  const openPage = async (route, query = {}) => {
    captured.page = null;
    load(join(root, `${route}.js`));
    if (!captured.page) throw new Error(`${route}.js did not call Page()`);
    const options = captured.page;
    const page = Object.create(null);
    for (const [k, v] of Object.entries(options)) page[k] = typeof v === "function" ? v.bind(page) : v;
    page.route = route;
    page.data = JSON.parse(JSON.stringify(options.data ?? {}));
    page.setData = (changes) => {
      for (const [key, value] of Object.entries(changes)) setPath(page.data, key, value === undefined ? undefined : JSON.parse(JSON.stringify(value)));
    };
    page.wxml = readFileSync(join(root, `${route}.wxml`), "utf8");
    await page.onLoad?.(query);
    return page;
  };

  return { ...rt, app, openPage };
}

/** Resolves `require(name)` from `dir` like the mini-program runtime: relative files, then miniprogram_npm. */
function resolveModule(root, dir, name) {
  const candidates = (base) => [base, `${base}.js`, join(base, "index.js")];
  const bases = name.startsWith(".") ? [resolve(dir, name)] : name.startsWith("/") ? [join(root, name)] : npmDirs(root, dir, name);
  for (const base of bases) {
    for (const file of candidates(base)) {
      const rel = relative(root, file);
      if (!rel.startsWith("..") && existsSync(file) && statSync(file).isFile()) return file;
    }
  }
  throw new Error(`module "${name}" is not defined (from ${relative(root, dir) || "/"})`);
}

/** `miniprogram_npm/NAME` in `dir` and each folder above it up to the root. */
function npmDirs(root, dir, name) {
  const dirs = [];
  for (let d = dir; ; d = dirname(d)) {
    dirs.push(join(d, "miniprogram_npm", name));
    if (d === root || relative(root, d).startsWith("..")) break;
  }
  return dirs;
}
