//! Linear scaling of each stage (issue 6, point 2), as a regression test for the quadratic paths the
//! benchmark found. It compares times, so it is `#[ignore]`d (no timing assertions in the default
//! run) and meant to be run by hand, in release, on a quiet machine:
//!
//! `cargo test --release --test scaling -- --ignored --nocapture --test-threads=1`
//!
//! The two paths the first benchmark found quadratic, with the inputs that showed it:
//! - quote attribution looked for the speaker with `mentions.iter().find(..)` from the first
//!   mention for every quote: O(quotes × mentions). Input: the `QUOTES` line below, repeated.
//! - clustering compared every mention with every group so far: O(mentions × groups), growing
//!   with the number of distinct names. Input: the `NAMES` text.
//!
//! Both were routed to the quotes/clusters rewrite; after it merged (main at 397ca7f) both tests
//! pass (every stage within 7–11× for 8× the text).

#![cfg(not(target_arch = "wasm32"))]

use marsad::{clusters, ner, quotes, Doc};
use std::time::Instant;

const QUOTES: &str = "وقال سيرغي لافروف في موسكو: «نحن مستعدون». وأكد بوتين أن «سورية» مهمة.\n";

/// Distinct person names after a trigger word, so that every mention opens a new group.
fn names(n: usize) -> String {
    const L: [char; 20] = ['ب', 'ت', 'ث', 'ج', 'ح', 'خ', 'د', 'ذ', 'ر', 'ز', 'س', 'ش', 'ص', 'ض', 'ط', 'ظ', 'ع', 'غ', 'ف', 'ق'];
    let mut s = String::new();
    for i in 0..n {
        let w: String = [L[i % 20], L[(i / 20) % 20], L[(i / 400) % 20], L[(i / 8000) % 20]].iter().collect();
        s.push_str(&format!("وقال الرئيس {w}ون في موسكو.\n"));
    }
    s
}

/// Minimum over 3 runs of (tokenize, ner, clusters, quotes) seconds.
fn stages(text: &str) -> [f64; 4] {
    let mut best = [f64::MAX; 4];
    for _ in 0..3 {
        let t = Instant::now();
        let doc = Doc::new(text);
        let a = t.elapsed().as_secs_f64();
        let m = ner::recognize(&doc);
        let b = t.elapsed().as_secs_f64();
        let g = clusters::build(&marsad::ner::model().lex, &doc, &m);
        let c = t.elapsed().as_secs_f64();
        let q = quotes::find(&doc, &m, &g);
        let d = t.elapsed().as_secs_f64();
        std::hint::black_box(q);
        for (k, v) in [a, b - a, c - b, d - c].into_iter().enumerate() {
            best[k] = best[k].min(v);
        }
    }
    best
}

fn assert_linear(what: &str, small: &str, large: &str) {
    let ratio = large.len() as f64 / small.len() as f64;
    let (s, l) = (stages(small), stages(large));
    let mut slow = Vec::new();
    for (k, name) in ["tokenize", "ner", "clusters", "quotes"].iter().enumerate() {
        let grow = l[k] / s[k].max(1e-6);
        eprintln!("{what}: {name}: {:.2} ms → {:.2} ms for {ratio:.0}× the text ({grow:.1}×)", s[k] * 1e3, l[k] * 1e3);
        // Twice the size ratio leaves room for noise and cache effects; quadratic is `ratio` times more.
        if grow > 2.0 * ratio && l[k] > 0.01 {
            slow.push(format!("{name} grew {grow:.0}× for {ratio:.0}× the text"));
        }
    }
    assert!(slow.is_empty(), "{what}: not linear: {}", slow.join("; "));
}

#[test]
#[ignore = "compares times: meaningful only in release on a quiet machine; run by hand"]
fn quotes_scale_linearly() {
    assert_linear("many quotes", &QUOTES.repeat(2_000), &QUOTES.repeat(16_000));
}

#[test]
#[ignore = "compares times: meaningful only in release on a quiet machine; run by hand"]
fn clusters_scale_linearly_with_many_distinct_names() {
    assert_linear("many names", &names(2_000), &names(16_000));
}
