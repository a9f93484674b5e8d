//! Calendar arithmetic: civil (proleptic Gregorian) dates as day numbers, ISO weeks, the tabular
//! Islamic calendar, and the ISO 8601 strings the values are written in.

/// A civil date. `month` 1..=12, `day` 1..=31.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Ymd {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl Ymd {
    /// A valid date or `None` (30 February, month 13 …).
    pub fn new(year: i32, month: u32, day: u32) -> Option<Ymd> {
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Ymd { year, month, day })
    }

    /// Days since 1970-01-01 (negative before), after Howard Hinnant's `days_from_civil`.
    pub fn days(self) -> i64 {
        let y = self.year as i64 - (self.month <= 2) as i64;
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = self.month as i64;
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + self.day as i64 - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` days after 1970-01-01.
    pub fn from_days(z: i64) -> Ymd {
        let z = z + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = (yoe + era * 400 + (month <= 2) as i64) as i32;
        Ymd { year, month, day }
    }

    pub fn add_days(self, n: i64) -> Ymd {
        Ymd::from_days(self.days() + n)
    }

    /// ISO weekday, Monday 1 … Sunday 7.
    pub fn weekday(self) -> u32 {
        ((self.days() + 3).rem_euclid(7) + 1) as u32
    }

    /// ISO 8601 week-numbering year and week.
    pub fn iso_week(self) -> (i32, u32) {
        // The Thursday of this week decides the year.
        let thursday = self.add_days(4 - self.weekday() as i64);
        let jan1 = Ymd { year: thursday.year, month: 1, day: 1 };
        (thursday.year, ((thursday.days() - jan1.days()) / 7 + 1) as u32)
    }
}

pub fn is_leap(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

pub fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(y) => 29,
        2 => 28,
        _ => 0,
    }
}

/// (year, month) `n` months after (negative: before) the given month.
pub fn add_months(year: i32, month: u32, n: i32) -> (i32, u32) {
    let k = year * 12 + month as i32 - 1 + n;
    (k.div_euclid(12), (k.rem_euclid(12) + 1) as u32)
}

/// Day number (as [`Ymd::days`]) of a date of the tabular Islamic calendar (the arithmetic
/// calendar with 11 leap years in 30, civil epoch 16 July 622 Julian). Official calendars that
/// follow the moon (Umm al-Qura) differ from it by a day at times.
pub fn hijri_days(year: i32, month: u32, day: u32) -> i64 {
    let (y, m, d) = (year as i64, month as i64, day as i64);
    // Days before this year, month and day, counted from 1 Muharram 1 AH (day 0).
    let before_year = (y - 1) * 354 + (3 + 11 * y).div_euclid(30);
    let before_month = (295 * (m - 1) + 9) / 10; // ceil(29.5 * (m - 1))
    // 1 Muharram 1 AH = 16 July 622 (Julian) = 19 July 622 (proleptic Gregorian).
    let epoch = Ymd { year: 622, month: 7, day: 19 }.days();
    epoch + before_year + before_month + d - 1
}

/// The Hijri year, month and day (tabular calendar) of a civil date.
pub fn to_hijri(g: Ymd) -> (i32, u32, u32) {
    let n = g.days();
    let epoch = Ymd { year: 622, month: 7, day: 19 }.days();
    let mut y = (((n - epoch) * 30 + 10_646) / 10_631) as i32;
    while hijri_days(y + 1, 1, 1) <= n {
        y += 1;
    }
    while hijri_days(y, 1, 1) > n {
        y -= 1;
    }
    let mut m = 12;
    while m > 1 && hijri_days(y, m, 1) > n {
        m -= 1;
    }
    (y, m, (n - hijri_days(y, m, 1) + 1) as u32)
}

/// Length of a Hijri month (tabular calendar): 30 or 29 days.
pub fn hijri_month_len(year: i32, month: u32) -> i64 {
    let (ny, nm) = if month == 12 { (year + 1, 1) } else { (year, month + 1) };
    hijri_days(ny, nm, 1) - hijri_days(year, month, 1)
}

pub fn fmt_ymd(d: Ymd) -> String {
    format!("{:04}-{:02}-{:02}", d.year, d.month, d.day)
}

pub fn fmt_ym(y: i32, m: u32) -> String {
    format!("{y:04}-{m:02}")
}

pub fn fmt_week(d: Ymd) -> String {
    let (y, w) = d.iso_week();
    format!("{y:04}-W{w:02}")
}

/// An ISO 8601 interval of two civil dates.
pub fn fmt_interval(a: Ymd, b: Ymd) -> String {
    format!("{}/{}", fmt_ymd(a), fmt_ymd(b))
}

/// Parses `YYYY-MM-DD` (the document date of `options.date` and `--date`).
pub fn parse_ymd(s: &str) -> Option<Ymd> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        let t = &s[r];
        if t.bytes().all(|c| c.is_ascii_digit()) { t.parse().ok() } else { None }
    };
    Ymd::new(num(0..4)? as i32, num(5..7)?, num(8..10)?)
}
