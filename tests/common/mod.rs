//! Shared by the integration tests: every invariant of one analysis, as one checker, and a runner
//! of the `marsad` binary. Each test crate uses part of it.
#![allow(dead_code)]

use marsad::Analysis;

/// The UTF-16 code units of `s`.
pub fn utf16(s: &str) -> Vec<u16> {
    s.encode_utf16().collect()
}

/// Checks one span against the text; returns a description of what is wrong.
fn check_span(units: &[u16], what: &str, start: u32, end: u32, text: &str) -> Result<(), String> {
    let (s, e) = (start as usize, end as usize);
    if s > e || e > units.len() {
        return Err(format!("{what} {start}..{end} outside the text (length {})", units.len()));
    }
    let is_low = |i: usize| i < units.len() && (0xDC00..0xE000).contains(&units[i]);
    if is_low(s) || is_low(e) {
        return Err(format!("{what} {start}..{end} splits a surrogate pair"));
    }
    let slice = String::from_utf16(&units[s..e]).map_err(|_| format!("{what} {start}..{end} is not valid UTF-16"))?;
    if slice != text {
        return Err(format!("{what} {start}..{end} slices {slice:?}, but its text is {text:?}"));
    }
    Ok(())
}

/// Every invariant of one analysis of `src`.
pub fn check(src: &str, a: &Analysis) -> Result<(), String> {
    let u = utf16(src);
    // Names never overlap names, expressions never overlap expressions; an expression may only
    // contain whole MISC or LOC names, and comes before them.
    let (mut prev_name, mut prev_expr, mut prev_start) = (0, 0, 0);
    let mut open_expr: Option<(u32, u32)> = None;
    for (i, e) in a.entities.iter().enumerate() {
        check_span(&u, "entity", e.start, e.end, &e.text)?;
        if e.start >= e.end {
            return Err(format!("entity {i} is empty"));
        }
        if e.start < prev_start {
            return Err(format!("entity {i} at {} precedes the previous one", e.start));
        }
        prev_start = e.start;
        if e.label.is_name() {
            if e.start < prev_name {
                return Err(format!("name {i} at {} overlaps the previous name (ending at {prev_name})", e.start));
            }
            prev_name = e.end;
            if e.start < prev_expr {
                let inside = open_expr.is_some_and(|(s, t)| s <= e.start && e.end <= t);
                if !inside || !matches!(e.label, marsad::Label::MISC | marsad::Label::LOC) {
                    return Err(format!("name {i} at {}..{} cuts an expression", e.start, e.end));
                }
            }
        } else {
            if e.start < prev_expr || e.start < prev_name {
                return Err(format!("expression {i} at {} overlaps the previous entity", e.start));
            }
            prev_expr = e.end;
            open_expr = Some((e.start, e.end));
        }
        match e.cluster {
            Some(c) if c as usize >= a.clusters.len() => return Err(format!("entity {i} names cluster {c} of {}", a.clusters.len())),
            None if e.label.is_name() => return Err(format!("name {i} has no cluster")),
            Some(_) if !e.label.is_name() => return Err(format!("expression {i} has a cluster")),
            _ => {}
        }
    }
    for (i, c) in a.clusters.iter().enumerate() {
        if c.id as usize != i {
            return Err(format!("cluster {i} has id {}", c.id));
        }
        for m in &c.mentions {
            check_span(&u, "cluster mention", m.start, m.end, &m.text)?;
        }
    }
    for q in &a.quotes {
        check_span(&u, "quote", q.start, q.end, &q.text)?;
        if let Some(c) = &q.cue {
            check_span(&u, "cue", c.start, c.end, &c.text)?;
        }
        if let Some(s) = &q.speaker {
            check_span(&u, "speaker", s.start, s.end, &s.text)?;
            if let Some(c) = s.cluster {
                if c as usize >= a.clusters.len() {
                    return Err(format!("speaker names cluster {c} of {}", a.clusters.len()));
                }
            }
        }
    }
    Ok(())
}

/// Runs the `marsad` binary with `args`, `stdin` on its standard input and `envs` set, and waits
/// for it. The input is written from another thread, since the output may fill the pipe before all
/// the input is read.
#[cfg(not(target_arch = "wasm32"))]
pub fn run_marsad(args: &[&str], stdin: &[u8], envs: &[(&str, &str)]) -> std::process::Output {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_marsad"))
        .args(args)
        .envs(envs.iter().copied())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the marsad binary runs");
    let mut input = child.stdin.take().unwrap();
    let data = stdin.to_vec();
    let writer = std::thread::spawn(move || {
        input.write_all(&data).ok();
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    out
}
