// The browser and bundler entry of the npm package (the `default` condition): wasm-bindgen's
// `--target web` module with three guards. analyze() and version() before init() throw an Error
// that says what to do (wasm-bindgen's own module would fail on an undefined instance); init()
// resolves to nothing, as in Node (the wasm's raw exports are not API); and a failed load names
// the URL and the usual cause: a bundler that did not emit marsad_bg.wasm.
import wbgInit, { initSync as wbgInitSync, analyze as wbgAnalyze, version as wbgVersion } from "../pkg/marsad.js";

let ready = false;

const NOT_READY =
  "marsad: the wasm is not loaded yet: `await init()` (the default export) before calling analyze() or version(). " +
  "(In Node, `import \"marsad\"` loads it synchronously and needs no init.)";

/** wasm-bindgen wants `{ module_or_path }`; a bare URL, Response or module is accepted here too. */
function wrap(input, key) {
  if (input === undefined || input === null) return undefined;
  return Object.getPrototypeOf(input) === Object.prototype ? input : { [key]: input };
}

/**
 * Loads and instantiates the wasm (once; later calls resolve at once). Without an argument it
 * fetches `marsad_bg.wasm` next to this package's module, which Vite and webpack emit and rewrite;
 * with esbuild and other bundlers that do not, pass the URL of the emitted file (see the README).
 */
export default async function init(input) {
  if (ready) return;
  try {
    await wbgInit(wrap(input, "module_or_path"));
  } catch (e) {
    const where = input?.module_or_path ?? input ?? "marsad_bg.wasm next to marsad's JS module";
    throw new Error(
      `marsad: cannot load the wasm from ${typeof Response === "function" && where instanceof Response ? where.url || "a Response" : String(where)}: ${e && e.message ? e.message : e}. ` +
        "If your bundler did not emit marsad_bg.wasm (esbuild does not), import its URL and pass it: " +
        'init({ module_or_path: new URL(wasmUrl, import.meta.url) }) with `import wasmUrl from "marsad/marsad_bg.wasm"` (see the README, "Bundlers").',
      { cause: e },
    );
  }
  ready = true;
}

/** Instantiates the wasm synchronously from its bytes or a compiled `WebAssembly.Module`. */
export function initSync(module) {
  if (ready) return;
  wbgInitSync(wrap(module, "module"));
  ready = true;
}

export function analyze(text, options) {
  if (!ready) throw new Error(NOT_READY);
  return wbgAnalyze(text, options);
}

export function version() {
  if (!ready) throw new Error(NOT_READY);
  return wbgVersion();
}
