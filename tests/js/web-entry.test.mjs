// The browser entry (js/web.js, the package's `default` condition), run in Node: the same module a
// bundler or a browser loads. Before init(), analyze() and version() throw an Error that says what
// to do; a failed load names the URL and the esbuild remedy and can be retried; init() resolves to
// nothing (no raw wasm exports); afterwards analyze() gives exactly what the Node entry gives.
// This file must not import js/node.js: both share one wasm-bindgen module, which the Node entry
// initializes on import.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import init, { analyze, version, initSync } from "../../js/web.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const WASM = readFileSync(new URL("../../pkg/marsad_bg.wasm", import.meta.url));
const SEED = readFileSync(new URL("../../www/examples/seed-sana-moscow.txt", import.meta.url), "utf8");

test("before init(), analyze() and version() throw an Error saying to await init()", () => {
  for (const call of [() => analyze(SEED), () => version()]) {
    assert.throws(call, (e) => {
      assert.equal(e.constructor, Error);
      assert.match(e.message, /^marsad: the wasm is not loaded yet: `await init\(\)`/);
      assert.doesNotMatch(e.message, /undefined|reading/);
      return true;
    });
  }
});

test("a wasm that cannot be fetched gives an Error naming the URL and the bundler remedy", async () => {
  const missing = new Response("not found", { status: 404, statusText: "Not Found" });
  await assert.rejects(init({ module_or_path: missing }), (e) => {
    assert.match(e.message, /^marsad: cannot load the wasm from .*failed to fetch Wasm: 404/);
    assert.match(e.message, /marsad\/marsad_bg\.wasm/);
    assert.ok(e.cause, "the original error is kept as the cause");
    return true;
  });
  await assert.rejects(init(new Response("not wasm", { headers: { "content-type": "application/wasm" } })), /marsad: cannot load the wasm/);
  assert.throws(() => analyze("x"), /not loaded yet/, "still not initialized after a failed load");
});

test("init() with a streamed Response resolves to nothing; analyze() then equals the Node entry", async () => {
  const res = new Response(WASM, { headers: { "content-type": "application/wasm" } });
  assert.equal(await init({ module_or_path: res }), undefined);
  assert.equal(await init(), undefined, "a second init() resolves at once");
  assert.doesNotThrow(() => initSync(WASM), "initSync() after init() is a no-op");
  assert.equal(version(), JSON.parse(readFileSync(root + "package.json", "utf8")).version);
  const here = analyze(SEED);
  assert.ok(here.entities.length >= 20);
  // The Node entry, in a process of its own.
  const node = spawnSync(process.execPath, ["--input-type=module", "-e", `import { analyze } from "marsad"; import { readFileSync } from "node:fs";
    process.stdout.write(JSON.stringify(analyze(readFileSync(${JSON.stringify(root + "www/examples/seed-sana-moscow.txt")}, "utf8"))));`], { cwd: root, encoding: "utf8" });
  assert.equal(node.status, 0, node.stderr);
  assert.deepEqual(JSON.parse(JSON.stringify(here)), JSON.parse(node.stdout));
  assert.throws(() => analyze(42), TypeError, "the wasm's own TypeErrors pass through");
});
