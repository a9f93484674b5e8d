// What a user writes first with esbuild: init() without the URL. The bundle builds, the .wasm is
// not emitted, and init() must reject with an Error that says what to do.
import { run } from "./app.js";

run((init) => init());
