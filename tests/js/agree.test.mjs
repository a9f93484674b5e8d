// Property tests at the JS boundary (issue 7, point 2): for random and hostile strings, the wasm
// analyze() (through the Node entry, js/node.js) gives exactly the JSON of the native command line
// (`marsad analyze -`, reading standard input), and every offset slices the JS string to its text.
// Run after `npm run build` and `cargo build` (the debug CLI that `cargo test` builds is enough: the
// code is the same). The case counts are explicit; the generator is seeded, so a failure repeats.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { analyze } from "../../js/node.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const CASES_AGREE = 300;
const CASES_OFFSETS = 2000;

function cli() {
  if (process.env.MARSAD_CLI) return process.env.MARSAD_CLI;
  // The newest of the debug and release builds; build the debug one if neither exists.
  const bins = ["target/debug/marsad", "target/release/marsad"].map((p) => root + p).filter((p) => existsSync(p));
  if (bins.length === 0) {
    const b = spawnSync("cargo", ["build", "--quiet", "--bin", "marsad"], { cwd: root, stdio: "inherit" });
    assert.equal(b.status, 0, "cargo build --bin marsad");
    return root + "target/debug/marsad";
  }
  return bins.sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];
}

/** A small seeded PRNG (mulberry32), so failures reproduce. */
function rng(seed) {
  return () => {
    seed |= 0; seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = ["سيرغي لافروف", "لافروف", "موسكو", "سورية", "بوتين", "الأمم المتحدة", "وزير", "الخارجية", "الروسي",
  "الرئيس", "قال", "وقال", "قالت", "أكد", "مضيفا", "أن", "في", "من", "اليوم", "السيد", "بالعراق", "للأمم", "لـروسيا",
  "فلاديمير_بوتين", "الـقـاهرة"];
const MARKS = ["«", "»", "“", "”", "„", "‹", "›", '"', "'", ":", "،", "؛", "؟", ".", "-", "_", "#", "(", ")"];
const SPACES = [" ", " ", " ", "\n", "\r\n", "\n\n", "\t", "\u00A0", "\u2029"];
const INVISIBLE = ["\u200E", "\u200F", "\u061C", "\u202A", "\u202B", "\u202C", "\u202E", "\u2066", "\u2067", "\u2069", "\u200B", "\u200D", "\uFEFF", "\u0640"];
const OTHER = ["😀", "👨‍👩‍👧", "🇸🇾", "𝕏", "abc", "CNN", "2018", "٣٫٥", "1,200", "\u0000", "\u001B[2J", "<script>alert(1)</script>", "&amp;", "\uFFFD", "\uFFFF"];

function randomText(r, { loneSurrogates = false } = {}) {
  const pick = (xs) => xs[Math.floor(r() * xs.length)];
  const n = Math.floor(r() * 40);
  let s = "";
  for (let i = 0; i < n; i++) {
    const k = r();
    if (k < 0.3) s += pick(WORDS);
    else if (k < 0.5) s += pick(MARKS);
    else if (k < 0.7) s += pick(SPACES);
    else if (k < 0.78) s += pick(INVISIBLE);
    else if (k < 0.85) s += String.fromCharCode(0x621 + Math.floor(r() * 42)) + (r() < 0.5 ? String.fromCharCode(0x64b + Math.floor(r() * 8)) : "");
    else if (k < 0.93) s += pick(OTHER);
    else if (loneSurrogates && k < 0.96) s += String.fromCharCode(0xd800 + Math.floor(r() * 0x800));
    else s += String.fromCodePoint(Math.floor(r() * 0x10ffff) & ~(r() < 0.5 ? 0 : 0x800) || 0x41).replace(/[\ud800-\udfff]/g, "x");
  }
  return s;
}

const HOSTILE = ["", " ", "ب", "\u064E\u0650\u0651".repeat(50), "ـ".repeat(100), "«".repeat(500), "»«".repeat(300),
  "قال لافروف: «قال “نحن «مستعدون» للتعاون” اليوم»", "قال بوتين: «نحن\nمستعدون»", "\u202Eقال\u202C لافروف\u200F: «نعم»",
  "فلاديمير_\u200Bبوتين 3.\u06405", "😀".repeat(100) + " موسكو", "<img src=x onerror=alert(1)> قال لافروف: «<b>نعم</b>»"];

function checkOffsets(text, a) {
  const ok = (what, s, e, t) => {
    assert.ok(Number.isInteger(s) && Number.isInteger(e) && 0 <= s && s <= e && e <= text.length, `${what} ${s}..${e} in ${JSON.stringify(text)}`);
    const low = (i) => i < text.length && text.charCodeAt(i) >= 0xdc00 && text.charCodeAt(i) < 0xe000 && i > 0 && text.charCodeAt(i - 1) >= 0xd800 && text.charCodeAt(i - 1) < 0xdc00;
    assert.ok(!low(s) && !low(e), `${what} ${s}..${e} splits a surrogate pair`);
    assert.equal(text.slice(s, e), t, `${what} ${s}..${e}`);
  };
  // Names never overlap each other, nor do expressions (DATE … QUANTITY); an expression may hold a
  // name (the currency of an amount), and both are in text order.
  const NAMES = ["PER", "LOC", "ORG", "MISC"];
  const prev = { name: 0, expr: 0 };
  let start = 0;
  for (const e of a.entities) {
    ok("entity", e.start, e.end, e.text);
    const group = NAMES.includes(e.label) ? "name" : "expr";
    assert.ok(e.start >= start && e.start < e.end, "entities are in text order");
    assert.ok(e.start >= prev[group], `${group === "name" ? "names" : "expressions"} are disjoint`);
    if (group === "name" && e.start < prev.expr) {
      const outer = a.entities.find((x) => !NAMES.includes(x.label) && x.start <= e.start && e.end <= x.end);
      assert.ok(outer, "a name that overlaps an expression lies inside it");
    }
    prev[group] = e.end;
    start = e.start;
  }
  for (const c of a.clusters) for (const m of c.mentions) ok("mention", m.start, m.end, m.text);
  for (const q of a.quotes) {
    ok("quote", q.start, q.end, q.text);
    if (q.cue) ok("cue", q.cue.start, q.cue.end, q.cue.text);
    if (q.speaker) ok("speaker", q.speaker.start, q.speaker.end, q.speaker.text);
  }
}

test(`native and wasm give identical JSON (${CASES_AGREE} random strings + ${HOSTILE.length} hostile ones)`, () => {
  const bin = cli();
  const r = rng(20261129);
  const texts = [...HOSTILE, ...Array.from({ length: CASES_AGREE }, () => randomText(r))];
  for (const text of texts) {
    const out = spawnSync(bin, ["analyze", "-"], { input: text, encoding: "utf8", maxBuffer: 1 << 26 });
    assert.equal(out.status, 0, out.stderr);
    const native = JSON.parse(out.stdout);
    const wasm = JSON.parse(JSON.stringify(analyze(text)));
    assert.deepEqual(wasm, native, `input: ${JSON.stringify(text)}`);
  }
});

test(`offsets slice the JS string (${CASES_OFFSETS} random strings)`, () => {
  const r = rng(7);
  for (let i = 0; i < CASES_OFFSETS; i++) {
    const text = randomText(r);
    checkOffsets(text, analyze(text));
    checkOffsets(text, analyze(text, { quotes: false }));
  }
});

test("lone surrogates (not valid Unicode, but legal JS strings) never break offsets", () => {
  const r = rng(11);
  for (let i = 0; i < 500; i++) {
    const text = randomText(r, { loneSurrogates: true });
    const a = analyze(text);
    // A lone surrogate reaches Rust as U+FFFD (one UTF-16 unit, like the surrogate), so offsets
    // still line up; the reported text carries U+FFFD where the input had the lone surrogate.
    const fixed = text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "\uFFFD");
    assert.equal(fixed.length, text.length);
    checkOffsets(fixed, a);
  }
});
