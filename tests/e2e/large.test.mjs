// A 100,000-character article stays responsive: analysis in the worker, the highlights rendered a
// slice per frame. Long tasks (> 50 ms) on the main thread are recorded with a PerformanceObserver
// from the page's first moment; none between the arrival of the result and the end of the
// rendering may reach 100 ms. The figures are printed as test diagnostics.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { setup, paste, readExample, offOrigin } from "./helpers.mjs";

const PARTS = ["seed-sana-moscow.txt", "CN-middleEast-557-20180410.txt", "AL-sport-2256-20180706.txt", "BB-internationalNews-726-20180701.txt"].map(readExample);

function bigText(n) {
  let s = "";
  for (let i = 0; s.length < n; i++) s += PARTS[i % PARTS.length].trim() + "\n\n";
  return s.slice(0, n);
}
const TEXT = bigText(100000);

let env;
let page;

before(async () => {
  env = await setup();
  ({ page } = await env.newPage());
  await page.evaluate(() => {
    window.__longtasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longtasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: "longtask", buffered: true });
  });
});

after(async () => {
  await env?.close();
});

async function measure() {
  await page.locator("#clear").click();
  await page.waitForTimeout(300);
  await page.evaluate(() => (window.__longtasks.length = 0));
  const t0 = Date.now();
  await paste(page, TEXT);
  const wall = Date.now() - t0;
  const m = await page.evaluate(() => {
    const last = (name) => performance.getEntriesByName(name).at(-1)?.startTime;
    const a = document.getElementById("article");
    return {
      send: last("marsad:send"),
      result: last("marsad:result"),
      rendered: last("marsad:rendered"),
      longtasks: window.__longtasks,
      analyzeMs: Number(a.dataset.analyzeMs),
      renderMs: Number(a.dataset.renderMs),
      chunks: Number(a.dataset.chunks),
      maxChunkMs: Number(a.dataset.maxChunkMs),
      marks: a.querySelectorAll("mark.ent").length,
      quotes: a.querySelectorAll(".q-first").length,
    };
  });
  // Long tasks that overlap the rendering window (from the result's arrival to the last frame).
  m.during = m.longtasks.filter((lt) => lt.start + lt.duration >= m.result - 1 && lt.start <= m.rendered + 50);
  m.maxDuring = Math.max(0, ...m.during.map((lt) => lt.duration));
  m.maxAll = Math.max(0, ...m.longtasks.map((lt) => lt.duration));
  m.wall = wall;
  return m;
}

const describeRun = (m) =>
  `analysis in the worker ${m.analyzeMs} ms; rendering ${m.renderMs.toFixed(0)} ms in ${m.chunks} frames, ` +
  `longest script slice ${m.maxChunkMs} ms; long tasks while rendering: ${m.during.length} (longest ${m.maxDuring.toFixed(0)} ms); ` +
  `longest task overall (incl. the paste into the textarea) ${m.maxAll.toFixed(0)} ms; ${m.marks} entity marks, ${m.quotes} quotes; ` +
  `paste to done ${m.wall} ms; timeline (ms from the result): sent ${(m.send - m.result).toFixed(0)}, rendered +${(m.rendered - m.result).toFixed(0)}, ` +
  `long tasks ${m.longtasks.map((lt) => `${(lt.start - m.result).toFixed(0)}+${lt.duration.toFixed(0)}`).join(" ")}`;

// The machine running the tests may be shared (other builds make every frame slower), so the
// long-task budget is checked on the best of up to three runs; every run's figures are printed,
// and the script slices are checked on every run.
test("a 100,000-character article renders without a main-thread task of 100 ms or more", { timeout: 60000 }, async (t) => {
  assert.equal(TEXT.length, 100000);
  await page.waitForTimeout(300);
  const runs = [];
  for (let i = 0; i < 3; i++) {
    const m = await measure();
    runs.push(m);
    t.diagnostic(`100k chars, run ${i + 1}: ${describeRun(m)}`);
    assert.ok(m.marks > 500, `many highlights (${m.marks})`);
    assert.ok(m.chunks > 1, "rendered incrementally");
    assert.ok(m.maxChunkMs < 50, `each rendering slice is short (${m.maxChunkMs} ms)`);
    if (m.maxDuring < 100) break;
  }
  const best = Math.min(...runs.map((m) => m.maxDuring));
  assert.ok(best < 100, `no main-thread task of 100 ms or more while rendering (longest per run: ${runs.map((m) => m.maxDuring.toFixed(0)).join(", ")} ms)`);

  // Still responsive afterwards: selecting the biggest cluster and stepping is quick.
  const s0 = await page.evaluate(() => performance.now());
  await page.locator('[data-panel="PER"] button.item-btn').first().click();
  await page.locator("#sel-next").click();
  const s1 = await page.evaluate(() => performance.now());
  t.diagnostic(`select a cluster and step once: ${(s1 - s0).toFixed(0)} ms (including the test driver's round trips)`);
  assert.ok((await page.locator("#article mark.ent.sel").count()) > 10);
});

test("no request off the origin", () => {
  assert.deepEqual(offOrigin(env.requests, env.server.origin), []);
});
