// Types of the Node entry (js/node.js). Nothing here needs the DOM library: the result types and
// analyze() / version() are shared with the browser entry (pkg/types.d.ts, generated from the
// Rust doc comments), and init() takes no browser types.
export * from "../pkg/types.js";

/**
 * Does nothing in Node, where the wasm is loaded when the module is imported; kept so code
 * written for browsers (`await init()`) runs unchanged. Any argument is ignored.
 */
export default function init(input?: unknown): Promise<void>;

/** Does nothing in Node (the wasm is already loaded); kept for code written for browsers. */
export function initSync(module?: unknown): void;
