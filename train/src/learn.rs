//! From tagged sequences to a model: features extracted with the lexicon, keys indexed densely,
//! the CRF trained, the largest weights kept and quantized to i8.

use crate::corpus::Seq;
use crate::crf;
use crate::Config;
use marsad::hash::FxMap;
use marsad::ner::features::{self, extract, SeqFeatures};
use marsad::ner::model::{Lexicon, Model, Weights};
use marsad::ner::tags::{bio_to_bioes, LATENT_O, LATENT_OPT, NTAGS};

pub struct Indexed {
    pub feats: Vec<u32>,
    pub offs: Vec<u32>,
    pub tags: Vec<u8>,
}

impl Indexed {
    /// The emission scores of token `i` under weights `w` (NTAGS per feature index).
    pub fn emission<T: Copy + Default + std::ops::AddAssign>(&self, i: usize, w: &[T]) -> [T; NTAGS] {
        let mut e = [T::default(); NTAGS];
        for &f in &self.feats[self.offs[i] as usize..self.offs[i + 1] as usize] {
            let row = &w[f as usize * NTAGS..f as usize * NTAGS + NTAGS];
            for t in 0..NTAGS {
                e[t] += row[t];
            }
        }
        e
    }
}

/// Feature sequences with their keys replaced by dense indices; returns the data and the keys.
pub fn index_features(seqs: &[(&SeqFeatures, &[u8])]) -> (Vec<Indexed>, Vec<u32>) {
    let mut index: FxMap<u32, u32> = FxMap::default();
    let mut keys: Vec<u32> = Vec::new();
    let data: Vec<Indexed> = seqs
        .iter()
        .map(|(sf, tags)| Indexed {
            feats: sf
                .feats
                .iter()
                .map(|&k| {
                    *index.entry(k).or_insert_with(|| {
                        keys.push(k);
                        keys.len() as u32 - 1
                    })
                })
                .collect(),
            offs: sf.offs.clone(),
            tags: bio_to_bioes(tags),
        })
        .collect();
    (data, keys)
}

/// Weights, transitions and start scores of a learner, before pruning and quantization.
pub type Learned = (Vec<f32>, [[f32; NTAGS]; NTAGS], [f32; NTAGS]);

/// The features with the largest weights (at most `max_features`), quantized to i8 with one
/// scale.
pub fn quantized(keys: &[u32], w: &[f32], max_features: usize) -> Weights {
    let nf = keys.len();
    // Prune: keep the features with the largest weights.
    let mut mags: Vec<(f32, u32)> = (0..nf).map(|r| (w[r * NTAGS..r * NTAGS + NTAGS].iter().fold(0f32, |m, &x| m.max(x.abs())), keys[r])).collect();
    let index: FxMap<u32, u32> = keys.iter().enumerate().map(|(i, &k)| (k, i as u32)).collect();
    mags.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    let keep = mags.len().min(max_features);
    let mut kept: Vec<u32> = mags[..keep].iter().filter(|m| m.0 > 0.0).map(|m| m.1).collect();
    kept.sort_unstable();
    // Quantize to i8 with one scale.
    let maxw = kept.iter().flat_map(|k| w[index[k] as usize * NTAGS..index[k] as usize * NTAGS + NTAGS].iter()).fold(0f32, |m, &x| m.max(x.abs())).max(1e-6);
    let scale = maxw / 127.0;
    let rows: Vec<(u32, [i8; NTAGS])> = kept
        .iter()
        .map(|k| {
            let r = index[k] as usize;
            let mut q = [0i8; NTAGS];
            for t in 0..NTAGS {
                q[t] = (w[r * NTAGS + t] / scale).round().clamp(-127.0, 127.0) as i8;
            }
            (*k, q)
        })
        .collect();
    eprintln!("  {} features, {} kept", nf, kept.len());
    Weights::from_rows(&rows, scale)
}

/// Trains the CRF on the given sequences with the lexicon.
pub fn train_model(cfg: &Config, train: &[Seq], lex: Lexicon) -> Model {
    // Document-context bits per block (blocks are runs of consecutive sequences).
    let mut bits: Vec<Vec<u32>> = Vec::with_capacity(train.len());
    let mut a = 0;
    for i in 1..=train.len() {
        if i == train.len() || train[i].block != train[a].block {
            let fs: Vec<Vec<features::TokFacts>> = train[a..i].iter().map(|s| s.toks.iter().map(|t| features::tok_facts(t, &lex)).collect()).collect();
            let ls: Vec<&[features::TokFacts]> = fs.iter().map(Vec::as_slice).collect();
            bits.extend(features::context_bits(&ls));
            a = i;
        }
    }
    let feats: Vec<SeqFeatures> = train.iter().zip(&bits).map(|(s, b)| extract(&s.src, &s.toks, &lex, b)).collect();
    let tags: Vec<Vec<u8>> = train.iter().map(|s| training_tags(s)).collect();
    let all: Vec<(&SeqFeatures, &[u8])> = feats.iter().zip(&tags).map(|(f, t)| (f, t.as_slice())).collect();
    let (weights, trans, start) = fit(&all, cfg);
    Model { lex, weights, trans, start }
}

/// The CRF fitted to feature sequences with their (BIO, perhaps latent) tags: quantized weights,
/// transitions and start scores.
pub fn fit(all: &[(&SeqFeatures, &[u8])], cfg: &Config) -> (Weights, [[f32; NTAGS]; NTAGS], [f32; NTAGS]) {
    let (data, keys) = index_features(all);
    let (w, trans, start) = crf::train(&data, keys.len(), cfg.crf_c2, cfg.crf_iters);
    (quantized(&keys, &w, cfg.max_features), trans, start)
}

/// The tags a sequence is trained on. News-train follows ../shared/ANNOTATION.md, which tags no
/// MISC and marks doubtful spans optional, where ANERcorp tags MISC: unless `--no-latent`, a
/// news-train O token may be O or MISC ([`LATENT_O`]) and an optional span its label, O or MISC
/// ([`LATENT_OPT`]); training sums over the paths the annotation allows.
fn training_tags(s: &Seq) -> Vec<u8> {
    if s.opt.is_empty() {
        return s.tags.clone();
    }
    s.tags.iter().zip(&s.opt).map(|(&t, &o)| if t == 0 { LATENT_O } else if o { t | LATENT_OPT } else { t }).collect()
}
