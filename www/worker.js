// The analysis worker: loads the wasm package once and answers
//   {type: "analyze", id, text, date?}  →  {type: "result", id, result, ms}  |  {type: "error", id, message}
// `date` ("YYYY-MM-DD", the document date) becomes options.date; empty or absent means no date.
// Any failure is reported as a message; the page decides whether to start a new worker.
//
// The page starts this worker as soon as it loads, so everything a first analysis would pay for
// happens before the user pastes: the wasm is compiled while it downloads (streaming, when served
// as application/wasm), and a short warm-up analysis parses the embedded model and builds the quote
// lexicons. Then {type: "ready", version, initMs, warmMs} goes to the page.

// A sentence with a name, a place, a title, a cue verb and quotation marks: every lazily built
// table is touched once.
const WARM_UP = "وقال وزير الخارجية سيرغي لافروف في موسكو: «نحن مستعدون».";

const t0 = performance.now();
// The wasm's download starts first, beside the JS glue's (a static import would fetch the glue
// before this line runs); init() compiles the response as it streams in.
const wasm = fetch(new URL("./pkg/marsad_bg.wasm", import.meta.url));
wasm.catch(() => {}); // reported through `ready` below
const ready = import("./pkg/marsad.js").then(async (m) => {
  await m.default({ module_or_path: wasm });
  const t1 = performance.now();
  m.analyze(WARM_UP);
  const t2 = performance.now();
  self.postMessage({ type: "ready", version: m.version(), initMs: t1 - t0, warmMs: t2 - t1 });
  return m;
});
// Keep the rejection for the awaits below (each request then gets an error answer), without an
// unhandled-rejection report.
ready.catch(() => {});

self.addEventListener("message", async (event) => {
  const msg = event.data;
  if (!msg || msg.type !== "analyze") return;
  const { id, text, date } = msg;
  try {
    const { analyze } = await ready;
    if (typeof text !== "string") throw new TypeError("text must be a string");
    const t0 = performance.now();
    const result = date ? analyze(text, { date: String(date) }) : analyze(text);
    const ms = performance.now() - t0;
    self.postMessage({ type: "result", id, result, ms });
  } catch (err) {
    const message = err && err.message ? String(err.message) : String(err);
    self.postMessage({ type: "error", id, message });
  }
});
