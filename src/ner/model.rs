//! The model file: lexicon (word clusters, news frequency, name/place/trigger flags, phrase list)
//! and quantized perceptron weights, with a compact binary format and Viterbi decoding.
//!
//! Format (little-endian), laid out column by column so gzip finds the repetition:
//! `MNER` u32 version | u32 nwords, words joined by '\n', u16 clusters, u8 coarse, u8 freq,
//! u16 flags | u32 nphrases, phrases joined by '\n', u8 kinds | u32 nfeat, varint key deltas,
//! f32 scale, nfeat×NTAGS i8 weights (tag-major) | NTAGS×NTAGS f32 transitions, NTAGS f32 start.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// Tags: O, then B/I for PER, LOC, ORG, MISC.
pub const NTAGS: usize = 9;

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

/// Phrase kinds in the phrase lexicon.
pub const P_LOC: u16 = 1;
pub const P_ORG: u16 = 2;
pub const P_PER: u16 = 3;

/// A small, fixed, deterministic hasher (FxHash) for the lookup tables.
#[derive(Default, Clone, Copy)]
pub struct Fx(u64);
impl Hasher for Fx {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        self.0 = super::features::hash_bytes(self.0, bytes);
    }
    fn write_u8(&mut self, i: u8) {
        self.0 = super::features::mix(self.0, i as u64);
    }
    fn write_u32(&mut self, i: u32) {
        self.0 = super::features::mix(self.0, i as u64);
    }
    fn write_u64(&mut self, i: u64) {
        self.0 = super::features::mix(self.0, i);
    }
    fn write_usize(&mut self, i: usize) {
        self.0 = super::features::mix(self.0, i as u64);
    }
}
pub type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<Fx>>;

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
}

#[derive(Default)]
pub struct Lexicon {
    pub words: FxMap<String, WordInfo>,
    pub phrases: FxMap<String, u16>,
    pub max_phrase: usize,
}

impl Lexicon {
    #[inline]
    pub fn get(&self, w: &str) -> Option<&WordInfo> {
        self.words.get(w)
    }
}

/// Weights of the tagger.
pub struct Model {
    pub lex: Lexicon,
    /// feature key → row
    pub index: FxMap<u32, u32>,
    /// rows × NTAGS, already scaled to f32
    pub w: Vec<f32>,
    pub trans: [[f32; NTAGS]; NTAGS],
    pub start: [f32; NTAGS],
}

/// Whether tag `b` may follow tag `a` (I-X only after B-X or I-X).
#[inline]
pub fn allowed(a: Option<usize>, b: usize) -> bool {
    if b == 0 || b % 2 == 1 {
        return true;
    }
    match a {
        Some(a) => a != 0 && (a + 1) / 2 == b / 2,
        None => false,
    }
}

impl Model {
    /// Emission scores for one token.
    #[inline]
    pub fn emit(&self, feats: &[u32], out: &mut [f32; NTAGS]) {
        *out = [0.0; NTAGS];
        for k in feats {
            if let Some(&r) = self.index.get(k) {
                let row = &self.w[r as usize * NTAGS..r as usize * NTAGS + NTAGS];
                for t in 0..NTAGS {
                    out[t] += row[t];
                }
            }
        }
    }

    /// Viterbi decoding of a sequence.
    pub fn viterbi(&self, feats: &super::features::SeqFeatures) -> Vec<u8> {
        let n = feats.len();
        let mut tags = vec![0u8; n];
        if n == 0 {
            return tags;
        }
        let mut back = vec![[0u8; NTAGS]; n];
        let mut score = [0f32; NTAGS];
        let mut e = [0f32; NTAGS];
        self.emit(feats.of(0), &mut e);
        for t in 0..NTAGS {
            score[t] = if allowed(None, t) { self.start[t] + e[t] } else { f32::NEG_INFINITY };
        }
        for i in 1..n {
            self.emit(feats.of(i), &mut e);
            let mut next = [f32::NEG_INFINITY; NTAGS];
            for t in 0..NTAGS {
                let mut best = f32::NEG_INFINITY;
                let mut arg = 0u8;
                for p in 0..NTAGS {
                    if !allowed(Some(p), t) {
                        continue;
                    }
                    let s = score[p] + self.trans[p][t];
                    if s > best {
                        best = s;
                        arg = p as u8;
                    }
                }
                next[t] = best + e[t];
                back[i][t] = arg;
            }
            score = next;
        }
        let mut best = 0;
        for t in 1..NTAGS {
            if score[t] > score[best] {
                best = t;
            }
        }
        tags[n - 1] = best as u8;
        for i in (1..n).rev() {
            tags[i - 1] = back[i][tags[i] as usize];
        }
        tags
    }

    /// Serializes the model; weights quantized to i8 with one scale.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(b"MNER");
        out.extend_from_slice(&1u32.to_le_bytes());
        let mut words: Vec<(&String, &WordInfo)> = self.lex.words.iter().collect();
        words.sort_by(|a, b| a.0.cmp(b.0));
        out.extend_from_slice(&(words.len() as u32).to_le_bytes());
        let joined: Vec<&str> = words.iter().map(|(w, _)| w.as_str()).collect();
        let joined = joined.join("\n");
        out.extend_from_slice(&(joined.len() as u32).to_le_bytes());
        out.extend_from_slice(joined.as_bytes());
        for (_, i) in &words {
            out.extend_from_slice(&i.cluster.to_le_bytes());
        }
        for (_, i) in &words {
            out.push(i.coarse);
        }
        for (_, i) in &words {
            out.push(i.freq);
        }
        for (_, i) in &words {
            out.extend_from_slice(&i.flags.to_le_bytes());
        }
        let mut phrases: Vec<(&String, &u16)> = self.lex.phrases.iter().collect();
        phrases.sort();
        out.extend_from_slice(&(phrases.len() as u32).to_le_bytes());
        let joined: Vec<&str> = phrases.iter().map(|(w, _)| w.as_str()).collect();
        let joined = joined.join("\n");
        out.extend_from_slice(&(joined.len() as u32).to_le_bytes());
        out.extend_from_slice(joined.as_bytes());
        for (_, k) in &phrases {
            out.push(**k as u8);
        }
        // Weights.
        let mut rows: Vec<(u32, u32)> = self.index.iter().map(|(&k, &r)| (k, r)).collect();
        rows.sort_unstable();
        out.extend_from_slice(&(rows.len() as u32).to_le_bytes());
        let mut prev = 0u32;
        for &(k, _) in &rows {
            let mut d = k - prev;
            prev = k;
            loop {
                let b = (d & 0x7f) as u8;
                d >>= 7;
                if d == 0 {
                    out.push(b);
                    break;
                }
                out.push(b | 0x80);
            }
        }
        let maxw = self.w.iter().fold(0f32, |m, &x| m.max(x.abs())).max(1e-6);
        let scale = maxw / 127.0;
        out.extend_from_slice(&scale.to_le_bytes());
        for t in 0..NTAGS {
            for &(_, r) in &rows {
                let q = (self.w[r as usize * NTAGS + t] / scale).round().clamp(-127.0, 127.0) as i8;
                out.push(q as u8);
            }
        }
        for a in 0..NTAGS {
            for b in 0..NTAGS {
                out.extend_from_slice(&self.trans[a][b].to_le_bytes());
            }
        }
        for t in 0..NTAGS {
            out.extend_from_slice(&self.start[t].to_le_bytes());
        }
        out
    }

    /// Parses a model written by [`Model::to_bytes`]; `None` when the bytes are not a model.
    pub fn from_bytes(b: &[u8]) -> Option<Model> {
        let mut r = Reader { b, p: 0 };
        if r.take(4)? != b"MNER" || r.u32()? != 1 {
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
        let mut words = FxMap::default();
        words.reserve(nw);
        for (i, w) in names.iter().enumerate() {
            words.insert(
                w.to_string(),
                WordInfo {
                    cluster: u16::from_le_bytes([cl[2 * i], cl[2 * i + 1]]),
                    coarse: co[i],
                    freq: fr[i],
                    flags: u16::from_le_bytes([fl[2 * i], fl[2 * i + 1]]),
                },
            );
        }
        let np = r.u32()? as usize;
        let jl = r.u32()? as usize;
        let joined = std::str::from_utf8(r.take(jl)?).ok()?;
        let pnames: Vec<&str> = if np == 0 { Vec::new() } else { joined.split('\n').collect() };
        if pnames.len() != np {
            return None;
        }
        let kinds = r.take(np)?;
        let mut phrases = FxMap::default();
        let mut max_phrase = 1;
        for (i, p) in pnames.iter().enumerate() {
            max_phrase = max_phrase.max(p.split(' ').count());
            phrases.insert(p.to_string(), kinds[i] as u16);
        }
        let nf = r.u32()? as usize;
        let mut keys = Vec::with_capacity(nf);
        let mut prev = 0u32;
        for _ in 0..nf {
            let mut d = 0u32;
            let mut shift = 0;
            loop {
                let x = r.take(1)?[0];
                d |= ((x & 0x7f) as u32) << shift;
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
        let mut w = vec![0f32; nf * NTAGS];
        for t in 0..NTAGS {
            for i in 0..nf {
                w[i * NTAGS + t] = (q[t * nf + i] as i8) as f32 * scale;
            }
        }
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
        let mut index = FxMap::default();
        index.reserve(nf);
        for (i, k) in keys.into_iter().enumerate() {
            index.insert(k, i as u32);
        }
        Some(Model { lex: Lexicon { words, phrases, max_phrase }, index, w, trans, start })
    }

    /// Re-quantizes the weights as the file stores them (so training can measure what ships).
    pub fn roundtrip(&self) -> Model {
        Model::from_bytes(&self.to_bytes()).expect("model round trip")
    }
}

struct Reader<'a> {
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
