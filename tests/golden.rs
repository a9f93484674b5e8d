//! Golden tests: the full analysis of the texts in tests/golden/, rendered one item per line,
//! compared with NAME.golden. `UPDATE_GOLDEN=1 cargo test --test golden` rewrites them.

use std::fmt::Write as _;
use std::path::Path;

fn render(text: &str) -> String {
    let r = marsad::analyze(text, &marsad::Options::default());
    let mut out = String::new();
    for e in &r.entities {
        let _ = writeln!(out, "{} {}..{} {}", e.label.as_str(), e.start, e.end, e.text);
    }
    for q in &r.quotes {
        let kind = match q.kind {
            marsad::QuoteKind::Direct => "direct",
            marsad::QuoteKind::Indirect => "indirect",
            marsad::QuoteKind::Headline => "headline",
        };
        let speaker = q.speaker.as_ref().map_or("-".to_string(), |s| s.canonical.clone());
        let _ = writeln!(out, "QUOTE {kind} {speaker} {}..{}", q.start, q.end);
    }
    for c in &r.clusters {
        let _ = writeln!(out, "CLUSTER {} {} {} [{}]", c.id, c.label.as_str(), c.canonical, c.roles.join("; "));
    }
    out
}

/// A line diff of two renderings (lines only in one side, in order).
fn diff(want: &str, got: &str) -> String {
    let w: Vec<&str> = want.lines().collect();
    let g: Vec<&str> = got.lines().collect();
    let ws: std::collections::HashSet<&str> = w.iter().copied().collect();
    let gs: std::collections::HashSet<&str> = g.iter().copied().collect();
    let mut out = String::new();
    for l in &w {
        if !gs.contains(l) {
            let _ = writeln!(out, "- {l}");
        }
    }
    for l in &g {
        if !ws.contains(l) {
            let _ = writeln!(out, "+ {l}");
        }
    }
    out
}

#[test]
fn golden_files() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
    let update = std::env::var("UPDATE_GOLDEN").is_ok_and(|v| v == "1");
    let mut names: Vec<_> = std::fs::read_dir(&dir).expect("tests/golden").filter_map(|e| e.ok()).map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x == "txt")).collect();
    names.sort();
    assert!(!names.is_empty(), "no golden texts");
    let mut failures = Vec::new();
    for txt in names {
        let text = std::fs::read_to_string(&txt).unwrap();
        let got = render(&text);
        let golden = txt.with_extension("golden");
        if update {
            std::fs::write(&golden, &got).unwrap();
            continue;
        }
        let want = std::fs::read_to_string(&golden).unwrap_or_default();
        if want != got {
            failures.push(format!("{}:\n{}", golden.display(), diff(&want, &got)));
        }
    }
    assert!(failures.is_empty(), "golden mismatch (UPDATE_GOLDEN=1 to accept):\n{}", failures.join("\n"));
}
