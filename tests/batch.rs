//! `marsad analyze --jsonl`: one result line per input line, in input order (across chunks and
//! threads), error records for bad lines without stopping, plain text lines, files and stdin.

#![cfg(not(target_arch = "wasm32"))]

mod common;

use serde_json::Value;
use std::process::Output;

fn marsad(args: &[&str], stdin: &[u8], threads: &str) -> Output {
    common::run_marsad(args, stdin, &[("RAYON_NUM_THREADS", threads)])
}

fn lines(out: &Output) -> Vec<Value> {
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout.clone()).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

/// The library's result with `line` and `id` in front, as the batch prints it.
fn expected(line: u64, id: Value, text: &str) -> Value {
    let mut v = serde_json::json!({ "line": line, "id": id });
    let r = serde_json::to_value(marsad::analyze(text, &marsad::Options::default())).unwrap();
    v.as_object_mut().unwrap().extend(r.as_object().unwrap().clone());
    v
}

const TEXTS: [&str; 4] = [
    "وقال وزير الخارجية الروسي سيرغي لافروف في موسكو: «نحن مستعدون للتعاون».",
    "أعلن ديميتري بيسكوف الناطق باسم الرئاسة الروسية أن روسيا لا تملك معلومات.",
    "",
    "بيسكوف: لا معلومات لدينا",
];

#[test]
fn json_and_plain_lines_give_the_library_result_in_order_and_bad_lines_give_error_records() {
    let mut input = String::new();
    let mut want = Vec::new();
    for i in 0..40u64 {
        let text = TEXTS[i as usize % TEXTS.len()];
        match i % 5 {
            0 => {
                input += "{broken json\n";
                want.push(None);
            }
            1 => {
                input += &format!("{}\n", text.replace('\n', " "));
                want.push(Some(expected(i + 1, Value::Null, text)));
            }
            2 => {
                input += &format!("{}\n", serde_json::json!({ "id": format!("doc-{i}"), "text": text, "date": "2015-12-08", "src": "x" }));
                want.push(Some(expected(i + 1, Value::String(format!("doc-{i}")), text)));
            }
            3 => {
                input += &format!("{{\"id\": {i}, \"text\": 17}}\n");
                want.push(None);
            }
            _ => {
                input += &format!("{}\r\n", serde_json::json!({ "id": i, "text": text }));
                want.push(Some(expected(i + 1, Value::from(i), text)));
            }
        }
    }
    for threads in ["1", "2"] {
        let out = marsad(&["analyze", "--jsonl"], input.as_bytes(), threads);
        let got = lines(&out);
        assert_eq!(got.len(), want.len());
        for (i, (g, w)) in got.iter().zip(&want).enumerate() {
            match w {
                Some(w) => assert_eq!(g, w, "line {}", i + 1),
                None => {
                    assert_eq!(g["line"], Value::from(i as u64 + 1));
                    assert!(g["error"].as_str().is_some_and(|e| !e.is_empty()), "{g}");
                    assert!(g.get("entities").is_none());
                }
            }
        }
        assert_eq!(got[3]["id"], Value::from(3), "an error record keeps the id when there is one");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("40 lines analyzed (16 errors)"), "the count at the end: {err}");
    }
}

#[test]
fn order_is_kept_across_chunks_and_from_a_file() {
    // More lines than one chunk holds; each line's id says where it came from.
    let n = 9000u64;
    let mut input = String::new();
    for i in 0..n {
        let text = if i % 97 == 0 { TEXTS[0] } else { "نص قصير" };
        input += &format!("{}\n", serde_json::json!({ "id": i, "text": text }));
    }
    let dir = std::env::temp_dir().join(format!("marsad-batch-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let f = dir.join("in.jsonl");
    std::fs::write(&f, &input).unwrap();
    let out = marsad(&["analyze", "--jsonl", f.to_str().unwrap()], b"", "2");
    let got = lines(&out);
    assert_eq!(got.len() as u64, n);
    for (i, g) in got.iter().enumerate() {
        assert_eq!((g["line"].as_u64(), g["id"].as_u64()), (Some(i as u64 + 1), Some(i as u64)));
    }
    assert_eq!(got[97]["entities"][0]["text"], "سيرغي لافروف");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn invalid_utf8_on_one_line_is_an_error_record_and_the_rest_goes_on() {
    let mut input = b"\xff\xfe bad\n".to_vec();
    input.extend_from_slice("قال لافروف: «نعم»".as_bytes());
    let got = lines(&marsad(&["analyze", "--jsonl", "-"], &input, "2"));
    assert_eq!(got.len(), 2, "the last line needs no line break");
    assert!(got[0]["error"].as_str().unwrap().contains("UTF-8"));
    assert_eq!(got[1]["entities"][0]["text"], "لافروف");
}

#[test]
fn batch_errors_are_one_line_and_status_2() {
    let out = marsad(&["analyze", "--jsonl", "--pretty"], b"", "1");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--pretty does not go with --jsonl"));
    let out = marsad(&["analyze", "--jsonl", "/nonexistent/marsad.jsonl"], b"", "1");
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let out = marsad(&["analyze", "--jsonl"], b"", "1");
    assert_eq!(lines(&out).len(), 0, "empty input, empty output");
}
