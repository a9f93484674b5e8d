//! Named-entity recognition.
//!
//! The first recognizer: longest match of the embedded gazetteer (with attached proclitics
//! stripped from the first word), plus names right after person triggers (titles and roles).

use crate::lexicon::{self, PERSON_TRIGGERS};
use crate::result::Label;
use crate::text::{proclitic_splits, normalize, TokKind};
use crate::{Doc, Mention};

/// Finds entity mentions in a document, in text order, never overlapping.
pub fn recognize(doc: &Doc) -> Vec<Mention> {
    let g = lexicon::gazetteer();
    let toks = &doc.tokens;
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if !toks[i].is_word() {
            i += 1;
            continue;
        }
        let mut best: Option<(usize, usize, Label)> = None; // end token (excl), byte start, label
        let first = toks[i].text(doc.src);
        'splits: for b in proclitic_splits(first) {
            let stem = normalize(&first[b..]);
            let mut key = stem.clone();
            let mut j = i + 1;
            let mut cands = Vec::new();
            if let Some(&l) = g.names.get(&key) {
                cands.push((j, l));
            }
            while j < toks.len() && j - i < g.max_tokens && toks[j].is_word() && !toks[j].line_start {
                key.push(' ');
                key.push_str(&toks[j].norm);
                j += 1;
                if let Some(&l) = g.names.get(&key) {
                    cands.push((j, l));
                }
            }
            if let Some(&(e, l)) = cands.last() {
                if best.map_or(true, |(be, _, _)| e > be) {
                    best = Some((e, toks[i].start + b, l));
                }
                break 'splits;
            }
        }
        if let Some((e, s, l)) = best {
            out.push(Mention { span: s..toks[e - 1].end, label: l });
            i = e;
            continue;
        }
        // A trigger followed by an unknown Arabic word: a person's name of one or two words.
        let n = &toks[i].norm;
        let stripped = proclitic_splits(toks[i].text(doc.src)).into_iter().map(|b| normalize(&toks[i].text(doc.src)[b..])).collect::<Vec<_>>();
        if stripped.iter().any(|s| PERSON_TRIGGERS.contains(&s.as_str())) || PERSON_TRIGGERS.contains(&n.as_str()) {
            let mut j = i + 1;
            while j < toks.len() && j <= i + 2 && toks[j].kind == TokKind::Arabic && !g.names.contains_key(&toks[j].norm) && !toks[j].norm.starts_with("ال") {
                j += 1;
            }
            if j > i + 1 && j - i <= 3 {
                out.push(Mention { span: toks[i + 1].start..toks[j - 1].end, label: Label::PER });
                i = j;
                continue;
            }
        }
        i += 1;
    }
    out
}
