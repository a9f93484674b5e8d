//! The command line's contract (issue 7, point 3): bad input gives one line on standard error and
//! exit status 2, never a panic; good input gives the JSON of `marsad::analyze`.

#![cfg(not(target_arch = "wasm32"))]

mod common;

use std::process::Output;

fn marsad(args: &[&str], stdin: &[u8]) -> Output {
    common::run_marsad(args, stdin, &[])
}

/// Exit status 2, nothing on standard output, exactly one line on standard error that starts with
/// `marsad:` and contains `needle`.
fn assert_fails(out: &Output, needle: &str) {
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "stderr: {err}");
    assert!(out.stdout.is_empty(), "stdout: {}", String::from_utf8_lossy(&out.stdout));
    assert_eq!(err.lines().count(), 1, "one line on stderr, got: {err:?}");
    assert!(err.starts_with("marsad: ") && err.contains(needle), "stderr: {err:?}");
    assert!(!err.contains("panicked"), "stderr: {err:?}");
}

#[test]
fn a_missing_file_is_one_line_and_status_2() {
    let out = marsad(&["analyze", "/nonexistent/marsad-test.txt"], b"");
    assert_fails(&out, "/nonexistent/marsad-test.txt");
}

#[test]
fn a_directory_is_one_line_and_status_2() {
    let out = marsad(&["analyze", env!("CARGO_MANIFEST_DIR")], b"");
    assert_fails(&out, "cannot read");
}

#[test]
fn invalid_utf8_is_one_line_and_status_2() {
    let out = marsad(&["analyze"], b"\xd9\x82\xd8\xa7\xd9\x84 \xff\xfe x");
    assert_fails(&out, "not valid UTF-8");
    let dir = std::env::temp_dir().join(format!("marsad-cli-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let f = dir.join("bad.txt");
    std::fs::write(&f, b"\xc3\x28 \xed\xa0\x80").unwrap(); // bad continuation, an encoded surrogate
    let out = marsad(&["analyze", f.to_str().unwrap()], b"");
    assert_fails(&out, "not valid UTF-8");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn unknown_options_commands_and_extra_arguments_are_one_line_and_status_2() {
    assert_fails(&marsad(&["analyze", "--frobnicate"], b""), "unknown option '--frobnicate'");
    assert_fails(&marsad(&["frobnicate"], b""), "unknown command 'frobnicate'");
    assert_fails(&marsad(&["analyze", "a.txt", "b.txt"], b""), "unexpected argument 'b.txt'");
    assert_fails(&marsad(&[], b""), "usage");
}

#[test]
fn standard_input_gives_the_library_json() {
    let text = "وقال سيرغي لافروف في موسكو: «نحن مستعدون للتعاون».";
    let out = marsad(&["analyze"], text.as_bytes());
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let got: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let want = serde_json::to_value(marsad::analyze(text, &marsad::Options::default())).unwrap();
    assert_eq!(got, want);
    let out = marsad(&["analyze", "-"], text.as_bytes());
    assert_eq!(out.status.code(), Some(0), "'-' reads standard input: {}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap(), want);
}

#[test]
fn empty_input_is_an_empty_analysis() {
    let out = marsad(&["analyze"], b"");
    assert_eq!(out.status.code(), Some(0));
    let got: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(got, serde_json::json!({"entities": [], "quotes": [], "clusters": []}));
}

#[test]
fn date_resolves_relative_dates_and_a_bad_date_is_refused() {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/golden/seed-sana-moscow.txt")).unwrap();
    for args in [&["analyze", "--date", "2015-12-23"][..], &["analyze", "--date=2015-12-23"][..]] {
        let out = marsad(args, text.as_bytes());
        assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
        let got: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let options = marsad::Options { date: Some("2015-12-23".into()), ..marsad::Options::default() };
        assert_eq!(got, serde_json::to_value(marsad::analyze(&text, &options)).unwrap());
        let dates: Vec<(String, String)> = got["entities"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["label"] == "DATE")
            .map(|e| (e["text"].as_str().unwrap().to_string(), e["value"].as_str().unwrap_or("-").to_string()))
            .collect();
        for (t, v) in [("اليوم", "2015-12-23"), ("24 الشهر الماضي", "2015-11-24"), ("قبل يومين", "2015-12-21"), ("الـ 13من تشرين الثاني الماضي", "2015-11-13")] {
            assert!(dates.contains(&(t.to_string(), v.to_string())), "{t} = {v} not in {dates:?}");
        }
    }
    // Without a date the relative ones have no value; the names and quotes are the same.
    let plain: serde_json::Value = serde_json::from_slice(&marsad(&["analyze"], text.as_bytes()).stdout).unwrap();
    let e = plain["entities"].as_array().unwrap().iter().find(|e| e["text"] == "قبل يومين").unwrap();
    assert!(e.get("value").is_none(), "{e}");
    assert_fails(&marsad(&["analyze", "--date", "2015-13-40"], b""), "--date must be a date YYYY-MM-DD");
    assert_fails(&marsad(&["analyze", "--date", "yesterday"], b""), "--date must be a date YYYY-MM-DD");
    assert_fails(&marsad(&["analyze", "--date"], b""), "--date needs a date");
}
