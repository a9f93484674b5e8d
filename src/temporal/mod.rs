//! Dates, times, money, percents and quantities: a small grammar over the tokens, with values
//! normalized as ISO 8601 (dates and times), ISO 4217 amounts (money) and numbers.
//!
//! One left-to-right pass: at each token the grammar tries the expressions that can start there
//! (each looks a bounded number of tokens ahead), keeps the longest, and continues after it, so
//! the pass is linear in the text. Relative expressions (اليوم، أمس، قبل يومين، الشهر الماضي، في
//! 24 الشهر الماضي، الأسبوع المقبل) are resolved against the document date when one is given and
//! have no value otherwise.
//!
//! ```
//! use marsad::temporal::{find, Ymd};
//! let doc = marsad::Doc::new("أقدم في 24 الشهر الماضي على إسقاط قاذفة قيمتها 5 مليارات دولار");
//! let found = find(&doc, Ymd::new(2015, 12, 23));
//! let texts: Vec<&str> = found.iter().map(|f| &doc.src[f.span.clone()]).collect();
//! assert_eq!(texts, ["24 الشهر الماضي", "5 مليارات دولار"]);
//! ```

mod amounts;
mod calendar;
mod dates;
mod lexicon;
mod numbers;
#[cfg(test)]
mod tests;

pub use calendar::{parse_ymd, Ymd};

use crate::result::{Label, Money, Number, Value};
use crate::text::{byte_after_visible, TokKind, Token};
use crate::Doc;
use lexicon::Entry;
use std::cell::Cell;
use std::ops::Range;

/// One expression found: a byte range of the text, its label and its value.
#[derive(Clone, Debug, PartialEq)]
pub struct Found {
    pub span: Range<usize>,
    pub label: Label,
    pub value: Option<Value>,
}

/// What a rule matched, from the token it started at.
#[derive(Clone, Debug)]
pub(crate) struct Hit {
    /// The first token after the expression.
    pub end: usize,
    pub label: Label,
    pub value: Option<Value>,
    /// The year, month and day this expression names, for a later نفس الشهر / نفس اليوم.
    pub anchor: Option<(i32, u32, u32)>,
}

impl Hit {
    pub fn new(end: usize, label: Label, value: Option<Value>) -> Hit {
        Hit { end, label, value, anchor: None }
    }
}

pub(crate) fn text(s: String) -> Option<Value> {
    Some(Value::Text(s))
}

pub(crate) fn number(x: f64) -> Option<Value> {
    Some(Value::Number(Number(x)))
}

pub(crate) fn money(x: f64, code: &str) -> Option<Value> {
    Some(Value::Money(Money { amount: Number(x), currency: code.to_string() }))
}

/// The tokens as the rules see them: token `first` read without its proclitics.
pub(crate) struct Ctx<'a> {
    pub src: &'a str,
    pub toks: &'a [Token],
    entries: &'a [Option<&'static Entry>],
    first: usize,
    first_norm: &'a str,
    first_entry: Option<&'static Entry>,
    /// The document date.
    pub date: Option<Ymd>,
    /// The year (0: unknown), month and day (0: none) of the last date found, for نفس الشهر and
    /// نفس اليوم.
    pub anchor: &'a Cell<Option<(i32, u32, u32)>>,
    /// For جنيه، ريال، دينار، ليرة، درهم: the country the text pairs the word with anywhere
    /// (الجنيه السوداني), by [`lexicon::Amb`] index.
    pub paired: &'a [Option<&'static str>; 7],
}

impl<'a> Ctx<'a> {
    #[inline]
    pub fn len(&self) -> usize {
        self.toks.len()
    }
    /// The normalized word at `k` (empty past the end: every accessor is safe there, so the
    /// rules can look ahead without bounds checks of their own).
    #[inline]
    pub fn w(&self, k: usize) -> &str {
        if k == self.first {
            self.first_norm
        } else {
            self.toks.get(k).map_or("", |t| t.norm.as_str())
        }
    }
    /// The lexicon entry of the word at `k`.
    #[inline]
    pub fn e(&self, k: usize) -> Option<&'static Entry> {
        if k == self.first {
            self.first_entry
        } else {
            self.entries.get(k).copied().flatten()
        }
    }
    /// The entry of the word at `k` without a conjunction و attached to it (وعشرة، ونصف).
    pub fn e_wa(&self, k: usize) -> Option<&'static Entry> {
        let w = self.w(k);
        let rest = w.strip_prefix('و')?;
        if rest.chars().count() < 2 {
            return None;
        }
        lexicon::get(rest)
    }
    /// The kind of token `k` (punctuation past the end).
    #[inline]
    pub fn kind(&self, k: usize) -> TokKind {
        self.toks.get(k).map_or(TokKind::Punct, |t| t.kind)
    }
    /// Token `k` touches the one before it (no space between; invisible marks do not count).
    #[inline]
    pub fn glued(&self, k: usize) -> bool {
        k > 0 && k < self.toks.len() && {
            let (end, start) = (self.toks[k - 1].end, self.toks[k].start);
            end <= start && self.src[end..start].chars().all(crate::text::is_ignorable)
        }
    }
    /// Token `k` is the punctuation mark `p`.
    #[inline]
    pub fn punct(&self, k: usize, p: &str) -> bool {
        k < self.toks.len() && self.toks[k].is_punct(p)
    }
    /// The word at `k` starts with the article ال as written (not أل: أرباع is not definite).
    pub fn definite(&self, k: usize) -> bool {
        let Some(t) = self.toks.get(k) else { return false };
        let mut it = t.text(self.src).chars().filter(|&c| !crate::text::is_ignorable(c));
        it.next() == Some('ا') && it.next() == Some('ل')
    }
    /// A line break or a sentence end between tokens `k - 1` and `k`.
    pub fn boundary(&self, k: usize) -> bool {
        k >= self.toks.len() || self.toks[k].line_start || (k > 0 && matches!(self.toks[k - 1].norm.as_str(), "." | "!" | "?" | ":"))
    }
}

/// Proclitics stripped from the first word of an expression (وبنهاية، لعام، والثلاثاء), longest
/// first; `true` when ل+article contracted to لل (للعام is read as العام, the span starting at
/// لعام, as the annotation contract cuts names).
const PROCLITICS: [(&str, bool); 13] = [
    ("ولل", true), ("فلل", true), ("لل", true), ("وب", false), ("ول", false), ("فب", false), ("فل", false),
    ("وك", false), ("و", false), ("ف", false), ("ب", false), ("ل", false), ("ك", false),
];

/// Finds the dates, times, amounts of money, percents and quantities of a document, in text
/// order, never overlapping. `date` is the document date, for relative expressions.
pub fn find(doc: &Doc, date: Option<Ymd>) -> Vec<Found> {
    let toks = &doc.tokens;
    let entries: Vec<Option<&'static Entry>> = toks.iter().map(|t| if t.kind == TokKind::Arabic { lexicon::get(&t.norm) } else { None }).collect();
    let anchor = Cell::new(None);
    let paired = amounts::pairings(toks, &entries);
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let t = &toks[i];
        if !matches!(t.kind, TokKind::Number | TokKind::Arabic) {
            i += 1;
            continue;
        }
        let mut best: Option<(Hit, usize)> = None;
        let mut try_reading = |strip: usize, word: &str, entry: Option<&'static Entry>| {
            let ctx = Ctx { src: &doc.src, toks, entries: &entries, first: i, first_norm: word, first_entry: entry, date, anchor: &anchor, paired: &paired };
            for h in [dates::time_at(&ctx, i), dates::date_at(&ctx, i), amounts::amount_at(&ctx, i)].into_iter().flatten() {
                if best.as_ref().map_or(true, |(b, _)| h.end > b.end) {
                    best = Some((h, strip));
                }
            }
        };
        if t.kind == TokKind::Number {
            try_reading(0, &t.norm, None);
        } else {
            if entries[i].is_some_and(|e| e.starts) {
                try_reading(0, &t.norm, entries[i]);
            }
            if t.norm.len() > 4 && t.norm.starts_with(['و', 'ف', 'ب', 'ل', 'ك']) {
                for (p, contracted) in PROCLITICS {
                    let Some(rest) = t.norm.strip_prefix(p) else { continue };
                    if rest.chars().count() < 2 {
                        continue;
                    }
                    // باب (a gate: باب المندب) is not ب + آب: the month after a proclitic keeps its madda.
                    if rest == "اب" && !t.text(&doc.src).contains('آ') {
                        continue;
                    }
                    if contracted {
                        let word = format!("ال{rest}");
                        if let Some(e) = lexicon::get(&word).filter(|e| e.starts) {
                            try_reading(p.chars().count() - 1, &word, Some(e));
                        }
                    } else if let Some(e) = lexicon::get(rest).filter(|e| e.starts) {
                        try_reading(p.chars().count(), rest, Some(e));
                    }
                }
            }
        }
        match best {
            Some((h, strip)) => {
                let start = t.start + byte_after_visible(t.text(&doc.src), strip);
                // Diacritics and tatweel after the last letter belong to the word (عاماً، 1439هـ).
                // Invisible marks between them do not cut the word, but never end the span.
                let mut end = toks[h.end - 1].end;
                let mut at = end;
                for ch in doc.src[end..].chars() {
                    if !crate::text::is_ignorable(ch) {
                        break;
                    }
                    at += ch.len_utf8();
                    if !crate::text::is_format_mark(ch) {
                        end = at;
                    }
                }
                if let Some(a) = h.anchor {
                    anchor.set(Some(a));
                }
                out.push(Found { span: start..end, label: h.label, value: h.value });
                i = h.end;
            }
            None => i += 1,
        }
    }
    out
}
