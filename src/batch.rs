//! `marsad analyze --jsonl [FILE]`: one analysis per input line, on every core, in input order.
//! Part of the command line (native only), not of the library.
//!
//! Each line is a JSON object `{"id": ..., "text": "...", "date": "YYYY-MM-DD"}` (other fields are
//! ignored) or, when it does not start with `{`, plain text. Each output line is
//! `{"line": N, "id": ..., "entities": [...], "quotes": [...], "clusters": [...]}` — the JSON of
//! `marsad analyze` with the 1-based input line number and the input's id (`null` for plain text)
//! in front — or, for a line that cannot be analyzed (malformed JSON, no string `text`, invalid
//! UTF-8, longer than [`MAX_LINE`]), `{"line": N, "id": ..., "error": "..."}`; processing goes on.
//!
//! Memory stays bounded on any input: lines are read in chunks of at most [`CHUNK_LINES`] lines
//! and [`CHUNK_BYTES`] bytes; while one chunk is analyzed in parallel (rayon; `RAYON_NUM_THREADS`
//! sets the threads), the results of the previous one are written and the next one is read.

use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use serde::Deserialize;
use serde_json::Value;
use std::io::{BufRead, BufReader, BufWriter, IsTerminal, Read, Write};
use std::time::Instant;

/// Lines per chunk at most.
pub const CHUNK_LINES: usize = 4096;
/// Input bytes per chunk at most (a chunk always holds at least one line).
pub const CHUNK_BYTES: usize = 4 << 20;
/// A longer line is not analyzed: it gets an error record (and is skipped without being kept).
pub const MAX_LINE: usize = 16 << 20;

/// One input line: its number and bytes (without the line break), or `None` when it was too long.
struct Line {
    n: u64,
    bytes: Option<Vec<u8>>,
}

#[derive(Deserialize)]
struct Record {
    #[serde(default)]
    id: Option<Value>,
    #[serde(default)]
    text: Option<Value>,
    #[serde(default)]
    date: Option<Value>,
}

/// Totals for the closing count.
#[derive(Default)]
struct Totals {
    lines: u64,
    errors: u64,
    bytes: u64,
}

fn error_record(n: u64, id: &Value, msg: &str) -> String {
    let msg = serde_json::to_string(msg).unwrap_or_else(|_| "\"?\"".to_string());
    format!("{{\"line\":{n},\"id\":{id},\"error\":{msg}}}")
}

/// `options` with the record's `date`, when `marsad::Options` has such a field; without it, the
/// date is ignored (the issue's `date` option may not exist yet).
fn with_date(options: &marsad::Options, date: &Value) -> Result<marsad::Options, String> {
    let mut v = serde_json::to_value(options).map_err(|e| e.to_string())?;
    if let Value::Object(m) = &mut v {
        m.insert("date".to_string(), date.clone());
    }
    match serde_json::from_value::<marsad::Options>(v) {
        Ok(o) => Ok(o),
        Err(e) if e.to_string().contains("unknown field `date`") => Ok(options.clone()),
        Err(e) => Err(format!("bad \"date\": {e}")),
    }
}

/// The output line for one input line (no line break). Returns whether it is an error record.
fn process(line: &Line, options: &marsad::Options) -> (String, bool) {
    let n = line.n;
    let Some(bytes) = &line.bytes else {
        return (error_record(n, &Value::Null, &format!("line longer than {} MiB, not analyzed", MAX_LINE >> 20)), true);
    };
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => return (error_record(n, &Value::Null, &format!("not valid UTF-8 (invalid byte at offset {})", e.valid_up_to())), true),
    };
    let (id, text, options) = if text.trim_start().starts_with('{') {
        let r: Record = match serde_json::from_str(text) {
            Ok(r) => r,
            Err(e) => return (error_record(n, &Value::Null, &format!("malformed JSON: {e}")), true),
        };
        let id = r.id.unwrap_or(Value::Null);
        let text = match r.text {
            Some(Value::String(s)) => s,
            Some(_) => return (error_record(n, &id, "\"text\" must be a string"), true),
            None => return (error_record(n, &id, "no \"text\" field"), true),
        };
        let options = match r.date.as_ref().filter(|d| !d.is_null()) {
            Some(d) => match with_date(options, d) {
                Ok(o) => o,
                Err(e) => return (error_record(n, &id, &e), true),
            },
            None => options.clone(),
        };
        (id, std::borrow::Cow::Owned(text), options)
    } else {
        (Value::Null, std::borrow::Cow::Borrowed(text), options.clone())
    };
    let result = marsad::analyze(&text, &options);
    match serde_json::to_string(&result) {
        // `{"entities":...}` with the line number and id spliced in front.
        Ok(json) => (format!("{{\"line\":{n},\"id\":{id},{}", &json[1..]), false),
        Err(e) => (error_record(n, &id, &format!("cannot serialize the result: {e}")), true),
    }
}

/// Reads up to one chunk of lines; an empty chunk means the input is over.
fn read_chunk(input: &mut dyn BufRead, next_line: &mut u64) -> std::io::Result<(Vec<Line>, u64)> {
    let (mut lines, mut bytes) = (Vec::new(), 0u64);
    while lines.len() < CHUNK_LINES && (bytes as usize) < CHUNK_BYTES {
        let mut buf = Vec::new();
        let got = Read::take(&mut *input, MAX_LINE as u64 + 1).read_until(b'\n', &mut buf)?;
        if got == 0 {
            break;
        }
        bytes += got as u64;
        *next_line += 1;
        let complete = buf.last() == Some(&b'\n');
        if buf.len() > MAX_LINE && !complete {
            // Too long: skip to the end of the line without keeping it.
            drop(buf);
            loop {
                let chunk = input.fill_buf()?;
                if chunk.is_empty() {
                    break;
                }
                match chunk.iter().position(|&b| b == b'\n') {
                    Some(i) => {
                        input.consume(i + 1);
                        bytes += i as u64 + 1;
                        break;
                    }
                    None => {
                        let l = chunk.len();
                        input.consume(l);
                        bytes += l as u64;
                    }
                }
            }
            lines.push(Line { n: *next_line, bytes: None });
            continue;
        }
        if complete {
            buf.pop();
            if buf.last() == Some(&b'\r') {
                buf.pop();
            }
        }
        lines.push(Line { n: *next_line, bytes: Some(buf) });
    }
    Ok((lines, bytes))
}

fn write_all(out: &mut dyn Write, results: &[(String, bool)]) -> std::io::Result<()> {
    for (json, _) in results {
        out.write_all(json.as_bytes())?;
        out.write_all(b"\n")?;
    }
    out.flush()
}

/// Runs the batch over `file` (standard input when `None` or `-`).
pub fn run(file: Option<&str>, options: &marsad::Options) -> Result<(), String> {
    let t0 = Instant::now();
    let (mut input, size): (Box<dyn BufRead + Send>, Option<u64>) = match file.filter(|&f| f != "-") {
        Some(path) => {
            let f = std::fs::File::open(path).map_err(|e| format!("cannot read {path}: {e}"))?;
            let size = f.metadata().ok().filter(|m| m.is_file()).map(|m| m.len());
            if f.metadata().is_ok_and(|m| m.is_dir()) {
                return Err(format!("cannot read {path}: it is a directory"));
            }
            (Box::new(BufReader::with_capacity(1 << 20, f)), size)
        }
        None => (Box::new(BufReader::with_capacity(1 << 20, std::io::stdin())), None),
    };
    let name = file.filter(|&f| f != "-").unwrap_or("standard input").to_string();
    let bar = if std::io::stderr().is_terminal() {
        let bar = match size {
            Some(n) => ProgressBar::new(n).with_style(
                ProgressStyle::with_template("{bar:40} {bytes}/{total_bytes} {binary_bytes_per_sec} eta {eta} {msg}").unwrap_or_else(|_| ProgressStyle::default_bar()),
            ),
            None => ProgressBar::new_spinner().with_style(
                ProgressStyle::with_template("{spinner} {bytes} {binary_bytes_per_sec} {msg}").unwrap_or_else(|_| ProgressStyle::default_spinner()),
            ),
        };
        Some(bar)
    } else {
        None
    };
    let mut out = BufWriter::with_capacity(1 << 20, std::io::stdout());
    let mut totals = Totals::default();
    let mut next_line = 0u64;
    let read_err = |e: std::io::Error| format!("cannot read {name}: {e}");
    let (mut chunk, mut chunk_bytes) = read_chunk(&mut input, &mut next_line).map_err(read_err)?;
    let mut done: Vec<(String, bool)> = Vec::new();
    let mut broken_pipe = false;
    loop {
        if chunk.is_empty() && done.is_empty() {
            break;
        }
        // Analyze this chunk while the previous results are written and the next chunk is read.
        let (results, (written, next)) = rayon::join(
            || chunk.par_iter().map(|l| process(l, options)).collect::<Vec<_>>(),
            || {
                let written = if done.is_empty() || broken_pipe { Ok(()) } else { write_all(&mut out, &done) };
                let next = if chunk.is_empty() { Ok((Vec::new(), 0)) } else { read_chunk(&mut input, &mut next_line) };
                (written, next)
            },
        );
        match written {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => broken_pipe = true,
            Err(e) => return Err(format!("cannot write the results: {e}")),
        }
        if broken_pipe {
            break;
        }
        totals.lines += results.len() as u64;
        totals.errors += results.iter().filter(|(_, err)| *err).count() as u64;
        totals.bytes += chunk_bytes;
        if let Some(b) = &bar {
            b.inc(chunk_bytes);
            b.set_message(format!("{} lines", totals.lines));
        }
        done = results;
        (chunk, chunk_bytes) = next.map_err(read_err)?;
    }
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    let secs = t0.elapsed().as_secs_f64();
    eprintln!(
        "marsad: {} lines analyzed ({} errors), {:.1} MB in {secs:.1} s ({:.2} MB/s, {} threads)",
        totals.lines,
        totals.errors,
        totals.bytes as f64 / 1e6,
        totals.bytes as f64 / 1e6 / secs.max(1e-9),
        rayon::current_num_threads()
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(n: u64, s: &str) -> Line {
        Line { n, bytes: Some(s.as_bytes().to_vec()) }
    }

    #[test]
    fn json_lines_plain_lines_and_errors() {
        let o = marsad::Options::default();
        let (j, err) = process(&line(3, r#"{"id": "a1", "text": "قال لافروف: «نعم»", "extra": 1}"#), &o);
        assert!(!err);
        let v: Value = serde_json::from_str(&j).unwrap();
        assert_eq!((v["line"].as_u64(), v["id"].as_str()), (Some(3), Some("a1")));
        assert!(v["entities"].is_array() && v["clusters"].is_array());
        let (j, err) = process(&line(4, "قال لافروف: «نعم»"), &o);
        let v: Value = serde_json::from_str(&j).unwrap();
        assert!(!err && v["id"].is_null() && v["entities"].as_array().unwrap().len() == 1);
        for (bad, needle) in [(r#"{"id": 7, "text": 5}"#, "must be a string"), (r#"{"id": 7}"#, "no \"text\""), ("{not json", "malformed JSON")] {
            let (j, err) = process(&line(5, bad), &o);
            let v: Value = serde_json::from_str(&j).unwrap();
            assert!(err && v["error"].as_str().unwrap().contains(needle), "{j}");
        }
        let (j, err) = process(&Line { n: 6, bytes: Some(vec![0xff, b'a']) }, &o);
        assert!(err && j.contains("UTF-8"));
        let (j, err) = process(&Line { n: 7, bytes: None }, &o);
        assert!(err && j.contains("longer than"));
    }

    #[test]
    fn chunks_keep_line_numbers_and_strip_line_breaks() {
        let mut input: &[u8] = b"a\r\nb\n\nc";
        let mut n = 0;
        let (lines, bytes) = read_chunk(&mut input, &mut n).unwrap();
        let got: Vec<(u64, &[u8])> = lines.iter().map(|l| (l.n, l.bytes.as_deref().unwrap())).collect();
        assert_eq!(got, [(1, &b"a"[..]), (2, b"b"), (3, b""), (4, b"c")]);
        assert_eq!(bytes, 7);
        assert!(read_chunk(&mut input, &mut n).unwrap().0.is_empty());
    }

    #[test]
    fn a_date_is_ignored_until_options_has_one() {
        let o = marsad::Options::default();
        let d = with_date(&o, &Value::String("2015-12-08".into())).unwrap();
        assert_eq!(serde_json::to_value(&d).unwrap()["quotes"], serde_json::to_value(&o).unwrap()["quotes"]);
    }
}
