//! The command line's contract (issue 7, point 3): bad input gives one line on standard error and
//! exit status 2, never a panic; good input gives the JSON of `marsad::analyze`.

#![cfg(not(target_arch = "wasm32"))]

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn marsad(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_marsad"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the marsad binary runs");
    let mut input = child.stdin.take().unwrap();
    input.write_all(stdin).unwrap();
    drop(input);
    child.wait_with_output().unwrap()
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
