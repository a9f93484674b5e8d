//! The `marsad` command line: `marsad analyze [FILE] [--pretty] [--no-quotes] [--date YYYY-MM-DD]`
//! prints the same JSON as the JS `analyze()` (standard input when there is no FILE);
//! `marsad analyze --jsonl [FILE]` analyzes one text per line on every core (`batch.rs`);
//! `marsad --version`.

// Native only: rayon and indicatif are not dependencies on wasm32, where this binary is only
// built because `cargo test --target wasm32-unknown-unknown` builds every target.
#[cfg(not(target_arch = "wasm32"))]
mod batch;

use std::io::{Read, Write};
use std::process::ExitCode;

const USAGE: &str = "usage: marsad analyze [FILE] [--pretty] [--no-quotes] [--date YYYY-MM-DD]
       marsad analyze --jsonl [FILE] [--no-quotes]
       marsad --version
Reads FILE (or standard input, when FILE is missing or -) as UTF-8 and prints the analysis as JSON.
--date gives the document's date, against which relative dates (اليوم، الشهر الماضي) are resolved.
With --jsonl, each line is {\"id\": ..., \"text\": ..., \"date\": ...} or plain text, and each output line
is {\"line\": N, \"id\": ..., <the analysis>} or {\"line\": N, \"id\": ..., \"error\": ...}, in input order,
on every core (RAYON_NUM_THREADS sets how many).
(Training and evaluation: cargo run --release -p marsad-train -- --help)";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(msg) => {
            eprintln!("marsad: {msg}");
            ExitCode::from(2)
        }
    }
}

fn run(args: &[String]) -> Result<(), String> {
    match args.first().map(String::as_str) {
        Some("analyze") => analyze(&args[1..]),
        Some("--version" | "-V" | "version") => {
            println!("marsad {}", marsad::VERSION);
            Ok(())
        }
        Some("--help" | "-h" | "help") => {
            println!("{USAGE}");
            Ok(())
        }
        Some(other) => Err(format!("unknown command '{other}' (try 'marsad --help')")),
        None => Err("usage: marsad analyze [FILE] [--pretty] [--no-quotes] [--date YYYY-MM-DD] (try 'marsad --help')".to_string()),
    }
}

fn read_input(file: Option<&str>) -> Result<String, String> {
    let bytes = match file.filter(|&f| f != "-") {
        Some(path) => std::fs::read(path).map_err(|e| format!("cannot read {path}: {e}"))?,
        None => {
            let mut b = Vec::new();
            std::io::stdin().read_to_end(&mut b).map_err(|e| format!("cannot read standard input: {e}"))?;
            b
        }
    };
    String::from_utf8(bytes).map_err(|e| {
        format!("{} is not valid UTF-8 (invalid byte at offset {})", file.unwrap_or("standard input"), e.utf8_error().valid_up_to())
    })
}

fn analyze(args: &[String]) -> Result<(), String> {
    let mut file = None;
    let mut pretty = false;
    let mut jsonl = false;
    let mut options = marsad::Options::default();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--pretty" => pretty = true,
            "--jsonl" => jsonl = true,
            "--no-quotes" => options.quotes = false,
            "--date" => {
                let d = it.next().ok_or("--date needs a date YYYY-MM-DD")?;
                if marsad::temporal::parse_ymd(d).is_none() {
                    return Err(format!("--date must be a date YYYY-MM-DD, not '{d}'"));
                }
                options.date = Some(d.clone());
            }
            s if s.starts_with("--date=") => {
                let d = &s["--date=".len()..];
                if marsad::temporal::parse_ymd(d).is_none() {
                    return Err(format!("--date must be a date YYYY-MM-DD, not '{d}'"));
                }
                options.date = Some(d.to_string());
            }
            s if s.starts_with('-') && s != "-" => return Err(format!("unknown option '{s}' (try 'marsad --help')")),
            s if file.is_none() => file = Some(s),
            s => return Err(format!("unexpected argument '{s}' (try 'marsad --help')")),
        }
    }
    if jsonl {
        if pretty {
            return Err("--pretty does not go with --jsonl (one result per line)".to_string());
        }
        #[cfg(not(target_arch = "wasm32"))]
        return batch::run(file, &options);
        #[cfg(target_arch = "wasm32")]
        return Err("--jsonl needs the native build".to_string());
    }
    let text = read_input(file)?;
    let result = marsad::analyze(&text, &options);
    let json = if pretty { serde_json::to_string_pretty(&result) } else { serde_json::to_string(&result) }
        .map_err(|e| format!("cannot serialize the result: {e}"))?;
    // Not println!: it panics when standard output is closed early (`marsad analyze f | head`).
    let mut out = std::io::stdout().lock();
    match writeln!(out, "{json}").and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(format!("cannot write the result: {e}")),
    }
}
