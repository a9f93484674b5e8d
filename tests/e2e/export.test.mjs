// Each export's content: the JSON equals what analyze() returns for the same text, the CSVs have
// their header and one row per entity / quote, the HTML copy is self-contained with every mark and
// the text escaped, and "copy" puts the chosen format on the clipboard.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { analyze } from "../../js/node.js";
import { setup, paste, readExample, offOrigin, waitRendered } from "./helpers.mjs";
import { EXPRESSIONS, valueText } from "../../www/render.js";

const SEED = readExample("seed-sana-moscow.txt");
// Markup and CSV-hostile characters in the text must survive every export.
const TEXT = SEED + '\nوقال لافروف: "<b>لا</b>, وبعد & قبل"\n';

let env;
let page;
let expected;

before(async () => {
  env = await setup();
  ({ page } = await env.newPage());
  await paste(page, TEXT);
  expected = analyze(TEXT);
});

after(async () => {
  await env?.close();
});

async function download(format) {
  await page.locator("#export-format").selectOption(format);
  // Headless Chromium now and then never reports a page's first blob download (the test's first
  // download waited 45 s in vain in 2 of 14 runs on this machine, and took 18 s once before); one
  // more click after 15 s. What the file holds is checked the same way.
  let dl = null;
  for (let attempt = 0; !dl; attempt++) {
    const wait = page.waitForEvent("download", { timeout: 15000 }).catch((e) => {
      if (attempt > 0) throw e;
      return null;
    });
    [dl] = await Promise.all([wait, page.locator("#download").click()]);
  }
  const path = await dl.path();
  return { name: dl.suggestedFilename(), body: (await readFile(path, "utf8")).replace(/^\uFEFF/, "") };
}

/** A small RFC 4180 parser (quoted fields, doubled quotes, CRLF). */
function parseCsv(s) {
  const rows = [];
  let row = [];
  let field = "";
  let q = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (q) {
      if (c === '"' && s[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') q = false;
      else field += c;
    } else if (c === '"') q = true;
    else if (c === ",") row.push(field), (field = "");
    else if (c === "\r") continue;
    else if (c === "\n") row.push(field), rows.push(row), (row = []), (field = "");
    else field += c;
  }
  if (field || row.length) row.push(field), rows.push(row);
  return rows;
}

test("JSON export equals analyze() of the same text", { timeout: 60000 }, async () => {
  const { name, body } = await download("json");
  assert.equal(name, "marsad.json");
  assert.deepEqual(JSON.parse(body), expected);
  assert.ok(expected.entities.length >= 20);
});

test("entities CSV: header and one row per entity", { timeout: 60000 }, async () => {
  const { name, body } = await download("entities-csv");
  assert.equal(name, "marsad-entities.csv");
  const rows = parseCsv(body);
  assert.deepEqual(rows[0], ["start", "end", "label", "text", "cluster", "canonical", "latin", "value", "currency"]);
  assert.equal(rows.length - 1, expected.entities.length);
  rows.slice(1).forEach((r, i) => {
    const e = expected.entities[i];
    assert.deepEqual(r.slice(0, 4), [String(e.start), String(e.end), e.label, e.text]);
    assert.equal(TEXT.slice(Number(r[0]), Number(r[1])), r[3]);
    assert.equal(r[6], expected.clusters.find((c) => c.id === e.cluster)?.latin ?? "");
    // The value of an expression (money: the amount, then its currency); empty for names.
    const money = e.value !== null && typeof e.value === "object";
    assert.deepEqual(r.slice(7), [money ? String(e.value.amount) : e.value === undefined ? "" : String(e.value), money ? e.value.currency : ""]);
  });
  assert.ok(rows.some((r) => r[2] === "DATE" && r[7] !== ""), "a date with its value");
});

test("quotes CSV: header and one row per quote, speaker and text intact", { timeout: 60000 }, async () => {
  const { name, body } = await download("quotes-csv");
  assert.equal(name, "marsad-quotes.csv");
  const rows = parseCsv(body);
  assert.deepEqual(rows[0], ["start", "end", "kind", "speaker", "speaker_text", "speaker_cluster", "cue", "text", "speaker_latin"]);
  assert.equal(rows.length - 1, expected.quotes.length);
  assert.ok(expected.quotes.length >= 3);
  rows.slice(1).forEach((r, i) => {
    const q = expected.quotes[i];
    assert.equal(r[2], q.kind);
    assert.equal(r[3], q.speaker ? q.speaker.canonical : "");
    assert.equal(r[7], q.text);
  });
});

test("HTML export: a self-contained annotated copy, text escaped", { timeout: 60000 }, async () => {
  const { name, body } = await download("html");
  assert.equal(name, "marsad.html");
  assert.doesNotMatch(body, /<script/i);
  assert.doesNotMatch(body, /<link|src=|@import|url\(/i, "nothing to load");
  assert.match(body, /&lt;b&gt;لا&lt;\/b&gt;/);
  // Open it in a page with networking refused: the text and every mark are there.
  const viewer = await page.context().newPage();
  await viewer.setContent(body);
  assert.equal(await viewer.locator("article").textContent(), TEXT);
  assert.equal(await viewer.locator("article mark.ent").count(), await page.locator("#article mark.ent").count());
  const labels = await viewer.$$eval("article mark.ent", (ms) => ms.map((m) => m.dataset.label));
  assert.deepEqual(
    [...new Set(labels)].sort(),
    [...new Set(expected.entities.map((e) => e.label))].sort(),
  );
  // Expressions keep their value: data-value, and the readable value in the title.
  const exprs = await viewer.$$eval("article mark.ent.expr", (ms) => ms.map((m) => [m.dataset.entity, m.dataset.value ?? "", m.title]));
  const want = expected.entities.flatMap((e, i) => (EXPRESSIONS.includes(e.label) ? [[String(i), valueText(e.value)]] : []));
  assert.deepEqual(exprs.map(([i, v]) => [i, v]), want);
  // The ISO date, the currency, the number: each title carries its value.
  for (const [, v, title] of exprs) if (v) assert.ok(title.includes(v.split(" ").pop()), `${title} carries ${v}`);
  assert.ok(exprs.some(([, v]) => v), "some expression has a value");
  const speakers = await viewer.$$eval("article .q-first", (qs) => qs.map((q) => q.dataset.speaker));
  assert.deepEqual(speakers, expected.quotes.map((q) => (q.speaker ? q.speaker.canonical : "")));
  assert.equal(await viewer.locator("article b").count(), 0);
  await viewer.close();
});

test("copy puts the chosen export on the clipboard", { timeout: 60000 }, async () => {
  await page.locator("#export-format").selectOption("entities-csv");
  await page.locator("#copy").click();
  await page.locator("#export-status").filter({ hasText: /نُسخ/ }).waitFor();
  const clip = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(parseCsv(clip).length - 1, expected.entities.length);
  await page.locator("#export-format").selectOption("json");
  await page.locator("#copy").click();
  await page.waitForFunction(() => navigator.clipboard.readText().then((t) => t.startsWith("{")));
  assert.deepEqual(JSON.parse(await page.evaluate(() => navigator.clipboard.readText())), expected);
});

test("with a document date, the exports carry the resolved values", { timeout: 90000 }, async () => {
  const dated = analyze(TEXT, { date: "2015-12-23" });
  await page.locator("#doc-date").fill("2015-12-23");
  await page.waitForFunction(() => document.querySelector("#article mark.ent.expr[data-value='2015-12-23']") && document.getElementById("article").dataset.state === "done");
  await waitRendered(page, TEXT);
  const { body } = await download("json");
  assert.deepEqual(JSON.parse(body), dated);
  assert.notDeepEqual(dated, expected, "the date changes the analysis");
  const csv = parseCsv((await download("entities-csv")).body);
  assert.ok(csv.some((r) => r[3] === "اليوم" && r[7] === "2015-12-23"), "اليوم has the document date");
  await page.locator("#doc-date").fill("");
  await page.waitForFunction(() => !document.querySelector("#article mark.ent.expr[data-value='2015-12-23']") && document.getElementById("article").dataset.state === "done");
});

test("exports made no request off the origin", () => {
  assert.deepEqual(offOrigin(env.requests, env.server.origin), []);
});
