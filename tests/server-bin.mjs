// The one place the JS-driven tests (browser, mini-program) and the benches take the
// `complaint-rules` server binary from: $CR_SERVER_BIN when set (the Makefile sets it to the
// non-LTO `fast` build it made), else the release build.
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../", import.meta.url));

/** Absolute path of the `complaint-rules` binary to serve from. */
export const serverBin = () => process.env.CR_SERVER_BIN || join(root, "target/release/complaint-rules");
