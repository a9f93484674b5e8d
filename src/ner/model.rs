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

use crate::hash::FxMap;

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
    super::features::hash_bytes(0x1e81c0, w.as_bytes())
}

/// Hash of a phrase, from the hashes of its words.
#[inline]
pub fn phrase_step(h: u64, word: &str) -> u64 {
    super::features::mix(h, word_hash(word))
}

#[derive(Default)]
pub struct Lexicon {
    /// Sorted entries as stored in the file.
    pub entries: Vec<(String, WordInfo)>,
    pub phrase_entries: Vec<(String, u16)>,
    words: FxMap<u64, WordInfo>,
    phrases: FxMap<u64, u16>,
    pub max_phrase: usize,
}

impl Lexicon {
    pub fn new(mut entries: Vec<(String, WordInfo)>, mut phrase_entries: Vec<(String, u16)>) -> Lexicon {
        entries.sort_by(|a, b| a.0.cmp(&b.0));
        phrase_entries.sort();
        let mut words: FxMap<u64, WordInfo> = FxMap::default();
        words.reserve(entries.len());
        for (w, i) in &entries {
            words.insert(word_hash(w), *i);
        }
        let mut phrases = FxMap::default();
        let mut max_phrase = 1;
        for (p, k) in &phrase_entries {
            let mut h = 0;
            let mut n = 0;
            for (j, w) in p.split(' ').enumerate() {
                h = phrase_step(h, w);
                n += 1;
                if j == 0 {
                    words.entry(word_hash(w)).or_default().flags |= F_PHRASE_START;
                }
            }
            max_phrase = max_phrase.max(n);
            phrases.insert(h, *k);
        }
        Lexicon { entries, phrase_entries, words, phrases, max_phrase }
    }
    #[inline]
    pub fn get(&self, w: &str) -> Option<&WordInfo> {
        self.words.get(&word_hash(w))
    }
    #[inline]
    pub fn get_hash(&self, h: u64) -> Option<&WordInfo> {
        self.words.get(&h)
    }
    #[inline]
    pub fn phrase(&self, h: u64) -> Option<u16> {
        self.phrases.get(&h).copied()
    }
    pub fn len(&self) -> usize {
        self.entries.len()
    }
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

#[inline]
fn slot(k: u32, mask: usize) -> usize {
    ((k as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 32) as usize & mask
}

/// Open-addressing table from feature key to i8 weights: keys in one compact array (probed),
/// weights in a parallel one (read on a hit).
#[derive(Default)]
pub struct Weights {
    keys: Vec<u32>,
    rows: Vec<[i8; NTAGS]>,
    mask: usize,
    pub len: usize,
    pub scale: f32,
}

impl Weights {
    pub fn from_rows(rows: &[(u32, [i8; NTAGS])], scale: f32) -> Weights {
        let cap = (rows.len() + rows.len() / 2).next_power_of_two().max(16);
        let mut keys = vec![0u32; cap];
        let mut table = vec![[0i8; NTAGS]; cap];
        let mask = cap - 1;
        for &(k, w) in rows {
            debug_assert!(k != 0);
            let mut p = slot(k, mask);
            while keys[p] != 0 && keys[p] != k {
                p = (p + 1) & mask;
            }
            keys[p] = k;
            table[p] = w;
        }
        Weights { keys, rows: table, mask, len: rows.len(), scale }
    }
    #[inline]
    pub fn get(&self, k: u32) -> Option<&[i8; NTAGS]> {
        if self.keys.is_empty() {
            return None;
        }
        let mut p = slot(k, self.mask);
        loop {
            let x = self.keys[p];
            if x == k {
                return Some(&self.rows[p]);
            }
            if x == 0 {
                return None;
            }
            p = (p + 1) & self.mask;
        }
    }
    /// Asks the CPU to start loading these features' slots (x86-64 only; a no-op elsewhere).
    #[inline]
    pub fn prefetch(&self, feats: &[u32]) {
        #[cfg(target_arch = "x86_64")]
        if !self.keys.is_empty() {
            for &k in feats {
                let p = slot(k, self.mask);
                // SAFETY: `p` is within both arrays (masked); prefetching never faults.
                unsafe {
                    use core::arch::x86_64::{_mm_prefetch, _MM_HINT_T0};
                    _mm_prefetch::<{ _MM_HINT_T0 }>(self.keys.as_ptr().add(p) as *const i8);
                    _mm_prefetch::<{ _MM_HINT_T0 }>(self.rows.as_ptr().add(p) as *const i8);
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
        // In i16 lanes (narrower, faster in wasm), 250 rows at a time: 250 × 127 fits.
        for chunk in feats.chunks(250) {
            let mut acc = [0i16; NTAGS];
            for &k in chunk {
                if let Some(w) = self.get(k) {
                    for t in 0..NTAGS {
                        acc[t] += w[t] as i16;
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

    fn read(r: &mut Reader) -> Option<Weights> {
        let nf = r.u32()? as usize;
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
        let q = r.take(nf * NTAGS)?;
        let rows: Vec<(u32, [i8; NTAGS])> = keys
            .iter()
            .enumerate()
            .map(|(i, &k)| {
                let mut w = [0i8; NTAGS];
                for t in 0..NTAGS {
                    w[t] = q[t * nf + i] as i8;
                }
                (k, w)
            })
            .collect();
        Some(Weights::from_rows(&rows, scale))
    }

    /// All rows, sorted by key.
    pub fn rows(&self) -> Vec<(u32, [i8; NTAGS])> {
        let mut v: Vec<(u32, [i8; NTAGS])> = self.keys.iter().zip(&self.rows).filter(|r| *r.0 != 0).map(|r| (*r.0, *r.1)).collect();
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
        let mut r = Reader { b, p: 0 };
        if r.take(4)? != b"MNER" || r.u32()? != FORMAT_VERSION {
            return None;
        }
        let nw = r.u32()? as usize;
        let jl = r.u32()? as usize;
        let joined = std::str::from_utf8(r.take(jl)?).ok()?;
        let names: Vec<&str> = if nw == 0 { Vec::new() } else { joined.split('\n').collect() };
        if names.len() != nw {
            return None;
        }
        let cl = r.take(nw * 2)?;
        let co = r.take(nw)?;
        let fr = r.take(nw)?;
        let fl = r.take(nw * 2)?;
        let pc = r.take(nw)?;
        let ar = r.take(nw)?;
        let lc = r.take(nw)?;
        let entries: Vec<(String, WordInfo)> = names
            .iter()
            .enumerate()
            .map(|(i, w)| {
                (
                    w.to_string(),
                    WordInfo {
                        cluster: u16::from_le_bytes([cl[2 * i], cl[2 * i + 1]]),
                        coarse: co[i],
                        freq: fr[i],
                        flags: u16::from_le_bytes([fl[2 * i], fl[2 * i + 1]]),
                        pctx: pc[i],
                        art: ar[i],
                        lctx: lc[i],
                    },
                )
            })
            .collect();
        let np = r.u32()? as usize;
        let jl = r.u32()? as usize;
        let joined = std::str::from_utf8(r.take(jl)?).ok()?;
        let pnames: Vec<&str> = if np == 0 { Vec::new() } else { joined.split('\n').collect() };
        if pnames.len() != np {
            return None;
        }
        let kinds = r.take(np)?;
        let phrases: Vec<(String, u16)> = pnames.iter().zip(kinds).map(|(p, &k)| (p.to_string(), k as u16)).collect();
        let weights = Weights::read(&mut r)?;
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
        let lex = Lexicon::new(entries, phrases);
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
