//! Fuzzes the text layer: tokenization, normalization, proclitic splitting and the byte → UTF-16
//! offset map. Tokens must be non-empty, ordered, on char boundaries and never start or end with
//! an invisible character; the map must agree with a direct count; `utf16_slice` must invert it.
#![no_main]

use libfuzzer_sys::fuzz_target;
use marsad::text::{byte_after_visible, is_ignorable, normalize, normalize_light, proclitic_splits, tokenize, TokKind, Utf16Map};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let text: &str = &text;
    let toks = tokenize(text);
    let map = Utf16Map::new(text);
    let mut prev = 0;
    let mut u16_before = 0; // UTF-16 length of text[..prev], kept incrementally (linear overall)
    for t in &toks {
        assert!(t.start < t.end && t.start >= prev && t.end <= text.len());
        let w = t.text(text);
        assert!(!is_ignorable(w.chars().next().unwrap()) && !is_ignorable(w.chars().next_back().unwrap()));
        if t.kind != TokKind::Punct {
            assert_eq!(t.norm, normalize(w));
        }
        let (s, e) = map.range(&(t.start..t.end));
        u16_before += text[prev..t.start].encode_utf16().count();
        assert_eq!(s as usize, u16_before);
        u16_before += w.encode_utf16().count();
        assert_eq!(e as usize, u16_before);
        for b in proclitic_splits(w) {
            assert!(w.is_char_boundary(b), "proclitic split inside a character");
        }
        prev = t.end;
    }
    assert_eq!(map.to_utf16(text.len()) as usize, text.encode_utf16().count());
    let _ = normalize_light(text);
    for n in [0, 1, 2, 5] {
        assert!(text.is_char_boundary(byte_after_visible(text, n)));
    }
});
