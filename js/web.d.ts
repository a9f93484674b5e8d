// Types of the browser and bundler entry (js/web.js). The result types and analyze() / version()
// come from pkg/types.d.ts (generated from the Rust doc comments). The init types below name
// fetch and WebAssembly types through `globalThis`, so they resolve to the real types when the
// DOM (or Node's) library is loaded and to `never` when it is not: a project that type-checks
// without the DOM library, with moduleResolution "bundler", still compiles.
export * from "../pkg/types.js";

type GlobalInstance<K extends string> = typeof globalThis extends { [P in K]: { prototype: infer T } } ? T : never;
type WasmModule = typeof globalThis extends { WebAssembly: { Module: { prototype: infer M } } } ? M : never;

/** What init() loads: a URL or path to `marsad_bg.wasm`, a fetch `Response`, the bytes, or a compiled module. */
export type InitInput = string | GlobalInstance<"URL"> | GlobalInstance<"Request"> | GlobalInstance<"Response"> | ArrayBuffer | ArrayBufferView | WasmModule;

/** What initSync() instantiates: the bytes of `marsad_bg.wasm` or a compiled module. */
export type SyncInitInput = ArrayBuffer | ArrayBufferView | WasmModule;

/**
 * Loads and instantiates the wasm; call it once before analyze() (later calls resolve at once).
 * Without an argument it fetches `marsad_bg.wasm` next to this package's module: right for Vite,
 * webpack and plain ES modules. With esbuild, pass the URL of the emitted file:
 * `init({ module_or_path: new URL(wasmUrl, import.meta.url) })` after
 * `import wasmUrl from "marsad/marsad_bg.wasm"` built with `--loader:.wasm=file`.
 * Served as `application/wasm`, the file is compiled while it downloads.
 * @throws {Error} (the promise rejects) when the wasm cannot be fetched or compiled; the message names the URL.
 */
export default function init(input?: InitInput | Promise<InitInput> | { module_or_path: InitInput | Promise<InitInput> }): Promise<void>;

/** Instantiates the wasm synchronously from its bytes or a compiled module (instead of init()). */
export function initSync(module: SyncInitInput | { module: SyncInitInput }): void;
