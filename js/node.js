// The Node entry of the npm package: Node cannot fetch() a file:// URL, so the web build's async
// init() does not work there. Load the .wasm synchronously and re-export everything, with a
// no-op default init so `await init()` stays portable between browsers and Node.
import { readFileSync } from "node:fs";
import { initSync } from "../pkg/marsad.js";

initSync({ module: readFileSync(new URL("../pkg/marsad_bg.wasm", import.meta.url)) });

export * from "../pkg/marsad.js";

/** Already initialized in Node; kept so code written for browsers runs unchanged. */
export default async function init() {}
