//! Training sequences for a run, and K-fold cross-validation over ANERcorp train (contiguous
//! folds) and news-train (every K-th article): how every change to the model is judged.

use crate::corpus::{article_seqs, conll_seq, news_train_docs, Article, Seq};
use crate::learn::train_model;
use crate::lexicon::build_lexicon;
use crate::news::news_stats;
use crate::{eval, Config};
use marsad::ner::BLOCK_LINES;

/// The training sequences: ANERcorp train sentences outside `held` (blocks of 40 lines by their
/// index), then the news-train articles `use_doc` keeps.
pub fn training_seqs(cfg: &Config, sents: &[Vec<(String, String)>], held: std::ops::Range<usize>, docs: &[Article], use_doc: impl Fn(usize) -> bool) -> Vec<Seq> {
    let mut train: Vec<Seq> = sents
        .iter()
        .enumerate()
        .filter(|(i, _)| !held.contains(i))
        .map(|(i, s)| Seq { block: (i / BLOCK_LINES) as u64, ..conll_seq(s) })
        .collect();
    for (i, (_, text, gold)) in docs.iter().enumerate() {
        if use_doc(i) && !cfg.no_news_train {
            train.extend(article_seqs(text, gold, 1 + i as u64));
        }
    }
    train
}

/// K-fold cross-validation (`--cv K`): for each fold, trains on the rest of ANERcorp train and
/// of news-train (lexicon rebuilt per fold) and scores the held-out part; prints the pooled
/// figures (ANERcorp conll 4-class and PER/LOC/ORG, news-train exact PER/LOC/ORG) and each fold's.
pub fn cross_validate(cfg: &Config, k: usize, sents: &[Vec<(String, String)>]) -> Result<(), String> {
    let docs = news_train_docs(&cfg.shared)?;
    let news = news_stats(cfg)?;
    // Pooled counts per conll row: (tp, pred, gold).
    let mut pooled: Vec<(String, usize, usize, usize)> = Vec::new();
    let mut acc = eval::DocAcc::default();
    let mut per_fold = Vec::new();
    for f in 0..k {
        let (a, b) = (sents.len() * f / k, sents.len() * (f + 1) / k);
        let train = training_seqs(cfg, sents, a..b, &docs, |i| i % k != f);
        let lex = build_lexicon(cfg, &news, &train)?;
        let model = train_model(cfg, &train, lex);
        let held = &sents[a..b];
        let text = eval::conll_text(held);
        let ents = eval::entities_with(&model, &text);
        let res = eval::conll_score(held, &text, &ents);
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
        let mut fold_acc = eval::DocAcc::default();
        // Held-out news-train articles, analyzed in full (for score.py docs, speakers included).
        let dir = cfg.cache.join("cv-news");
        std::fs::create_dir_all(&dir).ok();
        for (name, text, gold) in docs.iter().enumerate().filter(|(i, _)| i % k == f).map(|(_, d)| d) {
            let ents = eval::entities_with(&model, text);
            acc.add(text, gold, &ents);
            fold_acc.add(text, gold, &ents);
            let json = serde_json::to_string(&marsad::analyze_with(&model, text, &marsad::Options::default())).map_err(|e| e.to_string())?;
            std::fs::write(dir.join(format!("{name}.json")), json).map_err(|e| e.to_string())?;
        }
        per_fold.push((res[5].1.f1, res[4].1.f1, fold_acc.micro().2));
    }
    println!("{k}-fold cross-validation, ANERcorp train (pooled):");
    for (n, tp, pred, gold) in &pooled {
        let (p, r, f1) = eval::prf(*tp, pred - tp, gold - tp);
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
