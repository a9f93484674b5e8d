// The Node entry of the npm package: Node cannot fetch() a file:// URL, so the web build's async
// init() does not work there. Load the .wasm synchronously and re-export everything, with a
// no-op default init so `await init()` stays portable between browsers and Node.
import { readFileSync } from "node:fs";
import { initSync, analyze } from "../pkg/marsad.js";

initSync({ module: readFileSync(new URL("../pkg/marsad_bg.wasm", import.meta.url)) });

export * from "../pkg/marsad.js";

/** Already initialized in Node; kept so code written for browsers runs unchanged. */
export default async function init() {}

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
