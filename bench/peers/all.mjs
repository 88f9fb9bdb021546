// Everything a page would ship to do the engine's preview work with the peers.
export { validateAjv } from "./ajv.mjs";
export { validateAsync } from "./async-validator.mjs";
export { classifyPeer } from "./classify.mjs";
export { routingEngine, routes } from "./rules.mjs";
