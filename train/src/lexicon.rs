//! Builds the model's lexicon: every news word with its clusters, frequency and context ratios,
//! and flags from the name list, the country, territory and city gazetteers, and the trigger word
//! lists; multi-word names as phrases.

use crate::corpus::Seq;
use crate::news::NewsStats;
use crate::wordlists;
use crate::Config;
use marsad::hash::FxMap;
use marsad::ner::model::*;
use marsad::text::{normalize, tokenize, TokKind};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

fn norm_words(s: &str) -> String {
    tokenize(s).iter().filter(|t| t.kind != TokKind::Punct || t.norm == "-").map(|t| t.norm.as_str()).collect::<Vec<_>>().join(" ")
}

const ARAB_COUNTRIES: &[&str] = &[
    "DZ", "BH", "KM", "DJ", "EG", "IQ", "JO", "KW", "LB", "LY", "MR", "MA", "OM", "PS", "QA", "SA", "SO", "SD", "SY", "TN", "AE", "YE",
];

pub fn build_lexicon(cfg: &Config, news: &NewsStats, train: &[Seq]) -> Result<Lexicon, String> {
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
    let func: BTreeSet<&str> = wordlists::FUNCTION_WORDS.iter().copied().collect();
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
    // Organizations mined from the news: multi-word names as ORG phrases (where no place phrase
    // has the same words), names without their head as a phrase kind of their own,
    // parenthesized aliases as an ORG word flag.
    let orgs = if cfg.no_orgs { crate::orgs::OrgEvidence::default() } else { crate::orgs::org_evidence(cfg, news)? };
    for p in orgs.phrases {
        phrases.entry(p).or_insert(P_ORG);
    }
    for t in orgs.tails {
        phrases.entry(t).or_insert(P_ORG_BARE);
    }
    for w in &orgs.words {
        if !func.contains(w.as_str()) && !mostly_o(w) {
            flag(&mut words, w, F_ORG_PHRASE);
        }
    }
    for w in wordlists::PERSON_TRIGGERS {
        flag(&mut words, w, F_TITLE);
    }
    for w in wordlists::REPORT_VERBS {
        flag(&mut words, w, F_REPORT);
    }
    for w in wordlists::ORG_HEADS {
        flag(&mut words, w, F_ORGHEAD);
    }
    for w in wordlists::FUNCTION_WORDS {
        flag(&mut words, w, F_FUNC);
    }
    Ok(Lexicon::new(words.into_iter().collect(), phrases.into_iter().collect()))
}

fn read_json(p: &Path) -> Result<serde_json::Value, String> {
    serde_json::from_str(&std::fs::read_to_string(p).map_err(|e| format!("cannot read {}: {e}", p.display()))?)
        .map_err(|e| format!("{}: {e}", p.display()))
}
