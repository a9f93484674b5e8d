//! Names in Latin script: the `latin` and `latinSource` of each person cluster.
//!
//! Three sources, tried in order on the cluster's canonical name (normalized as for matching, see
//! [`crate::text::normalize`]):
//!
//! 1. `list`: the whole name is in the full-name list (Wikidata labels of people, from
//!    `../shared/data/gazetteers/person-names/full-names.tsv`); its most frequent Latin form.
//! 2. `parts`: every word is a known name part (`name-parts.tsv`, plus a short hand-written list of
//!    foreign names frequent in Arabic news), and the forms are joined; a part may have several
//!    words (عبد الرحمن, بن علي), the longest run that is a part wins.
//! 3. `rule`: a word that is no known part is transliterated letter by letter, each letter's Latin
//!    chosen by its neighbours (two letters either side, backing off to fewer), by rules learned
//!    from the aligned name parts.
//!
//! The tables are built by `marsad-train latin` into `model/latin.bin` and pruned to what changes
//! an answer: a part or a full name is stored only when the next source would spell it otherwise
//! (and parts and full names only when the ANT news uses them), so a name found whole or in parts
//! can come back labelled with the later source that spells it the same way.
//!
//! ```
//! let r = marsad::latin::romanize("سيرغي لافروف").unwrap();
//! assert_eq!(r.latin, "Sergey Lavrov");
//! ```

use crate::result::LatinSource;
use crate::text::normalize;
use std::sync::OnceLock;

/// The format of `model/latin.bin`; `marsad-train latin` writes the same number.
pub const FORMAT_VERSION: u32 = 1;

/// How many context levels a letter rule has (see [`rule_keys`]).
pub const LEVELS: usize = 5;

static LATIN_BYTES: &[u8] = include_bytes!("../model/latin.bin");

/// The shipped tables (parsed on first use).
pub fn tables() -> &'static Tables {
    static T: OnceLock<Tables> = OnceLock::new();
    T.get_or_init(|| Tables::from_bytes(LATIN_BYTES).expect("model/latin.bin is valid"))
}

/// [`Tables::romanize`] with the shipped tables.
pub fn romanize(name: &str) -> Option<Romanized> {
    tables().romanize(name)
}

/// A name in Latin script and where it came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Romanized {
    pub latin: String,
    pub source: LatinSource,
}

/// Strings stored back to back, sorted by bytes when they are keys. The bytes are checked as
/// UTF-8 item by item when read, not whole on load (a byte-wise pass over the tables was most of
/// their load in the browser's first, baseline-compiled call).
#[derive(Clone, Debug, Default)]
pub struct List {
    text: Vec<u8>,
    ends: Vec<u32>,
}

impl List {
    /// A list of `count` strings joined by '\n' in `text`.
    fn new(text: Vec<u8>, count: usize) -> Option<List> {
        let mut ends = Vec::with_capacity(count);
        if count > 0 {
            crate::ner::model::push_newlines(&text, 0, &mut ends);
            ends.push(text.len() as u32);
        }
        (ends.len() == count).then_some(List { text, ends })
    }
    pub fn len(&self) -> usize {
        self.ends.len()
    }
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }
    fn bytes(&self, i: usize) -> &[u8] {
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize + 1 };
        &self.text[start..self.ends[i] as usize]
    }
    /// Item `i` ("" if its bytes are not UTF-8).
    pub fn get(&self, i: usize) -> &str {
        std::str::from_utf8(self.bytes(i)).unwrap_or("")
    }
    /// The index of `key` in a sorted list.
    pub fn find(&self, key: &str) -> Option<usize> {
        let (mut lo, mut hi) = (0, self.len());
        while lo < hi {
            let mid = (lo + hi) / 2;
            match self.bytes(mid).cmp(key.as_bytes()) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return Some(mid),
            }
        }
        None
    }
}

/// The parsed `latin.bin`: letter rules, name parts and full names.
#[derive(Clone, Debug, Default)]
pub struct Tables {
    /// Per context level, the sorted context keys and for each the index of its chunk.
    pub rule_keys: Vec<List>,
    pub rule_out: Vec<Vec<u16>>,
    /// The Latin strings a letter may become (lower case; may be empty).
    pub chunks: List,
    /// Normalized name parts (sorted) and their Latin forms ("" = as the rules spell it).
    pub part_keys: List,
    pub part_latin: List,
    /// Normalized full names (sorted, words joined by one space) and their Latin forms.
    pub full_keys: List,
    pub full_latin: List,
}

struct Reader<'a> {
    b: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn bytes(&mut self, n: usize) -> Option<&[u8]> {
        let s = self.b.get(self.at..self.at.checked_add(n)?)?;
        self.at += n;
        Some(s)
    }
    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.bytes(4)?.try_into().ok()?))
    }
    fn list(&mut self) -> Option<List> {
        let count = self.u32()? as usize;
        let len = self.u32()? as usize;
        List::new(self.bytes(len)?.to_vec(), count)
    }
}

impl Tables {
    /// Parses `latin.bin` (the layout is what `marsad-train latin` writes: magic `MLAT`, the
    /// version, the chunks, then per level the keys and one u16 chunk index per key, then the
    /// parts and the full names, each as keys and Latin forms). `None` when it is malformed.
    pub fn from_bytes(b: &[u8]) -> Option<Tables> {
        let mut r = Reader { b, at: 0 };
        if r.bytes(4)? != b"MLAT" || r.u32()? != FORMAT_VERSION {
            return None;
        }
        let chunks = r.list()?;
        let mut rule_keys = Vec::with_capacity(LEVELS);
        let mut rule_out = Vec::with_capacity(LEVELS);
        for _ in 0..LEVELS {
            let keys = r.list()?;
            let out: Vec<u16> = r.bytes(2 * keys.len())?.chunks_exact(2).map(|c| u16::from_le_bytes([c[0], c[1]])).collect();
            if out.iter().any(|&o| o as usize >= chunks.len()) {
                return None;
            }
            rule_keys.push(keys);
            rule_out.push(out);
        }
        let (part_keys, part_latin) = (r.list()?, r.list()?);
        let (full_keys, full_latin) = (r.list()?, r.list()?);
        if part_keys.len() != part_latin.len() || full_keys.len() != full_latin.len() || r.at != b.len() {
            return None;
        }
        Some(Tables { rule_keys, rule_out, chunks, part_keys, part_latin, full_keys, full_latin })
    }

    /// The rule transliteration of one normalized word, lower case.
    pub fn rule_lower(&self, word: &str) -> String {
        let chars: Vec<char> = word.chars().collect();
        let mut out = String::new();
        for i in 0..chars.len() {
            for (level, key) in rule_keys(&chars, i).iter().enumerate() {
                if let Some(k) = self.rule_keys[level].find(key) {
                    out.push_str(self.chunks.get(self.rule_out[level][k] as usize));
                    break;
                }
            }
        }
        out
    }

    /// The rule transliteration of one normalized word, capitalized.
    pub fn rule(&self, word: &str) -> String {
        capitalize(&self.rule_lower(word))
    }

    /// The Latin form of a normalized name part, when it is a known part.
    pub fn part(&self, word: &str) -> Option<String> {
        let i = self.part_keys.find(word)?;
        let l = self.part_latin.get(i);
        Some(if l.is_empty() { self.rule(word) } else { l.to_string() })
    }

    /// The Latin form of a normalized full name (words joined by one space), when it is listed.
    pub fn full(&self, key: &str) -> Option<&str> {
        self.full_keys.find(key).map(|i| self.full_latin.get(i))
    }

    /// Joins the forms of normalized words: the longest run of up to [`MAX_PART_WORDS`] words that
    /// is a known part (عبد الرحمن, بن علي), the rules for a word that is none. The bool: every
    /// word was in a part.
    pub fn compose(&self, words: &[String]) -> (String, bool) {
        let mut out: Vec<String> = Vec::with_capacity(words.len());
        let mut all_parts = true;
        let mut i = 0;
        'words: while i < words.len() {
            for n in (2..=MAX_PART_WORDS.min(words.len() - i)).rev() {
                if let Some(l) = self.part(&words[i..i + n].join(" ")) {
                    out.push(l);
                    i += n;
                    continue 'words;
                }
            }
            match self.part(&words[i]) {
                Some(l) => out.push(l),
                None => {
                    all_parts = false;
                    out.push(self.rule(&words[i]));
                }
            }
            i += 1;
        }
        (out.join(" "), all_parts)
    }

    /// The name in Latin script: listed whole, composed of known parts, or by the letter rules.
    /// Words without Arabic letters (a name written in Latin script, digits) are kept as written;
    /// `None` when nothing is left.
    pub fn romanize(&self, name: &str) -> Option<Romanized> {
        let mut words: Vec<String> = Vec::new();
        let mut out: Vec<String> = Vec::new();
        let mut arabic = false;
        let mut all_parts = true;
        let flush = |words: &mut Vec<String>, out: &mut Vec<String>, all: &mut bool| {
            if !words.is_empty() {
                let (l, parts) = self.compose(words);
                *all &= parts;
                out.push(l);
                words.clear();
            }
        };
        for token in name.split(crate::text::is_space).filter(|t| !t.is_empty()) {
            if token.chars().any(crate::text::is_arabic_letter) {
                arabic = true;
                // Hyphenated Arabic words are spelled piece by piece.
                let pieces: Vec<String> = token.split('-').map(normalize).filter(|p| !p.is_empty()).collect();
                if pieces.len() > 1 {
                    flush(&mut words, &mut out, &mut all_parts);
                    let spelled: Vec<String> = pieces.iter().map(|p| self.compose(std::slice::from_ref(p))).map(|(l, p)| {
                        all_parts &= p;
                        l
                    }).collect();
                    out.push(spelled.join("-"));
                } else {
                    words.extend(pieces);
                }
            } else {
                flush(&mut words, &mut out, &mut all_parts);
                out.push(token.to_string());
            }
        }
        flush(&mut words, &mut out, &mut all_parts);
        if out.is_empty() {
            return None;
        }
        if !arabic {
            return Some(Romanized { latin: out.join(" "), source: LatinSource::Rule });
        }
        let key = name.split(crate::text::is_space).map(normalize).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ");
        if let Some(l) = self.full(&key) {
            return Some(Romanized { latin: l.to_string(), source: LatinSource::List });
        }
        let source = if all_parts { LatinSource::Parts } else { LatinSource::Rule };
        Some(Romanized { latin: out.join(" "), source })
    }
}

/// The longest name part, in words (ابن أبي النمر).
pub const MAX_PART_WORDS: usize = 3;

/// The context keys of letter `i` of a word, most specific first: two letters either side, then
/// one on the left and two on the right, one either side, the letter and the next one, the
/// letter alone (`^` and `$` pad the word). Each key contains the next, so a rule that says what
/// its next key says can be dropped.
pub fn rule_keys(chars: &[char], i: usize) -> [String; LEVELS] {
    let at = |j: isize| -> char {
        if j < 0 {
            '^'
        } else {
            chars.get(j as usize).copied().unwrap_or('$')
        }
    };
    let i = i as isize;
    let s = |r: std::ops::RangeInclusive<isize>| -> String { r.map(at).collect() };
    [s(i - 2..=i + 2), s(i - 1..=i + 2), s(i - 1..=i + 1), s(i..=i + 1), s(i..=i)]
}

/// Upper-cases the first letter of the string and every letter after a space, a hyphen or an
/// apostrophe-free word boundary (`al-rahman` → `Al-Rahman`).
pub fn capitalize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut up = true;
    for c in s.chars() {
        if up && c.is_alphabetic() {
            out.extend(c.to_uppercase());
            up = false;
        } else {
            out.push(c);
            if c == ' ' || c == '-' {
                up = true;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_pad_the_word_and_nest() {
        let w: Vec<char> = "لافروف".chars().collect();
        let k = rule_keys(&w, 0);
        assert_eq!(k, ["^^لاف", "^لاف", "^لا", "لا", "ل"].map(String::from));
        let k = rule_keys(&w, 5);
        assert_eq!(k, ["روف$$", "وف$$", "وف$", "ف$", "ف"].map(String::from));
        for l in 1..LEVELS {
            assert!(k[l - 1].contains(k[l].as_str()));
        }
    }

    #[test]
    fn capitalizes_each_piece() {
        assert_eq!(capitalize("al-rahman"), "Al-Rahman");
        assert_eq!(capitalize("abd al-aziz"), "Abd Al-Aziz");
        assert_eq!(capitalize("sa'id"), "Sa'id");
        assert_eq!(capitalize("émile"), "Émile");
        assert_eq!(capitalize(""), "");
    }

    #[test]
    fn lists_find_sorted_keys_and_keep_empty_items() {
        let l = List::new("a\n\nb\nc".into(), 4).unwrap();
        assert_eq!(List::new(b"a\n\xff".to_vec(), 2).unwrap().get(1), "", "not UTF-8: an empty item");
        assert_eq!((l.get(0), l.get(1), l.get(3)), ("a", "", "c"));
        let keys = List::new("ب\nت\nث".as_bytes().to_vec(), 3).unwrap();
        assert_eq!(keys.find("ت"), Some(1));
        assert_eq!(keys.find("ج"), None);
        assert!(List::new(Vec::new(), 0).unwrap().is_empty());
        assert!(List::new("a\nb".into(), 3).is_none());
    }

    #[test]
    fn the_shipped_tables_parse_and_malformed_ones_do_not() {
        let t = tables();
        assert!(t.part_keys.len() > 1000 && t.full_keys.len() > 100);
        // Every item is UTF-8 (read item by item, never checked whole on load).
        let lists = [&t.chunks, &t.part_keys, &t.part_latin, &t.full_keys, &t.full_latin].into_iter().chain(&t.rule_keys);
        for l in lists {
            assert!((0..l.len()).all(|i| std::str::from_utf8(l.bytes(i)).is_ok()));
        }
        assert!(Tables::from_bytes(&LATIN_BYTES[..LATIN_BYTES.len() - 1]).is_none());
        assert!(Tables::from_bytes(b"MLAT\x09\0\0\0").is_none());
        assert!(Tables::from_bytes(b"").is_none());
    }

    #[test]
    fn the_rules_spell_unknown_words() {
        // Words that are no part: every letter gives something, the result is capitalized Latin.
        let t = tables();
        for w in ["سلمان", "الحريري", "كرمشيان", "ززز"] {
            let w = normalize(w);
            let r = t.rule(&w);
            assert!(!r.is_empty() && r.chars().next().unwrap().is_uppercase(), "{w} → {r}");
            assert!(r.chars().all(|c| !crate::text::is_arabic_letter(c)), "{w} → {r}");
        }
        assert_eq!(t.rule(&normalize("سلمان")), "Salman");
        assert_eq!(t.rule_lower(""), "");
    }

    #[test]
    fn lookup_order_is_list_then_parts_then_rule() {
        let r = romanize("عمر الرزاز").unwrap();
        assert_eq!((r.latin.as_str(), r.source), ("Omar Razzaz", LatinSource::List));
        // Listed too, but the parts spell it the same, so it is not stored whole.
        let r = romanize("بشار الأسد").unwrap();
        assert_eq!((r.latin.as_str(), r.source), ("Bashar al-Assad", LatinSource::Parts));
        let r = romanize("سيرغي لافروف").unwrap();
        assert_eq!((r.latin.as_str(), r.source), ("Sergey Lavrov", LatinSource::Parts));
        let r = romanize("ديميتري بيسكوف").unwrap();
        assert_eq!(r.latin, "Dmitry Peskov");
        // A made-up surname after a known given name: the rules spell it.
        let r = romanize("محمد كرمشيان").unwrap();
        assert_eq!(r.source, LatinSource::Rule);
        assert!(r.latin.starts_with("Moh") && r.latin.contains(' '), "{}", r.latin);
        // Diacritics, alef forms and ة/ه do not change the lookup.
        assert_eq!(romanize("عُمَر الرزّاز").unwrap().latin, "Omar Razzaz");
        assert_eq!(romanize("بَشّار الاسد").unwrap().latin, "Bashar al-Assad");
    }

    #[test]
    fn latin_words_are_kept_and_empty_names_give_none() {
        let r = romanize("Donald Trump").unwrap();
        assert_eq!((r.latin.as_str(), r.source), ("Donald Trump", LatinSource::Rule));
        assert_eq!(romanize("  "), None);
        assert_eq!(romanize(""), None);
        let r = romanize("محمد 2").unwrap();
        assert!(r.latin.ends_with(" 2"), "{}", r.latin);
    }

    #[test]
    fn multiword_parts_win_over_single_words() {
        let t = tables();
        let (two, all) = t.compose(&["عبد".into(), "الرحمن".into()]);
        assert!(all);
        assert!(!two.contains("Al-") && !two.contains("Al "), "{two}");
    }
}
