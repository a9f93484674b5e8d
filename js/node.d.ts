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

import type { Analysis, Options } from "../pkg/types.js";
/** An input of analyzeMany: a text, or a record with its text and an id copied to the result. */
export type ManyInput = string | { id?: unknown; text: string };
/** A result of analyzeMany: the analysis (with the input's id, if any), or why it failed. */
export type ManyResult = (Analysis & { id?: unknown }) | { id?: unknown; error: string };
/** analyze() of each text, in order; a bad item gives {error} in its place and the rest go on. */
export function analyzeMany(texts: Iterable<ManyInput>, options?: Options): ManyResult[];
