//! Named-entity recognition: an averaged structured perceptron (first-order, Viterbi, BIO tags for
//! PER, LOC, ORG, MISC) over hashed features — word forms, proclitic-stripped stems, affixes,
//! character trigrams, shape, context, word clusters learned from unlabeled news, name / place /
//! trigger lexicons — followed by proclitic trimming of the first word and a guarded
//! document-level consistency pass. The model (`model/ner.bin`) is built by `marsad train`; see
//! docs/ner.md.

pub mod features;
pub mod model;
#[cfg(not(target_arch = "wasm32"))]
pub mod eval;
#[cfg(not(target_arch = "wasm32"))]
pub mod train;

use self::model::{Model, F_CITY, F_COUNTRY, F_FUNC, F_GIVEN, F_NAMEPART, F_SURNAME, NTAGS};
use crate::result::Label;
use crate::text::{is_ignorable, normalize, proclitic_splits, TokKind};
use crate::{Doc, Mention};
use std::sync::OnceLock;

static MODEL_BYTES: &[u8] = include_bytes!("../../model/ner.bin");

/// The embedded model, parsed once on first use (an empty model if the file is not a model).
pub fn model() -> &'static Model {
    static M: OnceLock<Model> = OnceLock::new();
    M.get_or_init(|| {
        Model::from_bytes(MODEL_BYTES).unwrap_or_else(|| Model {
            lex: Default::default(),
            index: Default::default(),
            w: Vec::new(),
            trans: [[0.0; NTAGS]; NTAGS],
            start: [0.0; NTAGS],
        })
    })
}

/// Finds entity mentions in a document, in text order, never overlapping.
pub fn recognize(doc: &Doc) -> Vec<Mention> {
    recognize_with(model(), doc)
}

const LABELS: [Label; 4] = [Label::PER, Label::LOC, Label::ORG, Label::MISC];

/// [`recognize`] with a given model.
pub fn recognize_with(model: &Model, doc: &Doc) -> Vec<Mention> {
    let toks = &doc.tokens;
    let mut tags = Vec::with_capacity(toks.len());
    // One sequence per line (paragraph or sentence).
    let mut a = 0;
    for i in 1..=toks.len() {
        if i == toks.len() || toks[i].line_start {
            let f = features::extract(doc.src, &toks[a..i], &model.lex);
            tags.extend(model.viterbi(&f));
            a = i;
        }
    }
    let mut spans: Vec<(usize, usize, Label)> = Vec::new(); // token ranges
    let mut i = 0;
    while i < toks.len() {
        let t = tags[i] as usize;
        if t == 0 {
            i += 1;
            continue;
        }
        let lab = (t - 1) / 2;
        let mut j = i + 1;
        while j < toks.len() && tags[j] as usize == 2 + 2 * lab && !toks[j].line_start {
            j += 1;
        }
        spans.push((i, j, LABELS[lab]));
        i = j;
    }
    consistency(model, doc, &mut spans);
    let mut out = Vec::with_capacity(spans.len());
    for (s, e, label) in spans {
        // Trim punctuation at the edges.
        let (mut s, mut e) = (s, e);
        while s < e && !matches!(toks[s].kind, TokKind::Arabic | TokKind::Latin | TokKind::Number) {
            s += 1;
        }
        while e > s && !matches!(toks[e - 1].kind, TokKind::Arabic | TokKind::Latin | TokKind::Number) {
            e -= 1;
        }
        if s == e {
            continue;
        }
        let start = toks[s].start + proclitic_cut(model, toks[s].text(doc.src));
        out.push(Mention { span: start..toks[e - 1].end, label });
    }
    out
}

/// How many bytes of attached proclitics to leave outside the span at the start of an entity's
/// first word: the most stripped reading whose stem is better attested (in the news counts and
/// the name/place lexicon) than the whole word.
pub fn proclitic_cut(model: &Model, word: &str) -> usize {
    let lex = &model.lex;
    let full = normalize(word);
    let fi = lex.get(&full).copied().unwrap_or_default();
    let name_flags = F_GIVEN | F_SURNAME | F_NAMEPART | F_COUNTRY | F_CITY;
    for b in proclitic_splits(word) {
        if b == 0 {
            break;
        }
        let rest = &word[b..];
        let stem = normalize(rest);
        if stem.chars().count() < 2 {
            continue;
        }
        let pro = normalize(&word[..b]);
        // A tatweel after the proclitic marks it as one (لـروسيا).
        if word[..b].chars().last().is_some_and(is_ignorable) || word[b..].starts_with('\u{0640}') {
            return b;
        }
        let si = lex.get(&stem).copied().unwrap_or_default();
        // The article after ب/ل/ك/و/ف: the preposition/conjunction is a proclitic.
        if stem.starts_with("ال") && stem.chars().count() >= 4 && si.freq + 2 >= fi.freq {
            return b;
        }
        if fi.flags & name_flags != 0 && si.flags & name_flags == 0 {
            continue;
        }
        if si.freq > fi.freq || (si.freq == fi.freq && si.freq == 0 && pro.starts_with('و')) || (si.flags & name_flags != 0 && fi.flags & name_flags == 0 && si.freq + 1 >= fi.freq) {
            return b;
        }
    }
    0
}

/// Guarded document-level consistency: a one- or two-word name tagged as an entity somewhere
/// in the text is tagged the same at its other, untagged occurrences, when it was tagged in at
/// least 30% of them, is not a function word, and has at least 3 letters.
fn consistency(model: &Model, doc: &Doc, spans: &mut Vec<(usize, usize, Label)>) {
    let toks = &doc.tokens;
    if spans.is_empty() {
        return;
    }
    // Stem of each word token (proclitics stripped as the trimming would).
    let key = |i: usize| -> String {
        let w = toks[i].text(doc.src);
        normalize(&w[proclitic_cut(model, w)..])
    };
    let mut names: std::collections::BTreeMap<Vec<String>, [u32; 4]> = Default::default();
    for &(s, e, l) in spans.iter() {
        if e - s > 2 || toks[s..e].iter().any(|t| !t.is_word()) {
            continue;
        }
        let k: Vec<String> = (s..e).map(key).collect();
        if k.iter().any(|w| w.chars().count() < 3 || model.lex.get(w).is_some_and(|x| x.flags & F_FUNC != 0)) {
            continue;
        }
        names.entry(k).or_default()[l as usize] += 1;
    }
    if names.is_empty() {
        return;
    }
    let mut covered = vec![false; toks.len()];
    for &(s, e, _) in spans.iter() {
        covered[s..e].iter_mut().for_each(|c| *c = true);
    }
    let mut cands: Vec<(usize, usize, Vec<String>)> = Vec::new();
    let mut total: std::collections::BTreeMap<&Vec<String>, u32> = Default::default();
    for (k, _) in names.iter() {
        total.insert(k, 0);
    }
    let keys: Vec<Option<String>> = (0..toks.len()).map(|i| if toks[i].is_word() { Some(key(i)) } else { None }).collect();
    for (k, _) in names.iter() {
        let n = k.len();
        for i in 0..toks.len().saturating_sub(n - 1) {
            if (0..n).all(|d| keys[i + d].as_deref() == Some(k[d].as_str())) && (1..n).all(|d| !toks[i + d].line_start) {
                *total.get_mut(k).unwrap() += 1;
                if !covered[i..i + n].iter().any(|&c| c) {
                    // Whole-word boundaries: the neighbours must not continue the name.
                    cands.push((i, i + n, k.clone()));
                }
            }
        }
    }
    for (s, e, k) in cands {
        let c = names[&k];
        let tagged: u32 = c.iter().sum();
        let tot = total[&k];
        if (tagged as f32) < 0.3 * tot as f32 {
            continue;
        }
        let (li, _) = c.iter().enumerate().max_by_key(|&(i, &n)| (n, std::cmp::Reverse(i))).unwrap();
        if (s..e).any(|i| covered[i]) {
            continue;
        }
        covered[s..e].iter_mut().for_each(|c| *c = true);
        spans.push((s, e, LABELS[li]));
    }
    spans.sort_by_key(|x| x.0);
}

#[cfg(test)]
mod tests;
