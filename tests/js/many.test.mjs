// analyzeMany() of the Node entry: one result per input, in order, equal to analyze() of each;
// records keep their id; a bad item gives {error} in its place and the others go on.
import { test } from "node:test";
import assert from "node:assert/strict";
import { analyze, analyzeMany } from "../../js/node.js";

const TEXTS = [
  "وقال وزير الخارجية الروسي سيرغي لافروف في موسكو: «نحن مستعدون للتعاون».",
  "",
  "أعلن ديميتري بيسكوف الناطق باسم الرئاسة الروسية أن روسيا لا تملك معلومات.",
];

test("analyzeMany gives analyze() of each text, in order", () => {
  const got = analyzeMany(TEXTS);
  assert.equal(got.length, TEXTS.length);
  got.forEach((r, i) => assert.deepEqual(r, analyze(TEXTS[i])));
  const lavrov = got[0].clusters.find((c) => c.canonical === "سيرغي لافروف");
  assert.equal(lavrov.latin, "Sergey Lavrov");
  assert.deepEqual(analyzeMany(TEXTS, { quotes: false })[0], analyze(TEXTS[0], { quotes: false }));
});

test("analyzeMany takes records and iterables; bad items give error records and the rest go on", () => {
  function* items() {
    yield { id: "a", text: TEXTS[0] };
    yield { id: 7, text: 5 };
    yield 42;
    yield TEXTS[2];
  }
  const got = analyzeMany(items());
  assert.equal(got.length, 4);
  assert.deepEqual(got[0], { id: "a", ...analyze(TEXTS[0]) });
  assert.equal(got[1].id, 7);
  assert.match(got[1].error, /text/);
  assert.equal(typeof got[2].error, "string");
  assert.deepEqual(got[3], analyze(TEXTS[2]));
  assert.deepEqual(analyzeMany([]), []);
  assert.throws(() => analyzeMany("نص"), TypeError);
});
