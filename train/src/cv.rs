//! Training sequences for a run, and K-fold cross-validation over ANERcorp train (contiguous
//! folds) and the annotated news articles (every K-th article): how every change is judged.

use crate::corpus::{article_seqs, conll_seq, news_docs, Article, NewsDoc, Seq};
use crate::learn::train_model;
use crate::lexicon::build_lexicon;
use crate::news::news_stats;
use crate::{eval, Config};
use marsad::ner::BLOCK_LINES;
use std::path::Path;
use std::process::Command;

/// The training sequences: ANERcorp train sentences outside `held` (blocks of 40 lines by their
/// index), then the annotated news articles `use_doc` keeps.
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

/// Whether article `i` of `docs` trains in a run that holds out fold `fold` of `k` (`None`: the
/// shipped model, every article): pool articles only unless `--no-pool`, and at most
/// `--news-articles N` of them, the first N in a fixed order that mixes the sources.
pub fn doc_filter<'a>(cfg: &Config, docs: &'a [NewsDoc], fold: Option<(usize, usize)>) -> impl Fn(usize) -> bool + 'a {
    let held = move |i: usize| fold.is_some_and(|(f, k)| i % k == f);
    let eligible: Vec<bool> = docs.iter().enumerate().map(|(i, d)| !held(i) && !(cfg.no_pool && d.pool)).collect();
    let mut order: Vec<usize> = (0..docs.len()).filter(|&i| eligible[i]).collect();
    order.sort_by_key(|&i| (marsad::hash::hash_bytes(0x1ea7, docs[i].article.0.as_bytes()), i));
    let mut keep = vec![false; docs.len()];
    for &i in order.iter().take(cfg.news_articles.unwrap_or(usize::MAX)) {
        keep[i] = true;
    }
    move |i| keep[i]
}

/// K-fold cross-validation (`cv K`): for each fold, trains on the rest of ANERcorp train and of
/// the annotated news (news-train and the annotated pool articles; lexicon rebuilt per fold) and
/// scores the held-out part. Prints the pooled ANERcorp conll figures, entity figures on the
/// held-out news (news-train and pool apart), and, through ../shared/tools/score.py, quotes and
/// speakers of the held-out articles analyzed in full — per fold and pooled.
pub fn cross_validate(cfg: &Config, k: usize, sents: &[Vec<(String, String)>]) -> Result<(), String> {
    let docs = news_docs(cfg)?;
    let articles: Vec<Article> = docs.iter().map(|d| d.article.clone()).collect();
    let news = news_stats(cfg)?;
    // Pooled counts per conll row: (tp, pred, gold).
    let mut pooled: Vec<(String, usize, usize, usize)> = Vec::new();
    let (mut acc_nt, mut acc_pool) = (eval::DocAcc::default(), eval::DocAcc::default());
    let mut per_fold = Vec::new();
    let sys = cfg.cache.join("cv-news");
    let _ = std::fs::remove_dir_all(&sys);
    std::fs::create_dir_all(&sys).map_err(|e| format!("cannot create {}: {e}", sys.display()))?;
    for f in 0..k {
        let (a, b) = (sents.len() * f / k, sents.len() * (f + 1) / k);
        let train = training_seqs(cfg, sents, a..b, &articles, doc_filter(cfg, &docs, Some((f, k))));
        let lex = build_lexicon(cfg, &news, &train)?;
        let model = train_model(cfg, &train, lex);
        let held = &sents[a..b];
        let text = eval::conll_text(held);
        let ents = eval::entities_with(&model, &text);
        let res = eval::conll_score(held, &text, &ents);
        if pooled.is_empty() {
            pooled = res.iter().map(|(n, _)| (n.clone(), 0, 0, 0)).collect();
        }
        for (p, (_, r)) in pooled.iter_mut().zip(&res) {
            p.1 += r.tp;
            p.2 += r.pred;
            p.3 += r.gold;
        }
        let mut fold_acc = eval::DocAcc::default();
        // Held-out news articles, analyzed in full (for score.py docs, speakers included).
        for d in docs.iter().enumerate().filter(|(i, _)| i % k == f).map(|(_, d)| d) {
            let (name, text, gold) = &d.article;
            let ents = eval::entities_with(&model, text);
            if d.pool { &mut acc_pool } else { &mut acc_nt }.add(text, gold, &ents);
            fold_acc.add(text, gold, &ents);
            let json = serde_json::to_string(&marsad::analyze_with(&model, text, &marsad::Options::default())).map_err(|e| e.to_string())?;
            std::fs::write(sys.join(format!("{name}.json")), json).map_err(|e| e.to_string())?;
        }
        per_fold.push((res[5].1.f1, res[4].1.f1, fold_acc.micro().2));
    }
    println!("{k}-fold cross-validation, ANERcorp train (pooled):");
    for (n, tp, pred, gold) in &pooled {
        let (p, r, f1) = eval::prf(*tp, pred - tp, gold - tp);
        println!("{n:18} P {p:.3}  R {r:.3}  F1 {f1:.3}");
    }
    println!("held-out news-train ({} articles), exact PER/LOC/ORG:", docs.iter().filter(|d| !d.pool).count());
    acc_nt.print();
    println!("held-out annotated pool articles ({}), exact PER/LOC/ORG:", docs.iter().filter(|d| d.pool).count());
    acc_pool.print();
    for (i, (a, b, c)) in per_fold.iter().enumerate() {
        println!("fold {i}: 4-class {a:.3}  PER/LOC/ORG {b:.3}  news {c:.3}");
    }
    quote_scores(cfg, k, &docs, &sys)
}

/// Quotes and speakers of the held-out analyses, scored by ../shared/tools/score.py against the
/// gold that annotation/annotate.py materializes (news-train with its added indirect and headline
/// quotes, and the pool): each fold, then all folds pooled.
fn quote_scores(cfg: &Config, k: usize, docs: &[NewsDoc], sys: &Path) -> Result<(), String> {
    let gold = cfg.cache.join("cv-gold");
    let run = |cmd: &mut Command| -> Result<String, String> {
        let out = cmd.output().map_err(|e| format!("cannot run python3: {e}"))?;
        if !out.status.success() {
            return Err(format!("{:?} failed: {}", cmd, String::from_utf8_lossy(&out.stderr)));
        }
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    };
    let shared_root = cfg.shared.parent().unwrap_or(Path::new(".")).to_path_buf();
    run(Command::new("python3").arg("annotation/annotate.py").arg("materialize").arg(&gold).env("MARSAD_SHARED", &shared_root))?;
    let score = |dir: &Path| -> Result<serde_json::Value, String> {
        let out = run(Command::new("python3").arg(shared_root.join("tools/score.py")).arg("docs").arg(dir).arg(sys).arg("--json"))?;
        serde_json::from_str(&out).map_err(|e| format!("score.py output: {e}"))
    };
    let row = |name: &str, v: &serde_json::Value| {
        let q = |kind: &str, key: &str| v["quotes"][kind][key].as_f64().unwrap_or(0.0);
        println!(
            "{name:8} articles {:3}  entities {:.3} (ORG {:.3})  direct F1 {:.3} speakers {:.3}  indirect F1 {:.3} speakers {:.3}  headline F1 {:.3} speakers {:.3}",
            v["docs"].as_u64().unwrap_or(0),
            v["entities"]["micro"]["f1"].as_f64().unwrap_or(0.0),
            v["entities"]["ORG"]["f1"].as_f64().unwrap_or(0.0),
            q("direct", "f1"),
            q("direct", "speaker_accuracy"),
            q("indirect", "f1"),
            q("indirect", "speaker_accuracy"),
            q("headline", "f1"),
            q("headline", "speaker_accuracy"),
        );
    };
    println!("held-out news articles analyzed in full (score.py docs; gold {}, analyses {}):", gold.display(), sys.display());
    for f in 0..k {
        let dir = cfg.cache.join(format!("cv-gold-fold{f}"));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
        for d in docs.iter().enumerate().filter(|(i, _)| i % k == f).map(|(_, d)| d) {
            for ext in ["txt", "gold.json"] {
                let n = format!("{}.{ext}", d.article.0);
                std::fs::copy(gold.join(&n), dir.join(&n)).map_err(|e| format!("{n}: {e}"))?;
            }
        }
        row(&format!("fold {f}"), &score(&dir)?);
    }
    row("pooled", &score(&gold)?);
    Ok(())
}
