//! marsad (مرصد, "observatory") finds the named entities — people, places, organizations — and
//! the quotes with their speakers in Arabic text.
//!
//! The core is pure Rust and knows nothing of WebAssembly; `src/wasm.rs` is the only binding
//! (compiled for wasm32 only), and `src/main.rs` is the `marsad` command line. Both print the
//! same [`Analysis`].
//!
//! ```
//! let text = "وقال وزير الخارجية الروسي سيرغي لافروف في موسكو: «نحن مستعدون للتعاون».";
//! let result = marsad::analyze(text, &marsad::Options::default());
//! for e in &result.entities {
//!     // Offsets are UTF-16 code units; in Rust, convert back with `marsad::utf16_slice`.
//!     assert_eq!(marsad::utf16_slice(text, e.start, e.end), Some(e.text.as_str()));
//! }
//! ```

pub mod clusters;
pub mod hash;
pub mod latin;
pub mod ner;
pub mod quotes;
pub mod result;
pub mod temporal;
pub mod text;
pub mod vocab;

#[cfg(target_arch = "wasm32")]
pub mod wasm;

use std::ops::Range;

pub use ner::Mention;
pub use result::{Analysis, Cluster, Entity, Label, LatinSource, Money, Number, Quote, QuoteKind, Span, Speaker, Value};
pub use text::Doc;
use serde::{Deserialize, Serialize};

/// The crate version, also reported by `version()` in JS and `marsad --version`.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// What to analyze. Every field is optional in JS; missing fields take the defaults.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct Options {
    /// Find quotes and their speakers (default true). Entities are always found.
    pub quotes: bool,
    /// The document's date, `YYYY-MM-DD`: relative dates (اليوم، أمس، قبل يومين، الشهر الماضي)
    /// are resolved against it. Without it they are found with no value. A string that is not
    /// a valid date is treated as no date here (the CLI and the JS binding reject it).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub date: Option<String>,
}

impl Default for Options {
    fn default() -> Self {
        Options { quotes: true, date: None }
    }
}

/// Analyzes `text`: entities, mention clusters and (unless disabled) quotes with speakers.
/// Never panics on any input; an empty text gives an empty result.
pub fn analyze(text: &str, options: &Options) -> Analysis {
    analyze_with(ner::model(), text, options)
}

/// [`analyze`] with another entity model (cross-validation in `marsad-train cv`).
pub fn analyze_with(model: &ner::model::Model, text: &str, options: &Options) -> Analysis {
    analyze_ranked(model, quotes::rank::Ranker::shipped().as_ref(), text, options)
}

/// [`analyze_with`] with another speaker ranker, or none (`marsad-train speaker --cv`).
pub fn analyze_ranked(model: &ner::model::Model, ranker: Option<&quotes::rank::Ranker>, text: &str, options: &Options) -> Analysis {
    let doc = Doc::new(text);
    let mentions = ner::recognize_with(model, &doc);
    let groups = clusters::build(&model.lex, &doc, &mentions);
    let found = if options.quotes { quotes::find_with(&doc, &mentions, &groups, ranker) } else { Vec::new() };
    let date = options.date.as_deref().and_then(temporal::parse_ymd);
    let exprs = temporal_outside(temporal::find(&doc, date), &mentions);
    build_result(&doc, &mentions, &groups, &found, &exprs)
}

/// The dates, amounts and numbers that agree with the names: an expression is dropped when it
/// cuts across a name, lies inside one (روسيا اليوم) or contains a person or an organization; it
/// may contain a MISC or LOC name (the recognizer tags the currency of 5 مليارات دولار as MISC, the
/// country of 300 ألف ليرة سورية as LOC). Names, their clusters and the quotes are exactly what
/// they are without this pass. Both lists are in text order, so one walk keeps this linear.
fn temporal_outside(exprs: Vec<temporal::Found>, mentions: &[Mention]) -> Vec<temporal::Found> {
    let mut k = 0;
    exprs
        .into_iter()
        .filter(|x| {
            while k < mentions.len() && mentions[k].span.end <= x.span.start {
                k += 1;
            }
            mentions[k.min(mentions.len())..]
                .iter()
                .take_while(|m| m.span.start < x.span.end)
                .all(|m| x.span.start <= m.span.start && m.span.end <= x.span.end && matches!(m.label, Label::MISC | Label::LOC))
        })
        .collect()
}

fn build_result(doc: &Doc, mentions: &[Mention], groups: &clusters::Clusters, found: &[quotes::Found], exprs: &[temporal::Found]) -> Analysis {
    let map = text::Utf16Map::new(doc.src);
    let span = |r: &Range<usize>| {
        let (start, end) = map.range(r);
        Span { start, end, text: doc.src[r.clone()].to_string() }
    };
    let mut entities: Vec<Entity> = mentions
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let s = span(&m.span);
            Entity { start: s.start, end: s.end, text: s.text, label: m.label, cluster: Some(groups.of_mention[i] as u32), value: None }
        })
        .collect();
    if !exprs.is_empty() {
        entities.extend(exprs.iter().map(|x| {
            let s = span(&x.span);
            Entity { start: s.start, end: s.end, text: s.text, label: x.label, cluster: None, value: x.value.clone() }
        }));
        entities.sort_by_key(|e| (e.start, std::cmp::Reverse(e.end)));
    }
    // A speaker span that is no mention of its cluster is a description of it.
    let mut described: Vec<Vec<Range<usize>>> = vec![Vec::new(); groups.list.len()];
    for sp in found.iter().filter_map(|q| q.speaker.as_ref()) {
        if let Some(g) = sp.cluster.filter(|&g| g < groups.list.len()) {
            let is_mention = groups.list[g].mentions.iter().any(|&i| mentions[i].span.start < sp.span.end && sp.span.start < mentions[i].span.end);
            if !is_mention && !described[g].contains(&sp.span) {
                described[g].push(sp.span.clone());
            }
        }
    }
    for d in &mut described {
        d.sort_by_key(|r| (r.start, r.end));
    }
    let clusters = groups
        .list
        .iter()
        .enumerate()
        .map(|(id, c)| {
            let latin = if c.label == Label::PER { latin::romanize(&c.canonical) } else { None };
            Cluster {
                id: id as u32,
                label: c.label,
                canonical: c.canonical.clone(),
                mentions: c.mentions.iter().map(|&i| span(&mentions[i].span)).collect(),
                roles: c.roles.clone(),
                descriptions: described[id].iter().map(|r| span(r)).collect(),
                latin_source: latin.as_ref().map(|r| r.source),
                latin: latin.map(|r| r.latin),
            }
        })
        .collect();
    let quotes = found
        .iter()
        .map(|q| {
            let s = span(&q.span);
            Quote {
                start: s.start,
                end: s.end,
                text: s.text,
                kind: q.kind,
                cue: q.cue.as_ref().map(|c| span(c)),
                speaker: q.speaker.as_ref().map(|sp| {
                    let s = span(&sp.span);
                    Speaker { start: s.start, end: s.end, text: s.text, canonical: sp.canonical.clone(), cluster: sp.cluster.map(|c| c as u32) }
                }),
            }
        })
        .collect();
    Analysis { entities, quotes, clusters }
}

/// The slice of `text` between two UTF-16 offsets, as JS's `text.slice(start, end)` would give,
/// or `None` when an offset is out of range or splits a character.
pub fn utf16_slice(text: &str, start: u32, end: u32) -> Option<&str> {
    let (mut u, mut bs, mut be) = (0u32, None, None);
    for (i, c) in text.char_indices() {
        if u == start {
            bs = Some(i);
        }
        if u == end {
            be = Some(i);
        }
        u += c.len_utf16() as u32;
    }
    if u == start {
        bs = Some(text.len());
    }
    if u == end {
        be = Some(text.len());
    }
    match (bs, be) {
        (Some(a), Some(b)) if a <= b => Some(&text[a..b]),
        _ => None,
    }
}

/// One quote as the rules find it, with its speaker candidates for the ranker (what
/// `marsad-train speaker` learns from): offsets in Unicode code points, like the gold files.
#[doc(hidden)]
pub struct RankQuote {
    pub start: usize,
    pub end: usize,
    pub kind: quotes::QuoteKind,
    /// Each candidate: its text, canonical name, whether the rules chose it, its features.
    pub candidates: Vec<(String, String, bool, Vec<u32>)>,
}

/// The quotes of `text` with the rules' speakers and every quote's speaker candidates.
#[doc(hidden)]
pub fn rank_candidates(model: &ner::model::Model, text: &str) -> Vec<RankQuote> {
    let doc = Doc::new(text);
    let mentions = ner::recognize_with(model, &doc);
    let groups = clusters::build(&model.lex, &doc, &mentions);
    let (found, cands) = quotes::with_candidates(&doc, &mentions, &groups);
    let mut cp = vec![0usize; text.len() + 1];
    let mut k = 0;
    for (b, c) in text.char_indices() {
        for x in cp.iter_mut().take(b + c.len_utf8()).skip(b) {
            *x = k;
        }
        k += 1;
    }
    cp[text.len()] = k;
    found
        .iter()
        .zip(cands)
        .map(|(f, cs)| RankQuote {
            start: cp[f.span.start],
            end: cp[f.span.end],
            kind: f.kind,
            candidates: cs.into_iter().map(|c| (text[c.speaker.span.clone()].to_string(), c.speaker.canonical, c.rule, c.feats)).collect(),
        })
        .collect()
}
