// The page's pure rendering pieces, without a browser: the flat segmentation (overlapping quotes,
// an entity that crosses a quote's end, a quote across paragraphs), the escaped HTML string and
// the CSV exports. The browser tests cover the same code through the DOM.
import { test } from "node:test";
import assert from "node:assert/strict";
import { collectItems, segment, renderHtmlString, entitiesCsv, quotesCsv, escapeHtml, csvField } from "../../www/render.js";
import { annotatedHtml, exportContent } from "../../www/export.js";

const TEXT = 'قال لافروف "نحن هنا" في موسكو\nسطر <b>ثان</b> & "آخر"';
const span = (start, end) => ({ start, end, text: TEXT.slice(start, end) });
const RESULT = {
  entities: [
    { ...span(4, 10), label: "PER", cluster: 0 },
    { ...span(14, 20), label: "MISC", cluster: null }, // crosses the end of quote 0 and the start of quote 1
    { ...span(24, 29), label: "LOC", cluster: 1 },
  ],
  quotes: [
    { ...span(11, 20), kind: "direct", cue: span(0, 3), speaker: { ...span(4, 10), canonical: "سيرغي لافروف", cluster: 0 } },
    { ...span(16, 40), kind: "indirect", cue: null, speaker: null }, // overlaps quote 0, runs into the next line
  ],
  clusters: [
    { id: 0, label: "PER", canonical: "سيرغي لافروف", mentions: [span(4, 10)], roles: ["وزير الخارجية"], latin: "Sergey Lavrov", latinSource: "list" },
    { id: 1, label: "LOC", canonical: "موسكو", mentions: [span(24, 29)], roles: [] },
  ],
};

test("segments tile the text, each with the items covering it, outermost first", () => {
  const segs = segment(TEXT, collectItems(TEXT, RESULT));
  assert.equal(segs[0].start, 0);
  assert.equal(segs.at(-1).end, TEXT.length);
  for (let i = 1; i < segs.length; i++) assert.equal(segs[i].start, segs[i - 1].end);
  for (const s of segs) {
    for (const it of s.active) assert.ok(it.start <= s.start && it.end >= s.end, "an active item covers its segment");
    const layers = s.active.map((it) => it.layer);
    assert.deepEqual(layers, [...layers].sort((a, b) => a - b), "outermost first");
  }
  const at = (pos) => segs.find((s) => s.start <= pos && pos < s.end).active.map((it) => `${it.type}${it.index}`);
  assert.deepEqual(at(17), ["para0", "quote0", "quote1", "entity1"]);
  assert.deepEqual(at(29), ["quote1"], "the newline is inside quote 1 but in no paragraph");
  assert.deepEqual(at(35), ["para1", "quote1"]);
});

test("the HTML string nests and continues elements, and escapes the text", () => {
  const html = renderHtmlString(TEXT, RESULT);
  // The text comes back exactly once the tags are removed and the entities decoded.
  const plain = html.replace(/<[^>]+>/g, "").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, "&");
  assert.equal(plain, TEXT);
  assert.doesNotMatch(html, /<b>/);
  assert.match(html, /سطر &lt;b&gt;ثان<\/span>&lt;\/b&gt; &amp; &quot;آخر&quot;/);
  // One first piece per quote (with the speaker tag), continuations without it.
  assert.equal((html.match(/class="q q-first"/g) || []).length, 2);
  assert.ok((html.match(/class="q"/g) || []).length >= 1);
  assert.match(html, /data-kind="direct" data-speaker="سيرغي لافروف"/);
  assert.match(html, /data-kind="indirect" data-speaker=""/);
  // The MISC entity is split where quote 1 starts: two marks with the same index.
  assert.equal((html.match(/data-entity="1"/g) || []).length, 2);
  // Balanced tags.
  for (const tag of ["p", "span", "mark"]) {
    assert.equal((html.match(new RegExp(`<${tag}[ >]`, "g")) || []).length, (html.match(new RegExp(`</${tag}>`, "g")) || []).length, tag);
  }
});

test("escapeHtml escapes the five characters", () => {
  assert.equal(escapeHtml(`<img src=x onerror="alert(1)"> & 'x'`), "&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; &#39;x&#39;");
});

test("CSV exports: header, one row per item, RFC 4180 quoting", () => {
  const e = entitiesCsv(RESULT).split("\r\n");
  assert.equal(e[0], "start,end,label,text,cluster,canonical,latin");
  assert.equal(e.length, RESULT.entities.length + 2); // header, rows, trailing empty
  assert.equal(e[1], "4,10,PER,لافروف,0,سيرغي لافروف,Sergey Lavrov");
  assert.equal(e[2], '14,20,MISC,"ن هنا""",,,', "quotes doubled, the field quoted, no cluster");
  const q = quotesCsv(RESULT).split("\r\n");
  assert.equal(q[0], "start,end,kind,speaker,speaker_text,speaker_cluster,cue,text,speaker_latin");
  assert.equal(q[1], '11,20,direct,سيرغي لافروف,لافروف,0,قال,"""نحن هنا""",Sergey Lavrov');
  assert.match(q[2], /^16,40,indirect,,,,,"/);
});

test("CSV cells cannot become spreadsheet formulas", () => {
  assert.equal(csvField("=HYPERLINK(\"http://x\")"), '"\'=HYPERLINK(""http://x"")"');
  assert.equal(csvField("+1"), "'+1");
  assert.equal(csvField("@SUM(A1)"), "'@SUM(A1)");
  assert.equal(csvField("-سورية"), "'-سورية");
  assert.equal(csvField(-3), "-3", "numbers stay numbers");
  assert.equal(csvField("سورية"), "سورية");
});

test("the annotated HTML document is self-contained", () => {
  const doc = annotatedHtml(TEXT, RESULT, "en");
  assert.match(doc, /^<!doctype html>/);
  assert.match(doc, /Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'"/);
  assert.doesNotMatch(doc, /<script|<link|src=/i);
  assert.match(doc, /title="Person — سيرغي لافروف — Sergey Lavrov — وزير الخارجية"/);
  const { filename, mime } = exportContent("html", TEXT, RESULT, "ar");
  assert.equal(filename, "marsad.html");
  assert.match(mime, /^text\/html/);
  assert.deepEqual(JSON.parse(exportContent("json", TEXT, RESULT).content), RESULT);
});
