// The page's pure rendering pieces, without a browser: the flat segmentation (overlapping quotes,
// an entity that crosses a quote's end, a quote across paragraphs), the escaped HTML string and
// the CSV exports. The browser tests cover the same code through the DOM.
import { test } from "node:test";
import assert from "node:assert/strict";
import { collectItems, segment, renderHtmlString, entitiesCsv, quotesCsv, escapeHtml, csvField, readableValue, valueText, isExpression } from "../../www/render.js";
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
  assert.equal(e[0], "start,end,label,text,cluster,canonical,latin,value,currency");
  assert.equal(e.length, RESULT.entities.length + 2); // header, rows, trailing empty
  assert.equal(e[1], "4,10,PER,لافروف,0,سيرغي لافروف,Sergey Lavrov,,");
  assert.equal(e[2], '14,20,MISC,"ن هنا""",,,,,', "quotes doubled, the field quoted, no cluster");
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

// Expressions: an amount containing its currency's name, a resolved and an unresolved date, a
// percentage, a duration.
const XTEXT = "خصصت 5 مليارات دولار اليوم و24 الشهر الماضي بنسبة 20 في المئة خلال يومين";
const xspan = (t, from = 0) => {
  const start = XTEXT.indexOf(t, from);
  return { start, end: start + t.length, text: t };
};
const XRESULT = {
  entities: [
    { ...xspan("5 مليارات دولار"), label: "MONEY", cluster: null, value: { amount: 5000000000, currency: "USD" } },
    { ...xspan("دولار"), label: "MISC", cluster: 0 },
    { ...xspan("اليوم"), label: "DATE", cluster: null },
    { ...xspan("24 الشهر الماضي"), label: "DATE", cluster: null, value: "2015-11-24" },
    { ...xspan("20 في المئة"), label: "PERCENT", cluster: null, value: 20 },
    { ...xspan("يومين"), label: "DATE", cluster: null, value: "P2D" },
  ],
  quotes: [],
  clusters: [{ id: 0, label: "MISC", canonical: "دولار", mentions: [xspan("دولار")], roles: [] }],
};

test("an expression nests the name inside it, carries class expr and data-value", () => {
  const segs = segment(XTEXT, collectItems(XTEXT, XRESULT));
  const at = (pos) => segs.find((s) => s.start <= pos && pos < s.end).active.map((it) => `${it.type}${it.index}`);
  assert.deepEqual(at(XTEXT.indexOf("دولار")), ["para0", "entity0", "entity1"], "the amount outside, its currency inside");
  const html = renderHtmlString(XTEXT, XRESULT);
  assert.match(html, /<mark class="ent expr" data-label="MONEY" data-entity="0" data-value="5000000000 USD">5 مليارات <mark class="ent" data-label="MISC" data-entity="1" data-cluster="0">دولار<\/mark><\/mark>/);
  assert.match(html, /<mark class="ent expr" data-label="DATE" data-entity="2">اليوم<\/mark>/, "no value, no data-value");
  assert.match(html, /data-label="PERCENT" data-entity="4" data-value="20"/);
  assert.ok(isExpression("QUANTITY") && isExpression("TIME") && !isExpression("PER") && !isExpression("MISC"));
});

test("values in readable form, with the ISO value beside a date", () => {
  const r = (label, value, lang = "en") => readableValue({ label, value }, lang);
  assert.equal(r("DATE", "2015-11-24"), "November 24, 2015 (2015-11-24)");
  assert.equal(r("DATE", "XXXX-11-13"), "November 13 (XXXX-11-13)", "no year when it is unknown");
  assert.equal(r("DATE", "2015-11"), "November 2015 (2015-11)");
  assert.equal(r("DATE", "P2D"), "2 days (P2D)");
  assert.equal(r("DATE", "PT24H"), "24 hours (PT24H)");
  assert.equal(r("DATE", "197X"), "the 1970s (197X)");
  assert.equal(r("DATE", "2018-W24"), "2018-W24", "kept as it is when there is no plainer form");
  assert.equal(r("TIME", "T10:30"), "10:30 (T10:30)");
  assert.equal(r("MONEY", { amount: 5000000000, currency: "USD" }), "$5,000,000,000 (USD)");
  assert.equal(r("MONEY", { amount: 2.5, currency: "not a code" }), "2.5 not a code", "an unknown currency stays readable");
  assert.equal(r("PERCENT", 20), "20%");
  assert.equal(r("QUANTITY", 6000), "6,000");
  assert.equal(r("DATE", undefined), "");
  // Arabic: Arabic month names, Latin digits as in the rest of the page.
  const ar = r("DATE", "2015-12-23", "ar");
  assert.ok(ar.includes("23") && ar.includes("2015") && ar.endsWith("(2015-12-23)") && /[\u0600-\u06ff]/.test(ar), ar);
  assert.match(r("MONEY", { amount: 5000000000, currency: "USD" }, "ar"), /5,000,000,000.*\(USD\)/);
  assert.equal(valueText({ amount: 5, currency: "EUR" }), "5 EUR");
  assert.equal(valueText(12.5), "12.5");
  assert.equal(valueText(undefined), "");
});

test("exports carry the values of expressions", () => {
  const e = entitiesCsv(XRESULT).split("\r\n");
  assert.equal(e[1], "5,20,MONEY,5 مليارات دولار,,,,5000000000,USD");
  assert.equal(e[2], "15,20,MISC,دولار,0,دولار,,,");
  assert.equal(e[3], "21,26,DATE,اليوم,,,,,", "an unresolved date: no value");
  assert.equal(e[4].split(",").slice(7).join(","), "2015-11-24,");
  assert.equal(e[5].split(",").slice(7).join(","), "20,");
  assert.equal(e[6].split(",").slice(7).join(","), "P2D,");
  const doc = annotatedHtml(XTEXT, XRESULT, "en");
  assert.match(doc, /title="Amount — \$5,000,000,000 \(USD\)"/);
  assert.match(doc, /title="Date — November 24, 2015 \(2015-11-24\)"/);
  assert.match(doc, /title="Date — 2 days \(P2D\)"/);
  assert.match(doc, /<li><mark class="ent expr" data-label="MONEY">Amount<\/mark><\/li>/, "the legend lists the expressions present");
  assert.doesNotMatch(doc, /data-label="QUANTITY">/, "and only those");
  assert.match(doc, /\[data-label=DATE\],\[data-label=TIME\]\{background:var\(--time-bg\)/);
});
