//! MONEY (an amount and its ISO 4217 currency), PERCENT and QUANTITY (a number and its counted
//! noun), and ranges that share their unit (بين 35 و40 مليار ريال).

use super::lexicon::{Amb, Currency, Special};
use super::numbers::{self, Dec, Num};
use super::{money, number, Ctx, Hit};
use crate::result::Label;
use crate::text::TokKind;

/// How far back a country name can decide an ambiguous currency word (ريال near إيران).
const CONTEXT: usize = 40;

/// The currencies an ambiguous word can be, by the country adjective or name that decides it.
fn fits(amb: Amb, code: &str) -> bool {
    match amb {
        Amb::Dollar => matches!(code, "USD" | "CAD" | "AUD" | "HKD" | "SGD"),
        Amb::Pound => matches!(code, "EGP" | "SDG" | "GBP"),
        Amb::Riyal => matches!(code, "SAR" | "QAR" | "OMR" | "YER" | "IRR" | "BRL"),
        Amb::Dinar => matches!(code, "KWD" | "JOD" | "IQD" | "TND" | "DZD" | "LYD" | "BHD"),
        Amb::Lira => matches!(code, "TRY" | "SYP" | "LBP"),
        Amb::Dirham => matches!(code, "AED" | "MAD"),
        Amb::Franc => matches!(code, "CHF"),
    }
}

/// The currency of the word at `k`: (ISO code, next token). An adjective after it decides
/// (دولار أمريكي، جنيه استرليني، ليرة سورية); for جنيه، ريال، دينار، ليرة، درهم the nearest
/// country named before it in the text does, else the most common reading.
fn currency_at(c: &Ctx, k: usize) -> Option<(&'static str, usize)> {
    let cur = c.e(k)?.currency?;
    let amb = match cur {
        Currency::Code(code) => {
            return Some((code, k + 1));
        }
        Currency::Ambiguous(a) => a,
    };
    if k + 1 < c.len() {
        if let Some(code) = c.e(k + 1).and_then(|e| e.country).filter(|code| fits(amb, code)) {
            return Some((code, k + 2));
        }
        if let Some(Currency::Code("GBP")) = c.e(k + 1).and_then(|e| e.currency) {
            if amb == Amb::Pound {
                return Some(("GBP", k + 2));
            }
        }
    }
    if let Some(code) = c.paired[amb as usize] {
        return Some((code, k + 1));
    }
    if amb != Amb::Dollar {
        let lo = k.saturating_sub(CONTEXT);
        for j in (lo..k).rev() {
            if let Some(code) = c.e(j).and_then(|e| e.country).filter(|code| fits(amb, code)) {
                return Some((code, k + 1));
            }
        }
    }
    Some((amb.default_code(), k + 1))
}

/// For each ambiguous currency word, the country the text pairs it with first (الجنيه السوداني،
/// الريال الإيراني), by [`Amb`] index.
pub fn pairings(toks: &[crate::text::Token], entries: &[Option<&'static super::lexicon::Entry>]) -> [Option<&'static str>; 7] {
    let mut out = [None; 7];
    for k in 0..toks.len().saturating_sub(1) {
        if let Some(Currency::Ambiguous(amb)) = entries[k].and_then(|e| e.currency) {
            if out[amb as usize].is_none() {
                if let Some(code) = entries[k + 1].and_then(|e| e.country).filter(|code| fits(amb, code)) {
                    out[amb as usize] = Some(code);
                }
            }
        }
    }
    out
}

/// A percent after a number at `k`: %، ٪، في المئة، بالمئة: next token.
fn percent_at(c: &Ctx, k: usize) -> Option<usize> {
    let n = c.len();
    if k >= n {
        return None;
    }
    if c.punct(k, "%") || c.punct(k, "٪") {
        return Some(k + 1);
    }
    if c.e(k).is_some_and(|e| e.percent) && c.w(k).starts_with('ب') {
        return Some(k + 1);
    }
    if k + 1 < n && c.w(k) == "في" && c.e(k + 1).is_some_and(|e| e.percent) {
        return Some(k + 2);
    }
    None
}

/// A word that can be the noun a number counts (12 شخصا، ثلاثة آلاف لاجئ، عشرات القتلى).
fn counted_noun(c: &Ctx, k: usize, num: &Num) -> bool {
    if k >= c.len() || c.kind(k) != TokKind::Arabic || c.boundary(k) {
        return false;
    }
    let w = c.w(k);
    if w.chars().count() < 2 {
        return false;
    }
    if let Some(e) = c.e(k) {
        if e.stop || e.unit.is_some() || e.currency.is_some() || e.percent || e.month > 0 || e.month_head > 0 || e.weekday > 0
            || e.num.is_some() || e.rel.is_some() || e.day_word.is_some() || e.ordinal > 0 || e.special != Special::None || e.hijri > 0
            || e.clock_part.is_some() || e.not_count
        {
            return false;
        }
    }
    // A preposition or conjunction with the article is a phrase, not a counted noun (3 للمجموعة).
    if ["لل", "بال", "وال", "فال", "كال", "فا"].iter().any(|p| w.starts_with(p)) {
        return false;
    }
    // After digits the counted noun has no article (139 التابعة is not a count); after a vague
    // plural it has one (عشرات القتلى، آلاف الأشخاص).
    let def = c.definite(k);
    if num.vague {
        return def;
    }
    !def
}

/// MONEY, PERCENT or QUANTITY starting at `i`.
pub fn amount_at(c: &Ctx, i: usize) -> Option<Hit> {
    if c.kind(i) == TokKind::Arabic && c.e(i).is_some_and(|e| e.currency.is_some()) {
        return one_unit(c, i);
    }
    if c.kind(i) == TokKind::Arabic && !c.e(i).is_some_and(|e| e.num.is_some() || e.special == Special::Article) {
        return None;
    }
    let num = numbers::parse(c, i)?;
    // Labels and ordinals (الدقيقة 38، رقم 3، المصنفة 17، الجولة الـ3), model names (AI 139) and
    // the second number of a score or a date (5-1، 26/9) are not counts.
    if i > 0 && (c.e(i - 1).is_some_and(|e| e.not_count || e.special == Special::Article) || c.kind(i - 1) == TokKind::Latin) {
        return None;
    }
    let after_sep = i > 0 && c.glued(i) && (c.punct(i - 1, "-") || c.punct(i - 1, ":") || c.punct(i - 1, "/"));
    // A number word with the article follows its noun (السنوات الثلاث); الاثنين is Monday.
    // واحد and اثنين follow their noun too (كلمة واحدة، شرطيين اثنين).
    if c.kind(i) == TokKind::Arabic && c.e(i).is_some_and(|e| e.num_def || matches!(e.num, Some(super::lexicon::NumWord::Unit(1 | 2)))) {
        return None;
    }
    if let Some(h) = range_first(c, i, &num) {
        return Some(h);
    }
    // After 5- or 26/ only an amount or a percent (1360-1365 دولارا), never a count (2-1).
    unit_after(c, &num).filter(|h| !after_sep || matches!(h.label, Label::MONEY | Label::PERCENT))
}

/// One unit of a currency, the number after it (دولار واحد، يورو واحدا، دولار أمريكي واحد).
fn one_unit(c: &Ctx, i: usize) -> Option<Hit> {
    // الليرة التركية واحدة من … is not an amount.
    if c.definite(i) {
        return None;
    }
    let (code, end) = currency_at(c, i)?;
    if !matches!(c.w(end), "واحد" | "واحدا" | "واحده") {
        return None;
    }
    Some(Hit::new(end + 1, Label::MONEY, money(1.0, code)))
}

/// What follows a number: a currency, a percent, a counted noun.
fn unit_after(c: &Ctx, num: &Num) -> Option<Hit> {
    let n = c.len();
    let j = num.end;
    if j > n {
        return None;
    }
    // Scores, times, dates in digits: 2-1, 18:00, 26/9.
    if num.plain && j < n && (c.punct(j, "-") || c.punct(j, ":") || c.punct(j, "/")) && c.glued(j) {
        return None;
    }
    if let Some((code, end)) = currency_at(c, j) {
        return Some(Hit::new(end, Label::MONEY, money(num.val.trim().to_f64(), code)));
    }
    if let Some(end) = percent_at(c, j) {
        if num.def {
            return None;
        }
        return Some(Hit::new(end, Label::PERCENT, number(num.val.trim().to_f64())));
    }
    if num.def {
        return None;
    }
    if counted_noun(c, j, num) {
        // A four-digit number that could be a year is not a count (في 2014 يهدف، و2011 وقاده).
        if num.plain && num.val.as_int().is_some_and(|v| (1900..=2100).contains(&v)) {
            return None;
        }
        let mut end = j + 1;
        // قدم مكعب، كلم مربع
        if end < n && c.e(end).is_some_and(|e| e.measure_adj) {
            end += 1;
        }
        // عشرات الآلاف من الوظائف
        if num.vague && end + 1 < n && c.w(end) == "من" && c.w(end + 1).starts_with("ال") && counted_noun(c, end + 1, num) {
            end += 2;
        }
        return Some(Hit::new(end, Label::QUANTITY, number(num.val.trim().to_f64())));
    }
    // عشرات الآلاف من الوظائف (the من phrase after a vague count with a scale)
    if num.vague && j + 1 < n && c.w(j) == "من" && c.w(j + 1).starts_with("ال") && counted_noun(c, j + 1, num) {
        return Some(Hit::new(j + 2, Label::QUANTITY, number(num.val.trim().to_f64())));
    }
    None
}

/// The first number of a range that shares the unit of the second: بين 35 و40 مليار ريال
/// (35 000 000 000 SAR), 1360-1365 دولارا, ما بين 10 و12 ألف وظيفة, بعمر 16 و18 عاما,
/// بين خمسة وعشرة كيلوغرامات.
fn range_first(c: &Ctx, i: usize, n1: &Num) -> Option<Hit> {
    let n = c.len();
    let j = n1.end;
    if n1.scale != 1 || n1.vague || n1.def || j + 1 > n || j >= n {
        return None;
    }
    // The second number: after a separate و (digits), a dash between digits, or a word with و.
    let k = if c.e(j).is_some_and(|e| e.special == Special::And) || (c.punct(j, "-") && n1.digits && c.glued(j)) {
        j + 1
    } else if c.kind(j) == TokKind::Arabic && c.w(j).starts_with('و') && c.e_wa(j).is_some_and(|e| e.num.is_some()) && !n1.digits {
        j
    } else {
        return None;
    };
    if k >= n {
        return None;
    }
    let between = i > 0 && (c.e(i - 1).is_some_and(|e| e.special == Special::Between) || matches!(c.w(i - 1), "بعمر" | "تتراوح"));
    if !between && !c.punct(j, "-") {
        return None;
    }
    let n2 = if k == j { second_word_number(c, k)? } else { numbers::parse(c, k)? };
    if n2.vague {
        return None;
    }
    let a = n1.val;
    let b = n2.core;
    if a.to_f64() >= b.to_f64() {
        return None;
    }
    let h2 = unit_after(c, &n2).or_else(|| super::dates::date_at(c, k))?;
    if c.punct(j, "-") && h2.label == Label::QUANTITY {
        return None; // 1-2 is a score
    }
    let v1 = a.mul(n2.scale)?.trim().to_f64();
    let value = match (&h2.label, &h2.value) {
        (Label::MONEY, Some(crate::result::Value::Money(m))) => money(v1, &m.currency),
        (Label::PERCENT | Label::QUANTITY, _) => number(v1),
        (Label::DATE, Some(crate::result::Value::Text(s))) if s.starts_with('P') => {
            let unit_letter = s.chars().last()?;
            let t = if s.starts_with("PT") { "T" } else { "" };
            super::text(format!("P{t}{}{unit_letter}", Dec { m: a.m, e: a.e }.to_plain()))
        }
        _ => return None,
    };
    Some(Hit::new(j, h2.label, value))
}

/// A number word carrying the conjunction (وعشرة): read as the second number of a range.
fn second_word_number(c: &Ctx, k: usize) -> Option<Num> {
    let e = c.e_wa(k)?;
    let v = match e.num? {
        super::lexicon::NumWord::Unit(v) | super::lexicon::NumWord::Ten(v) | super::lexicon::NumWord::Hundred(v) => v,
        _ => return None,
    };
    let d = Dec::int(v as u128);
    Some(Num { val: d, end: k + 1, plain: false, digits: false, def: false, vague: false, scale: 1, core: d })
}
