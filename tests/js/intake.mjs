// A real HTTP server on 127.0.0.1 standing in for the intake backend in the shell tests (the
// shell is tested against HTTP, not a mocked fetch). It keeps the backend's idempotency rule and,
// when asked, its clock check, and can go offline or stop answering.
import http from "node:http";

/**
 * Starts the stand-in: `rows` by Idempotency-Key (the same key answers 200 with the first response
 * and stores nothing new), `requests` seen, `script` of one-off answers `{status, headers?, body?}`
 * taken before normal handling. Options: `clockMs` (the server's clock, sent as the `Date`
 * header) and `maxSkewMs` (refuse a `client_time` further than that from the clock with 422
 * `client_time`, as the real backend does). `control.silent = true` makes it read requests and
 * never answer; `connectionsClosed` counts the connections clients gave up on.
 */
export async function intake(options = {}) {
  const state = { rows: new Map(), requests: [], script: [], control: { silent: false }, closed: { count: 0 } };
  const server = http.createServer((req, res) => {
    let text = "";
    req.setEncoding("utf8");
    req.on("data", (chunk) => (text += chunk));
    req.on("end", () => {
      const key = req.headers["idempotency-key"];
      state.requests.push({ key, contentType: req.headers["content-type"], envelope: JSON.parse(text) });
      if (state.control.silent) {
        req.socket.once("close", () => state.closed.count++);
        return;
      }
      answer(state, options, key, res);
    });
  });
  await listen(server, 0);
  const { port } = server.address();
  return {
    ...state,
    connectionsClosed: () => state.closed.count,
    url: `http://127.0.0.1:${port}/v1/cases`,
    offline: () => stop(server),
    online: () => listen(server, port),
    close: () => stop(server),
  };
}

function answer(state, options, key, res) {
  const { envelope } = state.requests.at(-1);
  // Only a stand-in with a clock tells the time (node would add the real one).
  res.sendDate = false;
  const clock = options.clockMs?.() ?? Date.now();
  const headers = options.clockMs ? { Date: new Date(clock).toUTCString() } : {};
  const scripted = state.script.shift();
  if (scripted) return reply(res, scripted.status, scripted.body ?? { error: "scripted" }, { ...headers, ...scripted.headers });
  const first = state.rows.get(key);
  if (first) return reply(res, 200, first.response, headers);
  const skew = Math.abs(Date.parse(envelope.client_time) - clock);
  if (options.maxSkewMs !== undefined && !(skew <= options.maxSkewMs)) {
    const message = { zh: "客户端时钟偏差过大", en: "the client's clock is too far from the server's" };
    return reply(res, 422, { error: { code: "client_time", message } }, headers);
  }
  const response = { id: `case-${state.rows.size + 1}`, received_at: new Date(clock).toISOString() };
  state.rows.set(key, { envelope, response });
  reply(res, 201, response, headers);
}

function reply(res, status, body, headers = {}) {
  res.writeHead(status, { "Content-Type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}

function listen(server, port) {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
}

function stop(server) {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
