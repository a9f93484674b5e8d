//! DATE and TIME: calendar dates of both month-name systems and of the Hijri calendar, weekdays,
//! years, relative expressions, durations, clock times and parts of the day.

use super::calendar::{add_months, fmt_interval, fmt_week, fmt_ym, fmt_ymd, hijri_days, hijri_month_len, to_hijri, Ymd};
use super::lexicon::{Pos, Rel, Special, Unit};
use super::numbers::{self, Dec};
use super::{text, Ctx, Hit};
use crate::result::{Label, Value};
use crate::text::TokKind;

/// A date as far as the text fixes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum When {
    Day(Ymd),
    /// Month of a known year.
    Month(i32, u32),
    Year(i32),
    /// Month and day, year unknown (XXXX-06-05).
    MonthDayNoYear(u32, u32),
    /// Month, year unknown (XXXX-06).
    MonthNoYear(u32),
    /// The ISO week of this day.
    Week(Ymd),
    /// Not resolvable (relative, no document date).
    Unknown,
}

impl When {
    fn value(self) -> Option<Value> {
        match self {
            When::Day(d) => text(fmt_ymd(d)),
            When::Month(y, m) => text(fmt_ym(y, m)),
            When::Year(y) => text(format!("{y:04}")),
            When::MonthDayNoYear(m, d) => text(format!("XXXX-{m:02}-{d:02}")),
            When::MonthNoYear(m) => text(format!("XXXX-{m:02}")),
            When::Week(d) => text(fmt_week(d)),
            When::Unknown => None,
        }
    }
    fn anchor(self) -> Option<(i32, u32, u32)> {
        match self {
            When::Day(d) => Some((d.year, d.month, d.day)),
            When::Month(y, m) => Some((y, m, 0)),
            When::MonthNoYear(m) => Some((0, m, 0)),
            When::MonthDayNoYear(m, d) => Some((0, m, d)),
            _ => None,
        }
    }
}

fn date_hit(end: usize, w: When) -> Hit {
    Hit { end, label: Label::DATE, value: w.value(), anchor: w.anchor() }
}

/// The relative modifier at `k` (الماضي، المقبل، الجاري).
fn rel(c: &Ctx, k: usize) -> Option<Rel> {
    if k < c.len() {
        c.e(k).and_then(|e| e.rel)
    } else {
        None
    }
}

/// A Gregorian month name at `k` (one word, or كانون / تشرين + الأول / الثاني), optionally with
/// its name in the other system after a slash or a space (يونيو/حزيران، ديسمبر كانون الأول):
/// (month, next token, needs context).
fn month_at(c: &Ctx, k: usize) -> Option<(u32, usize, bool)> {
    let (m, mut j, amb) = one_month(c, k)?;
    // A second name of the same month: after "/" (spaces allowed around it) or a space.
    if j < c.len() && c.punct(j, "/") {
        // The second name may even be another month by mistake (أكتوبر/ تشرين الثاني): the first wins.
        if let Some((_, j2, _)) = one_month(c, j + 1) {
            return Some((m, j2, false));
        }
    } else if let Some((_, j2, _)) = one_month(c, j).filter(|x| x.0 == m) {
        j = j2;
        return Some((m, j, false));
    }
    Some((m, j, amb))
}

fn one_month(c: &Ctx, k: usize) -> Option<(u32, usize, bool)> {
    if k >= c.len() || c.kind(k) != TokKind::Arabic {
        return None;
    }
    let e = c.e(k)?;
    if e.month > 0 {
        return Some((e.month as u32, k + 1, e.month_ambiguous));
    }
    if e.month_head > 0 && k + 1 < c.len() {
        let part = c.e(k + 1).map_or(0, |e| e.month_part);
        let m = match (e.month_head, part) {
            (1, 1) => 12,
            (1, 2) => 1,
            (2, 1) => 10,
            (2, 2) => 11,
            _ => return None,
        };
        return Some((m, k + 2, false));
    }
    None
}

/// A Hijri month name at `k`: (month, next token).
fn hijri_month_at(c: &Ctx, k: usize) -> Option<(u32, usize)> {
    if k >= c.len() {
        return None;
    }
    let e = c.e(k)?;
    if e.hijri > 0 {
        return Some((e.hijri as u32, k + 1));
    }
    if e.hijri_head > 0 && k + 1 < c.len() {
        let w = c.w(k + 1);
        let m = match (e.hijri_head, w) {
            (3, "الاول") => 3,
            (3, "الثاني" | "الاخر") => 4,
            (5, "الاولي" | "الاول") => 5,
            (5, "الاخره" | "الثانيه" | "الاخر") => 6,
            (11, "القعده") => 11,
            (11, "الحجه") => 12,
            _ => return None,
        };
        return Some((m, k + 2));
    }
    None
}

/// A plain integer digits token at `k`.
fn int_at(c: &Ctx, k: usize) -> Option<u32> {
    if k >= c.len() || c.kind(k) != TokKind::Number {
        return None;
    }
    let w = c.w(k);
    if w.len() > 4 || !w.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    w.parse().ok()
}

/// The Hijri mark after a year (هـ، ه، هجري، هجرية): next token.
fn hijri_mark(c: &Ctx, k: usize) -> Option<usize> {
    if k < c.len() && matches!(c.w(k), "ه" | "هـ" | "هجري" | "هجريه" | "للهجره") {
        Some(k + 1)
    } else {
        None
    }
}

/// A year in digits at `k`, with an optional Hijri mark: (year, next token, Hijri). The mark
/// after a year of 1300–1500 makes it Hijri; 1000–2200 otherwise.
fn year_at(c: &Ctx, k: usize) -> Option<(i32, usize, bool)> {
    let y = int_at(c, k)? as i32;
    if c.w(k).len() < 3 {
        return None;
    }
    if let Some(j) = hijri_mark(c, k + 1) {
        if (1300..=1500).contains(&y) {
            return Some((y, j, true));
        }
    }
    if (1000..=2200).contains(&y) {
        // ميلادي / م after the year
        let j = if k + 1 < c.len() && matches!(c.w(k + 1), "م" | "ميلادي" | "ميلاديه") { k + 2 } else { k + 1 };
        return Some((y, j, false));
    }
    None
}

/// A Hijri year as an interval of civil dates.
fn hijri_year_value(y: i32) -> Option<Value> {
    let a = Ymd::from_days(hijri_days(y, 1, 1));
    let b = Ymd::from_days(hijri_days(y + 1, 1, 1) - 1);
    text(fmt_interval(a, b))
}

/// What follows a day and month to give the year: `[من] [عام|العام|سنة] YEAR`, `من العام
/// الجاري / الماضي / المقبل`, `من هذا العام`: (year or how to resolve it, next token).
enum YearPart {
    Explicit(i32, bool),
    Relative(i32),
}

fn year_part(c: &Ctx, k: usize) -> Option<(YearPart, usize)> {
    let n = c.len();
    let mut j = k;
    if j < n && c.e(j).is_some_and(|e| e.special == Special::Min) {
        j += 1;
    }
    if j < n && c.e(j).is_some_and(|e| e.special == Special::This) && j + 1 < n && c.e(j + 1).is_some_and(|e| e.special == Special::YearOf) {
        return Some((YearPart::Relative(0), j + 2));
    }
    let mut had_word = false;
    if j < n && c.e(j).is_some_and(|e| e.special == Special::YearOf) {
        had_word = true;
        j += 1;
        if let Some(r) = rel(c, j) {
            let off = match r {
                Rel::Past => -1,
                Rel::Next => 1,
                Rel::Current => 0,
            };
            return Some((YearPart::Relative(off), j + 1));
        }
    }
    if let Some((y, e, h)) = year_at(c, j) {
        return Some((YearPart::Explicit(y, h), e));
    }
    let _ = had_word;
    None
}

/// A day of the month at `k`: digits 1–31 (after an optional article: الـ13), or an ordinal
/// (الرابع، الحادي والعشرين) which needs من after it: (day, next token, ordinal).
fn day_at(c: &Ctx, k: usize) -> Option<(u32, usize, bool)> {
    let n = c.len();
    let mut j = k;
    if j < n && c.e(j).is_some_and(|e| e.special == Special::Article) && j + 1 < n && c.kind(j + 1) == TokKind::Number {
        j += 1;
    }
    if let Some(d) = int_at(c, j) {
        if (1..=31).contains(&d) && c.w(j).len() <= 2 {
            return Some((d, j + 1, false));
        }
        return None;
    }
    if j == k && j < n {
        let o = c.e(j).map_or(0, |e| e.ordinal) as u32;
        if o == 0 || o > 30 {
            return None;
        }
        let mut d = o;
        let mut e = j + 1;
        if o < 10 && e < n && matches!(c.w(e), "عشر" | "عشره") {
            d += 10;
            e += 1;
        } else if o < 10 && e < n && c.w(e).starts_with('و') {
            if let Some(t) = c.e_wa(e).map(|x| x.ordinal as u32).filter(|&t| t == 20 || t == 30) {
                d += t;
                e += 1;
            }
        }
        if d > 31 {
            return None;
        }
        return Some((d, e, true));
    }
    None
}

/// The year of a month named without one: the document's year, or the year before when the
/// month lies well ahead of the document date (or الماضي puts it behind), the next when المقبل.
fn resolve_month(c: &Ctx, m: u32, r: Option<Rel>) -> When {
    let Some(d) = c.date else { return When::MonthNoYear(m) };
    let y = match r {
        Some(Rel::Current) => d.year,
        Some(Rel::Past) => {
            if m < d.month {
                d.year
            } else {
                d.year - 1
            }
        }
        Some(Rel::Next) => {
            if m > d.month {
                d.year
            } else {
                d.year + 1
            }
        }
        None => {
            let ahead = (m + 12 - d.month) % 12;
            if ahead == 0 {
                d.year
            } else if ahead <= 2 {
                if m > d.month {
                    d.year
                } else {
                    d.year + 1
                }
            } else if m < d.month {
                d.year
            } else {
                d.year - 1
            }
        }
    };
    When::Month(y, m)
}

/// [`resolve_month`] for a day of a month: with الماضي / المقبل in the document's own month the day
/// decides the year (13 حزيران الماضي, written on 16 June, is this June).
fn resolve_month_day(c: &Ctx, m: u32, day: u32, r: Option<Rel>) -> When {
    match (c.date, r) {
        (Some(d), Some(Rel::Past)) if m == d.month && day < d.day => When::Month(d.year, m),
        (Some(d), Some(Rel::Next)) if m == d.month && day > d.day => When::Month(d.year, m),
        _ => resolve_month(c, m, r),
    }
}

fn with_day(w: When, day: u32) -> When {
    match w {
        When::Month(y, m) => Ymd::new(y, m, day).map_or(When::Unknown, When::Day),
        When::MonthNoYear(m) => When::MonthDayNoYear(m, day),
        other => other,
    }
}

/// A verb in the future tense near token `k` (سيخضع، ستبدأ …), in the same sentence: a weekday
/// named alone then means the next one.
fn future_near(c: &Ctx, k: usize) -> bool {
    let lo = k.saturating_sub(20);
    let mut j = k;
    while j > lo {
        if c.boundary(j) {
            break;
        }
        j -= 1;
        if is_future_verb(c.w(j)) {
            return true;
        }
    }
    let hi = (k + 6).min(c.len());
    for j in k + 1..hi {
        if c.boundary(j) {
            break;
        }
        if is_future_verb(c.w(j)) || (c.w(j) == "المقرر" && j + 1 < hi) {
            return true;
        }
    }
    false
}

fn is_future_verb(w: &str) -> bool {
    if matches!(w, "سوف" | "وسوف" | "فسوف") {
        return true;
    }
    // وسيرفع، فستبدأ: the conjunction before the future prefix.
    let w = match w.strip_prefix(['و', 'ف']) {
        Some(rest) if rest.starts_with('س') => rest,
        _ => w,
    };
    const NOT_VERBS: &[&str] = &[
        "سيا", "سيد", "سيط", "سيرغ", "سيرين", "سيرج", "سين", "سيم", "سيف", "سيك", "سيول", "ستا", "ستو", "ستي", "سترا", "ستري", "سنو",
        "سنت", "سنغ", "سنه", "ستين", "ستون", "سته", "سنين", "سيبير", "سيول", "سينا", "ستال", "سيرا", "سيري", "سيلف",
    ];
    let n = w.chars().count();
    n >= 5 && (w.starts_with("سي") || w.starts_with("ست") || w.starts_with("سن")) && !NOT_VERBS.iter().any(|p| w.starts_with(p))
}

/// A weekday resolved against the document date: the last one on or before it (the one before,
/// with الماضي), the next one after it with المقبل, the next one on or after it with a verb in the
/// future.
fn resolve_weekday(c: &Ctx, wd: u32, r: Option<Rel>, at: usize) -> When {
    let Some(d) = c.date else { return When::Unknown };
    let cur = d.weekday();
    let back = (cur + 7 - wd) % 7;
    let fwd = (wd + 7 - cur) % 7;
    let day = match r {
        Some(Rel::Past) => d.add_days(-(if back == 0 { 7 } else { back } as i64)),
        Some(Rel::Next) => d.add_days(if fwd == 0 { 7 } else { fwd } as i64),
        Some(Rel::Current) => d.add_days(-(back as i64)),
        // In the future tense the weekday of the document date is that day (ستبدأ صباح الاثنين,
        // written on a Monday), another weekday the next one.
        None if future_near(c, at) => d.add_days(fwd as i64),
        None => d.add_days(-(back as i64)),
    };
    When::Day(day)
}

/// A calendar date: day and month, month alone, weekday, year, relative words, numeric dates.
pub fn date_at(c: &Ctx, i: usize) -> Option<Hit> {
    let e = c.e(i);
    let n = c.len();
    // Position words: نهاية العام، مطلع مارس، أواخر الشهر الماضي، أول آذار.
    if let Some(p) = e.and_then(|e| e.pos) {
        if i + 1 < n {
            if p == Pos::First {
                // أول آذار/مارس = the first of March; أول أمس = the day before yesterday.
                if let Some(mut h) = month_expr(c, i + 1, true) {
                    if let Some(Value::Text(s)) = &h.value {
                        if s.len() == 7 {
                            h.value = text(format!("{s}-01"));
                        }
                    }
                    return Some(h);
                }
                if c.e(i + 1).and_then(|e| e.day_word) == Some(-1) {
                    let w = c.date.map_or(When::Unknown, |d| When::Day(d.add_days(-2)));
                    return Some(date_hit(i + 2, w));
                }
                return first_months(c, i + 1);
            }
            return inner_date(c, i + 1, true).filter(|h| !matches!(&h.value, Some(Value::Text(s)) if s.starts_with('P')));
        }
        return None;
    }
    inner_date(c, i, false)
}

/// أول شهرين من عام 2018، أول ثلاثة أشهر من العام: the first months of a year, as an interval of
/// months (`2018-01/2018-02`); `k` is the token after أول.
fn first_months(c: &Ctx, k: usize) -> Option<Hit> {
    let (v, u, e) = count_unit(c, k)?;
    let months = v.as_int().filter(|m| (2..=11).contains(m))?;
    if u != Unit::Month || !c.e(e).is_some_and(|x| x.special == Special::Min) {
        return None;
    }
    let (yp, end) = year_part(c, e + 1)?;
    let y = match yp {
        YearPart::Explicit(y, false) => Some(y),
        YearPart::Relative(off) => c.date.map(|d| d.year + off),
        _ => return None,
    };
    Some(Hit::new(end, Label::DATE, y.and_then(|y| text(format!("{y:04}-01/{y:04}-{months:02}")))))
}

/// A month (with day, year, modifier) at `k`; `after_pos` when a position word or شهر stood
/// before it (an ambiguous month name is then a month).
fn month_expr(c: &Ctx, k: usize, after_pos: bool) -> Option<Hit> {
    let n = c.len();
    let mut j = k;
    let mut had_shahr = false;
    if j < n && c.e(j).is_some_and(|e| e.special == Special::MonthOf) {
        had_shahr = true;
        j += 1;
    }
    let (m, mut e, amb) = month_at(c, j)?;
    let r = rel(c, e);
    if r.is_some() {
        e += 1;
    }
    let yp = year_part(c, e);
    let context = after_pos || had_shahr || r.is_some() || yp.is_some() || (k > 0 && c.e(k - 1).is_some_and(|x| x.prep)) || c.punct(k.wrapping_sub(1), "(");
    if amb && !context {
        return None;
    }
    if !amb && !context && k > 0 && c.kind(k - 1) == TokKind::Arabic && c.e(k - 1).map_or(true, |x| !x.prep) {
        // An unambiguous month name after any word is still a month (قبيل يونيو، تسليم يونيو).
    }
    let w = match yp {
        Some((YearPart::Explicit(y, false), ye)) => {
            e = ye;
            When::Month(y, m)
        }
        Some((YearPart::Relative(off), ye)) => {
            e = ye;
            c.date.map_or(When::MonthNoYear(m), |d| When::Month(d.year + off, m))
        }
        _ => resolve_month(c, m, r),
    };
    Some(date_hit(e, w))
}

fn unit_year_code(u: Unit) -> Option<(&'static str, u32, bool)> {
    // (ISO designator, multiplier, time part)
    Some(match u {
        Unit::Second => ("S", 1, true),
        Unit::Minute => ("M", 1, true),
        Unit::Hour => ("H", 1, true),
        Unit::Day => ("D", 1, false),
        Unit::Week => ("W", 1, false),
        Unit::Month => ("M", 1, false),
        Unit::Year => ("Y", 1, false),
        Unit::Decade => ("Y", 10, false),
        Unit::Century => ("Y", 100, false),
    })
}

/// An ISO 8601 duration of `n` units (`P3M`, `PT7H`, `P1.5Y`; half an hour is `PT30M`).
pub(crate) fn duration(n: Dec, u: Unit) -> Option<String> {
    let (code, mult, time) = unit_year_code(u)?;
    let mut v = n.mul(mult as u128)?;
    let (mut code, time) = (code, time);
    if u == Unit::Hour && v.as_int().is_none() {
        v = v.mul(60)?;
        code = "M";
    }
    Some(format!("P{}{}{}", if time { "T" } else { "" }, v.to_plain(), code))
}

/// Two durations written as one (7 ساعات و45 دقيقة = PT7H45M).
fn duration2(a: Dec, ua: Unit, b: Dec, ub: Unit) -> Option<String> {
    let (ca, _, ta) = unit_year_code(ua)?;
    let (cb, _, tb) = unit_year_code(ub)?;
    if matches!(ua, Unit::Decade | Unit::Century) || matches!(ub, Unit::Decade | Unit::Century) || ua == ub {
        return None;
    }
    let order = |u: Unit| u as i32;
    if order(ub) >= order(ua) {
        return None;
    }
    match (ta, tb) {
        (true, true) => Some(format!("PT{}{}{}{}", a.to_plain(), ca, b.to_plain(), cb)),
        (false, true) => Some(format!("P{}{}T{}{}", a.to_plain(), ca, b.to_plain(), cb)),
        (false, false) => Some(format!("P{}{}{}{}", a.to_plain(), ca, b.to_plain(), cb)),
        _ => None,
    }
}

/// A date `n` units before the document date (قبل يومين، قبل عشر سنوات), at the unit's grain.
fn ago(c: &Ctx, n: i64, u: Unit) -> When {
    let Some(d) = c.date else { return When::Unknown };
    match u {
        Unit::Second | Unit::Minute | Unit::Hour => When::Day(d),
        Unit::Day => When::Day(d.add_days(-n)),
        Unit::Week => When::Week(d.add_days(-7 * n)),
        Unit::Month => {
            let (y, m) = add_months(d.year, d.month, -(n as i32));
            When::Month(y, m)
        }
        Unit::Year => When::Year(d.year - n as i32),
        Unit::Decade => When::Year(d.year - 10 * n as i32),
        Unit::Century => When::Year(d.year - 100 * n as i32),
    }
}

/// [`ago`] of a count that may be a fraction: قبل نصف قرن (50 years), قبل عقد ونصف (15 years),
/// قبل عام ونصف (18 months).
fn ago_dec(c: &Ctx, v: Dec, u: Unit) -> Option<When> {
    if let Some(k) = v.as_int() {
        return Some(ago(c, k as i64, u));
    }
    let (months, mult) = match u {
        Unit::Year => (true, 1),
        Unit::Decade => (false, 10),
        Unit::Century => (false, 100),
        _ => return None,
    };
    if let Some(y) = v.mul(mult)?.as_int() {
        return Some(ago(c, y as i64, Unit::Year));
    }
    let m = v.mul(12)?.as_int().filter(|_| months)?;
    Some(ago(c, m as i64, Unit::Month))
}

/// A number and a unit of time at `k` (3 سنوات، عشر سنوات، يومين، الـ5 سنوات المقبلة، ربع قرن,
/// 7 ساعات و45 دقيقة، ثلاث سنوات ونصف): (count, unit, next token).
fn count_unit(c: &Ctx, k: usize) -> Option<(Dec, Unit, usize)> {
    let n = c.len();
    if k >= n {
        return None;
    }
    // A dual unit: يومين، عامين، اليومين الماضيين.
    if let Some(u) = c.e(k).and_then(|e| e.unit) {
        if u.n == 2 {
            return Some((Dec::int(2), u.unit, k + 1));
        }
        return None;
    }
    let num = numbers::parse(c, k)?;
    if num.vague || num.end >= n {
        return None;
    }
    let u = c.e(num.end).and_then(|e| e.unit).filter(|u| !u.def && u.n != 2)?;
    let mut end = num.end + 1;
    let mut val = num.val;
    // ونصف after the unit: ثلاث سنوات ونصف، عام ونصف
    if end < n && c.w(end) == "ونصف" {
        val = val.add(Dec { m: 5, e: -1 })?;
        end += 1;
    }
    Some((val, u.unit, end))
}

/// DATE expressions that do not start with a position word.
fn inner_date(c: &Ctx, i: usize, after_pos: bool) -> Option<Hit> {
    let n = c.len();
    let e = c.e(i);
    let special = e.map_or(Special::None, |e| e.special);
    // قبل + duration: a date before the document date.
    if special == Special::Ago && !after_pos {
        let mut j = i + 1;
        if j < n && c.e(j).is_some_and(|e| e.duration_cue) {
            j += 1;
        }
        if j < n {
            // قبل عام 2016 is "before 2016".
            if year_at(c, j + 1).is_some() && c.e(j).is_some_and(|e| e.special == Special::YearOf) {
                return None;
            }
            if let Some((v, u, end)) = count_unit(c, j) {
                return Some(date_hit(end, ago_dec(c, v, u)?));
            }
            if let Some(u) = c.e(j).and_then(|e| e.unit).filter(|u| u.n == 1 && !u.def) {
                // قبل عقد ونصف، قبل عام ونصف
                if c.w(j + 1) == "ونصف" {
                    return Some(date_hit(j + 2, ago_dec(c, Dec { m: 15, e: -1 }, u.unit)?));
                }
                if !(j + 1 < n && (year_at(c, j + 1).is_some() || c.kind(j + 1) == TokKind::Number)) {
                    return Some(date_hit(j + 1, ago(c, 1, u.unit)));
                }
            }
        }
        return None;
    }
    // اليوم، أمس، غدا (+ weekday): اليوم الخميس، أمس الأربعاء.
    if let Some(k) = e.and_then(|e| e.day_word) {
        if k == 0 && !today_ok(c, i) {
            return None;
        }
        // بأمس الحاجة (in dire need)
        if k == -1 && i + 1 < n && c.w(i + 1) == "الحاجه" {
            return None;
        }
        let mut end = i + 1;
        if end < n && c.e(end).is_some_and(|e| e.weekday > 0) {
            end += 1;
        }
        let w = c.date.map_or(When::Unknown, |d| When::Day(d.add_days(k as i64)));
        return Some(date_hit(end, w));
    }
    // يوم + weekday / date: يوم الخميس الماضي، يوم 25 مارس 2014.
    if special == Special::DayOf && i + 1 < n {
        if let Some(h) = weekday_expr(c, i + 1).or_else(|| day_month(c, i + 1)) {
            return Some(h);
        }
        return duration_words(c, i);
    }
    if e.is_some_and(|e| e.weekday > 0) {
        return weekday_expr(c, i);
    }
    // الرابع من أيار/مايو
    if e.is_some_and(|e| e.ordinal > 0) {
        if let Some(h) = day_month(c, i) {
            return Some(h);
        }
    }
    // عشية عيد الميلاد عام 2000
    if special == Special::Eve || special == Special::Feast {
        return feast(c, i);
    }
    // نفس اليوم من عام 1947: the month and day of the last date, in that year.
    if special == Special::Same && i + 1 < n && c.w(i + 1) == "اليوم" {
        let (_, m, d) = c.anchor.get().filter(|a| a.2 > 0)?;
        let (yp, end) = year_part(c, i + 2)?;
        let w = match yp {
            YearPart::Explicit(y, false) => Ymd::new(y, m, d).map_or(When::Unknown, When::Day),
            _ => return None,
        };
        return Some(date_hit(end, w));
    }
    // Decades and seasons.
    if let Some(d) = e.map(|e| e.decade).filter(|&d| d > 0) {
        return Some(Hit::new(i + 1, Label::DATE, text(format!("{d}X"))));
    }
    if let Some(s) = e.and_then(|e| e.season) {
        let r = rel(c, i + 1);
        if let Some(r) = r {
            let w = c.date.map(|d| {
                let y = match r {
                    Rel::Past => d.year - 1,
                    Rel::Next => d.year + 1,
                    Rel::Current => d.year,
                };
                format!("{y:04}-{s}")
            });
            return Some(Hit::new(i + 2, Label::DATE, w.and_then(text)));
        }
        if let Some((YearPart::Explicit(y, false), end)) = year_part(c, i + 1) {
            return Some(Hit::new(end, Label::DATE, text(format!("{y:04}-{s}"))));
        }
        return None;
    }
    // النصف الأول / الثاني من عام 2019، الربع الأول من العام.
    if matches!(special, Special::Half | Special::Quarter) && i + 2 < n {
        let o = c.e(i + 1).map_or(0, |e| e.ordinal) as u32;
        let max = if special == Special::Half { 2 } else { 4 };
        if o == 0 || o > max || !c.e(i + 2).is_some_and(|e| e.special == Special::Min) {
            return None;
        }
        let (yp, end) = year_part(c, i + 3).or_else(|| {
            // من العام (the current one)
            (i + 3 < n && c.w(i + 3) == "العام" && rel(c, i + 4).is_none()).then_some((YearPart::Relative(0), i + 4))
        })?;
        let y = match yp {
            YearPart::Explicit(y, false) => Some(y),
            YearPart::Relative(off) => c.date.map(|d| d.year + off),
            _ => return None,
        };
        let code = if special == Special::Half { "H" } else { "Q" };
        return Some(Hit::new(end, Label::DATE, y.and_then(|y| text(format!("{y:04}-{code}{o}")))));
    }
    // هذا العام / هذه السنة / هذا الشهر / هذا الأسبوع
    if special == Special::This && i + 1 < n {
        let u = c.e(i + 1).and_then(|e| e.unit).filter(|u| u.def && u.n == 1)?;
        return Some(date_hit(i + 2, relative_unit(c, u.unit, Rel::Current)?));
    }
    // العام الماضي (2017)، الشهر المقبل، الأسبوع الماضي, and after a position word العام alone.
    if let Some(u) = e.and_then(|e| e.unit).filter(|u| u.def && u.n == 1) {
        if let Some(r) = rel(c, i + 1) {
            let mut end = i + 2;
            let mut w = relative_unit(c, u.unit, r)?;
            if u.unit == Unit::Year {
                if let Some((y, ye, false)) = year_at(c, end) {
                    w = When::Year(y);
                    end = ye;
                }
            }
            return Some(date_hit(end, w));
        }
        if after_pos && matches!(u.unit, Unit::Year | Unit::Month | Unit::Week) && !(i + 1 < n && (c.kind(i + 1) == TokKind::Number || c.w(i + 1) == "المالي")) {
            return Some(date_hit(i + 1, relative_unit(c, u.unit, Rel::Current)?));
        }
    }
    // عام 2017، العام 2020، عامي 2016، العامين 2011، سنة 2010
    if special == Special::YearOf {
        if let Some((y, end, h)) = year_at(c, i + 1) {
            return Some(if h { Hit::new(end, Label::DATE, hijri_year_value(y)) } else { date_hit(end, When::Year(y)) });
        }
    }
    // شهر + month
    if special == Special::MonthOf {
        if let Some(h) = month_expr(c, i, after_pos) {
            return Some(h);
        }
        if let Some((m, end)) = hijri_month_at(c, i + 1) {
            return Some(Hit::new(end, Label::DATE, hijri_month_value(c, m)));
        }
    }
    // A month name (with modifier and year).
    if e.is_some_and(|e| e.month > 0 || e.month_head > 0) {
        return month_expr(c, i, after_pos);
    }
    // Everything that starts with a number (or the article before one).
    if c.kind(i) == TokKind::Number || special == Special::Article {
        return number_date(c, i, after_pos);
    }
    // A duration that starts with a word: a dual (يومين), a number word (ثلاث سنوات), the
    // definite forms (السنوات الثلاث المقبلة، العامين التاليين), a unit after a cue (لمدة عام).
    duration_words(c, i)
}

/// "اليوم" is today unless it is "the day" (اليوم التالي، اليوم الذي، في اليوم after a count).
fn today_ok(c: &Ctx, i: usize) -> bool {
    let n = c.len();
    if i + 1 < n && c.kind(i + 1) == TokKind::Arabic && !c.boundary(i + 1) {
        let next = c.w(i + 1);
        if c.definite(i + 1) && next != "الي" && !c.e(i + 1).is_some_and(|e| e.weekday > 0) {
            return false;
        }
        if matches!(next, "نفسه" | "ذاته") {
            return false;
        }
    }
    if i > 0 {
        let prev = c.w(i - 1);
        if matches!(prev, "ذلك" | "نفس" | "هذا" | "روسيا" | "مصر" | "الجزائر" | "لبنان" | "اخبار") {
            return false;
        }
        if prev == "في" && i > 1 && matches!(c.w(i - 2), "مره" | "مرتين" | "مرات" | "ساعه" | "ساعات" | "دولار" | "دولارا" | "وجبه" | "وجبات") {
            return false;
        }
        if prev == "في" && i > 1 && c.kind(i - 2) == TokKind::Number {
            return false;
        }
    }
    true
}

/// العام / الشهر / الأسبوع + a modifier, resolved.
fn relative_unit(c: &Ctx, u: Unit, r: Rel) -> Option<When> {
    let off = match r {
        Rel::Past => -1,
        Rel::Next => 1,
        Rel::Current => 0,
    };
    let Some(d) = c.date else {
        return matches!(u, Unit::Year | Unit::Month | Unit::Week).then_some(When::Unknown);
    };
    Some(match u {
        Unit::Year => When::Year(d.year + off),
        Unit::Month => {
            let (y, m) = add_months(d.year, d.month, off);
            When::Month(y, m)
        }
        Unit::Week => When::Week(d.add_days(7 * off as i64)),
        _ => return None,
    })
}

/// [يوم] WEEKDAY [MOD] [DATE]: الخميس، الخميس الماضي، الاثنين 28 مايو، الأحد القادم 26/9/1439هـ.
fn weekday_expr(c: &Ctx, k: usize) -> Option<Hit> {
    let wd = c.e(k).map_or(0, |e| e.weekday) as u32;
    if wd == 0 {
        return None;
    }
    let mut end = k + 1;
    let r = rel(c, end);
    if r.is_some() {
        end += 1;
    }
    // يوم الاثنين من كل أسبوع is a set, not a date.
    if c.w(end) == "من" && c.w(end + 1) == "كل" {
        return None;
    }
    // An explicit date after the weekday gives the value.
    if let Some(h) = day_month(c, end).or_else(|| numeric_date(c, end)) {
        return Some(h);
    }
    Some(date_hit(end, resolve_weekday(c, wd, r, k)))
}

/// DAY [من] MONTH [MOD] [YEAR]; DAY [من] الشهر MOD; DAY من نفس الشهر; DAY HIJRI-MONTH [YEAR].
fn day_month(c: &Ctx, k: usize) -> Option<Hit> {
    let n = c.len();
    let (day, mut j, ordinal) = day_at(c, k)?;
    let had_min = j < n && c.e(j).is_some_and(|e| e.special == Special::Min);
    if had_min {
        j += 1;
    } else if ordinal {
        return None;
    }
    if j >= n {
        return None;
    }
    // 24 الشهر الماضي، 31 من الشهر الجاري
    if c.w(j) == "الشهر" {
        let r = rel(c, j + 1)?;
        let w = relative_unit(c, Unit::Month, r)?;
        return Some(date_hit(j + 2, with_day(w, day)));
    }
    // 31 من نفس الشهر
    if c.e(j).is_some_and(|e| e.special == Special::Same) && j + 1 < n && c.w(j + 1) == "الشهر" {
        let (y, m, _) = c.anchor.get()?;
        let w = if y != 0 { When::Month(y, m) } else { resolve_month(c, m, None) };
        return Some(date_hit(j + 2, with_day(w, day)));
    }
    if let Some((m, mut e, _)) = month_at(c, j) {
        let r = rel(c, e);
        if r.is_some() {
            e += 1;
        }
        let w = match year_part(c, e) {
            Some((YearPart::Explicit(y, false), ye)) => {
                e = ye;
                Ymd::new(y, m, day).map_or(When::Unknown, When::Day)
            }
            Some((YearPart::Relative(off), ye)) => {
                e = ye;
                match c.date {
                    Some(d) => Ymd::new(d.year + off, m, day).map_or(When::Unknown, When::Day),
                    None => When::MonthDayNoYear(m, day),
                }
            }
            Some((YearPart::Explicit(_, true), _)) => return None,
            None => with_day(resolve_month_day(c, m, day, r), day),
        };
        if matches!(w, When::Unknown) && c.date.is_some() {
            return None;
        }
        return Some(date_hit(e, w));
    }
    if let Some((m, mut e)) = hijri_month_at(c, j) {
        let y = match year_part(c, e) {
            Some((YearPart::Explicit(y, _), ye)) => {
                e = ye;
                Some(y)
            }
            _ => c.date.map(|d| to_hijri(d).0),
        };
        let value = y.and_then(|y| {
            if day as i64 > hijri_month_len(y, m) {
                return None;
            }
            text(fmt_ymd(Ymd::from_days(hijri_days(y, m, day))))
        });
        return Some(Hit::new(e, Label::DATE, value));
    }
    None
}

/// The civil dates of a Hijri month in the Hijri year of the document date.
fn hijri_month_value(c: &Ctx, m: u32) -> Option<Value> {
    let d = c.date?;
    let y = to_hijri(d).0;
    let a = Ymd::from_days(hijri_days(y, m, 1));
    let b = Ymd::from_days(hijri_days(y, m, 1) + hijri_month_len(y, m) - 1);
    text(fmt_interval(a, b))
}

/// D/M/YYYY (or with - or .), Gregorian or Hijri (with هـ or a year of 1300–1500).
fn numeric_date(c: &Ctx, k: usize) -> Option<Hit> {
    let n = c.len();
    if k >= n || c.kind(k) != TokKind::Number {
        return None;
    }
    // One token: 7.4.2018
    let w = c.w(k);
    let parts: Vec<&str> = w.split('.').collect();
    let (d, m, y, end) = if parts.len() == 3 && parts[2].len() == 4 && parts[0].len() <= 2 && parts[1].len() <= 2 {
        (parts[0].parse().ok()?, parts[1].parse().ok()?, parts[2].parse::<i32>().ok()?, k + 1)
    } else {
        let d = int_at(c, k)?;
        let sep = if c.punct(k + 1, "/") { "/" } else if c.punct(k + 1, "-") { "-" } else { return None };
        if !(c.glued(k + 1) && c.glued(k + 2)) {
            return None;
        }
        let m = int_at(c, k + 2)?;
        if !(c.punct(k + 3, sep) && c.glued(k + 3) && c.glued(k + 4)) {
            return None;
        }
        let y = int_at(c, k + 4)? as i32;
        if c.w(k + 4).len() != 4 {
            return None;
        }
        (d, m, y, k + 5)
    };
    if let Some(he) = hijri_mark(c, end).or(((1300..=1500).contains(&y)).then_some(end)) {
        if !(1..=12).contains(&m) || d == 0 || d as i64 > hijri_month_len(y, m) {
            return None;
        }
        return Some(Hit::new(he, Label::DATE, text(fmt_ymd(Ymd::from_days(hijri_days(y, m, d))))));
    }
    let day = Ymd::new(y, m, d)?;
    Some(date_hit(end, When::Day(day)))
}

/// عيد الميلاد (25 December), عشية عيد الميلاد (the 24th), with a year or in the document's year.
fn feast(c: &Ctx, i: usize) -> Option<Hit> {
    let n = c.len();
    let mut j = i;
    let eve = c.e(j).is_some_and(|e| e.special == Special::Eve);
    if eve {
        j += 1;
    }
    if !(j + 1 < n && c.w(j) == "عيد" && c.w(j + 1) == "الميلاد") {
        return None;
    }
    let day = if eve { 24 } else { 25 };
    let mut end = j + 2;
    let w = match year_part(c, end) {
        Some((YearPart::Explicit(y, false), ye)) => {
            end = ye;
            Ymd::new(y, 12, day).map_or(When::Unknown, When::Day)
        }
        _ => c.date.map_or(When::MonthDayNoYear(12, day), |d| When::Day(Ymd { year: d.year, month: 12, day })),
    };
    Some(date_hit(end, w))
}

/// Expressions that start with digits (or الـ + digits): day and month, numeric dates, years,
/// durations (3 سنوات، الـ5 سنوات المقبلة، 7 ساعات و45 دقيقة), ranges of days (من 10 لـ20 سبتمبر).
fn number_date(c: &Ctx, i: usize, after_pos: bool) -> Option<Hit> {
    let n = c.len();
    if let Some(h) = numeric_date(c, i) {
        return Some(h);
    }
    if let Some(h) = day_month(c, i) {
        return Some(h);
    }
    // A day shared with the date after it: من 10 لـ20 سبتمبر، بين 27 و28 مايو.
    if let Some(d1) = int_at(c, i).filter(|d| (1..=31).contains(d)) {
        if i + 1 < n && (c.e(i + 1).is_some_and(|e| e.special == Special::And) || c.w(i + 1) == "ل" || c.punct(i + 1, "-")) {
            if let Some(h) = day_month(c, i + 2) {
                if let Some(Value::Text(s)) = &h.value {
                    if s.len() == 10 {
                        if let Some(d2) = int_at(c, i + 2) {
                            if d1 < d2 {
                                return Some(Hit::new(i + 1, Label::DATE, text(format!("{}{:02}", &s[..8], d1))));
                            }
                        }
                    }
                }
            }
        }
    }
    // A year: 2018، 1439 هـ، 1950-1953.
    if let Some((y, end, h)) = year_at(c, i) {
        let w = c.w(i);
        if w.len() == 4 || h {
            if h {
                return Some(Hit::new(end, Label::DATE, hijri_year_value(y)));
            }
            if bare_year_ok(c, i, end, after_pos) {
                return Some(date_hit(end, When::Year(y)));
            }
        }
    }
    // Durations.
    let (v, u, mut end) = count_unit(c, i)?;
    let num_def = c.e(i).is_some_and(|e| e.special == Special::Article);
    if i > 0 && c.e(i - 1).is_some_and(|e| e.not_count) && !num_def {
        return None;
    }
    // 7 ساعات و45 دقيقة
    let mut value = duration(v, u);
    if end + 1 < n && c.e(end).is_some_and(|e| e.special == Special::And) && c.glued(end + 1) {
        if let Some((v2, u2, e2)) = count_unit(c, end + 1) {
            if let Some(s) = duration2(v, u, v2, u2) {
                value = Some(s);
                end = e2;
            }
        }
    }
    // الـ5 سنوات المقبلة، الـ14 عاما الماضين
    if num_def && rel(c, end).is_some() {
        end += 1;
    }
    Some(Hit::new(end, Label::DATE, value.and_then(text)))
}

/// A four-digit number alone is a year when a preposition or a year before it, or the end of a
/// phrase after it, says so (في 2015، منذ 2011، آخرها 2017، و2015، 1950-1953).
fn bare_year_ok(c: &Ctx, i: usize, end: usize, after_pos: bool) -> bool {
    let y = int_at(c, i).unwrap_or(0);
    if !(1900..=2100).contains(&y) {
        return false;
    }
    if after_pos {
        return true;
    }
    let n = c.len();
    if i > 0 && c.e(i - 1).is_some_and(|e| e.not_count) {
        return false;
    }
    let next_ok = end >= n
        || c.kind(end) == TokKind::Punct && !c.punct(end, ":") && !c.punct(end, "%") && !c.punct(end, "٪")
        || c.e(end).is_some_and(|e| e.stop || e.prep)
        || c.boundary(end);
    let prev_ok = i == 0
        || c.e(i - 1).is_some_and(|e| e.prep || e.stop || e.special == Special::And)
        || c.kind(i - 1) == TokKind::Punct;
    if end < n && c.e(end).is_some_and(|e| e.unit.is_some() || e.currency.is_some() || e.percent || e.num.is_some()) {
        return false;
    }
    prev_ok || next_ok
}

/// Durations that start with a word: يومين، ثلاث سنوات، ربع قرن، السنوات الثلاث المقبلة،
/// العامين التاليين، اليومين الماضيين، لمدة عام، بعد يوم على.
fn duration_words(c: &Ctx, i: usize) -> Option<Hit> {
    let n = c.len();
    let e = c.e(i)?;
    if let Some(u) = e.unit {
        if u.def {
            // السنوات الثلاث المقبلة / الأشهر الثلاثة الماضية / العامين التاليين / اليومين الماضيين
            if u.n == 2 {
                if let Some(_r) = rel(c, i + 1) {
                    return Some(Hit::new(i + 2, Label::DATE, duration(Dec::int(2), u.unit).and_then(text)));
                }
                // العامين 2011 (two years named): the first one
                return None;
            }
            if u.n == 0 && i + 2 < n {
                let k = c.e(i + 1).and_then(|e| e.num).and_then(|w| match w {
                    super::lexicon::NumWord::Unit(v) | super::lexicon::NumWord::Ten(v) => Some(v),
                    _ => None,
                })?;
                if !c.definite(i + 1) {
                    return None;
                }
                rel(c, i + 2)?;
                return Some(Hit::new(i + 3, Label::DATE, duration(Dec::int(k as u128), u.unit).and_then(text)));
            }
            return None;
        }
        if u.n == 2 {
            // كل عامين is a frequency
            if i > 0 && c.w(i - 1) == "كل" {
                return None;
            }
            return Some(Hit::new(i + 1, Label::DATE, duration(Dec::int(2), u.unit).and_then(text)));
        }
        if u.n == 1 && i > 0 {
            // لمدة عام، حوالي أسبوع، لنحو شهر، أكثر من عام، بعد يوم على
            let cue = c.e(i - 1).is_some_and(|e| e.duration_cue)
                || (c.w(i - 1) == "من" && i > 1 && c.e(i - 2).is_some_and(|e| e.duration_cue))
                || (c.w(i - 1) == "بعد" && i + 1 < n && matches!(c.w(i + 1), "علي" | "من"));
            let next_num = i + 1 < n && (c.kind(i + 1) == TokKind::Number || c.e(i + 1).is_some_and(|e| e.rel.is_some() || e.month > 0));
            if cue && !next_num && matches!(u.unit, Unit::Day | Unit::Week | Unit::Month | Unit::Year | Unit::Hour | Unit::Decade | Unit::Century) {
                let mut end = i + 1;
                let mut v = Dec::int(1);
                if end < n && c.w(end) == "ونصف" {
                    v = Dec { m: 15, e: -1 };
                    end += 1;
                }
                return Some(Hit::new(end, Label::DATE, duration(v, u.unit).and_then(text)));
            }
            // عام ونصف
            if i + 1 < n && c.w(i + 1) == "ونصف" && matches!(u.unit, Unit::Year | Unit::Month | Unit::Hour | Unit::Day) {
                return Some(Hit::new(i + 2, Label::DATE, duration(Dec { m: 15, e: -1 }, u.unit).and_then(text)));
            }
        }
        return None;
    }
    // A number word, a fraction: ثلاث سنوات، ستة عقود، ربع قرن، تسعين يوما.
    let (v, u, end) = count_unit(c, i)?;
    if i > 0 && c.e(i - 1).is_some_and(|e| e.not_count) {
        return None;
    }
    Some(Hit::new(end, Label::DATE, duration(v, u).and_then(text)))
}

/// TIME: clock times (الساعة 18:00، الساعة الثالثة فجرا، 10:30 صباحا) and parts of a named day
/// (مساء السبت، صباح اليوم).
pub fn time_at(c: &Ctx, i: usize) -> Option<Hit> {
    let n = c.len();
    let e = c.e(i);
    let special = e.map_or(Special::None, |e| e.special);
    if special == Special::Clock && i + 1 < n {
        let (h, m, mut end) = clock(c, i + 1)?;
        let (h, end2) = clock_part(c, end, h);
        end = end2;
        // الساعة العاشرة من صباح اليوم
        let mut j = end;
        if j < n && c.e(j).is_some_and(|e| e.special == Special::Min) {
            j += 1;
        }
        if let Some(code) = c.e(j).and_then(|e| e.day_part).filter(|_| j < n) {
            if let Some((day, de)) = day_ref(c, j + 1) {
                let h = if matches!(code, "EV" | "NI" | "AF") && h < 12 { h + 12 } else { h };
                let v = day.map(|d| format!("{}T{:02}:{:02}", d, h, m));
                return Some(Hit::new(de, Label::TIME, v.and_then(text)));
            }
        }
        return Some(Hit::new(end, Label::TIME, text(format!("T{h:02}:{m:02}"))));
    }
    if c.kind(i) == TokKind::Number {
        let (h, m, end) = clock(c, i)?;
        if end == i + 1 {
            return None; // a bare number is not a time
        }
        let (h, end) = clock_part(c, end, h);
        return Some(Hit::new(end, Label::TIME, text(format!("T{h:02}:{m:02}"))));
    }
    if let Some(code) = e.and_then(|e| e.day_part) {
        let (day, end) = day_ref(c, i + 1)?;
        let v = day.map(|d| format!("{d}T{code}"));
        return Some(Hit::new(end, Label::TIME, v.and_then(text)));
    }
    None
}

/// A clock time at `k`: HH:MM, an hour in digits, or an hour word (الثالثة، الحادية عشرة) with
/// والنصف / والربع: (hour, minute, next token).
fn clock(c: &Ctx, k: usize) -> Option<(u32, u32, usize)> {
    let n = c.len();
    if let Some(h) = int_at(c, k) {
        if c.punct(k + 1, ":") && c.glued(k + 1) && c.glued(k + 2) {
            let m = int_at(c, k + 2)?;
            if h <= 24 && m < 60 && c.w(k + 2).len() == 2 {
                return Some((h, m, k + 3));
            }
            return None;
        }
        if (1..=24).contains(&h) && c.w(k).len() <= 2 {
            return Some((h, 0, k + 1));
        }
        return None;
    }
    let o = c.e(k).map_or(0, |e| e.ordinal) as u32;
    if !(1..=10).contains(&o) {
        return None;
    }
    let mut h = o;
    let mut end = k + 1;
    if end < n && matches!(c.w(end), "عشره" | "عشر") && o <= 2 {
        h += 10;
        end += 1;
    }
    let mut m = 0;
    if end < n {
        match c.w(end) {
            "والنصف" => {
                m = 30;
                end += 1;
            }
            "والربع" => {
                m = 15;
                end += 1;
            }
            _ => {}
        }
    }
    Some((h, m, end))
}

/// صباحا / مساء … after a clock time: (24-hour hour, next token).
fn clock_part(c: &Ctx, k: usize, h: u32) -> (u32, usize) {
    if k < c.len() {
        if let Some(add) = c.e(k).and_then(|e| e.clock_part) {
            let h = if add == 12 && h < 12 { h + 12 } else { h };
            return (h, k + 1);
        }
    }
    (h, k)
}

/// The day after a part of the day: اليوم، أمس، الغد، [يوم] الخميس [الماضي], or a day and month:
/// (ISO date or None when unresolved, next token).
fn day_ref(c: &Ctx, k: usize) -> Option<(Option<String>, usize)> {
    let n = c.len();
    if k >= n {
        return None;
    }
    let e = c.e(k)?;
    if let Some(off) = e.day_word {
        return Some((c.date.map(|d| fmt_ymd(d.add_days(off as i64))), k + 1));
    }
    let mut j = k;
    if e.special == Special::DayOf {
        j += 1;
    }
    let h = weekday_expr(c, j).or_else(|| if j > k { day_month(c, j) } else { None })?;
    let v = match h.value {
        Some(Value::Text(s)) if s.len() == 10 => Some(s),
        _ => None,
    };
    Some((v, h.end))
}
