// The page's core flows in all three engines (Chromium, Firefox, WebKit; tests/e2e/engines.mjs):
// a real paste of the seed article, the highlights and legend toggles, the panels, selecting a
// cluster and stepping through it, every export (download content and the clipboard copy), and
// the Content-Security-Policy: the engine blocks what the page's policy forbids, and no request
// leaves the page's origin. The page is served from a sub-path, as on any static host.
// The finer flows (keyboard path, contrast, worker recovery, the 100k budget) stay Chromium-only
// in page.test.mjs, export.test.mjs and large.test.mjs.
//
// An engine that is not installed fails its suite with the apt-get command that installs it
// (MARSAD_ENGINES=chromium,firefox runs only those).
import { describe, test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { analyze } from "../../js/node.js";
import { serve } from "./server.mjs";
import { readExample } from "./helpers.mjs";
import { launch, selectedEngines } from "./engines.mjs";
import { EXPRESSIONS, valueText } from "../../www/render.js";

const SEED = readExample("seed-sana-moscow.txt");
// Markup and CSV-hostile characters must survive the paste, the rendering and every export.
const TEXT = SEED + '\nوقال لافروف: "<b>لا</b>, وبعد & قبل"\n';
const EXPECTED = analyze(TEXT);
const BIGGEST = [...EXPECTED.clusters].sort((a, b) => b.mentions.length - a.mentions.length || a.id - b.id)[0];
const PREFIX = "/some/sub/path/";
// The seed's document date: اليوم and the other relative dates get values.
const DATE = "2015-12-23";
const DATED = analyze(TEXT, { date: DATE });
const exprValues = (r) => r.entities.flatMap((e, i) => (EXPRESSIONS.includes(e.label) ? [[String(i), valueText(e.value)]] : []));

/** A server on another origin that records every request it gets: it must receive none. */
async function foreignOrigin() {
  const seen = [];
  const server = createServer((req, res) => {
    seen.push(req.url);
    res.writeHead(404).end();
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  return {
    seen,
    origin: `http://127.0.0.1:${server.address().port}`,
    close: () => new Promise((r) => { server.closeAllConnections?.(); server.close(() => r()); }),
  };
}

// In-page helpers (they run in the page, so they are plain functions of their argument).
const rendered = (text) => {
  const a = document.getElementById("article");
  return a.dataset.state === "done" && a.textContent === text;
};

for (const engine of selectedEngines()) {
  describe(engine, { concurrency: false }, () => {
    let browser;
    let page;
    let site;
    let foreign;
    const requests = [];

    before(async () => {
      site = await serve({ prefix: PREFIX });
      foreign = await foreignOrigin();
      browser = await launch(engine);
      page = await browser.newPage();
      page.onRequest((u) => requests.push(u));
      await page.goto(site.url);
      await page.waitFor(() => document.documentElement.dataset.app === "ready");
    });

    after(async () => {
      await page?.close().catch(() => {});
      await browser?.close().catch(() => {});
      await site?.close();
      await foreign?.close();
    });

    test(`${engine}: a real paste of the seed article gives one highlight per entity and quote, right to left`, { timeout: 120000 }, async (t) => {
      t.diagnostic(browser.version);
      await page.evaluate(() => {
        window.__pastes = 0;
        document.getElementById("input").addEventListener("paste", () => window.__pastes++);
      });
      await page.writeClipboard(TEXT);
      await page.click("#input");
      await page.press("Control+A");
      await page.press("Control+V");
      await page.waitFor(rendered, TEXT, 60000);
      const got = await page.evaluate(() => {
        const a = document.getElementById("article");
        return {
          pastes: window.__pastes,
          value: document.getElementById("input").value,
          dir: a.getAttribute("dir"),
          direction: getComputedStyle(a).direction,
          ents: [...a.querySelectorAll("mark.ent")].map((m) => [m.textContent, m.dataset.label]),
          exprs: [...a.querySelectorAll("mark.ent.expr")].map((m) => [m.dataset.entity, m.dataset.value ?? ""]),
          quotes: [...a.querySelectorAll(".q-first")].map((q) => ({ kind: q.dataset.kind, speaker: q.dataset.speaker })),
          bare: a.querySelectorAll(".q:not([data-kind]), .q:not([data-speaker])").length,
          markup: a.querySelectorAll("b, img, script").length,
        };
      });
      assert.equal(got.pastes, 1, "the text arrived by a paste event");
      assert.equal(got.value, TEXT);
      assert.equal(got.dir, "rtl");
      assert.equal(got.direction, "rtl");
      assert.deepEqual(got.ents, EXPECTED.entities.map((e) => [e.text, e.label]), "one highlight per entity, with its label");
      assert.ok(got.ents.some(([, l]) => l === "DATE"), "dates are highlighted");
      assert.deepEqual(got.exprs, exprValues(EXPECTED), "dates and numbers with their values");
      assert.deepEqual(got.quotes, EXPECTED.quotes.map((q) => ({ kind: q.kind, speaker: q.speaker ? q.speaker.canonical : "" })));
      assert.ok(got.quotes.length >= 3 && got.quotes.some((q) => q.speaker));
      assert.equal(got.bare, 0, "every quote piece carries its kind and speaker");
      assert.equal(got.markup, 0, "pasted markup stays text");
    });

    test(`${engine}: legend toggles hide and show a type`, { timeout: 60000 }, async () => {
      const bg = (sel) => page.evaluate((s) => getComputedStyle(document.querySelector(s)).backgroundColor, sel);
      const per = '#article mark.ent[data-label="PER"]';
      const shown = await bg(per);
      assert.notEqual(shown, "rgba(0, 0, 0, 0)");
      await page.click('input[data-toggle="PER"]');
      assert.equal(await bg(per), "rgba(0, 0, 0, 0)");
      assert.notEqual(await bg('#article mark.ent[data-label="LOC"]'), "rgba(0, 0, 0, 0)", "other types stay");
      await page.click('input[data-toggle="PER"]');
      assert.equal(await bg(per), shown);
    });

    test(`${engine}: panels list every cluster with its mentions, and the quotes by speaker`, { timeout: 60000 }, async () => {
      const p = await page.evaluate(() => ({
        people: [...document.querySelectorAll('[data-panel="PER"] button.item-btn')].map((b) => b.textContent),
        places: document.querySelectorAll('[data-panel="LOC"] button.item-btn').length,
        orgs: document.querySelectorAll('[data-panel="ORG"] button.item-btn').length,
        clusters: document.querySelectorAll("[data-panel] button.item-btn[data-cluster]").length,
        groups: [...document.querySelectorAll('[data-panel="quotes"] .quote-group h4')].map((h) => h.textContent),
        quoteItems: document.querySelectorAll('[data-panel="quotes"] button.item-btn').length,
        status: document.getElementById("status").textContent,
      }));
      assert.ok(p.people.some((x) => x.includes("لافروف")), `people: ${p.people.join(" | ")}`);
      assert.ok(p.places >= 3 && p.orgs >= 1);
      assert.equal(p.clusters, EXPECTED.clusters.length);
      assert.equal(p.quoteItems, EXPECTED.quotes.length);
      const spoken = EXPECTED.quotes.find((q) => q.speaker);
      assert.ok(p.groups.some((g) => g.includes(spoken.speaker.canonical)), `groups: ${p.groups.join(" | ")}`);
      assert.match(p.status, /\d/);
    });

    test(`${engine}: dates and numbers — panel, tooltip value, and the document date resolves اليوم`, { timeout: 90000 }, async () => {
      const today = EXPECTED.entities.findIndex((e) => e.label === "DATE" && e.text === "اليوم");
      assert.ok(today >= 0 && EXPECTED.entities[today].value === undefined && DATED.entities[today].value === DATE);
      const look = (i) =>
        page.evaluate((k) => {
          const m = document.querySelector(`#article mark.ent[data-entity="${k}"]`);
          m.focus(); // focus shows the tooltip, as hovering does
          return {
            value: m.dataset.value ?? null,
            bg: getComputedStyle(m).backgroundColor,
            tip: document.getElementById("tip").textContent,
            items: document.querySelectorAll('[data-panel="EXPR"] button.item-btn').length,
            exprs: [...document.querySelectorAll("#article mark.ent.expr")].map((x) => [x.dataset.entity, x.dataset.value ?? ""]),
          };
        }, i);
      let r = await look(today);
      assert.equal(r.value, null);
      assert.notEqual(r.bg, "rgba(0, 0, 0, 0)");
      assert.match(r.tip, /تاريخ المستند/, `an unresolved date asks for the document date: ${r.tip}`);
      assert.equal(r.items, EXPECTED.entities.filter((e) => EXPRESSIONS.includes(e.label)).length);
      const valued = EXPECTED.entities.findIndex((e) => e.label === "DATE" && typeof e.value === "string");
      r = await look(valued);
      assert.ok(r.tip.includes(EXPECTED.entities[valued].value), r.tip);

      const setDate = (d) =>
        page.evaluate((v) => {
          const box = document.getElementById("doc-date");
          box.value = v;
          box.dispatchEvent(new Event("input", { bubbles: true }));
          box.dispatchEvent(new Event("change", { bubbles: true }));
          return box.type;
        }, d);
      assert.equal(await setDate(DATE), "date");
      await page.waitFor((k) => document.querySelector(`#article mark.ent[data-entity="${k}"]`)?.dataset.value === "2015-12-23" && document.getElementById("article").dataset.state === "done", today, 60000);
      r = await look(today);
      assert.deepEqual(r.exprs, exprValues(DATED), "every expression has its value for that date");
      assert.ok(r.tip.includes(DATE) && r.tip.includes("2015"), r.tip);
      // Emptied: no document date again (the exports below are of the undated analysis).
      await setDate("");
      await page.waitFor((k) => {
        const m = document.querySelector(`#article mark.ent[data-entity="${k}"]`);
        return !!m && !("value" in m.dataset) && document.getElementById("article").dataset.state === "done";
      }, today, 60000);
      assert.deepEqual((await look(today)).exprs, exprValues(EXPECTED));
      await page.evaluate(() => document.activeElement?.blur());
    });

    test(`${engine}: selecting a cluster highlights all its mentions and steps through them`, { timeout: 60000 }, async () => {
      const id = String(BIGGEST.id);
      const state = () =>
        page.evaluate((cid) => {
          const sel = [...document.querySelectorAll("#article mark.ent.sel")];
          return {
            sel: sel.length,
            foreign: sel.filter((m) => m.dataset.cluster !== cid).length,
            current: sel.indexOf(document.querySelector("#article mark.current")),
            focused: document.activeElement?.classList.contains("current") ?? false,
            pressed: document.querySelector(`[data-panel] button.item-btn[data-cluster="${cid}"]`).getAttribute("aria-pressed"),
            tip: document.getElementById("tip").textContent,
          };
        }, id);
      await page.click(`[data-panel] button.item-btn[data-cluster="${id}"]`);
      let s = await state();
      assert.equal(s.sel, BIGGEST.mentions.length);
      assert.ok(s.sel >= 3, `the biggest cluster has ${s.sel} mentions`);
      assert.equal(s.foreign, 0);
      assert.equal(s.pressed, "true");
      assert.equal(s.current, 0);
      assert.ok(s.focused, "the first mention has the focus");
      assert.ok(s.tip.includes(BIGGEST.canonical), `tooltip: ${s.tip}`);
      await page.click("#sel-next");
      assert.equal((await state()).current, 1);
      await page.click("#sel-prev");
      await page.click("#sel-prev");
      assert.equal((await state()).current, BIGGEST.mentions.length - 1, "stepping back wraps around");
      await page.click("#sel-clear");
      assert.equal((await state()).sel, 0);
      // Clicking a highlight selects its cluster.
      await page.evaluate((cid) => document.querySelectorAll(`#article mark.ent[data-cluster="${cid}"]`)[1].setAttribute("data-test-target", ""), id);
      await page.click("#article [data-test-target]");
      s = await state();
      assert.equal(s.sel, BIGGEST.mentions.length);
      await page.click("#sel-clear");
    });

    test(`${engine}: every export holds the analysis, and copy puts it on the clipboard`, { timeout: 90000 }, async () => {
      // The page downloads a Blob through an <a download> click; the test keeps the Blob and the
      // file name, and stops the browser's own download (its machinery is not the page's).
      await page.evaluate(() => {
        window.__downloads = [];
        const blobs = new Map();
        const create = URL.createObjectURL.bind(URL);
        URL.createObjectURL = (b) => {
          const u = create(b);
          blobs.set(u, b);
          return u;
        };
        HTMLAnchorElement.prototype.click = function () {
          const b = blobs.get(this.href);
          if (b) b.text().then((text) => window.__downloads.push({ name: this.download, type: b.type, text }));
        };
      });
      const download = async (format) => {
        const n = await page.evaluate((f) => {
          const s = document.getElementById("export-format");
          s.value = f;
          s.dispatchEvent(new Event("change", { bubbles: true }));
          return window.__downloads.length;
        }, format);
        await page.click("#download");
        await page.waitFor((k) => window.__downloads.length > k, n);
        const d = await page.evaluate((k) => window.__downloads[k], n);
        return { ...d, text: d.text.replace(/^\uFEFF/, "") };
      };
      const json = await download("json");
      assert.equal(json.name, "marsad.json");
      assert.deepEqual(JSON.parse(json.text), EXPECTED);

      const ents = await download("entities-csv");
      assert.equal(ents.name, "marsad-entities.csv");
      assert.match(ents.type, /^text\/csv/);
      const rows = ents.text.split("\r\n").filter(Boolean);
      assert.equal(rows[0], "start,end,label,text,cluster,canonical,latin,value,currency");
      assert.equal(rows.length - 1, EXPECTED.entities.length);

      const quotes = await download("quotes-csv");
      assert.equal(quotes.name, "marsad-quotes.csv");
      assert.match(quotes.text, /^start,end,kind,speaker,speaker_text,speaker_cluster,cue,text,speaker_latin\r\n/);

      const html = await download("html");
      assert.equal(html.name, "marsad.html");
      assert.doesNotMatch(html.text, /<script|<link|src=|@import|url\(/i, "self-contained");
      assert.match(html.text, /&lt;b&gt;لا&lt;\/b&gt;/, "markup escaped");
      // One mark per entity, or several with the same index where a quote boundary splits it.
      assert.equal(new Set(html.text.match(/data-entity="\d+"/g)).size, EXPECTED.entities.length);

      await page.evaluate(() => (document.getElementById("export-format").value = "json"));
      await page.click("#copy");
      await page.waitFor(() => /نُسخ/.test(document.getElementById("export-status").textContent));
      assert.deepEqual(JSON.parse(await page.readClipboard()), EXPECTED);
    });

    test(`${engine}: the Content-Security-Policy is enforced and no request leaves the origin`, { timeout: 60000 }, async () => {
      // Everything the page and its worker asked for during the flows above stayed on its origin.
      assert.ok(requests.some((u) => u.endsWith(`${PREFIX}app.js`)), `the page's requests were recorded (${requests.length})`);
      assert.ok(requests.some((u) => u.endsWith(`${PREFIX}pkg/marsad_bg.wasm`)), "the wasm loads from the sub-path");
      assert.deepEqual(requests.filter((u) => !u.startsWith(site.origin + "/") && !u.startsWith("blob:") && !u.startsWith("data:")), [], "every request is on the page's origin");
      // The engine enforces the page's policy: a fetch, an image and a script from another origin
      // are refused (some engines report the refused attempts as requests; none reaches the server).
      const r = await page.evaluate(async (url) => {
        const resources = performance.getEntriesByType("resource").map((e) => e.name);
        const violations = [];
        document.addEventListener("securitypolicyviolation", (e) => violations.push(e.violatedDirective || e.effectiveDirective));
        let fetched = "blocked";
        try {
          await fetch(url + "/fetch");
          fetched = "allowed";
        } catch {
          /* refused by connect-src */
        }
        const img = new Image();
        img.src = url + "/image.png";
        document.body.append(img);
        const s = document.createElement("script");
        s.src = url + "/script.js";
        document.head.append(s);
        await new Promise((res) => setTimeout(res, 500));
        img.remove();
        s.remove();
        return { fetched, violations, resources, origin: location.origin };
      }, foreign.origin);
      assert.equal(r.fetched, "blocked", "a fetch to another origin is refused");
      assert.ok(r.violations.length >= 2, `CSP violations reported: ${r.violations.join(", ")}`);
      assert.deepEqual(foreign.seen, [], "the other origin received no request");
      assert.deepEqual(r.resources.filter((u) => !u.startsWith(r.origin + "/") && !u.startsWith("blob:") && !u.startsWith("data:")), []);
    });
  });
}
