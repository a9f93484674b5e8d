// `import wasmUrl from "marsad/marsad_bg.wasm"`: with esbuild's `--loader:.wasm=file` (or any
// bundler's "file"/"asset" handling) the import is the emitted file's URL, relative to the bundle.
/** The URL of the emitted `marsad_bg.wasm`, as the bundler's file loader gives it. */
declare const wasmUrl: string;
export default wasmUrl;
