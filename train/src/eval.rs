//! `marsad-train eval`: conlleval-style scores, computed exactly as `tools/score.py` does.

use crate::corpus::{read_conll, read_gold};
use marsad::ner::model::Model;
use marsad::{Doc, Label};
use std::collections::BTreeSet;
use std::path::Path;

/// CoNLL sentences as one text: tokens joined by spaces, sentences by newlines (what `marsad-train
/// eval --conll` analyzes, and what score.py conll expects).
pub fn conll_text(sents: &[Vec<(String, String)>]) -> String {
    sents.iter().map(|s| s.iter().map(|(w, _)| w.as_str()).collect::<Vec<_>>().join(" ")).collect::<Vec<_>>().join("\n")
}

/// Entities found by `model` in `text`, as byte spans.
pub fn entities_with(model: &Model, text: &str) -> Vec<(usize, usize, Label)> {
    let doc = Doc::new(text);
    marsad::ner::recognize_with(model, &doc).into_iter().map(|m| (m.span.start, m.span.end, m.label)).collect()
}

pub struct PRF {
    pub p: f64,
    pub r: f64,
    pub f1: f64,
    pub gold: usize,
    pub tp: usize,
    pub pred: usize,
}

pub fn prf(tp: usize, fp: usize, fn_: usize) -> (f64, f64, f64) {
    let p = if tp + fp > 0 { tp as f64 / (tp + fp) as f64 } else { 0.0 };
    let r = if tp + fn_ > 0 { tp as f64 / (tp + fn_) as f64 } else { 0.0 };
    (p, r, if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 })
}

/// A CoNLL label as the scorer names it (PERS → PER, ...); unknown labels as they are.
fn label_of(tag: &str) -> &str {
    Label::parse_name(tag).map_or(tag, |l| l.as_str())
}

fn chunks(tags: &[String], starts: &BTreeSet<usize>) -> BTreeSet<(usize, usize, String)> {
    let mut out = BTreeSet::new();
    let mut cur: Option<(usize, String)> = None;
    let o = "O".to_string();
    for i in 0..=tags.len() {
        let t = tags.get(i).unwrap_or(&o);
        let (bio, lab) = if t == "O" { ("O", "") } else { t.split_once('-').unwrap_or((t.as_str(), "")) };
        let begin = bio == "B" || (bio == "I" && (cur.as_ref().map_or(true, |c| c.1 != lab) || starts.contains(&i)));
        if cur.is_some() && (t == "O" || begin || starts.contains(&i)) {
            let (s, l) = cur.take().unwrap();
            out.insert((s, i, l));
        }
        if t != "O" && (begin || cur.is_none()) {
            cur = Some((i, lab.to_string()));
        }
    }
    out
}

/// Results per type (PER, LOC, ORG, MISC) and micro (PER/LOC/ORG, 4-class), like score.py conll.
pub fn conll_score(sents: &[Vec<(String, String)>], text: &str, ents: &[(usize, usize, Label)]) -> Vec<(String, PRF)> {
    // Token byte offsets in the joined text.
    let mut toks = Vec::new();
    let mut pos = 0;
    for (si, s) in sents.iter().enumerate() {
        for (w, _) in s {
            toks.push((pos, pos + w.len(), si));
            pos += w.len() + 1;
        }
    }
    debug_assert!(pos == text.len() + 1 || sents.is_empty());
    let mut pred = vec!["O".to_string(); toks.len()];
    let mut sorted: Vec<&(usize, usize, Label)> = ents.iter().collect();
    sorted.sort_by_key(|e| (e.0, e.1, e.2.as_str()));
    for &&(s, t, lab) in &sorted {
        let hit: Vec<usize> = (0..toks.len()).filter(|&i| toks[i].0 < t && s < toks[i].1).collect();
        if hit.is_empty() {
            continue;
        }
        let first_sent = toks[hit[0]].2;
        for (k, &i) in hit.iter().filter(|&&i| toks[i].2 == first_sent).enumerate() {
            pred[i] = format!("{}-{}", if k == 0 { "B" } else { "I" }, lab.as_str());
        }
    }
    let gold: Vec<String> = sents
        .iter()
        .flat_map(|s| s.iter())
        .map(|(_, t)| if t == "O" { t.clone() } else { let (b, l) = t.split_once('-').unwrap_or(("B", t)); format!("{b}-{}", label_of(l)) })
        .collect();
    let starts: BTreeSet<usize> = (0..toks.len()).filter(|&i| i == 0 || toks[i - 1].2 != toks[i].2).collect();
    let g = chunks(&gold, &starts);
    let p = chunks(&pred, &starts);
    let mut res = Vec::new();
    let score = |labs: &[&str]| {
        let gs: BTreeSet<_> = g.iter().filter(|c| labs.contains(&c.2.as_str())).collect();
        let ps: BTreeSet<_> = p.iter().filter(|c| labs.contains(&c.2.as_str())).collect();
        let tp = gs.intersection(&ps).count();
        let (pp, rr, ff) = prf(tp, ps.len() - tp, gs.len() - tp);
        PRF { p: pp, r: rr, f1: ff, gold: gs.len(), tp, pred: ps.len() }
    };
    for lab in ["PER", "LOC", "ORG", "MISC"] {
        res.push((lab.to_string(), score(&[lab])));
    }
    res.push(("micro_PER_LOC_ORG".to_string(), score(&["PER", "LOC", "ORG"])));
    res.push(("micro_4class".to_string(), score(&["PER", "LOC", "ORG", "MISC"])));
    res
}

pub fn print_conll(res: &[(String, PRF)]) {
    for (k, v) in res {
        println!("{k:18} P {:.3}  R {:.3}  F1 {:.3}", v.p, v.r, v.f1);
    }
}

/// Exact-match entity scores over annotated articles, like score.py docs (PER/LOC/ORG).
#[derive(Default)]
pub struct DocAcc {
    pub tp: [usize; 3],
    pub fp: [usize; 3],
    pub fn_: [usize; 3],
    /// Error examples: (kind, text, label)
    pub errors: Vec<(String, String, String)>,
}

fn core(l: &str) -> Option<usize> {
    ["PER", "LOC", "ORG"].iter().position(|&x| x == l)
}

impl DocAcc {
    pub fn add(&mut self, text: &str, gold: &[(usize, usize, String, bool)], ents: &[(usize, usize, Label)]) {
        let gs: BTreeSet<(usize, usize, String)> = gold.iter().filter(|g| !g.3).map(|g| (g.0, g.1, g.2.clone())).collect();
        let opt: Vec<(usize, usize)> = gold.iter().filter(|g| g.3).map(|g| (g.0, g.1)).collect();
        let ps: BTreeSet<(usize, usize, String)> = ents.iter().map(|e| (e.0, e.1, e.2.as_str().to_string())).collect();
        for p in &ps {
            let Some(c) = core(&p.2) else { continue };
            if gs.contains(p) {
                self.tp[c] += 1;
            } else if !opt.iter().any(|&(a, b)| a < p.1 && p.0 < b) {
                self.fp[c] += 1;
                let kind = match gs.iter().find(|g| g.0 < p.1 && p.0 < g.1) {
                    Some(g) if g.0 == p.0 && g.1 == p.1 => format!("label(gold {})", g.2),
                    Some(g) => format!("boundary(gold '{}')", &text[g.0..g.1]),
                    None => "spurious".to_string(),
                };
                self.errors.push((kind, text[p.0..p.1].to_string(), p.2.clone()));
            }
        }
        for g in &gs {
            let Some(c) = core(&g.2) else { continue };
            if !ps.contains(g) {
                self.fn_[c] += 1;
                if !ps.iter().any(|p| p.0 < g.1 && g.0 < p.1) {
                    self.errors.push(("missed".to_string(), text[g.0..g.1].to_string(), g.2.clone()));
                }
            }
        }
    }

    pub fn micro(&self) -> (f64, f64, f64) {
        prf(self.tp.iter().sum(), self.fp.iter().sum(), self.fn_.iter().sum())
    }

    pub fn print(&self) {
        for (i, l) in ["PER", "LOC", "ORG"].iter().enumerate() {
            let (p, r, f) = prf(self.tp[i], self.fp[i], self.fn_[i]);
            println!("entity {l:6} P {p:.3}  R {r:.3}  F1 {f:.3}");
        }
        let (p, r, f) = self.micro();
        println!("entity micro  P {p:.3}  R {r:.3}  F1 {f:.3}");
    }
}

/// `eval --conll FILE` | `eval --docs DIR [--errors]`
pub fn run(args: &[String]) -> Result<(), String> {
    let model = marsad::ner::model();
    match (args.first().map(String::as_str), args.get(1)) {
        (Some("--conll"), Some(path)) => {
            let sents = read_conll(Path::new(path))?;
            let text = conll_text(&sents);
            let ents = entities_with(model, &text);
            print_conll(&conll_score(&sents, &text, &ents));
            Ok(())
        }
        (Some("--docs"), Some(dir)) => {
            let mut names: Vec<String> = std::fs::read_dir(dir)
                .map_err(|e| format!("cannot read {dir}: {e}"))?
                .filter_map(|e| e.ok()?.file_name().into_string().ok())
                .filter(|n| n.ends_with(".gold.json"))
                .collect();
            names.sort();
            let mut acc = DocAcc::default();
            for n in &names {
                let stem = n.trim_end_matches(".gold.json");
                let text = std::fs::read_to_string(Path::new(dir).join(format!("{stem}.txt"))).map_err(|e| e.to_string())?;
                let gold = read_gold(&text, &Path::new(dir).join(n))?;
                acc.add(&text, &gold, &entities_with(model, &text));
            }
            println!("documents: {}", names.len());
            acc.print();
            if args.iter().any(|a| a == "--errors") {
                for (k, t, l) in &acc.errors {
                    println!("{k}\t{l}\t{t}");
                }
            }
            Ok(())
        }
        _ => Err("usage: marsad-train eval --conll FILE | --docs DIR [--errors]".to_string()),
    }
}
