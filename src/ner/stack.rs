//! The second stage: document-level evidence, learned. The first tagger's scores for each word
//! are pooled over the other occurrences of the same stem in its block of the text (40 lines:
//! an article, or a stretch of one), and a small second tagger reads them with the first
//! tagger's own decisions. This spreads a name's label through a text where the first stage
//! found it in some places, and is trained (on cross-validated first-stage output) to know when
//! not to — so it cannot run away as a hand-written consistency pass can.

use super::features::{key, mix, SeqFeatures};
use super::model::{FxMap, F_FUNC, NFLAGS, NTAGS};

/// Lines per block for pooling.
pub const BLOCK_LINES: usize = 40;

/// Per-type first-stage score of a token: best of B/I/E/S of that type minus O.
#[inline]
pub fn type_scores(e: &[f32; NTAGS]) -> [f32; 4] {
    let mut s = [0f32; 4];
    for t in 0..4 {
        s[t] = e[1 + 4 * t..5 + 4 * t].iter().fold(f32::NEG_INFINITY, |m, &x| m.max(x)) - e[0];
    }
    s
}

#[inline]
fn bucket(x: f32) -> u64 {
    let b = (1.0 + x.abs()).log2().floor().min(6.0) as u64;
    if x >= 0.0 {
        b
    } else {
        8 + b
    }
}

/// Pooled evidence for one stem in one block.
#[derive(Clone, Copy)]
pub struct Agg {
    pub max: [f32; 4],
    pub tagged: [u8; 4],
    pub occ: u16,
}

impl Default for Agg {
    fn default() -> Self {
        Agg { max: [f32::NEG_INFINITY; 4], tagged: [0; 4], occ: 0 }
    }
}

/// The pooling key of each token (0: not pooled): stems of 3+ letters that are not function words.
pub fn pool_keys(sf: &SeqFeatures) -> Vec<u64> {
    (0..sf.len())
        .map(|i| {
            let f = &sf.facts[i];
            if f.kind <= 2 && f.stem_len >= 3 && f.flags & F_FUNC == 0 {
                f.stem_h
            } else {
                0
            }
        })
        .collect()
}

/// Pools first-stage output: `items` are (block, key, emission, first-stage tag).
pub fn pool<'a>(items: impl Iterator<Item = (u64, u64, &'a [f32; NTAGS], u8)>) -> FxMap<(u64, u64), Agg> {
    let mut m: FxMap<(u64, u64), Agg> = FxMap::default();
    for (b, k, e, t) in items {
        if k == 0 {
            continue;
        }
        let a = m.entry((b, k)).or_default();
        let s = type_scores(e);
        for x in 0..4 {
            a.max[x] = a.max[x].max(s[x]);
        }
        if t != 0 {
            let ty = (t as usize - 1) / 2;
            a.tagged[ty] = a.tagged[ty].saturating_add(1);
        }
        a.occ = a.occ.saturating_add(1);
    }
    m
}

const S_BIAS: u64 = 101;
const S_TAG: u64 = 102;
const S_TAGPAIR: u64 = 103;
const S_OWN: u64 = 104;
const S_DOCMAX: u64 = 105;
const S_DOCTAG: u64 = 106;
const S_OCC: u64 = 107;
const S_MAJ: u64 = 108;
const S_NBR: u64 = 109;
const S_FLAG: u64 = 110;
const S_CL: u64 = 111;
const S_TAGDOC: u64 = 112;

/// Second-stage features of one sequence.
pub fn extract2(sf: &SeqFeatures, keys: &[u64], block: u64, em: &[[f32; NTAGS]], tags1: &[u8], pooled: &FxMap<(u64, u64), Agg>) -> SeqFeatures {
    let n = sf.len();
    let mut feats = Vec::with_capacity(n * 40);
    let mut offs = Vec::with_capacity(n + 1);
    offs.push(0u32);
    let agg = |i: usize| -> Option<&Agg> { if keys[i] == 0 { None } else { pooled.get(&(block, keys[i])) } };
    for i in 0..n {
        let mut push = |h: u64| feats.push(key(h));
        push(S_BIAS);
        let t = tags1[i] as u64;
        let tp = if i > 0 { tags1[i - 1] as u64 } else { 99 };
        let tn = if i + 1 < n { tags1[i + 1] as u64 } else { 99 };
        push(mix(S_TAG, t));
        push(mix(mix(S_TAGPAIR, tp), t));
        push(mix(mix(S_TAGPAIR + 1000, t), tn));
        let own = type_scores(&em[i]);
        for x in 0..4 {
            push(mix(mix(S_OWN, x as u64), bucket(own[x])));
        }
        let f = &sf.facts[i];
        push(mix(S_CL, f.coarse as u64));
        for b in 0..NFLAGS {
            if f.flags & (1 << b) != 0 {
                push(mix(S_FLAG, b as u64));
            }
        }
        if let Some(a) = agg(i) {
            let occ = match a.occ {
                0..=1 => 1,
                2 => 2,
                3..=5 => 3,
                _ => 4,
            };
            push(mix(S_OCC, occ));
            let mut best = (0u8, 4usize);
            for x in 0..4 {
                push(mix(mix(mix(S_DOCMAX, x as u64), bucket(a.max[x])), (occ > 1) as u64));
                push(mix(mix(S_DOCTAG, x as u64), a.tagged[x].min(3) as u64));
                if a.tagged[x] > best.0 {
                    best = (a.tagged[x], x);
                }
            }
            let tagged: u32 = a.tagged.iter().map(|&x| x as u32).sum();
            let frac = (tagged * 4 / a.occ.max(1) as u32).min(4) as u64;
            push(mix(mix(S_MAJ, best.1 as u64), frac));
            push(mix(mix(mix(S_TAGDOC, t), best.1 as u64), frac));
        } else {
            push(mix(S_OCC, 0));
        }
        for d in [-1isize, 1] {
            let j = i as isize + d;
            if j < 0 || j as usize >= n {
                continue;
            }
            if let Some(a) = agg(j as usize) {
                for x in 0..4 {
                    push(mix(mix(mix(S_NBR, d as u64), x as u64), bucket(a.max[x])));
                }
            }
        }
        offs.push(feats.len() as u32);
    }
    SeqFeatures { feats, offs, facts: Vec::new() }
}
