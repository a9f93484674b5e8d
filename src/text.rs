//! The text layer: normalization for matching, tokenization with offsets, proclitics, and the
//! byte → UTF-16 offset conversion used at the API boundary.
//!
//! Everything here works on byte offsets into the caller's original `&str`; nothing ever rewrites
//! the text, so a span found on normalized forms is always a slice of the original. Offsets are
//! converted to UTF-16 code units exactly once, when the result is built ([`Utf16Map`]).

use std::ops::Range;

/// Characters that carry no letter of their own and are dropped by normalization: Arabic
/// diacritics (harakat, shadda, sukun, dagger alef, Quranic marks), tatweel, and the invisible
/// format characters people paste (bidi marks and embeddings, zero-width joiners, BOM).
pub fn is_ignorable(c: char) -> bool {
    matches!(c,
        '\u{0610}'..='\u{061A}' | '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{06D6}'..='\u{06DC}'
        | '\u{06DF}'..='\u{06E4}' | '\u{06E7}' | '\u{06E8}' | '\u{06EA}'..='\u{06ED}'
        | '\u{0640}') // tatweel
        || is_format_mark(c)
}

/// The invisible format characters alone (bidi marks and embeddings, zero-width characters, BOM,
/// soft hyphen): unlike diacritics and tatweel, they never belong to the letter next to them.
pub fn is_format_mark(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}'
        | '\u{2066}'..='\u{2069}' | '\u{061C}' | '\u{FEFF}' | '\u{00AD}')
}

/// Arabic-script letters (including Persian/Urdu letters and presentation forms).
pub fn is_arabic_letter(c: char) -> bool {
    matches!(c, '\u{0620}'..='\u{063F}' | '\u{0641}'..='\u{064A}' | '\u{0671}'..='\u{06D3}'
        | '\u{06D5}' | '\u{06EE}' | '\u{06EF}' | '\u{06FA}'..='\u{06FF}' | '\u{0750}'..='\u{077F}'
        | '\u{08A0}'..='\u{08FF}' | '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}')
        && !is_ignorable(c)
}

/// Whitespace for tokenization: Unicode white space, including no-break spaces.
pub fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{00A0}' || c == '\u{202F}' || c == '\u{2007}'
}

/// Normalizes one character for matching, or drops it (`None`): alef forms → ا, ى → ي, ة → ه,
/// Persian/Urdu look-alikes → Arabic letters, Arabic-Indic digits → ASCII, Latin lower-cased.
fn norm_char(c: char, out: &mut String) {
    if is_ignorable(c) {
        return;
    }
    let m = match c {
        'أ' | 'إ' | 'آ' | 'ٱ' | 'ٲ' | 'ٳ' => 'ا',
        'ى' | 'ی' | 'ې' | 'ۍ' => 'ي',
        'ة' | 'ۃ' => 'ه',
        'ؤ' => 'و',
        'ئ' => 'ي',
        'ک' => 'ك',
        'ھ' | 'ہ' => 'ه',
        '٠'..='٩' => char::from(b'0' + (c as u32 - '٠' as u32) as u8),
        '۰'..='۹' => char::from(b'0' + (c as u32 - '۰' as u32) as u8),
        c if c.is_ascii_uppercase() => c.to_ascii_lowercase(),
        c => c,
    };
    out.push(m);
}

/// The matching form of a string (see [`norm_char`]); never used for offsets.
///
/// ```
/// assert_eq!(marsad::text::normalize("إلى الـمُسْتَشْفى"), "الي المستشفي");
/// ```
pub fn normalize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        norm_char(c, &mut out);
    }
    out
}

/// A lighter matching form that keeps ى, ة, ؤ and ئ apart (so على "on" ≠ علي "Ali"); only
/// diacritics, tatweel, invisible marks and alef forms are normalized.
pub fn normalize_light(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if is_ignorable(c) {
            continue;
        }
        out.push(match c {
            'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
            c if c.is_ascii_uppercase() => c.to_ascii_lowercase(),
            c => c,
        });
    }
    out
}

/// What a token is made of.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TokKind {
    /// Arabic-script letters (with any diacritics, tatweel and underscores inside).
    Arabic,
    /// Latin letters (and other alphabetic scripts), possibly with digits.
    Latin,
    /// Digits (ASCII or Arabic-Indic), possibly with inner separators (3.5, 1,200).
    Number,
    /// One punctuation mark or symbol.
    Punct,
}

/// One token: a byte range of the original text and its normalized form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    /// Byte offset of the first visible character.
    pub start: usize,
    /// Byte offset just past the last visible character.
    pub end: usize,
    pub kind: TokKind,
    /// [`normalize`]d form.
    pub norm: String,
    /// True when a line break (paragraph boundary) separates this token from the previous one.
    pub line_start: bool,
}

impl Token {
    /// The original text of the token.
    pub fn text<'a>(&self, src: &'a str) -> &'a str {
        &src[self.start..self.end]
    }
    pub fn is_word(&self) -> bool {
        matches!(self.kind, TokKind::Arabic | TokKind::Latin)
    }
    pub fn is_punct(&self, p: &str) -> bool {
        self.kind == TokKind::Punct && self.norm == p
    }
}

fn class(c: char) -> Option<TokKind> {
    if is_arabic_letter(c) {
        Some(TokKind::Arabic)
    } else if c.is_ascii_digit() || ('٠'..='٩').contains(&c) || ('۰'..='۹').contains(&c) {
        Some(TokKind::Number)
    } else if c.is_alphabetic() {
        Some(TokKind::Latin)
    } else {
        None
    }
}

/// Splits text into tokens: runs of one script (Arabic letters, Latin letters, digits) and single
/// punctuation marks. Invisible characters and diacritics stay inside the token they touch but
/// never start or end one. Underscores join words (`فلاديمير_بوتين` is one token, as hashtags
/// write names); a script change splits (`لـCNN` → `لـ` `CNN`).
pub fn tokenize(src: &str) -> Vec<Token> {
    let mut toks: Vec<Token> = Vec::with_capacity(src.len() / 6 + 1);
    let mut cur: Option<(usize, usize, TokKind)> = None; // start, end (last visible), kind
    let mut newline_pending = true;
    let mut line_flag = true;
    let flush = |cur: &mut Option<(usize, usize, TokKind)>, toks: &mut Vec<Token>, line_flag: &mut bool| {
        if let Some((s, e, k)) = cur.take() {
            toks.push(Token { start: s, end: e, kind: k, norm: normalize(&src[s..e]), line_start: *line_flag });
            *line_flag = false;
        }
    };
    let mut iter = src.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        let end = i + c.len_utf8();
        if is_ignorable(c) {
            // Stays inside a word when a visible character of the same word follows.
            continue;
        }
        if is_space(c) {
            flush(&mut cur, &mut toks, &mut line_flag);
            if c == '\n' || c == '\r' || c == '\u{2029}' || c == '\u{2028}' {
                newline_pending = true;
            }
            continue;
        }
        if newline_pending {
            line_flag = true;
            newline_pending = false;
        }
        let k = class(c);
        match (k, cur.as_mut()) {
            (Some(k), Some((_, e, ck))) if *ck == k || (k == TokKind::Number && *ck == TokKind::Latin) => {
                *e = end;
            }
            (None, Some((_, e, ck))) if c == '_' && matches!(ck, TokKind::Arabic | TokKind::Latin)
                && next_visible(&iter).is_some_and(|n| class(n).is_some()) => {
                *e = end;
            }
            (None, Some((_, e, TokKind::Number)))
                if matches!(c, '.' | ',' | '٫' | '٬')
                    && next_visible(&iter).is_some_and(|n| class(n) == Some(TokKind::Number)) => {
                *e = end;
            }
            (Some(k), _) => {
                flush(&mut cur, &mut toks, &mut line_flag);
                cur = Some((i, end, k));
            }
            (None, _) => {
                flush(&mut cur, &mut toks, &mut line_flag);
                toks.push(Token { start: i, end, kind: TokKind::Punct, norm: normalize_punct(c), line_start: line_flag });
                line_flag = false;
            }
        }
    }
    flush(&mut cur, &mut toks, &mut line_flag);
    toks
}

/// The next character that is not ignorable, so that an invisible mark or tatweel after `_` or a
/// decimal separator does not change how the text is split. Each run of ignorable characters is
/// scanned from one separator only, so this stays linear.
fn next_visible(iter: &std::iter::Peekable<std::str::CharIndices>) -> Option<char> {
    iter.clone().map(|(_, c)| c).find(|&c| !is_ignorable(c))
}

fn normalize_punct(c: char) -> String {
    match c {
        '،' => ",".into(),
        '؛' => ";".into(),
        '؟' => "?".into(),
        c => c.to_string(),
    }
}

/// Proclitics that attach to the front of a word, longest first. `ل` before the article contracts
/// to `لل`; only the first `ل` is a proclitic then (للأمم → لأمم, per the annotation contract).
const PROCLITICS: &[&str] = &["وبال", "وكال", "فبال", "وال", "فال", "بال", "كال", "ولل", "فلل", "وب", "ول", "وك", "فب", "فل", "لل", "و", "ف", "ب", "ل", "ك"];

/// The ways a word can be read as proclitics + stem, as byte lengths of the proclitic part (on
/// the original word), most stripped first, always ending with `0` (the whole word).
/// The article stays with the stem: `وبالعراق` gives the stems `العراق`, `بالعراق`, `وبالعراق`.
pub fn proclitic_splits(word: &str) -> Vec<usize> {
    let n = normalize(word);
    let mut out = Vec::new();
    for p in PROCLITICS {
        if !n.starts_with(p) {
            continue;
        }
        // The article ال is kept with the stem: strip only what precedes it; لل keeps one ل.
        let keep = if p.ends_with("ال") { 2 } else if p.ends_with("لل") { 1 } else { 0 };
        let strip_chars = p.chars().count() - keep;
        let rest_chars = n.chars().count() - strip_chars;
        if rest_chars < 2 {
            continue;
        }
        let b = byte_after_visible(word, strip_chars);
        if b > 0 && !out.contains(&b) {
            out.push(b);
        }
    }
    out.sort_unstable_by(|a, b| b.cmp(a));
    out.push(0);
    out
}

/// Byte offset in `word` just after its first `n` visible (non-ignorable) characters, skipping
/// any ignorable characters (tatweel, diacritics) that follow them.
pub fn byte_after_visible(word: &str, n: usize) -> usize {
    let mut seen = 0;
    for (i, c) in word.char_indices() {
        if is_ignorable(c) {
            continue;
        }
        if seen == n {
            return i;
        }
        seen += 1;
    }
    word.len()
}

/// Byte → UTF-16 offset conversion for one text, in O(1) per lookup after an O(n) pass that
/// keeps one checkpoint every 64 bytes.
pub struct Utf16Map<'a> {
    src: &'a str,
    checkpoints: Vec<u32>,
}

const STRIDE: usize = 64;

impl<'a> Utf16Map<'a> {
    pub fn new(src: &'a str) -> Self {
        let mut checkpoints = Vec::with_capacity(src.len() / STRIDE + 2);
        let mut u16_pos: u32 = 0;
        let mut next = 0usize;
        for (i, c) in src.char_indices() {
            while next <= i {
                // Checkpoints may fall inside a char; they record the offset of the char starting at or after them.
                checkpoints.push(u16_pos);
                next += STRIDE;
            }
            u16_pos += c.len_utf16() as u32;
        }
        while next <= src.len() {
            checkpoints.push(u16_pos);
            next += STRIDE;
        }
        Utf16Map { src, checkpoints }
    }

    /// UTF-16 offset of byte offset `b`, which must lie on a char boundary.
    pub fn to_utf16(&self, b: usize) -> u32 {
        debug_assert!(self.src.is_char_boundary(b));
        let k = b / STRIDE;
        let base = k * STRIDE;
        // Find the first char boundary at or after `base`: the checkpoint counts it.
        let mut start = base;
        while start < self.src.len() && !self.src.is_char_boundary(start) {
            start += 1;
        }
        let extra: usize = self.src[start..b].chars().map(char::len_utf16).sum();
        self.checkpoints[k] + extra as u32
    }

    /// A byte range as UTF-16 offsets.
    pub fn range(&self, r: &Range<usize>) -> (u32, u32) {
        (self.to_utf16(r.start), self.to_utf16(r.end))
    }
}

/// A text prepared for analysis: the original string and its tokens (byte offsets).
pub struct Doc<'a> {
    pub src: &'a str,
    pub tokens: Vec<Token>,
}

impl<'a> Doc<'a> {
    pub fn new(src: &'a str) -> Self {
        Doc { src, tokens: tokenize(src) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<&str> {
        tokenize(s).iter().map(|t| t.text(s)).collect()
    }

    #[test]
    fn normalizes_letters_and_drops_marks() {
        assert_eq!(normalize("أَحْمَد"), "احمد");
        assert_eq!(normalize("مدرسة"), "مدرسه");
        assert_eq!(normalize("على"), "علي");
        assert_eq!(normalize_light("على"), "على");
        assert_eq!(normalize("الـقـاهرة"), "القاهره");
        assert_eq!(normalize("\u{200F}سورية\u{200E}"), "سوريه");
        assert_eq!(normalize("٢٠١٨"), "2018");
    }

    #[test]
    fn tokenizes_punctuation_scripts_and_underscores() {
        assert_eq!(words("قال: «نعم»، لـCNN"), ["قال", ":", "«", "نعم", "»", "،", "ل", "CNN"]);
        assert_eq!(words("#فلاديمير_بوتين 3.5%"), ["#", "فلاديمير_بوتين", "3.5", "%"]);
        assert_eq!(words("موسكو-سانا"), ["موسكو", "-", "سانا"]);
    }

    #[test]
    fn invisible_marks_stay_inside_but_never_at_edges() {
        let s = "\u{200F}لافـروف\u{200F} x";
        let t = tokenize(s);
        assert_eq!(t[0].text(s), "لافـروف");
        assert_eq!(t[0].norm, "لافروف");
        let s = "لا\u{200F}فروف";
        assert_eq!(words(s), ["لا\u{200F}فروف"]);
    }

    #[test]
    fn invisible_marks_after_joiners_do_not_split() {
        // Found by the property test invisible_marks_and_tatweel_change_only_entity_offsets.
        assert_eq!(words("فلاديمير_\u{200E}بوتين"), ["فلاديمير_\u{200E}بوتين"]);
        assert_eq!(words("3.\u{0640}5 x"), ["3.\u{0640}5", "x"]);
        assert_eq!(words("a_\u{200F}"), ["a", "_"]);
    }

    #[test]
    fn marks_line_starts() {
        let t = tokenize("أ ب\nج  د");
        let flags: Vec<bool> = t.iter().map(|t| t.line_start).collect();
        assert_eq!(flags, [true, false, true, false]);
    }

    #[test]
    fn proclitic_splits_keep_the_article() {
        let w = "وبالعراق";
        let s: Vec<&str> = proclitic_splits(w).iter().map(|&b| &w[b..]).collect();
        assert_eq!(s, ["العراق", "بالعراق", "وبالعراق"]);
        let w = "للأمم";
        let s: Vec<&str> = proclitic_splits(w).iter().map(|&b| &w[b..]).collect();
        assert_eq!(s, ["لأمم", "للأمم"]);
        let w = "لـروسيا";
        let s: Vec<&str> = proclitic_splits(w).iter().map(|&b| &w[b..]).collect();
        assert_eq!(s, ["روسيا", "لـروسيا"]);
        assert_eq!(proclitic_splits("ول"), [0]);
    }

    #[test]
    fn utf16_offsets_count_astral_characters_twice() {
        let s = "😀 موسكو a";
        let m = Utf16Map::new(s);
        let t = tokenize(s);
        assert_eq!(t[1].text(s), "موسكو");
        assert_eq!(m.to_utf16(t[1].start), 3);
        assert_eq!(m.to_utf16(t[1].end), 8);
        assert_eq!(m.to_utf16(s.len()), 10);
        let long: String = "😀ب".repeat(100);
        let m = Utf16Map::new(&long);
        for (i, _) in long.char_indices() {
            assert_eq!(m.to_utf16(i) as usize, long[..i].encode_utf16().count());
        }
    }
}

/// A quotation mark, straight or curly, of any of the forms the quote finder pairs.
pub fn is_quote_mark(s: &str) -> bool {
    matches!(s, "\"" | "“" | "”" | "«" | "»" | "„" | "‹" | "›" | "'" | "‘" | "’")
}
