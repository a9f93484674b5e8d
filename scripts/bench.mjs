// `npm run bench` (after scripts/bench.sh has built pkg/ and the release CLI): one table with
// every figure of issue 6 — throughput natively (benches/analyze.rs via `cargo bench`), in wasm in
// Node and in headless Chromium, on the seed article and on ~2 MB of real news; the scaling rows
// 10 KB → 10 MB; cold start in Chromium; peak memory; the 50 MB run; wasm size raw/gzip/brotli with
// each embedded model's share; native vs wasm identity; and the peer mishtar from PyPI.
//
// The corpus is generated into target/bench/ from ../shared at bench time (never committed).
// Environment: BENCH_MIN_SECS (time per measurement, default 1.5), BENCH_50MB=0 (skip the 50 MB
// run), BENCH_PEER=0 (skip mishtar), BENCH_CHROMIUM=0 (skip Chromium), BENCH_COLD_RUNS (fresh
// contexts per cold-start figure, default 11), BENCH_ONLY=cold (only the cold start and its parts).
// Writes target/bench/report.md and target/bench/results.json besides printing the table.

import { spawn, spawnSync, execFileSync } from "node:child_process";
import { createServer } from "node:http";
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { createInterface } from "node:readline";
import { dirname, join, resolve, extname } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync, brotliCompressSync, constants as zc } from "node:zlib";
import { isDeepStrictEqual } from "node:util";
import os from "node:os";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const B = join(root, "target/bench");
const SHARED = process.env.MARSAD_SHARED || resolve(root, "../shared");
const MIN_SECS = Number(process.env.BENCH_MIN_SECS || 1.5);
const say = (m) => process.stderr.write(`[bench] ${m}\n`);
mkdirSync(B, { recursive: true });

// ---------------------------------------------------------------- corpus
const SIZES = [["10 KB", 10e3], ["100 KB", 100e3], ["1 MB", 1e6], ["10 MB", 10e6]];
const FIFTY = 50 * 1024 * 1024;
const want50 = process.env.BENCH_50MB !== "0";

async function corpus() {
  const stamp = join(B, "corpus.stamp");
  const files = { seed: join(B, "seed.txt"), news: join(B, "news.json") };
  for (const [label] of SIZES) files[label] = join(B, `scale-${label.replace(" ", "")}.txt`);
  files["50 MB"] = join(B, "scale-50MB.txt");
  if (existsSync(stamp) && (!want50 || existsSync(files["50 MB"]))) return files;
  say("writing the corpus to target/bench/ from ../shared (once)");
  writeFileSync(files.seed, readFileSync(join(SHARED, "examples/seed-sana-moscow.txt")));
  // News: every 7th article (mixing sources and sections) until ~2 MB; scaling texts: articles in
  // file order joined by blank lines, cut at an article boundary once the size is reached.
  const xz = spawn("xz", ["-dc", join(SHARED, "data/news/ant-multisource-v2.1.jsonl.xz")]);
  const rl = createInterface({ input: xz.stdout, crlfDelay: Infinity });
  const news = [];
  let newsBytes = 0, i = 0;
  const target = want50 ? FIFTY : 10e6;
  const parts = [];
  let bytes = 0;
  for await (const line of rl) {
    const text = JSON.parse(line).text || "";
    if (!text.trim()) continue;
    const n = Buffer.byteLength(text);
    if (i++ % 7 === 0 && newsBytes < 2e6) { news.push(text); newsBytes += n; }
    if (bytes < target) { parts.push(text); bytes += n + 2; }
    if (newsBytes >= 2e6 && bytes >= target) break;
  }
  xz.kill();
  writeFileSync(files.news, JSON.stringify(news));
  // Each scaling text is a prefix of the next: articles from the first, until the size is reached.
  const lens = parts.map((p) => Buffer.byteLength(p) + 2);
  for (const [label, size] of [...SIZES, ...(want50 ? [["50 MB", FIFTY]] : [])]) {
    let b = 0, j = 0;
    while (b < size && j < parts.length) b += lens[j++];
    writeFileSync(files[label], parts.slice(0, j).join("\n\n"));
  }
  writeFileSync(stamp, new Date().toISOString());
  return files;
}

// ---------------------------------------------------------------- native
function native(files, keys = ["seed", "news", ...SIZES.map(([l]) => l)], secs = MIN_SECS) {
  const inputs = keys.map((k) => `${k.replace(" ", "")}=${files[k]}`);
  say(`native: cargo bench --bench analyze (${keys.join(", ")})`);
  const out = execFileSync("cargo", ["bench", "--quiet", "--bench", "analyze", "--", "--min-secs", String(secs), ...inputs], {
    cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"], maxBuffer: 1 << 26,
  });
  const r = {};
  for (const line of out.split("\n")) if (line.startsWith("{")) { const o = JSON.parse(line); r[o.name] = o; }
  return r;
}

// ---------------------------------------------------------------- wasm in Node
function timePasses(docs, minSecs, fn) {
  for (const d of docs) fn(d); // warm-up
  const times = [];
  const start = performance.now();
  while (times.length < 3 || (performance.now() - start < minSecs * 1e3 && times.length < 1000)) {
    const t = performance.now();
    for (const d of docs) fn(d);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return times;
}

function summarize(docs, times) {
  const bytes = docs.reduce((s, d) => s + Buffer.byteLength(d), 0);
  const median = times[times.length >> 1] / 1e3;
  return { docs: docs.length, bytes, passes: times.length, median_s: median, min_s: times[0] / 1e3, mb_per_s: bytes / 1e6 / median, docs_per_s: docs.length / median };
}

function loadDocs(files, key) {
  return key === "news" ? JSON.parse(readFileSync(files.news, "utf8")) : [readFileSync(files[key], "utf8")];
}

async function wasmNode(files) {
  say("wasm in Node");
  const m = await import(join(root, "pkg/marsad.js"));
  m.initSync({ module: readFileSync(join(root, "pkg/marsad_bg.wasm")) });
  const r = {};
  for (const key of ["seed", "news", ...SIZES.map(([l]) => l)]) {
    const docs = loadDocs(files, key);
    r[key.replace(" ", "")] = summarize(docs, timePasses(docs, MIN_SECS, (d) => m.analyze(d)));
  }
  return r;
}

/** Native CLI and wasm give the same JSON for the seed and every news article. */
async function identity(files) {
  say("native vs wasm identity (CLI JSON vs analyze() in Node)");
  const m = await import(join(root, "pkg/marsad.js"));
  const docs = [readFileSync(files.seed, "utf8"), ...JSON.parse(readFileSync(files.news, "utf8"))];
  let same = 0;
  const differ = [];
  docs.forEach((d, i) => {
    const out = spawnSync(join(root, "target/release/marsad"), ["analyze"], { input: d, encoding: "utf8", maxBuffer: 1 << 26 });
    const a = JSON.parse(out.stdout);
    const b = JSON.parse(JSON.stringify(m.analyze(d)));
    if (isDeepStrictEqual(a, b)) same++; else differ.push(i);
  });
  return { same, of: docs.length, differ: differ.slice(0, 10) };
}

// ---------------------------------------------------------------- memory
function timeV(args, input) {
  const r = spawnSync("/usr/bin/time", ["-v", ...args], { encoding: "utf8", stdio: [input ? "pipe" : "ignore", "ignore", "pipe"], maxBuffer: 1 << 26 });
  const rss = Number((r.stderr.match(/Maximum resident set size \(kbytes\): (\d+)/) || [])[1]);
  const el = (r.stderr.match(/Elapsed \(wall clock\) time.*: ([\d:.]+)/) || [])[1] || "";
  const secs = el.split(":").reduce((s, x) => s * 60 + Number(x), 0);
  return { rss_mb: rss / 1024, secs, status: r.status };
}

function memory(files) {
  say("peak memory (native CLI under /usr/bin/time -v; wasm linear memory in a fresh Node)");
  const r = {};
  for (const [label] of [...SIZES, ...(want50 && existsSync(files["50 MB"]) ? [["50 MB"]] : [])]) {
    const f = files[label];
    const nat = timeV([join(root, "target/release/marsad"), "analyze", f]);
    let wasm = null;
    if (label !== "50 MB") {
      const code = `import { readFileSync } from "node:fs";
        const m = await import(${JSON.stringify(join(root, "pkg/marsad.js"))});
        const w = m.initSync({ module: readFileSync(${JSON.stringify(join(root, "pkg/marsad_bg.wasm"))}) });
        const before = w.memory.buffer.byteLength;
        const t = performance.now(); m.analyze(readFileSync(${JSON.stringify(f)}, "utf8")); const ms = performance.now() - t;
        console.log(JSON.stringify({ before: before / 2 ** 20, after: w.memory.buffer.byteLength / 2 ** 20, ms, rss: process.memoryUsage().rss / 2 ** 20 }));`;
      const o = spawnSync(process.execPath, ["--input-type=module", "-e", code], { encoding: "utf8" });
      try { wasm = JSON.parse(o.stdout); } catch { wasm = { error: o.stderr.split("\n")[0] }; }
    }
    r[label] = { bytes: statSync(f).size, native: nat, wasm };
  }
  return r;
}

// ---------------------------------------------------------------- Chromium
const MIME = { ".html": "text/html", ".css": "text/css", ".js": "text/javascript", ".wasm": "application/wasm", ".json": "application/json", ".txt": "text/plain; charset=utf-8" };

function serve() {
  const routes = { "/pkg/": join(root, "pkg/"), "/bench/": B + "/", "/site/": join(root, "dist/") };
  const page = (body) => `<!doctype html><meta charset="utf-8"><title>marsad bench</title><body>${body}</body>`;
  const seed = readFileSync(join(B, "seed.txt"), "utf8");
  const cold = page(`<script type="application/json" id="seed">${JSON.stringify(seed).replace(/</g, "\\u003c")}</script>
<script type="module">
const seed = JSON.parse(document.getElementById("seed").textContent);
const t0 = performance.now();
const m = await import("/pkg/marsad.js");
const t1 = performance.now();
await m.default({ module_or_path: "/pkg/marsad_bg.wasm" });
const t2 = performance.now();
const r = m.analyze(seed);
const t3 = performance.now();
m.analyze(seed);
const t4 = performance.now();
const w = performance.getEntriesByType("resource").find((e) => e.name.endsWith("/marsad_bg.wasm"));
// The parts: the glue's import; init() = the wasm's fetch (request → last byte) and what compile
// and instantiate take after the last byte (streaming compiles during the download); the first
// analysis, and a second one of the same text (the first's excess is lazy set-up and cold code).
window.__cold = { ms: t3 - t0, sinceNavigation: t3, entities: r.entities.length, import: t1 - t0, init: t2 - t1,
  fetch: w ? w.responseEnd - w.startTime : NaN, afterFetch: w ? t2 - w.responseEnd : NaN, first: t3 - t2, second: t4 - t3 };
</script>`);
  const run = page(`<script type="module">
const m = await import("/pkg/marsad.js");
await m.default({ module_or_path: "/pkg/marsad_bg.wasm" });
window.__marsad = m;
window.__ready = true;
</script>`);
  const server = createServer((req, res) => {
    const url = new URL(req.url, "http://x");
    if (url.pathname === "/cold.html" || url.pathname === "/run.html") {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
      return res.end(url.pathname === "/cold.html" ? cold : run);
    }
    for (const [p, dir] of Object.entries(routes)) {
      if (url.pathname.startsWith(p)) {
        const f = resolve(dir, url.pathname.slice(p.length) || "index.html");
        if (!f.startsWith(dir) || !existsSync(f)) break;
        res.writeHead(200, { "content-type": MIME[extname(f)] || "application/octet-stream" });
        return res.end(readFileSync(f));
      }
    }
    res.writeHead(404).end();
  });
  return new Promise((ok) => server.listen(0, "127.0.0.1", () => ok(server)));
}

const COLD_RUNS = Number(process.env.BENCH_COLD_RUNS || 11);

/**
 * The page's cold start as a user meets it: dist/ in a fresh context. The page starts its worker
 * on load, which compiles the wasm and warms up the model; the figure is the time from navigation
 * to the worker's "ready", then the time from a real paste (clipboard + Ctrl+V) of the seed to the
 * drawn highlights, taken once the analyzer is ready.
 */
async function pageCold(browser, base, med) {
  if (!existsSync(join(root, "dist/index.html"))) return null;
  const seed = readFileSync(join(B, "seed.txt"), "utf8");
  const runs = [];
  for (let i = 0; i < COLD_RUNS; i++) {
    const ctx = await browser.newContext({ permissions: ["clipboard-read", "clipboard-write"] });
    const page = await ctx.newPage();
    await page.goto(`${base}/site/`);
    await page.waitForSelector("html[data-analyzer=ready]", { timeout: 60e3 });
    await page.evaluate((t) => navigator.clipboard.writeText(t), seed);
    await page.evaluate(() => document.getElementById("input").addEventListener("paste", () => (window.__pasteAt = performance.now())));
    await page.locator("#input").focus();
    await page.keyboard.press("Control+V");
    await page.waitForFunction((t) => { const a = document.getElementById("article"); return a.dataset.state === "done" && a.textContent === t; }, seed, { timeout: 60e3 });
    runs.push(await page.evaluate(() => {
      const h = document.documentElement.dataset;
      const last = (n) => performance.getEntriesByName(n).at(-1).startTime;
      return { ready: last("marsad:analyzer-ready"), initMs: Number(h.analyzerInitMs), warmMs: Number(h.analyzerWarmMs),
        paste: last("marsad:rendered") - window.__pasteAt, analyzeMs: Number(document.getElementById("article").dataset.analyzeMs) };
    }));
    await ctx.close();
  }
  const m = (k) => med(runs.map((r) => r[k]));
  return { ready: m("ready"), initMs: m("initMs"), warmMs: m("warmMs"), paste: m("paste"), analyzeMs: m("analyzeMs"), runs: runs.length, all: runs };
}

async function chromium(files) {
  say("wasm in headless Chromium (playwright-core, /usr/bin/chromium)");
  const { chromium } = await import("playwright-core");
  const server = await serve();
  const base = `http://127.0.0.1:${server.address().port}`;
  const browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  try {
    // Cold start: a new context each time (empty HTTP and code caches).
    const colds = [];
    for (let i = 0; i < COLD_RUNS; i++) {
      const ctx = await browser.newContext();
      const page = await ctx.newPage();
      await page.goto(`${base}/cold.html`);
      await page.waitForFunction(() => window.__cold, null, { timeout: 60e3 });
      colds.push(await page.evaluate(() => window.__cold));
      await ctx.close();
    }
    const med = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
    const cold = { runs: colds.length, all: colds.map((c) => c.ms) };
    for (const k of ["ms", "sinceNavigation", "import", "init", "fetch", "afterFetch", "first", "second"]) cold[k] = med(colds.map((c) => c[k]));
    if (process.env.BENCH_ONLY === "cold") return { cold, close: async () => { await browser.close(); server.close(); } };
    const site = await pageCold(browser, base, med);
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await page.goto(`${base}/run.html`);
    await page.waitForFunction(() => window.__ready, null, { timeout: 60e3 });
    const r = {};
    const keys = { seed: "seed.txt", news: "news.json", ...Object.fromEntries(SIZES.map(([l]) => [l, files[l].split("/").pop()])) };
    const measure = (file, minSecs) => page.evaluate(async ({ file, minSecs }) => {
        const res = await fetch(`/bench/${file}`);
        const docs = file.endsWith(".json") ? await res.json() : [await res.text()];
        const m = window.__marsad;
        for (const d of docs) m.analyze(d);
        const times = [];
        const start = performance.now();
        while (times.length < 3 || (performance.now() - start < minSecs * 1e3 && times.length < 1000)) {
          const t = performance.now();
          for (const d of docs) m.analyze(d);
          times.push(performance.now() - t);
        }
        times.sort((a, b) => a - b);
        const bytes = docs.reduce((s, d) => s + new TextEncoder().encode(d).length, 0);
        const median = times[times.length >> 1] / 1e3;
        return { docs: docs.length, bytes, passes: times.length, median_s: median, min_s: times[0] / 1e3, mb_per_s: bytes / 1e6 / median, docs_per_s: docs.length / median };
      }, { file, minSecs });
    for (const [key, file] of Object.entries(keys)) r[key.replace(" ", "")] = await measure(file, MIN_SECS);
    const version = browser.version();
    const close = async () => { await ctx.close(); await browser.close(); server.close(); };
    return { cold, site, run: r, version, measure: (key, secs) => measure(keys[key], secs), close };
  } catch (e) {
    await browser.close();
    server.close();
    throw e;
  }
}

/**
 * The wasm ÷ native ratio, robust to the load of a shared machine: ROUNDS rounds, each measuring
 * the news set natively, in Node and in Chromium one after the other (1 s each); the ratio of each
 * round, then the median over rounds.
 */
async function interleaved(files, ch, rounds = 5) {
  say(`wasm ÷ native: ${rounds} interleaved rounds on the news set`);
  const m = await import(join(root, "pkg/marsad.js")); // initialized by wasmNode()
  const docs = loadDocs(files, "news");
  const r = { native: [], node: [], chromium: [], nodeRatio: [], chromiumRatio: [] };
  for (let i = 0; i < rounds; i++) {
    const n = native(files, ["news"], 1).news.mb_per_s;
    const w = summarize(docs, timePasses(docs, 1, (d) => m.analyze(d))).mb_per_s;
    r.native.push(n); r.node.push(w); r.nodeRatio.push(w / n);
    if (ch) { const c = (await ch.measure("news", 1)).mb_per_s; r.chromium.push(c); r.chromiumRatio.push(c / n); }
  }
  const med = (xs) => (xs.length ? [...xs].sort((a, b) => a - b)[xs.length >> 1] : null);
  return { rounds, native: med(r.native), node: med(r.node), chromium: med(r.chromium), nodeRatio: med(r.nodeRatio), chromiumRatio: med(r.chromiumRatio), all: r };
}

// ---------------------------------------------------------------- sizes
function sizes() {
  const gz = (b) => gzipSync(b, { level: 9 }).length;
  const br = (b) => brotliCompressSync(b, { params: { [zc.BROTLI_PARAM_QUALITY]: 11, [zc.BROTLI_PARAM_SIZE_HINT]: b.length } }).length;
  const of = (f) => { const b = readFileSync(f); return { raw: b.length, gzip: gz(b), brotli: br(b) }; };
  const wasm = of(join(root, "pkg/marsad_bg.wasm"));
  const js = of(join(root, "pkg/marsad.js"));
  // Every file embedded with include_str!/include_bytes! anywhere under src/.
  const embedded = [];
  const walk = (d) => readdirSync(d, { withFileTypes: true }).forEach((e) => {
    const p = join(d, e.name);
    if (e.isDirectory()) return walk(p);
    if (!p.endsWith(".rs")) return;
    for (const mt of readFileSync(p, "utf8").matchAll(/include_(?:str|bytes)!\(\s*"([^"]+)"\s*\)/g)) {
      const f = resolve(dirname(p), mt[1]);
      if (existsSync(f) && !embedded.some((x) => x.file === f)) embedded.push({ file: f, name: f.slice(root.length + 1), ...of(f) });
    }
  });
  walk(join(root, "src"));
  return { wasm, js, embedded };
}

// ---------------------------------------------------------------- peer
function peer(files) {
  say("peer: mishtar from PyPI (in target/bench/venv)");
  const venv = join(B, "venv");
  const py = join(venv, "bin/python");
  if (!existsSync(py)) spawnSync("python3", ["-m", "venv", venv], { stdio: "inherit" });
  let ok = spawnSync(py, ["-c", "import mishtar"]).status === 0;
  if (!ok) ok = spawnSync(join(venv, "bin/pip"), ["install", "--quiet", "mishtar==0.1"], { stdio: "inherit" }).status === 0;
  if (!ok) return { error: "mishtar could not be installed from PyPI here" };
  const out = spawnSync(py, [join(root, "scripts/bench_mishtar.py"), files.seed, files.news, "30"], { encoding: "utf8" });
  try { return JSON.parse(out.stdout); } catch { return { error: (out.stderr || "").trim().split("\n").pop() }; }
}

// ---------------------------------------------------------------- table
const f1 = (x) => (x == null || Number.isNaN(x) ? "—" : x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
const kb = (n) => `${(n / 1024).toFixed(0)} KiB`;
const sz = (s) => `${kb(s.raw)} raw / ${kb(s.gzip)} gzip / ${kb(s.brotli)} brotli`;

const coldParts = (c) => `import of the glue ${f1(c.import)} ms; init() ${f1(c.init)} ms (wasm fetch ${f1(c.fetch)} ms, then compile + instantiate ${f1(c.afterFetch)} ms); 1st analysis ${f1(c.first)} ms (2nd ${f1(c.second)} ms)`;

function table(R) {
  const rows = [["figure", "input", "native", "wasm (Node)", "wasm (Chromium)", "note / target"]];
  const tp = (x) => (x ? `${f1(x.mb_per_s)} MB/s, ${f1(x.docs_per_s)} art/s (best pass ${f1(x.bytes / 1e6 / x.min_s)} MB/s)` : "—");
  const ch = R.chromium?.run || {};
  rows.push(["throughput", `seed article (${kb(R.native.seed.bytes)})`, tp(R.native.seed), tp(R.node.seed), tp(ch.seed), "1 article per pass"]);
  rows.push(["throughput", `news, ${R.native.news.docs} articles (${(R.native.news.bytes / 1e6).toFixed(2)} MB)`, tp(R.native.news), tp(R.node.news), tp(ch.news), "must ≥ 5 MB/s native, goal ≥ 20"]);
  const perArt = (x) => (x ? `${f1((x.median_s / x.docs) * 1e3)} ms` : "—");
  rows.push(["time per article", "news (mean of the pass)", perArt(R.native.news), perArt(R.node.news), perArt(ch.news), "goal < 1 ms natively"]);
  const ratio = (x, y) => (x && y ? `${(y.mb_per_s / x.mb_per_s).toFixed(2)}×` : "—");
  const I = R.interleaved;
  const x = (v) => (v == null ? "—" : `${v.toFixed(2)}×`);
  rows.push(["wasm ÷ native", `news, median of ${I.rounds} interleaved rounds`, `1 (${f1(I.native)} MB/s)`, `${x(I.nodeRatio)} (${f1(I.node)} MB/s)`, `${x(I.chromiumRatio)} (${f1(I.chromium)} MB/s)`, `must ≥ 0.5×, goal ≥ 0.6×; the separate measurements above give ${ratio(R.native.news, R.node.news)} and ${ratio(R.native.news, ch.news)}`]);
  const base = R.native["100KB"];
  for (const [label] of SIZES) {
    const k = label.replace(" ", "");
    const n = R.native[k], w = R.node[k], c = ch[k];
    const us = (x) => (x ? `${f1(x.mb_per_s)} MB/s (${f1((x.median_s * 1e6) / (x.bytes / 1024))} µs/KiB)` : "—");
    const growth = n && base ? (n.median_s / n.bytes) / (base.median_s / base.bytes) : null;
    const st = n?.stages_s;
    const stages = st ? `; native stages: tokenize ${f1(st.tokenize * 1e3)} ms, ner ${f1(st.ner * 1e3)}, clusters ${f1(st.clusters * 1e3)}, quotes ${f1(st.quotes * 1e3)}, whole ${f1(st.analyze * 1e3)}` : "";
    rows.push(["scaling", `${label} (${(n.bytes / 1e6).toFixed(2)} MB, one text)`, us(n), us(w), us(c), (growth == null ? "" : `cost per byte ${growth.toFixed(2)}× that at 100 KB${growth > 1.5 ? " — NOT LINEAR" : ""}`) + stages]);
  }
  const a = R.native["100KB"], z = R.native["10MB"];
  if (a?.stages_s && z?.stages_s) {
    const g = (k) => (z.stages_s[k] / z.bytes) / (a.stages_s[k] / a.bytes);
    const cells = ["tokenize", "ner", "clusters", "quotes", "analyze"].map((k) => `${k === "analyze" ? "whole" : k} ${g(k).toFixed(1)}×`).join(", ");
    const bad = ["tokenize", "ner", "clusters", "quotes"].filter((k) => g(k) > 2);
    rows.push(["scaling by stage (native)", "time per byte at 10 MB ÷ at 100 KB", cells, "", "", bad.length ? `1× is linear; ${bad.join(" and ")} grow faster than linear` : "1× is linear: all stages linear"]);
  }
  for (const [label] of [...SIZES, ["50 MB"]]) {
    const m = R.memory[label];
    if (!m) continue;
    const w = m.wasm && !m.wasm.error ? `${f1(m.wasm.after)} MiB linear memory (Node RSS ${f1(m.wasm.rss)} MiB), ${f1(m.wasm.ms / 1e3)} s` : m.wasm?.error || "—";
    rows.push([label === "1 MB" ? "**peak memory**" : "peak memory", `${label} (CLI, whole process)`, `${f1(m.native.rss_mb)} MiB RSS, ${f1(m.native.secs)} s`, w, "—", label === "50 MB" ? "issue 7: bounded memory, linear time" : ""]);
  }
  if (R.chromium) {
    rows.push(["cold start", "seed: import + fetch + compile + 1st analysis", "—", "—", `${f1(R.chromium.cold.ms)} ms (${f1(R.chromium.cold.sinceNavigation)} ms from navigation)`, `goal < 150 ms; median of ${R.chromium.cold.runs} fresh contexts`]);
    rows.push(["cold start: its parts", "medians of each part over the same loads", "—", "—", coldParts(R.chromium.cold), "a second analysis of the seed, for comparison with the first"]);
    const p = R.chromium.site;
    if (p) {
      rows.push(["cold start: the page", "dist/ in a fresh context: navigation → analyzer ready (worker, wasm, model warm-up)", "—", "—", `${f1(p.ready)} ms (in the worker: init ${f1(p.initMs)} ms, warm-up ${f1(p.warmMs)} ms)`, `median of ${p.runs} fresh contexts`]);
      rows.push(["cold start: the page", "then a real paste of the seed → highlights drawn", "—", "—", `${f1(p.paste)} ms (analysis in the worker ${f1(p.analyzeMs)} ms)`, "what the user waits for after pasting"]);
    }
  } else rows.push(["cold start", "seed", "—", "—", R.chromiumError || "skipped", ""]);
  const s = R.sizes;
  rows.push(["size", "pkg/marsad_bg.wasm (shipped)", "—", sz(s.wasm), "", `must ≤ 3 MB gzip, goal ≤ 2 MB brotli`]);
  rows.push(["size", "pkg/marsad.js (glue)", "—", sz(s.js), "", ""]);
  for (const e of s.embedded) {
    rows.push(["size: embedded", e.name, "—", sz(e), "", `${((e.brotli / s.wasm.brotli) * 100).toFixed(0)}% of the wasm's brotli size (compressed alone)`]);
  }
  const id = R.identity;
  rows.push(["native = wasm", `seed + ${id.of - 1} news articles`, "", `${id.same}/${id.of} identical JSON`, "", id.same === id.of ? "must: identical" : `DIFFER: ${id.differ.join(", ")}`]);
  const p = R.peer;
  if (p && !p.error) {
    rows.push(["peer: mishtar 0.1 (PyPI, Python)", `${p.articles} of the same news articles; seed`, "", "", "", `${f1(p.article_median_ms)} ms median per article (${f1(p.mb_per_s)} MB/s, ${f1(p.articles_per_s)} art/s); seed ${f1(p.seed_ms)} ms; named + temporal chunkers${p.place_chunker === "ran" ? " + place" : " (its place chunker " + p.place_chunker + ")"}${p.failed ? `; it raised on ${p.failed} articles (${p.first_error}), timed until the raise` : ""}`]);
  } else rows.push(["peer: mishtar (PyPI)", "", "", "", "", p ? `not measured: ${p.error}` : "skipped"]);
  rows.push(["published: BERT NER for transformers.js", "multilingual model, quantized", "", "", "", "178 MB download (marsad: see size)"]);
  rows.push(["published: CAMeL Tools NER", "549 sentences, CPU (its issue #38)", "", "", "", "374 s = 681 ms per sentence"]);
  const w = rows.map((r) => r.map((c) => String(c)));
  return w.map((r, i) => `| ${r.join(" | ")} |` + (i === 0 ? `\n|${r.map(() => "---").join("|")}|` : "")).join("\n");
}

// ---------------------------------------------------------------- main
const R = { when: new Date().toISOString() };
const files = await corpus();
if (process.env.BENCH_ONLY === "cold") {
  // BENCH_ONLY=cold: only the Chromium cold start and its parts (what to look at while working on it).
  const ch = await chromium(files);
  await ch.close();
  console.log(`cold start ${f1(ch.cold.ms)} ms (median of ${ch.cold.runs}; all: ${ch.cold.all.map(f1).join(" ")}); ${coldParts(ch.cold)}`);
  process.exit(0);
}
R.machine = { cpu: os.cpus()[0]?.model, cores: os.cpus().length, memGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version, load: os.loadavg().map((x) => x.toFixed(2)).join(" "),
  rustc: execFileSync("rustc", ["--version"], { encoding: "utf8" }).trim() };
R.native = native(files);
R.node = await wasmNode(files);
R.identity = await identity(files);
let ch = null;
if (process.env.BENCH_CHROMIUM !== "0") {
  try { ch = await chromium(files); } catch (e) { R.chromiumError = `failed: ${String(e.message || e).split("\n")[0]}`; say(R.chromiumError); }
}
R.interleaved = await interleaved(files, ch);
if (ch) { await ch.close(); R.chromium = { cold: ch.cold, site: ch.site, run: ch.run, version: ch.version }; }
R.memory = memory(files);
R.sizes = sizes();
R.peer = process.env.BENCH_PEER === "0" ? null : peer(files);
R.machine.loadAfter = os.loadavg().map((x) => x.toFixed(2)).join(" ");
const md = table(R);
const header = `marsad ${JSON.parse(readFileSync(join(root, "package.json"), "utf8")).version} — ${R.when} — ${R.machine.cpu}, ${R.machine.cores} cores, ${R.machine.memGiB} GiB, ${R.machine.rustc}, Node ${R.machine.node}${R.chromium ? `, Chromium ${R.chromium.version}` : ""}; load average ${R.machine.load} before, ${R.machine.loadAfter} after (shared machine). Medians of repeated passes (${MIN_SECS} s per measurement).`;
writeFileSync(join(B, "results.json"), JSON.stringify(R, null, 2));
writeFileSync(join(B, "report.md"), `${header}\n\n${md}\n`);
console.log(`${header}\n\n${md}`);
