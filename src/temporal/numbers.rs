//! Numbers in digits (Western or Eastern Arabic, with Arabic or Western separators) and in words
//! (ثلاثة آلاف، مليون ونصف، خمسمئة، عشرات الآلاف), as exact decimals.

use super::lexicon::{NumWord, Special};
use super::Ctx;
use crate::text::TokKind;

/// An exact decimal `m × 10^e`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Dec {
    pub m: u128,
    pub e: i32,
}

impl Dec {
    pub fn int(n: u128) -> Dec {
        Dec { m: n, e: 0 }
    }

    /// `self × k`, or `None` on overflow.
    pub fn mul(self, k: u128) -> Option<Dec> {
        Some(Dec { m: self.m.checked_mul(k)?, e: self.e })
    }

    /// `self + o`, exponents aligned.
    pub fn add(self, o: Dec) -> Option<Dec> {
        let e = self.e.min(o.e);
        let a = self.m.checked_mul(10u128.checked_pow((self.e - e) as u32)?)?;
        let b = o.m.checked_mul(10u128.checked_pow((o.e - e) as u32)?)?;
        Some(Dec { m: a.checked_add(b)?, e })
    }

    /// Without trailing zeros in the mantissa (so `15.00` is `15`).
    pub fn trim(mut self) -> Dec {
        while self.e < 0 && self.m % 10 == 0 && self.m != 0 {
            self.m /= 10;
            self.e += 1;
        }
        if self.m == 0 {
            self.e = 0;
        }
        self
    }

    pub fn to_f64(self) -> f64 {
        format!("{}e{}", self.m, self.e).parse().unwrap_or(f64::NAN)
    }

    /// The value when it is a whole number.
    pub fn as_int(self) -> Option<u128> {
        let t = self.trim();
        if t.e >= 0 {
            t.m.checked_mul(10u128.checked_pow(t.e as u32)?)
        } else {
            None
        }
    }

    /// Plain decimal notation (`1.5`, `25`, `0.25`).
    pub fn to_plain(self) -> String {
        let t = self.trim();
        if t.e >= 0 {
            return format!("{}{}", t.m, "0".repeat(t.e as usize));
        }
        let s = t.m.to_string();
        let k = (-t.e) as usize;
        if s.len() > k {
            format!("{}.{}", &s[..s.len() - k], &s[s.len() - k..])
        } else {
            format!("0.{}{}", "0".repeat(k - s.len()), s)
        }
    }
}

/// The value of one digits token (its normalized form: Eastern digits are already ASCII).
/// A comma before exactly three digits groups thousands (1,200); otherwise it is the decimal
/// mark, as French and Maghrebi news write it (5,5 مليار). `٫` is the decimal mark, `٬` groups.
pub fn parse_digits(s: &str) -> Option<Dec> {
    if s.is_empty() || !s.as_bytes()[0].is_ascii_digit() {
        return None;
    }
    let parts: Vec<&str> = s.split(['.', ',', '٫', '٬']).collect();
    if parts.iter().any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()) || p.len() > 30) {
        return None;
    }
    let seps: Vec<char> = s.chars().filter(|c| matches!(c, '.' | ',' | '٫' | '٬')).collect();
    let grouping = |c: char| c == '٬' || (c == ',' && parts[1..].iter().all(|p| p.len() == 3) && !seps.contains(&'.'))
        || (c == '.' && seps.len() > 1 && seps.iter().all(|&x| x == '.') && parts[1..].iter().all(|p| p.len() == 3));
    let (int_parts, frac): (Vec<&str>, Option<&str>) = match seps.last() {
        None => (parts.clone(), None),
        Some(&c) if grouping(c) => (parts.clone(), None),
        Some(_) => {
            // The last separator is the decimal mark; the others must group thousands.
            if seps.len() > 1 && parts[1..parts.len() - 1].iter().any(|p| p.len() != 3) {
                return None;
            }
            (parts[..parts.len() - 1].to_vec(), Some(parts[parts.len() - 1]))
        }
    };
    let digits: String = int_parts.concat() + frac.unwrap_or("");
    let m: u128 = digits.parse().ok()?;
    Some(Dec { m, e: -(frac.map_or(0, str::len) as i32) })
}

/// A number read from the text.
#[derive(Clone, Copy, Debug)]
pub struct Num {
    pub val: Dec,
    /// First token after the number.
    pub end: usize,
    /// One digits token and nothing else (no scale, no words): 24، 2018، 10.7.
    pub plain: bool,
    /// Written with digits (at least in part).
    pub digits: bool,
    /// The article before digits (الـ13، الـ50 ألف).
    pub def: bool,
    /// Counted as the base of a vague plural (عشرات، آلاف، مليارات alone).
    pub vague: bool,
    /// The last scale word applied (1000, 1 000 000 …), or 1.
    pub scale: u128,
    /// The value before the last scale (40 in 40 مليار).
    pub core: Dec,
}

/// The word at `k` read as a number word, also after a conjunction و attached to it.
fn num_word(c: &Ctx, k: usize, allow_wa: bool) -> Option<NumWord> {
    if let Some(n) = c.e(k).and_then(|e| e.num) {
        return Some(n);
    }
    if allow_wa {
        return c.e_wa(k).and_then(|e| e.num);
    }
    None
}

/// A run of number words below 1000 from `k` (خمسة وعشرون، ثلاث مئة، الثماني عشرة، خمسمئة):
/// (value, next token). Teens need عشر / عشرة after a unit; أحد / إحدى only there.
fn small_words(c: &Ctx, k: usize) -> Option<(u128, usize)> {
    let n = c.len();
    let mut j = k;
    let mut total: u128 = 0;
    let mut last: Option<NumWord> = None;
    while j < n {
        let first = j == k;
        // Units after the first need و (attached: وعشرون), except عشر after a unit and مئة after one.
        let w = c.w(j);
        let word = if first { num_word(c, j, false) } else { num_word(c, j, false).or_else(|| num_word(c, j, true)) };
        let wa = !first && c.e(j).and_then(|e| e.num).is_none();
        let teen_one = first && matches!(w, "احد" | "احدي");
        match (word, last) {
            _ if teen_one => {
                if j + 1 < n && matches!(c.w(j + 1), "عشر" | "عشره") {
                    total = 11;
                    j += 2;
                    last = Some(NumWord::Ten(11));
                    continue;
                }
                return None;
            }
            (Some(NumWord::Unit(v)), None) => {
                total = v as u128;
                if v < 10 && j + 1 < n && matches!(c.w(j + 1), "عشر" | "عشره") {
                    total = 10 + v as u128;
                    j += 1;
                }
                last = word;
            }
            // خمسمئة وثلاثة، مئة وعشرون، ثلاثة وعشرون
            (Some(NumWord::Unit(v) | NumWord::Ten(v)), Some(NumWord::Hundred(_))) if wa => {
                total += v as u128;
                last = word;
            }
            (Some(NumWord::Ten(v)), Some(NumWord::Unit(_))) if wa && total % 100 < 10 => {
                total += v as u128;
                last = word;
            }
            (Some(NumWord::Ten(v) | NumWord::Hundred(v)), None) => {
                total = v as u128;
                last = word;
            }
            (Some(NumWord::Hundred(100)), Some(NumWord::Unit(u))) if !wa && (3..=9).contains(&u) && total == u as u128 => {
                total = u as u128 * 100;
                last = Some(NumWord::Hundred(total as u32));
            }
            _ => break,
        }
        j += 1;
    }
    if j == k {
        None
    } else {
        Some((total, j))
    }
}

/// Reads a number at `k`: digits or words, with scales (3 مليارات، 217 ألفاً و165، مليون ونصف),
/// vague plurals (عشرات الآلاف = 10 000) and the article before digits (الـ50).
pub fn parse(c: &Ctx, k: usize) -> Option<Num> {
    let n = c.len();
    let mut j = k;
    let mut def = false;
    if c.e(j).is_some_and(|e| e.special == Special::Article) && j + 1 < n && c.kind(j + 1) == TokKind::Number {
        def = true;
        j += 1;
    }
    let mut digits = false;
    let mut vague = false;
    let mut cur: Dec;
    // The first item.
    if c.kind(j) == TokKind::Number {
        cur = parse_digits(c.w(j))?;
        digits = true;
        j += 1;
    } else if def {
        return None;
    } else {
        match num_word(c, j, false)? {
            NumWord::Vague(v) => {
                cur = Dec::int(v as u128);
                vague = true;
                j += 1;
            }
            NumWord::Scale(_, form) => {
                // A scale alone: ألف شخص، ملياري درهم، آلاف الأشخاص (vague), مليارات الدولارات.
                cur = Dec::int(if form == 2 { 2 } else { 1 });
                vague = form == 0;
                // the scale itself is applied below
            }
            NumWord::Fraction(f) => {
                cur = Dec { m: f as u128, e: -3 };
                j += 1;
            }
            _ => {
                let (v, e) = small_words(c, j)?;
                cur = Dec::int(v);
                j = e;
            }
        }
    }
    let plain_end = j;
    let mut total = Dec::int(0);
    let mut scale: u128 = 1;
    let mut core = cur;
    // Scales and the parts after them.
    for _ in 0..3 {
        if j >= n {
            break;
        }
        let Some(NumWord::Scale(s, form)) = num_word(c, j, false) else { break };
        let s = s as u128;
        // A dual scale only stands alone (ألفين); scales after a compound part go down (مليون و200 ألف).
        if (form == 2 && j != k) || (total.m != 0 && s >= scale) || cur.m == 0 {
            break;
        }
        core = cur;
        total = total.add(cur.mul(s)?)?;
        scale = s;
        cur = Dec::int(0);
        j += 1;
        // A scale of a scale: ألف مليار (10^12), مئة ألف مليون.
        while let Some(NumWord::Scale(s2, f2)) = num_word(c, j, false) {
            if f2 == 2 || (s2 as u128) <= scale {
                break;
            }
            core = total;
            total = total.mul(s2 as u128)?;
            scale = s2 as u128;
            j += 1;
        }
        let s = scale;
        // مليون ونصف
        if j < n && c.w(j).starts_with('و') {
            if let Some(NumWord::Fraction(f)) = c.e_wa(j).and_then(|e| e.num) {
                total = total.add(Dec { m: f as u128 * s, e: -3 })?;
                j += 1;
                break;
            }
        }
        // 217 ألفاً و165 / مليون و200 ألف
        if j + 1 < n && c.e(j).is_some_and(|e| e.special == Special::And) && c.kind(j + 1) == TokKind::Number && c.glued(j + 1) {
            if let Some(d) = parse_digits(c.w(j + 1)) {
                if d.as_int().is_some_and(|v| v < s) {
                    cur = d;
                    digits = true;
                    j += 2;
                    continue;
                }
            }
            break;
        }
        // ألف وخمسمئة / مليونان وثلاثمئة ألف
        if j < n && c.kind(j) == TokKind::Arabic && c.w(j).starts_with('و') {
            if let Some((v, e)) = small_words_wa(c, j) {
                if v < s {
                    cur = Dec::int(v);
                    j = e;
                    continue;
                }
            }
        }
        break;
    }
    let val = total.add(cur)?;
    let plain = digits && !def && j == plain_end && plain_end == k + 1;
    if scale == 1 {
        core = val;
    }
    Some(Num { val, end: j, plain, digits, def, vague, scale, core })
}

/// [`small_words`] for a run whose first word carries the conjunction (وخمسمئة، وعشرون).
fn small_words_wa(c: &Ctx, k: usize) -> Option<(u128, usize)> {
    let w = c.e_wa(k)?.num?;
    let mut total = match w {
        NumWord::Unit(v) | NumWord::Ten(v) | NumWord::Hundred(v) => v as u128,
        _ => return None,
    };
    let mut j = k + 1;
    if j < c.len() {
        if let Some(NumWord::Ten(v) | NumWord::Unit(v)) = c.e_wa(j).and_then(|e| e.num) {
            if c.w(j).starts_with('و') && total >= 100 {
                total += v as u128;
                j += 1;
            }
        }
    }
    Some((total, j))
}
