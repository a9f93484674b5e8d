// The Node entry of the npm package (the `node` condition; Deno and Bun take it too): Node cannot
// fetch() a file:// URL, so the web build's async init() does not work there. The .wasm is read
// and instantiated synchronously on import, and init() / initSync() are no-ops, so code written
// for browsers runs unchanged. Plain ESM without top-level await, so `require("marsad")` works
// where Node can require ES modules (^20.19 and >= 22.12).
import { readFileSync } from "node:fs";
import { initSync as wbgInitSync } from "../pkg/marsad.js";

wbgInitSync({ module: readFileSync(new URL("../pkg/marsad_bg.wasm", import.meta.url)) });

export { analyze, version } from "../pkg/marsad.js";

/** Already initialized in Node; kept so code written for browsers runs unchanged. */
export default async function init() {}

/** Already initialized in Node; kept so code written for browsers runs unchanged. */
export function initSync() {}
