//! Fuzzes `marsad::analyze` on any text: it must not panic, and every offset it returns must
//! slice the text (on UTF-16 boundaries) to the reported `text`, with entities in order and
//! disjoint. Invalid UTF-8 is read lossily (as the page and `TextDecoder` would).
#![no_main]

use libfuzzer_sys::fuzz_target;
use marsad::{analyze, utf16_slice, Options};

fuzz_target!(|data: &[u8]| {
    let (quotes, bytes) = match data.split_first() {
        Some((&b, rest)) => (b & 1 == 0, rest),
        None => (true, data),
    };
    let text = String::from_utf8_lossy(bytes);
    let a = analyze(&text, &Options { quotes, ..Options::default() });
    let units: Vec<u16> = text.encode_utf16().collect();
    let n = units.len() as u32;
    // Slices the UTF-16 units directly (utf16_slice walks the whole text: quadratic over spans).
    let check = |what: &str, s: u32, e: u32, t: &str| {
        assert!(s <= e && e <= n, "{what} {s}..{e} outside 0..{n}");
        let low = |i: u32| (i as usize) < units.len() && (0xDC00..0xE000).contains(&units[i as usize]);
        assert!(!low(s) && !low(e), "{what} {s}..{e} splits a surrogate pair");
        let slice = String::from_utf16(&units[s as usize..e as usize]).expect("valid UTF-16");
        assert_eq!(slice, t, "{what} {s}..{e} does not slice to its text");
    };
    // utf16_slice agrees on the first and last entity.
    for e in a.entities.first().into_iter().chain(a.entities.last()) {
        assert_eq!(utf16_slice(&text, e.start, e.end), Some(e.text.as_str()));
    }
    let mut prev = 0;
    for e in &a.entities {
        check("entity", e.start, e.end, &e.text);
        assert!(e.start >= prev && e.start < e.end, "entities out of order or empty");
        assert!(e.cluster.map_or(true, |c| (c as usize) < a.clusters.len()), "entity names a missing cluster");
        prev = e.start;
    }
    for c in &a.clusters {
        for m in &c.mentions {
            check("mention", m.start, m.end, &m.text);
        }
    }
    for q in &a.quotes {
        check("quote", q.start, q.end, &q.text);
        if let Some(c) = &q.cue {
            check("cue", c.start, c.end, &c.text);
        }
        if let Some(s) = &q.speaker {
            check("speaker", s.start, s.end, &s.text);
        }
    }
    assert!(quotes || a.quotes.is_empty());
    // The JSON the CLI prints always serializes, and reads back to the same analysis.
    let json = serde_json::to_string(&a).expect("the analysis serializes");
    let back: marsad::Analysis = serde_json::from_str(&json).expect("the JSON reads back");
    assert_eq!(back, a);
});
