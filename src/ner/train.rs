//! `marsad train`: builds the lexicon (word clusters from the unlabeled news, name and place
//! lists, trigger words) and trains the averaged structured perceptron; writes `model/ner.bin`.
//! Native only. Deterministic: fixed seeds, sorted outputs, one thread.

use super::features::{extract, hash_bytes, mix, SeqFeatures};
use super::model::*;
use crate::lexicon;
use crate::text::{normalize, tokenize, TokKind, Token};
use std::collections::{BTreeMap, BTreeSet};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Training settings.
#[derive(Clone, Debug)]
pub struct Config {
    pub shared: PathBuf,
    pub out: PathBuf,
    pub cache: PathBuf,
    /// Hold out the last 10% of ANERcorp train and every 5th news-train article; report on them.
    pub dev: bool,
    pub epochs: usize,
    pub max_features: usize,
    pub clusters: usize,
    pub coarse: usize,
    pub min_news_count: u32,
    pub no_news_train: bool,
    /// 1: first stage only; 2: with the document-level second stage.
    pub stages: usize,
    /// Averaged perceptrons trained on different orders of the data, averaged.
    pub runs: usize,
    /// How many times the annotated news articles are repeated in training.
    pub news_weight: usize,
    /// Train the character-level name model (`--char-model`; not kept on dev, off).
    pub char_model: bool,
    /// K-fold cross-validation over ANERcorp train (contiguous folds) and news-train
    /// (every K-th article); reports pooled figures, writes nothing under model/.
    pub cv: usize,
    /// Context words (the most frequent) of the co-occurrence matrix behind the word vectors.
    pub ctx_words: usize,
    /// k-means iterations for the fine clusters.
    pub kmeans_iters: usize,
    /// Word vectors by a ±1 random projection of the PPMI matrix instead of truncated SVD.
    pub embed_rp: bool,
    /// Dimensions of the SVD word vectors.
    pub embed_dim: usize,
    /// Latent tags for what news-train leaves open (see [`training_tags`]).
    pub latent: bool,
    /// The first stage's learner: a CRF trained by L-BFGS with this L2 weight (`--c2`), or the
    /// averaged perceptron when 0 (`--perceptron`).
    pub crf_c2: f64,
    /// L-BFGS iterations of the CRF (at most).
    pub crf_iters: usize,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            shared: PathBuf::from("../shared/data"),
            out: PathBuf::from("model"),
            cache: PathBuf::from("target/ner-cache"),
            dev: false,
            epochs: 15,
            max_features: 80_000,
            clusters: 512,
            coarse: 48,
            min_news_count: 5,
            no_news_train: false,
            stages: 1,
            news_weight: 1,
            runs: 3,
            char_model: false,
            cv: 0,
            ctx_words: 1000,
            kmeans_iters: 12,
            embed_rp: false,
            embed_dim: 256,
            latent: true,
            crf_c2: 3.0,
            crf_iters: 100,
        }
    }
}

/// One training sequence: tokens of one sentence or paragraph, with gold tags.
pub struct Seq {
    /// Pooling block (see `stack.rs`): lines of one text, 40 at a time.
    pub block: u64,
    pub src: String,
    pub toks: Vec<Token>,
    pub tags: Vec<u8>,
    /// Per token: inside an optional gold span (news-train); empty for ANERcorp.
    pub opt: Vec<bool>,
}

/// Tag index of a label (PER, LOC, ORG, MISC) and position.
pub fn tag_of(label: &str, begin: bool) -> u8 {
    let li = match label {
        "PER" | "PERS" => 0,
        "LOC" => 1,
        "ORG" => 2,
        _ => 3,
    };
    1 + 2 * li + (!begin) as u8
}

/// Reads a CoNLL file ("token TAG" lines, blank line between sentences).
pub fn read_conll(path: &Path) -> Result<Vec<Vec<(String, String)>>, String> {
    let f = std::fs::File::open(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let mut sents = Vec::new();
    let mut cur = Vec::new();
    for line in BufReader::new(f).lines() {
        let line = line.map_err(|e| e.to_string())?;
        if line.trim().is_empty() {
            if !cur.is_empty() {
                sents.push(std::mem::take(&mut cur));
            }
            continue;
        }
        let (w, t) = line.rsplit_once(' ').ok_or_else(|| format!("bad line in {}: {line}", path.display()))?;
        cur.push((w.to_string(), t.to_string()));
    }
    if !cur.is_empty() {
        sents.push(cur);
    }
    Ok(sents)
}

/// A CoNLL sentence as a sequence of our tokens (the words joined by spaces, retokenized).
pub fn conll_seq(sent: &[(String, String)]) -> Seq {
    let mut src = String::new();
    let mut spans = Vec::new();
    for (i, (w, _)) in sent.iter().enumerate() {
        if i > 0 {
            src.push(' ');
        }
        spans.push(src.len()..src.len() + w.len());
        src.push_str(w);
    }
    let toks = tokenize(&src);
    let mut tags = Vec::with_capacity(toks.len());
    let mut k = 0;
    let mut last_word = usize::MAX;
    for t in &toks {
        while k + 1 < spans.len() && spans[k].end <= t.start {
            k += 1;
        }
        let tag = &sent[k].1;
        let first = last_word != k;
        last_word = k;
        tags.push(if tag == "O" {
            0
        } else {
            let (bio, lab) = tag.split_once('-').unwrap_or(("B", tag));
            tag_of(lab, bio == "B" && first)
        });
    }
    Seq { block: 0, src, toks, tags, opt: Vec::new() }
}

/// Gold entities of an annotated article, as byte spans: (start, end, label, optional).
pub fn read_gold(text: &str, gold_path: &Path) -> Result<Vec<(usize, usize, String, bool)>, String> {
    let g: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(gold_path).map_err(|e| e.to_string())?)
        .map_err(|e| format!("{}: {e}", gold_path.display()))?;
    let mut cp2b: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
    cp2b.push(text.len());
    let mut out = Vec::new();
    for e in g["entities"].as_array().into_iter().flatten() {
        let s = e["start"].as_u64().unwrap_or(0) as usize;
        let t = e["end"].as_u64().unwrap_or(0) as usize;
        if s >= t || t >= cp2b.len() {
            continue;
        }
        let lab = crate::result::Label::parse(e["label"].as_str().unwrap_or("")).map_or("MISC", |l| l.as_str());
        out.push((cp2b[s], cp2b[t], lab.to_string(), e["optional"].as_bool().unwrap_or(false)));
    }
    out.sort();
    Ok(out)
}

/// An annotated article as sequences (one per line), tokens tagged by overlap with gold spans.
pub fn article_seqs(text: &str, gold: &[(usize, usize, String, bool)], doc_id: u64) -> Vec<Seq> {
    let toks = tokenize(text);
    let mut tags = vec![0u8; toks.len()];
    let mut opt = vec![false; toks.len()];
    for (s, e, lab, optional) in gold {
        let mut first = true;
        for (i, t) in toks.iter().enumerate() {
            if t.start < *e && *s < t.end {
                tags[i] = tag_of(lab, first);
                opt[i] = *optional;
                first = false;
            }
        }
    }
    let mut out = Vec::new();
    let mut a = 0;
    for i in 1..=toks.len() {
        if i == toks.len() || toks[i].line_start {
            // Tags must not continue across a line.
            let mut tg = tags[a..i].to_vec();
            if let Some(t0) = tg.first_mut() {
                if *t0 != 0 && *t0 % 2 == 0 {
                    *t0 -= 1;
                }
            }
            let block = doc_id * 10_000 + (out.len() / super::stack::BLOCK_LINES) as u64;
            out.push(Seq { block, src: text.to_string(), toks: toks[a..i].to_vec(), tags: tg, opt: opt[a..i].to_vec() });
            a = i;
        }
    }
    out
}

fn news_train_docs(shared: &Path) -> Result<Vec<(String, String, Vec<(usize, usize, String, bool)>)>, String> {
    let dir = shared.join("news-train");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .map_err(|e| format!("cannot read {}: {e}", dir.display()))?
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".gold.json"))
        .collect();
    names.sort();
    let mut out = Vec::new();
    for n in names {
        let stem = n.trim_end_matches(".gold.json").to_string();
        let text = std::fs::read_to_string(dir.join(format!("{stem}.txt"))).map_err(|e| e.to_string())?;
        let gold = read_gold(&text, &dir.join(&n))?;
        out.push((stem, text, gold));
    }
    Ok(out)
}

// ---------------------------------------------------------------- word clusters from the news

struct NewsStats {
    /// word → (count, fine cluster, coarse cluster), for words with count ≥ min count
    words: BTreeMap<String, (u32, u16, u8)>,
    /// word → (occurrences right after a title or role, right before a reporting verb)
    /// after a title, before a reporting verb, after an organization head, after a given
    /// name, after a place head word.
    ctx: BTreeMap<String, Vec<u32>>,
}

fn lcg(s: &mut u64) -> u64 {
    *s = s.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
    *s >> 33
}

fn news_stats(cfg: &Config) -> Result<NewsStats, String> {
    let embed = if cfg.embed_rp { "rp".to_string() } else { format!("svd{}", cfg.embed_dim) };
    let cache = cfg.cache.join(format!("news6-{}-{}-{}-{embed}-{}-{}.tsv", cfg.min_news_count, cfg.clusters, cfg.coarse, cfg.ctx_words, cfg.kmeans_iters));
    if let Ok(s) = std::fs::read_to_string(&cache) {
        let mut words = BTreeMap::new();
        let mut ctx = BTreeMap::new();
        for l in s.lines() {
            let f: Vec<&str> = l.split('\t').collect();
            if f.len() >= 4 {
                words.insert(f[0].to_string(), (f[1].parse().unwrap_or(0), f[2].parse().unwrap_or(0), f[3].parse().unwrap_or(0)));
                ctx.insert(f[0].to_string(), f[4..].iter().map(|x| x.parse().unwrap_or(0)).collect());
            }
        }
        eprintln!("news clusters: {} words from cache {}", words.len(), cache.display());
        return Ok(NewsStats { words, ctx });
    }
    let t0 = Instant::now();
    let path = cfg.shared.join("news/ant-multisource-v2.1.jsonl.xz");
    // Decompressed with the system's `xz` (xz-utils).
    let mut child = std::process::Command::new("xz")
        .arg("-dc")
        .arg(&path)
        .stdout(std::process::Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run xz -dc {}: {e}", path.display()))?;
    let stdout = child.stdout.take().unwrap();
    let mut ids: FxMap<String, u32> = FxMap::default();
    let mut names: Vec<String> = Vec::new();
    let mut counts: Vec<u32> = Vec::new();
    let mut stream: Vec<u32> = Vec::new(); // token ids, u32::MAX between lines
    for line in BufReader::new(stdout).lines() {
        let line = line.map_err(|e| e.to_string())?;
        let v: serde_json::Value = match serde_json::from_str(&line) {
            Ok(v) => v,
            Err(_) => continue,
        };
        for field in ["title", "text"] {
            let Some(t) = v[field].as_str() else { continue };
            for tok in tokenize(t) {
                if tok.line_start {
                    stream.push(u32::MAX);
                }
                let w = if tok.kind == TokKind::Number { "0".to_string() } else { tok.norm };
                let id = match ids.get(&w) {
                    Some(&i) => i,
                    None => {
                        let i = names.len() as u32;
                        ids.insert(w.clone(), i);
                        names.push(w);
                        counts.push(0);
                        i
                    }
                };
                counts[id as usize] += 1;
                stream.push(id);
            }
            stream.push(u32::MAX);
        }
    }
    let _ = child.wait();
    eprintln!("news: {} tokens, {} types read in {:.1}s", stream.len(), names.len(), t0.elapsed().as_secs_f32());
    // Vocabulary (count ≥ min) and context words (top NCTX), ranked by count then string.
    let mut order: Vec<u32> = (0..names.len() as u32).collect();
    order.sort_by(|&a, &b| counts[b as usize].cmp(&counts[a as usize]).then(names[a as usize].cmp(&names[b as usize])));
    let nctx = cfg.ctx_words;
    let mut ctx_of = vec![u32::MAX; names.len()];
    for (r, &i) in order.iter().take(nctx).enumerate() {
        ctx_of[i as usize] = r as u32;
    }
    let vocab: Vec<u32> = order.iter().copied().filter(|&i| counts[i as usize] >= cfg.min_news_count).collect();
    let mut row_of = vec![u32::MAX; names.len()];
    for (r, &i) in vocab.iter().enumerate() {
        row_of[i as usize] = r as u32;
    }
    // Person contexts: right after a title or role, right before a reporting verb (with or
    // without a leading و/ف).
    let strip = |w: &str| -> String { w.strip_prefix('و').or_else(|| w.strip_prefix('ف')).unwrap_or(w).to_string() };
    let titles: BTreeSet<&str> = lexicon::PERSON_TRIGGERS.iter().copied().collect();
    let reports: BTreeSet<&str> = lexicon::REPORT_VERBS.iter().copied().collect();
    let is_title: Vec<bool> = names.iter().map(|w| titles.contains(w.as_str()) || titles.contains(strip(w).as_str())).collect();
    let is_report: Vec<bool> = names.iter().map(|w| reports.contains(w.as_str()) || reports.contains(strip(w).as_str())).collect();
    let orgs: BTreeSet<&str> = lexicon::ORG_HEADS.iter().copied().collect();
    let is_org: Vec<bool> = names.iter().map(|w| orgs.contains(w.as_str()) || orgs.contains(strip(w).as_str())).collect();
    let mut after_org = vec![0u32; names.len()];
    let places: BTreeSet<&str> = lexicon::PLACE_HEADS.iter().copied().collect();
    let is_place: Vec<bool> = names.iter().map(|w| places.contains(w.as_str()) || places.contains(strip(w).as_str())).collect();
    let mut after_place = vec![0u32; names.len()];
    // Given names from the person-name list (seen at least 3 times there): a word right after
    // one is often a surname.
    let given: BTreeSet<String> = std::fs::read_to_string(cfg.shared.join("gazetteers/person-names/name-parts.tsv"))
        .map_err(|e| format!("cannot read the name parts: {e}"))?
        .lines()
        .skip(1)
        .filter_map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            (f.len() >= 5 && f[2] == "given" && f[4].parse::<u32>().unwrap_or(0) >= 3).then(|| normalize(f[0]))
        })
        .filter(|w| !lexicon::FUNCTION_WORDS.contains(&w.as_str()))
        .collect();
    let is_given: Vec<bool> = names.iter().map(|w| given.contains(w.as_str()) || given.contains(strip(w).as_str())).collect();
    let mut after_given = vec![0u32; names.len()];
    let mut after_title = vec![0u32; names.len()];
    let mut before_report = vec![0u32; names.len()];
    for p in 2..stream.len().saturating_sub(2) {
        let w = stream[p];
        if w == u32::MAX {
            continue;
        }
        let t = |q: usize| stream[q] != u32::MAX && is_title[stream[q] as usize];
        let r = |q: usize| stream[q] != u32::MAX && is_report[stream[q] as usize];
        if t(p - 1) || (stream[p - 1] != u32::MAX && t(p - 2)) {
            after_title[w as usize] += 1;
        }
        if r(p + 1) || (stream[p + 1] != u32::MAX && r(p + 2)) {
            before_report[w as usize] += 1;
        }
        if stream[p - 1] != u32::MAX && is_given[stream[p - 1] as usize] {
            after_given[w as usize] += 1;
        }
        let o = |q: usize| stream[q] != u32::MAX && is_org[stream[q] as usize];
        if o(p - 1) || (stream[p - 1] != u32::MAX && o(p - 2)) {
            after_org[w as usize] += 1;
        }
        if stream[p - 1] != u32::MAX && is_place[stream[p - 1] as usize] {
            after_place[w as usize] += 1;
        }
    }
    // Co-occurrence pairs (row, position × context word).
    let mut pairs: Vec<u64> = Vec::with_capacity(stream.len() * 4);
    for p in 0..stream.len() {
        let w = stream[p];
        if w == u32::MAX || row_of[w as usize] == u32::MAX {
            continue;
        }
        let row = row_of[w as usize] as u64;
        for (slot, d) in [-2isize, -1, 1, 2].iter().enumerate() {
            let q = p as isize + d;
            if q < 0 || q as usize >= stream.len() {
                continue;
            }
            let c = stream[q as usize];
            let col = if c == u32::MAX { nctx as u32 } else if ctx_of[c as usize] == u32::MAX { continue } else { ctx_of[c as usize] };
            pairs.push((row << 16) | (slot as u64 * (nctx as u64 + 1) + col as u64));
        }
    }
    drop(stream);
    pairs.sort_unstable();
    let ncol = 4 * (nctx + 1);
    let mut col_tot = vec![0f64; ncol];
    let mut row_tot = vec![0f64; vocab.len()];
    let mut i = 0;
    let mut cells: Vec<(u32, u16, u32)> = Vec::new();
    while i < pairs.len() {
        let mut j = i;
        while j < pairs.len() && pairs[j] == pairs[i] {
            j += 1;
        }
        let row = (pairs[i] >> 16) as u32;
        let col = (pairs[i] & 0xffff) as u16;
        let n = (j - i) as u32;
        cells.push((row, col, n));
        col_tot[col as usize] += n as f64;
        row_tot[row as usize] += n as f64;
        i = j;
    }
    drop(pairs);
    let total: f64 = col_tot.iter().sum();
    // PPMI (context distribution smoothed with exponent 0.75) → vectors: truncated SVD
    // (randomized, `--embed svd`, default) or a ±1 random projection (`--embed rp`) → unit vectors.
    let col_s: Vec<f64> = col_tot.iter().map(|&c| c.powf(0.75)).collect();
    let col_s_tot: f64 = col_s.iter().sum();
    let ppmi: Vec<(u32, u16, f32)> = cells
        .iter()
        .filter_map(|&(row, col, n)| {
            let pmi = ((n as f64 / total) / ((row_tot[row as usize] / total) * (col_s[col as usize] / col_s_tot))).ln();
            (pmi > 0.0).then_some((row, col, pmi as f32))
        })
        .collect();
    drop(cells);
    let (dim, mut vecs): (usize, Vec<f32>) = if cfg.embed_rp {
        const DIM: usize = 96;
        let mut proj = vec![0f32; ncol * DIM];
        let mut seed = 0x5eed_u64;
        for x in proj.iter_mut() {
            *x = if lcg(&mut seed) & 1 == 0 { 1.0 } else { -1.0 };
        }
        let mut vecs = vec![0f32; vocab.len() * DIM];
        for &(row, col, v) in &ppmi {
            let o = &mut vecs[row as usize * DIM..(row as usize + 1) * DIM];
            let p = &proj[col as usize * DIM..(col as usize + 1) * DIM];
            for d in 0..DIM {
                o[d] += v * p[d];
            }
        }
        (DIM, vecs)
    } else {
        (cfg.embed_dim, svd_embed(&ppmi, vocab.len(), ncol, cfg.embed_dim))
    };
    for v in vecs.chunks_mut(dim) {
        let n = v.iter().map(|x| x * x).sum::<f32>().sqrt().max(1e-6);
        v.iter_mut().for_each(|x| *x /= n);
    }
    eprintln!("news: {} vocabulary words embedded in {:.1}s", vocab.len(), t0.elapsed().as_secs_f32());
    let fine = kmeans(&vecs, dim, cfg.clusters, cfg.kmeans_iters);
    // Coarse clusters: k-means over the fine centroids.
    let mut cents = vec![0f32; cfg.clusters * dim];
    for (r, &c) in fine.iter().enumerate() {
        for d in 0..dim {
            cents[c as usize * dim + d] += vecs[r * dim + d];
        }
    }
    for v in cents.chunks_mut(dim) {
        let n = v.iter().map(|x| x * x).sum::<f32>().sqrt().max(1e-6);
        v.iter_mut().for_each(|x| *x /= n);
    }
    let coarse_of = kmeans(&cents, dim, cfg.coarse, 20);
    let mut words = BTreeMap::new();
    let mut ctx = BTreeMap::new();
    for (r, &i) in vocab.iter().enumerate() {
        words.insert(names[i as usize].clone(), (counts[i as usize], fine[r] as u16, coarse_of[fine[r] as usize] as u8));
        let i = i as usize;
        ctx.insert(names[i].clone(), vec![after_title[i], before_report[i], after_org[i], after_given[i], after_place[i]]);
    }
    eprintln!("news clusters done in {:.1}s", t0.elapsed().as_secs_f32());
    std::fs::create_dir_all(&cfg.cache).ok();
    let mut s = String::new();
    for (w, (n, f, c)) in &words {
        s.push_str(&format!("{w}\t{n}\t{f}\t{c}"));
        for x in &ctx[w] {
            s.push_str(&format!("\t{x}"));
        }
        s.push('\n');
    }
    std::fs::write(&cache, s).ok();
    Ok(NewsStats { words, ctx })
}

/// Truncated SVD of a sparse matrix (`cells`: row, column, value) by the randomized range
/// finder (Halko, Martinsson & Tropp 2011) with two power iterations: returns the `k`-dimensional
/// rows of U·Σ^½, row-major. Deterministic (fixed ±1 test matrix, one thread).
fn svd_embed(cells: &[(u32, u16, f32)], nrows: usize, ncols: usize, k: usize) -> Vec<f32> {
    let l = (k + 16).min(ncols).min(nrows);
    // Column-major dense matrices: m[j * n + i].
    let mul = |m: &[f64]| -> Vec<f64> {
        // X · M, M is ncols × l.
        let mut y = vec![0f64; nrows * l];
        for &(r, c, v) in cells {
            for j in 0..l {
                y[j * nrows + r as usize] += v as f64 * m[j * ncols + c as usize];
            }
        }
        y
    };
    let mul_t = |m: &[f64]| -> Vec<f64> {
        // Xᵀ · M, M is nrows × l.
        let mut z = vec![0f64; ncols * l];
        for &(r, c, v) in cells {
            for j in 0..l {
                z[j * ncols + c as usize] += v as f64 * m[j * nrows + r as usize];
            }
        }
        z
    };
    fn orth(m: &mut [f64], n: usize, l: usize) {
        for j in 0..l {
            for _ in 0..2 {
                for p in 0..j {
                    let d: f64 = (0..n).map(|i| m[j * n + i] * m[p * n + i]).sum();
                    for i in 0..n {
                        m[j * n + i] -= d * m[p * n + i];
                    }
                }
            }
            let s = (0..n).map(|i| m[j * n + i] * m[j * n + i]).sum::<f64>().sqrt().max(1e-12);
            for i in 0..n {
                m[j * n + i] /= s;
            }
        }
    }
    let mut seed = 0x5eed_u64;
    let omega: Vec<f64> = (0..ncols * l).map(|_| if lcg(&mut seed) & 1 == 0 { 1.0 } else { -1.0 }).collect();
    let mut y = mul(&omega);
    orth(&mut y, nrows, l);
    for _ in 0..2 {
        let mut z = mul_t(&y);
        orth(&mut z, ncols, l);
        y = mul(&z);
        orth(&mut y, nrows, l);
    }
    // B = Qᵀ X (l × ncols, stored as Bᵀ column-major = Xᵀ Q), then B Bᵀ (l × l).
    let bt = mul_t(&y);
    let mut g = vec![0f64; l * l];
    for a in 0..l {
        for b in a..l {
            let d: f64 = (0..ncols).map(|c| bt[a * ncols + c] * bt[b * ncols + c]).sum();
            g[a * l + b] = d;
            g[b * l + a] = d;
        }
    }
    // Cyclic Jacobi eigendecomposition of the symmetric g: g = V Λ Vᵀ.
    let mut v = vec![0f64; l * l];
    for i in 0..l {
        v[i * l + i] = 1.0;
    }
    for _ in 0..30 {
        let off: f64 = (0..l).flat_map(|a| (0..l).filter(move |&b| b != a).map(move |b| (a, b))).map(|(a, b)| g[a * l + b] * g[a * l + b]).sum();
        if off < 1e-18 {
            break;
        }
        for p in 0..l {
            for q in p + 1..l {
                let apq = g[p * l + q];
                if apq.abs() < 1e-300 {
                    continue;
                }
                let theta = (g[q * l + q] - g[p * l + p]) / (2.0 * apq);
                let t = theta.signum() / (theta.abs() + (theta * theta + 1.0).sqrt());
                let t = if theta == 0.0 { 1.0 } else { t };
                let c = 1.0 / (t * t + 1.0).sqrt();
                let s = t * c;
                for r in 0..l {
                    let (gp, gq) = (g[r * l + p], g[r * l + q]);
                    g[r * l + p] = c * gp - s * gq;
                    g[r * l + q] = s * gp + c * gq;
                }
                for r in 0..l {
                    let (gp, gq) = (g[p * l + r], g[q * l + r]);
                    g[p * l + r] = c * gp - s * gq;
                    g[q * l + r] = s * gp + c * gq;
                }
                for r in 0..l {
                    let (vp, vq) = (v[r * l + p], v[r * l + q]);
                    v[r * l + p] = c * vp - s * vq;
                    v[r * l + q] = s * vp + c * vq;
                }
            }
        }
    }
    let mut order: Vec<usize> = (0..l).collect();
    order.sort_by(|&a, &b| g[b * l + b].total_cmp(&g[a * l + a]));
    // U = Q V; rows of U[:, :k] · σ^½ (σ = √λ).
    let mut out = vec![0f32; nrows * k];
    for (d, &e) in order.iter().take(k).enumerate() {
        let w = g[e * l + e].max(0.0).sqrt().sqrt();
        for i in 0..nrows {
            let u: f64 = (0..l).map(|j| y[j * nrows + i] * v[j * l + e]).sum();
            out[i * k + d] = (u * w) as f32;
        }
    }
    out
}

/// Spherical k-means; rows are unit vectors. Initial centroids: rows spread evenly over the
/// (frequency-ranked) input. Returns the cluster of each row.
fn kmeans(x: &[f32], dim: usize, k: usize, iters: usize) -> Vec<u32> {
    let n = x.len() / dim;
    let k = k.min(n).max(1);
    let mut c: Vec<f32> = (0..k).flat_map(|j| x[(j * n / k) * dim..(j * n / k + 1) * dim].to_vec()).collect();
    let mut assign = vec![0u32; n];
    for _ in 0..iters {
        for r in 0..n {
            let v = &x[r * dim..(r + 1) * dim];
            let mut best = f32::NEG_INFINITY;
            let mut arg = 0;
            for j in 0..k {
                let cj = &c[j * dim..(j + 1) * dim];
                let s: f32 = v.iter().zip(cj).map(|(a, b)| a * b).sum();
                if s > best {
                    best = s;
                    arg = j;
                }
            }
            assign[r] = arg as u32;
        }
        let mut nc = vec![0f32; k * dim];
        let mut cnt = vec![0usize; k];
        for r in 0..n {
            let a = assign[r] as usize;
            cnt[a] += 1;
            for d in 0..dim {
                nc[a * dim + d] += x[r * dim + d];
            }
        }
        for j in 0..k {
            if cnt[j] == 0 {
                nc[j * dim..(j + 1) * dim].copy_from_slice(&c[j * dim..(j + 1) * dim]);
            }
            let v = &mut nc[j * dim..(j + 1) * dim];
            let s = v.iter().map(|x| x * x).sum::<f32>().sqrt().max(1e-6);
            v.iter_mut().for_each(|x| *x /= s);
        }
        c = nc;
    }
    assign
}

// ---------------------------------------------------------------- lexicon

fn norm_words(s: &str) -> String {
    tokenize(s).iter().filter(|t| t.kind != TokKind::Punct || t.norm == "-").map(|t| t.norm.as_str()).collect::<Vec<_>>().join(" ")
}

const ARAB_COUNTRIES: &[&str] = &[
    "DZ", "BH", "KM", "DJ", "EG", "IQ", "JO", "KW", "LB", "LY", "MR", "MA", "OM", "PS", "QA", "SA", "SO", "SD", "SY", "TN", "AE", "YE",
];

fn build_lexicon(cfg: &Config, news: &NewsStats, train: &[Seq]) -> Result<Lexicon, String> {
    // How often each normalized word is tagged O / as an entity in the training sequences.
    let mut as_o: FxMap<String, (u32, u32)> = FxMap::default();
    for s in train {
        for (t, &g) in s.toks.iter().zip(&s.tags) {
            let e = as_o.entry(t.norm.clone()).or_default();
            if g == 0 {
                e.0 += 1;
            } else {
                e.1 += 1;
            }
        }
    }
    let mostly_o = |w: &str| as_o.get(w).is_some_and(|&(o, e)| o >= 3 && (e as f32) < 0.25 * (o + e) as f32);
    let mut words: BTreeMap<String, WordInfo> = BTreeMap::new();
    for (w, &(n, f, c)) in &news.words {
        let freq = (32 - n.leading_zeros()) as u8;
        let cx = |i: usize| news.ctx.get(w).and_then(|v| v.get(i)).copied().unwrap_or(0);
        let (a, b, o, g) = (cx(0), cx(1), cx(2), cx(3));
        let bucket = |x: u32| -> u8 {
            let r = x as f32 / n.max(1) as f32;
            if x < 2 || r < 0.01 {
                0
            } else if r < 0.05 {
                1
            } else if r < 0.2 {
                2
            } else {
                3
            }
        };
        let pctx = bucket(a) | (bucket(b) << 2) | (bucket(o) << 4) | (bucket(g) << 6);
        let lctx = bucket(cx(4));
        let count = |x: &str| news.words.get(x).map_or(0, |v| v.0) as f32;
        let art = if let Some(bare) = w.strip_prefix("ال").filter(|b| b.chars().count() >= 2) {
            let nb = count(bare);
            let r = nb / (nb + n as f32);
            if nb == 0.0 {
                5
            } else if r < 0.1 {
                6
            } else if r < 0.3 {
                7
            } else {
                8
            }
        } else {
            let na = count(&format!("ال{w}"));
            let r = na / (na + n as f32);
            if na == 0.0 {
                1
            } else if r < 0.1 {
                2
            } else if r < 0.5 {
                3
            } else {
                4
            }
        };
        words.insert(w.clone(), WordInfo { cluster: f + 1, coarse: c + 1, freq, flags: 0, pctx, art, lctx });
    }
    let func: BTreeSet<&str> = lexicon::FUNCTION_WORDS.iter().copied().collect();
    let flag = |words: &mut BTreeMap<String, WordInfo>, w: &str, f: u16| {
        words.entry(w.to_string()).or_default().flags |= f;
    };
    // Person-name parts.
    let path = cfg.shared.join("gazetteers/person-names/name-parts.tsv");
    let s = std::fs::read_to_string(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    // How often the list counts each (normalized) name part, over all its rows.
    let mut total: FxMap<String, u32> = FxMap::default();
    for l in s.lines().skip(1) {
        let f: Vec<&str> = l.split('\t').collect();
        if f.len() >= 5 {
            *total.entry(normalize(f[0])).or_default() += f[4].parse::<u32>().unwrap_or(0);
        }
    }
    for l in s.lines().skip(1) {
        let f: Vec<&str> = l.split('\t').collect();
        if f.len() < 5 {
            continue;
        }
        let w = normalize(f[0]);
        if w.chars().count() < 2 || w.contains(' ') || func.contains(w.as_str()) || mostly_o(&w) {
            continue;
        }
        if !news.words.contains_key(&w) && total[&w] < 3 {
            continue;
        }
        let mut fl = match f[2] {
            "given" => F_GIVEN,
            "surname" => F_SURNAME,
            _ => F_NAMEPART,
        };
        if !ARAB_COUNTRIES.contains(&f[3]) {
            fl |= F_FOREIGN_NAME;
        }
        flag(&mut words, &w, fl);
    }
    // Places.
    let mut phrases: BTreeMap<String, u16> = BTreeMap::new();
    let place = |words: &mut BTreeMap<String, WordInfo>, phrases: &mut BTreeMap<String, u16>, name: &str, f: u16| {
        let n = norm_words(name);
        if n.is_empty() || mostly_o(&n) || func.contains(n.as_str()) {
            return;
        }
        if n.contains(' ') {
            phrases.entry(n).or_insert(P_LOC);
        } else if n.chars().count() >= 2 {
            words.entry(n).or_default().flags |= f;
        }
    };
    let cj: serde_json::Value = read_json(&cfg.shared.join("gazetteers/countries-ar.i18n-iso-countries-7.14.0.json"))?;
    for v in cj["countries"].as_object().into_iter().flat_map(|o| o.values()) {
        for n in v.as_array().cloned().unwrap_or_else(|| vec![v.clone()]) {
            if let Some(n) = n.as_str() {
                place(&mut words, &mut phrases, n, F_COUNTRY);
            }
        }
    }
    let tj: serde_json::Value = read_json(&cfg.shared.join("gazetteers/territories-ar.cldr-48.2.0.json"))?;
    for v in tj["main"]["ar"]["localeDisplayNames"]["territories"].as_object().into_iter().flat_map(|o| o.values()) {
        if let Some(n) = v.as_str() {
            place(&mut words, &mut phrases, n, F_COUNTRY);
        }
    }
    let cities: serde_json::Value = read_json(&cfg.shared.join("gazetteers/cities-ar.geonames-cities5000.json"))?;
    for c in cities.as_array().into_iter().flatten() {
        let pop = c["population"].as_u64().unwrap_or(0);
        for n in c["arabic_strict"].as_array().into_iter().flatten().filter_map(|n| n.as_str()) {
            let nn = norm_words(n);
            if pop >= 100_000 || news.words.get(&nn).is_some_and(|x| x.0 >= 20) || (nn.contains(' ') && pop >= 20_000) {
                place(&mut words, &mut phrases, n, F_CITY);
            }
        }
    }
    for w in lexicon::PERSON_TRIGGERS {
        flag(&mut words, w, F_TITLE);
    }
    for w in lexicon::REPORT_VERBS {
        flag(&mut words, w, F_REPORT);
    }
    for w in lexicon::ORG_HEADS {
        flag(&mut words, w, F_ORGHEAD);
    }
    for w in lexicon::FUNCTION_WORDS {
        flag(&mut words, w, F_FUNC);
    }
    // Character-level name model: person-name parts of the lexicon against ordinary news words
    // (no name or place flag, not in the name list at all, never an entity in the training data).
    let raw_names: BTreeSet<String> = s.lines().skip(1).filter_map(|l| l.split('\t').next()).map(normalize).collect();
    let name_f = F_GIVEN | F_SURNAME | F_NAMEPART;
    let mut examples: Vec<(String, bool)> = Vec::new();
    for w in &raw_names {
        if w.chars().count() >= 2 && !w.contains(' ') && !func.contains(w.as_str()) && !mostly_o(w) && words.get(w).is_none_or(|i| i.flags & name_f != 0 || i.flags & F_FUNC == 0) {
            examples.push((w.clone(), true));
        }
    }
    for (w, i) in &words {
        if w.chars().count() < 2 || i.flags & F_FUNC != 0 {
            continue;
        }
        if i.flags & name_f != 0 {
            // (from the raw list above)
        } else if i.flags & (F_COUNTRY | F_CITY | F_NATIONALITY) == 0 && !raw_names.contains(w) && news.words.get(w).is_some_and(|x| x.0 >= 10) && as_o.get(w.as_str()).is_none_or(|&(_, e)| e == 0) {
            examples.push((w.clone(), false));
        }
    }
    let mut lex = Lexicon::new(words.into_iter().collect(), phrases.into_iter().collect());
    if cfg.char_model {
        lex.chars = train_chars(&examples);
    }
    Ok(lex)
}

/// Logistic regression by SGD over hashed character n-grams (see [`CharModel`]), deterministic;
/// weights quantized to i8.
fn train_chars(ex: &[(String, bool)]) -> CharModel {
    const BITS: usize = 16;
    let mask = (1usize << BITS) - 1;
    let npos = ex.iter().filter(|e| e.1).count() as f32;
    let nneg = ex.len() as f32 - npos;
    let mut w = vec![0f32; 1 << BITS];
    let mut bias = 0f32;
    let mut order: Vec<usize> = (0..ex.len()).collect();
    let mut seed = 0xc4a2_u64;
    let mut idx: Vec<usize> = Vec::with_capacity(64);
    const L2: f32 = 1e-5;
    for epoch in 0..6 {
        for i in (1..order.len()).rev() {
            let j = (lcg(&mut seed) as usize) % (i + 1);
            order.swap(i, j);
        }
        let lr = 0.2 / (1.0 + epoch as f32);
        for &k in &order {
            let (word, y) = (ex[k].0.as_str(), ex[k].1);
            idx.clear();
            CharModel::ngrams(word, mask, |b| idx.push(b));
            let z: f32 = bias + idx.iter().map(|&b| w[b]).sum::<f32>();
            let p = 1.0 / (1.0 + (-z).exp());
            // Classes weighted to balance.
            let cw = if y { 0.5 * ex.len() as f32 / npos } else { 0.5 * ex.len() as f32 / nneg };
            let g = (y as u8 as f32 - p) * cw;
            for &b in &idx {
                w[b] += lr * (g - L2 * w[b]);
            }
            bias += lr * g;
        }
    }
    let mx = w.iter().fold(0f32, |m, x| m.max(x.abs())).max(1e-6);
    let scale = mx / 127.0;
    let q: Vec<i8> = w.iter().map(|x| (x / scale).round().clamp(-127.0, 127.0) as i8).collect();
    let m = CharModel { w: q, scale, bias };
    let right = ex.iter().filter(|(w, y)| (m.score(w) > 0.0) == *y).count();
    eprintln!("character name model: {} examples ({} names), {:.1}% right on its training words", ex.len(), npos, 100.0 * right as f32 / ex.len() as f32);
    m
}

fn read_json(p: &Path) -> Result<serde_json::Value, String> {
    serde_json::from_str(&std::fs::read_to_string(p).map_err(|e| format!("cannot read {}: {e}", p.display()))?)
        .map_err(|e| format!("{}: {e}", p.display()))
}

// ---------------------------------------------------------------- averaged perceptron

pub use super::model::viterbi;

pub(crate) struct Indexed {
    pub(crate) feats: Vec<u32>,
    pub(crate) offs: Vec<u32>,
    pub(crate) tags: Vec<u8>,
}

impl Indexed {
    /// The emission scores of token `i` under weights `w` (NTAGS per feature index).
    pub(crate) fn emission<T: Copy + Default + std::ops::AddAssign>(&self, i: usize, w: &[T]) -> [T; NTAGS] {
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

fn train_once(data: &[Indexed], nf: usize, epochs: usize, mut seed: u64) -> (Vec<f32>, [[f32; NTAGS]; NTAGS], [f32; NTAGS]) {
    let mut w = vec![0f32; nf * NTAGS];
    let mut u = vec![0f32; nf * NTAGS];
    let mut tr = [[0f32; NTAGS]; NTAGS];
    let mut tu = [[0f32; NTAGS]; NTAGS];
    let mut st = [0f32; NTAGS];
    let mut su = [0f32; NTAGS];
    let mut c = 1f32;
    let mut order: Vec<usize> = (0..data.len()).collect();
    let mut em: Vec<[f32; NTAGS]> = Vec::new();
    for ep in 0..epochs {
        for i in (1..order.len()).rev() {
            let j = (lcg(&mut seed) as usize) % (i + 1);
            order.swap(i, j);
        }
        let mut errors = 0usize;
        for &si in &order {
            let d = &data[si];
            let n = d.tags.len();
            em.clear();
            for i in 0..n {
                em.push(d.emission(i, &w));
            }
            let pred = viterbi(&em, &tr, &st);
            // A partly annotated sequence: its gold path is the best one the annotation
            // allows under the current weights (latent-variable perceptron).
            let best_allowed;
            let gold: &[u8] = if d.tags.iter().any(|&g| g >= LATENT_OPT) {
                let em2: Vec<[f32; NTAGS]> = em.iter().zip(&d.tags).map(|(e, &g)| std::array::from_fn(|t| if latent_allows(g, t) { e[t] } else { -1e30 })).collect();
                best_allowed = viterbi(&em2, &tr, &st);
                &best_allowed
            } else {
                &d.tags
            };
            if pred != gold {
                for i in 0..n {
                    let (g, p) = (gold[i] as usize, pred[i] as usize);
                    let (gp, pp) = if i == 0 { (None, None) } else { (Some(gold[i - 1] as usize), Some(pred[i - 1] as usize)) };
                    if g != p {
                        errors += 1;
                        for &f in &d.feats[d.offs[i] as usize..d.offs[i + 1] as usize] {
                            let b = f as usize * NTAGS;
                            w[b + g] += 1.0;
                            u[b + g] += c;
                            w[b + p] -= 1.0;
                            u[b + p] -= c;
                        }
                    }
                    if g != p || gp != pp {
                        match (gp, pp) {
                            (None, None) => {
                                st[g] += 1.0;
                                su[g] += c;
                                st[p] -= 1.0;
                                su[p] -= c;
                            }
                            (Some(a), Some(b)) => {
                                tr[a][g] += 1.0;
                                tu[a][g] += c;
                                tr[b][p] -= 1.0;
                                tu[b][p] -= c;
                            }
                            _ => {}
                        }
                    }
                }
            }
            c += 1.0;
        }
        eprintln!("  epoch {}: {} token errors", ep + 1, errors);
    }
    // Average.
    for i in 0..w.len() {
        w[i] -= u[i] / c;
    }
    for a in 0..NTAGS {
        for b in 0..NTAGS {
            tr[a][b] -= tu[a][b] / c;
        }
        st[a] -= su[a] / c;
    }
    (w, tr, st)
}

/// Feature sequences with their keys replaced by dense indices; returns the data and the keys.
fn index_features(seqs: &[(&SeqFeatures, &[u8])]) -> (Vec<Indexed>, Vec<u32>) {
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

/// Trains the perceptron on feature sequences; returns the averaged weights as a model.
pub fn perceptron(seqs: &[(&SeqFeatures, &[u8])], epochs: usize, max_features: usize, runs: usize) -> Tagger {
    let (data, keys) = index_features(seqs);
    let (w, tr, st) = perceptron_learned(&data, keys.len(), epochs, runs);
    quantized(&keys, &w, tr, st, max_features)
}

/// Weights, transitions and start scores of a learner, before pruning and quantization.
pub(crate) type Learned = (Vec<f32>, [[f32; NTAGS]; NTAGS], [f32; NTAGS]);

/// `runs` averaged perceptrons over different orders of the data, averaged.
fn perceptron_learned(data: &[Indexed], nf: usize, epochs: usize, runs: usize) -> Learned {
    let mut w = vec![0f32; nf * NTAGS];
    let mut tr = [[0f32; NTAGS]; NTAGS];
    let mut st = [0f32; NTAGS];
    for run in 0..runs {
        let (w1, tr1, st1) = train_once(&data, nf, epochs, 0x1234_5678_u64 + 7919 * run as u64);
        for i in 0..w.len() {
            w[i] += w1[i] / runs as f32;
        }
        for a in 0..NTAGS {
            for b in 0..NTAGS {
                tr[a][b] += tr1[a][b] / runs as f32;
            }
            st[a] += st1[a] / runs as f32;
        }
    }
    (w, tr, st)
}

/// The features with the largest weights (at most `max_features`), quantized to i8 with one
/// scale, as a tagger.
pub(crate) fn quantized(keys: &[u32], w: &[f32], tr: [[f32; NTAGS]; NTAGS], st: [f32; NTAGS], max_features: usize) -> Tagger {
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
    Tagger { weights: Weights::from_rows(&rows, scale), trans: tr, start: st }
}

// ---------------------------------------------------------------- driver

/// Trains on the given sequences with the lexicon: the first stage on everything; the second
/// stage on first-stage output from 5-fold cross-validation (folds by block), so it learns from
/// output as errorful as on unseen text.
pub fn train_model(cfg: &Config, train: &[Seq], lex: Lexicon) -> Model {
    // Document-context bits per block (blocks are runs of consecutive sequences).
    let mut bits: Vec<Vec<u32>> = Vec::with_capacity(train.len());
    let mut a = 0;
    for i in 1..=train.len() {
        if i == train.len() || train[i].block != train[a].block {
            let fs: Vec<Vec<super::features::TokFacts>> = train[a..i].iter().map(|s| s.toks.iter().map(|t| super::features::tok_facts(t, &lex)).collect()).collect();
            let ls: Vec<&[super::features::TokFacts]> = fs.iter().map(Vec::as_slice).collect();
            bits.extend(super::features::context_bits(&ls));
            a = i;
        }
    }
    let feats: Vec<SeqFeatures> = train.iter().zip(&bits).map(|(s, b)| extract(&s.src, &s.toks, &lex, b)).collect();
    let tags: Vec<Vec<u8>> = train.iter().map(|s| training_tags(cfg, s)).collect();
    let all: Vec<(&SeqFeatures, &[u8])> = feats.iter().zip(&tags).map(|(f, t)| (f, t.as_slice())).collect();
    eprintln!("stage 1:");
    let m1 = {
        let (data, keys) = index_features(&all);
        let nf = keys.len();
        let learned = if cfg.crf_c2 > 0.0 { super::crf::train(&data, nf, cfg.crf_c2, cfg.crf_iters) } else { perceptron_learned(&data, nf, cfg.epochs, cfg.runs) };
        quantized(&keys, &learned.0, learned.1, learned.2, cfg.max_features)
    };
    let stage2 = if cfg.stages >= 2 {
        const FOLDS: u64 = 5;
        let mut em: Vec<Vec<[f32; NTAGS]>> = vec![Vec::new(); train.len()];
        let mut t1: Vec<Vec<u8>> = vec![Vec::new(); train.len()];
        for fold in 0..FOLDS {
            let part: Vec<(&SeqFeatures, &[u8])> = all.iter().zip(train).filter(|(_, s)| s.block % FOLDS != fold).map(|(x, _)| *x).collect();
            eprintln!("stage 1, fold {fold}:");
            let mf = perceptron(&part, cfg.epochs, cfg.max_features, cfg.runs);
            for (i, s) in train.iter().enumerate() {
                if s.block % FOLDS == fold {
                    em[i] = mf.emissions(&feats[i]);
                    t1[i] = decode(&em[i], &mf.trans, &mf.start);
                }
            }
        }
        let keys: Vec<Vec<u64>> = feats.iter().map(super::stack::pool_keys).collect();
        let pooled = super::stack::pool(train.iter().enumerate().flat_map(|(si, s)| {
            let (keys, em, t1) = (&keys[si], &em[si], &t1[si]);
            (0..keys.len()).map(move |i| (s.block, keys[i], &em[i], t1[i]))
        }));
        let f2: Vec<SeqFeatures> = (0..train.len()).map(|i| super::stack::extract2(&feats[i], &keys[i], train[i].block, &em[i], &t1[i], &pooled)).collect();
        let all2: Vec<(&SeqFeatures, &[u8])> = f2.iter().zip(&tags).map(|(f, t)| (f, t.as_slice())).collect();
        eprintln!("stage 2:");
        Some(perceptron(&all2, cfg.epochs, cfg.max_features, cfg.runs))
    } else {
        None
    };
    Model { lex, weights: m1.weights, trans: m1.trans, start: m1.start, stage2 }
}

/// The tags a sequence is trained on. News-train follows ../shared/ANNOTATION.md, which tags no
/// MISC and marks doubtful spans optional, where ANERcorp tags MISC: unless `--no-latent`, a
/// news-train O token may be O or MISC ([`LATENT_O`]) and an optional span its label, O or MISC
/// ([`LATENT_OPT`]); training follows the best path the annotation allows.
fn training_tags(cfg: &Config, s: &Seq) -> Vec<u8> {
    if !cfg.latent || s.opt.is_empty() {
        return s.tags.clone();
    }
    s.tags.iter().zip(&s.opt).map(|(&t, &o)| if t == 0 { LATENT_O } else if o { t | LATENT_OPT } else { t }).collect()
}

/// The training sequences: ANERcorp train sentences outside `held` (blocks of 40 lines by their
/// index), then the news-train articles `use_doc` keeps (each `news_weight` times).
fn training_seqs(cfg: &Config, sents: &[Vec<(String, String)>], held: std::ops::Range<usize>, docs: &[(String, String, Vec<(usize, usize, String, bool)>)], use_doc: impl Fn(usize) -> bool) -> Vec<Seq> {
    let mut train: Vec<Seq> = sents
        .iter()
        .enumerate()
        .filter(|(i, _)| !held.contains(i))
        .map(|(i, s)| Seq { block: (i / super::stack::BLOCK_LINES) as u64, ..conll_seq(s) })
        .collect();
    for (i, (_, text, gold)) in docs.iter().enumerate() {
        if use_doc(i) && !cfg.no_news_train {
            for _ in 0..cfg.news_weight {
                train.extend(article_seqs(text, gold, 1 + i as u64));
            }
        }
    }
    train
}

/// K-fold cross-validation (`--cv K`): for each fold, trains on the rest of ANERcorp train and
/// of news-train (lexicon rebuilt per fold) and scores the held-out part; prints the pooled
/// figures (ANERcorp conll 4-class and PER/LOC/ORG, news-train exact PER/LOC/ORG) and each fold's.
fn cross_validate(cfg: &Config, sents: &[Vec<(String, String)>]) -> Result<(), String> {
    let k = cfg.cv;
    let docs = news_train_docs(&cfg.shared)?;
    let news = news_stats(cfg)?;
    // Pooled counts per conll row: (tp, pred, gold).
    let mut pooled: Vec<(String, usize, usize, usize)> = Vec::new();
    let mut acc = super::eval::DocAcc::default();
    let mut per_fold = Vec::new();
    for f in 0..k {
        let (a, b) = (sents.len() * f / k, sents.len() * (f + 1) / k);
        let train = training_seqs(cfg, sents, a..b, &docs, |i| i % k != f);
        let lex = build_lexicon(cfg, &news, &train)?;
        let model = train_model(cfg, &train, lex);
        let held = &sents[a..b];
        let text = super::eval::conll_text(held);
        let ents = super::eval::entities_with(&model, &text);
        let res = super::eval::conll_score(held, &text, &ents);
        // For error analysis: each fold's held-out text and predicted byte spans.
        std::fs::create_dir_all(&cfg.cache).ok();
        std::fs::write(cfg.cache.join(format!("cv{f}.txt")), &text).ok();
        std::fs::write(cfg.cache.join(format!("cv{f}-pred.tsv")), ents.iter().map(|e| format!("{}\t{}\t{}\n", e.0, e.1, e.2.as_str())).collect::<String>()).ok();
        if pooled.is_empty() {
            pooled = res.iter().map(|(n, _)| (n.clone(), 0, 0, 0)).collect();
        }
        for (p, (_, r)) in pooled.iter_mut().zip(&res) {
            p.1 += r.tp;
            p.2 += r.pred;
            p.3 += r.gold;
        }
        let mut fold_acc = super::eval::DocAcc::default();
        // Held-out news-train articles, analyzed in full (for score.py docs, speakers included).
        let dir = cfg.cache.join("cv-news");
        std::fs::create_dir_all(&dir).ok();
        for (name, text, gold) in docs.iter().enumerate().filter(|(i, _)| i % k == f).map(|(_, d)| d) {
            let ents = super::eval::entities_with(&model, text);
            acc.add(text, gold, &ents);
            fold_acc.add(text, gold, &ents);
            let json = serde_json::to_string(&crate::analyze_with(&model, text, &crate::Options::default())).map_err(|e| e.to_string())?;
            std::fs::write(dir.join(format!("{name}.json")), json).map_err(|e| e.to_string())?;
        }
        per_fold.push((res[5].1.f1, res[4].1.f1, fold_acc.micro().2));
    }
    println!("{k}-fold cross-validation, ANERcorp train (pooled):");
    for (n, tp, pred, gold) in &pooled {
        let (p, r, f1) = super::eval::prf(*tp, pred - tp, gold - tp);
        println!("{n:18} P {p:.3}  R {r:.3}  F1 {f1:.3}");
    }
    println!("news-train (pooled), exact PER/LOC/ORG:");
    acc.print();
    for (i, (a, b, c)) in per_fold.iter().enumerate() {
        println!("fold {i}: 4-class {a:.3}  PER/LOC/ORG {b:.3}  news {c:.3}");
    }
    println!("held-out news-train analyses (quotes and speakers too): {}", cfg.cache.join("cv-news").display());
    Ok(())
}

/// `marsad train [--shared DIR] [--dev] [--cv K] [--epochs N] ...`
pub fn run(args: &[String]) -> Result<(), String> {
    let mut cfg = Config::default();
    if let Ok(s) = std::env::var("MARSAD_SHARED") {
        cfg.shared = PathBuf::from(s);
    }
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut val = |name: &str| it.next().cloned().ok_or_else(|| format!("{name} needs a value"));
        match a.as_str() {
            "--shared" => cfg.shared = PathBuf::from(val("--shared")?),
            "--out" => cfg.out = PathBuf::from(val("--out")?),
            "--cache" => cfg.cache = PathBuf::from(val("--cache")?),
            "--dev" => cfg.dev = true,
            "--embed" => cfg.embed_rp = val("--embed")? == "rp",
            "--embed-dim" => cfg.embed_dim = val("--embed-dim")?.parse().map_err(|e| format!("--embed-dim: {e}"))?,
            "--ctx-words" => cfg.ctx_words = val("--ctx-words")?.parse::<usize>().map_err(|e| format!("--ctx-words: {e}"))?.clamp(10, 16000),
            "--kmeans-iters" => cfg.kmeans_iters = val("--kmeans-iters")?.parse().map_err(|e| format!("--kmeans-iters: {e}"))?,
            "--no-latent" => cfg.latent = false,
            "--perceptron" => cfg.crf_c2 = 0.0,
            "--c2" => cfg.crf_c2 = val("--c2")?.parse::<f64>().map_err(|e| format!("--c2: {e}"))?.max(1e-6),
            "--crf-iters" => cfg.crf_iters = val("--crf-iters")?.parse().map_err(|e| format!("--crf-iters: {e}"))?,
            "--cv" => cfg.cv = val("--cv")?.parse().map_err(|e| format!("--cv: {e}"))?,
            "--min-count" => cfg.min_news_count = val("--min-count")?.parse().map_err(|e| format!("--min-count: {e}"))?,
            "--ablate" => {
                let m: u32 = val("--ablate")?.parse().map_err(|e| format!("--ablate: {e}"))?;
                super::features::ABLATION.store(m, std::sync::atomic::Ordering::Relaxed);
            }
            "--news-weight" => cfg.news_weight = val("--news-weight")?.parse().map_err(|e| format!("--news-weight: {e}"))?,
            "--runs" => cfg.runs = val("--runs")?.parse().map_err(|e| format!("--runs: {e}"))?,
            "--stages" => cfg.stages = val("--stages")?.parse().map_err(|e| format!("--stages: {e}"))?,
            "--no-news-train" => cfg.no_news_train = true,
            "--char-model" => cfg.char_model = true,
            "--epochs" => cfg.epochs = val("--epochs")?.parse().map_err(|e| format!("--epochs: {e}"))?,
            "--max-features" => cfg.max_features = val("--max-features")?.parse().map_err(|e| format!("--max-features: {e}"))?,
            "--clusters" => cfg.clusters = val("--clusters")?.parse().map_err(|e| format!("--clusters: {e}"))?,
            s => return Err(format!("unknown option '{s}'")),
        }
    }
    // ../shared/data relative to the repo root; accept ../shared too.
    if cfg.shared.join("data/anercorp").is_dir() {
        cfg.shared = cfg.shared.join("data");
    }
    let t0 = Instant::now();
    let sents = read_conll(&cfg.shared.join("anercorp/train.txt"))?;
    if cfg.cv > 1 {
        return cross_validate(&cfg, &sents);
    }
    let cut = if cfg.dev { sents.len() * 9 / 10 } else { sents.len() };
    let dev_sents = &sents[cut..];
    let docs = news_train_docs(&cfg.shared)?;
    let held_doc = |i: usize| cfg.dev && i % 5 == 4;
    let train = training_seqs(&cfg, &sents, cut..sents.len(), &docs, |i| !held_doc(i));
    let dev_docs: Vec<_> = docs.iter().enumerate().filter(|(i, _)| held_doc(*i)).map(|(_, d)| d.clone()).collect();
    eprintln!("training sequences: {} ({} tokens)", train.len(), train.iter().map(|s| s.toks.len()).sum::<usize>());
    let news = news_stats(&cfg)?;
    let lex = build_lexicon(&cfg, &news, &train)?;
    eprintln!("lexicon: {} words, {} phrases", lex.len(), lex.phrase_entries.len());
    let model = train_model(&cfg, &train, lex);
    eprintln!("trained in {:.1}s", t0.elapsed().as_secs_f32());
    let bytes = model.to_bytes();
    if cfg.dev {
        let text = super::eval::conll_text(dev_sents);
        let ents = super::eval::entities_with(&model, &text);
        let res = super::eval::conll_score(dev_sents, &text, &ents);
        // For error analysis: the dev text, gold CoNLL and predicted spans.
        std::fs::create_dir_all(&cfg.cache).ok();
        let mut conll = String::new();
        for s in dev_sents {
            for (w, t) in s {
                conll.push_str(&format!("{w} {t}\n"));
            }
            conll.push('\n');
        }
        std::fs::write(cfg.cache.join("dev.conll"), conll).ok();
        let a = crate::analyze(&text, &crate::Options { quotes: false });
        let _ = a;
        let pred: Vec<String> = ents.iter().map(|e| format!("{}\t{}\t{}", e.0, e.1, e.2.as_str())).collect();
        std::fs::write(cfg.cache.join("dev-pred.tsv"), pred.join("\n")).ok();
        println!("ANERcorp dev (last 10% of train):");
        super::eval::print_conll(&res);
        let mut acc = super::eval::DocAcc::default();
        for (_, text, gold) in &dev_docs {
            let ents = super::eval::entities_with(&model, text);
            acc.add(text, gold, &ents);
        }
        println!("news-train dev ({} articles), exact PER/LOC/ORG:", dev_docs.len());
        acc.print();
        let mut kinds: BTreeMap<String, usize> = BTreeMap::new();
        let mut lines = String::new();
        for (k, t, l) in &acc.errors {
            *kinds.entry(k.split('(').next().unwrap_or("").to_string()).or_default() += 1;
            lines.push_str(&format!("{k}\t{l}\t{t}\n"));
        }
        println!("news-train dev errors by kind: {kinds:?}");
        std::fs::write(cfg.cache.join("dev-errors.tsv"), lines).ok();
        // Proclitic trimming against the gold starts of all news-train entities.
        let (mut ok, mut bad) = (0, 0);
        let mut ex = String::new();
        for (_, text, gold) in &docs {
            let toks = tokenize(text);
            for (s, _, _, _) in gold {
                let Some(t) = toks.iter().find(|t| t.start <= *s && *s < t.end) else { continue };
                if t.kind != TokKind::Arabic {
                    continue;
                }
                let cut = t.start + super::proclitic_cut(&model, t.text(text));
                if cut == *s {
                    ok += 1;
                } else {
                    bad += 1;
                    ex.push_str(&format!("{}\t{}\n", t.text(text), &text[*s..t.end]));
                }
            }
        }
        println!("proclitic trimming on news-train gold starts: {ok} right, {bad} wrong");
        std::fs::write(cfg.cache.join("cut-errors.tsv"), ex).ok();
        eprintln!("model: {} bytes", bytes.len());
    } else {
        std::fs::create_dir_all(&cfg.out).map_err(|e| e.to_string())?;
        let p = cfg.out.join("ner.bin");
        let mut f = std::fs::File::create(&p).map_err(|e| format!("cannot write {}: {e}", p.display()))?;
        f.write_all(&bytes).map_err(|e| e.to_string())?;
        eprintln!("wrote {} ({} bytes) in {:.1}s", p.display(), bytes.len(), t0.elapsed().as_secs_f32());
    }
    let _ = (hash_bytes, mix);
    Ok(())
}
