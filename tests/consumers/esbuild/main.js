// esbuild: it does not follow `new URL(..., import.meta.url)`, so the .wasm is imported as a file
// (esbuild --loader:.wasm=file emits it and gives its URL, relative to the bundle) and passed to init().
import wasmUrl from "marsad/marsad_bg.wasm";
import { run } from "./app.js";

run((init) => init({ module_or_path: new URL(wasmUrl, import.meta.url) }));
