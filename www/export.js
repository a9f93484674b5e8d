// The exports: the analysis as JSON, the entity and quote lists as CSV, and a self-contained
// annotated HTML copy (its own styles, no script, a CSP that forbids loading anything).
import { entitiesCsv, quotesCsv, renderHtmlString, escapeHtml, readableValue, isExpression, LABELS, EXPRESSIONS, KINDS } from "./render.js";
import { STRINGS } from "./i18n.js";

export const EXPORTS = ["json", "entities-csv", "quotes-csv", "html"];

const HTML_CSS = `
:root{color-scheme:light dark;--per-bg:#dbeafe;--per-line:#1d4ed8;--loc-bg:#dcfce7;--loc-line:#15803d;--org-bg:#ffe4e6;--org-line:#be123c;--misc-bg:#ede9fe;--misc-line:#6d28d9;--time-bg:#cffafe;--time-line:#0e7490;--num-bg:#ffedd5;--num-line:#c2410c;--direct-bg:#fdf0c2;--direct-line:#a14d05;--indirect-bg:#efedea;--indirect-line:#57534e;--headline-bg:#cdf5ed;--headline-line:#0f766e;--tag-bg:#3b3b3b;--tag-text:#fff;--bg:#fff;--text:#1a1a1a;--muted:#545454}
@media (prefers-color-scheme:dark){:root{--per-bg:#1e3a8a;--per-line:#93c5fd;--loc-bg:#14532d;--loc-line:#86efac;--org-bg:#881337;--org-line:#fda4af;--misc-bg:#4c1d95;--misc-line:#c4b5fd;--time-bg:#164e63;--time-line:#67e8f9;--num-bg:#7c2d12;--num-line:#fdba74;--direct-bg:#4a2a06;--direct-line:#fbbf24;--indirect-bg:#33302d;--indirect-line:#c9c4be;--headline-bg:#134e4a;--headline-line:#5eead4;--tag-bg:#e5e2dd;--tag-text:#161616;--bg:#121417;--text:#ece9e4;--muted:#b5b1aa}}
body{margin:0 auto;max-width:48rem;padding:1rem;background:var(--bg);color:var(--text);font-family:"Noto Naskh Arabic","Noto Sans Arabic","Segoe UI","Geeza Pro",Arial,sans-serif}
article{font-size:1.2rem;line-height:2.35}
p.para{margin:0 0 .8rem;white-space:pre-wrap}
mark.ent{color:inherit;border-radius:.2rem;padding:.05em .12em;-webkit-box-decoration-break:clone;box-decoration-break:clone}
[data-label=PER]{background:var(--per-bg);border-bottom:2.5px solid var(--per-line)}
[data-label=LOC]{background:var(--loc-bg);border-bottom:2.5px dashed var(--loc-line)}
[data-label=ORG]{background:var(--org-bg);border-bottom:4px double var(--org-line)}
[data-label=MISC]{background:var(--misc-bg);border-bottom:3px dotted var(--misc-line)}
mark.expr{border:1px solid;border-bottom-width:2.5px}
[data-label=DATE],[data-label=TIME]{background:var(--time-bg);border-color:var(--time-line);border-style:solid}
[data-label=MONEY],[data-label=PERCENT],[data-label=QUANTITY]{background:var(--num-bg);border-color:var(--num-line);border-style:dashed}
.q{text-decoration-line:overline;text-decoration-thickness:2px;-webkit-box-decoration-break:clone;box-decoration-break:clone}
[data-kind=direct]{background:var(--direct-bg);text-decoration-style:solid;text-decoration-color:var(--direct-line)}
[data-kind=indirect]{background:var(--indirect-bg);text-decoration-style:dashed;text-decoration-color:var(--indirect-line)}
[data-kind=headline]{background:var(--headline-bg);text-decoration-style:double;text-decoration-color:var(--headline-line)}
.q-first::before{content:attr(data-tag);display:inline-block;font-size:.72rem;line-height:1.5;background:var(--tag-bg);color:var(--tag-text);border-radius:.6rem;padding:0 .45rem;margin-inline-end:.25rem;vertical-align:.15em}
.cue{text-decoration:underline dotted}
.legend{display:flex;flex-wrap:wrap;gap:.3rem .9rem;font-size:.9rem;color:var(--muted);margin:.5rem 0 1rem;padding:0;list-style:none}
.legend span{padding:0 .3rem}
footer{color:var(--muted);font-size:.8rem;margin-top:2rem}
`;

/** A complete standalone HTML document with the highlighted text (everything escaped). */
export function annotatedHtml(text, result, langCode = "ar") {
  const s = STRINGS[langCode] || STRINGS.ar;
  const canon = new Map((result.clusters || []).map((c) => [c.id, c]));
  // A title attribute on each mark: type, canonical name and role, as the page's tooltip shows.
  const titles = (item) => {
    if (item.type === "entity") {
      const e = result.entities[item.index];
      const c = canon.get(e.cluster);
      const parts = [s[e.label] || e.label];
      // An expression: its value, readable and ISO (also in data-value, machine-readable).
      if (isExpression(e.label)) {
        const v = readableValue(e, langCode);
        if (v) parts.push(v);
      }
      if (c) parts.push(c.canonical);
      if (c && c.latin) parts.push(c.latin);
      if (c && c.roles && c.roles.length) parts.push(c.roles.join("، "));
      return [["title", parts.join(" — ")]];
    }
    if (item.type === "quote") {
      const q = result.quotes[item.index];
      return [["title", `${s[q.kind] || q.kind} — ${q.speaker ? q.speaker.canonical || q.speaker.text : s.unknownSpeaker}`]];
    }
    return [];
  };
  const body = renderHtmlString(text, result, titles);
  const present = new Set((result.entities || []).map((e) => e.label));
  const exprs = EXPRESSIONS.filter((l) => present.has(l));
  const legend = [...LABELS.map((l) => `<li><mark class="ent" data-label="${l}">${escapeHtml(s[l])}</mark></li>`), ...exprs.map((l) => `<li><mark class="ent expr" data-label="${l}">${escapeHtml(s[l])}</mark></li>`), ...KINDS.map((k) => `<li><span class="q" data-kind="${k}">${escapeHtml(s[k])}</span></li>`)].join("");
  const firstLine = text.split("\n").find((l) => l.trim()) || "marsad";
  const title = firstLine.length > 80 ? firstLine.slice(0, 80) + "…" : firstLine;
  return `<!doctype html>
<html lang="ar" dir="rtl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="generator" content="marsad">
<title>${escapeHtml(title)}</title>
<style>${HTML_CSS}</style>
</head>
<body>
<ul class="legend">${legend}</ul>
<article dir="rtl" lang="ar">${body}</article>
<footer>marsad — ${escapeHtml(s.footer)}</footer>
</body>
</html>
`;
}

/** The content of one export format: {content, mime, filename}. */
export function exportContent(format, text, result, langCode) {
  switch (format) {
    case "json":
      return { content: JSON.stringify(result, null, 2) + "\n", mime: "application/json", filename: "marsad.json" };
    case "entities-csv":
      return { content: entitiesCsv(result), mime: "text/csv;charset=utf-8", filename: "marsad-entities.csv" };
    case "quotes-csv":
      return { content: quotesCsv(result), mime: "text/csv;charset=utf-8", filename: "marsad-quotes.csv" };
    case "html":
      return { content: annotatedHtml(text, result, langCode), mime: "text/html;charset=utf-8", filename: "marsad.html" };
  }
  throw new Error(`unknown export format ${format}`);
}
