//! Unit tests of the recognizer: feature keys and stems, BIOES and latent tags, proclitic
//! trimming, the shipped model, and that the per-text and cross-call caches give the full result.

use super::features::{extract, feature_stem, SeqFeatures};
use super::model::{viterbi, Lexicon, Model, Weights, WordInfo, F_GIVEN};
use super::tags::{allowed, bio_to_bioes, latent_allows, Tag, LATENT_O, LATENT_OPT, NTAGS};
use super::*;
use crate::text::tokenize;

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
        vec![("الامم المتحده".to_string(), model::P_ORG)],
    )
}

fn empty_model(lex: Lexicon) -> Model {
    Model { lex, weights: Weights::default(), trans: [[0.0; NTAGS]; NTAGS], start: [0.0; NTAGS] }
}

fn feats(text: &str, lex: &Lexicon) -> SeqFeatures {
    let toks = tokenize(text);
    extract(text, &toks, lex, &[])
}

#[test]
fn features_are_deterministic_and_context_sensitive() {
    let l = lex();
    let a = feats("قال فيصل في موسكو", &l);
    let b = feats("قال فيصل في موسكو", &l);
    assert_eq!(a.feats, b.feats);
    assert_eq!(a.len(), 4);
    // The same word in another context shares its own features but not all of them.
    let c = feats("زار فيصل موسكو", &l);
    let (x, y) = (a.of(1), c.of(1));
    assert!(x.iter().filter(|k| y.contains(k)).count() > x.len() / 2);
    assert_ne!(x, y);
    // على ("on") and علي ("Ali") normalize alike but keep one feature apart.
    let on = feats("على", &l);
    let ali = feats("علي", &l);
    assert_ne!(on.of(0), ali.of(0));
    assert!(on.of(0).iter().filter(|k| ali.of(0).contains(k)).count() >= on.of(0).len() - 2);
}

#[test]
fn feature_stems_strip_known_proclitics_only() {
    let l = lex();
    assert_eq!(feature_stem("وسوريه", &l), ("و", "سوريه"));
    assert_eq!(feature_stem("بالعراق", &l), ("ب", "العراق"));
    assert_eq!(feature_stem("وليد", &l), ("", "وليد"));
}

#[test]
fn proclitics_stay_outside_entity_spans() {
    let m = empty_model(lex());
    let cut = |w: &'static str| -> &'static str { &w[proclitic_cut(&m, w)..] };
    assert_eq!(cut("وسورية"), "سورية");
    assert_eq!(cut("بالعراق"), "العراق");
    assert_eq!(cut("للأمم"), "لأمم");
    assert_eq!(cut("لـروسيا"), "روسيا");
    // A name that starts like a proclitic keeps its letter.
    assert_eq!(cut("فيصل"), "فيصل");
    assert_eq!(cut("موسكو"), "موسكو");
}

#[test]
fn bioes_tags_convert_both_ways() {
    // O B-PER I-PER I-PER O B-LOC B-LOC I-ORG (a stray I counts as a B)
    let bio = [0u8, 1, 2, 2, 0, 3, 3, 6];
    let bioes = bio_to_bioes(&bio);
    assert_eq!(bioes, vec![0, 1, 2, 3, 0, 8, 8, 12]);
    let back: Vec<u8> = bioes.iter().map(|&t| Tag(t).to_bio().0).collect();
    assert_eq!(back, vec![0, 1, 2, 2, 0, 3, 3, 5]);
    // Decoding never leaves an entity open or starts one inside.
    let mut em = vec![[0f32; NTAGS]; 3];
    em[0][1] = 5.0; // B-PER, then nothing to continue it
    em[2][2] = 9.0; // I-PER with no B before it
    let tags = viterbi(&em, &[[0.0; NTAGS]; NTAGS], &[0.0; NTAGS]);
    for (i, &t) in tags.iter().enumerate() {
        assert!(allowed(if i == 0 { None } else { Some(tags[i - 1] as usize) }, t as usize), "{tags:?}");
    }
    assert!(matches!(tags[2] as usize, 0 | 3 | 4 | 7 | 8 | 11 | 12 | 15 | 16), "{tags:?}");
}

#[test]
fn latent_tags_allow_what_the_annotation_leaves_open() {
    // news-train: O (may be MISC), B-ORG I-ORG of an optional span, B-PER of a sure one.
    let bioes = bio_to_bioes(&[LATENT_O, 5 | LATENT_OPT, 6 | LATENT_OPT, 1]);
    assert_eq!(bioes, vec![LATENT_O, 9 | LATENT_OPT, 11 | LATENT_OPT, 4]);
    let allows = |g: u8| (0..NTAGS).filter(|&t| latent_allows(g, t)).collect::<Vec<_>>();
    assert_eq!(allows(LATENT_O), vec![0, 13, 14, 15, 16]);
    assert_eq!(allows(9 | LATENT_OPT), vec![0, 9, 13, 14, 15, 16]);
    assert_eq!(allows(4), vec![4]);
    assert_eq!(allows(0), vec![0]);
}






#[test]
fn shipped_model_finds_entities_without_proclitics() {
    let found = |text: &'static str| -> Vec<(&'static str, Label)> { recognize(&Doc::new(text)).iter().map(|m| (&text[m.span.clone()], m.label)).collect() };
    let f = found("وقال وزير الخارجية الروسي سيرغي لافروف في موسكو إن روسيا تدعم الأمم المتحدة وسورية في الحرب.");
    assert!(f.contains(&("سيرغي لافروف", Label::PER)), "{f:?}");
    assert!(f.contains(&("موسكو", Label::LOC)), "{f:?}");
    // (After the organization-run feature, this sentence's وسورية, two words after الأمم, is
    // no longer tagged; the proclitic case is checked on its own below.)
    let f = found("وقال لافروف إن روسيا تدعم العراق وسورية في الحرب.");
    assert!(f.contains(&("سورية", Label::LOC)), "{f:?}");
    let f = found("وزار لافروف دمشق وبغداد والقاهرة أمس.");
    assert!(f.contains(&("بغداد", Label::LOC)) && f.contains(&("القاهرة", Label::LOC)), "{f:?}");
    let f = found("وقال لافروف للأمم المتحدة إن روسيا لن تتراجع.");
    assert!(f.contains(&("لأمم المتحدة", Label::ORG)), "{f:?}");
    // Spans never overlap and come in text order.
    let m = recognize(&Doc::new("وزار لافروف دمشق وبغداد والقاهرة أمس."));
    assert!(m.windows(2).all(|w| w[0].span.end <= w[1].span.start));
}

#[test]
fn cached_emissions_equal_full_feature_emissions() {
    let m = model();
    let text = "وقال وزير الخارجية الروسي سيرغي لافروف في موسكو إن روسيا تدعم الأمم المتحدة.\nوقال لافروف إن موسكو لن تتراجع، وأكد بوتين ذلك على الفور.";
    let toks = tokenize(text);
    let mut cache = features::StaticCache::default();
    for line in [&toks[..16], &toks[16..]] {
        let facts: Vec<_> = line.iter().map(|t| features::tok_facts(t, &m.lex)).collect();
        let bits = features::context_bits(&[&facts]).remove(0);
        let fast = features::emissions_cached(text, line, &m.lex, &facts, &bits, &m.weights, &mut cache);
        let full = m.emissions(&features::extract(text, line, &m.lex, &bits));
        assert_eq!(fast, full);
    }
}

#[test]
fn caches_across_calls_do_not_change_the_output() {
    let a = "وقال وزير الخارجية الروسي سيرغي لافروف في موسكو إن روسيا تدعم الأمم المتحدة.";
    let b = "وزار لافروف دمشق وبغداد والقاهرة أمس، وقال بوتين إن موسكو لن تتراجع.";
    let first = recognize(&Doc::new(b));
    let _ = recognize(&Doc::new(a));
    assert_eq!(recognize(&Doc::new(b)), first);
    // The same model through a fresh (uncached) path.
    let copy = Model::from_bytes(MODEL_BYTES).unwrap();
    assert_eq!(recognize_with(&copy, &Doc::new(b)), first);
}


/// The embedded model is read in place without decoding its words on load; read as a file (every
/// word decoded and checked sorted) it is the same lexicon.
#[test]
fn the_embedded_lexicon_decodes_whole_and_sorted() {
    let m = model();
    let whole = Model::from_bytes(MODEL_BYTES).expect("the embedded model passes the full check");
    let entries = m.lex.entries();
    assert_eq!(entries.len(), m.lex.len());
    assert!(entries.len() > 10_000);
    assert!(entries == whole.lex.entries());
    assert!(entries.windows(2).all(|w| w[0].0 < w[1].0));
}

/// Lookups find every word of a front-coded list across block boundaries, and nothing else
/// (shorter, longer, between, before the first, after the last, too long for the format).
#[test]
fn front_coded_lookups_find_exactly_the_words() {
    use super::model::BLOCK;
    let mut words: Vec<String> = (0..5 * BLOCK + 3).map(|i| format!("ك{}ب{}", i % 7, i)).collect();
    words.push("كتاب".into());
    words.push("كتابة".into());
    words.push("ا".into());
    let entries: Vec<(String, WordInfo)> = words.iter().enumerate().map(|(i, w)| (w.clone(), WordInfo { cluster: i as u16 + 1, ..WordInfo::default() })).collect();
    let lex = Lexicon::new(entries.clone(), vec![]);
    for (w, info) in &entries {
        assert_eq!(lex.get(w).map(|x| x.cluster), Some(info.cluster), "{w}");
    }
    for w in ["", "كتا", "كتابات", "ك0ب", "ء", "ي", "ك9", &"ب".repeat(200)] {
        assert_eq!(lex.get(w), None, "{w}");
    }
    // Sorted as stored, and read back identically.
    let mut sorted = entries.clone();
    sorted.sort_by(|a, b| a.0.cmp(&b.0));
    assert!(lex.entries() == sorted);
}

/// A model file whose words are not sorted, or whose blocks point outside the words, is no model.
#[test]
fn malformed_word_blocks_are_rejected() {
    use super::model::encode_words;
    assert!(encode_words(["b".as_bytes(), "a".as_bytes()]).is_none(), "not sorted");
    assert!(encode_words(["a".as_bytes(), "a".as_bytes()]).is_none(), "twice");
    assert!(encode_words([vec![b'a'; 256].as_slice()]).is_none(), "too long");
    let (coded, blocks) = encode_words(["ab".as_bytes(), "abc".as_bytes(), "b".as_bytes()]).unwrap();
    assert_eq!((coded, blocks), (vec![2, b'a', b'b', 2, 1, b'c', 0, 1, b'b'], vec![0]));
    // Corrupt the embedded model's first block offset: it no longer parses.
    let mut b = MODEL_BYTES.to_vec();
    let words_len = u32::from_le_bytes(b[12..16].try_into().unwrap()) as usize;
    let first_block = 16 + words_len;
    b[first_block..first_block + 4].copy_from_slice(&u32::MAX.to_le_bytes());
    assert!(Model::from_bytes(&b).is_none());
}
