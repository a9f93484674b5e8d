export * from "../pkg/marsad.js";
import type { Analysis, Options } from "../pkg/marsad.js";
/** Already initialized in Node; kept so code written for browsers runs unchanged. */
export default function init(): Promise<void>;
/** An input of analyzeMany: a text, or a record with its text and an id copied to the result. */
export type ManyInput = string | { id?: unknown; text: string };
/** A result of analyzeMany: the analysis (with the input's id, if any), or why it failed. */
export type ManyResult = (Analysis & { id?: unknown }) | { id?: unknown; error: string };
/** analyze() of each text, in order; a bad item gives {error} in its place and the rest go on. */
export function analyzeMany(texts: Iterable<ManyInput>, options?: Options): ManyResult[];
