//! Pairing quotation marks within a paragraph.
//!
//! Each family of marks (straight double, curly double with „, guillemets, single angle marks,
//! straight single, curly single) has its own stack. Asymmetric marks open and close as they
//! look; symmetric ones (", ') decide by the characters around them: a mark after a space and
//! before a letter opens, one after a letter and before a space or punctuation closes, and an
//! ambiguous one closes when something is open. A mark that looks like an opener while one is
//! open nests when enough marks remain in the paragraph to close both. A mark left open at the
//! end of the paragraph runs to that end; quotes never run across paragraphs (no quote in the
//! annotated news does). Only outermost pairs are returned.

use crate::text::{TokKind, Token};

/// A pair of marks, as token indices: `open` and `close` (`close` is the first token after the
/// paragraph when the quote was left open).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Pair {
    pub open: usize,
    pub close: usize,
    /// The closing mark was missing: the quote runs to the end of its paragraph.
    pub unclosed: bool,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Role {
    Open,
    Close,
    Either,
}

/// The family of a mark and what it does, or None for a character that is not a mark.
fn mark(c: char) -> Option<(usize, Role)> {
    Some(match c {
        '"' => (0, Role::Either),
        '“' | '„' => (1, Role::Open),
        '”' => (1, Role::Close),
        '«' => (2, Role::Open),
        '»' => (2, Role::Close),
        '‹' => (3, Role::Open),
        '›' => (3, Role::Close),
        '\'' => (4, Role::Either),
        '‘' => (5, Role::Open),
        '’' => (5, Role::Close),
        _ => return None,
    })
}

const FAMILIES: usize = 6;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Side {
    Space,
    Letter,
    Punct,
}

fn side(c: Option<char>, before: bool) -> Side {
    match c {
        None => Side::Space,
        Some(c) if crate::text::is_space(c) => Side::Space,
        Some('ـ') => Side::Space, // بـ"فبركة": the tatweel of a proclitic
        Some(c) if c.is_alphanumeric() => Side::Letter,
        Some(c) if before && matches!(c, ':' | '(' | '[' | '،' | ',' | '؛' | ';' | '-' | '—' | '/') => Side::Space,
        Some(_) => Side::Punct,
    }
}

/// Pairs the marks of the document; outermost pairs only, in text order.
pub fn pair(src: &str, toks: &[Token]) -> Vec<Pair> {
    let mut out: Vec<Pair> = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        // One paragraph: tokens i..j.
        let mut j = i + 1;
        while j < toks.len() && !toks[j].line_start {
            j += 1;
        }
        pair_paragraph(src, toks, i, j, &mut out);
        i = j;
    }
    out.sort_by_key(|p| (p.open, std::cmp::Reverse(p.close)));
    let mut kept: Vec<Pair> = Vec::with_capacity(out.len());
    for p in out {
        if kept.last().map_or(true, |k| p.open >= k.close) {
            kept.push(p);
        }
    }
    kept
}

fn pair_paragraph(src: &str, toks: &[Token], from: usize, to: usize, out: &mut Vec<Pair>) {
    // Marks of the paragraph: (token index, family, role, strong open, strong close).
    let mut marks = Vec::new();
    for (k, t) in toks.iter().enumerate().take(to).skip(from) {
        if t.kind != TokKind::Punct {
            continue;
        }
        let Some(c) = src[t.start..t.end].chars().next() else { continue };
        let Some((fam, role)) = mark(c) else { continue };
        // Invisible format marks (bidi, zero-width) are looked through: pasting them must not
        // change how a quotation mark reads. Diacritics and tatweel are real neighbours.
        let before = side(src[..t.start].chars().rev().find(|&c| !crate::text::is_format_mark(c)), true);
        let after = side(src[t.end..].chars().find(|&c| !crate::text::is_format_mark(c)), false);
        // A straight single quote between letters is an apostrophe (don't, l'ONU).
        if fam == 4 && before == Side::Letter && after == Side::Letter {
            continue;
        }
        if fam == 5 && role == Role::Close && before == Side::Letter && after == Side::Letter {
            continue;
        }
        let strong_open = before == Side::Space && after == Side::Letter;
        let strong_close = before != Side::Space && after != Side::Letter;
        marks.push((k, fam, role, strong_open, strong_close));
    }
    let mut remaining = [0usize; FAMILIES];
    for m in &marks {
        remaining[m.1] += 1;
    }
    let mut stacks: [Vec<usize>; FAMILIES] = Default::default();
    for &(k, fam, role, so, sc) in &marks {
        remaining[fam] -= 1;
        let st = &mut stacks[fam];
        match role {
            Role::Open if fam == 1 && !st.is_empty() && !(so && remaining[fam] >= 2) => {
                // “ while “ is open: a reversed closing mark, unless it clearly opens a nested quote.
                let o = st.pop().unwrap_or(k);
                out.push(Pair { open: o, close: k, unclosed: false });
            }
            Role::Open => st.push(k),
            Role::Close => {
                if let Some(o) = st.pop() {
                    out.push(Pair { open: o, close: k, unclosed: false });
                } else if fam == 1 && !sc {
                    st.push(k); // ” used as an opening mark
                }
            }
            Role::Either => {
                if st.is_empty() {
                    if !sc || so {
                        st.push(k);
                    }
                } else if so && !sc && remaining[fam] >= 2 {
                    st.push(k);
                } else if let Some(o) = st.pop() {
                    out.push(Pair { open: o, close: k, unclosed: false });
                }
            }
        }
    }
    // Marks left open run to the end of the paragraph; only the outermost one matters.
    for st in &stacks {
        if let Some(&o) = st.first() {
            if o + 1 < to {
                out.push(Pair { open: o, close: to, unclosed: true });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokenize;

    fn spans(s: &str) -> Vec<String> {
        let t = tokenize(s);
        pair(s, &t)
            .iter()
            .filter(|p| p.open + 1 < p.close)
            .map(|p| s[t[p.open + 1].start..t[p.close - 1].end].to_string())
            .collect()
    }

    #[test]
    fn straight_quotes_pair_across_a_paragraph() {
        assert_eq!(spans(r#"قال "نعم" ثم "لا" و"ربما""#), ["نعم", "لا", "ربما"]);
        assert_eq!(spans("قال بـ\"فبركة\" الهجوم"), ["فبركة"]);
    }

    #[test]
    fn nested_quotes_keep_the_outer_one() {
        assert_eq!(spans(r#"قال: "يمكن أن يهدد "لينكد إن" إذا حصلوا على وظائف""#), [r#"يمكن أن يهدد "لينكد إن" إذا حصلوا على وظائف"#]);
        assert_eq!(spans("قال «إن “داعش” خطر»"), ["إن “داعش” خطر"]);
    }

    #[test]
    fn unbalanced_marks_are_handled() {
        // Left open: runs to the end of the paragraph, and the next paragraph starts afresh.
        assert_eq!(spans("وأضاف \"سيتبقى أقل من مليار\nوقال \"نعم\""), ["سيتبقى أقل من مليار", "نعم"]);
        // A stray closing mark is ignored.
        assert_eq!(spans("إلى فيلم : الفهد الأسود\". وقال \"نعم\""), ["نعم"]);
        assert!(spans("\"").is_empty());
        assert!(spans("«").is_empty());
        assert!(spans("»«").is_empty());
        assert_eq!(spans("don't say 'yes' now"), ["yes"]);
    }

    #[test]
    fn curly_marks_in_either_direction() {
        assert_eq!(spans("قال “نعم” و”لا”"), ["نعم", "لا"]);
        assert_eq!(spans("قال “نعم“ ثم"), ["نعم"]);
    }
}
