//! Named-entity recognition: a linear-chain CRF (BIOES tags for PER, LOC, ORG, MISC, decoded by
//! constrained Viterbi) over hashed features of each token and its neighbours — word forms,
//! proclitic-stripped stems, affixes, character trigrams, shape, word clusters and ratios learned
//! from unlabeled news, name / place / trigger lexicons, document context within blocks of
//! [`BLOCK_LINES`] lines — then proclitics are cut off each span's first word and a guarded
//! consistency pass tags the other occurrences of a tagged name. The model (`model/ner.bin`) is
//! built by `marsad-train` (the `train/` crate); see docs/ner.md.

pub mod features;
pub mod model;
pub mod tags;

use self::model::{Model, F_CITY, F_COUNTRY, F_FUNC, F_GIVEN, F_NAMEPART, F_SURNAME};
use self::tags::{Bio, Label, LABELS, NTAGS};
use crate::text::{is_ignorable, normalize, proclitic_splits, TokKind};
use crate::text::Doc;
use std::ops::Range;
use std::sync::OnceLock;

static MODEL_BYTES: &[u8] = include_bytes!("../../model/ner.bin");

/// The embedded model, parsed once on first use (an empty model if the file is not a model).
pub fn model() -> &'static Model {
    static M: OnceLock<Model> = OnceLock::new();
    M.get_or_init(|| {
        Model::from_static(MODEL_BYTES).unwrap_or_else(|| Model {
            lex: Default::default(),
            weights: Default::default(),
            trans: [[0.0; NTAGS]; NTAGS],
            start: [0.0; NTAGS],
        })
    })
}

/// An entity mention found by the recognizer, in byte offsets of the original text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mention {
    pub span: Range<usize>,
    pub label: Label,
}

/// Document context (the `context_bits` features, the consistency pass) reaches this many lines:
/// an article, or a slice of a longer text.
pub const BLOCK_LINES: usize = 40;

/// Finds entity mentions in a document, in text order, never overlapping.
pub fn recognize(doc: &Doc) -> Vec<Mention> {
    recognize_with(model(), doc)
}

/// [`recognize`] with a given model.
pub fn recognize_with(model: &Model, doc: &Doc) -> Vec<Mention> {
    let toks = &doc.tokens;
    let tags = tag_tokens(model, doc);
    let mut spans: Vec<(usize, usize, Label)> = Vec::new(); // token ranges
    let mut i = 0;
    while i < toks.len() {
        let Some(lab) = Bio(tags[i]).label() else {
            i += 1;
            continue;
        };
        let mut j = i + 1;
        while j < toks.len() && Bio(tags[j]) == Bio::new(lab, false) && !toks[j].line_start {
            j += 1;
        }
        spans.push((i, j, LABELS[lab]));
        i = j;
    }
    let cuts = std::cell::RefCell::new(crate::hash::FxMap::default());
    let cut = |w: &str| -> usize { *cuts.borrow_mut().entry(features::hash_bytes(0xc07, w.as_bytes())).or_insert_with(|| proclitic_cut(model, w)) };
    consistency(model, doc, &mut spans, &cut);
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
        let start = toks[s].start + cut(toks[s].text(doc.src));
        out.push(Mention { span: start..toks[e - 1].end, label });
    }
    out
}

/// Tags every token (BIO: 0 for O, then B/I for PER, LOC, ORG, MISC), line by line.
pub fn tag_tokens(model: &Model, doc: &Doc) -> Vec<u8> {
    let toks = &doc.tokens;
    // One sequence per line (paragraph or sentence).
    let mut lines: Vec<(usize, usize)> = Vec::new();
    let mut a = 0;
    for i in 1..=toks.len() {
        if i == toks.len() || toks[i].line_start {
            lines.push((a, i));
            a = i;
        }
    }
    let mut tags = Vec::with_capacity(toks.len());
    // Token facts and static / neighbour weight sums are pure functions of a word form (and the
    // model): they are cached per thread across calls, so articles analyzed one after another
    // share them (bounded; cleared when full). Only the embedded model's are kept.
    thread_local! {
        static CACHES: std::cell::RefCell<((), crate::hash::FxMap<u64, features::TokFacts>, features::StaticCache)> = Default::default();
    }
    const MAX_CACHED: usize = 1 << 15;
    if !std::ptr::eq(model, self::model()) {
        // Models built in training: fresh caches for this call only.
        tag_with(model, doc, &lines, &mut tags, &mut Default::default(), &mut Default::default());
        return tags;
    }
    CACHES.with(|c| {
        let mut c = c.borrow_mut();
        let (_, seen, cache) = &mut *c;
        if seen.len() > MAX_CACHED || cache.len() > MAX_CACHED {
            seen.clear();
            cache.clear();
        }
        tag_with(model, doc, &lines, &mut tags, seen, cache);
    });
    tags
}

fn tag_with(model: &Model, doc: &Doc, lines: &[(usize, usize)], tags: &mut Vec<u8>, seen: &mut crate::hash::FxMap<u64, features::TokFacts>, cache: &mut features::StaticCache) {
    let toks = &doc.tokens;
    let mut facts_of = |t: &crate::text::Token| -> features::TokFacts {
        let h = features::hash_bytes(0xfac7, t.text(doc.src).as_bytes());
        *seen.entry(h).or_insert_with(|| features::tok_facts(t, &model.lex))
    };
    // Block by block, so the working set stays small.
    for block in lines.chunks(BLOCK_LINES) {
        let facts: Vec<Vec<features::TokFacts>> = block.iter().map(|&(a, b)| toks[a..b].iter().map(&mut facts_of).collect()).collect();
        let ls: Vec<&[features::TokFacts]> = facts.iter().map(Vec::as_slice).collect();
        let bits = features::context_bits(&ls);
        for (k, &(a, b)) in block.iter().enumerate() {
            let em = features::emissions_cached(doc.src, &toks[a..b], &model.lex, &facts[k], &bits[k], &model.weights, cache);
            tags.extend(model::decode(&em, &model.trans, &model.start));
        }
    }
}

/// How many bytes of attached proclitics to leave outside the span at the start of an entity's
/// first word: the most stripped reading whose stem is better attested (in the news counts and
/// the name/place lexicon) than the whole word.
pub fn proclitic_cut(model: &Model, word: &str) -> usize {
    let lex = &model.lex;
    let full = normalize(word);
    let fi = lex.get(&full).unwrap_or_default();
    let name_flags = F_GIVEN | F_SURNAME | F_NAMEPART | F_COUNTRY | F_CITY;
    // ل before the article: the first ل is the preposition (للأمم → لأمم).
    if full.starts_with("لل") && full.chars().count() >= 4 {
        return crate::text::byte_after_visible(word, 1);
    }
    if (full.starts_with("ولل") || full.starts_with("فلل")) && full.chars().count() >= 5 {
        return crate::text::byte_after_visible(word, 2);
    }
    for b in proclitic_splits(word) {
        if b == 0 {
            break;
        }
        let stem = normalize(&word[b..]);
        if stem.chars().count() < 2 {
            continue;
        }
        let pro = normalize(&word[..b]);
        // A tatweel after the proclitic marks it as one (لـروسيا).
        if word[..b].chars().last() == Some('\u{0640}') || word[b..].starts_with('\u{0640}') {
            return b;
        }
        let si = lex.get(&stem).unwrap_or_default();
        let (sf, ff) = (si.freq as i32, fi.freq as i32);
        // The article after ب/ل/ك/و/ف: the preposition or conjunction is a proclitic.
        if stem.starts_with("ال") && stem.chars().count() >= 4 && sf + 2 >= ff {
            return b;
        }
        let full_is_name = fi.flags & name_flags != 0;
        let single_conj = pro == "و" || pro == "ف";
        let margin = if full_is_name { 3 } else if single_conj { 0 } else { 3 };
        if sf >= ff + margin && (sf > 0 || (pro == "و" && ff == 0)) && (single_conj || sf >= 3) {
            return b;
        }
    }
    0
}

/// Guarded document-level consistency: a one- or two-word name tagged as an entity somewhere
/// in a block of the text (40 lines) is tagged the same at its other, untagged occurrences in
/// that block, when it was tagged in at least 30% of them, is not a function word, and has at
/// least 3 letters. The last word of a person's full name counts as a tagged one-word name.
fn consistency(model: &Model, doc: &Doc, spans: &mut Vec<(usize, usize, Label)>, proclitic_cut: &dyn Fn(&str) -> usize) {
    use self::model::word_hash;
    use crate::hash::FxMap;
    let toks = &doc.tokens;
    if spans.is_empty() {
        return;
    }
    // Normalized stem of a word token (proclitics stripped as the trimming would), hashed.
    let key = |i: usize| -> (u64, usize, &str) {
        let t = &toks[i];
        let w = t.text(doc.src);
        let cut = proclitic_cut(w);
        let k = w[..cut].chars().filter(|&c| !is_ignorable(c)).count();
        let b = t.norm.char_indices().nth(k).map_or(t.norm.len(), |x| x.0);
        (word_hash(&t.norm[b..]), t.norm[b..].chars().count(), &t.norm[b..])
    };
    // Names spread within a block of lines only (an article, or 40 lines of a longer text).
    let mut block_of = vec![0u64; toks.len()];
    let mut line = 0usize;
    for (i, t) in toks.iter().enumerate() {
        if t.line_start && i > 0 {
            line += 1;
        }
        block_of[i] = (line / BLOCK_LINES) as u64;
    }
    // name (1 or 2 word hashes, block) → label counts
    let mut names: Vec<([u64; 3], usize, [u32; 4])> = Vec::new();
    let mut name_ix: FxMap<[u64; 3], usize> = FxMap::default();
    // A person's full name also vouches for its last word alone (سيرغي لافروف → لافروف).
    let surnames: Vec<(usize, usize, Label)> = spans
        .iter()
        .filter(|&&(s, e, l)| l == Label::PER && e - s >= 2 && e - s <= 4 && toks[s..e].iter().all(|t| t.is_word()))
        .map(|&(_, e, l)| (e - 1, e, l))
        .collect();
    for &(s, e, l) in spans.iter().chain(surnames.iter()) {
        if e - s > 2 || toks[s..e].iter().any(|t| !t.is_word()) {
            continue;
        }
        let mut k = [0u64; 3];
        k[2] = block_of[s];
        let mut ok = true;
        for (d, i) in (s..e).enumerate() {
            let (h, n, stem) = key(i);
            ok &= n >= 3 && model.lex.get(stem).map_or(true, |x| x.flags & F_FUNC == 0);
            k[d] = h;
        }
        if !ok {
            continue;
        }
        let ix = *name_ix.entry(k).or_insert_with(|| {
            names.push((k, e - s, [0; 4]));
            names.len() - 1
        });
        names[ix].2[l as usize] += 1;
    }
    if names.is_empty() {
        return;
    }
    // Stems of the tokens that may be a word of some name (a stem is a suffix of the normalized
    // token, after at most 3 proclitic letters).
    let mut words: FxMap<u64, ()> = FxMap::default();
    for (k, n, _) in &names {
        for &h in &k[..*n] {
            words.insert(h, ());
        }
    }
    let mut stem_of: Vec<u64> = vec![0; toks.len()];
    for (i, t) in toks.iter().enumerate() {
        if t.is_word() && t.norm.char_indices().take(4).any(|(b, _)| words.contains_key(&word_hash(&t.norm[b..]))) {
            stem_of[i] = key(i).0;
        }
    }
    let mut covered = vec![false; toks.len()];
    for &(s, e, _) in spans.iter() {
        covered[s..e].iter_mut().for_each(|c| *c = true);
    }
    // Occurrences of each name.
    let mut occ: Vec<Vec<usize>> = vec![Vec::new(); names.len()];
    for i in 0..toks.len() {
        if stem_of[i] == 0 {
            continue;
        }
        for n in 1..=2 {
            if i + n > toks.len() || (1..n).any(|d| toks[i + d].line_start || stem_of[i + d] == 0) {
                continue;
            }
            let mut k = [0u64; 3];
            k[..n].copy_from_slice(&stem_of[i..i + n]);
            k[2] = block_of[i];
            if let Some(&ix) = name_ix.get(&k) {
                occ[ix].push(i);
            }
        }
    }
    let mut adds = Vec::new();
    for (ix, (_, n, c)) in names.iter().enumerate() {
        let tagged: u32 = c.iter().sum();
        if (tagged as f32) < 0.3 * occ[ix].len() as f32 {
            continue;
        }
        let (li, _) = c.iter().enumerate().max_by_key(|&(i, &n)| (n, std::cmp::Reverse(i))).unwrap();
        for &i in &occ[ix] {
            adds.push((i, i + n, LABELS[li]));
        }
    }
    // Longer names first, then text order.
    adds.sort_by_key(|&(s, e, _)| (std::cmp::Reverse(e - s), s));
    for (s, e, l) in adds {
        if (s..e).any(|i| covered[i]) {
            continue;
        }
        covered[s..e].iter_mut().for_each(|c| *c = true);
        spans.push((s, e, l));
    }
    spans.sort_by_key(|x| x.0);
}

#[cfg(test)]
mod tests;
