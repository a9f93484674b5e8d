//! What the unlabeled news (the ANT corpus, 9.7M tokens) teaches the lexicon: word clusters
//! (k-means over truncated-SVD vectors of the PPMI co-occurrence matrix, then coarse clusters of
//! the fine centroids) and context counts (after a title, before a reporting verb, after an
//! organization head, a given name, a place head). Cached in `target/ner-cache`.

use crate::wordlists;
use crate::Config;
use marsad::hash::FxMap;
use marsad::text::{normalize, tokenize, TokKind};
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};
use std::io::BufReader;
use std::path::Path;
use std::time::Instant;

/// Context words (the most frequent) of the co-occurrence matrix.
const CTX_WORDS: usize = 1000;
/// k-means iterations for the fine clusters.
const KMEANS_ITERS: usize = 12;
/// Dimensions of the SVD word vectors.
const EMBED_DIM: usize = 256;

/// The fields of an ANT article that are read.
#[derive(Deserialize)]
pub struct NewsArticle {
    pub docno: String,
    pub title: String,
    pub text: String,
}

/// The ANT corpus, decompressed: one JSON article a line.
pub fn ant_json(shared: &Path) -> Result<String, String> {
    let path = shared.join("news/ant-multisource-v2.1.jsonl.xz");
    let file = std::fs::File::open(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let mut json = Vec::new();
    lzma_rs::xz_decompress(&mut BufReader::new(file), &mut json).map_err(|e| format!("cannot decompress {}: {e:?}", path.display()))?;
    String::from_utf8(json).map_err(|e| format!("{} is not UTF-8: {e}", path.display()))
}

pub fn ant_articles(json: &str) -> impl Iterator<Item = Result<NewsArticle, String>> + '_ {
    json.lines().enumerate().map(|(n, line)| serde_json::from_str(line).map_err(|e| format!("ANT corpus line {}: {e}", n + 1)))
}

/// The texts of these ANT articles as annotated: title, blank line, body, newline.
pub fn ant_texts(shared: &Path, docnos: &BTreeSet<String>) -> Result<BTreeMap<String, String>, String> {
    let mut out = BTreeMap::new();
    if docnos.is_empty() {
        return Ok(out);
    }
    for a in ant_articles(&ant_json(shared)?) {
        let a = a?;
        if docnos.contains(&a.docno) {
            out.insert(a.docno, format!("{}\n\n{}\n", a.title, a.text));
        }
    }
    Ok(out)
}

pub struct NewsStats {
    /// word → (count, fine cluster, coarse cluster), for words with count ≥ min count
    pub words: BTreeMap<String, (u32, u16, u8)>,
    /// word → (occurrences right after a title or role, right before a reporting verb)
    /// after a title, before a reporting verb, after an organization head, after a given
    /// name, after a place head word.
    pub ctx: BTreeMap<String, Vec<u32>>,
}

pub fn lcg(s: &mut u64) -> u64 {
    *s = s.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
    *s >> 33
}

pub fn news_stats(cfg: &Config) -> Result<NewsStats, String> {
    let cache = cfg.cache.join(format!("news6-{}-{}-{}-svd{EMBED_DIM}-{CTX_WORDS}-{KMEANS_ITERS}.tsv", cfg.min_news_count, cfg.clusters, cfg.coarse));
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
    let json = ant_json(&cfg.shared)?;
    let mut ids: FxMap<String, u32> = FxMap::default();
    let mut names: Vec<String> = Vec::new();
    let mut counts: Vec<u32> = Vec::new();
    let mut stream: Vec<u32> = Vec::new(); // token ids, u32::MAX between lines
    for article in ant_articles(&json) {
        let article = article?;
        for t in [&article.title, &article.text] {
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
    drop(json);
    eprintln!("news: {} tokens, {} types read in {:.1}s", stream.len(), names.len(), t0.elapsed().as_secs_f32());
    // Vocabulary (count ≥ min) and context words (top NCTX), ranked by count then string.
    let mut order: Vec<u32> = (0..names.len() as u32).collect();
    order.sort_by(|&a, &b| counts[b as usize].cmp(&counts[a as usize]).then(names[a as usize].cmp(&names[b as usize])));
    let nctx = CTX_WORDS;
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
    let titles: BTreeSet<&str> = wordlists::PERSON_TRIGGERS.iter().copied().collect();
    let reports: BTreeSet<&str> = wordlists::REPORT_VERBS.iter().copied().collect();
    let is_title: Vec<bool> = names.iter().map(|w| titles.contains(w.as_str()) || titles.contains(strip(w).as_str())).collect();
    let is_report: Vec<bool> = names.iter().map(|w| reports.contains(w.as_str()) || reports.contains(strip(w).as_str())).collect();
    let orgs: BTreeSet<&str> = wordlists::ORG_HEADS.iter().copied().collect();
    let is_org: Vec<bool> = names.iter().map(|w| orgs.contains(w.as_str()) || orgs.contains(strip(w).as_str())).collect();
    let mut after_org = vec![0u32; names.len()];
    let places: BTreeSet<&str> = wordlists::PLACE_HEADS.iter().copied().collect();
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
        .filter(|w| !wordlists::FUNCTION_WORDS.contains(&w.as_str()))
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
    // PPMI (context distribution smoothed with exponent 0.75) → truncated SVD (randomized) →
    // unit vectors.
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
    let dim = EMBED_DIM;
    let mut vecs = svd_embed(&ppmi, vocab.len(), ncol, dim);
    for v in vecs.chunks_mut(dim) {
        let n = v.iter().map(|x| x * x).sum::<f32>().sqrt().max(1e-6);
        v.iter_mut().for_each(|x| *x /= n);
    }
    eprintln!("news: {} vocabulary words embedded in {:.1}s", vocab.len(), t0.elapsed().as_secs_f32());
    let fine = kmeans(&vecs, dim, cfg.clusters, KMEANS_ITERS);
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
