//! Tests of the training tool: corpus reading, the model writer, and that the CRF it trains is
//! deterministic and learns what the annotation says.

use crate::corpus::{conll_seq, Seq};
use crate::learn::fit;
use crate::write::model_bytes;
use crate::Config;
use marsad::ner::features::{extract, SeqFeatures};
use marsad::ner::model::{Lexicon, Model, Weights, WordInfo, F_GIVEN, P_ORG};
use marsad::ner::tags::{LATENT_O, NTAGS};
use marsad::ner::recognize_with;
use marsad::{Doc, Label};

fn lex() -> Lexicon {
    let w = |f: u8| WordInfo { cluster: 3, coarse: 2, freq: f, flags: 0, pctx: 0, art: 0, lctx: 0 };
    Lexicon::new(
        vec![
            ("سوريه".to_string(), w(12)),
            ("وسوريه".to_string(), w(6)),
            ("موسكو".to_string(), w(11)),
            ("فيصل".to_string(), WordInfo { flags: F_GIVEN, ..w(9) }),
            ("يصل".to_string(), w(10)),
        ],
        vec![("الامم المتحده".to_string(), P_ORG)],
    )
}

fn empty_model(lex: Lexicon) -> Model {
    Model { lex, weights: Weights::default(), trans: [[0.0; NTAGS]; NTAGS], start: [0.0; NTAGS] }
}

/// The shipped settings, with few L-BFGS iterations (the tiny corpora converge quickly).
fn cfg() -> Config {
    Config { crf_iters: 30, max_features: 10_000, ..Config::default() }
}

#[test]
fn model_round_trips_bit_for_bit() {
    let row = |v: &[i8]| -> [i8; NTAGS] { std::array::from_fn(|i| v.get(i).copied().unwrap_or(0)) };
    let rows: Vec<(u32, [i8; NTAGS])> = vec![(7, row(&[1, -2, 3, 0, 0, 0, 0, 0, 127, 0, 0, 0, 0, 0, 0, 0, -9])), (1 << 30, row(&[-127, 0, 0, 0, 5, 0, 0, 0, 1]))];
    let mut m = empty_model(lex());
    m.weights = Weights::from_rows(&rows, 0.5);
    m.trans[0][1] = -1.5;
    let bytes = model_bytes(&m);
    let back = Model::from_bytes(&bytes).expect("parses");
    assert_eq!(model_bytes(&back), bytes);
    assert_eq!(back.weights.get(7), Some(rows[0].1));
    assert_eq!(back.weights.get(8), None);
    assert_eq!(back.lex.get("موسكو").map(|w| w.freq), Some(11));
    assert!(Model::from_bytes(&bytes[..bytes.len() - 3]).is_none());
    assert!(Model::from_bytes(b"").is_none());
}

#[test]
fn shipped_model_round_trips_bit_for_bit() {
    // The embedded model is read in place (Model::from_static); the writer must still give back
    // exactly its bytes from what the reader exposes.
    let bytes = include_bytes!("../../model/ner.bin");
    let m = Model::from_static(bytes).expect("model/ner.bin parses");
    assert!(model_bytes(&m) == bytes[..]);
    assert_eq!(m.lex.len(), m.lex.entries().len());
}

fn tiny_corpus() -> Vec<Seq> {
    let s = |words: &[(&str, &str)]| conll_seq(&words.iter().map(|(w, t)| (w.to_string(), t.to_string())).collect::<Vec<_>>());
    let mut out = Vec::new();
    for name in ["لافروف", "بوتين", "ماكرون", "اردوغان"] {
        out.push(s(&[("قال", "O"), (name, "B-PERS"), ("في", "O"), ("موسكو", "B-LOC")]));
        out.push(s(&[("زار", "O"), (name, "B-PERS"), ("سورية", "B-LOC"), ("امس", "O")]));
    }
    out
}

#[test]
fn tiny_training_is_deterministic_and_learns() {
    let l = lex();
    let train = |seqs: &[Seq]| {
        let f: Vec<SeqFeatures> = seqs.iter().map(|s| extract(&s.src, &s.toks, &l, &[])).collect();
        let all: Vec<(&SeqFeatures, &[u8])> = f.iter().zip(seqs).map(|(f, s)| (f, s.tags.as_slice())).collect();
        fit(&all, &cfg())
    };
    let c = tiny_corpus();
    let (a, b) = (train(&c), train(&c));
    assert_eq!(a.0.rows(), b.0.rows());
    assert_eq!(a.1, b.1);
    let mut m = empty_model(lex());
    (m.weights, m.trans, m.start) = a;
    let text = "قال بوتين في موسكو";
    let got: Vec<(&str, Label)> = recognize_with(&m, &Doc::new(text)).iter().map(|x| (&text[x.span.clone()], x.label)).collect();
    assert_eq!(got, [("بوتين", Label::PER), ("موسكو", Label::LOC)]);
}

#[test]
fn conll_sequences_follow_our_tokens() {
    let s = conll_seq(&[("(د".to_string(), "B-ORG".to_string()), ("ب".to_string(), "I-ORG".to_string()), ("قال".to_string(), "O".to_string())]);
    let words: Vec<&str> = s.toks.iter().map(|t| t.text(&s.src)).collect();
    assert_eq!(words, ["(", "د", "ب", "قال"]);
    assert_eq!(s.tags, [5, 6, 6, 0]);
}

#[test]
fn conll_scores_match_the_scorer_rules() {
    let sents = vec![vec![("زار".to_string(), "O".to_string()), ("سيرغي".to_string(), "B-PERS".to_string()), ("لافروف".to_string(), "I-PERS".to_string())], vec![("موسكو".to_string(), "B-LOC".to_string())]];
    let text = "زار سيرغي لافروف\nموسكو";
    // Right PER; LOC with the wrong label.
    let ents = vec![(7, text.find('\n').unwrap(), Label::PER), (text.find('\n').unwrap() + 1, text.len(), Label::ORG)];
    let res = crate::eval::conll_score(&sents, text, &ents);
    let get = |k: &str| res.iter().find(|r| r.0 == k).map(|r| (r.1.p, r.1.r, r.1.f1)).unwrap();
    assert_eq!(get("PER"), (1.0, 1.0, 1.0));
    assert_eq!(get("LOC"), (0.0, 0.0, 0.0));
    assert_eq!(get("micro_PER_LOC_ORG"), (0.5, 0.5, 0.5));
}

#[test]
fn latent_news_tags_do_not_unlearn_misc() {
    // ANERcorp-style sequences tag the currency as MISC; news-style ones leave it O, as
    // news-train does. Trained as hard O the news outvotes the MISC; as latent O-or-MISC it does not.
    let l = lex();
    let s = |words: &[(&str, &str)]| conll_seq(&words.iter().map(|(w, t)| (w.to_string(), t.to_string())).collect::<Vec<_>>());
    let mut seqs = Vec::new();
    for name in ["لافروف", "بوتين"] {
        seqs.push(s(&[("دفع", "O"), (name, "B-PERS"), ("مليون", "O"), ("يورو", "B-MISC")]));
    }
    let news: Vec<Seq> = (0..6).map(|_| s(&[("دفع", "O"), ("بوتين", "B-PERS"), ("مليون", "O"), ("يورو", "O")])).collect();
    let tagged = |latent: bool| {
        let mut tags: Vec<Vec<u8>> = seqs.iter().map(|q| q.tags.clone()).collect();
        tags.extend(news.iter().map(|q| q.tags.iter().map(|&t| if t == 0 && latent { LATENT_O } else { t }).collect()));
        let f: Vec<SeqFeatures> = seqs.iter().chain(&news).map(|q| extract(&q.src, &q.toks, &l, &[])).collect();
        let all: Vec<(&SeqFeatures, &[u8])> = f.iter().zip(&tags).map(|(f, t)| (f, t.as_slice())).collect();
        let mut m = empty_model(lex());
        (m.weights, m.trans, m.start) = fit(&all, &cfg());
        let text = "دفع بوتين مليون يورو";
        recognize_with(&m, &Doc::new(text)).iter().map(|x| (text[x.span.clone()].to_string(), x.label)).collect::<Vec<_>>()
    };
    assert!(!tagged(false).iter().any(|x| x.1 == Label::MISC));
    assert!(tagged(true).contains(&("يورو".to_string(), Label::MISC)));
}

#[test]
fn organization_evidence_from_news() {
    // A tiny ANT corpus: names after head nouns, a coordination that is no name, an alias in
    // parentheses, and a name used without its head.
    let mut lines = Vec::new();
    let mut art = |text: String| lines.push(serde_json::json!({"docno": format!("d{}", lines.len()), "title": "خبر", "text": text}).to_string());
    for k in 0..12 {
        art(format!("فاز حزب العدالة والتنمية . ثم قال {k}"));
        art("وقالت العدالة والتنمية إنها فازت .".to_string());
    }
    for _ in 0..10 {
        art("اتفق الاتحاد الأوروبي والولايات المتحدة .".to_string());
    }
    for _ in 0..40 {
        art("قرر الاتحاد الأوروبي .".to_string());
    }
    for _ in 0..3 {
        art("أعلن الاتحاد الدولي لكرة القدم (فيفا) .".to_string());
    }
    let dir = std::env::temp_dir().join(format!("marsad-orgs-test-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("news")).unwrap();
    let mut xz = Vec::new();
    lzma_rs::xz_compress(&mut std::io::Cursor::new(lines.join("\n")), &mut xz).unwrap();
    std::fs::write(dir.join("news/ant-multisource-v2.1.jsonl.xz"), xz).unwrap();
    let cfg = Config { shared: dir.clone(), cache: dir.join("cache"), ..Config::default() };
    let news = crate::news::NewsStats { words: Default::default(), ctx: Default::default() };
    let o = crate::orgs::org_evidence(&cfg, &news).unwrap();
    let has = |v: &[String], s: &str| v.iter().any(|x| x == &marsad::text::normalize(s));
    assert!(has(&o.phrases, "حزب العدالة والتنمية"), "{:?}", o.phrases);
    assert!(has(&o.phrases, "الاتحاد الأوروبي"));
    assert!(!has(&o.phrases, "الاتحاد الأوروبي والولايات"), "a coordination in a quarter of the cases is not a name");
    assert!(has(&o.phrases, "الاتحاد الدولي لكرة القدم"), "the name before a parenthesized alias");
    assert!(has(&o.words, "فيفا"), "{:?}", o.words);
    assert!(has(&o.tails, "العدالة والتنمية"), "{:?}", o.tails);
    // The cache gives back the same evidence.
    let again = crate::orgs::org_evidence(&cfg, &news).unwrap();
    assert_eq!((again.phrases, again.words, again.tails), (o.phrases, o.words, o.tails));
    let _ = std::fs::remove_dir_all(&dir);
}
