//! Golden tests: the full analysis of each text in tests/golden/, rendered one item per line with
//! everything a reviewer must see (spans, texts, cues, speakers, clusters), compared with
//! NAME.golden as ordered text; a mismatch prints a unified diff. After an intended change,
//! `UPDATE_GOLDEN=1 cargo test --release -p marsad --test golden` rewrites the files (then review
//! `git diff tests/golden`). The format is described in tests/golden/README.md.

mod common;

use std::fmt::Write as _;
use std::path::Path;

/// How many characters of a quote's text its line shows.
const QUOTE_CHARS: usize = 40;

/// `s` on one line: newlines and tabs made visible, so that every item stays one line.
fn one_line(s: &str) -> String {
    s.replace('\r', "\\r").replace('\n', "\\n").replace('\t', "\\t").replace('\u{2029}', "\\u{2029}").replace('\u{2028}', "\\u{2028}")
}

/// The first `QUOTE_CHARS` characters of `s`, with `…` when there is more.
fn head(s: &str) -> String {
    let mut h: String = s.chars().take(QUOTE_CHARS).collect();
    if s.chars().nth(QUOTE_CHARS).is_some() {
        h.push('…');
    }
    one_line(&h)
}

fn render(text: &str) -> String {
    render_with(text, None)
}

/// The document date of a golden text: the date in an ANT article's name (`…-20180425`), the
/// seed's 2015-12-23 (see annotation/temporal/README.md).
fn doc_date(name: &str) -> String {
    let d = name.rsplit('-').next().unwrap_or("");
    if d.len() == 8 && d.bytes().all(|b| b.is_ascii_digit()) {
        format!("{}-{}-{}", &d[..4], &d[4..6], &d[6..])
    } else {
        "2015-12-23".to_string()
    }
}

/// With `date`, only the dates, times, amounts and numbers, resolved against it (the names,
/// quotes and clusters are those of NAME.golden, which the date does not change).
fn render_with(text: &str, date: Option<&str>) -> String {
    let options = marsad::Options { date: date.map(str::to_string), ..marsad::Options::default() };
    let r = marsad::analyze(text, &options);
    let mut out = String::new();
    if let Some(d) = date {
        let _ = writeln!(out, "# --date {d}");
    }
    for e in r.entities.iter().filter(|e| date.is_none() || !e.label.is_name()) {
        match (e.cluster, &e.value) {
            (Some(c), _) => {
                let _ = writeln!(out, "{} {}..{} {} #{}", e.label.as_str(), e.start, e.end, one_line(&e.text), c);
            }
            (None, Some(v)) => {
                let _ = writeln!(out, "{} {}..{} {} = {}", e.label.as_str(), e.start, e.end, one_line(&e.text), serde_json::to_string(v).unwrap());
            }
            (None, None) => {
                let _ = writeln!(out, "{} {}..{} {}", e.label.as_str(), e.start, e.end, one_line(&e.text));
            }
        }
    }
    if date.is_some() {
        return out;
    }
    for q in &r.quotes {
        let kind = match q.kind {
            marsad::QuoteKind::Direct => "direct",
            marsad::QuoteKind::Indirect => "indirect",
            marsad::QuoteKind::Headline => "headline",
        };
        let cue = q.cue.as_ref().map_or("-".to_string(), |c| format!("{} {}..{}", one_line(&c.text), c.start, c.end));
        let speaker = match &q.speaker {
            None => "-".to_string(),
            Some(s) => {
                let cluster = s.cluster.map_or(String::new(), |c| format!(" #{c}"));
                format!("{}..{} {} → {}{cluster}", s.start, s.end, one_line(&s.text), one_line(&s.canonical))
            }
        };
        let _ = writeln!(out, "QUOTE {kind} {}..{} «{}» cue {cue} speaker {speaker}", q.start, q.end, head(&q.text));
    }
    for c in &r.clusters {
        let mentions: Vec<String> = c.mentions.iter().map(|m| format!("{}..{}", m.start, m.end)).collect();
        let _ = writeln!(
            out,
            "CLUSTER #{} {} {} [{}] mentions {}",
            c.id,
            c.label.as_str(),
            one_line(&c.canonical),
            one_line(&c.roles.join("; ")),
            mentions.join(" ")
        );
    }
    out
}

/// A unified diff (3 lines of context) from the golden file to the current rendering.
fn diff(name: &str, want: &str, got: &str) -> String {
    similar::TextDiff::from_lines(want, got).unified_diff().context_radius(3).header(&format!("{name} (golden)"), &format!("{name} (now)")).to_string()
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
        common::check(&text, &marsad::analyze(&text, &marsad::Options::default())).unwrap_or_else(|e| panic!("{}: {e}", txt.display()));
        let stem = txt.file_stem().unwrap().to_string_lossy().to_string();
        let date = doc_date(&stem);
        for (got, golden) in [(render(&text), txt.with_extension("golden")), (render_with(&text, Some(&date)), txt.with_extension("dated.golden"))] {
            if update {
                std::fs::write(&golden, &got).unwrap();
                continue;
            }
            let want = std::fs::read_to_string(&golden).unwrap_or_default();
            if want != got {
                let name = golden.file_name().unwrap().to_string_lossy().into_owned();
                failures.push(diff(&name, &want, &got));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "golden mismatch; if the change is intended: UPDATE_GOLDEN=1 cargo test --release -p marsad --test golden\n{}",
        failures.join("\n")
    );
}
