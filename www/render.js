// Turns a text and marsad's analysis into highlighted markup: as live DOM (incrementally, a slice
// of work per frame) or as an HTML string for the export. Both walk the same flat segmentation.
//
// Every item (paragraph, quote, quote cue, entity) covers [start, end) in UTF-16 code units. The
// boundaries of all items cut the text into segments; each segment knows the items covering it,
// ordered outermost first (paragraph, quote, cue, entity). A stack of open elements follows that
// list from segment to segment, so entities nest inside quotes, and an item that is interrupted by
// the end of an outer one (a quote that crosses a paragraph, overlapping quotes) simply continues
// in a second element. User text only ever becomes text nodes (DOM) or escaped text (string).

export const LABELS = ["PER", "LOC", "ORG", "MISC"];
export const KINDS = ["direct", "indirect", "headline"];

const LAYER = { para: 0, quote: 1, cue: 2, entity: 3 };

/** The items to mark, each {type, start, end, index, layer}. */
export function collectItems(text, result) {
  const items = [];
  // Paragraphs: one per line, the newline itself stays outside (it becomes a bare text node).
  let lineStart = 0;
  for (;;) {
    const nl = text.indexOf("\n", lineStart);
    const lineEnd = nl === -1 ? text.length : nl;
    if (lineEnd > lineStart) items.push({ type: "para", start: lineStart, end: lineEnd, index: items.length, layer: LAYER.para });
    if (nl === -1) break;
    lineStart = nl + 1;
  }
  const valid = (s) => s && Number.isInteger(s.start) && Number.isInteger(s.end) && s.start >= 0 && s.end <= text.length && s.start < s.end;
  (result.quotes || []).forEach((q, i) => {
    if (valid(q)) items.push({ type: "quote", start: q.start, end: q.end, index: i, layer: LAYER.quote });
    if (valid(q.cue)) items.push({ type: "cue", start: q.cue.start, end: q.cue.end, index: i, layer: LAYER.cue });
  });
  (result.entities || []).forEach((e, i) => {
    if (valid(e)) items.push({ type: "entity", start: e.start, end: e.end, index: i, layer: LAYER.entity });
  });
  return items;
}

function outerFirst(a, b) {
  return a.layer - b.layer || a.start - b.start || b.end - a.end || a.index - b.index;
}

/**
 * Cuts [0, text.length) at every item boundary, lazily: returns next() → {start, end, active} or
 * null at the end; `active` lists the items covering the segment, outermost first (a list is
 * never mutated once returned, and is shared by consecutive segments while nothing changes).
 */
export function segmenter(text, items) {
  const cuts = new Float64Array(items.length * 2 + 2);
  cuts[0] = 0;
  cuts[1] = text.length;
  items.forEach((it, k) => {
    cuts[2 + 2 * k] = it.start;
    cuts[3 + 2 * k] = it.end;
  });
  cuts.sort();
  const byStart = [...items].sort((a, b) => a.start - b.start);
  let active = [];
  let next = 0;
  let i = 0;
  return function nextSegment() {
    while (i + 1 < cuts.length && cuts[i + 1] === cuts[i]) i++;
    if (i + 1 >= cuts.length) return null;
    const from = cuts[i];
    const to = cuts[++i];
    let list = active.some((it) => it.end <= from) ? active.filter((it) => it.end > from) : null;
    while (next < byStart.length && byStart[next].start <= from) {
      const it = byStart[next++];
      if (it.end > from) (list ??= [...active]).push(it);
    }
    if (list) active = list.sort(outerFirst);
    return { start: from, end: to, active };
  };
}

/** All segments at once: [{start, end, active: [item, ...]}]. */
export function segment(text, items) {
  const next = segmenter(text, items);
  const out = [];
  for (let seg = next(); seg; seg = next()) out.push(seg);
  return out;
}

/**
 * How an item is drawn: tag, classes and attributes (all values are plain strings; the caller
 * sets them with setAttribute or escapes them). `first` is false for a continuation element.
 */
export function describe(item, result, first) {
  switch (item.type) {
    case "para":
      return { tag: "p", cls: ["para"], attrs: [] };
    case "quote": {
      const q = result.quotes[item.index];
      const speaker = q.speaker ? q.speaker.canonical || q.speaker.text || "" : "";
      const attrs = [
        ["data-kind", String(q.kind)],
        ["data-speaker", speaker],
        ["data-quote", String(item.index)],
      ];
      const cls = ["q"];
      if (first) {
        cls.push("q-first");
        attrs.push(["data-tag", speaker || "؟"]);
      }
      return { tag: "span", cls, attrs };
    }
    case "cue":
      return { tag: "span", cls: ["cue"], attrs: [["data-cue", String(item.index)]] };
    case "entity": {
      const e = result.entities[item.index];
      const attrs = [
        ["data-label", String(e.label)],
        ["data-entity", String(item.index)],
      ];
      if (e.cluster !== null && e.cluster !== undefined) attrs.push(["data-cluster", String(e.cluster)]);
      return { tag: "mark", cls: ["ent"], attrs };
    }
  }
  throw new Error("unknown item type " + item.type);
}

/**
 * Renders into `container` a slice at a time. `step(budgetMs)` does at most about budgetMs of
 * work and returns true when everything is in. Marks are collected for navigation:
 * `marks` (entity and quote elements in document order), `byCluster` (each entity's first
 * element, per cluster id) and `byQuote` (each quote's first element).
 */
export function createRenderer(container, text, result) {
  const nextSegment = segmenter(text, collectItems(text, result));
  let pending = nextSegment();
  const stack = []; // [{item, el}]
  const seen = new Set(); // items that already have their first element
  const state = {
    marks: [],
    byCluster: new Map(),
    byQuote: new Map(),
    segments: 0,
    done: pending === null,
  };

  function open(item) {
    const first = !seen.has(item);
    seen.add(item);
    const d = describe(item, result, first);
    const el = document.createElement(d.tag);
    el.className = d.cls.join(" ");
    for (const [k, v] of d.attrs) el.setAttribute(k, v);
    if (item.type === "entity") {
      el.tabIndex = -1;
      state.marks.push(el);
      const e = result.entities[item.index];
      if (e.cluster !== null && e.cluster !== undefined) {
        let list = state.byCluster.get(e.cluster);
        if (!list) state.byCluster.set(e.cluster, (list = []));
        if (first) list.push(el);
      }
    } else if (item.type === "quote" && first) {
      el.tabIndex = -1;
      state.marks.push(el);
      state.byQuote.set(item.index, el);
    }
    return el;
  }

  state.step = function step(budgetMs = 8) {
    const t0 = performance.now();
    let n = 0;
    while (pending) {
      const seg = pending;
      pending = nextSegment();
      state.segments++;
      let k = 0;
      while (k < stack.length && k < seg.active.length && stack[k].item === seg.active[k]) k++;
      stack.length = k;
      for (let j = k; j < seg.active.length; j++) {
        const el = open(seg.active[j]);
        (stack.length ? stack[stack.length - 1].el : container).appendChild(el);
        stack.push({ item: seg.active[j], el });
      }
      const parent = stack.length ? stack[stack.length - 1].el : container;
      parent.appendChild(document.createTextNode(text.slice(seg.start, seg.end)));
      if ((++n & 63) === 0 && performance.now() - t0 > budgetMs) break;
    }
    state.done = pending === null;
    return state.done;
  };
  return state;
}

const ESC = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
/** Escapes text for HTML text and double-quoted attribute values. */
export function escapeHtml(s) {
  return String(s).replace(/[&<>"']/g, (c) => ESC[c]);
}

/** The highlighted article as an HTML fragment string (for the export), text escaped. */
export function renderHtmlString(text, result, extraAttrs = () => []) {
  const segments = segment(text, collectItems(text, result));
  const out = [];
  const stack = [];
  const seen = new Set();
  for (const seg of segments) {
    let k = 0;
    while (k < stack.length && k < seg.active.length && stack[k] === seg.active[k]) k++;
    while (stack.length > k) out.push(`</${describe(stack.pop(), result, false).tag}>`);
    for (let j = k; j < seg.active.length; j++) {
      const item = seg.active[j];
      const d = describe(item, result, !seen.has(item));
      seen.add(item);
      const attrs = [["class", d.cls.join(" ")], ...d.attrs, ...extraAttrs(item, result)];
      out.push(`<${d.tag}${attrs.map(([a, v]) => ` ${a}="${escapeHtml(v)}"`).join("")}>`);
      stack.push(item);
    }
    out.push(escapeHtml(text.slice(seg.start, seg.end)));
  }
  while (stack.length) out.push(`</${describe(stack.pop(), result, false).tag}>`);
  return out.join("");
}

/** One CSV field (RFC 4180). Text that a spreadsheet would read as a formula (= + - @, tab, CR
 * at the start) gets a leading apostrophe, so an exported quote can never run as a formula. */
export function csvField(v) {
  let s = v === null || v === undefined ? "" : String(v);
  if (typeof v === "string" && /^[=+\-@\t\r]/.test(s)) s = "'" + s;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
function csv(rows) {
  return rows.map((r) => r.map(csvField).join(",")).join("\r\n") + "\r\n";
}

export const ENTITY_CSV_HEADER = ["start", "end", "label", "text", "cluster", "canonical", "latin"];
export const QUOTE_CSV_HEADER = ["start", "end", "kind", "speaker", "speaker_text", "speaker_cluster", "cue", "text", "speaker_latin"];

export function entitiesCsv(result) {
  const byId = new Map((result.clusters || []).map((c) => [c.id, c]));
  return csv([
    ENTITY_CSV_HEADER,
    ...(result.entities || []).map((e) => [e.start, e.end, e.label, e.text, e.cluster, byId.get(e.cluster)?.canonical ?? "", byId.get(e.cluster)?.latin ?? ""]),
  ]);
}

export function quotesCsv(result) {
  const latin = new Map((result.clusters || []).map((c) => [c.id, c.latin]));
  return csv([
    QUOTE_CSV_HEADER,
    ...(result.quotes || []).map((q) => [
      q.start,
      q.end,
      q.kind,
      q.speaker ? q.speaker.canonical : "",
      q.speaker ? q.speaker.text : "",
      q.speaker ? q.speaker.cluster : "",
      q.cue ? q.cue.text : "",
      q.text,
      (q.speaker && latin.get(q.speaker.cluster)) ?? "",
    ]),
  ]);
}
