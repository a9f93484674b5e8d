//! The native half of `npm run bench` (scripts/bench.mjs runs it and merges its figures with the
//! wasm ones into one table). A plain harness, not criterion: criterion would add some forty crates
//! to compile on a small shared machine, and its report cannot hold the wasm, Chromium and peer
//! figures that the one table needs. What it does is what criterion's median does: warm up, time
//! repeated passes, report the median pass.
//!
//! Usage: `cargo bench --bench analyze -- [--min-secs S] NAME=FILE...`, where FILE is either a
//! text file (one document) or a `.json` file holding an array of strings (one document each,
//! analyzed one by one, as a page would). Prints one JSON object per input on standard output.

use marsad::{analyze, Options};
use std::time::{Duration, Instant};

fn load(path: &str) -> Vec<String> {
    let raw = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"));
    if path.ends_with(".json") {
        serde_json::from_str(&raw).unwrap_or_else(|e| panic!("{path}: not a JSON array of strings: {e}"))
    } else {
        vec![raw]
    }
}

/// Times passes over all `docs` until `min` has elapsed (at least 3 passes, at most 1000); returns
/// every pass time.
fn passes(docs: &[String], min: Duration) -> Vec<Duration> {
    let options = Options::default();
    // Warm-up: parses the embedded lexicons and fills the caches.
    let mut sink = 0usize;
    for d in docs {
        sink += analyze(d, &options).entities.len();
    }
    let mut times = Vec::new();
    let start = Instant::now();
    while times.len() < 3 || (start.elapsed() < min && times.len() < 1000) {
        let t = Instant::now();
        for d in docs {
            sink += std::hint::black_box(analyze(std::hint::black_box(d), &options)).entities.len();
        }
        times.push(t.elapsed());
    }
    std::hint::black_box(sink);
    times
}

/// Median time of each stage of `analyze` (as `marsad::analyze` runs them) over all `docs`, in
/// seconds: where the time goes, and which stage stops growing linearly.
fn stages(docs: &[String]) -> serde_json::Value {
    let mut runs: Vec<[f64; 5]> = Vec::new();
    for _ in 0..3 {
        let mut t = [0f64; 5];
        for d in docs {
            let s = Instant::now();
            let doc = marsad::Doc::new(d);
            let a = s.elapsed().as_secs_f64();
            let mentions = marsad::ner::recognize(&doc);
            let b = s.elapsed().as_secs_f64();
            let groups = marsad::clusters::build(&marsad::ner::model().lex, &doc, &mentions);
            let c = s.elapsed().as_secs_f64();
            let found = marsad::quotes::find(&doc, &mentions, &groups);
            let e = s.elapsed().as_secs_f64();
            std::hint::black_box((&mentions, &groups, &found));
            let whole = Instant::now();
            std::hint::black_box(analyze(d, &Options::default()));
            let w = whole.elapsed().as_secs_f64();
            for (k, v) in [a, b - a, c - b, e - c, w].into_iter().enumerate() {
                t[k] += v;
            }
        }
        runs.push(t);
    }
    let med = |k: usize| {
        let mut v: Vec<f64> = runs.iter().map(|r| r[k]).collect();
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    serde_json::json!({"tokenize": med(0), "ner": med(1), "clusters": med(2), "quotes": med(3), "analyze": med(4)})
}

fn main() {
    let mut min = Duration::from_secs(2);
    let mut inputs = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--bench" => {} // passed by `cargo bench`
            "--min-secs" => min = Duration::from_secs_f64(args.next().and_then(|s| s.parse().ok()).expect("--min-secs SECONDS")),
            s => match s.split_once('=') {
                Some((name, path)) => inputs.push((name.to_string(), path.to_string())),
                None => {
                    eprintln!("usage: analyze [--min-secs S] NAME=FILE...");
                    std::process::exit(2);
                }
            },
        }
    }
    for (name, path) in inputs {
        let docs = load(&path);
        let bytes: usize = docs.iter().map(String::len).sum();
        let mut t = passes(&docs, min);
        t.sort();
        let median = t[t.len() / 2].as_secs_f64();
        let a: Vec<_> = docs.iter().map(|d| analyze(d, &Options::default())).collect();
        let entities: usize = a.iter().map(|a| a.entities.len()).sum();
        let quotes: usize = a.iter().map(|a| a.quotes.len()).sum();
        println!(
            "{}",
            serde_json::json!({
                "name": name, "docs": docs.len(), "bytes": bytes, "passes": t.len(),
                "median_s": median, "min_s": t[0].as_secs_f64(), "max_s": t[t.len() - 1].as_secs_f64(),
                "mb_per_s": bytes as f64 / 1e6 / median, "docs_per_s": docs.len() as f64 / median,
                "entities": entities, "quotes": quotes, "stages_s": stages(&docs),
            })
        );
    }
}
