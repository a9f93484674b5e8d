//! The entity model and its file: the lexicon (word clusters, news frequency, name / place /
//! trigger flags, phrase list), sparse i8 feature weights found by their sorted keys, the CRF's
//! transition scores, and BIOES-constrained Viterbi decoding. `marsad-train` writes the file.
//!
//! Format (little-endian), the lexicon laid out column by column so gzip finds the repetition:
//! `MNER` u32 version ([`FORMAT_VERSION`]) | u32 nwords, u32 bytes, the words front-coded in
//! blocks ([`encode_words`]), u32 offset of each block | u16 clusters, u8 coarse, u8 freq, u16 flags, u8 person contexts, u8 article ratio, u8 place
//! contexts | u32 nphrases, u32 bytes, phrases joined by '\n', u8 kinds | u32 nfeat, varint key
//! deltas, f32 scale, nfeat 3-byte tag masks (bit t: tag t's weight is not zero), the weights that
//! are not zero (i8, feature by feature, tag by tag) | NTAGS×NTAGS f32 transitions, NTAGS
//! f32 start scores. Nothing follows.

/// Version of the model file format.
pub const FORMAT_VERSION: u32 = 5;

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
/// the front-coded words ([`encode_words`]) and their blocks' offsets, their columns, the joined
/// phrases and their kinds (byte offsets).
#[derive(Clone, Copy, Default)]
struct Layout {
    nw: usize,
    words: usize,
    words_len: usize,
    /// `nw.div_ceil(BLOCK)` u32 offsets of the blocks in the words.
    blocks: usize,
    cols: usize,
    np: usize,
    phrases: usize,
    phrases_len: usize,
    kinds: usize,
}

/// Words per block of the front-coded word list.
pub const BLOCK: usize = 16;

/// The sorted words front-coded, in blocks of [`BLOCK`]: a block starts with a whole word (u8
/// length, bytes) and each further word gives the length of the prefix it shares with the word
/// before it and the rest (u8, u8 length, bytes). Returns the bytes and each block's offset in
/// them; `None` for words not sorted and unique, or longer than 255 bytes.
pub fn encode_words<'a>(words: impl IntoIterator<Item = &'a [u8]>) -> Option<(Vec<u8>, Vec<u32>)> {
    let (mut out, mut blocks) = (Vec::new(), Vec::new());
    let mut prev: &[u8] = &[];
    for (i, w) in words.into_iter().enumerate() {
        let n = u8::try_from(w.len()).ok()?;
        if i > 0 && w <= prev {
            return None;
        }
        if i % BLOCK == 0 {
            blocks.push(out.len() as u32);
            out.push(n);
            out.extend_from_slice(w);
        } else {
            let shared = w.iter().zip(prev).take_while(|(a, b)| a == b).count();
            out.extend_from_slice(&[shared as u8, (w.len() - shared) as u8]);
            out.extend_from_slice(&w[shared..]);
        }
        prev = w;
    }
    Some((out, blocks))
}


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

/// The offset of block `i` (u32 little-endian in the `blocks` array at `at`).
#[inline]
fn block_at(b: &[u8], at: usize, i: usize) -> usize {
    let x = &b[at + 4 * i..at + 4 * i + 4];
    u32::from_le_bytes([x[0], x[1], x[2], x[3]]) as usize
}

/// Items of a '\n'-joined list (none when it is empty).
fn items(joined: &[u8]) -> impl Iterator<Item = &[u8]> {
    joined.split(|&c| c == b'\n').filter(move |_| !joined.is_empty())
}

/// The word lexicon, read in place: the words stay in the model's bytes, sorted and front-coded
/// as the file stores them ([`encode_words`]); a word is found by binary search over the blocks'
/// first words, then a scan of one block, and its [`WordInfo`] read from the columns. Nothing is
/// indexed on load but the (small) phrase list.
pub struct Lexicon {
    b: Cow<'static, [u8]>,
    l: Layout,
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
        // A word longer than 255 bytes is no word (the format cannot hold it).
        entries.retain(|e| e.0.len() <= 255);
        entries.dedup_by(|a, b| a.0 == b.0);
        let (words, blocks) = encode_words(entries.iter().map(|e| e.0.as_bytes())).expect("sorted, unique, short words");
        b.extend_from_slice(&words);
        let words_len = b.len();
        for o in &blocks {
            b.extend_from_slice(&o.to_le_bytes());
        }
        let cols = b.len();
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
        let l = Layout { nw: entries.len(), words: 0, words_len, blocks: words_len, cols, np: phrase_entries.len(), phrases, phrases_len: kinds - phrases, kinds };
        Lexicon::from_layout(Cow::Owned(b), l).expect("a built lexicon is well formed")
    }

    /// The lexicon in these bytes; `None` when the counts disagree with the lists.
    fn from_layout(b: Cow<'static, [u8]>, l: Layout) -> Option<Lexicon> {
        // The blocks' offsets ascend within the words, and each block starts with a whole word
        // that fits: then no lookup reads past them (each step of a scan is checked too).
        let nb = l.nw.div_ceil(BLOCK);
        let mut prev = None;
        for i in 0..nb {
            let o = block_at(&b, l.blocks, i);
            let end = o.checked_add(1 + *b.get(l.words + o)? as usize)?;
            if prev.is_some_and(|p| o <= p) || end > l.words_len {
                return None;
            }
            prev = Some(o);
        }
        if nb == 0 && l.words_len != 0 {
            return None;
        }
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
        let lex = Lexicon { b, l, phrase_starts, phrases, max_phrase };
        // A model read from a file (not the embedded one, whose test reads it whole) is checked
        // whole: every word decodes, sorted.
        if let Cow::Owned(_) = lex.b {
            let mut n = 0;
            let mut prev = Vec::new();
            for blk in 0..nb {
                let ok = lex.scan(blk, |_, w| {
                    let sorted = n == 0 || w > &prev[..];
                    prev.clear();
                    prev.extend_from_slice(w);
                    n += 1;
                    sorted
                });
                if !ok {
                    return None;
                }
            }
            if n != l.nw {
                return None;
            }
        }
        Some(lex)
    }

    /// The first word of block `blk`.
    #[inline]
    fn first(&self, blk: usize) -> &[u8] {
        let o = self.l.words + block_at(&self.b, self.l.blocks, blk);
        &self.b[o + 1..o + 1 + self.b[o] as usize]
    }

    /// Calls `f` with the index in the block and each word of block `blk`, in order, while it
    /// returns true; false when `f` stopped or the block is malformed (then `f` saw its words
    /// up to there).
    fn scan(&self, blk: usize, mut f: impl FnMut(usize, &[u8]) -> bool) -> bool {
        let (b, l) = (&self.b[..], &self.l);
        let end = if blk + 1 < l.nw.div_ceil(BLOCK) { block_at(b, l.blocks, blk + 1) } else { l.words_len };
        let data = &b[l.words..l.words + end];
        let mut p = block_at(b, l.blocks, blk);
        let mut buf = [0u8; 256];
        let n = (l.nw - blk * BLOCK).min(BLOCK);
        let mut len = 0;
        for j in 0..n {
            let (keep, add) = if j == 0 {
                (0, data[p] as usize)
            } else {
                match data.get(p..p + 2) {
                    Some(&[k, a]) if k as usize <= len && k as usize + a as usize <= 255 => (k as usize, a as usize),
                    _ => return false,
                }
            };
            p += if j == 0 { 1 } else { 2 };
            let Some(rest) = data.get(p..p + add) else { return false };
            buf[keep..keep + add].copy_from_slice(rest);
            p += add;
            len = keep + add;
            if !f(j, &buf[..len]) {
                return false;
            }
        }
        true
    }

    /// The index of a word in the sorted list.
    fn find(&self, w: &[u8]) -> Option<usize> {
        let nb = self.l.nw.div_ceil(BLOCK);
        if w.len() > 255 || nb == 0 {
            return None;
        }
        // The last block whose first word is not after `w`.
        let (mut lo, mut hi) = (0, nb);
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if self.first(mid) <= w {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        let blk = lo.checked_sub(1)?;
        let mut found = None;
        self.scan(blk, |j, x| match x.cmp(w) {
            std::cmp::Ordering::Less => true,
            std::cmp::Ordering::Equal => {
                found = Some(blk * BLOCK + j);
                false
            }
            std::cmp::Ordering::Greater => false,
        });
        found
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
        let mut out = Vec::with_capacity(self.l.nw);
        for blk in 0..self.l.nw.div_ceil(BLOCK) {
            self.scan(blk, |j, w| {
                out.push((String::from_utf8_lossy(w).into_owned(), self.info(blk * BLOCK + j)));
                true
            });
        }
        out
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
        let found = self.find(w);
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

/// Bytes of a feature's tag mask in the model file (bit `t`: tag `t`'s weight is not zero).
const MASK_BYTES: usize = 3;
const _: () = assert!(NTAGS <= 8 * MASK_BYTES);

#[inline]
fn mask_at(masks: &[u8], i: usize) -> u32 {
    let m = &masks[i * MASK_BYTES..i * MASK_BYTES + MASK_BYTES];
    u32::from_le_bytes([m[0], m[1], m[2], 0])
}

/// Feature weights: the features' keys, sorted, with a bucket index by their top bits, and the
/// i8 weights as the model file stores them, read in place (the embedded model's are never
/// copied): per feature a tag mask, then only its weights that are not zero (three in four are
/// zero), feature by feature. Loading decodes the keys and fills the bucket starts and each
/// feature's first weight in one pass (no hashing, no random writes: the first analysis in a
/// browser runs baseline-compiled code, and the old hash table's build was a tenth of it).
#[derive(Default)]
pub struct Weights {
    /// The keys, strictly ascending; key `i` is feature `i`.
    keys: Vec<u32>,
    /// `buckets[b]`: the index of the first key whose top bits (`k >> shift`) are `b` or more;
    /// one more entry than there are buckets (empty when there are no keys).
    buckets: Vec<u32>,
    shift: u32,
    /// `len` tag masks of [`MASK_BYTES`] each.
    masks: Cow<'static, [u8]>,
    /// The weights that are not zero, feature by feature, tag by tag.
    vals: Cow<'static, [u8]>,
    /// Where each feature's weights start in `vals`, then `vals.len()`.
    offs: Vec<u32>,
    pub len: usize,
    pub scale: f32,
}

impl Weights {
    /// Weights of these rows (sorted here; a key given twice keeps its last row).
    pub fn from_rows(rows: &[(u32, [i8; NTAGS])], scale: f32) -> Weights {
        let mut rows = rows.to_vec();
        rows.reverse();
        rows.sort_by_key(|r| r.0); // stable: the last row of a key now comes first
        rows.dedup_by_key(|r| r.0);
        let (mut masks, mut vals) = (Vec::new(), Vec::new());
        for (_, w) in &rows {
            let m = (0..NTAGS).filter(|&t| w[t] != 0).fold(0u32, |m, t| m | 1 << t);
            masks.extend_from_slice(&m.to_le_bytes()[..MASK_BYTES]);
            vals.extend(w.iter().filter(|&&x| x != 0).map(|&x| x as u8));
        }
        let keys = rows.iter().map(|r| r.0).collect();
        Weights::index(keys, Cow::Owned(masks), Cow::Owned(vals), scale).expect("sorted, unique keys")
    }

    /// Weights over these keys (strictly ascending), their masks and weights; `None` when they
    /// disagree.
    fn index(keys: Vec<u32>, masks: Cow<'static, [u8]>, vals: Cow<'static, [u8]>, scale: f32) -> Option<Weights> {
        let len = keys.len();
        if masks.len() != len * MASK_BYTES {
            return None;
        }
        // About one key per bucket: 2^bits buckets for up to 2^bits keys (4 to 16 bits).
        let bits = (usize::BITS - len.max(1).leading_zeros()).clamp(4, 16);
        let shift = 32 - bits;
        let mut buckets = Vec::with_capacity((1 << bits) + 1);
        let mut offs = Vec::with_capacity(len + 1);
        let mut at = 0u32;
        let mut prev = None;
        for (i, &k) in keys.iter().enumerate() {
            if prev.is_some_and(|p| p >= k) {
                return None;
            }
            prev = Some(k);
            let b = (k >> shift) as usize;
            if buckets.len() <= b {
                buckets.resize(b + 1, i as u32);
            }
            let m = mask_at(&masks, i);
            if m >> NTAGS != 0 {
                return None;
            }
            offs.push(at);
            at += m.count_ones();
        }
        offs.push(at);
        if at as usize != vals.len() {
            return None;
        }
        if len > 0 {
            buckets.resize((1 << bits) + 1, len as u32);
        }
        Some(Weights { keys, buckets, shift, masks, vals, offs, len, scale })
    }

    /// The index of a feature.
    #[inline]
    fn find(&self, k: u32) -> Option<usize> {
        let b = (k >> self.shift) as usize;
        let (lo, hi) = (*self.buckets.get(b)? as usize, self.buckets[b + 1] as usize);
        self.keys[lo..hi].iter().position(|&x| x == k).map(|j| lo + j)
    }

    /// Adds feature `i`'s weights to `acc`.
    #[inline]
    fn add_to<T: std::ops::AddAssign + From<i8>>(&self, i: usize, acc: &mut [T; NTAGS]) {
        let mut m = mask_at(&self.masks, i);
        let vals = &self.vals[self.offs[i] as usize..self.offs[i + 1] as usize];
        for &v in vals {
            acc[m.trailing_zeros() as usize] += T::from(v as i8);
            m &= m - 1;
        }
    }

    /// The weights of feature `i`, one per tag.
    #[inline]
    fn row(&self, i: usize) -> [i8; NTAGS] {
        let mut r = [0i8; NTAGS];
        self.add_to(i, &mut r);
        r
    }

    #[inline]
    pub fn get(&self, k: u32) -> Option<[i8; NTAGS]> {
        self.find(k).map(|i| self.row(i))
    }
    /// Asks the CPU to start loading these features' buckets (x86-64 only; a no-op elsewhere).
    #[inline]
    pub fn prefetch(&self, feats: &[u32]) {
        #[cfg(target_arch = "x86_64")]
        if !self.buckets.is_empty() {
            for &k in feats {
                let b = (k >> self.shift) as usize;
                // SAFETY: `b` is within the buckets (the top `bits` bits of a key); prefetching
                // never faults.
                unsafe {
                    use core::arch::x86_64::{_mm_prefetch, _MM_HINT_T0};
                    _mm_prefetch::<{ _MM_HINT_T0 }>(self.buckets.as_ptr().add(b) as *const i8);
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
        for &k in feats {
            if let Some(i) = self.find(k) {
                self.add_to(i, &mut out);
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
        let masks = r.take(nf.checked_mul(MASK_BYTES)?)?;
        let nv: usize = (0..nf).map(|i| mask_at(masks, i).count_ones() as usize).sum();
        r.take(nv)?;
        let (masks, vals) = match src {
            Cow::Borrowed(b) => (Cow::Borrowed(&b[at..at + nf * MASK_BYTES]), Cow::Borrowed(&b[at + nf * MASK_BYTES..r.p])),
            Cow::Owned(b) => (Cow::Owned(b[at..at + nf * MASK_BYTES].to_vec()), Cow::Owned(b[at + nf * MASK_BYTES..r.p].to_vec())),
        };
        Weights::index(keys, masks, vals, scale)
    }

    /// All rows, sorted by key.
    pub fn rows(&self) -> Vec<(u32, [i8; NTAGS])> {
        self.keys.iter().enumerate().map(|(i, &k)| (k, self.row(i))).collect()
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
        let blocks = r.p;
        r.take(nw.div_ceil(BLOCK).checked_mul(4)?)?;
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
        let layout = Layout { nw, words, words_len, blocks, cols, np, phrases, phrases_len, kinds };
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
