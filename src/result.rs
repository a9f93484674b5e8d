//! The analysis result: one set of types, serialized identically by the command line (JSON) and
//! the JS API (plain objects). All offsets are UTF-16 code units into the analyzed text, so in JS
//! `text.slice(start, end) === item.text`.

pub use crate::ner::tags::Label;
pub use crate::quotes::QuoteKind;
use serde::{Deserialize, Serialize};

#[cfg(target_arch = "wasm32")]
use tsify::Tsify;

/// Everything marsad found in one text.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Analysis {
    /// Named entities, in text order, never overlapping.
    pub entities: Vec<Entity>,
    /// Quotes (direct, indirect, headline), in text order.
    pub quotes: Vec<Quote>,
    /// Groups of mentions that name the same person, place or organization.
    pub clusters: Vec<Cluster>,
}

/// A span of the text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Span {
    /// Start, in UTF-16 code units.
    pub start: u32,
    /// End (exclusive), in UTF-16 code units.
    pub end: u32,
    /// The text between `start` and `end`.
    pub text: String,
}

/// One entity mention.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Entity {
    pub start: u32,
    pub end: u32,
    pub text: String,
    pub label: Label,
    /// The id of the cluster this mention belongs to (see [`Analysis::clusters`]).
    pub cluster: u32,
}

/// Who said a quote: the mention nearest the quote that designates the speaker.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Speaker {
    pub start: u32,
    pub end: u32,
    pub text: String,
    /// The longest name of that person or organization in the text (or the description).
    pub canonical: String,
    /// The speaker's cluster id, when the speaker is a named entity.
    #[cfg_attr(target_arch = "wasm32", tsify(type = "number | null"))]
    pub cluster: Option<u32>,
}

/// One quote and its speaker.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Quote {
    /// The quoted content (inside the marks, for a direct quote).
    pub start: u32,
    pub end: u32,
    pub text: String,
    pub kind: QuoteKind,
    /// The reporting verb or marker, when there is one.
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Span | null"))]
    pub cue: Option<Span>,
    /// The speaker, when one was found.
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Speaker | null"))]
    pub speaker: Option<Speaker>,
}

/// The mentions of one person, place or organization.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Cluster {
    pub id: u32,
    pub label: Label,
    /// The longest name used for it in the text.
    pub canonical: String,
    /// Every mention, in text order.
    pub mentions: Vec<Span>,
    /// Roles and titles the text gives it (وزير الخارجية الروسي), in order of first use.
    pub roles: Vec<String>,
    /// A person's name in Latin script (`Sergey Lavrov`); people only (see [`crate::latin`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub latin: Option<String>,
    /// Where `latin` came from, present with it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub latin_source: Option<LatinSource>,
}

/// Where a person's Latin name came from: the whole name in the list of full names (Wikidata),
/// its words all known name parts, or letter rules for at least one word.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(Tsify))]
#[serde(rename_all = "lowercase")]
pub enum LatinSource {
    List,
    Parts,
    Rule,
}
