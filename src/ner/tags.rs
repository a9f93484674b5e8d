//! The recognizer's tags. The model scores BIOES tags ([`Tag`]: O, then Begin, Inside, End,
//! Single for each of PER, LOC, ORG, MISC); decoding gives BIO tags ([`Bio`]: O, then B, I for
//! each label), which is what the rest of the crate and the training data speak. Tags are stored
//! as plain `u8` (they index score arrays); these types say what the numbers mean, in one place.

use serde::{Deserialize, Serialize};
#[cfg(target_arch = "wasm32")]
use tsify::Tsify;

/// An entity label. PER, LOC, ORG and MISC are names (the recognizer's labels, in clusters;
/// [`LABELS`] numbers them for the tags); DATE, TIME, MONEY, PERCENT and QUANTITY are expressions
/// found by rules (`crate::temporal`), with a normalized value. A closed set: a new label would be
/// a breaking change of the result format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(Tsify))]
pub enum Label {
    /// A person.
    PER,
    /// A place: a country, city, region or geographic feature.
    LOC,
    /// An organization: a government body, party, company, agency, team.
    ORG,
    /// Another name (ANERcorp's miscellaneous class): an event, a product, a work and the like.
    MISC,
    /// A date or a duration (ISO 8601 value: 2015-11-24, 2015-11, XXXX-11-24, P3M).
    DATE,
    /// A time of day (ISO 8601 value).
    TIME,
    /// An amount of money (value: amount and ISO 4217 currency).
    MONEY,
    /// A percentage (value: the number).
    PERCENT,
    /// A number of things (value: the number).
    QUANTITY,
}

impl Label {
    pub const ALL: [Label; 9] = [Label::PER, Label::LOC, Label::ORG, Label::MISC, Label::DATE, Label::TIME, Label::MONEY, Label::PERCENT, Label::QUANTITY];
    pub fn as_str(self) -> &'static str {
        match self {
            Label::PER => "PER",
            Label::LOC => "LOC",
            Label::ORG => "ORG",
            Label::MISC => "MISC",
            Label::DATE => "DATE",
            Label::TIME => "TIME",
            Label::MONEY => "MONEY",
            Label::PERCENT => "PERCENT",
            Label::QUANTITY => "QUANTITY",
        }
    }
    pub fn parse(s: &str) -> Option<Label> {
        match s.to_ascii_uppercase().as_str() {
            "PER" | "PERS" | "PERSON" => Some(Label::PER),
            "LOC" | "GPE" | "LOCATION" => Some(Label::LOC),
            "ORG" | "ORGANIZATION" => Some(Label::ORG),
            "MISC" | "MIS" => Some(Label::MISC),
            "DATE" => Some(Label::DATE),
            "TIME" => Some(Label::TIME),
            "MONEY" => Some(Label::MONEY),
            "PERCENT" => Some(Label::PERCENT),
            "QUANTITY" => Some(Label::QUANTITY),
            _ => None,
        }
    }
    /// A name (PER, LOC, ORG, MISC): one of the recognizer's labels, which belongs to a cluster.
    pub fn is_name(self) -> bool {
        matches!(self, Label::PER | Label::LOC | Label::ORG | Label::MISC)
    }
    /// A name label as the recognizer spells it (`PERS` → PER); `None` for the expressions and
    /// unknown labels, which the recognizer neither learns nor scores.
    pub fn parse_name(s: &str) -> Option<Label> {
        Label::parse(s).filter(|l| l.is_name())
    }
}

/// Number of BIOES tags: O and 4 positions × 4 labels.
pub const NTAGS: usize = 17;

/// Labels by index, as the tags number them.
pub const LABELS: [Label; 4] = [Label::PER, Label::LOC, Label::ORG, Label::MISC];

/// Index of the MISC label.
pub const MISC: usize = 3;

/// Position of a BIOES tag inside its entity.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pos {
    Begin = 0,
    Inside = 1,
    End = 2,
    Single = 3,
}

/// A BIOES tag: 0 is O, `1 + 4 × label + position` the others.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tag(pub u8);

impl Tag {
    pub const O: Tag = Tag(0);

    #[inline]
    pub fn new(label: usize, pos: Pos) -> Tag {
        Tag(1 + 4 * label as u8 + pos as u8)
    }
    /// The label index (`None` for O).
    #[inline]
    pub fn label(self) -> Option<usize> {
        (self.0 != 0).then(|| (self.0 as usize - 1) / 4)
    }
    #[inline]
    pub fn pos(self) -> Option<Pos> {
        (self.0 != 0).then(|| [Pos::Begin, Pos::Inside, Pos::End, Pos::Single][(self.0 as usize - 1) % 4])
    }
    /// B or I: the entity goes on after this token.
    #[inline]
    pub fn goes_on(self) -> bool {
        matches!(self.pos(), Some(Pos::Begin | Pos::Inside))
    }
    /// O, B or S: may follow only a tag that does not go on.
    #[inline]
    pub fn starts_fresh(self) -> bool {
        matches!(self.pos(), None | Some(Pos::Begin | Pos::Single))
    }
    /// As a BIO tag: B and S begin, I and E continue.
    #[inline]
    pub fn to_bio(self) -> Bio {
        match (self.label(), self.pos()) {
            (Some(l), Some(Pos::Begin | Pos::Single)) => Bio::new(l, true),
            (Some(l), _) => Bio::new(l, false),
            _ => Bio::O,
        }
    }
}

/// Whether BIOES tag `b` may follow tag `a` (`None`: at the start): I and E only after B or I
/// of their label; O, B and S only after O, E, S or at the start.
#[inline]
pub fn allowed(a: Option<usize>, b: usize) -> bool {
    let (a, b) = (a.map(|a| Tag(a as u8)), Tag(b as u8));
    if b.starts_fresh() {
        return a.is_none_or(|a| !a.goes_on());
    }
    a.is_some_and(|a| a.goes_on() && a.label() == b.label())
}

/// Whether a sequence may end on BIOES tag `t` (not inside an entity).
#[inline]
pub fn may_end(t: usize) -> bool {
    !Tag(t as u8).goes_on()
}

/// A BIO tag: 0 is O, `1 + 2 × label` B, `2 + 2 × label` I.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Bio(pub u8);

impl Bio {
    pub const O: Bio = Bio(0);

    #[inline]
    pub fn new(label: usize, begin: bool) -> Bio {
        Bio(1 + 2 * label as u8 + (!begin) as u8)
    }
    /// The label index (`None` for O).
    #[inline]
    pub fn label(self) -> Option<usize> {
        (self.0 != 0).then(|| (self.0 as usize - 1) / 2)
    }
    #[inline]
    pub fn is_begin(self) -> bool {
        self.0 % 2 == 1
    }
    #[inline]
    pub fn is_inside(self) -> bool {
        self.0 != 0 && self.0 % 2 == 0
    }
}

/// Training tag of a token whose annotation leaves it open: O or any MISC tag (news-train
/// annotates no MISC).
pub const LATENT_O: u8 = 255;
/// Bit on a training tag whose span is optional in the annotation: the tag itself, O or MISC.
pub const LATENT_OPT: u8 = 128;

/// Whether a (BIOES) training tag `gold`, perhaps latent, allows the model tag `t`.
#[inline]
pub fn latent_allows(gold: u8, t: usize) -> bool {
    let o_or_misc = matches!(Tag(t as u8).label(), None | Some(MISC));
    match gold {
        LATENT_O => o_or_misc,
        g if g & LATENT_OPT != 0 => o_or_misc || t == (g & !LATENT_OPT) as usize,
        g => t == g as usize,
    }
}

/// BIO tags (an I after anything but its own label's B or I counts as a B) as BIOES tags.
/// Latent tags stay latent: [`LATENT_O`] as is, [`LATENT_OPT`] kept on the BIOES tag.
pub fn bio_to_bioes(latent: &[u8]) -> Vec<u8> {
    let tags: Vec<Bio> = latent.iter().map(|&t| Bio(if t == LATENT_O { 0 } else { t & !LATENT_OPT })).collect();
    (0..tags.len())
        .map(|i| {
            let Some(l) = tags[i].label() else { return latent[i] };
            let begins = tags[i].is_begin() || i == 0 || tags[i - 1].label() != Some(l);
            let goes_on = tags.get(i + 1).is_some_and(|&n| n.is_inside() && n.label() == Some(l));
            let pos = match (begins, goes_on) {
                (true, true) => Pos::Begin,
                (false, true) => Pos::Inside,
                (false, false) => Pos::End,
                (true, false) => Pos::Single,
            };
            Tag::new(l, pos).0 | (latent[i] & LATENT_OPT)
        })
        .collect()
}
