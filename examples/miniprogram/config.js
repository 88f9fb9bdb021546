// Where the example sends complaints and how hard the shell retries. `make demo` serves the
// reference backend on 127.0.0.1:8080; a real mini-program needs an HTTPS domain listed in its
// request whitelist (DevTools: "不校验合法域名" is set in project.config.json for local testing).
module.exports = {
  endpoint: "http://127.0.0.1:8080/v1/cases",
  wasmPath: "/miniprogram_npm/complaint-rules/engine.wasm.br",
  retry: { attempts: 3, baseDelayMs: 300, maxDelayMs: 5000 },
};
