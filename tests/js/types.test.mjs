// The package's entry points and types, without a compiler (tests/consumers runs tsc): the Node and
// the browser entry export the same names, every function of the wasm module is forwarded by both,
// pkg/types.d.ts (generated from the Rust doc comments) documents every declaration and every
// field, and package.json gives each condition its own types.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../..", import.meta.url));
const read = (f) => readFileSync(root + f, "utf8");
const API = ["analyze", "default", "initSync", "version"];
/** Node only: analyzeMany (many texts in one call; the browser page has its worker). */
const NODE_ONLY = ["analyzeMany"];

test("the Node and browser entries export the same API, and forward every function of the wasm", async () => {
  const web = await import("../../js/web.js");
  const node = await import("../../js/node.js");
  const glue = await import("../../pkg/marsad.js");
  assert.deepEqual(Object.keys(web).sort(), API);
  assert.deepEqual(Object.keys(node).sort(), [...API, ...NODE_ONLY].sort());
  const forwarded = Object.keys(glue).filter((k) => !["default", "initSync"].includes(k));
  for (const k of forwarded) assert.ok(k in web && k in node, `pkg/marsad.js exports ${k}: js/web.js and js/node.js must forward it`);
});

test("pkg/types.d.ts: every declaration and every field has a doc comment; no DOM types", () => {
  const dts = read("pkg/types.d.ts");
  const lines = dts.split("\n");
  const undocumented = [];
  lines.forEach((line, i) => {
    const decl = /^export (function|interface|type) (\w+)/.exec(line);
    const field = /^\s+(\w+)\??: /.exec(line);
    if (!decl && !field) return;
    let j = i - 1;
    while (j >= 0 && lines[j].trim() === "") j--;
    if (!lines[j].trim().endsWith("*/")) undocumented.push(decl ? `${decl[1]} ${decl[2]}` : `field ${field[1]} (line ${i + 1})`);
  });
  assert.deepEqual(undocumented, []);
  // Names, then the expressions (dates, times, amounts, percentages, quantities).
  assert.match(dts, /export type Label = "PER" \| "LOC" \| "ORG" \| "MISC" \| "DATE" \| "TIME" \| "MONEY" \| "PERCENT" \| "QUANTITY";/);
  assert.doesNotMatch(dts, /may follow/, "Label is a closed set and says so");
  assert.doesNotMatch(dts, /RequestInfo|BufferSource|WebAssembly|Response|InitOutput|__wbindgen/, "no browser or wasm-bindgen types");
  const fns = [...dts.matchAll(/^export function (\w+)/gm)].map((m) => m[1]).sort();
  assert.deepEqual(fns, ["analyze", "version"]);
  for (const f of ["js/node.d.ts", "js/web.d.ts"]) {
    const d = read(f);
    assert.match(d, /export \* from "\.\.\/pkg\/types\.js";/, f);
    assert.match(d, /export default function init\(/, f);
    assert.match(d, /export function initSync\(/, f);
  }
  assert.doesNotMatch(read("js/node.d.ts"), /RequestInfo|BufferSource|WebAssembly|Response|URL/, "the Node types need no DOM library");
});

test("package.json: per-condition types, true engines, the shipped files", () => {
  const pkg = JSON.parse(read("package.json"));
  const dot = pkg.exports["."];
  assert.deepEqual(Object.keys(dot), ["node", "types", "default"], "node first, so Node (and TypeScript's node16 / nodenext) never takes the browser types");
  assert.deepEqual(dot.node, { types: "./js/node.d.ts", default: "./js/node.js" });
  assert.equal(dot.types, "./js/web.d.ts");
  assert.equal(dot.default, "./js/web.js");
  assert.deepEqual(pkg.exports["./marsad_bg.wasm"], { types: "./js/wasm-url.d.ts", default: "./pkg/marsad_bg.wasm" });
  assert.equal(pkg.main, "./js/node.js");
  assert.equal(pkg.types, "./js/node.d.ts");
  // require("marsad") needs require(esm), unflagged in Node 20.19 and 22.12 (import alone would do with less).
  assert.equal(pkg.engines.node, "^20.19.0 || >=22.12.0");
  for (const f of ["pkg/marsad.js", "pkg/marsad_bg.wasm", "pkg/types.d.ts", "js/", "LICENSE", "NOTICE"]) assert.ok(pkg.files.includes(f), f);
});
