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

/// What a row of [`WORDS`] sets in the entries of its words.
#[derive(Clone, Copy)]
enum Set {
    Month(u8),
    MonthAmbiguous,
    MonthHead(u8),
    MonthPart(u8),
    Hijri(u8),
    HijriHead(u8),
    Weekday(u8),
    /// A unit word of a form (1 singular, 0 plural, 2 dual); its forms with the article (those
    /// that do not end in ا or ً) get their own entries, marked `def`.
    TimeUnit(Unit, u8),
    Modifier(Rel),
    Position(Pos),
    DayWord(i8),
    /// 1–10 in words; their forms with the article follow a noun (السنوات الثلاث).
    NumUnit(u32),
    Num(NumWord),
    NumDef,
    Ordinal(u8),
    Code(&'static str),
    Ambiguous(Amb),
    Country(&'static str),
    Percent,
    DayPart(&'static str),
    ClockPart(u32),
    Season(&'static str),
    Decade(u16),
    Prep,
    DurationCue,
    NotCount,
    Stop(bool),
    MeasureAdj,
    Word(Special),
}

use NumWord::{Fraction, Hundred, Scale, Ten, Vague};
use Set::*;
use Unit::{Century, Day, Decade as Decades, Hour, Minute, Month as Months, Second, Week, Year};

/// The lexicon as data: each row sets one thing in the entries of its words, in order (a later
/// row can undo an earlier one: the `Stop(false)` row).
#[rustfmt::skip]
const WORDS: &[(Set, &[&str])] = &[
    // Gregorian months: the Western names (and Maghrebi ones), the Syro-Aramaic names.
    (Month(1), &["يناير", "ينايـر", "جانفي", "ينير"]),
    (Month(2), &["فبراير", "شباط", "فيفري", "فبرير"]),
    (Month(3), &["مارس", "آذار", "أذار", "اذار", "مارت"]),
    (Month(4), &["أبريل", "إبريل", "ابريل", "نيسان", "أفريل", "ابريـل"]),
    (Month(5), &["مايو", "أيار", "آيار", "ايار", "ماي"]),
    (Month(6), &["يونيو", "حزيران", "يونيه", "جوان"]),
    (Month(7), &["يوليو", "تموز", "يوليه", "جويلية"]),
    (Month(8), &["أغسطس", "اغسطس", "آب", "أوت", "غشت"]),
    (Month(9), &["سبتمبر", "أيلول", "ايلول", "شتنبر"]),
    (Month(10), &["أكتوبر", "اكتوبر", "أكتوبـر"]),
    (Month(11), &["نوفمبر", "نونبر"]),
    (Month(12), &["ديسمبر", "دجنبر"]),
    (MonthAmbiguous, &["مارس", "آب", "ماي", "نيسان", "تموز", "جوان", "أوت", "غشت", "شباط"]),
    (MonthHead(1), &["كانون"]),
    (MonthHead(2), &["تشرين"]),
    (MonthPart(1), &["الأول", "أول", "اول"]),
    (MonthPart(2), &["الثاني", "ثاني", "ثان", "الثانى"]),
    // Hijri months.
    (Hijri(1), &["محرم"]),
    (Hijri(2), &["صفر"]),
    (Hijri(7), &["رجب"]),
    (Hijri(8), &["شعبان"]),
    (Hijri(9), &["رمضان"]),
    (Hijri(10), &["شوال"]),
    (HijriHead(3), &["ربيع"]),
    (HijriHead(5), &["جمادى", "جمادي"]),
    (HijriHead(11), &["ذو", "ذي"]),
    // Weekdays (ISO numbers).
    (Weekday(1), &["الاثنين", "الإثنين", "الأثنين"]),
    (Weekday(2), &["الثلاثاء"]),
    (Weekday(3), &["الأربعاء", "الاربعاء"]),
    (Weekday(4), &["الخميس"]),
    (Weekday(5), &["الجمعة"]),
    (Weekday(6), &["السبت"]),
    (Weekday(7), &["الأحد", "الاحد"]),
    // Units of time: singular (also accusative), plural, dual.
    (TimeUnit(Second, 1), &["ثانية", "ثانيةً"]),
    (TimeUnit(Second, 0), &["ثوان", "ثواني", "ثوانٍ"]),
    (TimeUnit(Second, 2), &["ثانيتين", "ثانيتان"]),
    (TimeUnit(Minute, 1), &["دقيقة"]),
    (TimeUnit(Minute, 0), &["دقائق"]),
    (TimeUnit(Minute, 2), &["دقيقتين", "دقيقتان"]),
    (TimeUnit(Hour, 1), &["ساعة"]),
    (TimeUnit(Hour, 0), &["ساعات"]),
    (TimeUnit(Hour, 2), &["ساعتين", "ساعتان"]),
    (TimeUnit(Day, 1), &["يوم", "يوما", "يوماً"]),
    (TimeUnit(Day, 0), &["أيام", "ايام"]),
    (TimeUnit(Day, 2), &["يومين", "يومان"]),
    (TimeUnit(Week, 1), &["أسبوع", "اسبوع", "أسبوعا", "أسبوعاً"]),
    (TimeUnit(Week, 0), &["أسابيع", "اسابيع"]),
    (TimeUnit(Week, 2), &["أسبوعين", "اسبوعين", "أسبوعان"]),
    (TimeUnit(Months, 1), &["شهر", "شهرا", "شهراً"]),
    (TimeUnit(Months, 0), &["أشهر", "اشهر", "شهور"]),
    (TimeUnit(Months, 2), &["شهرين", "شهران"]),
    (TimeUnit(Year, 1), &["عام", "عاما", "عاماً", "سنة", "سنه"]),
    (TimeUnit(Year, 0), &["أعوام", "اعوام", "سنوات", "سنين", "سنون"]),
    (TimeUnit(Year, 2), &["عامين", "عامان", "سنتين", "سنتان"]),
    (TimeUnit(Decades, 1), &["عقد", "عقدا"]),
    (TimeUnit(Decades, 0), &["عقود"]),
    (TimeUnit(Decades, 2), &["عقدين"]),
    (TimeUnit(Century, 1), &["قرن", "قرنا"]),
    (TimeUnit(Century, 0), &["قرون"]),
    (TimeUnit(Century, 2), &["قرنين"]),
    (Modifier(Rel::Past), &["الماضي", "الماضية", "المنصرم", "المنصرمة", "الفائت", "الفائتة", "السابق", "السابقة", "الماضيين", "الماضين", "المنقضي"]),
    (Modifier(Rel::Next), &["المقبل", "المقبلة", "القادم", "القادمة", "التالي", "التالية", "التاليين", "التاليتين", "المقبلين", "القادمين"]),
    (Modifier(Rel::Current), &["الجاري", "الجارية", "الحالي", "الحالية"]),
    (Position(Pos::Edge), &["نهاية", "بداية", "مطلع", "أواخر", "اواخر", "أوائل", "اوائل", "منتصف", "أواسط", "اواسط", "مستهل", "بدء", "آخر"]),
    (Position(Pos::First), &["أول", "اول"]),
    (DayWord(0), &["اليوم"]),
    (DayWord(-1), &["أمس", "امس", "الأمس", "البارحة"]),
    (DayWord(1), &["غدا", "غداً", "الغد"]),
    // Number words.
    (NumUnit(1), &["واحد", "واحدة"]),
    (NumUnit(2), &["اثنان", "اثنين", "اثنتان", "اثنتين", "إثنين", "اثنا", "اثنتا"]),
    (NumUnit(3), &["ثلاث", "ثلاثة"]),
    (NumUnit(4), &["أربع", "أربعة", "اربع", "اربعة"]),
    (NumUnit(5), &["خمس", "خمسة"]),
    (NumUnit(6), &["ست", "ستة"]),
    (NumUnit(7), &["سبع", "سبعة"]),
    (NumUnit(8), &["ثمان", "ثماني", "ثمانية", "ثمانى"]),
    (NumUnit(9), &["تسع", "تسعة"]),
    (NumUnit(10), &["عشر", "عشرة"]),
    (Num(Ten(20)), &["عشرون", "عشرين"]),
    (Num(Ten(30)), &["ثلاثون", "ثلاثين"]),
    (Num(Ten(40)), &["أربعون", "أربعين", "اربعين", "اربعون"]),
    (Num(Ten(50)), &["خمسون", "خمسين"]),
    (Num(Ten(60)), &["ستون", "ستين"]),
    (Num(Ten(70)), &["سبعون", "سبعين"]),
    (Num(Ten(80)), &["ثمانون", "ثمانين"]),
    (Num(Ten(90)), &["تسعون", "تسعين"]),
    (Num(Hundred(100)), &["مئة", "مائة", "مية", "مئه"]),
    (Num(Hundred(200)), &["مئتان", "مئتين", "مائتان", "مائتين", "مئتي", "مائتي"]),
    (Num(Hundred(300)), &["ثلاثمئة", "ثلاثمائة"]),
    (Num(Hundred(400)), &["أربعمئة", "أربعمائة", "اربعمئة", "اربعمائة"]),
    (Num(Hundred(500)), &["خمسمئة", "خمسمائة"]),
    (Num(Hundred(600)), &["ستمئة", "ستمائة"]),
    (Num(Hundred(700)), &["سبعمئة", "سبعمائة"]),
    (Num(Hundred(800)), &["ثمانمئة", "ثمانمائة", "ثمانيمئة"]),
    (Num(Hundred(900)), &["تسعمئة", "تسعمائة"]),
    // Scales: singular (1), dual (2: ألفين = 2000) and plural (0: آلاف، ملايين; alone they count
    // as their base, like عشرات and مئات).
    (Num(Scale(1_000, 1)), &["ألف", "الف", "ألفا", "ألفاً"]),
    (Num(Scale(1_000, 2)), &["ألفين", "ألفان", "ألفي", "الفين", "الفي"]),
    (Num(Scale(1_000, 0)), &["آلاف", "الاف", "الآلاف"]),
    (Num(Scale(1_000_000, 1)), &["مليون", "مليونا", "مليوناً"]),
    (Num(Scale(1_000_000, 2)), &["مليونين", "مليونان", "مليوني"]),
    (Num(Scale(1_000_000, 0)), &["ملايين", "الملايين"]),
    (Num(Scale(1_000_000_000, 1)), &["مليار", "مليارا", "ملياراً", "بليون"]),
    (Num(Scale(1_000_000_000, 2)), &["مليارين", "ملياران", "ملياري"]),
    (Num(Scale(1_000_000_000, 0)), &["مليارات", "بلايين", "المليارات"]),
    (Num(Scale(1_000_000_000_000, 1)), &["تريليون", "ترليون"]),
    (Num(Scale(1_000_000_000_000, 2)), &["تريليونين", "تريليوني"]),
    (Num(Scale(1_000_000_000_000, 0)), &["تريليونات", "ترليونات"]),
    (NumDef, &["الآلاف", "الملايين", "المليارات"]),
    (Num(Vague(10)), &["عشرات"]),
    (Num(Vague(100)), &["مئات"]),
    (Num(Fraction(500)), &["نصف"]),
    (Num(Fraction(250)), &["ربع"]),
    // Ordinals, for days of the month (الرابع من أيار) and clock hours (الساعة الثالثة).
    (Ordinal(1), &["الأول", "الاول", "الواحدة", "الحادي", "الحادية", "الأولى"]),
    (Ordinal(2), &["الثاني", "الثانية"]),
    (Ordinal(3), &["الثالث", "الثالثة"]),
    (Ordinal(4), &["الرابع", "الرابعة"]),
    (Ordinal(5), &["الخامس", "الخامسة"]),
    (Ordinal(6), &["السادس", "السادسة"]),
    (Ordinal(7), &["السابع", "السابعة"]),
    (Ordinal(8), &["الثامن", "الثامنة"]),
    (Ordinal(9), &["التاسع", "التاسعة"]),
    (Ordinal(10), &["العاشر", "العاشرة"]),
    (Ordinal(20), &["العشرين"]),
    (Ordinal(30), &["الثلاثين"]),
    // Currencies.
    (Code("EUR"), &["يورو", "اليورو"]),
    (Code("GBP"), &["استرليني", "إسترليني"]),
    (Code("RUB"), &["روبل", "روبلات", "روبلا"]),
    (Code("INR"), &["روبية", "روبيات"]),
    (Code("JPY"), &["ين"]),
    (Code("CNY"), &["يوان"]),
    (Code("ILS"), &["شيكل", "شيقل", "شواكل"]),
    (Code("VEF"), &["بوليفار", "بوليفارات", "البوليفار"]),
    (Ambiguous(Amb::Dollar), &["دولار", "دولارا", "دولاراً", "دولارات", "الدولارات", "الدولار"]),
    (Ambiguous(Amb::Pound), &["جنيه", "جنيها", "جنيهاً", "جنيهات", "جنية", "الجنيه"]),
    (Ambiguous(Amb::Riyal), &["ريال", "ريالا", "ريالاً", "ريالات", "الريال"]),
    (Ambiguous(Amb::Dinar), &["دينار", "دينارا", "ديناراً", "دنانير", "الدينار"]),
    (Ambiguous(Amb::Lira), &["ليرة", "ليرات", "الليرة"]),
    (Ambiguous(Amb::Dirham), &["درهم", "درهما", "درهماً", "دراهم", "الدرهم"]),
    (Ambiguous(Amb::Franc), &["فرنك", "فرنكات", "الفرنك"]),
    // Country adjectives after a currency and country names nearby: one code each (the code is
    // checked against the currency word's kind when used).
    (Country("USD"), &["أمريكي", "أميركي", "امريكي", "اميركي", "أمريكيا", "أميركيا", "الأمريكي", "الأميركي"]),
    (Country("CAD"), &["كندي", "الكندي", "كنديا"]),
    (Country("AUD"), &["أسترالي", "استرالي", "أستراليا", "استراليا"]),
    (Country("HKD"), &["هونغ"]),
    (Country("SGD"), &["سنغافوري"]),
    (Country("GBP"), &["استرليني", "إسترليني", "الإسترليني", "الاسترليني", "استرلينيا", "إسترلينيا"]),
    (Country("EGP"), &["مصري", "مصرية", "المصري", "المصرية", "مصر", "مصريا"]),
    (Country("SDG"), &["سوداني", "السوداني", "السودان", "سودانيا"]),
    (Country("SAR"), &["سعودي", "سعودية", "السعودي", "السعودية", "سعوديا"]),
    (Country("QAR"), &["قطري", "القطري", "قطر", "قطريا"]),
    (Country("OMR"), &["عماني", "العماني", "سلطنة", "عمانيا"]),
    (Country("YER"), &["يمني", "اليمني", "اليمن", "يمنيا"]),
    (Country("IRR"), &["إيراني", "ايراني", "الإيراني", "الايراني", "إيران", "ايران", "الإيرانية", "الايرانية", "إيرانيا", "ايرانيا"]),
    (Country("BRL"), &["برازيلي"]),
    (Country("AED"), &["إماراتي", "اماراتي", "الإماراتي", "الإمارات", "الامارات", "إماراتيا", "اماراتيا"]),
    (Country("MAD"), &["مغربي", "المغربي", "المغرب", "مغربيا"]),
    (Country("KWD"), &["كويتي", "الكويتي", "الكويت", "كويتيا"]),
    (Country("JOD"), &["أردني", "اردني", "الأردني", "الأردن", "الاردن", "أردنيا", "اردنيا"]),
    (Country("IQD"), &["عراقي", "العراقي", "العراق", "عراقيا"]),
    (Country("TND"), &["تونسي", "التونسي", "تونس", "تونسيا"]),
    (Country("DZD"), &["جزائري", "الجزائري", "الجزائر", "جزائريا"]),
    (Country("LYD"), &["ليبي", "الليبي", "ليبيا"]),
    (Country("BHD"), &["بحريني", "البحريني", "البحرين", "بحرينيا"]),
    (Country("SYP"), &["سوري", "سورية", "السوري", "السورية", "سوريا"]),
    (Country("LBP"), &["لبناني", "لبنانية", "اللبناني", "اللبنانية", "لبنان", "لبنانيا"]),
    (Country("TRY"), &["تركي", "تركية", "التركي", "التركية", "تركيا"]),
    (Country("CHF"), &["سويسري", "السويسري", "سويسريا"]),
    (Percent, &["المئة", "المائة", "المية", "المئه", "بالمئة", "بالمائة", "بالمية", "بالمئه", "المائه"]),
    (DayPart("MO"), &["صباح", "فجر", "صبيحة"]),
    (DayPart("MI"), &["ظهر", "ظهيرة"]),
    (DayPart("AF"), &["عصر"]),
    (DayPart("EV"), &["مساء"]),
    (DayPart("NI"), &["ليلة", "ليل"]),
    (ClockPart(0), &["صباحا", "صباحاً", "فجرا", "فجراً", "صباح"]),
    (ClockPart(12), &["مساء", "مساءً", "مساءا", "ليلا", "ليلاً", "عصرا", "عصراً", "ظهرا", "ظهراً"]),
    (Season("SP"), &["الربيع"]),
    (Season("SU"), &["الصيف"]),
    (Season("FA"), &["الخريف"]),
    (Season("WI"), &["الشتاء"]),
    (Decade(192), &["العشرينيات", "العشرينات"]),
    (Decade(193), &["الثلاثينيات", "الثلاثينات"]),
    (Decade(194), &["الأربعينيات", "الأربعينات", "الاربعينيات"]),
    (Decade(195), &["الخمسينيات", "الخمسينات"]),
    (Decade(196), &["الستينيات", "الستينات"]),
    (Decade(197), &["السبعينيات", "السبعينات"]),
    (Decade(198), &["الثمانينيات", "الثمانينات"]),
    (Decade(199), &["التسعينيات", "التسعينات"]),
    // Small words.
    (Prep, &["في", "منذ", "خلال", "حتى", "بحلول", "قبيل", "قبل", "بعد", "من", "مع", "حلول", "اعتبارا", "اعتباراً", "تسليم", "مطلع", "نهاية", "بداية", "أواخر", "أوائل", "منتصف", "شهر", "وفي", "ففي", "إلى", "الى", "بين", "عن"]),
    (DurationCue, &["لمدة", "مدة", "مدته", "نحو", "لنحو", "بنحو", "حوالي", "حوالى", "قرابة", "زهاء", "طوال", "طيلة", "أكثر", "اكثر", "أقل", "اقل", "ظرف", "غضون"]),
    (NotCount, &[
        "الدقيقة", "الدقيقتين", "رقم", "الرقم", "المركز", "المرتبة", "المصنفة", "المصنف", "الجولة", "الفقرة", "المادة",
        "القرار", "طراز", "الطراز", "موديل", "الإصدار", "الاصدار", "النسخة", "الفصل", "البند", "القناة", "الطريق",
        "الحلقة", "الصفحة", "العدد", "الدور", "المجموعة", "الشوط", "الكيلو", "الكيلومتر", "البطولة", "الموسم",
        "فوتبول", "سو", "إف", "إيه", "ايه", "بي", "جي", "الدرجة",
    ]),
    (Stop(true), &[
        "في", "من", "إلى", "الى", "على", "عن", "مع", "أو", "او", "و", "ثم", "حتى", "منذ", "بعد", "قبل", "خلال", "عند", "لدى",
        "بين", "ضد", "نحو", "حوالي", "فقط", "أيضا", "ايضا", "كما", "التي", "الذي", "الذين", "اللذين", "اللتين", "هو", "هي", "هم",
        "ما", "لا", "لم", "لن", "قد", "إن", "أن", "ان", "انه", "أنه", "إنه", "مقابل", "منها", "منهم", "منه", "فيها", "فيه",
        "عليها", "عليه", "له", "لها", "لهم", "بها", "به", "بينها", "بينهم", "كل", "جميع", "مرة", "مرات", "أخرى", "اخرى", "آخرين",
        "اخرين", "آخر", "اخر", "فيما", "بينما", "حيث", "إذ", "اذ", "لكن", "ولكن", "بل", "أي", "اي", "هذا", "هذه", "ذلك", "تلك",
        "عام", "سنة", "يوم", "أمام", "امام", "وراء", "تحت", "فوق", "دون", "بدون", "غير", "سوى", "عبر", "لصالح", "إضافة", "اضافة",
        "بالمئة", "بالمائة", "نقاط", "أرباع", "أخماس", "أثلاث", "أضعاف", "مثلا", "مرتين", "ضعف", "أوكتان", "اوكتان",
    ]),
    // Counted-noun words that are fine even though listed above.
    (Stop(false), &["مرة", "مرات", "آخرين", "نقاط"]),
    (MeasureAdj, &["مكعب", "مربع", "مكعبة", "مربعة", "أساس"]),
    // Special words.
    (Word(Special::Clock), &["الساعة"]),
    (Word(Special::Ago), &["قبل"]),
    (Word(Special::This), &["هذا", "هذه"]),
    (Word(Special::Same), &["نفس"]),
    (Word(Special::Eve), &["عشية"]),
    (Word(Special::DayOf), &["يوم"]),
    (Word(Special::MonthOf), &["شهر"]),
    (Word(Special::YearOf), &["عام", "العام", "سنة", "السنة", "عامي", "العامين", "عامى"]),
    (Word(Special::Half), &["النصف"]),
    (Word(Special::Quarter), &["الربع"]),
    (Word(Special::Feast), &["عيد"]),
    (Word(Special::Min), &["من"]),
    (Word(Special::And), &["و"]),
    (Word(Special::Between), &["بين"]),
    (Word(Special::Article), &["ال", "الـ"]),
];

/// The entry of `w` in `t` (normalized), made if missing.
fn slot<'t>(t: &'t mut FxMap<&'static str, Entry>, w: &str) -> &'t mut Entry {
    let key: &'static str = Box::leak(normalize(w).into_boxed_str());
    t.entry(key).or_default()
}

/// What one row sets in the entry of one of its words.
fn apply(e: &mut Entry, set: Set) {
    match set {
        Month(m) => e.month = m,
        MonthAmbiguous => e.month_ambiguous = true,
        MonthHead(h) => e.month_head = h,
        MonthPart(p) => e.month_part = p,
        Hijri(m) => e.hijri = m,
        HijriHead(h) => e.hijri_head = h,
        Weekday(d) => e.weekday = d,
        TimeUnit(unit, n) => e.unit = Some(UnitWord { unit, n, def: false }),
        Modifier(r) => e.rel = Some(r),
        Position(p) => e.pos = Some(p),
        DayWord(d) => e.day_word = Some(d),
        NumUnit(v) => e.num = Some(NumWord::Unit(v)),
        Num(w) => e.num = Some(w),
        NumDef => e.num_def = true,
        Ordinal(o) => e.ordinal = o,
        Code(code) => e.currency = Some(Currency::Code(code)),
        Ambiguous(a) => e.currency = Some(Currency::Ambiguous(a)),
        Country(code) => e.country = Some(code),
        Percent => e.percent = true,
        DayPart(code) => e.day_part = Some(code),
        ClockPart(h) => e.clock_part = Some(h),
        Season(code) => e.season = Some(code),
        Decade(d) => e.decade = d,
        Prep => e.prep = true,
        DurationCue => e.duration_cue = true,
        NotCount => e.not_count = true,
        Stop(b) => e.stop = b,
        MeasureAdj => e.measure_adj = true,
        Word(s) => e.special = s,
    }
    if begins(set) {
        e.starts = true;
    }
}

/// The rows whose words begin an expression (a unit: يومين، حوالي أسبوع; a currency: دولار واحد;
/// not من، و، بين).
fn begins(set: Set) -> bool {
    match set {
        Month(_) | MonthHead(_) | Hijri(_) | HijriHead(_) | Weekday(_) | Position(_) | DayWord(_) | NumUnit(_) | Num(_)
        | Ordinal(_) | DayPart(_) | Season(_) | Decade(_) => true,
        // دولار واحد: the amount after its currency.
        Code(_) | Ambiguous(_) => true,
        // A singular unit begins a duration after a cue (حوالي أسبوع).
        TimeUnit(_, n) => n != 0,
        Word(s) => !matches!(s, Special::Min | Special::And | Special::Between),
        _ => false,
    }
}

/// The table, built once from [`WORDS`].
fn build() -> FxMap<&'static str, Entry> {
    let mut t: FxMap<&'static str, Entry> = FxMap::default();
    for &(set, words) in WORDS {
        for &w in words {
            apply(slot(&mut t, w), set);
        }
        // The forms with the article: units (العام، السنوات، اليومين) and number words after a
        // plural noun (السنوات الثلاث، الأشهر الثلاثة).
        for &w in words {
            match set {
                TimeUnit(unit, n) if !w.ends_with('ا') && !w.ends_with('ً') => {
                    let e = slot(&mut t, &format!("ال{w}"));
                    e.unit = Some(UnitWord { unit, n, def: true });
                    e.starts = true;
                }
                NumUnit(v) => {
                    let e = slot(&mut t, &format!("ال{w}"));
                    if e.num.is_none() {
                        e.num = Some(NumWord::Unit(v));
                    }
                    e.num_def = true;
                }
                _ => {}
            }
        }
    }
    t
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
