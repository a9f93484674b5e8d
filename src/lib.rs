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
pub mod text;
pub mod vocab;

#[cfg(target_arch = "wasm32")]
pub mod wasm;

use std::ops::Range;

pub use ner::Mention;
pub use result::{Analysis, Cluster, Entity, Label, LatinSource, Quote, QuoteKind, Span, Speaker};
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
}

impl Default for Options {
    fn default() -> Self {
        Options { quotes: true }
    }
}

/// Analyzes `text`: entities, mention clusters and (unless disabled) quotes with speakers.
/// Never panics on any input; an empty text gives an empty result.
pub fn analyze(text: &str, options: &Options) -> Analysis {
    analyze_with(ner::model(), text, options)
}

/// [`analyze`] with another entity model (cross-validation in `marsad train`).
pub fn analyze_with(model: &ner::model::Model, text: &str, options: &Options) -> Analysis {
    let doc = Doc::new(text);
    let mentions = ner::recognize_with(model, &doc);
    let groups = clusters::build(&model.lex, &doc, &mentions);
    let found = if options.quotes { quotes::find(&doc, &mentions, &groups) } else { Vec::new() };
    build_result(&doc, &mentions, &groups, &found)
}

fn build_result(doc: &Doc, mentions: &[Mention], groups: &clusters::Clusters, found: &[quotes::Found]) -> Analysis {
    let map = text::Utf16Map::new(doc.src);
    let span = |r: &Range<usize>| {
        let (start, end) = map.range(r);
        Span { start, end, text: doc.src[r.clone()].to_string() }
    };
    let entities = mentions
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let s = span(&m.span);
            Entity { start: s.start, end: s.end, text: s.text, label: m.label, cluster: groups.of_mention[i] as u32 }
        })
        .collect();
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
