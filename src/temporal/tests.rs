use super::calendar::{hijri_days, to_hijri, Ymd};
use super::numbers::parse_digits;
use super::{find, parse_ymd};
use crate::result::{Label, Value};
use crate::Doc;

/// Every expression of `text` as "LABEL text = value", the document date `date`.
fn found(text: &str, date: &str) -> Vec<String> {
    let doc = Doc::new(text);
    find(&doc, parse_ymd(date))
        .iter()
        .map(|f| {
            let v = match &f.value {
                Some(Value::Text(s)) => s.clone(),
                Some(Value::Number(n)) => format!("{}", n.0),
                Some(Value::Money(m)) => format!("{} {}", m.amount.0, m.currency),
                None => "-".into(),
            };
            format!("{} {} = {}", f.label.as_str(), &text[f.span.clone()], v)
        })
        .collect()
}

fn one(text: &str, date: &str) -> String {
    let v = found(text, date);
    assert_eq!(v.len(), 1, "{text}: {v:?}");
    v[0].clone()
}

#[test]
fn digits_western_eastern_and_separators() {
    assert_eq!(parse_digits("1,200").unwrap().to_f64(), 1200.0);
    assert_eq!(parse_digits("5,5").unwrap().to_f64(), 5.5);
    assert_eq!(parse_digits("130,36").unwrap().to_f64(), 130.36);
    assert_eq!(parse_digits("1.500.000").unwrap().to_f64(), 1_500_000.0);
    assert_eq!(parse_digits("10.7").unwrap().to_f64(), 10.7);
    assert_eq!(parse_digits("3٫5").unwrap().to_f64(), 3.5);
    assert_eq!(one("قتل ١٢ شخصا", "2018-01-01"), "QUANTITY ١٢ شخصا = 12");
    assert_eq!(one("بلغت ٥ مليارات دولار", "2018-01-01"), "MONEY ٥ مليارات دولار = 5000000000 USD");
    assert_eq!(one("ارتفع ٢٠٪", "2018-01-01"), "PERCENT ٢٠٪ = 20");
}

#[test]
fn numbers_in_words() {
    assert_eq!(one("لجأ ثلاثة آلاف لاجئ", "2018-01-01"), "QUANTITY ثلاثة آلاف لاجئ = 3000");
    assert_eq!(one("زارها مليون ونصف سائح", "2018-01-01"), "QUANTITY مليون ونصف سائح = 1500000");
    assert_eq!(one("قتل عشرات المدنيين", "2018-01-01"), "QUANTITY عشرات المدنيين = 10");
    assert_eq!(one("خلق عشرات الآلاف من الوظائف", "2018-01-01"), "QUANTITY عشرات الآلاف من الوظائف = 10000");
    assert_eq!(one("قدمت وجبات لخمسمئة أسرة", "2018-01-01"), "QUANTITY خمسمئة أسرة = 500");
    assert_eq!(one("بقيمة خمسة مليارات دولار", "2018-01-01"), "MONEY خمسة مليارات دولار = 5000000000 USD");
    assert_eq!(one("مقابل ملياري درهم", "2018-01-01"), "MONEY ملياري درهم = 2000000000 AED");
    assert_eq!(one("يبلغ 217 ألفاً و165 دولار أميركي", "2018-01-01"), "MONEY 217 ألفاً و165 دولار أميركي = 217165 USD");
    assert_eq!(one("شارك خمسة وعشرون لاعبا", "2018-01-01"), "QUANTITY خمسة وعشرون لاعبا = 25");
    assert_eq!(one("نحو ستين بالمئة من الأسهم", "2018-01-01"), "PERCENT ستين بالمئة = 60");
}

#[test]
fn money_currencies() {
    assert_eq!(one("غرامة 50 ألف جنيه استرليني", "2018-01-01"), "MONEY 50 ألف جنيه استرليني = 50000 GBP");
    assert_eq!(one("نحو 300 ألف ليرة سورية", "2018-01-01"), "MONEY 300 ألف ليرة سورية = 300000 SYP");
    assert_eq!(one("قال البنك المركزي الإيراني إن العائدات بلغت 421.1 تريليون ريال", "2018-01-01"), "MONEY 421.1 تريليون ريال = 421100000000000 IRR");
    assert_eq!(one("غرامة 40 ألف ريال", "2018-01-01"), "MONEY 40 ألف ريال = 40000 SAR");
    assert_eq!(found("تراجع الجنيه السوداني إلى 31.5 جنيه", "2018-01-01").last().unwrap(), "MONEY 31.5 جنيه = 31.5 SDG");
    // A range shares its scale and currency.
    assert_eq!(found("تتراوح بين 35 و40 مليار ريال", "2018-01-01"), ["MONEY 35 = 35000000000 SAR", "MONEY 40 مليار ريال = 40000000000 SAR"]);
    assert_eq!(found("عند 1360-1365 دولارا للأوقية", "2018-01-01"), ["MONEY 1360 = 1360 USD", "MONEY 1365 دولارا = 1365 USD"]);
}

#[test]
fn both_month_systems_and_their_spellings() {
    let d = "2018-06-15";
    assert_eq!(one("في 5 يونيو/حزيران 2018", d), "DATE 5 يونيو/حزيران 2018 = 2018-06-05");
    assert_eq!(one("في الـ13 من تشرين الثاني الماضي", d), "DATE الـ13 من تشرين الثاني الماضي = 2017-11-13");
    assert_eq!(one("منذ 27 من ديسمبر كانون الأول", d), "DATE 27 من ديسمبر كانون الأول = 2017-12-27");
    assert_eq!(one("في كانون الثاني/يناير 2011", d), "DATE كانون الثاني/يناير 2011 = 2011-01");
    assert_eq!(one("بنهاية إبريل/ نيسان الماضي", d), "DATE نهاية إبريل/ نيسان الماضي = 2018-04");
    assert_eq!(one("في الرابع من أيار/مايو", d), "DATE الرابع من أيار/مايو = 2018-05-04");
    assert_eq!(one("في الرابع والعشرين من يونيو", d), "DATE الرابع والعشرين من يونيو = 2018-06-24");
    assert_eq!(one("في تشرين أول الماضي", d), "DATE تشرين أول الماضي = 2017-10");
    assert_eq!(one("في أول آذار/مارس", d), "DATE أول آذار/مارس = 2018-03-01");
    // مارس is also a verb, آب also "father": alone they need calendar context.
    assert!(found("مارس الضغط على الحكومة", d).is_empty());
    assert_eq!(one("في آب الماضي", d), "DATE آب الماضي = 2017-08");
    // Without a document date the year stays unknown.
    assert_eq!(one("في 5 يونيو", ""), "DATE 5 يونيو = XXXX-06-05");
}

#[test]
fn hijri_dates_and_years() {
    // 26 Ramadan 1439 was Sunday 10 June 2018.
    assert_eq!(Ymd::from_days(hijri_days(1439, 9, 26)), Ymd { year: 2018, month: 6, day: 10 });
    assert_eq!(to_hijri(Ymd { year: 2018, month: 6, day: 10 }), (1439, 9, 26));
    assert_eq!(one("يوم الأحد القادم 26/9/1439هـ لمناقشة", "2018-06-09"), "DATE يوم الأحد القادم 26/9/1439هـ = 2018-06-10");
    // The tabular calendar; Umm al-Qura began 1439 a day earlier (21 September 2017).
    assert_eq!(one("تأسست عام 1439 هـ", "2018-06-09"), "DATE عام 1439 هـ = 2017-09-22/2018-09-11");
    assert_eq!(one("في 15 رمضان 1439", "2018-06-09"), "DATE 15 رمضان 1439 = 2018-05-30");
}

#[test]
fn relative_dates_against_the_document_date() {
    let d = "2015-12-23"; // a Wednesday
    assert_eq!(one("في موسكو اليوم.", d), "DATE اليوم = 2015-12-23");
    assert_eq!(one("قال أمس إن", d), "DATE أمس = 2015-12-22");
    assert_eq!(one("أكد قبل يومين أن", d), "DATE قبل يومين = 2015-12-21");
    assert_eq!(one("أقدم في 24 الشهر الماضي على", d), "DATE 24 الشهر الماضي = 2015-11-24");
    assert_eq!(one("زار موسكو أواخر الشهر الماضي", d), "DATE أواخر الشهر الماضي = 2015-11");
    assert_eq!(one("يعقد الأسبوع المقبل", d), "DATE الأسبوع المقبل = 2015-W53");
    assert_eq!(one("في العام الماضي", d), "DATE العام الماضي = 2014");
    assert_eq!(one("قبل عشر سنوات", d), "DATE قبل عشر سنوات = 2005");
    assert_eq!(one("أعلن الخميس الماضي", d), "DATE الخميس الماضي = 2015-12-17");
    assert_eq!(one("أعلن الثلاثاء", d), "DATE الثلاثاء = 2015-12-22");
    assert_eq!(one("سيعلن الجمعة", d), "DATE الجمعة = 2015-12-25");
    assert_eq!(one("في النصف الثاني من عام 2019", d), "DATE النصف الثاني من عام 2019 = 2019-H2");
    assert_eq!(one("خلال الـ5 سنوات المقبلة", d), "DATE الـ5 سنوات المقبلة = P5Y");
    // Without a document date: found, no value.
    assert_eq!(one("أكد قبل يومين أن", ""), "DATE قبل يومين = -");
    // اليوم that is not today, روسيا اليوم (a channel).
    assert!(found("في اليوم التالي", d).is_empty());
    assert!(found("مرتين في اليوم", d).is_empty());
}

#[test]
fn durations_times_percents() {
    let d = "2018-03-22";
    assert_eq!(one("تستغرق 7 ساعات و45 دقيقة", d), "DATE 7 ساعات و45 دقيقة = PT7H45M");
    assert_eq!(one("مدة ثلاث سنوات ونصف", d), "DATE ثلاث سنوات ونصف = P3.5Y");
    assert_eq!(one("أكثر من ربع قرن", d), "DATE ربع قرن = P25Y");
    assert_eq!(one("يبلغ من العمر 33 عاماً وهو", d), "DATE 33 عاماً = P33Y");
    assert_eq!(one("لمدة ثلاثة أشهر", d), "DATE ثلاثة أشهر = P3M");
    assert_eq!(one("أقلعت الساعة 18:00 بتوقيت", d), "TIME الساعة 18:00 = T18:00");
    assert_eq!(one("وقع الهجوم الساعة الثالثة فجرا", d), "TIME الساعة الثالثة فجرا = T03:00");
    assert_eq!(one("في 10:30 صباحا", d), "TIME 10:30 صباحا = T10:30");
    assert_eq!(one("أفاد مساء السبت", d), "TIME مساء السبت = 2018-03-17TEV");
    assert_eq!(one("ارتفع 20 في المئة", d), "PERCENT 20 في المئة = 20");
    assert_eq!(one("بنسبة 0.3 بالمئة", d), "PERCENT 0.3 بالمئة = 0.3");
    // Scores, match minutes and ranks are not quantities.
    assert!(found("فاز 2-1 عند الدقيقة 38 في المركز 3", d).is_empty());
}

#[test]
fn the_seed_article() {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/golden/seed-sana-moscow.txt")).unwrap();
    let v = found(&text, "2015-12-23");
    for want in [
        "DATE اليوم = 2015-12-23",
        "DATE 24 الشهر الماضي = 2015-11-24",
        "DATE قبل يومين = 2015-12-21",
        "DATE الـ 13من تشرين الثاني الماضي = 2015-11-13",
    ] {
        assert!(v.iter().any(|x| x == want), "{want} not in {v:?}");
    }
}

#[test]
fn analysis_keeps_names_and_reports_values() {
    let text = "قالت وزارة المالية اليوم إنها أنفقت 5 مليارات دولار.";
    let options = crate::Options { date: Some("2018-05-01".into()), ..crate::Options::default() };
    let a = crate::analyze(text, &options);
    let money: Vec<_> = a.entities.iter().filter(|e| e.label == Label::MONEY).collect();
    assert_eq!(money.len(), 1);
    assert_eq!(money[0].cluster, None);
    let json = serde_json::to_string(&money[0]).unwrap();
    assert!(json.contains(r#""value":{"amount":5000000000,"currency":"USD"}"#), "{json}");
    for e in a.entities.iter().filter(|e| e.label.is_name()) {
        assert!(e.cluster.is_some() && e.value.is_none());
    }
}

#[test]
fn the_pass_is_linear() {
    // Ten thousand repetitions of a dense sentence: found every time, in one pass.
    let unit = "في 24 الشهر الماضي دفع 3 آلاف شخص 5 مليارات دولار بنسبة 20% ";
    let text = unit.repeat(10_000);
    let v = find(&Doc::new(&text), parse_ymd("2015-12-23"));
    assert_eq!(v.len(), 40_000);
}

#[test]
fn money_fixes_of_issue14() {
    let d = "2018-05-17";
    assert_eq!(one("وسعر القهوة 2 مليون بوليفار", d), "MONEY 2 مليون بوليفار = 2000000 VEF");
    assert_eq!(one("سعر السهم دولار واحد فقط", d), "MONEY دولار واحد = 1 USD");
    assert_eq!(one("بيعت بيورو واحد", d), "MONEY يورو واحد = 1 EUR");
    // واحدة after a definite currency is "one of", not an amount.
    assert_eq!(found("الليرة التركية واحدة من أسوأ العملات", d), Vec::<String>::new());
    assert_eq!(one("تبلغ الديون ألف مليار دولار", d), "MONEY ألف مليار دولار = 1000000000000 USD");
    assert_eq!(one("بلغت ثلاثة آلاف مليار دولار", d), "MONEY ثلاثة آلاف مليار دولار = 3000000000000 USD");
    assert_eq!(one("بلغ سعره 47.5 جنيها سودانيا", d), "MONEY 47.5 جنيها سودانيا = 47.5 SDG");
    assert_eq!(one("بلغ 20 ريالا سعوديا", d), "MONEY 20 ريالا سعوديا = 20 SAR");
}

#[test]
fn quantity_fixes_of_issue14() {
    let d = "2018-05-08";
    assert_eq!(one("رفع الفائدة 90 نقطة أساس", d), "QUANTITY 90 نقطة أساس = 90");
    // An octane rating is not a count; the percent after it still is a percent.
    assert_eq!(found("سعر البنزين من نوع 92 أوكتان 35%", d), ["PERCENT 35% = 35"]);
}

#[test]
fn date_fixes_of_issue14() {
    let d = "2018-05-17";
    assert_eq!(one("تأسست قبل نصف قرن", d), "DATE قبل نصف قرن = 1968");
    assert_eq!(one("تأسست قبل نحو نصف قرن", d), "DATE قبل نحو نصف قرن = 1968");
    assert_eq!(one("انتهى قبل عقد ونصف", d), "DATE قبل عقد ونصف = 2003");
    assert_eq!(one("انتهى قبل عام ونصف", d), "DATE قبل عام ونصف = 2016-11");
    assert_eq!(one("خلال أول شهرين من عام 2018 ارتفعت", d), "DATE أول شهرين من عام 2018 = 2018-01/2018-02");
    assert_eq!(one("في أول ثلاثة أشهر من العام الجاري", d), "DATE أول ثلاثة أشهر من العام الجاري = 2018-01/2018-03");
    // باب is a gate, not ب + آب; بآب with its madda is still August.
    assert_eq!(found("عبرت السفن في باب المندب", d), Vec::<String>::new());
    assert_eq!(one("في بآب الماضي", "2018-09-01"), "DATE آب الماضي = 2018-08");
    // A future verb with a conjunction before it, or سوف, puts a weekday after the document date.
    assert_eq!(one("وسيرفع اللقب في الجولة الأخيرة يوم السبت", d), "DATE يوم السبت = 2018-05-19");
    assert_eq!(one("وسوف يلتقيان الأحد", d), "DATE الأحد = 2018-05-20");
    assert_eq!(one("والتقيا الأحد", d), "DATE الأحد = 2018-05-13");
    // In the future tense the document's own weekday is that day.
    assert_eq!(one("وستبدأ المؤسسات العمل صباح الاثنين", "2018-08-13"), "TIME صباح الاثنين = 2018-08-13TMO");
    assert_eq!(one("واعتبر السبت أن الاقتصاد سوف يتحسن", "2018-04-14"), "DATE السبت = 2018-04-14");
    // A weekday of every week is a set.
    assert_eq!(found("وفي يوم الاثنين من كل أسبوع تبدأ", d), Vec::<String>::new());
    // A past day of the document's own month is this year.
    assert_eq!(one("في 13 حزيران/يونيو الماضي", "2018-06-16"), "DATE 13 حزيران/يونيو الماضي = 2018-06-13");
    assert_eq!(one("في 20 حزيران/يونيو الماضي", "2018-06-16"), "DATE 20 حزيران/يونيو الماضي = 2017-06-20");
    // A singular unit after a cue, and يوم after بعد, are durations.
    assert_eq!(one("تستمر جولتها حوالي أسبوع", d), "DATE أسبوع = P1W");
    assert_eq!(one("وصلت بعد يوم على إعلان الهدنة", d), "DATE يوم = P1D");
}
