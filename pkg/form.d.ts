// Types of complaint-rules/form: the same Engine, Session and EngineError as the full entry. In the
// form module only validate, mask, packs, packDocument and session (set, findings) answer; the
// other calls throw an EngineError with code "not_in_module".
export * from "./index.js";
export { default } from "./index.js";
