// The page end to end, as a user meets it: paste → highlights and panels, legend toggles,
// selecting a cluster and stepping through its mentions, tooltips, the keyboard path, the
// language switch, hostile input staying text, worker failure and recovery, and no request
// leaving the origin.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { analyze } from "../../js/node.js";
import { setup, paste, waitRendered, readExample, offOrigin, hoverMark } from "./helpers.mjs";
import { LABELS, EXPRESSIONS, valueText } from "../../www/render.js";

const SEED = readExample("seed-sana-moscow.txt");
const DEV = readExample("CN-middleEast-557-20180410.txt");
// The same wasm build in Node: the page must show exactly what analyze() finds. (The analyzer is
// improved in parallel, so the facts asserted below are the contract, not one model's output.)
const EXPECTED = analyze(SEED);
const BIGGEST = [...EXPECTED.clusters].sort((a, b) => b.mentions.length - a.mentions.length)[0];
// The seed's document date (SANA, 23 December 2015): relative dates get their values.
const SEED_DATE = "2015-12-23";
const DATED = analyze(SEED, { date: SEED_DATE });
// An amount whose currency is a name of its own: the MONEY expression contains the MISC/LOC name.
const MONEY_TEXT = "أعلنت الحكومة تخصيص 5 مليارات دولار للمشروع وارتفعت الأسعار 20 في المئة يوم 24 نوفمبر 2015";
const MONEY = analyze(MONEY_TEXT);

let env;
let page;
let errors;

before(async () => {
  // A sub-path, as on any static host: every path in the page must be relative.
  env = await setup({ prefix: "/some/sub/path/" });
  ({ page, errors } = await env.newPage());
});

after(async () => {
  await env?.close();
});

test("paste the seed article: highlights with data-label, quotes with data-kind and data-speaker, panels", { timeout: 90000 }, async () => {
  await paste(page, SEED);
  const article = page.locator("#article");
  // The article is the text itself, right to left.
  assert.equal(await article.textContent(), SEED);
  assert.equal(await article.getAttribute("dir"), "rtl");
  assert.equal(await article.evaluate((a) => getComputedStyle(a).direction), "rtl");

  const ents = await page.$$eval("#article mark.ent", (ms) => ms.map((m) => ({ label: m.dataset.label, text: m.textContent })));
  assert.ok(ents.length >= 20, `at least 20 entity highlights, got ${ents.length}`);
  for (const e of ents) assert.ok([...LABELS, ...EXPRESSIONS].includes(e.label), `label ${e.label}`);
  assert.ok(ents.some((e) => e.label === "DATE"), "the seed's dates are highlighted");
  assert.ok(ents.some((e) => e.label === "PER" && e.text.includes("لافروف")), "لافروف is a PER highlight");
  assert.ok(ents.some((e) => e.label === "LOC" && e.text.includes("موسكو")), "موسكو is a LOC highlight");

  assert.deepEqual(
    await page.$$eval("#article mark.ent", (ms) => ms.map((m) => [m.textContent, m.dataset.label])),
    EXPECTED.entities.map((e) => [e.text, e.label]),
    "one highlight per entity, with its label",
  );
  // Expressions carry class expr and their value (none for a relative date without a document date).
  assert.deepEqual(
    await page.$$eval("#article mark.ent.expr", (ms) => ms.map((m) => [m.dataset.entity, m.dataset.value ?? ""])),
    EXPECTED.entities.flatMap((e, i) => (EXPRESSIONS.includes(e.label) ? [[String(i), valueText(e.value)]] : [])),
  );

  const quotes = await page.$$eval("#article .q-first", (qs) => qs.map((q) => ({ kind: q.dataset.kind, speaker: q.dataset.speaker })));
  assert.ok(quotes.length >= 3, `at least 3 quote highlights, got ${quotes.length}`);
  assert.deepEqual(
    quotes,
    EXPECTED.quotes.map((q) => ({ kind: q.kind, speaker: q.speaker ? q.speaker.canonical : "" })),
    "one quote highlight per quote, with its kind and its speaker's canonical name",
  );
  assert.ok(quotes.some((q) => q.speaker !== ""), "at least one quote has a speaker");
  // Every quote element (continuations too) carries the contract attributes.
  assert.equal(await page.locator("#article .q:not([data-kind]), #article .q:not([data-speaker])").count(), 0);

  // The speaker is shown at the quote (the tag drawn before the quote's first piece).
  const spoken = EXPECTED.quotes.find((q) => q.speaker);
  const tag = await page.locator(`#article .q-first[data-quote="${EXPECTED.quotes.indexOf(spoken)}"]`).evaluate((q) => getComputedStyle(q, "::before").content);
  assert.ok(tag.includes(spoken.speaker.canonical), `the tag ${tag} names ${spoken.speaker.canonical}`);

  // Panels: people, places, organizations with counts, and quotes grouped by speaker.
  const people = await page.locator('[data-panel="PER"] button.item-btn').allTextContents();
  assert.ok(people.some((p) => p.includes("لافروف")), `people panel: ${people.join(" | ")}`);
  assert.ok((await page.locator('[data-panel="LOC"] button.item-btn').count()) >= 3);
  assert.ok((await page.locator('[data-panel="ORG"] button.item-btn').count()) >= 1);
  const groups = await page.locator('[data-panel="quotes"] .quote-group h4').allTextContents();
  assert.ok(groups.some((g) => g.includes(spoken.speaker.canonical)), `quote groups: ${groups.join(" | ")}`);
  assert.equal(await page.locator('[data-panel="quotes"] button.item-btn').count(), EXPECTED.quotes.length);
  // Dates and numbers: one item per expression, in text order, with its readable value when it has one.
  const exprs = EXPECTED.entities.filter((e) => EXPRESSIONS.includes(e.label));
  const items = await page.locator('[data-panel="EXPR"] button.item-btn').allTextContents();
  assert.equal(items.length, exprs.length);
  exprs.forEach((e, k) => assert.ok(items[k].includes(e.text), `${items[k]} shows ${e.text}`));
  const withValue = exprs.findIndex((e) => typeof e.value === "string");
  assert.ok(withValue >= 0 && items[withValue].includes(exprs[withValue].value), items[withValue]);
  assert.match(await page.locator('[data-panel="EXPR"] h3').textContent(), new RegExp(`تواريخ وأعداد \\(${exprs.length}\\)`));
  // Every cluster is listed once, with its mention count.
  assert.equal(await page.locator("[data-panel] button.item-btn[data-cluster]").count(), EXPECTED.clusters.length);
  const status = await page.locator("#status").textContent();
  assert.match(status, /\d/);
});

test("a dev article from the examples, one click away", { timeout: 90000 }, async () => {
  await page.getByRole("button", { name: "CNN: دوما" }).click();
  await waitRendered(page, DEV);
  assert.equal(await page.locator("#input").inputValue(), DEV);
  assert.ok((await page.locator("#article mark.ent").count()) >= 8);
  assert.ok((await page.locator("#article .q-first").count()) >= 1);
  assert.match(await page.locator("#examples-note").textContent(), /Chouigui/);
});

test("typing is analyzed after a pause; a .txt file opens from the button or by dropping it", { timeout: 90000 }, async () => {
  await page.locator("#clear").click();
  assert.equal(await page.locator("#article").getAttribute("data-state"), "empty");
  await page.locator("#input").focus();
  await page.keyboard.type("وقال وزير الخارجية الروسي سيرغي لافروف في موسكو", { delay: 5 });
  await waitRendered(page, "وقال وزير الخارجية الروسي سيرغي لافروف في موسكو");
  assert.ok((await page.locator("#article mark.ent").count()) >= 1);

  // Clearing while an analysis runs: its late result is not drawn.
  await page.evaluate((t) => navigator.clipboard.writeText(t), SEED);
  await page.locator("#input").focus();
  await page.keyboard.press("Control+A");
  await page.keyboard.press("Control+V");
  await page.waitForFunction(() => document.getElementById("article").getAttribute("aria-busy") === "true");
  await page.locator("#clear").click();
  await page.waitForTimeout(800);
  assert.equal(await page.locator("#article").getAttribute("data-state"), "empty");
  assert.equal(await page.locator("#article").textContent(), "");

  await page.locator("#file").setInputFiles({ name: "article.txt", mimeType: "text/plain", buffer: Buffer.from(DEV) });
  await waitRendered(page, DEV);

  const dropped = "أعلن الرئيس فلاديمير بوتين في موسكو";
  await page.locator("#drop").evaluate((zone, text) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], "dropped.txt", { type: "text/plain" }));
    zone.dispatchEvent(new DragEvent("dragover", { dataTransfer: dt, bubbles: true, cancelable: true }));
    zone.dispatchEvent(new DragEvent("drop", { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, dropped);
  await waitRendered(page, dropped);
  assert.equal(await page.locator("#input").inputValue(), dropped);
});

test("highlight colours meet WCAG AA in the light and the dark scheme", { timeout: 60000 }, async () => {
  await paste(page, SEED + "\nقال جوزيف بوريل إن الاتحاد الأوروبي قلق");
  for (const scheme of ["light", "dark"]) {
    await page.emulateMedia({ colorScheme: scheme });
    const rows = await page.evaluate(() => {
      const rgb = (s) => s.match(/[\d.]+/g).slice(0, 3).map(Number);
      const lum = ([r, g, b]) => {
        const f = (c) => ((c /= 255) <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
        return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
      };
      const ratio = (a, b) => {
        const [x, y] = [lum(rgb(a)), lum(rgb(b))].sort((p, q) => q - p);
        return (x + 0.05) / (y + 0.05);
      };
      const out = [];
      // The legend swatches carry every type, whatever this text contains.
      for (const sw of document.querySelectorAll("#legend .swatch")) {
        const cs = getComputedStyle(sw);
        const key = sw.dataset.label || sw.dataset.kind;
        const line = sw.dataset.label ? cs.borderBottomColor : cs.borderTopColor;
        const panel = getComputedStyle(document.querySelector(".output-pane")).backgroundColor;
        const text = getComputedStyle(document.getElementById("article")).color;
        out.push({ key, text: ratio(text, cs.backgroundColor), line: ratio(line, cs.backgroundColor), linePanel: ratio(line, panel) });
      }
      const tag = document.querySelector("#article .q-first");
      const tcs = getComputedStyle(tag, "::before");
      out.push({ key: "speaker tag", text: ratio(tcs.color, tcs.backgroundColor), line: 99, linePanel: 99 });
      return out;
    });
    // 4 name types, 2 expression swatches (dates, amounts), 3 quote kinds, the speaker tag.
    assert.equal(rows.length, 10);
    for (const r of rows) {
      assert.ok(r.text >= 4.5, `${scheme} ${r.key}: text contrast ${r.text.toFixed(2)}`);
      assert.ok(r.line >= 3 && r.linePanel >= 3, `${scheme} ${r.key}: line contrast ${r.line.toFixed(2)} / ${r.linePanel.toFixed(2)}`);
    }
  }
  await page.emulateMedia({ colorScheme: "light" });
});

test("a date in the seed is highlighted with its value in the tooltip", { timeout: 60000 }, async () => {
  await paste(page, SEED);
  const i = EXPECTED.entities.findIndex((e) => e.label === "DATE" && /^XXXX-\d\d-\d\d$/.test(e.value ?? ""));
  assert.ok(i >= 0, "the seed has a day and month without a year (13 November)");
  const e = EXPECTED.entities[i];
  const m = page.locator(`#article mark.ent[data-entity="${i}"]`);
  assert.equal(await m.textContent(), e.text);
  assert.equal(await m.getAttribute("data-label"), "DATE");
  assert.equal(await m.getAttribute("data-value"), e.value);
  assert.notEqual(await m.evaluate((x) => getComputedStyle(x).backgroundColor), "rgba(0, 0, 0, 0)");
  await hoverMark(page, m);
  // The tooltip is filled on the pointer event; wait for it rather than read it at once.
  await page.waitForFunction(() => (document.querySelector("#tip")?.textContent || "").includes("القيمة"), null, { timeout: 10000 });
  const tipText = await page.locator("#tip").textContent();
  assert.ok(tipText.includes("تاريخ") && tipText.includes("القيمة"), tipText);
  assert.ok(tipText.includes(e.value), `${tipText} has ${e.value}`);
  // Readable: the day, without the unknown year's XXXX outside the ISO form.
  assert.ok(tipText.includes(String(Number(e.value.slice(8)))), tipText);
  // Switched off with the Dates & numbers toggle; the names stay.
  await page.locator('input[data-toggle="EXPR"]').uncheck();
  assert.equal(await m.evaluate((x) => getComputedStyle(x).backgroundColor), "rgba(0, 0, 0, 0)");
  assert.notEqual(await page.locator('#article mark.ent[data-label="PER"]').first().evaluate((x) => getComputedStyle(x).backgroundColor), "rgba(0, 0, 0, 0)");
  await page.locator('input[data-toggle="EXPR"]').check();
  // The panel item selects the mention.
  await page.locator(`[data-panel="EXPR"] button.item-btn[data-entity="${i}"]`).click();
  assert.ok(await m.evaluate((x) => x.classList.contains("current") && x === document.activeElement));
  await page.locator("#sel-clear").click();
});

test("the document date resolves relative dates: اليوم becomes the chosen date", { timeout: 90000 }, async () => {
  await paste(page, SEED);
  const i = EXPECTED.entities.findIndex((e) => e.label === "DATE" && e.text === "اليوم");
  assert.ok(i >= 0, "the seed says اليوم");
  assert.equal(EXPECTED.entities[i].value, undefined);
  assert.equal(DATED.entities[i].text, "اليوم");
  assert.equal(DATED.entities[i].value, SEED_DATE);
  const m = page.locator(`#article mark.ent[data-entity="${i}"]`);
  assert.equal(await m.getAttribute("data-value"), null);
  await hoverMark(page, m);
  assert.match(await page.locator("#tip").textContent(), /تاريخ المستند/, "an unresolved date asks for the document date");
  assert.equal(await page.locator("#doc-date").getAttribute("type"), "date");
  assert.equal(await page.getByLabel("تاريخ المستند").count(), 1);

  await page.locator("#doc-date").fill(SEED_DATE);
  await page.waitForFunction((sel) => document.querySelector(sel)?.dataset.value === "2015-12-23" && document.getElementById("article").dataset.state === "done", `#article mark.ent[data-entity="${i}"]`);
  // Every expression has the value the analyzer gives with that date.
  assert.deepEqual(
    await page.$$eval("#article mark.ent.expr", (ms) => ms.map((x) => [x.dataset.entity, x.dataset.value ?? ""])),
    DATED.entities.flatMap((e, k) => (EXPRESSIONS.includes(e.label) ? [[String(k), valueText(e.value)]] : [])),
  );
  await page.mouse.move(0, 0);
  await hoverMark(page, m);
  const tipText = await page.locator("#tip").textContent();
  assert.ok(tipText.includes(SEED_DATE) && tipText.includes("23") && tipText.includes("2015"), tipText);
  assert.ok((await page.locator(`[data-panel="EXPR"] button.item-btn[data-entity="${i}"]`).textContent()).includes(SEED_DATE));

  // Emptied: no date again.
  await page.locator("#doc-date").fill("");
  await page.waitForFunction((sel) => document.querySelector(sel) && !("value" in document.querySelector(sel).dataset) && document.getElementById("article").dataset.state === "done", `#article mark.ent[data-entity="${i}"]`);
  assert.deepEqual(errors, []);
});

test("a name inside an amount: nested highlights, each with its tooltip", { timeout: 60000 }, async () => {
  const money = MONEY.entities.findIndex((e) => e.label === "MONEY");
  assert.ok(money >= 0, JSON.stringify(MONEY.entities));
  const inner = MONEY.entities.findIndex((e, k) => k !== money && e.start >= MONEY.entities[money].start && e.end <= MONEY.entities[money].end);
  assert.ok(inner > money, "the name inside comes after its expression");
  await paste(page, MONEY_TEXT);
  const outer = page.locator(`#article mark.ent.expr[data-entity="${money}"]`);
  assert.equal(await outer.textContent(), MONEY.entities[money].text);
  assert.equal(await outer.getAttribute("data-value"), "5000000000 USD");
  const nested = outer.locator(`mark.ent[data-entity="${inner}"]`);
  assert.equal(await nested.textContent(), MONEY.entities[inner].text);
  // Both visible: the inner name has its own colour inside the amount's frame.
  const [ob, ib] = await Promise.all([outer.evaluate((x) => getComputedStyle(x).backgroundColor), nested.evaluate((x) => getComputedStyle(x).backgroundColor)]);
  assert.notEqual(ob, ib);
  await hoverMark(page, outer, { at: "right" });
  let tipText = await page.locator("#tip").textContent();
  assert.ok(tipText.includes("مبلغ") && tipText.includes("USD") && /5[,٬]000[,٬]000[,٬]000/.test(tipText), tipText);
  await hoverMark(page, nested);
  tipText = await page.locator("#tip").textContent();
  assert.ok(tipText.includes(MONEY.entities[inner].text) && tipText.includes("USD"), `the name's tooltip names its amount: ${tipText}`);
  const pct = MONEY.entities.findIndex((e) => e.label === "PERCENT");
  if (pct >= 0) {
    await hoverMark(page, page.locator(`#article mark.ent[data-entity="${pct}"]`));
    assert.match(await page.locator("#tip").textContent(), /20\s*\u200e?%/);
  }
});

test("legend toggles hide and show a type", { timeout: 60000 }, async () => {
  await paste(page, SEED);
  const per = page.locator('#article mark.ent[data-label="PER"]').first();
  const bg = () => per.evaluate((m) => getComputedStyle(m).backgroundColor);
  const shown = await bg();
  assert.notEqual(shown, "rgba(0, 0, 0, 0)");
  const box = page.locator('input[data-toggle="PER"]');
  await box.uncheck();
  assert.equal(await bg(), "rgba(0, 0, 0, 0)");
  // Other types stay.
  const loc = await page.locator('#article mark.ent[data-label="LOC"]').first().evaluate((m) => getComputedStyle(m).backgroundColor);
  assert.notEqual(loc, "rgba(0, 0, 0, 0)");
  await box.check();
  assert.equal(await bg(), shown);

  const q = page.locator('#article .q-first[data-kind="direct"]').first();
  const qbg = await q.evaluate((m) => getComputedStyle(m).backgroundColor);
  await page.locator('input[data-toggle="direct"]').uncheck();
  assert.equal(await q.evaluate((m) => getComputedStyle(m).backgroundColor), "rgba(0, 0, 0, 0)");
  assert.equal(await q.evaluate((m) => getComputedStyle(m, "::before").display), "none");
  await page.locator('input[data-toggle="direct"]').check();
  assert.equal(await q.evaluate((m) => getComputedStyle(m).backgroundColor), qbg);
});

test("selecting a cluster highlights all its mentions and steps through them; tooltip shows type and name", { timeout: 60000 }, async () => {
  await paste(page, SEED);
  const btn = page.locator(`[data-panel] button.item-btn[data-cluster="${BIGGEST.id}"]`);
  const id = String(BIGGEST.id);
  const total = await page.locator(`#article mark.ent[data-cluster="${id}"]`).count();
  assert.equal(total, BIGGEST.mentions.length);
  assert.ok(total >= 3, `the biggest cluster has at least 3 mentions, got ${total}`);
  await btn.click();
  assert.equal(await btn.getAttribute("aria-pressed"), "true");
  assert.equal(await page.locator("#article mark.ent.sel").count(), total);
  assert.equal(await page.locator(`#article mark.ent.sel:not([data-cluster="${id}"])`).count(), 0);
  const nth = () => page.evaluate(() => [...document.querySelectorAll("#article mark.ent.sel")].indexOf(document.querySelector("#article mark.current")));
  assert.equal(await nth(), 0);
  assert.ok(await page.locator("#article mark.current").evaluate((m) => m === document.activeElement));
  // The tooltip of the focused mention: type, canonical name.
  const tipText = await page.locator("#tip").textContent();
  const TYPE = { PER: "شخص", LOC: "مكان", ORG: "منظمة", MISC: "أخرى" };
  assert.ok(tipText.includes(TYPE[BIGGEST.label]), tipText);
  assert.ok(tipText.includes(BIGGEST.canonical), tipText);
  // A person's Latin name, in the tooltip and beside the name in the panel (a text node).
  assert.ok(BIGGEST.label !== "PER" || BIGGEST.latin, "the seed's biggest person has a Latin name");
  if (BIGGEST.latin) {
    assert.ok(tipText.includes(BIGGEST.latin), tipText);
    assert.equal(await btn.locator(".item-latin").textContent(), BIGGEST.latin);
    assert.equal(await btn.locator(".item-latin").evaluate((s) => s.childNodes.length === 1 && s.firstChild.nodeType === Node.TEXT_NODE), true);
  }
  assert.equal(await page.locator("#article mark.current").getAttribute("aria-describedby"), "tip");
  await page.locator("#sel-next").click();
  assert.equal(await nth(), 1);
  await page.locator("#sel-prev").click();
  await page.locator("#sel-prev").click();
  assert.equal(await nth(), total - 1, "stepping back wraps around");
  assert.match(await page.locator("#selection-text").textContent(), new RegExp(`${total}`));
  await page.locator("#sel-clear").click();
  assert.equal(await page.locator("#article .sel").count(), 0);

  // Clicking a highlight selects its cluster too.
  await page.locator(`#article mark.ent[data-cluster="${id}"]`).nth(1).click();
  assert.equal(await page.locator("#article mark.ent.sel").count(), total);

  // Hovering a quote shows its kind and speaker.
  await page.locator("#sel-clear").click();
  const spoken = EXPECTED.quotes.findIndex((q) => q.speaker);
  await page.locator(`#article .q-first[data-quote="${spoken}"]`).hover({ position: { x: 5, y: 5 } });
  const qtip = await page.locator("#tip").textContent();
  assert.match(qtip, /قول/);
  assert.ok(qtip.includes(EXPECTED.quotes[spoken].speaker.canonical), qtip);
});

test("keyboard path: tab to the highlights, arrows, Enter selects, toggles and panels by keyboard", { timeout: 60000 }, async () => {
  await paste(page, SEED);
  // From the textarea, Tab reaches the article's single tab stop (the first highlight).
  await page.locator("#input").focus();
  let found = false;
  for (let i = 0; i < 25 && !found; i++) {
    await page.keyboard.press("Tab");
    found = await page.evaluate(() => !!document.activeElement && document.activeElement.closest("#article") !== null);
  }
  assert.ok(found, "Tab reaches the article");
  const first = await page.evaluate(() => document.activeElement.dataset.entity ?? document.activeElement.dataset.quote);
  await page.keyboard.press("ArrowDown");
  const second = await page.evaluate(() => document.activeElement.dataset.entity ?? document.activeElement.dataset.quote);
  assert.notEqual(first, second);
  assert.equal(await page.evaluate(() => document.getElementById("tip").hidden), false, "focus shows the tooltip");
  // Move to a person and press Enter: its cluster is selected.
  await page.evaluate(() => {
    const m = document.querySelector('#article mark.ent[data-label="PER"]');
    m.focus();
  });
  await page.keyboard.press("Enter");
  assert.ok((await page.locator("#article mark.ent.sel").count()) >= 1);
  await page.keyboard.press("Escape");
  assert.equal(await page.locator("#article .sel").count(), 0);

  // A legend toggle by keyboard (Space on a focused checkbox).
  await page.locator('input[data-toggle="LOC"]').focus();
  await page.keyboard.press("Space");
  assert.equal(await page.locator('input[data-toggle="LOC"]').isChecked(), false);
  assert.ok(await page.locator("#article").evaluate((a) => a.classList.contains("hide-LOC")));
  await page.keyboard.press("Space");
  assert.equal(await page.locator('input[data-toggle="LOC"]').isChecked(), true);

  // With a type switched off, the arrows skip its highlights.
  await page.locator('input[data-toggle="LOC"]').uncheck();
  await page.evaluate(() => document.querySelector("#article mark.ent, #article .q-first").focus());
  const visited = [];
  for (let i = 0; i < 8; i++) {
    await page.keyboard.press("ArrowDown");
    visited.push(await page.evaluate(() => document.activeElement.dataset.label || document.activeElement.dataset.kind));
  }
  assert.ok(!visited.includes("LOC"), `visited ${visited.join(",")}`);
  await page.locator('input[data-toggle="LOC"]').check();

  // A panel item by keyboard: Enter selects and moves focus to the first mention.
  await page.locator('[data-panel="LOC"] button.item-btn').first().focus();
  await page.keyboard.press("Enter");
  assert.ok(await page.evaluate(() => document.activeElement.matches("#article mark.ent.sel.current")));
  // The skip link is the first focusable element and leads to the article.
  assert.equal(await page.evaluate(() => document.querySelector("a[href], button, input:not([tabindex='-1']), select, textarea, [tabindex='0']").className), "skip");
  await page.locator("a.skip").focus();
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => document.activeElement && document.activeElement.id === "article");
  // Landmarks and labelled controls.
  assert.equal(await page.locator("header, main, aside, footer").count(), 4);
  assert.equal(await page.getByLabel(/الصق نصًّا عربيًّا/).count(), 1);
  // Highlights are announced with their type.
  const snap = await page.locator("#article").ariaSnapshot();
  assert.match(snap, /شخص: /);
});

test("the interface switches to English and back; its direction follows", { timeout: 60000 }, async () => {
  await page.locator("#lang").click();
  assert.equal(await page.evaluate(() => document.documentElement.lang), "en");
  assert.equal(await page.evaluate(() => document.documentElement.dir), "ltr");
  assert.equal(await page.locator("#input-h").textContent(), "Text");
  assert.match(await page.locator('[data-panel="PER"] h3').textContent(), /People/);
  // The article stays Arabic and right to left.
  assert.equal(await page.locator("#article").evaluate((a) => getComputedStyle(a).direction), "rtl");
  await page.locator("#lang").click();
  assert.equal(await page.evaluate(() => document.documentElement.dir), "rtl");
});

test("pasted markup stays text", { timeout: 60000 }, async () => {
  const evil = 'قال لافروف "<img src=x onerror=alert(1)>" في موسكو <script>alert(2)</script> <b>bold</b>';
  await paste(page, evil);
  assert.equal(await page.locator("#article").textContent(), evil);
  assert.equal(await page.locator("#article img, #article script, #article b").count(), 0);
  assert.equal(await page.locator("img, body script").count(), 0);
  await page.waitForTimeout(200);
  assert.deepEqual(errors, [], "no dialog and no page error");
});

test("a failing worker is reported and the next input recovers", { timeout: 90000 }, async () => {
  // A fresh page whose worker starts while the wasm is broken: the analyzer cannot start.
  const broken = await page.context().newPage();
  await broken.route("**/pkg/marsad_bg.wasm", (route) => route.fulfill({ status: 200, contentType: "application/wasm", body: Buffer.from("not wasm") }));
  await broken.goto(env.server.url);
  await broken.locator("#input").fill("قال لافروف في موسكو");
  await broken.locator("#error").waitFor({ state: "visible" });
  assert.match(await broken.locator("#error").textContent(), /تعطّل المحلِّل/);
  await broken.unroute("**/pkg/marsad_bg.wasm");
  await broken.locator("#input").fill("قال سيرغي لافروف في موسكو");
  await waitRendered(broken, "قال سيرغي لافروف في موسكو");
  assert.equal(await broken.locator("#error").isHidden(), true);
  assert.ok((await broken.locator("#article mark.ent").count()) >= 1);
  await broken.close();

  // A worker script that dies (an 'error' event rather than an error answer).
  const dying = await page.context().newPage();
  await dying.route("**/worker.js", (route) => route.fulfill({ status: 200, contentType: "text/javascript", body: 'throw new Error("boom");' }));
  await dying.goto(env.server.url);
  await dying.locator("#input").fill("قال لافروف في موسكو");
  await dying.locator("#error").waitFor({ state: "visible" });
  await dying.unroute("**/worker.js");
  await dying.locator("#input").fill("قال سيرغي لافروف في موسكو اليوم");
  await waitRendered(dying, "قال سيرغي لافروف في موسكو اليوم");
  assert.equal(await dying.locator("#error").isHidden(), true);
  await dying.close();
});

test("no request leaves the page's origin", async () => {
  assert.ok(env.requests.length > 5);
  assert.deepEqual(offOrigin(env.requests, env.server.origin), []);
  assert.ok(env.requests.some((u) => u.endsWith("/some/sub/path/pkg/marsad_bg.wasm")), "the wasm loads from the sub-path");
});
