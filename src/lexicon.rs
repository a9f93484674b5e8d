//! Lexicons embedded in the binary: names with their labels (built by `scripts/build_gazetteer.py`
//! from ../shared/data), and the hand-written trigger words that precede names.

use crate::result::Label;
use std::collections::HashMap;
use std::sync::OnceLock;

static GAZETTEER_TXT: &str = include_str!("../model/gazetteer.txt");

/// Normalized multi-word names → label, plus the longest name length in tokens.
pub struct Gazetteer {
    pub names: HashMap<String, Label>,
    pub max_tokens: usize,
}

/// The embedded gazetteer, parsed once on first use.
pub fn gazetteer() -> &'static Gazetteer {
    static G: OnceLock<Gazetteer> = OnceLock::new();
    G.get_or_init(|| {
        let mut names = HashMap::new();
        let mut max_tokens = 1;
        for line in GAZETTEER_TXT.lines() {
            let Some((lab, name)) = line.split_once('\t') else { continue };
            let Some(label) = Label::parse(lab) else { continue };
            max_tokens = max_tokens.max(name.split(' ').count());
            names.insert(name.to_string(), label);
        }
        Gazetteer { names, max_tokens }
    })
}

/// Titles and roles that come before a person's name (normalized forms).
pub const PERSON_TRIGGERS: &[&str] = &[
    "الرييس", "رييس", "وزير", "الوزير", "الملك", "الامير", "الشيخ", "السيد", "السيده", "الدكتور", "د",
    "الفنان", "الفنانه", "المطرب", "المطربه", "النجم", "النجمه", "اللاعب", "المدرب", "الناطق", "المتحدث",
    "نايب", "مستشار", "سفير", "السفير", "الجنرال", "العقيد", "اللواء", "العميد", "المستشار", "الكاتب",
    "الكاتبه", "الروايي", "الشاعر", "المخرج", "الممثل", "الممثله", "البابا", "الزعيم", "القايد", "النايب",
];
