// The Node entry of the npm package (the `node` condition; Deno and Bun take it too): Node cannot
// fetch() a file:// URL, so the web build's async init() does not work there. The .wasm is read
// and instantiated synchronously on import, and init() / initSync() are no-ops, so code written
// for browsers runs unchanged. Plain ESM without top-level await, so `require("marsad")` works
// where Node can require ES modules (^20.19 and >= 22.12).
import { readFileSync } from "node:fs";
import { initSync as wbgInitSync, analyze } from "../pkg/marsad.js";

wbgInitSync({ module: readFileSync(new URL("../pkg/marsad_bg.wasm", import.meta.url)) });

export { analyze, version } from "../pkg/marsad.js";

/** Already initialized in Node; kept so code written for browsers runs unchanged. */
export default async function init() {}

/** Already initialized in Node; kept so code written for browsers runs unchanged. */
export function initSync() {}

/**
 * analyze() of each text, in order: one result per item of `texts` (an array or any iterable).
 * An item is a string or an object with a string `text` (its `id`, when present, is copied onto
 * the result, as `marsad analyze --jsonl` does). An item that cannot be analyzed gives
 * `{ error }` (with its `id`) in its place, and the others go on. Runs on the calling thread;
 * for every core on large inputs use the command line's `marsad analyze --jsonl`.
 */
export function analyzeMany(texts, options) {
  if (texts === null || texts === undefined || typeof texts[Symbol.iterator] !== "function" || typeof texts === "string") {
    throw new TypeError("analyzeMany expects an array (or iterable) of texts");
  }
  const out = [];
  for (const item of texts) {
    const isRecord = item !== null && typeof item === "object";
    const id = isRecord && "id" in item ? item.id : undefined;
    const text = isRecord ? item.text : item;
    const withId = (r) => (id === undefined ? r : { id, ...r });
    if (typeof text !== "string") {
      out.push(withId({ error: isRecord ? '"text" must be a string' : "the item must be a string or {text}" }));
      continue;
    }
    try {
      out.push(withId(analyze(text, options)));
    } catch (e) {
      out.push(withId({ error: String(e && e.message ? e.message : e) }));
    }
  }
  return out;
}
