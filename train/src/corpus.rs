//! Training and evaluation data: ANERcorp CoNLL sentences and annotated articles (gold JSON) as
//! tagged sequences of marsad's own tokens.

use marsad::ner::tags::{Bio, MISC};
use marsad::ner::BLOCK_LINES;
use marsad::Label;
use marsad::text::{tokenize, Token};
use serde::Deserialize;
use std::io::{BufRead, BufReader};
use std::path::Path;

/// An annotated article: name, text, gold entities as byte spans (start, end, label, optional).
pub type Article = (String, String, Vec<(usize, usize, String, bool)>);

/// One training sequence: tokens of one sentence or paragraph, with gold tags.
pub struct Seq {
    /// Document-context block: lines of one text, [`BLOCK_LINES`] at a time.
    pub block: u64,
    pub src: String,
    pub toks: Vec<Token>,
    pub tags: Vec<u8>,
    /// Per token: inside an optional gold span (news-train); empty for ANERcorp.
    pub opt: Vec<bool>,
}

/// The BIO tag of a label (as ANERcorp or a gold file spells it; unknown labels are MISC) at
/// the beginning of an entity or inside it.
pub fn tag_of(label: &str, begin: bool) -> u8 {
    Bio::new(Label::parse_name(label).map_or(MISC, |l| l as usize), begin).0
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

/// The parts of a gold file (../shared/ANNOTATION.md) that training reads.
#[derive(Deserialize)]
struct GoldFile {
    entities: Vec<GoldEntity>,
}

#[derive(Deserialize)]
struct GoldEntity {
    /// Code-point offsets.
    start: usize,
    end: usize,
    label: String,
    #[serde(default)]
    optional: bool,
}

/// Gold entities of an annotated article, as byte spans: (start, end, label, optional). Labels
/// other than PER, LOC, ORG, MISC (dates, numbers) are not the recognizer's and are left out.
pub fn read_gold(text: &str, gold_path: &Path) -> Result<Vec<(usize, usize, String, bool)>, String> {
    let raw = std::fs::read_to_string(gold_path).map_err(|e| format!("cannot read {}: {e}", gold_path.display()))?;
    let g: GoldFile = serde_json::from_str(&raw).map_err(|e| format!("{}: {e}", gold_path.display()))?;
    let mut cp2b: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
    cp2b.push(text.len());
    let mut out = Vec::new();
    for e in g.entities {
        if e.start >= e.end || e.end >= cp2b.len() {
            return Err(format!("{}: entity {}..{} is outside the text", gold_path.display(), e.start, e.end));
        }
        let Some(lab) = Label::parse_name(&e.label) else { continue };
        out.push((cp2b[e.start], cp2b[e.end], lab.as_str().to_string(), e.optional));
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
                if let Some(l) = Bio(*t0).label() {
                    *t0 = Bio::new(l, true).0;
                }
            }
            let block = doc_id * 10_000 + (out.len() / BLOCK_LINES) as u64;
            out.push(Seq { block, src: text.to_string(), toks: toks[a..i].to_vec(), tags: tg, opt: opt[a..i].to_vec() });
            a = i;
        }
    }
    out
}

/// The news-train articles (../shared/data/news-train), by name.
pub fn news_train_docs(shared: &Path) -> Result<Vec<Article>, String> {
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

/// The annotation-pool articles annotated in this repo (`annotation/gold/NAME.gold.json`, built by
/// annotation/annotate.py), with their texts from the ANT corpus, by name.
pub fn pool_docs(shared: &Path, gold_dir: &Path) -> Result<Vec<Article>, String> {
    let Ok(rd) = std::fs::read_dir(gold_dir) else { return Ok(Vec::new()) };
    let mut names: Vec<String> = rd.filter_map(|e| e.ok()?.file_name().into_string().ok()).filter_map(|n| n.strip_suffix(".gold.json").map(str::to_string)).collect();
    names.sort();
    let texts = crate::news::ant_texts(shared, &names.iter().cloned().collect())?;
    names
        .into_iter()
        .map(|n| {
            let text = texts.get(&n).cloned().ok_or_else(|| format!("{n} is not in the ANT corpus"))?;
            let gold = read_gold(&text, &gold_dir.join(format!("{n}.gold.json")))?;
            Ok((n, text, gold))
        })
        .collect()
}

/// An annotated news article and where it comes from.
pub struct NewsDoc {
    pub article: Article,
    /// From the annotation pool (annotated in this repo), not news-train.
    pub pool: bool,
}

/// Every annotated news article: news-train, then the annotated pool articles, by name.
pub fn news_docs(cfg: &crate::Config) -> Result<Vec<NewsDoc>, String> {
    let mut out: Vec<NewsDoc> = news_train_docs(&cfg.shared)?.into_iter().map(|article| NewsDoc { article, pool: false }).collect();
    out.extend(pool_docs(&cfg.shared, &cfg.pool)?.into_iter().map(|article| NewsDoc { article, pool: true }));
    Ok(out)
}
