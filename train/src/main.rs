//! `marsad-train`: builds marsad's entity model (`model/ner.bin`) from `../shared/data`,
//! cross-validates it, and evaluates the shipped one. Native only, never shipped; deterministic
//! (fixed seeds, sorted outputs), so the committed model is rebuilt bit for bit.
//!
//! Modules, in the order data flows: `corpus` (CoNLL and gold articles as tagged sequences),
//! `news` (clusters and context counts from the unlabeled news), `orgs` (organization names and
//! aliases mined from the same news), `wordlists` and `lexicon` (the
//! model's lexicon), `learn` and `crf` (features → CRF → quantized weights), `write` (the model
//! file), `cv` (cross-validation), `eval` (conlleval-style scoring, as tools/score.py does it).
//! `latin` builds and measures the tables of names in Latin script (`model/latin.bin`).

mod corpus;
mod crf;
mod cv;
mod eval;
mod learn;
mod latin;
mod lexicon;
mod news;
mod orgs;
mod speaker;
#[cfg(test)]
mod tests;
mod wordlists;
mod write;

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

const USAGE: &str = "usage: marsad-train [model] [OPTIONS]     train on ../shared/data, write OUT/ner.bin
       marsad-train cv K [OPTIONS]        K-fold cross-validation (writes nothing under model/)
       marsad-train eval --conll FILE | --docs DIR [--errors]
                                          score the shipped model
       marsad-train orgs                  mine the organization names and aliases of the news
                                          (cached in the cache directory)
       marsad-train latin [--measure] [--all-names] [--shared DIR] [--out DIR]
                                          names in Latin script: write OUT/latin.bin, or
                                          (--measure) score tables built without a held-out 5%
       marsad-train speaker [--ner FILE] [--cv K]
                                          train the speaker ranker on the annotated news
                                          (OUT/speaker.bin), or cross-validate it in K folds;
                                          candidates come from the shipped entity model or FILE
options:
  --shared DIR        the shared data (default ../shared/data; MARSAD_SHARED overrides)
  --out DIR           where ner.bin goes (default model)
  --cache DIR         news statistics cache and CV outputs (default target/ner-cache)
  --c2 X              the CRF's L2 weight (default 3)
  --crf-iters N       L-BFGS iterations at most (default 100)
  --max-features N    weights kept (default 80000)
  --clusters N        fine word clusters (default 512)
  --min-count N       news count for a word to get a cluster (default 5)
  --no-news-train     ANERcorp train only
  --no-orgs           no organization names or aliases mined from the news
  --pool DIR          gold of the annotated pool articles (default annotation/gold)
  --no-pool           train on news-train only (the pool articles are still scored in cv)
  --news-articles N   train on at most N annotated news articles (learning curve)";

/// Training settings.
#[derive(Clone, Debug)]
pub struct Config {
    pub shared: PathBuf,
    pub out: PathBuf,
    pub cache: PathBuf,
    pub max_features: usize,
    pub clusters: usize,
    pub coarse: usize,
    pub min_news_count: u32,
    pub no_news_train: bool,
    /// Gold of the annotated pool articles (annotation/gold), and whether to leave them out.
    pub pool: PathBuf,
    pub no_pool: bool,
    /// Train on at most this many annotated news articles (a learning curve).
    pub news_articles: Option<usize>,
    /// The CRF's L2 weight and its L-BFGS iterations (at most).
    pub crf_c2: f64,
    pub crf_iters: usize,
    /// Leave the organization evidence mined from the news out of the lexicon.
    pub no_orgs: bool,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            shared: PathBuf::from("../shared/data"),
            out: PathBuf::from("model"),
            cache: PathBuf::from("target/ner-cache"),
            max_features: 80_000,
            clusters: 512,
            coarse: 48,
            min_news_count: 5,
            no_news_train: false,
            pool: PathBuf::from("annotation/gold"),
            no_pool: false,
            news_articles: None,
            crf_c2: 3.0,
            crf_iters: 100,
            no_orgs: false,
        }
    }
}

enum Command {
    Model,
    Cv(usize),
    Eval(Vec<String>),
    /// `orgs`: mine the organization evidence of the news (cached) and say how much there is.
    Orgs,
    /// `latin`: measure (held-out 5%, writes nothing), keep all parts and full names (no news pruning).
    Latin { measure: bool, all_names: bool },
    /// `speaker`: train the speaker ranker with this entity model (default the shipped one), or
    /// cross-validate it in K folds.
    Speaker { ner: Option<PathBuf>, cv: Option<usize> },
}

fn parse(args: impl IntoIterator<Item = std::ffi::OsString>) -> Result<(Command, Config), lexopt::Error> {
    use lexopt::prelude::*;
    let mut cfg = Config::default();
    if let Some(s) = std::env::var_os("MARSAD_SHARED") {
        cfg.shared = PathBuf::from(s);
    }
    let mut cmd = Command::Model;
    let mut p = lexopt::Parser::from_args(args);
    while let Some(arg) = p.next()? {
        if let Command::Eval(rest) = &mut cmd {
            // `eval` takes its own arguments as they come.
            rest.push(match arg {
                Long(s) => format!("--{s}"),
                Value(v) => v.string()?,
                Short(c) => format!("-{c}"),
            });
            continue;
        }
        match arg {
            Long("shared") => cfg.shared = p.value()?.into(),
            Long("out") => cfg.out = p.value()?.into(),
            Long("cache") => cfg.cache = p.value()?.into(),
            Long("c2") => cfg.crf_c2 = p.value()?.parse::<f64>()?.max(1e-6),
            Long("crf-iters") => cfg.crf_iters = p.value()?.parse()?,
            Long("max-features") => cfg.max_features = p.value()?.parse()?,
            Long("clusters") => cfg.clusters = p.value()?.parse()?,
            Long("min-count") => cfg.min_news_count = p.value()?.parse()?,
            Long("no-news-train") => cfg.no_news_train = true,
            Long("no-orgs") => cfg.no_orgs = true,
            Long("pool") => cfg.pool = p.value()?.into(),
            Long("no-pool") => cfg.no_pool = true,
            Long("news-articles") => cfg.news_articles = Some(p.value()?.parse()?),
            Long("measure") if matches!(cmd, Command::Latin { .. }) => {
                if let Command::Latin { measure, .. } = &mut cmd {
                    *measure = true;
                }
            }
            Long("all-names") if matches!(cmd, Command::Latin { .. }) => {
                if let Command::Latin { all_names, .. } = &mut cmd {
                    *all_names = true;
                }
            }
            Long("ner") if matches!(cmd, Command::Speaker { .. }) => {
                if let Command::Speaker { ner, .. } = &mut cmd {
                    *ner = Some(p.value()?.into());
                }
            }
            Long("cv") if matches!(cmd, Command::Speaker { .. }) => {
                if let Command::Speaker { cv, .. } = &mut cmd {
                    *cv = Some(p.value()?.parse()?);
                }
            }
            Long("help") | Short('h') => {
                println!("{USAGE}");
                std::process::exit(0);
            }
            Value(v) if v == "model" => cmd = Command::Model,
            Value(v) if v == "cv" => cmd = Command::Cv(p.value()?.parse()?),
            Value(v) if v == "eval" => cmd = Command::Eval(Vec::new()),
            Value(v) if v == "orgs" => cmd = Command::Orgs,
            Value(v) if v == "speaker" => cmd = Command::Speaker { ner: None, cv: None },
            Value(v) if v == "latin" => cmd = Command::Latin { measure: false, all_names: false },
            _ => return Err(arg.unexpected()),
        }
    }
    // ../shared/data relative to the repo root; accept ../shared too.
    if cfg.shared.join("data/anercorp").is_dir() {
        cfg.shared = cfg.shared.join("data");
    }
    Ok((cmd, cfg))
}

fn main() -> ExitCode {
    let result = match parse(std::env::args_os().skip(1)) {
        Err(e) => Err(format!("{e} (try 'marsad-train --help')")),
        Ok((Command::Eval(args), _)) => eval::run(&args),
        Ok((Command::Cv(k), cfg)) if k >= 2 => corpus::read_conll(&cfg.shared.join("anercorp/train.txt")).and_then(|sents| cv::cross_validate(&cfg, k, &sents)),
        Ok((Command::Cv(_), _)) => Err("cv needs K ≥ 2 folds".to_string()),
        Ok((Command::Model, cfg)) => train(&cfg),
        Ok((Command::Orgs, cfg)) => news::news_stats(&cfg).and_then(|news| orgs::org_evidence(&cfg, &news)).map(|o| println!("{} organization phrases, {} aliases", o.phrases.len(), o.words.len())),
        Ok((Command::Latin { measure, all_names }, cfg)) => latin::run(&cfg.shared, &cfg.out, measure, all_names),
        Ok((Command::Speaker { ner, cv }, cfg)) if cv.map_or(true, |k| k >= 2) => speaker::run(&cfg, ner.as_deref(), cv),
        Ok((Command::Speaker { .. }, _)) => Err("speaker --cv needs K ≥ 2 folds".to_string()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(msg) => {
            eprintln!("marsad-train: {msg}");
            ExitCode::from(2)
        }
    }
}

/// Trains on all of ANERcorp train and news-train and writes the model.
fn train(cfg: &Config) -> Result<(), String> {
    let t0 = Instant::now();
    let sents = corpus::read_conll(&cfg.shared.join("anercorp/train.txt"))?;
    let docs = corpus::news_docs(cfg)?;
    let articles: Vec<corpus::Article> = docs.iter().map(|d| d.article.clone()).collect();
    let seqs = cv::training_seqs(cfg, &sents, 0..0, &articles, cv::doc_filter(cfg, &docs, None));
    eprintln!("training sequences: {} ({} tokens)", seqs.len(), seqs.iter().map(|s| s.toks.len()).sum::<usize>());
    let news = news::news_stats(cfg)?;
    let lex = lexicon::build_lexicon(cfg, &news, &seqs)?;
    eprintln!("lexicon: {} words, {} phrases", lex.len(), lex.phrase_entries().len());
    let model = learn::train_model(cfg, &seqs, lex);
    let bytes = write::model_bytes(&model);
    std::fs::create_dir_all(&cfg.out).map_err(|e| format!("cannot create {}: {e}", cfg.out.display()))?;
    let p = cfg.out.join("ner.bin");
    std::fs::write(&p, &bytes).map_err(|e| format!("cannot write {}: {e}", p.display()))?;
    eprintln!("wrote {} ({} bytes) in {:.1}s", p.display(), bytes.len(), t0.elapsed().as_secs_f32());
    Ok(())
}
