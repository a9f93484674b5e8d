// The page's controller: input (typing, paste, file drop, examples) → the analysis worker →
// incremental rendering of the highlighted article, panels, legend toggles, selection, export.
import { LABELS, EXPR, isExpression, readableValue, createRenderer } from "./render.js";
import { exportContent } from "./export.js";
import { setLang, t, lang } from "./i18n.js";

const $ = (id) => document.getElementById(id);
const input = $("input");
const article = $("article");
const statusEl = $("status");
const errorEl = $("error");
const panelsEl = $("panels");
const tip = $("tip");
const docDateInput = $("doc-date");

/** The document date for the analysis ("YYYY-MM-DD"), or "" when none is set (or the input holds
 * something the analyzer would refuse, such as a year beyond 9999). */
function docDate() {
  const v = docDateInput.value;
  return /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : "";
}

const DEBOUNCE_MS = 300;
const PASTE_DEBOUNCE_MS = 20;
const FRAME_BUDGET_MS = 5;

// ---------------------------------------------------------------- worker

let worker = null;
let nextId = 1;
let inflight = null; // {id, text, date, t0, timer}
let pendingText = null; // newest text waiting for the worker to be free
let current = null; // {text, date, result, ms}
let versionShown = false;

function startWorker() {
  const w = new Worker(new URL("./worker.js", import.meta.url), { type: "module" });
  w.addEventListener("message", onWorkerMessage);
  w.addEventListener("error", (ev) => {
    ev.preventDefault();
    if (w === worker) workerFailed(ev.message || "worker error");
  });
  w.addEventListener("messageerror", () => {
    if (w === worker) workerFailed("message error");
  });
  return w;
}

// Start the worker now, before the rest of the page is set up: the wasm downloads and compiles
// and the model is parsed (worker.js warms it up) while the user is still reading the page, so
// the first paste is analyzed as fast as any later one.
worker = startWorker();

function workerFailed(message) {
  if (worker) worker.terminate();
  worker = null;
  if (inflight) clearTimeout(inflight.timer);
  inflight = null;
  pendingText = null;
  article.removeAttribute("aria-busy");
  showError(message === "timeout" ? t("timeout") : t("workerFailed", message));
  setStatus("");
}

function onWorkerMessage(ev) {
  const msg = ev.data || {};
  if (msg.type === "ready") {
    performance.mark("marsad:analyzer-ready");
    document.documentElement.dataset.analyzer = "ready";
    document.documentElement.dataset.analyzerInitMs = Number(msg.initMs).toFixed(1);
    document.documentElement.dataset.analyzerWarmMs = Number(msg.warmMs).toFixed(1);
    if (!versionShown) {
      $("version").textContent = `marsad ${msg.version}`;
      versionShown = true;
    }
    if (!inflight && !current) setStatus(t("ready"));
    return;
  }
  if (!inflight || msg.id !== inflight.id) return;
  clearTimeout(inflight.timer);
  const done = inflight;
  inflight = null;
  if (msg.type === "error") {
    // The wasm instance may be left in a bad state: start a fresh worker on the next input.
    workerFailed(msg.message || "error");
    return;
  }
  if (done.discard && pendingText === null) return;
  if (pendingText !== null) {
    // Newer text is waiting: analyze it instead of drawing a stale result.
    const text = pendingText;
    pendingText = null;
    send(text);
    return;
  }
  hideError();
  performance.mark("marsad:result");
  current = { text: done.text, date: done.date, result: msg.result, ms: Math.round(msg.ms ?? performance.now() - done.t0) };
  render();
}

function send(text) {
  if (!worker) {
    worker = startWorker();
    setStatus(t("loading"));
  }
  const id = nextId++;
  const date = docDate();
  // A watchdog: an analysis that never answers (a hung or dead worker) is reported, not waited for.
  const timer = setTimeout(() => workerFailed("timeout"), 20000 + text.length / 5);
  inflight = { id, text, date, t0: performance.now(), timer };
  performance.mark("marsad:send");
  worker.postMessage({ type: "analyze", id, text, date });
  article.setAttribute("aria-busy", "true");
  setStatus(t("analyzing"));
}

function analyze(text) {
  if (!text.trim()) {
    // An analysis still running is for text that is gone: its result must not be drawn.
    if (inflight) inflight.discard = true;
    pendingText = null;
    current = null;
    article.removeAttribute("aria-busy");
    cancelRender();
    article.replaceChildren();
    article.dataset.state = "empty";
    panelsEl.replaceChildren();
    clearSelection();
    setStatus("");
    return;
  }
  // Nothing changed (an input event that left the text as it was, the same paste again).
  const date = docDate();
  const same = (x) => x && x.text === text && x.date === date;
  if (pendingText === null && (inflight ? !inflight.discard && same(inflight) : same(current))) return;
  if (inflight) pendingText = text;
  else send(text);
}

let debounceTimer = 0;
function schedule(ms) {
  clearTimeout(debounceTimer);
  debounceTimer = setTimeout(() => analyze(input.value), ms);
}

// ---------------------------------------------------------------- rendering

let renderer = null;
let renderToken = 0;

function cancelRender() {
  renderToken++;
}

function render() {
  const token = ++renderToken;
  const { text, result } = current;
  clearSelection();
  hideTip();
  const t0 = performance.now();
  const stats = { chunks: 0, maxChunkMs: 0, totalMs: 0 };
  setStatus(t("rendering"));
  // Work is spread over animation frames: the message handler only schedules; the first frame
  // clears and segments, each later one appends a slice of the article within a time budget that
  // shrinks when frames run long (style, layout and paint of the new slice count too); the panels
  // get frames of their own at the end.
  // Start small: the first slices fill the viewport, whose layout and paint are not skipped.
  let budget = 2;
  let last = 0;
  let panelsStep = null;
  const timed = (fn) => {
    const c0 = performance.now();
    const r = fn();
    const c = performance.now() - c0;
    stats.chunks++;
    stats.maxChunkMs = Math.max(stats.maxChunkMs, c);
    return r;
  };
  const frame = () => {
    if (token !== renderToken) return;
    const now = performance.now();
    if (last) budget = now - last > 34 ? Math.max(1.5, budget / 2) : Math.min(FRAME_BUDGET_MS, budget + 1);
    last = now;
    if (!renderer || renderer.token !== token) {
      timed(() => {
        article.replaceChildren();
        article.dataset.state = "rendering";
        renderer = createRenderer(article, text, result);
        renderer.token = token;
      });
      nextFrame(frame);
      return;
    }
    if (!renderer.done) {
      timed(() => renderer.step(budget));
      nextFrame(frame);
      return;
    }
    if (!panelsStep) panelsStep = renderPanels();
    if (!timed(() => panelsStep(budget))) {
      nextFrame(frame);
      return;
    }
    stats.totalMs = performance.now() - t0;
    const first = renderer.marks[0];
    if (first) first.tabIndex = 0;
    article.dataset.state = "done";
    article.removeAttribute("aria-busy");
    article.dataset.renderMs = stats.totalMs.toFixed(1);
    article.dataset.chunks = String(stats.chunks);
    article.dataset.maxChunkMs = stats.maxChunkMs.toFixed(1);
    article.dataset.analyzeMs = String(current.ms);
    performance.mark("marsad:rendered");
    setStatus(summary());
  };
  nextFrame(frame);
}

// "names: 24 · quotes: 6 · dates & numbers: 7 · 12 ms" (names and expressions counted apart).
function summary() {
  const ents = current.result.entities || [];
  const exprs = ents.filter((e) => isExpression(e.label)).length;
  return t("resultSummary", ents.length - exprs, (current.result.quotes || []).length, current.ms, exprs);
}

// requestAnimationFrame does not run in a hidden tab; fall back to a task there.
function nextFrame(fn) {
  if (document.hidden) setTimeout(fn, 0);
  else requestAnimationFrame(fn);
}

// ---------------------------------------------------------------- panels

function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "class") e.className = v;
    else if (k === "text") e.textContent = v;
    else e.setAttribute(k, v);
  }
  for (const c of children) if (c) e.append(c);
  return e;
}

/**
 * Builds the panels: returns a step function that appends items within a time budget and returns
 * true when all are in (a long article can have hundreds of quotes).
 */
function renderPanels() {
  const { result } = current;
  const clusters = result.clusters || [];
  const parts = [];
  const jobs = []; // [ul, () => li]
  // The four known types first, then any type a newer analyzer may add.
  const labels = [...LABELS, ...new Set(clusters.map((c) => c.label).filter((l) => !LABELS.includes(l)))];
  for (const label of labels) {
    const list = clusters.filter((c) => c.label === label).sort((a, b) => b.mentions.length - a.mentions.length || a.id - b.id);
    if (label === "MISC" && list.length === 0) continue;
    const ul = el("ul");
    for (const c of list) {
      jobs.push([
        ul,
        () => {
          const main = el("span", { class: "item-main" }, el("span", { class: "item-name", text: c.canonical }));
          // The Latin name (people), left to right inside the right-to-left panel; a text node.
          if (c.latin) main.append(el("span", { class: "item-latin", dir: "ltr", lang: "und-Latn", text: c.latin }));
          if (c.roles && c.roles.length) main.append(el("span", { class: "item-role", text: c.roles.join("، ") }));
          const btn = el(
            "button",
            { type: "button", class: "item-btn", "data-cluster": String(c.id), "aria-pressed": "false" },
            main,
            el("span", { class: "item-count", text: t("mentions", c.mentions.length) }),
          );
          return el("li", {}, btn);
        },
      ]);
    }
    const h = el("h3", { id: `panel-${label}` }, el("span", { class: "swatch ent", "data-label": label, "aria-hidden": "true" }), el("span", { text: `${LABELS.includes(label) ? t("panel" + label) : label} (${list.length})` }));
    const sec = el("section", { class: "panel", "data-panel": label, "aria-labelledby": `panel-${label}` }, h);
    sec.append(list.length ? ul : el("p", { class: "none", text: t("none") }));
    parts.push(sec);
  }
  // Dates and numbers, in text order, each with its value in readable form.
  const exprs = (result.entities || []).map((e, i) => [e, i]).filter(([e]) => isExpression(e.label));
  const xul = el("ul");
  for (const [e, i] of exprs) {
    jobs.push([
      xul,
      () => {
        const value = readableValue(e, lang()) || (e.label === "DATE" || e.label === "TIME" ? t("needsDate") : "");
        const main = el("span", { class: "item-main" }, el("span", { class: "item-name", text: e.text }));
        if (value) main.append(el("span", { class: "expr-value", text: value }));
        return el(
          "li",
          {},
          el(
            "button",
            { type: "button", class: "item-btn", "data-entity": String(i), "aria-pressed": "false" },
            main,
            el("span", { class: "label-tag", "data-label": e.label, text: t(e.label) }),
          ),
        );
      },
    ]);
  }
  const xsec = el(
    "section",
    { class: "panel", "data-panel": EXPR, "aria-labelledby": `panel-${EXPR}` },
    el("h3", { id: `panel-${EXPR}` }, el("span", { class: "swatch ent expr", "data-label": "DATE", "aria-hidden": "true" }), el("span", { text: `${t("panelEXPR")} (${exprs.length})` })),
  );
  xsec.append(exprs.length ? xul : el("p", { class: "none", text: t("none") }));
  parts.push(xsec);
  // Quotes grouped by speaker (cluster when known, else the canonical name, else unknown).
  const quotes = result.quotes || [];
  const groups = new Map();
  quotes.forEach((q, i) => {
    const sp = q.speaker;
    const key = sp ? (sp.cluster !== null && sp.cluster !== undefined ? `c${sp.cluster}` : `n${sp.canonical || sp.text}`) : "none";
    if (!groups.has(key)) groups.set(key, { name: sp ? sp.canonical || sp.text : t("unknownSpeaker"), known: !!sp, items: [] });
    groups.get(key).items.push(i);
  });
  const qsec = el("section", { class: "panel", "data-panel": "quotes", "aria-labelledby": "panel-quotes" }, el("h3", { id: "panel-quotes", text: `${t("panelQuotes")} (${quotes.length})` }));
  if (!quotes.length) qsec.append(el("p", { class: "none", text: t("none") }));
  const ordered = [...groups.values()].sort((a, b) => b.known - a.known || b.items.length - a.items.length);
  for (const g of ordered) {
    const ul = el("ul");
    for (const i of g.items) {
      jobs.push([
        ul,
        () => {
          const q = quotes[i];
          const snippet = q.text.length > 70 ? q.text.slice(0, 68) + "…" : q.text;
          return el(
            "li",
            {},
            el(
              "button",
              { type: "button", class: "item-btn", "data-quote": String(i), "aria-pressed": "false" },
              el("span", { class: "quote-text", text: snippet }),
              el("span", { class: "kind-tag", "data-kind": q.kind, text: t(q.kind) }),
            ),
          );
        },
      ]);
    }
    qsec.append(el("div", { class: "quote-group", "data-speaker": g.known ? g.name : "" }, el("h4", { text: `${g.name} — ${t("quotesCount", g.items.length)}` }), ul));
  }
  parts.push(qsec);
  panelsEl.replaceChildren(...parts);
  let next = 0;
  return (budgetMs = Infinity) => {
    const t0 = performance.now();
    while (next < jobs.length) {
      const [ul, make] = jobs[next++];
      ul.append(make());
      if ((next & 15) === 0 && performance.now() - t0 > budgetMs) break;
    }
    return next >= jobs.length;
  };
}

// ---------------------------------------------------------------- selection and navigation

let selection = null; // {els, index, name, button}

function clearSelection() {
  if (selection) {
    for (const e of selection.all) e.classList.remove("sel", "current");
    if (selection.button) selection.button.setAttribute("aria-pressed", "false");
  }
  selection = null;
  $("selection").hidden = true;
}

function select(els, all, name, button, focus = true) {
  clearSelection();
  if (!els.length) return;
  for (const e of all) e.classList.add("sel");
  if (button) button.setAttribute("aria-pressed", "true");
  selection = { els, all, index: 0, name, button };
  $("selection").hidden = false;
  goTo(0, focus);
}

function goTo(index, focus = true) {
  if (!selection) return;
  const n = selection.els.length;
  const prev = selection.els[selection.index];
  if (prev) prev.classList.remove("current");
  selection.index = ((index % n) + n) % n;
  const target = selection.els[selection.index];
  target.classList.add("current");
  showSelectionText();
  target.scrollIntoView({ block: "center", behavior: "instant" });
  if (focus) focusMark(target);
}

// "name — 2 / 7": the name isolated (it is Arabic in an interface that may be left to right).
function showSelectionText() {
  const n = selection.els.length;
  $("selection-text").replaceChildren(el("bdi", { lang: "ar", text: selection.name }), ` — ${selection.index + 1} / ${n}`);
}

function selectCluster(id, button, focus = true) {
  if (!renderer || !current) return;
  const c = (current.result.clusters || []).find((x) => x.id === id);
  const els = renderer.byCluster.get(id) || [];
  const all = article.querySelectorAll(`mark.ent[data-cluster="${id}"]`);
  select(els, all, c ? c.canonical : "", button || panelsEl.querySelector(`button[data-cluster="${id}"]`), focus);
}

function selectEntity(i, button, focus = true) {
  if (!renderer || !current) return;
  const first = renderer.byEntity.get(i);
  if (!first) return;
  select([first], article.querySelectorAll(`mark.ent[data-entity="${i}"]`), current.result.entities[i].text, button || panelsEl.querySelector(`button[data-entity="${i}"]`), focus);
}

function selectQuote(i, button, focus = true) {
  if (!renderer || !current) return;
  const first = renderer.byQuote.get(i);
  if (!first) return;
  const q = current.result.quotes[i];
  const name = q.speaker ? q.speaker.canonical || q.speaker.text : t("unknownSpeaker");
  select([first], article.querySelectorAll(`.q[data-quote="${i}"]`), name, button || panelsEl.querySelector(`button[data-quote="${i}"]`), focus);
}

// Roving tab stop: exactly one highlight in the article is in the tab order.
let rover = null;
function focusMark(m) {
  if (rover && rover !== m) rover.tabIndex = -1;
  if (renderer && renderer.marks[0] && renderer.marks[0] !== m) renderer.marks[0].tabIndex = -1;
  m.tabIndex = 0;
  rover = m;
  m.focus({ preventScroll: true });
}

function isShown(m) {
  const key = m.dataset.label ? (isExpression(m.dataset.label) ? EXPR : m.dataset.label) : m.dataset.kind;
  return !article.classList.contains(`hide-${key}`);
}

// Scrolls a highlight into view, clear of the sticky selection bar.
function reveal(m) {
  m.scrollIntoView({ block: "nearest", behavior: "instant" });
  const bar = $("selection");
  if (bar.hidden) return;
  const over = bar.getBoundingClientRect().bottom + 8 - m.getBoundingClientRect().top;
  if (over > 0) window.scrollBy({ top: -over, behavior: "instant" });
}

function markOf(node) {
  if (!(node instanceof Element)) return null;
  return node.closest("mark.ent") || node.closest(".q");
}

function firstPieceOf(m) {
  if (m.matches(".q:not(.q-first)") && renderer) return renderer.byQuote.get(Number(m.dataset.quote)) || m;
  return m;
}

function activate(m) {
  if (m.matches("mark.ent")) {
    if (m.dataset.cluster !== undefined) selectCluster(Number(m.dataset.cluster), null, false);
    const i = selection ? selection.els.indexOf(m) : -1;
    if (i >= 0) goTo(i, false);
    focusMark(m);
  } else {
    selectQuote(Number(m.dataset.quote), null, true);
  }
}

article.addEventListener("click", (ev) => {
  const m = markOf(ev.target);
  if (m) activate(firstPieceOf(m));
});

article.addEventListener("keydown", (ev) => {
  const m = markOf(ev.target);
  if (!m || !renderer) return;
  const marks = renderer.marks;
  const i = marks.indexOf(m);
  const rtl = getComputedStyle(article).direction === "rtl";
  let to = null;
  switch (ev.key) {
    case "ArrowDown":
      to = i + 1;
      break;
    case "ArrowUp":
      to = i - 1;
      break;
    case "ArrowLeft":
      to = rtl ? i + 1 : i - 1;
      break;
    case "ArrowRight":
      to = rtl ? i - 1 : i + 1;
      break;
    case "Home":
      to = 0;
      break;
    case "End":
      to = marks.length - 1;
      break;
    case "Enter":
    case " ":
      ev.preventDefault();
      activate(m);
      return;
    case "Escape":
      clearSelection();
      return;
    default:
      return;
  }
  ev.preventDefault();
  // Skip the highlights of types switched off in the legend.
  const step = to < i || ev.key === "End" ? -1 : 1;
  to = Math.max(0, Math.min(marks.length - 1, to));
  while (to >= 0 && to < marks.length && !isShown(marks[to])) to += step;
  if (to < 0 || to >= marks.length) return;
  reveal(marks[to]);
  focusMark(marks[to]);
});

panelsEl.addEventListener("click", (ev) => {
  const b = ev.target instanceof Element ? ev.target.closest("button.item-btn") : null;
  if (!b) return;
  if (b.getAttribute("aria-pressed") === "true" && selection) {
    goTo(selection.index + 1);
    return;
  }
  if (b.dataset.cluster !== undefined) selectCluster(Number(b.dataset.cluster), b);
  else if (b.dataset.quote !== undefined) selectQuote(Number(b.dataset.quote), b);
  else if (b.dataset.entity !== undefined) selectEntity(Number(b.dataset.entity), b);
});

$("sel-next").addEventListener("click", () => selection && goTo(selection.index + 1));
$("sel-prev").addEventListener("click", () => selection && goTo(selection.index - 1));
$("sel-clear").addEventListener("click", () => {
  const b = selection && selection.button;
  clearSelection();
  if (b && b.isConnected) b.focus();
});
document.addEventListener("keydown", (ev) => {
  if (ev.key === "Escape" && selection && !ev.defaultPrevented) clearSelection();
});

// ---------------------------------------------------------------- tooltip

function tipRow(dl, key, value) {
  if (!value) return;
  dl.append(el("dt", { text: t(key) }), el("dd", { text: value }));
}

function showTip(m) {
  if (!current) return;
  const dl = el("dl");
  const { result } = current;
  if (m.matches("mark.ent")) {
    const e = result.entities[Number(m.dataset.entity)];
    const c = (result.clusters || []).find((x) => x.id === e.cluster);
    tipRow(dl, "type", LABELS.includes(e.label) || isExpression(e.label) ? t(e.label) : e.label);
    if (isExpression(e.label)) {
      tipRow(dl, "value", readableValue(e, lang()) || (e.label === "DATE" || e.label === "TIME" ? t("needsDate") : ""));
    } else tipRow(dl, "canonical", c ? c.canonical : e.text);
    if (c && c.latin) tipRow(dl, "latin", c.latin);
    if (c && c.roles && c.roles.length) tipRow(dl, "role", c.roles.join("، "));
    // A name inside an amount or a date (the currency of 5 مليارات دولار): the expression too.
    const outer = m.parentElement && m.parentElement.closest("mark.ent.expr");
    if (outer && article.contains(outer)) {
      const x = result.entities[Number(outer.dataset.entity)];
      if (x) tipRow(dl, x.label, `${x.text} — ${readableValue(x, lang()) || t("needsDate")}`);
    }
  } else {
    const q = result.quotes[Number(m.dataset.quote)];
    tipRow(dl, "type", t(q.kind));
    tipRow(dl, "speaker", q.speaker ? q.speaker.canonical || q.speaker.text : t("unknownSpeaker"));
    if (q.cue) tipRow(dl, "cue", q.cue.text);
  }
  tip.replaceChildren(dl);
  tip.hidden = false;
  tipFor = m;
  placeTip(m);
  m.setAttribute("aria-describedby", "tip");
}

function placeTip(m) {
  const r = m.getClientRects()[0] || m.getBoundingClientRect();
  const w = tip.offsetWidth;
  const h = tip.offsetHeight;
  let left = r.left + r.width / 2 - w / 2;
  left = Math.max(6, Math.min(window.innerWidth - w - 6, left));
  let top = r.top - h - 8;
  if (top < 6) top = r.bottom + 8;
  tip.style.left = `${Math.round(left)}px`;
  tip.style.top = `${Math.round(top)}px`;
}

let tipFor = null;
function hideTip(m) {
  tip.hidden = true;
  tipFor = null;
  if (m) m.removeAttribute("aria-describedby");
}

article.addEventListener("mouseover", (ev) => {
  const m = markOf(ev.target);
  if (m) showTip(m);
});
article.addEventListener("mouseout", (ev) => {
  const m = markOf(ev.target);
  if (m && !(ev.relatedTarget instanceof Node && m.contains(ev.relatedTarget))) hideTip(m);
});
article.addEventListener("focusin", (ev) => {
  const m = markOf(ev.target);
  if (m) showTip(m);
});
article.addEventListener("focusout", (ev) => {
  const m = markOf(ev.target);
  if (m) hideTip(m);
});
// The tooltip follows its highlight when the page scrolls (stepping through mentions scrolls).
window.addEventListener(
  "scroll",
  () => {
    if (tipFor && tipFor.isConnected) placeTip(tipFor);
    else hideTip();
  },
  { passive: true, capture: true },
);

window.addEventListener("resize", () => hideTip());

// ---------------------------------------------------------------- legend toggles

$("legend").addEventListener("change", (ev) => {
  const box = ev.target;
  if (!(box instanceof HTMLInputElement) || !box.dataset.toggle) return;
  article.classList.toggle(`hide-${box.dataset.toggle}`, !box.checked);
});

// ---------------------------------------------------------------- input

input.addEventListener("input", () => {
  schedule(pastedAt && performance.now() - pastedAt < 200 ? PASTE_DEBOUNCE_MS : DEBOUNCE_MS);
});
let pastedAt = 0;
input.addEventListener("paste", () => {
  pastedAt = performance.now();
});
input.addEventListener("keydown", (ev) => {
  if (ev.key === "Enter" && (ev.ctrlKey || ev.metaKey)) {
    ev.preventDefault();
    clearTimeout(debounceTimer);
    analyze(input.value);
  }
});
$("analyze").addEventListener("click", () => {
  clearTimeout(debounceTimer);
  analyze(input.value);
});
$("clear").addEventListener("click", () => {
  input.value = "";
  clearTimeout(debounceTimer);
  analyze("");
  input.focus();
});

// A new document date re-analyzes the text as it is (relative dates get their values).
docDateInput.addEventListener("change", () => {
  clearTimeout(debounceTimer);
  analyze(input.value);
});

function setText(text) {
  input.value = text;
  clearTimeout(debounceTimer);
  analyze(text);
}

for (const b of document.querySelectorAll("button[data-example]")) {
  b.addEventListener("click", async () => {
    try {
      const res = await fetch(new URL(`./examples/${b.dataset.example}`, import.meta.url));
      if (!res.ok) throw new Error(`${res.status}`);
      setText(await res.text());
    } catch (err) {
      showError(`${t("fileError")}: ${err.message}`);
    }
  });
}

async function readFile(file) {
  try {
    setText(await file.text());
  } catch (err) {
    showError(`${t("fileError")}: ${err.message}`);
  }
}
$("open-file").addEventListener("click", () => $("file").click());
$("file").addEventListener("change", (ev) => {
  const f = ev.target.files && ev.target.files[0];
  if (f) readFile(f);
  ev.target.value = "";
});
const drop = $("drop");
drop.addEventListener("dragover", (ev) => {
  ev.preventDefault();
  drop.classList.add("over");
});
drop.addEventListener("dragleave", () => drop.classList.remove("over"));
drop.addEventListener("drop", (ev) => {
  ev.preventDefault();
  drop.classList.remove("over");
  const f = ev.dataTransfer && ev.dataTransfer.files && ev.dataTransfer.files[0];
  if (f) readFile(f);
  else if (ev.dataTransfer) {
    const s = ev.dataTransfer.getData("text/plain");
    if (s) setText(s);
  }
});
// A file dropped elsewhere must not navigate away from the page.
window.addEventListener("dragover", (ev) => ev.preventDefault());
window.addEventListener("drop", (ev) => ev.preventDefault());

// ---------------------------------------------------------------- export

function exportStatus(msg) {
  $("export-status").textContent = msg;
}

$("download").addEventListener("click", () => {
  if (!current) return exportStatus(t("nothingToExport"));
  const fmt = $("export-format").value;
  const { content, mime, filename } = exportContent(fmt, current.text, current.result, lang());
  const blob = new Blob([mime.startsWith("text/csv") ? "\uFEFF" + content : content], { type: mime });
  const url = URL.createObjectURL(blob);
  const a = el("a", { href: url, download: filename });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
  exportStatus(`${t("downloaded")}: ${filename}`);
});

$("copy").addEventListener("click", async () => {
  if (!current) return exportStatus(t("nothingToExport"));
  const { content } = exportContent($("export-format").value, current.text, current.result, lang());
  try {
    await navigator.clipboard.writeText(content);
    exportStatus(t("copied"));
  } catch {
    // Fallback for browsers without the async clipboard (or without permission).
    const ta = el("textarea", { class: "visually-hidden", "aria-hidden": "true" });
    ta.value = content;
    document.body.append(ta);
    ta.select();
    const ok = document.execCommand("copy");
    ta.remove();
    exportStatus(ok ? t("copied") : t("copyFailed"));
  }
});

// ---------------------------------------------------------------- status and language

function setStatus(s) {
  statusEl.textContent = s;
}
function showError(s) {
  errorEl.textContent = s;
  errorEl.hidden = false;
}
function hideError() {
  errorEl.hidden = true;
  errorEl.textContent = "";
}

function applyLang(code) {
  setLang(code);
  try {
    localStorage.setItem("marsad-lang", code);
  } catch {
    /* storage may be unavailable */
  }
  if (current && article.dataset.state === "done") {
    renderPanels()();
    setStatus(summary());
  }
  if (selection) showSelectionText();
}
$("lang").addEventListener("click", () => applyLang(lang() === "ar" ? "en" : "ar"));

let saved = "ar";
try {
  saved = localStorage.getItem("marsad-lang") || "ar";
} catch {
  /* ignore */
}
setLang(saved);

if (input.value.trim()) analyze(input.value);
document.documentElement.dataset.app = "ready";
