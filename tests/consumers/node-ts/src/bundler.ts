// Type-checked (not run) under moduleResolution "bundler": the browser entry's types, as a
// bundled app sees them, with and without the DOM library; the esbuild recipe of the README.
import init, { analyze, initSync } from "marsad";
import wasmUrl from "marsad/marsad_bg.wasm";

const url: string = wasmUrl;
await init({ module_or_path: new URL(url, import.meta.url) });
await init();
const n: number = analyze("قال لافروف في موسكو").entities.length;
export async function refused(): Promise<void> {
  // @ts-expect-error init() resolves to nothing.
  (await init()).memory;
  // @ts-expect-error initSync() needs the bytes or a module in a browser.
  initSync();
}
export { n };
