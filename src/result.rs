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
    /// Entities in text order: names (PER, LOC, ORG, MISC) never overlap each other, nor do
    /// expressions (DATE, TIME, MONEY, PERCENT, QUANTITY); an expression may contain a MISC or LOC
    /// name (the currency in 5 مليارات دولار) and then comes first.
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
    /// Start of the mention, in UTF-16 code units (attached proclitics such as و and ل are outside).
    pub start: u32,
    /// End of the mention (exclusive), in UTF-16 code units.
    pub end: u32,
    /// The mention as written: `text.slice(start, end)`.
    pub text: String,
    /// Person, place, organization or other name.
    pub label: Label,
    /// The id of the cluster this name belongs to (see [`Analysis::clusters`]); `null` for DATE,
    /// TIME, MONEY, PERCENT and QUANTITY.
    #[cfg_attr(target_arch = "wasm32", tsify(type = "number | null"))]
    pub cluster: Option<u32>,
    /// The normalized value of a DATE, TIME, MONEY, PERCENT or QUANTITY (absent for names, and
    /// for a relative date when no document date was given).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional, type = "string | number | Money"))]
    pub value: Option<Value>,
}

/// The value of an expression: ISO 8601 for DATE and TIME (`2015-11-24`, `2015-11`, `2017`,
/// `XXXX-06-05`, `2018-W24`, `2019-H2`, `P3M`, `PT7H45M`, `T10:30`, `2018-07-28TEV`; a Hijri year or
/// month as an interval of civil dates), an amount and ISO 4217 currency for MONEY, a number for
/// PERCENT and QUANTITY.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Value {
    Text(String),
    Money(Money),
    Number(Number),
}

/// An amount of money: `{"amount": 5000000000, "currency": "USD"}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(Tsify))]
pub struct Money {
    /// The amount in units of the currency (خمسة مليارات دولار → 5000000000).
    #[cfg_attr(target_arch = "wasm32", tsify(type = "number"))]
    pub amount: Number,
    /// ISO 4217 code.
    pub currency: String,
}

/// A number of a value. Whole numbers are written without a fraction (`5000000000`, not
/// `5000000000.0`). Equality is bitwise, so a value can be compared and hashed.
#[derive(Clone, Copy, Debug)]
pub struct Number(pub f64);

impl PartialEq for Number {
    fn eq(&self, o: &Number) -> bool {
        self.0.to_bits() == o.0.to_bits()
    }
}

impl Eq for Number {}

impl Serialize for Number {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let x = self.0;
        if x.fract() == 0.0 && x.abs() < 9_007_199_254_740_992.0 {
            s.serialize_i64(x as i64)
        } else {
            s.serialize_f64(x)
        }
    }
}

impl<'de> Deserialize<'de> for Number {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Number, D::Error> {
        f64::deserialize(d).map(Number)
    }
}

/// Who said a quote: the mention nearest the quote that designates the speaker.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Speaker {
    /// Start of the speaker's mention nearest the quote, in UTF-16 code units.
    pub start: u32,
    /// End of that mention (exclusive), in UTF-16 code units.
    pub end: u32,
    /// That mention as written (a name, or a description such as مصدر أمني).
    pub text: String,
    /// The longest name of that person or organization in the text (or the description).
    pub canonical: String,
    /// The speaker's cluster id, when the speaker is a named entity.
    #[cfg_attr(target_arch = "wasm32", tsify(type = "number | null"))]
    pub cluster: Option<u32>,
}

/// One quote and its speaker. The span is the quoted content: inside the quotation marks for a
/// direct quote, the reported clause for an indirect one, the statement after `SPEAKER:` for a
/// headline.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Quote {
    /// Start of the quoted content, in UTF-16 code units.
    pub start: u32,
    /// End of the quoted content (exclusive), in UTF-16 code units.
    pub end: u32,
    /// The quoted content: `text.slice(start, end)`.
    pub text: String,
    /// Direct, indirect (reported speech) or headline.
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
    /// The cluster's id, as in [`Entity::cluster`] and [`Speaker::cluster`]: its index in
    /// [`Analysis::clusters`].
    pub id: u32,
    /// The label of its mentions.
    pub label: Label,
    /// The longest name used for it in the text.
    pub canonical: String,
    /// Every mention, in text order.
    pub mentions: Vec<Span>,
    /// Roles and titles the text gives it (وزير الخارجية الروسي), in order of first use.
    pub roles: Vec<String>,
    /// Descriptions that designate it as a quote's speaker (وقال الوزير, وأضافت المحكمة), in
    /// text order; each is a quote's `speaker` span whose `cluster` is this one.
    pub descriptions: Vec<Span>,
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
