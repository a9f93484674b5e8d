//! `marsad-train speaker`: trains the speaker ranker (`model/speaker.bin`, see
//! `marsad::quotes::rank`) on the annotated news articles — news-train with its added quotes and
//! the annotated pool, materialized by annotation/annotate.py — and (`--cv K`) measures it by
//! article-level folds against the rules alone.
//!
//! Each gold direct or indirect quote is matched to the rules' quote of its kind with the best
//! overlap (IoU ≥ 0.5, as tools/score.py matches); its candidates are labelled right when their
//! text or canonical name is one of the gold names (score.py's test). A log-linear model
//! (softmax over a quote's candidates) learns to put the probability on the right ones. Deterministic: articles in
//! name order, a fixed shuffle per epoch, so the model is rebuilt bit for bit.

use crate::news::lcg;
use crate::Config;
use marsad::quotes::rank::{BITS, MAGIC};
use marsad::quotes::QuoteKind;
use std::path::{Path, PathBuf};

/// Passes over the examples, L2 shrinkage per pass, first learning rate (then lr / (1 + pass)).
const EPOCHS: usize = 10;
const L2: f64 = 1e-2;
const LR: f64 = 0.1;

/// One matched gold quote: its kind, its candidates' features, which are right, and which the
/// rules chose.
struct Example {
    doc: usize,
    kind: QuoteKind,
    feats: Vec<Vec<u32>>,
    right: Vec<bool>,
    rule: usize,
    /// For the error listing: the rules' speaker (text, canonical) and the gold names.
    said: String,
}

fn norm(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let c = match c {
            '\u{0610}'..='\u{061A}' | '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}' => continue,
            'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
            'ى' => 'ي',
            'ة' => 'ه',
            c if c.is_alphanumeric() || c == '_' || c.is_whitespace() => c,
            _ => ' ',
        };
        out.push(c);
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// score.py's `variants`: the normalized text, and without one or two proclitic letters.
fn variants(s: &str) -> Vec<String> {
    let n = norm(s);
    let mut out = vec![n.clone()];
    let chars: Vec<char> = n.chars().collect();
    for k in 1..=2 {
        if chars.len() > k + 2 && chars[..k].iter().all(|c| "وفبلك".contains(*c)) {
            out.push(chars[k..].iter().collect());
        }
    }
    out
}

/// score.py's `speaker_ok`.
fn speaker_ok(text: &str, canonical: &str, gold: &[String]) -> bool {
    let mut cands = variants(text);
    cands.extend(variants(canonical));
    let golds: Vec<String> = gold.iter().map(|g| norm(g)).filter(|g| !g.is_empty()).collect();
    cands.iter().any(|c| golds.iter().any(|g| c == g || format!(" {c} ").contains(&format!(" {g} "))))
}

struct Gold {
    kind: QuoteKind,
    start: usize,
    end: usize,
    speaker: Vec<String>,
}

fn read_gold(path: &Path) -> Result<Vec<Gold>, String> {
    let v: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut out = Vec::new();
    for q in v["quotes"].as_array().into_iter().flatten() {
        let kind = match q["kind"].as_str() {
            Some("direct") => QuoteKind::Direct,
            Some("indirect") => QuoteKind::Indirect,
            _ => continue,
        };
        let speaker = q["speaker"].as_array().into_iter().flatten().filter_map(|s| s.as_str().map(str::to_string)).collect();
        out.push(Gold { kind, start: q["start"].as_u64().unwrap_or(0) as usize, end: q["end"].as_u64().unwrap_or(0) as usize, speaker });
    }
    Ok(out)
}

/// The matched quotes of every article, and per article and kind the number of gold quotes
/// matched (the denominator of speaker accuracy).
fn article_names(gold_dir: &Path) -> Result<Vec<String>, String> {
    let mut names: Vec<String> = std::fs::read_dir(gold_dir)
        .map_err(|e| format!("{}: {e}", gold_dir.display()))?
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter_map(|n| n.strip_suffix(".gold.json").map(str::to_string))
        .collect();
    names.sort();
    Ok(names)
}

fn examples(model: &marsad::ner::model::Model, gold_dir: &Path) -> Result<(Vec<Example>, usize), String> {
    let names = article_names(gold_dir)?;
    let listing = std::env::var_os("MARSAD_ERRORS").is_some();
    let mut out = Vec::new();
    for (d, n) in names.iter().enumerate() {
        let text = std::fs::read_to_string(gold_dir.join(format!("{n}.txt"))).map_err(|e| format!("{n}.txt: {e}"))?;
        let gold = read_gold(&gold_dir.join(format!("{n}.gold.json")))?;
        let found = marsad::rank_candidates(model, &text);
        let mut used = vec![false; found.len()];
        for g in &gold {
            let mut best: Option<(f64, usize)> = None;
            for (j, p) in found.iter().enumerate() {
                if used[j] || p.kind != g.kind {
                    continue;
                }
                let inter = g.end.min(p.end).saturating_sub(g.start.max(p.start));
                let union = g.end.max(p.end) - g.start.min(p.start);
                let iou = if union > 0 { inter as f64 / union as f64 } else { 0.0 };
                if best.map_or(true, |(b, _)| iou > b) {
                    best = Some((iou, j));
                }
            }
            let Some((iou, j)) = best.filter(|(iou, _)| *iou >= 0.5) else { continue };
            let _ = iou;
            used[j] = true;
            let cands = &found[j].candidates;
            let right: Vec<bool> = cands.iter().map(|(t, c, _, _)| speaker_ok(t, c, &g.speaker)).collect();
            let rule = cands.iter().position(|c| c.2).unwrap_or(usize::MAX);
            // Built only for the error listing (MARSAD_ERRORS).
            let said = if !listing { String::new() } else { cands.get(rule).map_or(String::from("-"), |c| format!("{} | {} || gold {:?} || {n} || {}", c.0, c.1, g.speaker, text.chars().skip(g.start.saturating_sub(120)).take(g.start.min(120) + 30).collect::<String>().replace('\n', " / "))) };
            out.push(Example { doc: d, kind: g.kind, feats: cands.iter().map(|c| c.3.clone()).collect(), right, rule, said });
        }
    }
    Ok((out, names.len()))
}

fn score(w: &[f32], f: &[u32]) -> f32 {
    f.iter().map(|&k| w[k as usize]).sum()
}

fn best(w: &[f32], e: &Example) -> Option<usize> {
    let mut b: Option<(f32, usize)> = None;
    // The rules' choice first, so that it wins ties.
    let order = std::iter::once(e.rule).filter(|&r| r < e.feats.len()).chain((0..e.feats.len()).filter(|&k| k != e.rule));
    for k in order {
        let s = score(w, &e.feats[k]);
        if b.map_or(true, |(x, _)| s > x) {
            b = Some((s, k));
        }
    }
    b.map(|(_, k)| k)
}

/// The ranker's weights: a log-linear model (softmax over a quote's candidates, the likelihood
/// of the right ones summed), stochastic gradient with L2 shrinkage per epoch.
fn train(exs: &[&Example]) -> Vec<f32> {
    let (epochs, l2, lr0) = (EPOCHS, L2, LR);
    let n = 1usize << BITS;
    let mut w = vec![0f64; n];
    let mut order: Vec<usize> = (0..exs.len()).filter(|&i| exs[i].right.iter().any(|&r| r) && exs[i].right.iter().any(|&r| !r)).collect();
    let mut seed = 0x5eed_u64;
    for ep in 0..epochs {
        for i in (1..order.len()).rev() {
            let j = (lcg(&mut seed) % (i as u64 + 1)) as usize;
            order.swap(i, j);
        }
        let lr = lr0 / (1.0 + ep as f64);
        for &i in &order {
            let e = exs[i];
            let s: Vec<f64> = e.feats.iter().map(|f| f.iter().map(|&k| w[k as usize]).sum()).collect();
            let mx = s.iter().cloned().fold(f64::NEG_INFINITY, f64::max);
            let p: Vec<f64> = s.iter().map(|x| (x - mx).exp()).collect();
            let z: f64 = p.iter().sum();
            let zr: f64 = p.iter().zip(&e.right).filter(|(_, &r)| r).map(|(x, _)| x).sum();
            for (k, f) in e.feats.iter().enumerate() {
                let q = if e.right[k] { p[k] / zr } else { 0.0 };
                let g = q - p[k] / z;
                for &x in f {
                    w[x as usize] += lr * g;
                }
            }
        }
        for x in w.iter_mut() {
            *x *= 1.0 - l2;
        }
    }
    w.iter().map(|&x| x as f32).collect()
}

fn model_bytes(w: &[f32]) -> Vec<u8> {
    let mut b = MAGIC.to_vec();
    for (k, x) in w.iter().enumerate().filter(|(_, x)| **x != 0.0) {
        b.extend_from_slice(&(k as u32).to_le_bytes());
        b.extend_from_slice(&x.to_le_bytes());
    }
    b
}

fn gold_dir(cfg: &Config) -> Result<PathBuf, String> {
    let dir = cfg.cache.join("speaker-gold");
    let shared_root = cfg.shared.parent().unwrap_or(Path::new(".")).to_path_buf();
    let out = std::process::Command::new("python3")
        .arg("annotation/annotate.py")
        .arg("materialize")
        .arg(&dir)
        .env("MARSAD_SHARED", &shared_root)
        .output()
        .map_err(|e| format!("cannot run python3: {e}"))?;
    if !out.status.success() {
        return Err(format!("annotate.py materialize failed: {}", String::from_utf8_lossy(&out.stderr)));
    }
    Ok(dir)
}

/// `marsad-train speaker [--ner FILE] [--cv K]`.
pub fn run(cfg: &Config, ner: Option<&Path>, cv: Option<usize>) -> Result<(), String> {
    let owned;
    let model = match ner {
        Some(p) => {
            let b = std::fs::read(p).map_err(|e| format!("{}: {e}", p.display()))?;
            owned = marsad::ner::model::Model::from_bytes(&b).ok_or_else(|| format!("{}: not a marsad entity model", p.display()))?;
            &owned
        }
        None => marsad::ner::model(),
    };
    let dir = gold_dir(cfg)?;
    let (exs, ndocs) = examples(model, &dir)?;
    eprintln!("{ndocs} articles, {} matched gold quotes", exs.len());
    match cv {
        None => {
            let all: Vec<&Example> = exs.iter().collect();
            let w = train(&all);
            let p = cfg.out.join("speaker.bin");
            let bytes = model_bytes(&w);
            std::fs::write(&p, &bytes).map_err(|e| format!("cannot write {}: {e}", p.display()))?;
            eprintln!("wrote {} ({} bytes)", p.display(), bytes.len());
        }
        Some(k) => {
            // Each held-out article analyzed with its fold's ranker, and with none, for score.py.
            let names = article_names(&dir)?;
            let (ranked, rules) = (cfg.cache.join("speaker-cv"), cfg.cache.join("speaker-cv-rules"));
            for d in [&ranked, &rules] {
                let _ = std::fs::remove_dir_all(d);
                std::fs::create_dir_all(d).map_err(|e| format!("{}: {e}", d.display()))?;
            }
            // [matched, rules right, ranker right, oracle] per kind.
            let mut tot = [[0usize; 4]; 2];
            let mut classes = std::collections::BTreeMap::new();
            for f in 0..k {
                let tr: Vec<&Example> = exs.iter().filter(|e| e.doc % k != f).collect();
                let w = train(&tr);
                let bytes: &'static [u8] = Box::leak(model_bytes(&w).into_boxed_slice());
                let ranker = marsad::quotes::rank::Ranker::from_static(bytes).ok_or("the ranker's bytes are malformed")?;
                for (d, n) in names.iter().enumerate().filter(|(d, _)| d % k == f) {
                    let _ = d;
                    let text = std::fs::read_to_string(dir.join(format!("{n}.txt"))).map_err(|e| format!("{n}.txt: {e}"))?;
                    for (out, r) in [(&ranked, Some(&ranker)), (&rules, None)] {
                        let a = marsad::analyze_ranked(model, r, &text, &marsad::Options::default());
                        let json = serde_json::to_string(&a).map_err(|e| e.to_string())?;
                        std::fs::write(out.join(format!("{n}.json")), json).map_err(|e| e.to_string())?;
                    }
                }
                let mut fold = [[0usize; 4]; 2];
                for e in exs.iter().filter(|e| e.doc % k == f) {
                    let r = &mut fold[(e.kind == QuoteKind::Indirect) as usize];
                    r[0] += 1;
                    r[1] += (e.rule < e.right.len() && e.right[e.rule]) as usize;
                    let ok = best(&w, e).is_some_and(|p| e.right[p]);
                    r[2] += ok as usize;
                    r[3] += e.right.iter().any(|&x| x) as usize;
                    let gated = e.feats.len() == 1 && e.feats[0].is_empty();
                    let cls = if gated { if ok { "gated right" } else { "gated wrong" } } else if ok { "ranked right" } else if e.right.iter().any(|&x| x) { "ranked wrong, right among candidates" } else { "ranked wrong, right not a candidate" };
                    if std::env::var_os("MARSAD_ERRORS").is_some() && gated && !ok {
                        eprintln!("GATED {:?} {}", e.kind, e.said);
                    }
                    *classes.entry(format!("{:?} {cls}", e.kind)).or_insert(0usize) += 1;
                }
                let a = |x: usize, n: usize| if n > 0 { x as f64 / n as f64 } else { 0.0 };
                println!(
                    "fold {f}: direct {} rules {:.3} ranker {:.3} (candidates hold it {:.3})  indirect {} rules {:.3} ranker {:.3} ({:.3})",
                    fold[0][0], a(fold[0][1], fold[0][0]), a(fold[0][2], fold[0][0]), a(fold[0][3], fold[0][0]),
                    fold[1][0], a(fold[1][1], fold[1][0]), a(fold[1][2], fold[1][0]), a(fold[1][3], fold[1][0]),
                );
                for (t, x) in tot.iter_mut().zip(fold) {
                    for (a, b) in t.iter_mut().zip(x) {
                        *a += b;
                    }
                }
            }
            let a = |x: usize, n: usize| if n > 0 { x as f64 / n as f64 } else { 0.0 };
            for (name, t) in ["direct", "indirect"].iter().zip(tot) {
                println!("{name:8}: matched {}  speaker accuracy rules {:.3}  ranker {:.3}  (right speaker among the candidates {:.3})", t[0], a(t[1], t[0]), a(t[2], t[0]), a(t[3], t[0]));
            }
            for (c, n) in &classes {
                println!("  {c}: {n}");
            }
            let shared_root = cfg.shared.parent().unwrap_or(Path::new(".")).to_path_buf();
            for (name, out) in [("rules alone", &rules), ("rules + ranker", &ranked)] {
                let o = std::process::Command::new("python3").arg(shared_root.join("tools/score.py")).arg("docs").arg(&dir).arg(out).output().map_err(|e| format!("cannot run python3: {e}"))?;
                println!("score.py docs, {name} ({}):", out.display());
                for l in String::from_utf8_lossy(&o.stdout).lines().filter(|l| l.starts_with("quote")) {
                    println!("  {l}");
                }
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn speaker_ok_follows_score_py() {
        let gold = vec!["سيرغي لافروف".to_string(), "لافروف".to_string()];
        assert!(speaker_ok("ولافروف", "لافروف", &gold));
        assert!(speaker_ok("الوزير", "وزير الخارجية سيرغي لافروف", &gold));
        assert!(speaker_ok("لافروفٍ", "", &gold));
        assert!(!speaker_ok("بيسكوف", "ديمتري بيسكوف", &gold));
        assert!(!speaker_ok("لافروفي", "", &gold));
    }

    #[test]
    fn the_ranker_learns_the_right_candidate() {
        // Feature 1 marks the right candidate, 2 and 3 the wrong ones, 9 is on all of them.
        let exs: Vec<Example> = (0..40)
            .map(|i| Example { doc: i, kind: QuoteKind::Direct, feats: vec![vec![2, 9], vec![1, 9], vec![3, 9]], right: vec![false, true, false], rule: 0, said: String::new() })
            .collect();
        let refs: Vec<&Example> = exs.iter().collect();
        let w = train(&refs);
        assert!(w[1] > 0.0 && w[2] < 0.0 && w[3] < 0.0);
        assert_eq!(best(&w, &exs[0]), Some(1));
        assert_eq!(train(&refs), w, "training is deterministic");
        // The model file holds the non-zero weights only, in bucket order.
        let b = model_bytes(&w);
        assert_eq!((b.len() - MAGIC.len()) % 8, 0);
        assert_eq!(&b[MAGIC.len()..MAGIC.len() + 4], &1u32.to_le_bytes());
    }
}
