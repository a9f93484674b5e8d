//! Property tests of issue 7: for any string, `analyze` terminates without panicking, every offset
//! it returns lies inside the text on a UTF-16 boundary that does not split a surrogate pair and
//! slices exactly the reported `text`, entities are in order and never overlap, and inserting
//! invisible marks (bidi controls, zero-width characters) or tatweel changes nothing but offsets.
//!
//! The strings are built from pieces that matter to marsad — Arabic names from the gazetteer,
//! reporting verbs, titles, loose letters, diacritics, tatweel, bidi marks, every quotation mark,
//! colons, newlines, emoji (surrogate pairs in UTF-16), Latin, digits — mixed with arbitrary
//! Unicode. Case counts are explicit (see `CASES_*`); a failure prints the shrunk input.

#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::{check, utf16};
use marsad::{analyze, Analysis, Options};
use proptest::prelude::*;
use proptest::test_runner::Config;

/// Cases per property; reported in docs/bench.md and the issue-7 note.
const CASES_OFFSETS: u32 = 2000;
const CASES_ARBITRARY: u32 = 2000;
const CASES_INVARIANCE: u32 = 1000;
const CASES_TEXT_LAYER: u32 = 2000;

const WORDS: &[&str] = &[
    "سيرغي لافروف", "لافروف", "موسكو", "سورية", "بوتين", "الأمم المتحدة", "وزير", "الخارجية", "الروسي", "الرئيس",
    "قال", "وقال", "قالت", "أكد", "مضيفا", "وأضاف", "أن", "إن", "على", "في", "من", "اليوم", "السيد", "الدكتور",
    "عبد", "الله", "بالعراق", "وبموسكو", "للأمم", "لـروسيا", "فلاديمير_بوتين", "الـقـاهرة", "سيرغي",
];
const MARKS: &[&str] = &[
    "«", "»", "“", "”", "„", "‹", "›", "\"", "'", ":", "：", "،", "؛", "؟", ".", "..", "-", "_", "#", "(", ")", "[", "]",
];
const INVISIBLE: &[char] = &[
    '\u{200E}', '\u{200F}', '\u{061C}', '\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}', '\u{202E}', '\u{2066}',
    '\u{2067}', '\u{2068}', '\u{2069}', '\u{200B}', '\u{200C}', '\u{200D}', '\u{2060}', '\u{FEFF}', '\u{0640}',
];

/// One piece of a generated text.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => prop::sample::select(WORDS).prop_map(str::to_string),
        4 => prop::sample::select(MARKS).prop_map(str::to_string),
        6 => prop::sample::select(&[" ", " ", " ", "\n", "\r\n", "\n\n", "\t", "\u{00A0}", "\u{2029}"][..]).prop_map(str::to_string),
        3 => prop::collection::vec(prop::char::range('\u{0621}', '\u{064A}'), 1..6).prop_map(|v| v.into_iter().collect()),
        2 => prop::collection::vec(prop::char::range('\u{064B}', '\u{0652}'), 1..4).prop_map(|v| v.into_iter().collect()),
        2 => prop::sample::select(INVISIBLE).prop_map(String::from),
        1 => prop::sample::select(&["😀", "👨‍👩‍👧", "🇸🇾", "𝕏", "\u{1F600}\u{0640}", "\u{FE0F}"][..]).prop_map(str::to_string),
        2 => "[a-zA-Z]{1,8}",
        2 => "[0-9٠-٩]{1,4}([.,٫][0-9]{1,2})?",
        1 => prop::sample::select(&["\u{0000}", "\u{0007}", "\u{001B}[31m", "\u{FFFD}", "\u{FFFF}", "\u{10FFFF}", "<script>alert(1)</script>", "&amp;"][..]).prop_map(str::to_string),
        2 => any::<char>().prop_map(String::from),
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..60).prop_map(|v| v.concat())
}


fn run_check(src: &str) -> Result<(), TestCaseError> {
    for quotes in [true, false] {
        let a = analyze(src, &Options { quotes, ..Options::default() });
        check(src, &a).map_err(|e| TestCaseError::fail(format!("{e}\n  input: {src:?}")))?;
        if !quotes && !a.quotes.is_empty() {
            return Err(TestCaseError::fail("quotes found with quotes: false"));
        }
    }
    Ok(())
}

/// `src` with `marks[k]` inserted before char index `at[k]`, and for every UTF-16 offset of the
/// new text the number of inserted code units before it.
fn insert_marks(src: &str, inserts: &[(usize, char)], inside_arabic_words: bool) -> (String, Vec<u32>) {
    let chars: Vec<char> = src.chars().collect();
    let mut by_pos: Vec<Vec<char>> = vec![Vec::new(); chars.len() + 1];
    for &(at, c) in inserts {
        let at = at % (chars.len() + 1);
        // Without inside_arabic_words, no mark goes right after an Arabic letter (see below).
        if !inside_arabic_words && at > 0 && marsad::text::is_arabic_letter(chars[at - 1]) {
            continue;
        }
        by_pos[at].push(c);
    }
    let mut out = String::new();
    let mut shift = Vec::new(); // shift[new_utf16_offset] = inserted units before it
    let mut inserted = 0u32;
    for (i, slot) in by_pos.iter().enumerate() {
        for &m in slot {
            for _ in 0..m.len_utf16() {
                shift.push(inserted);
                inserted += 1;
            }
            out.push(m);
        }
        if let Some(&c) = chars.get(i) {
            for _ in 0..c.len_utf16() {
                shift.push(inserted);
            }
            out.push(c);
        }
    }
    shift.push(inserted);
    (out, shift)
}

/// What an analysis found, with offsets mapped back to the text before insertion and texts with
/// the inserted marks removed: what must not change.
fn found(a: &Analysis, shift: &[u32], strip: &dyn Fn(&str) -> String) -> Vec<String> {
    let back = |o: u32| o - shift[o as usize];
    let mut v: Vec<String> = a.entities.iter().map(|e| format!("{:?} {}..{} {}", e.label, back(e.start), back(e.end), strip(&e.text))).collect();
    for q in &a.quotes {
        v.push(format!(
            "quote {:?} {}..{} cue {:?} speaker {:?}",
            q.kind,
            back(q.start),
            back(q.end),
            q.cue.as_ref().map(|c| (back(c.start), back(c.end))),
            q.speaker.as_ref().map(|s| (back(s.start), back(s.end), strip(&s.canonical)))
        ));
    }
    v
}

fn found_entities(a: &Analysis, shift: &[u32], strip: &dyn Fn(&str) -> String) -> Vec<String> {
    let back = |o: u32| o - shift[o as usize];
    a.entities.iter().map(|e| format!("{:?} {}..{} {}", e.label, back(e.start), back(e.end), strip(&e.text))).collect()
}

fn invariance_inputs() -> impl Strategy<Value = (String, Vec<(usize, char)>)> {
    (text(), prop::collection::vec((any::<usize>(), prop::sample::select(INVISIBLE)), 1..8))
}

/// Marks that may go anywhere, inside words too: every invisible mark but tatweel, which after a
/// proclitic letter is the writer's own word boundary (لـروسيا → روسيا, per the annotation contract).
fn invariance_inputs_anywhere() -> impl Strategy<Value = (String, Vec<(usize, char)>)> {
    let marks: Vec<char> = INVISIBLE.iter().copied().filter(|&c| c != '\u{0640}').collect();
    (text(), prop::collection::vec((any::<usize>(), prop::sample::select(marks)), 1..8))
}

/// Texts without the invisible characters that the inserts add, so that stripping them from a
/// result's text restores the original exactly.
#[test]
fn a_bidi_mark_at_the_start_does_not_create_a_quote() {
    // Found by the invariance property: the mark pairing read the LRM as the text's first character.
    let src = "”»ًًًمضيفا“aaaaAAAAءءوزير«الدكتورأناليوم00«ًً٠aaA\r\nAaaAAAaموسكو";
    let a = analyze(src, &Options::default()).quotes.len();
    let b = analyze(&format!("\u{200E}{src}"), &Options::default()).quotes.len();
    assert_eq!(a, b);
}

/// The test configuration: a fixed seed, so that CI runs the same cases every time (set
/// PROPTEST_RNG_SEED to explore others), and no failure-persistence files.
fn config(cases: u32) -> Config {
    let mut c = Config { cases, failure_persistence: None, ..Config::default() };
    if std::env::var_os("PROPTEST_RNG_SEED").is_none() {
        c.rng_seed = proptest::test_runner::RngSeed::Fixed(0x6d61_7273_6164);
    }
    c
}

fn visible(s: String) -> String {
    s.chars().filter(|c| !INVISIBLE.contains(c)).collect()
}

fn strip_invisible(s: &str) -> String {
    s.chars().filter(|c| !INVISIBLE.contains(c)).collect()
}

proptest! {
    #![proptest_config(config(CASES_OFFSETS))]
    #[test]
    fn offsets_slice_the_text_and_entities_do_not_overlap(src in text()) {
        run_check(&src)?;
    }
}

proptest! {
    #![proptest_config(config(CASES_ARBITRARY))]
    #[test]
    fn arbitrary_unicode_is_analyzed_safely(src in any::<String>()) {
        run_check(&src)?;
    }
}

fn entities_invariant(src: String, inserts: Vec<(usize, char)>, inside: bool) -> Result<(), TestCaseError> {
    let src = visible(src);
    let (marked, shift) = insert_marks(&src, &inserts, inside);
    let a = analyze(&src, &Options::default());
    let b = analyze(&marked, &Options::default());
    check(&marked, &b).map_err(TestCaseError::fail)?;
    let none = vec![0u32; utf16(&src).len() + 1];
    prop_assert_eq!(found_entities(&a, &none, &strip_invisible), found_entities(&b, &shift, &strip_invisible),
        "\n  input:  {:?}\n  marked: {:?}", src, marked);
    Ok(())
}


/// The inserts without a tatweel right before or after a quotation mark: there the tatweel is
/// read by design (`quotes::marks`: the tatweel of a proclitic, بـ"فبركة", is a space before the
/// mark), so it may change how the mark pairs.
fn no_tatweel_at_marks(src: &str, inserts: Vec<(usize, char)>) -> Vec<(usize, char)> {
    let chars: Vec<char> = src.chars().collect();
    let is_mark = |c: Option<&char>| c.is_some_and(|c| "«»“”„‹›\"'‘’".contains(*c));
    inserts
        .into_iter()
        .filter(|&(at, c)| {
            let at = at % (chars.len() + 1);
            c != '\u{0640}' || !(is_mark(at.checked_sub(1).and_then(|p| chars.get(p))) || is_mark(chars.get(at)))
        })
        .collect()
}

fn quotes_invariant(src: String, inserts: Vec<(usize, char)>, inside: bool) -> Result<(), TestCaseError> {
    let src = visible(src);
    let inserts = no_tatweel_at_marks(&src, inserts);
    let (marked, shift) = insert_marks(&src, &inserts, inside);
    let a = analyze(&src, &Options::default());
    let b = analyze(&marked, &Options::default());
    let none = vec![0u32; utf16(&src).len() + 1];
    prop_assert_eq!(found(&a, &none, &strip_invisible), found(&b, &shift, &strip_invisible),
        "\n  input:  {:?}\n  marked: {:?}", src, marked);
    Ok(())
}

/// Quotes, cues and speakers of `src` and of `src` with an LRM inserted at char index `at`, as
/// [`found`] gives them (offsets mapped back to `src`).
fn quotes_with_lrm(src: &str, at: usize) -> (Vec<String>, Vec<String>) {
    let (marked, shift) = insert_marks(src, &[(at, '\u{200E}')], true);
    let none = vec![0u32; utf16(src).len() + 1];
    (found(&analyze(src, &Options::default()), &none, &strip_invisible), found(&analyze(&marked, &Options::default()), &shift, &strip_invisible))
}

// One case per construction where the quote finder once compared tokens by their bytes, so that
// an invisible mark changed its result (found by the invariance properties with
// PROPTEST_RNG_SEED=2, 26 and by hand): tokens touch when only ignorable characters lie between
// them, and على is compared without them (quotes::context::{touching, is_ala}).

#[test]
fn invisible_mark_a_mark_inside_a_period_run() {
    let (a, b) = quotes_with_lrm("وزير الخارجية:..الحكومة تريد السلام اليوم", 15);
    assert_eq!(a, b);
}

#[test]
fn invisible_mark_a_mark_after_a_hashtag() {
    let src = "الخارجية#وقال«\nالخارجية«ءءءء\u{2029}¡Aسورية'：ءءءaA\0aaaaA\0a“😀 في‹‹aAaaaaA\0‹أن“وقال«";
    let (a, b) = quotes_with_lrm(src, 9);
    assert_eq!(a, b);
}

#[test]
fn invisible_mark_a_mark_inside_ala() {
    let (a, b) = quotes_with_lrm("وأكد الوزير على ضرورة الحوار بين الأطراف.", 13);
    assert_eq!(a, b);
}

proptest! {
    #![proptest_config(config(CASES_INVARIANCE))]
    /// Entities (what the recognizer finds) do not change when invisible marks or tatweel are
    /// inserted between words, around punctuation or inside Latin and digits, except for the shift
    /// of offsets.
    #[test]
    fn invisible_marks_between_words_change_only_entity_offsets((src, inserts) in invariance_inputs()) {
        entities_invariant(src, inserts, false)?;
    }

    /// The same for quotes, cues and speakers (quotation marks are read through invisible marks),
    /// with no tatweel next to a quotation mark (where it means something: `no_tatweel_at_marks`).
    #[test]
    fn invisible_marks_between_words_change_only_quote_offsets((src, inserts) in invariance_inputs()) {
        quotes_invariant(src, inserts, false)?;
    }

    /// The full property of issue 7 for entities: bidi and zero-width marks anywhere, inside Arabic
    /// words too (tatweel only between words: after a proclitic letter it is a word boundary).
    #[test]
    fn invisible_marks_anywhere_change_only_entity_offsets((src, inserts) in invariance_inputs_anywhere()) {
        entities_invariant(src, inserts, true)?;
    }

    /// The same for quotes, cues and speakers, marks inside words too.
    #[test]
    fn invisible_marks_anywhere_change_only_quote_offsets((src, inserts) in invariance_inputs_anywhere()) {
        quotes_invariant(src, inserts, true)?;
    }
}

proptest! {
    #![proptest_config(config(CASES_TEXT_LAYER))]
    /// The text layer alone: tokens are non-empty, ordered, on char boundaries, never start or end
    /// with an invisible character; the UTF-16 map agrees with a direct count; `utf16_slice`
    /// inverts it.
    #[test]
    fn text_layer_offsets_are_consistent(src in prop_oneof![text(), any::<String>()]) {
        use marsad::text::{is_ignorable, tokenize, Utf16Map};
        let toks = tokenize(&src);
        let map = Utf16Map::new(&src);
        let mut prev = 0;
        for t in &toks {
            prop_assert!(t.start < t.end && t.start >= prev && t.end <= src.len(), "token {:?} in {:?}", t, src);
            prop_assert!(src.is_char_boundary(t.start) && src.is_char_boundary(t.end));
            let txt = t.text(&src);
            prop_assert!(!is_ignorable(txt.chars().next().unwrap()) && !is_ignorable(txt.chars().next_back().unwrap()));
            prev = t.end;
            let (s, e) = map.range(&(t.start..t.end));
            prop_assert_eq!(s as usize, src[..t.start].encode_utf16().count());
            prop_assert_eq!(e as usize, src[..t.end].encode_utf16().count());
            prop_assert_eq!(marsad::utf16_slice(&src, s, e), Some(txt));
        }
        prop_assert_eq!(map.to_utf16(src.len()) as usize, src.encode_utf16().count());
    }
}
