// The browser app of the Vite and esbuild consumers (copied into each fresh project as src/app.js):
// what a user writes. It records the result, or the error, for the test on window.__marsad.
// `load` is the bundler-specific way to call init() (see main.js of each project).
import init, { analyze, version } from "marsad";

export const TEXT = "وقال وزير الخارجية الروسي سيرغي لافروف في موسكو: «نحن مستعدون للتعاون مع سورية».";

export async function run(load) {
  const out = { before: null };
  try {
    analyze(TEXT);
  } catch (e) {
    out.before = `${e.constructor.name}: ${e.message}`;
  }
  try {
    out.init = typeof (await load(init));
    const r = analyze(TEXT);
    Object.assign(out, { version: version(), result: JSON.parse(JSON.stringify(r)) });
    document.getElementById("out").textContent = r.entities.map((e) => `${e.label} ${e.text}`).join("\n");
  } catch (e) {
    out.error = `${e.constructor.name}: ${e.message}`;
  }
  window.__marsad = out;
}
