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
/** Expressions: dates and times, amounts, percentages and quantities, each with a normalized
 * `value` and no cluster. They form one group in the legend (its toggle key is EXPR). */
export const EXPRESSIONS = ["DATE", "TIME", "MONEY", "PERCENT", "QUANTITY"];
export const EXPR = "EXPR";
export const isExpression = (label) => EXPRESSIONS.includes(label);
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
      const cls = ["ent"];
      if (isExpression(e.label)) {
        cls.push("expr");
        const v = valueText(e.value);
        if (v !== "") attrs.push(["data-value", v]);
      }
      return { tag: "mark", cls, attrs };
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
    byEntity: new Map(),
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
      if (first) state.byEntity.set(item.index, el);
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

// ---------------------------------------------------------------- values of expressions

/** An expression's value as one plain string: the ISO string, the number, or "amount CUR"
 * for money; "" when there is none (a relative date without a document date). */
export function valueText(v) {
  if (v === null || v === undefined) return "";
  if (typeof v === "object") return v.amount === undefined ? "" : `${v.amount} ${v.currency ?? ""}`.trim();
  return String(v);
}

// Latin digits in both interface languages, as in the rest of the page.
const LOCALE = { ar: "ar-u-nu-latn", en: "en" };
const DURATION_UNITS = { Y: "year", M: "month", W: "week", D: "day", H: "hour", TM: "minute", S: "second" };
const DECADE = { ar: (d) => `عقد ${d}`, en: (d) => `the ${d}s` };
const CENTURY = { ar: (c) => `القرن ${c}`, en: (c) => `century ${c}` };

function fmt(locale, opts, x) {
  try {
    return new Intl.NumberFormat(locale, opts).format(x);
  } catch {
    return null;
  }
}

function readableDate(v, langCode) {
  const locale = LOCALE[langCode] || LOCALE.ar;
  const dateFmt = (opts, y, m, d) => {
    try {
      return new Intl.DateTimeFormat(locale, { ...opts, timeZone: "UTC" }).format(new Date(Date.UTC(y, m - 1, d)));
    } catch {
      return null;
    }
  };
  let m;
  if ((m = /^(\d{4}|XXXX)-(\d{2})-(\d{2})$/.exec(v))) {
    const known = m[1] !== "XXXX";
    return dateFmt(known ? { day: "numeric", month: "long", year: "numeric" } : { day: "numeric", month: "long" }, known ? +m[1] : 2000, +m[2], +m[3]);
  }
  if ((m = /^(\d{4}|XXXX)-(\d{2})$/.exec(v))) {
    const known = m[1] !== "XXXX";
    return dateFmt(known ? { month: "long", year: "numeric" } : { month: "long" }, known ? +m[1] : 2000, +m[2], 1);
  }
  if (/^\d{4}$/.test(v)) return v;
  if ((m = /^(\d{3})X$/.exec(v))) return (DECADE[langCode] || DECADE.ar)(`${m[1]}0`);
  if ((m = /^(\d{2})XX$/.exec(v))) return (CENTURY[langCode] || CENTURY.ar)(+m[1] + 1);
  if ((m = /^P(?:(\d+(?:\.\d+)?)Y)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(v)) && v !== "P" && v !== "PT") {
    const parts = [];
    ["Y", "M", "W", "D", "H", "TM", "S"].forEach((u, k) => {
      if (m[k + 1] === undefined) return;
      const s = fmt(locale, { style: "unit", unit: DURATION_UNITS[u], unitDisplay: "long" }, Number(m[k + 1]));
      parts.push(s ?? `${m[k + 1]}${u}`);
    });
    return parts.length ? parts.join(langCode === "en" ? ", " : " و") : null;
  }
  if ((m = /^T(\d{2}):(\d{2})$/.exec(v))) return `${m[1]}:${m[2]}`;
  return null;
}

/**
 * An expression's value for people: "24 November 2015", "13 November", "2 days", "US$5,000,000,000",
 * "20%", "6,000" (in the interface's language); the ISO value itself when it has no plainer form;
 * "" when there is no value.
 */
export function readableValue(e, langCode = "ar") {
  const v = e ? e.value : undefined;
  if (v === null || v === undefined) return "";
  const locale = LOCALE[langCode] || LOCALE.ar;
  if (typeof v === "object") {
    if (typeof v.amount !== "number") return valueText(v);
    const s = fmt(locale, { style: "currency", currency: v.currency, currencyDisplay: "symbol", minimumFractionDigits: 0, maximumFractionDigits: 2 }, v.amount);
    return s ? `${s} (${v.currency})` : valueText(v);
  }
  if (typeof v === "number") {
    if (e.label === "PERCENT") return fmt(locale, { style: "percent", maximumFractionDigits: 3 }, v / 100) ?? `${v}%`;
    return fmt(locale, { maximumFractionDigits: 3 }, v) ?? String(v);
  }
  const s = String(v);
  if (e.label === "DATE" || e.label === "TIME") {
    const r = readableDate(s, langCode);
    // The ISO value stays beside the readable form: it is what the export and the JSON carry.
    if (r && r !== s) return `${r} (${s})`;
  }
  return s;
}

export const ENTITY_CSV_HEADER = ["start", "end", "label", "text", "cluster", "canonical", "latin", "value", "currency"];
export const QUOTE_CSV_HEADER = ["start", "end", "kind", "speaker", "speaker_text", "speaker_cluster", "cue", "text", "speaker_latin"];

export function entitiesCsv(result) {
  const byId = new Map((result.clusters || []).map((c) => [c.id, c]));
  return csv([
    ENTITY_CSV_HEADER,
    ...(result.entities || []).map((e) => [
      e.start,
      e.end,
      e.label,
      e.text,
      e.cluster,
      byId.get(e.cluster)?.canonical ?? "",
      byId.get(e.cluster)?.latin ?? "",
      // MONEY: the amount here and its ISO 4217 code in the next column; otherwise the value.
      e.value !== null && typeof e.value === "object" ? e.value.amount : e.value,
      e.value !== null && typeof e.value === "object" ? e.value.currency : "",
    ]),
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
