// The analysis worker: loads the wasm package once and answers
//   {type: "analyze", id, text}  →  {type: "result", id, result, ms}  |  {type: "error", id, message}
// Any failure is reported as a message; the page decides whether to start a new worker.
import init, { analyze, version } from "./pkg/marsad.js";

const ready = init({ module_or_path: new URL("./pkg/marsad_bg.wasm", import.meta.url) }).then(() => {
  self.postMessage({ type: "ready", version: version() });
});
// Keep the rejection for the awaits below (each request then gets an error answer), without an
// unhandled-rejection report.
ready.catch(() => {});

self.addEventListener("message", async (event) => {
  const msg = event.data;
  if (!msg || msg.type !== "analyze") return;
  const { id, text } = msg;
  try {
    await ready;
    if (typeof text !== "string") throw new TypeError("text must be a string");
    const t0 = performance.now();
    const result = analyze(text);
    const ms = performance.now() - t0;
    self.postMessage({ type: "result", id, result, ms });
  } catch (err) {
    const message = err && err.message ? String(err.message) : String(err);
    self.postMessage({ type: "error", id, message });
  }
});
