// Hostile input at the JS API (issue 7, point 3): anything that is not a string gives a TypeError
// with a clear message (never a wasm trap such as "unreachable"), bad options likewise, and the
// module keeps working afterwards. Huge and odd strings are analyzed with offsets that slice.
import { test } from "node:test";
import assert from "node:assert/strict";
import { analyze, version } from "../../js/node.js";

const TEXT = "وقال وزير الخارجية الروسي سيرغي لافروف في موسكو: «نحن مستعدون للتعاون».";

function assertTypeError(fn, pattern) {
  assert.throws(fn, (e) => {
    assert.ok(e instanceof TypeError, `a TypeError, got ${e?.constructor?.name}: ${e?.message}`);
    assert.match(e.message, pattern);
    assert.doesNotMatch(e.message, /unreachable|RuntimeError/);
    return true;
  });
}

test("non-string text throws a TypeError naming the type", () => {
  const cases = [
    [undefined, /got undefined/], [null, /got null/], [42, /got number/], [true, /got boolean/],
    [{}, /got object/], [[TEXT], /got array/], [Symbol("x"), /got symbol/], [10n, /got bigint/],
    [() => TEXT, /got function/], [new String(TEXT), /got object/], [new Uint8Array([0xd9, 0x82]), /got object/],
  ];
  for (const [v, re] of cases) assertTypeError(() => analyze(v), re);
  assertTypeError(() => analyze(), /text must be a string, got undefined/);
});

test("bad options throw a TypeError", () => {
  assertTypeError(() => analyze(TEXT, 5), /options must be an object/);
  assertTypeError(() => analyze(TEXT, "quotes"), /options must be an object/);
  assertTypeError(() => analyze(TEXT, { quote: false }), /unknown option 'quote'/);
  assertTypeError(() => analyze(TEXT, { quotes: "no" }), /bad options/);
  assertTypeError(() => analyze(TEXT, { __proto__: null, x: 1 }), /unknown option 'x'/);
});

test("the module keeps working after every error", () => {
  for (let i = 0; i < 50; i++) assert.throws(() => analyze(i));
  const a = analyze(TEXT);
  assert.ok(a.entities.some((e) => e.text === "سيرغي لافروف"));
  assert.equal(typeof version(), "string");
});

test("empty, whitespace, marks-only and markup inputs", () => {
  for (const s of ["", " ", "\n\t\u00A0", "\u064E\u0650\u0651", "ـــ", "\u200F\u202E", "«", "ب"]) {
    assert.deepEqual(JSON.parse(JSON.stringify(analyze(s))), { entities: [], quotes: [], clusters: [] }, JSON.stringify(s));
  }
  const html = '<script>alert("x")</script> قال لافروف: «<img src=x onerror=alert(1)>»';
  const a = analyze(html);
  for (const q of a.quotes) assert.equal(html.slice(q.start, q.end), q.text); // text, never parsed
});

test("a 5 MB string is analyzed and its last entity's offsets slice the string", () => {
  const big = (TEXT + "\n").repeat(Math.ceil(5e6 / (TEXT.length * 2)));
  const a = analyze(big);
  assert.ok(a.entities.length > 1000);
  const last = a.entities.at(-1);
  assert.equal(big.slice(last.start, last.end), last.text);
});
