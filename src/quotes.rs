//! Quotes and their speakers.
//!
//! First version: direct quotes between paired quotation marks (“ ” « » „ ‹ › and straight quotes
//! paired within a paragraph), with the nearest reporting verb before the quote and the first
//! person or organization after that verb as the speaker.

use crate::clusters::Clusters;
use crate::result::{Label, QuoteKind};
use crate::text::{normalize, proclitic_splits, TokKind};
use crate::{Doc, Mention};
use std::ops::Range;

/// A quote found in the text, in byte offsets.
#[derive(Clone, Debug)]
pub struct Found {
    pub span: Range<usize>,
    pub kind: QuoteKind,
    pub cue: Option<Range<usize>>,
    pub speaker: Option<FoundSpeaker>,
}

/// A quote's speaker, in byte offsets.
#[derive(Clone, Debug)]
pub struct FoundSpeaker {
    pub span: Range<usize>,
    pub canonical: String,
    pub cluster: Option<usize>,
}

/// Reporting verbs (normalized, without proclitics).
const CUES: &[&str] = &[
    "قال", "قالت", "يقول", "تقول", "اضاف", "اضافت", "مضيفا", "مضيفه", "تابع", "تابعت", "متابعا", "اوضح", "اوضحت",
    "موضحا", "اكد", "اكدت", "مويدا", "موكدا", "اشار", "اشارت", "مشيرا", "اعلن", "اعلنت", "لفت", "لفتت", "لافتا", "صرح",
    "صرحت", "اعتبر", "اعتبرت", "راي", "رات", "ذكر", "ذكرت", "كشف", "كشفت", "حذر", "حذرت", "قايلا", "قايله", "كتب", "كتبت",
    "غرد", "غردت", "شدد", "شددت", "اردف", "اردفت", "ختم", "ختمت", "وصف", "وصفت", "يضيف", "تضيف", "علق", "علقت",
];

fn is_cue(word: &str) -> bool {
    proclitic_splits(word).into_iter().any(|b| CUES.contains(&normalize(&word[b..]).as_str()))
}

/// Finds quotes in the document.
pub fn find(doc: &Doc, mentions: &[Mention], clusters: &Clusters) -> Vec<Found> {
    let toks = &doc.tokens;
    let mut out = Vec::new();
    let mut open: Option<(usize, char)> = None; // token index, closing mark expected
    for (i, t) in toks.iter().enumerate() {
        if t.line_start {
            open = None; // quotes do not run across paragraphs
        }
        if t.kind != TokKind::Punct {
            continue;
        }
        let c = t.text(doc.src).chars().next().unwrap_or(' ');
        match open {
            Some((o, close)) if c == close || (close == '”' && c == '“' && false) => {
                if o + 1 < i {
                    let span = toks[o + 1].start..toks[i - 1].end;
                    out.push(attribute(doc, mentions, clusters, span, o, i));
                }
                open = None;
            }
            Some(_) => {}
            None => {
                let close = match c {
                    '“' => '”',
                    '«' => '»',
                    '„' => '“',
                    '‹' => '›',
                    '"' => '"',
                    '”' => '”',
                    _ => continue,
                };
                open = Some((i, close));
            }
        }
    }
    out
}

fn attribute(doc: &Doc, mentions: &[Mention], clusters: &Clusters, span: Range<usize>, open: usize, close: usize) -> Found {
    let toks = &doc.tokens;
    // The nearest cue within the paragraph, before the quote (up to 30 tokens back).
    let mut cue = None;
    let mut k = open;
    while k > 0 && open - k < 30 {
        k -= 1;
        if toks[k].kind == TokKind::Arabic && is_cue(toks[k].text(doc.src)) {
            cue = Some(k);
            break;
        }
        if toks[k].line_start {
            break;
        }
    }
    // Or right after the quote.
    if cue.is_none() && close + 1 < toks.len() && is_cue(toks[close + 1].text(doc.src)) {
        cue = Some(close + 1);
    }
    let speaker = cue.and_then(|c| {
        let from = toks[c].end;
        mentions
            .iter()
            .enumerate()
            .find(|(_, m)| m.span.start >= from && m.span.start < from + 200 && matches!(m.label, Label::PER | Label::ORG))
            .map(|(mi, m)| {
                let g = clusters.of_mention[mi];
                FoundSpeaker { span: m.span.clone(), canonical: clusters.list[g].canonical.clone(), cluster: Some(g) }
            })
    });
    Found { span, kind: QuoteKind::Direct, cue: cue.map(|c| toks[c].start..toks[c].end), speaker }
}
