//! The entity model and its file: the lexicon (word clusters, news frequency, name / place /
//! trigger flags, phrase list), i8 feature weights in an open-addressing table, the CRF's
//! transition scores, and BIOES-constrained Viterbi decoding. `marsad-train` writes the file.
//!
//! Format (little-endian), laid out column by column so gzip finds the repetition:
//! `MNER` u32 version ([`FORMAT_VERSION`]) | u32 nwords, u32 bytes, words joined by '\n',
//! u16 clusters, u8 coarse, u8 freq, u16 flags, u8 person contexts, u8 article ratio, u8 place
//! contexts | u32 nphrases, u32 bytes, phrases joined by '\n', u8 kinds | u32 nfeat, varint key
//! deltas, f32 scale, nfeat×NTAGS i8 weights (tag-major) | NTAGS×NTAGS f32 transitions, NTAGS
//! f32 start scores. Nothing follows.

/// Version of the model file format.
pub const FORMAT_VERSION: u32 = 3;

use super::tags::{allowed, may_end, Tag, NTAGS};

// Word flags.
pub const F_GIVEN: u16 = 1 << 0;
pub const F_SURNAME: u16 = 1 << 1;
pub const F_NAMEPART: u16 = 1 << 2;
pub const F_TITLE: u16 = 1 << 3;
pub const F_REPORT: u16 = 1 << 4;
pub const F_FUNC: u16 = 1 << 5;
pub const F_COUNTRY: u16 = 1 << 6;
pub const F_CITY: u16 = 1 << 7;
pub const F_ORGHEAD: u16 = 1 << 8;
pub const F_NATIONALITY: u16 = 1 << 9;
pub const F_LOC_PHRASE: u16 = 1 << 10;
pub const F_ORG_PHRASE: u16 = 1 << 11;
pub const F_PER_PHRASE: u16 = 1 << 12;
pub const F_FOREIGN_NAME: u16 = 1 << 13;
pub const NFLAGS: usize = 14;
/// First word of a phrase in the phrase lexicon (not a feature).
pub const F_PHRASE_START: u16 = 1 << 15;

/// Phrase kinds in the phrase lexicon.
pub const P_LOC: u16 = 1;
pub const P_ORG: u16 = 2;
pub const P_PER: u16 = 3;
/// An organization's name without its head word (العدالة والتنمية of حزب العدالة والتنمية).
pub const P_ORG_BARE: u16 = 4;

use crate::hash::{FxMap, FxSet};
use std::borrow::Cow;

/// What the lexicon knows of one normalized word.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct WordInfo {
    /// Fine cluster id + 1 (0: none).
    pub cluster: u16,
    /// Coarse cluster id + 1 (0: none).
    pub coarse: u8,
    /// log2 bucket of the word's count in the unlabeled news (0: unseen).
    pub freq: u8,
    pub flags: u16,
    /// Person contexts in the news: bits 0-1 how often right after a title or role, bits 2-3
    /// how often right before a reporting verb (buckets 0-3).
    pub pctx: u8,
    /// How the word takes the article in the news (names rarely do; common nouns do): 0 unseen,
    /// 1-4 for a bare word (never / <10% / <50% / more often with ال), 5-8 for a word with ال
    /// (bare form unseen / <10% / <30% / more often bare).
    pub art: u8,
    /// Place contexts in the news: how often right after a place head word (مدينة, محافظة, ...),
    /// bucket 0-3.
    pub lctx: u8,
}

/// Hash of a normalized word for the lexicon tables.
#[inline]
pub fn word_hash(w: &str) -> u64 {
    word_hash_bytes(w.as_bytes())
}

#[inline]
fn word_hash_bytes(w: &[u8]) -> u64 {
    super::features::hash_bytes(0x1e81c0, w)
}

/// Hash of a phrase, from the hashes of its words.
#[inline]
pub fn phrase_step(h: u64, word: &str) -> u64 {
    super::features::mix(h, word_hash(word))
}

/// Where the lexicon lies in its bytes (a model file, or the same section built in memory):
/// the '\n'-joined words, their columns, the joined phrases and their kinds (byte offsets).
#[derive(Clone, Copy, Default)]
struct Layout {
    nw: usize,
    words: usize,
    words_len: usize,
    cols: usize,
    np: usize,
    phrases: usize,
    phrases_len: usize,
    kinds: usize,
}

/// A word's first two bytes as a number that sorts as the words do (a missing byte is 0).
#[inline]
fn lead(w: &[u8]) -> usize {
    (*w.first().unwrap_or(&0) as usize) << 8 | *w.get(1).unwrap_or(&0) as usize
}
const LEADS: usize = 1 << 16;

/// Pushes `base` + the offset of every '\n' in `s`, in order. Eight bytes at a time: the
/// model's word list is 1 MB, and a byte loop over it was a good part of the model's load in the
/// browser, whose first calls run baseline-compiled wasm.
pub(crate) fn push_newlines(s: &[u8], base: usize, out: &mut Vec<u32>) {
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    const NL: u64 = 0x0a0a_0a0a_0a0a_0a0a;
    let mut chunks = s.chunks_exact(8);
    let mut at = base;
    for c in &mut chunks {
        let x = u64::from_le_bytes(c.try_into().expect("8 bytes")) ^ NL;
        // 0x80 in exactly the bytes of `x` that are zero (no borrow crosses bytes).
        let mut m = !(((x & LOW7) + LOW7) | x | LOW7);
        while m != 0 {
            out.push((at + (m.trailing_zeros() / 8) as usize) as u32);
            m &= m - 1;
        }
        at += 8;
    }
    for (j, &c) in chunks.remainder().iter().enumerate() {
        if c == b'\n' {
            out.push((at + j) as u32);
        }
    }
}

/// Items of a '\n'-joined list (none when it is empty).
fn items(joined: &[u8]) -> impl Iterator<Item = &[u8]> {
    joined.split(|&c| c == b'\n').filter(move |_| !joined.is_empty())
}

/// The word lexicon, read in place: the words stay in the model's bytes, sorted as the file
/// stores them, and a word is found by binary search over the words that share its first two
/// bytes, its [`WordInfo`] read from the columns. Nothing is indexed on load but the start of
/// each word, where each first two bytes begin (one pass over the sorted words) and the (small)
/// phrase list.
pub struct Lexicon {
    b: Cow<'static, [u8]>,
    l: Layout,
    /// Byte offset of each word in `b`, then one past the last word's end ('\n' included).
    starts: Vec<u32>,
    /// By a word's first two bytes ([`lead`]): the index of the first word with those or larger
    /// ones (65,537 entries; sorted words with one lead are contiguous, so a lookup searches only
    /// theirs).
    leads: Vec<u32>,
    /// Hashes of the first words of phrases ([`F_PHRASE_START`]).
    phrase_starts: FxSet<u64>,
    phrases: FxMap<u64, u16>,
    pub max_phrase: usize,
}

impl Default for Lexicon {
    fn default() -> Lexicon {
        Lexicon::new(Vec::new(), Vec::new())
    }
}

impl Lexicon {
    /// A lexicon of these words and phrases (sorted here), laid out as in a model file.
    pub fn new(mut entries: Vec<(String, WordInfo)>, mut phrase_entries: Vec<(String, u16)>) -> Lexicon {
        entries.sort_by(|a, b| a.0.cmp(&b.0));
        phrase_entries.sort();
        let mut b = Vec::new();
        let join = |b: &mut Vec<u8>, xs: &mut dyn Iterator<Item = &str>| {
            for (i, x) in xs.enumerate() {
                if i > 0 {
                    b.push(b'\n');
                }
                b.extend_from_slice(x.as_bytes());
            }
        };
        join(&mut b, &mut entries.iter().map(|e| e.0.as_str()));
        let (words_len, cols) = (b.len(), b.len());
        for (_, i) in &entries {
            b.extend_from_slice(&i.cluster.to_le_bytes());
        }
        b.extend(entries.iter().map(|(_, i)| i.coarse));
        b.extend(entries.iter().map(|(_, i)| i.freq));
        for (_, i) in &entries {
            b.extend_from_slice(&i.flags.to_le_bytes());
        }
        b.extend(entries.iter().map(|(_, i)| i.pctx));
        b.extend(entries.iter().map(|(_, i)| i.art));
        b.extend(entries.iter().map(|(_, i)| i.lctx));
        let phrases = b.len();
        join(&mut b, &mut phrase_entries.iter().map(|e| e.0.as_str()));
        let kinds = b.len();
        b.extend(phrase_entries.iter().map(|e| e.1 as u8));
        let l = Layout { nw: entries.len(), words: 0, words_len, cols, np: phrase_entries.len(), phrases, phrases_len: kinds - phrases, kinds };
        Lexicon::from_layout(Cow::Owned(b), l).expect("a built lexicon is well formed")
    }

    /// The lexicon in these bytes; `None` when the counts disagree with the lists.
    fn from_layout(b: Cow<'static, [u8]>, l: Layout) -> Option<Lexicon> {
        let joined = &b[l.words..l.words + l.words_len];
        let mut starts = Vec::with_capacity(l.nw + 1);
        if l.nw > 0 {
            starts.push(l.words as u32);
            push_newlines(joined, l.words + 1, &mut starts);
        } else if !joined.is_empty() {
            return None;
        }
        starts.push((l.words + l.words_len + 1) as u32);
        if starts.len() != l.nw + 1 {
            return None;
        }
        let mut leads = Vec::with_capacity(LEADS + 1);
        for i in 0..l.nw {
            let k = lead(&b[starts[i] as usize..starts[i + 1] as usize - 1]);
            if k + 1 < leads.len() {
                return None; // not sorted
            }
            leads.resize(k + 1, i as u32);
        }
        leads.resize(LEADS + 1, l.nw as u32);
        let mut phrase_starts = FxSet::default();
        let mut phrases = FxMap::default();
        let mut max_phrase = 1;
        let mut n_phrases = 0;
        for (p, &k) in items(&b[l.phrases..l.phrases + l.phrases_len]).zip(&b[l.kinds..l.kinds + l.np]) {
            let mut h = 0;
            let mut n = 0;
            for (j, w) in p.split(|&c| c == b' ').enumerate() {
                let wh = word_hash_bytes(w);
                h = super::features::mix(h, wh);
                n += 1;
                if j == 0 {
                    phrase_starts.insert(wh);
                }
            }
            max_phrase = max_phrase.max(n);
            phrases.insert(h, k as u16);
            n_phrases += 1;
        }
        if n_phrases != l.np || items(&b[l.phrases..l.phrases + l.phrases_len]).count() != l.np {
            return None;
        }
        Some(Lexicon { b, l, starts, leads, phrase_starts, phrases, max_phrase })
    }

    /// Word `i` of the sorted list.
    #[inline]
    fn word(&self, i: usize) -> &[u8] {
        &self.b[self.starts[i] as usize..self.starts[i + 1] as usize - 1]
    }

    /// The [`WordInfo`] of word `i`, from the columns.
    fn info(&self, i: usize) -> WordInfo {
        let (b, n, c) = (&self.b[..], self.l.nw, self.l.cols);
        WordInfo {
            cluster: u16::from_le_bytes([b[c + 2 * i], b[c + 2 * i + 1]]),
            coarse: b[c + 2 * n + i],
            freq: b[c + 3 * n + i],
            flags: u16::from_le_bytes([b[c + 4 * n + 2 * i], b[c + 4 * n + 2 * i + 1]]),
            pctx: b[c + 6 * n + i],
            art: b[c + 7 * n + i],
            lctx: b[c + 8 * n + i],
        }
    }

    /// The words and what is known of each, sorted by word (as the model file stores them).
    pub fn entries(&self) -> Vec<(String, WordInfo)> {
        (0..self.l.nw).map(|i| (String::from_utf8_lossy(self.word(i)).into_owned(), self.info(i))).collect()
    }
    /// The phrases and their kinds, sorted.
    pub fn phrase_entries(&self) -> Vec<(String, u16)> {
        let l = &self.l;
        items(&self.b[l.phrases..l.phrases + l.phrases_len])
            .zip(&self.b[l.kinds..l.kinds + l.np])
            .map(|(p, &k)| (String::from_utf8_lossy(p).into_owned(), k as u16))
            .collect()
    }
    /// What the lexicon knows of a normalized word: its entry, and whether a phrase starts with
    /// it ([`F_PHRASE_START`]); `None` for neither.
    #[inline]
    pub fn get(&self, w: &str) -> Option<WordInfo> {
        let w = w.as_bytes();
        let k = lead(w);
        let (mut lo, mut hi) = (self.leads[k] as usize, self.leads[k + 1] as usize);
        let mut found = None;
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            match self.word(mid).cmp(w) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => {
                    found = Some(mid);
                    break;
                }
            }
        }
        let start = !self.phrase_starts.is_empty() && self.phrase_starts.contains(&word_hash_bytes(w));
        match (found, start) {
            (Some(i), s) => {
                let mut x = self.info(i);
                if s {
                    x.flags |= F_PHRASE_START;
                }
                Some(x)
            }
            (None, true) => Some(WordInfo { flags: F_PHRASE_START, ..WordInfo::default() }),
            (None, false) => None,
        }
    }
    #[inline]
    pub fn phrase(&self, h: u64) -> Option<u16> {
        self.phrases.get(&h).copied()
    }
    pub fn len(&self) -> usize {
        self.l.nw
    }
    pub fn is_empty(&self) -> bool {
        self.l.nw == 0
    }
}

#[inline]
fn slot(k: u32, mask: usize) -> usize {
    ((k as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 32) as usize & mask
}

/// Feature weights: an open-addressing table from feature key to the feature's index, and the
/// i8 weights themselves as the model file stores them, one column of `len` bytes per tag, read
/// in place (the embedded model's are never copied). Only the keys are indexed on load.
#[derive(Default)]
pub struct Weights {
    /// Per slot: the key (0: empty) and its index in the columns.
    slots: Vec<(u32, u32)>,
    mask: usize,
    /// NTAGS columns of `len` weights (tag-major).
    cols: Cow<'static, [u8]>,
    pub len: usize,
    pub scale: f32,
}

impl Weights {
    pub fn from_rows(rows: &[(u32, [i8; NTAGS])], scale: f32) -> Weights {
        let mut cols = vec![0u8; rows.len() * NTAGS];
        for (i, (_, w)) in rows.iter().enumerate() {
            for t in 0..NTAGS {
                cols[t * rows.len() + i] = w[t] as u8;
            }
        }
        let mut w = Weights { cols: Cow::Owned(cols), len: rows.len(), scale, ..Weights::default() };
        w.index(rows.iter().map(|r| r.0));
        w
    }

    /// Fills the slot table with these keys (key `i` of the columns at position `i`); a key
    /// given twice points at its last position.
    fn index(&mut self, keys: impl Iterator<Item = u32>) {
        let cap = (self.len + self.len / 2).next_power_of_two().max(16);
        let mask = cap - 1;
        let mut slots = vec![(0u32, 0u32); cap];
        for (i, k) in keys.enumerate() {
            debug_assert!(k != 0);
            let mut p = slot(k, mask);
            while slots[p].0 != 0 && slots[p].0 != k {
                p = (p + 1) & mask;
            }
            slots[p] = (k, i as u32);
        }
        self.slots = slots;
        self.mask = mask;
    }

    /// The column index of a feature.
    #[inline]
    fn find(&self, k: u32) -> Option<usize> {
        if self.slots.is_empty() {
            return None;
        }
        let mut p = slot(k, self.mask);
        loop {
            let (x, i) = self.slots[p];
            if x == k {
                return Some(i as usize);
            }
            if x == 0 {
                return None;
            }
            p = (p + 1) & self.mask;
        }
    }

    /// The weights of feature `i` (its column index), one per tag.
    #[inline]
    fn row(&self, i: usize) -> [i8; NTAGS] {
        let n = self.len;
        std::array::from_fn(|t| self.cols[t * n + i] as i8)
    }

    #[inline]
    pub fn get(&self, k: u32) -> Option<[i8; NTAGS]> {
        self.find(k).map(|i| self.row(i))
    }
    /// Asks the CPU to start loading these features' slots (x86-64 only; a no-op elsewhere).
    #[inline]
    pub fn prefetch(&self, feats: &[u32]) {
        #[cfg(target_arch = "x86_64")]
        if !self.slots.is_empty() {
            for &k in feats {
                let p = slot(k, self.mask);
                // SAFETY: `p` is within the table (masked); prefetching never faults.
                unsafe {
                    use core::arch::x86_64::{_mm_prefetch, _MM_HINT_T0};
                    _mm_prefetch::<{ _MM_HINT_T0 }>(self.slots.as_ptr().add(p) as *const i8);
                }
            }
        }
        #[cfg(not(target_arch = "x86_64"))]
        let _ = feats;
    }

    /// Integer sum of the rows of these features.
    #[inline]
    pub fn sum(&self, feats: &[u32]) -> [i32; NTAGS] {
        let mut out = [0i32; NTAGS];
        let n = self.len;
        let cols = &self.cols[..];
        // In i16 lanes (narrower, faster in wasm), 250 rows at a time: 250 × 127 fits.
        for chunk in feats.chunks(250) {
            let mut acc = [0i16; NTAGS];
            for &k in chunk {
                if let Some(i) = self.find(k) {
                    for t in 0..NTAGS {
                        acc[t] += cols[t * n + i] as i8 as i16;
                    }
                }
            }
            for t in 0..NTAGS {
                out[t] += acc[t] as i32;
            }
        }
        out
    }

    /// Emission scores for one token's features.
    #[inline]
    pub fn emit(&self, feats: &[u32]) -> [f32; NTAGS] {
        let acc = self.sum(feats);
        let mut out = [0f32; NTAGS];
        for t in 0..NTAGS {
            out[t] = acc[t] as f32 * self.scale;
        }
        out
    }

    /// Reads the weights section (see the module doc): the keys are decoded and indexed, the
    /// columns stay where they are in `src` (the whole model file).
    fn read(r: &mut Reader, src: &Cow<'static, [u8]>) -> Option<Weights> {
        let nf = r.u32()? as usize;
        // Not more keys than bytes left (a key takes at least one): no absurd allocation.
        if nf > r.b.len() - r.p {
            return None;
        }
        let mut keys = Vec::with_capacity(nf);
        let mut prev = 0u32;
        for _ in 0..nf {
            let mut d = 0u32;
            let mut shift = 0u32;
            loop {
                let x = r.take(1)?[0];
                d |= ((x & 0x7f) as u32).checked_shl(shift)?;
                shift += 7;
                if x & 0x80 == 0 {
                    break;
                }
            }
            prev = prev.wrapping_add(d);
            keys.push(prev);
        }
        let scale = r.f32()?;
        let at = r.p;
        r.take(nf.checked_mul(NTAGS)?)?;
        let cols = match src {
            Cow::Borrowed(b) => Cow::Borrowed(&b[at..at + nf * NTAGS]),
            Cow::Owned(b) => Cow::Owned(b[at..at + nf * NTAGS].to_vec()),
        };
        let mut w = Weights { cols, len: nf, scale, ..Weights::default() };
        w.index(keys.into_iter());
        Some(w)
    }

    /// All rows, sorted by key.
    pub fn rows(&self) -> Vec<(u32, [i8; NTAGS])> {
        let mut v: Vec<(u32, [i8; NTAGS])> = self.slots.iter().filter(|s| s.0 != 0).map(|&(k, i)| (k, self.row(i as usize))).collect();
        v.sort_unstable_by_key(|r| r.0);
        v
    }
}

/// Emission scores of a sequence, prefetching the next token's rows while scoring this one.
pub fn emissions(w: &Weights, feats: &super::features::SeqFeatures) -> Vec<[f32; NTAGS]> {
    let n = feats.len();
    if n > 0 {
        w.prefetch(feats.of(0));
    }
    (0..n)
        .map(|i| {
            if i + 1 < n {
                w.prefetch(feats.of(i + 1));
            }
            w.emit(feats.of(i))
        })
        .collect()
}

/// The entity model: the lexicon its features read, the feature weights, and the CRF's tag
/// transitions (`trans[a][b]`: from a to b) and start scores.
pub struct Model {
    pub lex: Lexicon,
    pub weights: Weights,
    pub trans: [[f32; NTAGS]; NTAGS],
    pub start: [f32; NTAGS],
}

impl Model {
    /// Emission scores of every token of a sequence (first stage).
    pub fn emissions(&self, feats: &super::features::SeqFeatures) -> Vec<[f32; NTAGS]> {
        emissions(&self.weights, feats)
    }

    /// Viterbi decoding of a sequence (BIO constraints applied).
    pub fn viterbi(&self, feats: &super::features::SeqFeatures) -> Vec<u8> {
        decode(&self.emissions(feats), &self.trans, &self.start)
    }

    /// Parses a model file (written by `marsad-train`); `None` when the bytes are not a model.
    pub fn from_bytes(b: &[u8]) -> Option<Model> {
        Model::parse(Cow::Owned(b.to_vec()))
    }

    /// [`Model::from_bytes`] for bytes that live as long as the program (the embedded model):
    /// the lexicon is read in place, never copied.
    pub fn from_static(b: &'static [u8]) -> Option<Model> {
        Model::parse(Cow::Borrowed(b))
    }

    fn parse(src: Cow<'static, [u8]>) -> Option<Model> {
        let b: &[u8] = &src;
        let mut r = Reader { b, p: 0 };
        if r.take(4)? != b"MNER" || r.u32()? != FORMAT_VERSION {
            return None;
        }
        let nw = r.u32()? as usize;
        let words_len = r.u32()? as usize;
        let words = r.p;
        r.take(words_len)?;
        let cols = r.p;
        r.take(nw.checked_mul(9)?)?;
        let np = r.u32()? as usize;
        let phrases_len = r.u32()? as usize;
        let phrases = r.p;
        r.take(phrases_len)?;
        let kinds = r.p;
        r.take(np)?;
        if r.p > u32::MAX as usize - 1 {
            return None;
        }
        let weights = Weights::read(&mut r, &src)?;
        let mut trans = [[0f32; NTAGS]; NTAGS];
        for a in trans.iter_mut() {
            for x in a.iter_mut() {
                *x = r.f32()?;
            }
        }
        let mut start = [0f32; NTAGS];
        for x in start.iter_mut() {
            *x = r.f32()?;
        }
        if r.p != r.b.len() {
            return None;
        }
        let layout = Layout { nw, words, words_len, cols, np, phrases, phrases_len, kinds };
        let lex = Lexicon::from_layout(src, layout)?;
        Some(Model { lex, weights, trans, start })
    }
}

/// Viterbi decoding given out as BIO tags (what everything but training wants).
pub fn decode(em: &[[f32; NTAGS]], trans: &[[f32; NTAGS]; NTAGS], start: &[f32; NTAGS]) -> Vec<u8> {
    viterbi(em, trans, start).into_iter().map(|t| Tag(t).to_bio().0).collect()
}

/// The allowed predecessors of each tag (9 for O/B/S, 2 for I/E), in increasing order.
static PREDS: std::sync::LazyLock<([[u8; NTAGS]; NTAGS], [usize; NTAGS])> = std::sync::LazyLock::new(|| {
    let mut preds = [[0u8; NTAGS]; NTAGS];
    let mut npred = [0usize; NTAGS];
    for t in 0..NTAGS {
        for p in 0..NTAGS {
            if allowed(Some(p), t) {
                preds[t][npred[t]] = p as u8;
                npred[t] += 1;
            }
        }
    }
    (preds, npred)
});

/// Viterbi over emission scores with BIOES constraints (see [`allowed`]); returns BIOES tags.
/// Only allowed transitions are scored.
pub fn viterbi(em: &[[f32; NTAGS]], trans: &[[f32; NTAGS]; NTAGS], start: &[f32; NTAGS]) -> Vec<u8> {
    let n = em.len();
    if n == 0 {
        return Vec::new();
    }
    let tr = trans;
    let (preds, npred) = &*PREDS;
    let mut back = vec![[0u8; NTAGS]; n];
    let mut score = [f32::NEG_INFINITY; NTAGS];
    for t in 0..NTAGS {
        if allowed(None, t) {
            score[t] = start[t] + em[0][t];
        }
    }
    for i in 1..n {
        let mut next = [0f32; NTAGS];
        for t in 0..NTAGS {
            let ps = &preds[t][..npred[t]];
            let (mut best, mut arg) = (score[ps[0] as usize] + tr[ps[0] as usize][t], ps[0]);
            for &p in &ps[1..] {
                let s = score[p as usize] + tr[p as usize][t];
                if s > best {
                    best = s;
                    arg = p;
                }
            }
            next[t] = best + em[i][t];
            back[i][t] = arg;
        }
        score = next;
    }
    let mut tags = vec![0u8; n];
    let mut best = 0;
    for t in 1..NTAGS {
        if may_end(t) && score[t] > score[best] {
            best = t;
        }
    }
    tags[n - 1] = best as u8;
    for i in (1..n).rev() {
        tags[i - 1] = back[i][tags[i] as usize];
    }
    tags
}

pub(crate) struct Reader<'a> {
    b: &'a [u8],
    p: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let s = self.b.get(self.p..self.p.checked_add(n)?)?;
        self.p += n;
        Some(s)
    }
    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }
    fn f32(&mut self) -> Option<f32> {
        Some(f32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }
}

#[cfg(test)]
mod newline_tests {
    use super::push_newlines;

    /// The word-at-a-time scan finds what a byte loop finds, at every length and alignment, with
    /// bytes on both sides of '\n' (0x09, 0x0b) and high bytes (Arabic UTF-8) around.
    #[test]
    fn push_newlines_is_the_byte_loop() {
        let alphabet = [b'\n', 0x09, 0x0b, 0x00, 0x80, 0x8a, 0xd8, 0xd9, b'a', 0xff];
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        for len in 0..70 {
            for _ in 0..40 {
                let s: Vec<u8> = (0..len)
                    .map(|_| {
                        seed ^= seed << 13;
                        seed ^= seed >> 7;
                        seed ^= seed << 17;
                        alphabet[(seed % alphabet.len() as u64) as usize]
                    })
                    .collect();
                let want: Vec<u32> = s.iter().enumerate().filter(|(_, &c)| c == b'\n').map(|(j, _)| (100 + j) as u32).collect();
                let mut got = Vec::new();
                push_newlines(&s, 100, &mut got);
                assert_eq!(got, want, "{s:?}");
            }
        }
    }
}
