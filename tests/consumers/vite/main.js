// Vite: no configuration. Vite sees wasm-bindgen's `new URL("marsad_bg.wasm", import.meta.url)`
// and emits the file, in the build and in the dev server, so init() needs no argument.
import { run } from "./app.js";

run((init) => init());
