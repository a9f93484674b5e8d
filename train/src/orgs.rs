//! Organization evidence mined from the unlabeled news (the ANT corpus): multi-word names that
//! start with an organization head noun (شركة، وزارة، هيئة، حزب ...) and recur as a unit, with
//! their extent chosen by how often the longer string recurs, and the aliases written in
//! parentheses after such a name (الاتحاد الدولي لكرة القدم (فيفا), ... (OPCW)). The names become
//! ORG phrases of the model's phrase lexicon (B/I-position features), the aliases an ORG word flag.
//! Deterministic (sorted maps), cached in `target/ner-cache`.

use crate::news::{ant_articles, ant_json, NewsStats};
use crate::wordlists;
use crate::Config;
use marsad::hash::FxMap;
use marsad::ner::features::feature_stem;
use marsad::ner::model::{Lexicon, WordInfo};
use marsad::text::{normalize, tokenize, TokKind};
use std::collections::BTreeSet;
use std::time::Instant;

/// Head nouns of organization names (written as in the text; normalized when used).
const HEADS: &[&str] = &[
    "شركة", "وزارة", "هيئة", "حزب", "جامعة", "نادي", "منظمة", "مجلس", "بنك", "مصرف", "صندوق", "محكمة", "وكالة",
    "مؤسسة", "جبهة", "حركة", "اتحاد", "جمعية", "معهد", "لجنة", "تنظيم", "قناة", "صحيفة", "جريدة", "مجلة", "إذاعة",
    "تلفزيون", "نقابة", "رابطة", "أكاديمية", "منتخب", "مستشفى", "مكتب", "سلطة", "مفوضية", "جهاز", "كلية", "مجمع",
    "تحالف", "ائتلاف", "بورصة", "مركز", "مجموعة", "فريق", "شبكة", "ديوان", "جيش", "قوات", "الأمم", "الاتحاد",
    "الجيش", "القوات", "الحرس", "الشرطة", "البرلمان", "الكونغرس", "الكنيست", "المجلس", "البنك", "المصرف",
    "الصندوق", "الهيئة", "المنظمة", "الحزب", "الحركة", "الجبهة", "التحالف", "الائتلاف", "المنتخب", "الشركة",
    "المؤسسة", "الوكالة", "اللجنة", "الجامعة", "النادي", "المركز", "المحكمة", "الجمعية", "المعهد", "التنظيم",
    "جماعة", "الجماعة",
];
/// Words a name extends over after its head, at most.
const MAX_TAIL: usize = 5;
/// A head phrase is kept when it occurs this often ...
const MIN_COUNT: u32 = 10;
/// ... and, when longer than head + one word, in this share of the occurrences of its prefix
/// (a larger share for a last word joined by و, which is more often a second name: الاتحاد
/// الأوروبي والولايات المتحدة).
const MIN_SHARE: f32 = 0.1;
const MIN_SHARE_JOINED: f32 = 0.3;
/// A name written before a parenthesized alias is kept when seen this often that way, and the
/// alias when seen this often.
const MIN_PAREN: u32 = 3;
const MIN_ALIAS: u32 = 2;

/// What the news says about organizations: phrases (normalized words joined by spaces) and
/// single words (aliases).
#[derive(Default)]
pub struct OrgEvidence {
    pub phrases: Vec<String>,
    pub words: Vec<String>,
    /// Names without their head (العدالة والتنمية of حزب العدالة والتنمية) that recur bare.
    pub tails: Vec<String>,
}

pub fn org_evidence(cfg: &Config, news: &NewsStats) -> Result<OrgEvidence, String> {
    let cache = cfg.cache.join(format!("orgs4-{MAX_TAIL}-{MIN_COUNT}-{MIN_SHARE}-{MIN_SHARE_JOINED}-{MIN_PAREN}-{MIN_ALIAS}.tsv"));
    if let Ok(s) = std::fs::read_to_string(&cache) {
        let (mut phrases, mut words, mut tails) = (Vec::new(), Vec::new(), Vec::new());
        for l in s.lines() {
            match l.split_once('\t') {
                Some(("P", p)) => phrases.push(p.to_string()),
                Some(("W", w)) => words.push(w.to_string()),
                Some(("T", w)) => tails.push(w.to_string()),
                _ => {}
            }
        }
        eprintln!("organization evidence: {} phrases, {} aliases, {} bare names from cache {}", phrases.len(), words.len(), tails.len(), cache.display());
        return Ok(OrgEvidence { phrases, words, tails });
    }
    let t0 = Instant::now();
    // The stems are cut as the tagger cuts them: against the news words (all have count ≥ 2).
    let stem_lex = Lexicon::new(news.words.iter().map(|(w, &(n, _, _))| (w.clone(), WordInfo { freq: (32 - n.leading_zeros()) as u8, ..Default::default() })).collect(), Vec::new());
    let heads: BTreeSet<String> = HEADS.iter().map(|h| normalize(h)).collect();
    let stop: BTreeSet<&str> = wordlists::FUNCTION_WORDS.iter().chain(wordlists::REPORT_VERBS).copied().collect();
    let in_run = |t: &marsad::text::Token| t.kind == TokKind::Arabic && !t.line_start && !stop.contains(t.norm.as_str()) && t.norm.chars().count() >= 2;
    let mut counts: FxMap<String, u32> = FxMap::default();
    let mut paren: FxMap<String, u32> = FxMap::default();
    let mut alias: FxMap<String, u32> = FxMap::default();
    let json = ant_json(&cfg.shared)?;
    for a in ant_articles(&json) {
        let a = a?;
        for t in [&a.title, &a.text] {
            let toks = tokenize(t);
            let n = toks.len();
            // Where a parenthesized alias follows a run that a head started: recorded once.
            let mut alias_done = BTreeSet::new();
            for i in 0..n {
                if toks[i].kind != TokKind::Arabic {
                    continue;
                }
                let (_, stem) = feature_stem(&toks[i].norm, &stem_lex);
                if !heads.contains(stem) {
                    continue;
                }
                let mut key = stem.to_string();
                let mut j = i + 1;
                // The run stops at punctuation, a line start, a function word or reporting verb.
                // A word joined by و goes on (حزب العدالة والتنمية) but the run is then no
                // extent for a parenthesized alias (الاتحاد الأوروبي وحلف شمال الأطلسي (الناتو)).
                let mut joined = false;
                while j < n && j - i <= MAX_TAIL && in_run(&toks[j]) {
                    joined |= toks[j].norm.starts_with('و') && !feature_stem(&toks[j].norm, &stem_lex).0.is_empty();
                    key.push(' ');
                    key.push_str(&toks[j].norm);
                    *counts.entry(key.clone()).or_default() += 1;
                    j += 1;
                }
                // name ( alias ): one or two words, Arabic or Latin, right after the run.
                if !joined && j > i + 1 && j + 2 < n && toks[j].norm == "(" && !toks[j].line_start {
                    let mut e = j + 1;
                    while e < n && e <= j + 2 && matches!(toks[e].kind, TokKind::Arabic | TokKind::Latin) {
                        e += 1;
                    }
                    if e > j + 1 && e < n && toks[e].norm == ")" && alias_done.insert(j) {
                        *paren.entry(key.clone()).or_default() += 1;
                        let al: Vec<&str> = toks[j + 1..e].iter().map(|t| t.norm.as_str()).collect();
                        *alias.entry(al.join(" ")).or_default() += 1;
                    }
                }
            }
        }
    }
    let mut phrases: BTreeSet<String> = BTreeSet::new();
    // Shorter first: a name is kept only when its prefix is.
    let mut keys: Vec<(&String, u32)> = counts.iter().map(|(k, &c)| (k, c)).collect();
    keys.sort_by_key(|&(k, _)| (k.matches(' ').count(), k.clone()));
    for (k, c) in keys {
        let Some((prefix, last)) = k.rsplit_once(' ') else { continue };
        let share = if last.starts_with('و') && !feature_stem(last, &stem_lex).0.is_empty() { MIN_SHARE_JOINED } else { MIN_SHARE };
        let keep = if !prefix.contains(' ') { c >= MIN_COUNT } else { c >= MIN_COUNT && phrases.contains(prefix) && c as f32 >= share * counts.get(prefix).copied().unwrap_or(0) as f32 };
        if keep {
            phrases.insert(k.clone());
        }
    }
    for (k, &c) in &paren {
        if c >= MIN_PAREN {
            phrases.insert(k.clone());
        }
    }
    // Directions and roles are not aliases (مدينة ... (شمال)).
    let not_alias: BTreeSet<&str> = wordlists::PLACE_HEADS.iter().chain(wordlists::PERSON_TRIGGERS).copied().chain(["وسط", "يمين", "يسار", "سابقا"]).collect();
    let mut words: BTreeSet<String> = BTreeSet::new();
    for (k, &c) in &alias {
        if c < MIN_ALIAS || stop.contains(k.as_str()) || not_alias.contains(k.as_str()) || k.chars().count() < 2 {
            continue;
        }
        if k.contains(' ') {
            phrases.insert(k.clone());
        } else {
            words.insert(k.clone());
        }
    }
    // Names without their head: the words after the head of a kept name of 3+ words, when they
    // do not start with a head or a proclitic ل (للطاقة الذرية), counted where no head precedes.
    let mut tails: FxMap<String, u32> = FxMap::default();
    for p in &phrases {
        if let Some((_, tail)) = p.split_once(' ') {
            let first = tail.split(' ').next().unwrap_or("");
            if tail.contains(' ') && !heads.contains(first) && !first.starts_with('ل') {
                tails.insert(tail.to_string(), 0);
            }
        }
    }
    let max_words = tails.keys().map(|t| t.split(' ').count()).max().unwrap_or(0);
    for a in ant_articles(&json) {
        let a = a?;
        for t in [&a.title, &a.text] {
            let toks = tokenize(t);
            for i in 1..toks.len() {
                if !in_run(&toks[i]) || (toks[i - 1].kind == TokKind::Arabic && heads.contains(feature_stem(&toks[i - 1].norm, &stem_lex).1)) {
                    continue;
                }
                let mut key = feature_stem(&toks[i].norm, &stem_lex).1.to_string();
                let mut j = i + 1;
                while j < toks.len() && j - i < max_words && in_run(&toks[j]) {
                    key.push(' ');
                    key.push_str(&toks[j].norm);
                    if let Some(c) = tails.get_mut(&key) {
                        *c += 1;
                    }
                    j += 1;
                }
            }
        }
    }
    drop(json);
    let tails: BTreeSet<String> = tails.into_iter().filter(|&(_, c)| c >= MIN_COUNT).map(|(t, _)| t).filter(|t| !phrases.contains(t)).collect();
    let mut s = String::new();
    for p in &phrases {
        s.push_str(&format!("P\t{p}\n"));
    }
    for w in &words {
        s.push_str(&format!("W\t{w}\n"));
    }
    for t in &tails {
        s.push_str(&format!("T\t{t}\n"));
    }
    std::fs::create_dir_all(&cfg.cache).ok();
    std::fs::write(&cache, s).ok();
    eprintln!("organization evidence: {} phrases, {} aliases, {} bare names mined in {:.1}s", phrases.len(), words.len(), tails.len(), t0.elapsed().as_secs_f32());
    Ok(OrgEvidence { phrases: phrases.into_iter().collect(), words: words.into_iter().collect(), tails: tails.into_iter().collect() })
}
