// The npm package in Node: `import { analyze } from "marsad"` works without an init call, and
// the wasm build gives exactly the JSON of the native command line on real articles and on
// hostile strings.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import init, { analyze, version } from "marsad";

const root = fileURLToPath(new URL("../../", import.meta.url));
const cli = `${root}target/release/marsad`;
const native = (text) => JSON.parse(execFileSync(cli, ["analyze"], { input: text, maxBuffer: 1 << 28 }).toString("utf8"));

const articles = readdirSync(`${root}tests/golden`).filter((f) => f.endsWith(".txt"));

test("the package imports in Node and init() is a harmless no-op", async () => {
  await init();
  const pkg = JSON.parse(readFileSync(`${root}package.json`, "utf8"));
  assert.equal(version(), pkg.version);
  const cargo = readFileSync(`${root}Cargo.toml`, "utf8").match(/^version = "(.*)"/m)[1];
  assert.equal(pkg.version, cargo, "package.json and Cargo.toml versions must move together");
});

test("wasm and native agree on the golden articles", () => {
  assert.ok(articles.length >= 1, "tests/golden has articles");
  for (const f of articles) {
    const text = readFileSync(`${root}tests/golden/${f}`, "utf8");
    const wasm = analyze(text);
    assert.deepEqual(wasm, native(text), f);
    assert.equal(JSON.stringify(wasm), JSON.stringify(native(text)), `${f}: same JSON, same key order`);
    assert.ok(wasm.entities.length > 0, `${f}: finds entities`);
  }
});

test("wasm and native agree on hostile strings, and every span slices exactly", () => {
  const hostile = [
    "", " ", "\n\n", "ب", "\u064e\u0651\u0650", "ـــ", "«", "»»", "\"", "\"\"\"", "“غير مغلق", "قال: «", "😀",
    "😀 قال لافروف: «نعم 👍🏽»", "\u202bسورية\u202c و\u200fموسكو", "a\u0000b", "موسكو\r\nسورية", "x".repeat(5000),
    "«".repeat(300) + "»".repeat(300), "وقال الرئيس بشار الأسد \"...\" وأضاف \"...\"", "#فلاديمير_بوتين لـCNN",
    "\ud83d", "\udc00 سورية",
  ];
  for (const text of hostile) {
    const wasm = analyze(text);
    if (!/[\ud800-\udfff]/.test(text.replace(/[\ud800-\udbff][\udc00-\udfff]/g, ""))) {
      assert.deepEqual(wasm, native(text), JSON.stringify(text).slice(0, 60));
    }
    const spans = [...wasm.entities, ...wasm.quotes];
    for (const q of wasm.quotes) for (const k of ["cue", "speaker"]) if (q[k]) spans.push(q[k]);
    for (const s of spans) assert.equal(text.slice(s.start, s.end), s.text);
  }
});
