export * from "../pkg/marsad.js";
/** Already initialized in Node; kept so code written for browsers runs unchanged. */
export default function init(): Promise<void>;
