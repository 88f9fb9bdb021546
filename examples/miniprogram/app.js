// The example app: loads the engine once at launch (WXWebAssembly, brotli module inside the
// package); pages wait on `engineReady`.
const { loadEngine } = require("complaint-rules");
const config = require("./config.js");

App({
  globalData: { endpoint: config.endpoint, retry: config.retry },

  onLaunch() {
    this.engineReady = loadEngine({ wasmPath: config.wasmPath, host: WXWebAssembly }).then(({ Engine }) => new Engine());
    this.engineReady.catch((e) => console.error("complaint-rules: engine did not load", e));
  },
});
