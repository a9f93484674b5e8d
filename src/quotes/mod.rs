//! Quotes and their speakers: direct quotes (in marks, or after a cue and a colon), reported
//! speech (indirect), and headline statements (`SPEAKER: statement`).
//!
//! The pipeline, all linear in the number of tokens:
//! 1. [`marks::pair`] pairs quotation marks per paragraph (outermost pairs only).
//! 2. Every token is looked up once in the cue lexicon ([`vocab::cue`]): reporting verbs in
//!    every person and tense, participles (مضيفا, قائلة), and source markers (بحسب, وفق)
//!    ([`context`]).
//! 3. Each pair is kept or rejected (names, titles and terms in marks are rejected), and gets
//!    its cue: the nearest one before it in the sentence, or one right after it ([`candidates`]).
//! 4. Colon speech (وقال بوفون: ...), reported speech (cue + أن/إن/على + clause) and headline
//!    lines are found from the cues and the line structure ([`candidates`]).
//! 5. Speakers are resolved in text order ([`speaker`]): the cue's subject after it (titles and
//!    roles skipped to the name), or before it, or — for a cue with no written subject — the
//!    earlier speaker that agrees with the cue in gender.
//!
//! Modules, in the order they run: [`context`] (the shared view of the document),
//! [`marks`], [`candidates`] (quote candidates), [`speaker`] (speaker candidates, the choice per
//! cue, the history of speakers, canonical names).
//!
//! See docs/quotes.md for the rules and the measured figures.

mod candidates;
mod context;
mod coref;
pub mod marks;
pub mod rank;
mod speaker;

use crate::clusters::Clusters;
#[cfg(test)]
use crate::ner::tags::Label;
use serde::{Deserialize, Serialize};
#[cfg(target_arch = "wasm32")]
use tsify::Tsify;
use crate::ner::Mention;
use crate::text::Doc;
#[cfg(doc)]
use crate::vocab;
use context::{Ctx, NONE};
use std::ops::Range;

/// What kind of quote.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(Tsify))]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    /// Words inside quotation marks, or first-person speech after a cue and a colon.
    Direct,
    /// Reported speech: a cue verb and أن / إن / على and the reported clause.
    Indirect,
    /// A line of the form `SPEAKER: statement`.
    Headline,
}

/// A quote found in the text, in byte offsets.
#[derive(Clone, Debug)]
pub struct Found {
    pub span: Range<usize>,
    pub kind: QuoteKind,
    pub cue: Option<Range<usize>>,
    pub speaker: Option<FoundSpeaker>,
    /// How the rules found the speaker: bit 0 written at the quote's cue (or a headline's),
    /// bit 1 a name (not a description). A feature of the speaker ranker.
    pub how: u8,
}

/// A quote's speaker, in byte offsets.
#[derive(Clone, Debug)]
pub struct FoundSpeaker {
    pub span: Range<usize>,
    pub canonical: String,
    pub cluster: Option<usize>,
}

/// Finds quotes in the document: direct, indirect and headline, each with its cue and speaker.
/// The speakers are the rules' choices, reranked by the shipped speaker ranker ([`rank`]).
pub fn find(doc: &Doc, mentions: &[Mention], clusters: &Clusters) -> Vec<Found> {
    find_with(doc, mentions, clusters, rank::Ranker::shipped().as_ref())
}

/// [`find`] with another speaker ranker, or none (the rules alone).
pub fn find_with(doc: &Doc, mentions: &[Mention], clusters: &Clusters, ranker: Option<&rank::Ranker>) -> Vec<Found> {
    let Some((ctx, ents, mut found)) = by_rules(doc, mentions, clusters) else { return Vec::new() };
    if let Some(r) = ranker {
        rank::rerank(&ctx, &ents, &mut found, r);
    }
    found
}

/// The quotes with the rules' speakers, and each quote's speaker candidates for the ranker
/// (what `marsad-train speaker` learns from).
pub fn with_candidates(doc: &Doc, mentions: &[Mention], clusters: &Clusters) -> (Vec<Found>, Vec<Vec<rank::Candidate>>) {
    match by_rules(doc, mentions, clusters) {
        Some((ctx, ents, found)) => {
            let c = rank::candidates(&ctx, &ents, &found);
            (found, c)
        }
        None => (Vec::new(), Vec::new()),
    }
}

/// The rules' quotes and speakers, with the document's view and its speaking entities.
fn by_rules<'a>(doc: &'a Doc, mentions: &'a [Mention], clusters: &'a Clusters) -> Option<(Ctx<'a>, Vec<Option<coref::Entity>>, Vec<Found>)> {
    if doc.tokens.is_empty() {
        return None;
    }
    let mut ctx = Ctx::new(doc, mentions, clusters);
    let pairs = marks::pair(doc.src, &doc.tokens);
    let (cands, in_quote) = candidates::collect(&ctx, &pairs);
    ctx.quoted = in_quote;
    let mut found = speaker::resolve(&ctx, cands);
    let ents = coref::entities(&ctx);
    coref::resolve(&ctx, &ents, &mut found);
    Some((ctx, ents, found))
}

#[cfg(test)]
mod tests;
