//! The words of the grammar: months of both Gregorian naming systems and of the Hijri calendar,
//! weekdays, units of time, number words, currencies, percent words and the small words around
//! them. One table, keyed by the normalized form ([`crate::text::normalize`]), one lookup a token.

use crate::hash::FxMap;
use crate::text::normalize;
use std::sync::OnceLock;

/// Units of time. Centuries and decades are written as years in values.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    Second,
    Minute,
    Hour,
    Day,
    Week,
    Month,
    Year,
    Decade,
    Century,
}

/// A unit word: which unit, and its form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct UnitWord {
    pub unit: Unit,
    /// 1 singular, 2 dual (يومين: the number is in the word), 0 plural.
    pub n: u8,
    /// With the article (العام، السنوات، اليومين).
    pub def: bool,
}

/// Relative modifiers after a calendar word.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rel {
    Past,
    Next,
    Current,
}

/// Position words before a calendar expression (نهاية العام، مطلع مارس). `First` (أول آذار) is the
/// first day of the month.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pos {
    Edge,
    First,
}

/// What a number word contributes.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum NumWord {
    /// 1–9 (and 10 as عشرة / عشر).
    Unit(u32),
    /// 20, 30 … 90.
    Ten(u32),
    /// 100 … 900 written as one word (مئة، خمسمئة، مئتين).
    Hundred(u32),
    /// ألف، مليون، مليار، تريليون: the scale and the form (1 singular, 2 dual: ألفين = 2 × 1000,
    /// 0 plural: آلاف، ملايين, which alone count as their base).
    Scale(u64, u32),
    /// عشرات، مئات: counted as their base.
    Vague(u64),
    /// نصف، ربع، ثلث as a fraction in thousandths.
    Fraction(u32),
}

/// The ISO 4217 code a currency word gives, or how to decide it from the text around it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Currency {
    Code(&'static str),
    /// جنيه، ريال، دينار، ليرة، درهم: by the adjective after it or the country nearby, else a default.
    Ambiguous(Amb),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum Amb {
    Pound,
    Riyal,
    Dinar,
    Lira,
    Dirham,
    Dollar,
    Franc,
}

impl Amb {
    pub fn default_code(self) -> &'static str {
        match self {
            Amb::Pound => "EGP",
            Amb::Riyal => "SAR",
            Amb::Dinar => "KWD",
            Amb::Lira => "TRY",
            Amb::Dirham => "AED",
            Amb::Dollar => "USD",
            Amb::Franc => "CHF",
        }
    }
}

/// Everything the grammar knows about one normalized word. Most fields are empty for most words.
#[derive(Clone, Debug, Default)]
pub struct Entry {
    /// Gregorian month 1–12 named by this one word.
    pub month: u8,
    /// Needs calendar context to be a month (مارس is also a verb, آب also "father").
    pub month_ambiguous: bool,
    /// كانون (1) and تشرين (2): the first word of a two-word month.
    pub month_head: u8,
    /// الأول / أول (1), الثاني / ثاني (2) after كانون / تشرين.
    pub month_part: u8,
    /// Hijri month 1–12 named by this one word.
    pub hijri: u8,
    /// ربيع (3), جمادى (5), ذو / ذي (11): the first word of a two-word Hijri month.
    pub hijri_head: u8,
    /// ISO weekday 1–7 (with the article: الخميس).
    pub weekday: u8,
    pub unit: Option<UnitWord>,
    pub rel: Option<Rel>,
    pub pos: Option<Pos>,
    /// اليوم (0), أمس (-1), غدا (1).
    pub day_word: Option<i8>,
    pub num: Option<NumWord>,
    /// A number word with the article (الثلاث، الاثنين, الآلاف): it follows a noun.
    pub num_def: bool,
    /// Ordinal 1–31 (الرابع، العاشر، العشرين) for days of the month and clock hours.
    pub ordinal: u8,
    pub currency: Option<Currency>,
    /// The country adjective after a currency word (سوري، استرليني) or a country name nearby.
    pub country: Option<&'static str>,
    /// في المئة, بالمئة.
    pub percent: bool,
    /// صباح، مساء … as the TIMEX part of the day.
    pub day_part: Option<&'static str>,
    /// صباحا، مساء … after a clock time: hours to add to 1–11.
    pub clock_part: Option<u32>,
    /// Seasons (TIMEX SP, SU, FA, WI).
    pub season: Option<&'static str>,
    /// السبعينيات → 197.
    pub decade: u16,
    /// A preposition or word before an expression that makes an ambiguous month name a month.
    pub prep: bool,
    /// Words before a singular unit that make it a duration (لمدة عام، حوالي أسبوع).
    pub duration_cue: bool,
    /// Words before a number that make it an ordinal or a label, not a count (الدقيقة 38).
    pub not_count: bool,
    /// Function words, never a counted noun.
    pub stop: bool,
    /// Measure adjectives kept with their unit (قدم مكعب، كلم مربع).
    pub measure_adj: bool,
    /// May start an expression (any of the above that begins one, or a special word).
    pub starts: bool,
    /// Words with a rule of their own: الساعة، قبل، هذا، نفس، عشية، يوم، شهر، عام …
    pub special: Special,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Special {
    #[default]
    None,
    /// الساعة (the clock).
    Clock,
    /// قبل (ago).
    Ago,
    /// هذا / هذه (this week, this year).
    This,
    /// نفس (the same day / month).
    Same,
    /// عشية (the eve of).
    Eve,
    /// يوم (day, before a weekday or a date).
    DayOf,
    /// شهر (month, before a month name).
    MonthOf,
    /// عام / العام / سنة / عامي / العامين before a year.
    YearOf,
    /// النصف (half of a year).
    Half,
    /// الربع (quarter of a year).
    Quarter,
    /// عيد الميلاد.
    Feast,
    /// من (between a day and a month, in a range).
    Min,
    /// و (a separate conjunction token, as before digits).
    And,
    /// بين.
    Between,
    /// The article token before digits (الـ13).
    Article,
}

fn add(t: &mut FxMap<&'static str, Entry>, words: &[&'static str], f: impl Fn(&mut Entry)) {
    for &w in words {
        let key: &'static str = Box::leak(normalize(w).into_boxed_str());
        f(t.entry(key).or_default());
    }
}

/// The table, built once.
pub fn table() -> &'static FxMap<&'static str, Entry> {
    static T: OnceLock<FxMap<&'static str, Entry>> = OnceLock::new();
    T.get_or_init(build)
}

/// The entry of a normalized word.
#[inline]
pub fn get(norm: &str) -> Option<&'static Entry> {
    table().get(norm)
}

fn build() -> FxMap<&'static str, Entry> {
    let mut t: FxMap<&'static str, Entry> = FxMap::default();
    // Gregorian months: the Western names (and Maghrebi ones), the Syro-Aramaic names.
    let months: [&[&'static str]; 12] = [
        &["يناير", "ينايـر", "جانفي", "ينير"],
        &["فبراير", "شباط", "فيفري", "فبرير"],
        &["مارس", "آذار", "أذار", "اذار", "مارت"],
        &["أبريل", "إبريل", "ابريل", "نيسان", "أفريل", "ابريـل"],
        &["مايو", "أيار", "آيار", "ايار", "ماي"],
        &["يونيو", "حزيران", "يونيه", "جوان"],
        &["يوليو", "تموز", "يوليه", "جويلية"],
        &["أغسطس", "اغسطس", "آب", "أوت", "غشت"],
        &["سبتمبر", "أيلول", "ايلول", "شتنبر"],
        &["أكتوبر", "اكتوبر", "أكتوبـر"],
        &["نوفمبر", "نونبر"],
        &["ديسمبر", "دجنبر"],
    ];
    for (i, names) in months.iter().enumerate() {
        add(&mut t, names, |e| {
            e.month = i as u8 + 1;
            e.starts = true;
        });
    }
    add(&mut t, &["مارس", "آب", "ماي", "نيسان", "تموز", "جوان", "أوت", "غشت", "شباط"], |e| e.month_ambiguous = true);
    add(&mut t, &["كانون"], |e| {
        e.month_head = 1;
        e.starts = true;
    });
    add(&mut t, &["تشرين"], |e| {
        e.month_head = 2;
        e.starts = true;
    });
    add(&mut t, &["الأول", "أول", "اول"], |e| e.month_part = 1);
    add(&mut t, &["الثاني", "ثاني", "ثان", "الثانى"], |e| e.month_part = 2);
    // Hijri months.
    for (i, w) in [(1, "محرم"), (2, "صفر"), (7, "رجب"), (8, "شعبان"), (9, "رمضان"), (10, "شوال")] {
        add(&mut t, &[w], |e| {
            e.hijri = i;
            e.starts = true;
        });
    }
    add(&mut t, &["ربيع"], |e| {
        e.hijri_head = 3;
        e.starts = true;
    });
    add(&mut t, &["جمادى", "جمادي"], |e| {
        e.hijri_head = 5;
        e.starts = true;
    });
    add(&mut t, &["ذو", "ذي"], |e| {
        e.hijri_head = 11;
        e.starts = true;
    });
    // Weekdays (ISO numbers).
    for (i, ws) in [
        (1u8, &["الاثنين", "الإثنين", "الأثنين"][..]),
        (2, &["الثلاثاء"]),
        (3, &["الأربعاء", "الاربعاء"]),
        (4, &["الخميس"]),
        (5, &["الجمعة"]),
        (6, &["السبت"]),
        (7, &["الأحد", "الاحد"]),
    ] {
        add(&mut t, ws, |e| {
            e.weekday = i;
            e.starts = true;
        });
    }
    // Units of time: singular, accusative, plural, dual, with and without the article.
    let units: [(Unit, &[&'static str], &[&'static str], &[&'static str]); 9] = [
        (Unit::Second, &["ثانية", "ثانيةً"], &["ثوان", "ثواني", "ثوانٍ"], &["ثانيتين", "ثانيتان"]),
        (Unit::Minute, &["دقيقة"], &["دقائق"], &["دقيقتين", "دقيقتان"]),
        (Unit::Hour, &["ساعة"], &["ساعات"], &["ساعتين", "ساعتان"]),
        (Unit::Day, &["يوم", "يوما", "يوماً"], &["أيام", "ايام"], &["يومين", "يومان"]),
        (Unit::Week, &["أسبوع", "اسبوع", "أسبوعا", "أسبوعاً"], &["أسابيع", "اسابيع"], &["أسبوعين", "اسبوعين", "أسبوعان"]),
        (Unit::Month, &["شهر", "شهرا", "شهراً"], &["أشهر", "اشهر", "شهور"], &["شهرين", "شهران"]),
        (Unit::Year, &["عام", "عاما", "عاماً", "سنة", "سنه"], &["أعوام", "اعوام", "سنوات", "سنين", "سنون"], &["عامين", "عامان", "سنتين", "سنتان"]),
        (Unit::Decade, &["عقد", "عقدا"], &["عقود"], &["عقدين"]),
        (Unit::Century, &["قرن", "قرنا"], &["قرون"], &["قرنين"]),
    ];
    for (unit, sg, pl, du) in units {
        for (forms, n) in [(sg, 1u8), (pl, 0), (du, 2)] {
            add(&mut t, forms, |e| {
                e.unit = Some(UnitWord { unit, n, def: false });
                if n == 2 {
                    e.starts = true;
                }
            });
            let defs: Vec<String> = forms.iter().filter(|w| !w.ends_with('ا') && !w.ends_with('ً')).map(|w| format!("ال{w}")).collect();
            for d in defs {
                let d: &'static str = Box::leak(d.into_boxed_str());
                add(&mut t, &[d], |e| {
                    e.unit = Some(UnitWord { unit, n, def: true });
                    e.starts = true;
                });
            }
        }
    }
    add(&mut t, &["الماضي", "الماضية", "المنصرم", "المنصرمة", "الفائت", "الفائتة", "السابق", "السابقة", "الماضيين", "الماضين", "المنقضي"], |e| e.rel = Some(Rel::Past));
    add(&mut t, &["المقبل", "المقبلة", "القادم", "القادمة", "التالي", "التالية", "التاليين", "التاليتين", "المقبلين", "القادمين"], |e| e.rel = Some(Rel::Next));
    add(&mut t, &["الجاري", "الجارية", "الحالي", "الحالية"], |e| e.rel = Some(Rel::Current));
    add(&mut t, &["نهاية", "بداية", "مطلع", "أواخر", "اواخر", "أوائل", "اوائل", "منتصف", "أواسط", "اواسط", "مستهل", "بدء", "آخر"], |e| {
        e.pos = Some(Pos::Edge);
        e.starts = true;
    });
    add(&mut t, &["أول", "اول"], |e| {
        e.pos = Some(Pos::First);
        e.starts = true;
    });
    add(&mut t, &["اليوم"], |e| {
        e.day_word = Some(0);
        e.starts = true;
    });
    add(&mut t, &["أمس", "امس", "الأمس", "البارحة"], |e| {
        e.day_word = Some(-1);
        e.starts = true;
    });
    add(&mut t, &["غدا", "غداً", "الغد"], |e| {
        e.day_word = Some(1);
        e.starts = true;
    });
    // Number words.
    let units_w: [(u32, &[&'static str]); 10] = [
        (1, &["واحد", "واحدة"]),
        (2, &["اثنان", "اثنين", "اثنتان", "اثنتين", "إثنين", "اثنا", "اثنتا"]),
        (3, &["ثلاث", "ثلاثة"]),
        (4, &["أربع", "أربعة", "اربع", "اربعة"]),
        (5, &["خمس", "خمسة"]),
        (6, &["ست", "ستة"]),
        (7, &["سبع", "سبعة"]),
        (8, &["ثمان", "ثماني", "ثمانية", "ثمانى"]),
        (9, &["تسع", "تسعة"]),
        (10, &["عشر", "عشرة"]),
    ];
    for (v, ws) in units_w {
        add(&mut t, ws, |e| {
            e.num = Some(NumWord::Unit(v));
            e.starts = true;
        });
        // With the article, after a plural noun (السنوات الثلاث، الأشهر الثلاثة).
        for w in ws {
            let d: &'static str = Box::leak(format!("ال{w}").into_boxed_str());
            add(&mut t, &[d], |e| {
                if e.num.is_none() {
                    e.num = Some(NumWord::Unit(v));
                }
                e.num_def = true;
            });
        }
    }
    let tens: [(u32, &[&'static str]); 8] = [
        (20, &["عشرون", "عشرين"]),
        (30, &["ثلاثون", "ثلاثين"]),
        (40, &["أربعون", "أربعين", "اربعين", "اربعون"]),
        (50, &["خمسون", "خمسين"]),
        (60, &["ستون", "ستين"]),
        (70, &["سبعون", "سبعين"]),
        (80, &["ثمانون", "ثمانين"]),
        (90, &["تسعون", "تسعين"]),
    ];
    for (v, ws) in tens {
        add(&mut t, ws, |e| {
            e.num = Some(NumWord::Ten(v));
            e.starts = true;
        });
    }
    let hundreds: [(u32, &[&'static str]); 9] = [
        (100, &["مئة", "مائة", "مية", "مئه"]),
        (200, &["مئتان", "مئتين", "مائتان", "مائتين", "مئتي", "مائتي"]),
        (300, &["ثلاثمئة", "ثلاثمائة"]),
        (400, &["أربعمئة", "أربعمائة", "اربعمئة", "اربعمائة"]),
        (500, &["خمسمئة", "خمسمائة"]),
        (600, &["ستمئة", "ستمائة"]),
        (700, &["سبعمئة", "سبعمائة"]),
        (800, &["ثمانمئة", "ثمانمائة", "ثمانيمئة"]),
        (900, &["تسعمئة", "تسعمائة"]),
    ];
    for (v, ws) in hundreds {
        add(&mut t, ws, |e| {
            e.num = Some(NumWord::Hundred(v));
            e.starts = true;
        });
    }
    // Scales: singular (1), dual (2: ألفين = 2000) and plural (0: آلاف، ملايين; alone they count as
    // their base, like عشرات and مئات).
    let scales: [(u64, u32, &[&'static str]); 12] = [
        (1_000, 1, &["ألف", "الف", "ألفا", "ألفاً"]),
        (1_000, 2, &["ألفين", "ألفان", "ألفي", "الفين", "الفي"]),
        (1_000, 0, &["آلاف", "الاف", "الآلاف"]),
        (1_000_000, 1, &["مليون", "مليونا", "مليوناً"]),
        (1_000_000, 2, &["مليونين", "مليونان", "مليوني"]),
        (1_000_000, 0, &["ملايين", "الملايين"]),
        (1_000_000_000, 1, &["مليار", "مليارا", "ملياراً", "بليون"]),
        (1_000_000_000, 2, &["مليارين", "ملياران", "ملياري"]),
        (1_000_000_000, 0, &["مليارات", "بلايين", "المليارات"]),
        (1_000_000_000_000, 1, &["تريليون", "ترليون"]),
        (1_000_000_000_000, 2, &["تريليونين", "تريليوني"]),
        (1_000_000_000_000, 0, &["تريليونات", "ترليونات"]),
    ];
    for (v, k, ws) in scales {
        add(&mut t, ws, |e| {
            e.num = Some(NumWord::Scale(v, k));
            e.starts = true;
        });
    }
    add(&mut t, &["الآلاف", "الملايين", "المليارات"], |e| e.num_def = true);
    for (v, ws) in [(10u64, &["عشرات"][..]), (100, &["مئات"])] {
        add(&mut t, ws, |e| {
            e.num = Some(NumWord::Vague(v));
            e.starts = true;
        });
    }
    add(&mut t, &["نصف"], |e| {
        e.num = Some(NumWord::Fraction(500));
        e.starts = true;
    });
    add(&mut t, &["ربع"], |e| {
        e.num = Some(NumWord::Fraction(250));
        e.starts = true;
    });
    // Ordinals, for days of the month (الرابع من أيار) and clock hours (الساعة الثالثة).
    let ords: [(u8, &[&'static str]); 12] = [
        (1, &["الأول", "الاول", "الواحدة", "الحادي", "الحادية", "الأولى"]),
        (2, &["الثاني", "الثانية"]),
        (3, &["الثالث", "الثالثة"]),
        (4, &["الرابع", "الرابعة"]),
        (5, &["الخامس", "الخامسة"]),
        (6, &["السادس", "السادسة"]),
        (7, &["السابع", "السابعة"]),
        (8, &["الثامن", "الثامنة"]),
        (9, &["التاسع", "التاسعة"]),
        (10, &["العاشر", "العاشرة"]),
        (20, &["العشرين"]),
        (30, &["الثلاثين"]),
    ];
    for (v, ws) in ords {
        add(&mut t, ws, |e| {
            e.ordinal = v;
            e.starts = true;
        });
    }
    // Currencies.
    for (code, ws) in [
        ("EUR", &["يورو", "اليورو"][..]),
        ("GBP", &["استرليني", "إسترليني"]),
        ("RUB", &["روبل", "روبلات", "روبلا"]),
        ("INR", &["روبية", "روبيات"]),
        ("JPY", &["ين"]),
        ("CNY", &["يوان"]),
        ("ILS", &["شيكل", "شيقل", "شواكل"]),
    ] {
        add(&mut t, ws, |e| e.currency = Some(Currency::Code(code)));
    }
    for (amb, ws) in [
        (Amb::Dollar, &["دولار", "دولارا", "دولاراً", "دولارات", "الدولارات", "الدولار"][..]),
        (Amb::Pound, &["جنيه", "جنيها", "جنيهاً", "جنيهات", "جنية", "الجنيه"]),
        (Amb::Riyal, &["ريال", "ريالا", "ريالاً", "ريالات", "الريال"]),
        (Amb::Dinar, &["دينار", "دينارا", "ديناراً", "دنانير", "الدينار"]),
        (Amb::Lira, &["ليرة", "ليرات", "الليرة"]),
        (Amb::Dirham, &["درهم", "درهما", "درهماً", "دراهم", "الدرهم"]),
        (Amb::Franc, &["فرنك", "فرنكات", "الفرنك"]),
    ] {
        add(&mut t, ws, |e| e.currency = Some(Currency::Ambiguous(amb)));
    }
    // Country adjectives after a currency and country names nearby: one code each (the code is
    // checked against the currency word's kind when used).
    for (code, ws) in [
        ("USD", &["أمريكي", "أميركي", "امريكي", "اميركي", "أمريكيا", "أميركيا", "الأمريكي", "الأميركي"][..]),
        ("CAD", &["كندي", "الكندي"]),
        ("AUD", &["أسترالي", "استرالي"]),
        ("HKD", &["هونغ"]),
        ("SGD", &["سنغافوري"]),
        ("GBP", &["استرليني", "إسترليني", "الإسترليني", "الاسترليني"]),
        ("EGP", &["مصري", "مصرية", "المصري", "المصرية", "مصر"]),
        ("SDG", &["سوداني", "السوداني", "السودان"]),
        ("SAR", &["سعودي", "سعودية", "السعودي", "السعودية"]),
        ("QAR", &["قطري", "القطري", "قطر"]),
        ("OMR", &["عماني", "العماني", "سلطنة"]),
        ("YER", &["يمني", "اليمني", "اليمن"]),
        ("IRR", &["إيراني", "ايراني", "الإيراني", "الايراني", "إيران", "ايران", "الإيرانية", "الايرانية"]),
        ("BRL", &["برازيلي"]),
        ("AED", &["إماراتي", "اماراتي", "الإماراتي", "الإمارات", "الامارات"]),
        ("MAD", &["مغربي", "المغربي", "المغرب"]),
        ("KWD", &["كويتي", "الكويتي", "الكويت"]),
        ("JOD", &["أردني", "اردني", "الأردني", "الأردن", "الاردن"]),
        ("IQD", &["عراقي", "العراقي", "العراق"]),
        ("TND", &["تونسي", "التونسي", "تونس"]),
        ("DZD", &["جزائري", "الجزائري", "الجزائر"]),
        ("LYD", &["ليبي", "الليبي", "ليبيا"]),
        ("BHD", &["بحريني", "البحريني", "البحرين"]),
        ("SYP", &["سوري", "سورية", "السوري", "السورية", "سوريا"]),
        ("LBP", &["لبناني", "لبنانية", "اللبناني", "اللبنانية", "لبنان"]),
        ("TRY", &["تركي", "تركية", "التركي", "التركية", "تركيا"]),
        ("CHF", &["سويسري", "السويسري"]),
    ] {
        add(&mut t, ws, |e| e.country = Some(code));
    }
    add(&mut t, &["المئة", "المائة", "المية", "المئه", "بالمئة", "بالمائة", "بالمية", "بالمئه", "المائه"], |e| e.percent = true);
    for (code, ws) in [
        ("MO", &["صباح", "فجر", "صبيحة"][..]),
        ("MI", &["ظهر", "ظهيرة"]),
        ("AF", &["عصر"]),
        ("EV", &["مساء"]),
        ("NI", &["ليلة", "ليل"]),
    ] {
        add(&mut t, ws, |e| {
            e.day_part = Some(code);
            e.starts = true;
        });
    }
    for (h, ws) in [(0u32, &["صباحا", "صباحاً", "فجرا", "فجراً", "صباح"][..]), (12, &["مساء", "مساءً", "مساءا", "ليلا", "ليلاً", "عصرا", "عصراً", "ظهرا", "ظهراً"])] {
        add(&mut t, ws, |e| e.clock_part = Some(h));
    }
    for (code, ws) in [("SP", &["الربيع"][..]), ("SU", &["الصيف"]), ("FA", &["الخريف"]), ("WI", &["الشتاء"])] {
        add(&mut t, ws, |e| {
            e.season = Some(code);
            e.starts = true;
        });
    }
    for (d, ws) in [
        (192u16, &["العشرينيات", "العشرينات"][..]),
        (193, &["الثلاثينيات", "الثلاثينات"]),
        (194, &["الأربعينيات", "الأربعينات", "الاربعينيات"]),
        (195, &["الخمسينيات", "الخمسينات"]),
        (196, &["الستينيات", "الستينات"]),
        (197, &["السبعينيات", "السبعينات"]),
        (198, &["الثمانينيات", "الثمانينات"]),
        (199, &["التسعينيات", "التسعينات"]),
    ] {
        add(&mut t, ws, |e| {
            e.decade = d;
            e.starts = true;
        });
    }
    // Small words.
    add(&mut t, &["في", "منذ", "خلال", "حتى", "بحلول", "قبيل", "قبل", "بعد", "من", "مع", "حلول", "اعتبارا", "اعتباراً", "تسليم", "مطلع", "نهاية", "بداية", "أواخر", "أوائل", "منتصف", "شهر", "وفي", "ففي", "إلى", "الى", "بين", "عن"], |e| e.prep = true);
    add(&mut t, &["لمدة", "مدة", "مدته", "نحو", "لنحو", "بنحو", "حوالي", "حوالى", "قرابة", "زهاء", "طوال", "طيلة", "أكثر", "اكثر", "أقل", "اقل", "ظرف", "غضون"], |e| e.duration_cue = true);
    add(&mut t, &[
        "الدقيقة", "الدقيقتين", "رقم", "الرقم", "المركز", "المرتبة", "المصنفة", "المصنف", "الجولة", "الفقرة", "المادة",
        "القرار", "طراز", "الطراز", "موديل", "الإصدار", "الاصدار", "النسخة", "الفصل", "البند", "القناة", "الطريق",
        "الحلقة", "الصفحة", "العدد", "الدور", "المجموعة", "الشوط", "الكيلو", "الكيلومتر", "البطولة", "الموسم",
        "فوتبول", "سو", "إف", "إيه", "ايه", "بي", "جي", "الدرجة",
    ], |e| e.not_count = true);
    add(&mut t, &[
        "في", "من", "إلى", "الى", "على", "عن", "مع", "أو", "او", "و", "ثم", "حتى", "منذ", "بعد", "قبل", "خلال", "عند", "لدى",
        "بين", "ضد", "نحو", "حوالي", "فقط", "أيضا", "ايضا", "كما", "التي", "الذي", "الذين", "اللذين", "اللتين", "هو", "هي", "هم",
        "ما", "لا", "لم", "لن", "قد", "إن", "أن", "ان", "انه", "أنه", "إنه", "مقابل", "منها", "منهم", "منه", "فيها", "فيه",
        "عليها", "عليه", "له", "لها", "لهم", "بها", "به", "بينها", "بينهم", "كل", "جميع", "مرة", "مرات", "أخرى", "اخرى", "آخرين",
        "اخرين", "آخر", "اخر", "فيما", "بينما", "حيث", "إذ", "اذ", "لكن", "ولكن", "بل", "أي", "اي", "هذا", "هذه", "ذلك", "تلك",
        "عام", "سنة", "يوم", "أمام", "امام", "وراء", "تحت", "فوق", "دون", "بدون", "غير", "سوى", "عبر", "لصالح", "إضافة", "اضافة",
        "بالمئة", "بالمائة", "نقاط", "أرباع", "أخماس", "أثلاث", "أضعاف", "مثلا", "مرتين", "ضعف",
    ], |e| e.stop = true);
    // Counted-noun words that are fine even though listed above.
    add(&mut t, &["مرة", "مرات", "آخرين", "نقاط"], |e| e.stop = false);
    add(&mut t, &["مكعب", "مربع", "مكعبة", "مربعة"], |e| e.measure_adj = true);
    // Special words.
    let special: [(Special, &[&'static str]); 15] = [
        (Special::Clock, &["الساعة"]),
        (Special::Ago, &["قبل"]),
        (Special::This, &["هذا", "هذه"]),
        (Special::Same, &["نفس"]),
        (Special::Eve, &["عشية"]),
        (Special::DayOf, &["يوم"]),
        (Special::MonthOf, &["شهر"]),
        (Special::YearOf, &["عام", "العام", "سنة", "السنة", "عامي", "العامين", "عامى"]),
        (Special::Half, &["النصف"]),
        (Special::Quarter, &["الربع"]),
        (Special::Feast, &["عيد"]),
        (Special::Min, &["من"]),
        (Special::And, &["و"]),
        (Special::Between, &["بين"]),
        (Special::Article, &["ال", "الـ"]),
    ];
    for (s, ws) in special {
        add(&mut t, ws, |e| {
            e.special = s;
            if !matches!(s, Special::Min | Special::And | Special::Between) {
                e.starts = true;
            }
        });
    }
    t
}
