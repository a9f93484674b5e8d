//! Word lists for quotes: reporting cues, roles and titles, words that stop a speaker phrase,
//! and nouns that introduce names in quotation marks. Every entry is in the matching form of
//! [`crate::text::normalize`] (أ/إ/آ → ا, ى → ي, ة → ه, ؤ → و, ئ → ي, no diacritics).

use crate::text::normalize;
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// A small deterministic hasher (FxHash) for the word tables: the keys are short words, where
/// SipHash costs more than the lookup itself.
#[derive(Default, Clone, Copy)]
pub struct FastHash(u64);
impl Hasher for FastHash {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = self.0;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            h = (h.rotate_left(5) ^ u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]])).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
        for &b in chunks.remainder() {
            h = (h.rotate_left(5) ^ b as u64).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
        self.0 = h;
    }
    fn write_u8(&mut self, i: u8) {
        self.0 = (self.0.rotate_left(5) ^ i as u64).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
    fn write_usize(&mut self, i: usize) {
        self.0 = (self.0.rotate_left(5) ^ i as u64).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}
pub type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FastHash>>;
pub type FastSet<K> = HashSet<K, BuildHasherDefault<FastHash>>;
use std::sync::OnceLock;

/// Grammatical gender (and number) a cue verb agrees with.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Gender {
    Masc,
    Fem,
    Plural,
    Any,
}

/// What a cue word is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CueKind {
    /// A finite reporting verb (قال, أضافت, يقول): its subject follows it (or precedes it).
    Verb,
    /// A participle or adverbial cue whose subject is the current sentence's subject
    /// (مضيفا, قائلة, مشيرا).
    Participle,
    /// A source marker (بحسب, وفق, نقلا عن, على لسان): the source follows it.
    Source,
}

/// A cue entry.
#[derive(Clone, Copy, Debug)]
pub struct Cue {
    pub kind: CueKind,
    pub gender: Gender,
    /// Takes reported speech with أن / إن (indirect quotes).
    pub reports: bool,
    /// Takes reported speech with على (شدد على, أكد على).
    pub ala: bool,
}

use CueKind::*;
use Gender::*;

/// Reporting verbs by lemma: the past masculine, past feminine, present masculine, present
/// feminine, participle masculine, participle feminine, and plural forms (`-` when absent).
/// The flags: `r` takes أن/إن (indirect speech), `a` also takes على.
const VERBS: &[(&str, &str)] = &[
    ("قال قالت يقول تقول قايلا قايله قالوا يقولون قايلين", "r"),
    ("اضاف اضافت يضيف تضيف مضيفا مضيفه اضافوا يضيفون مضيفين", "r"),
    ("تابع تابعت يتابع تتابع متابعا - تابعوا - -", "r"),
    ("اوضح اوضحت يوضح توضح موضحا موضحه اوضحوا يوضحون موضحين", "r"),
    ("اكد اكدت يوكد توكد موكدا موكده اكدوا يوكدون موكدين", "ra"),
    ("اشار اشارت يشير تشير مشيرا مشيره اشاروا يشيرون مشيرين", "r"),
    ("اعلن اعلنت يعلن تعلن معلنا معلنه اعلنوا يعلنون -", "r"),
    ("لفت لفتت يلفت تلفت لافتا لافته لفتوا - -", "r"),
    ("صرح صرحت يصرح تصرح مصرحا مصرحه صرحوا - -", "r"),
    ("اعتبر اعتبرت يعتبر تعتبر معتبرا معتبره اعتبروا يعتبرون معتبرين", "r"),
    ("راي رات يري تري - - راوا يرون -", "r"),
    ("ذكر ذكرت - تذكر مذكرا مذكره ذكروا - -", "r"),
    ("كشف كشفت يكشف تكشف كاشفا كاشفه كشفوا - -", "r"),
    ("حذر حذرت يحذر تحذر محذرا محذره حذروا يحذرون -", "r"),
    ("شدد شددت يشدد تشدد مشددا مشدده شددوا - -", "ra"),
    ("اردف اردفت - - مردفا - - - -", "r"),
    ("ختم ختمت - - مختتما مختتمه - - -", "r"),
    ("استطرد استطردت - - - - - - -", "r"),
    ("زاد - - - - - - - -", ""),
    ("كتب كتبت يكتب تكتب - - كتبوا - -", "r"),
    ("غرد غردت يغرد تغرد مغردا مغرده غردوا - -", "r"),
    ("علق علقت يعلق تعلق معلقا معلقه - - -", "r"),
    ("نفي نفت ينفي تنفي نافيا نافيه نفوا - -", "r"),
    ("افاد افادت يفيد تفيد - - افادوا - -", "r"),
    ("اورد اوردت - - - - - - -", "r"),
    ("زعم زعمت يزعم تزعم زاعما - زعموا - -", "r"),
    ("اعترف اعترفت يعترف تعترف معترفا معترفه - - -", "r"),
    ("اقر اقرت يقر تقر مقرا - - - -", "r"),
    ("نوه نوهت - - منوها منوهه - - -", "r"),
    ("اوضح - - - - - - - -", "r"),
    ("اعرب اعربت يعرب تعرب معربا معربه اعربوا - -", ""),
    ("ردد رددت يردد تردد مرددا مردده - - -", "r"),
    ("رد ردت - - - - - - -", "r"),
    ("نادي نادت - - مناديا - - - -", ""),
    ("نبه نبهت - - منبها - - - -", "r"),
    ("جاء - - - - - - - -", ""),
    ("واصل واصلت يواصل تواصل مواصلا مواصله - - -", "r"),
    ("- - - - بالقول بقوله - - -", "r"),
    ("اجاب اجابت - - مجيبا مجيبه - - -", "r"),
    ("تساءل تساءلت - - متسايلا متسايله - - -", ""),
    ("تسايل تسايلت - - - - - - -", ""),
    ("وصف وصفت يصف تصف واصفا واصفه وصفوا - -", ""),
    ("اتهم اتهمت يتهم تتهم متهما متهمه - - -", ""),
    ("ندد نددت - - مندد - - - -", ""),
    ("توقع توقعت يتوقع تتوقع متوقعا متوقعه - - -", "r"),
    ("تعهد تعهدت - - متعهدا - - - -", ""),
    ("بين بينت - - مبينا مبينه - - -", "r"),
    ("ابلغ ابلغت - - - - - - -", "r"),
    ("اكد - - - - - - - -", "ra"),
    ("لاحظ لاحظت - - - - - - -", "r"),
    ("افصح افصحت - - - - - - -", "r"),
    ("اضاف - - - - - - - -", "r"),
    ("طالب طالبت يطالب تطالب مطالبا مطالبه - - -", ""),
    ("دعا دعت يدعو تدعو داعيا داعيه - - -", ""),
    ("حث حثت - - - - - - -", "a"),
    ("اصر اصرت يصر تصر - - - - -", "a"),
    ("شرح شرحت - - شارحا - - - -", "r"),
    ("اوضحت - - - - - - - -", "r"),
    ("ادعي ادعت - - مدعيا - - - -", "r"),
    ("نقل نقلت - - - - - - -", ""),
    ("اشاد اشادت - - مشيدا مشيده - - -", ""),
    ("انتقد انتقدت - - منتقدا منتقده - - -", ""),
    ("اعتقد - يعتقد تعتقد - - - - -", "r"),
    ("يري تري - - - - - - -", "r"),
    ("اكدت - - - - - - - -", "ra"),
    ("جزم جزمت - - جازما - - - -", "r"),
    ("قدر قدرت - - - - - - -", "r"),
    ("اخبر اخبرت - - - - - - -", "r"),
];

/// Source markers: the speaker is the noun phrase after them.
const SOURCES: &[&str] = &["بحسب", "حسب", "حسبما", "وفق", "وفقا", "طبقا", "نقلا", "لسان", "بحسبما", "وفقما"];

static CUES: OnceLock<FastMap<String, Cue>> = OnceLock::new();

fn cues() -> &'static FastMap<String, Cue> {
    CUES.get_or_init(|| {
        let mut m = FastMap::default();
        for (forms, flags) in VERBS {
            let reports = flags.contains('r');
            let ala = flags.contains('a');
            for (i, f) in forms.split(' ').enumerate() {
                if f == "-" {
                    continue;
                }
                let (kind, gender) = match i {
                    0 | 2 => (Verb, Masc),
                    1 | 3 => (Verb, Fem),
                    4 => (Participle, Masc),
                    5 => (Participle, Fem),
                    6 | 7 => (Verb, Plural),
                    _ => (Participle, Plural),
                };
                m.entry(normalize(f)).or_insert(Cue { kind, gender, reports, ala });
                // Plurals: قالوا, يقولون, قائلين.
                let plural = match i {
                    0 => Some(format!("{f}وا")),
                    2 => Some(format!("{f}ون")),
                    4 => f.strip_suffix('ا').map(|b| format!("{b}ين")),
                    _ => None,
                };
                if let Some(pl) = plural {
                    let k = if i == 4 { Participle } else { Verb };
                    m.entry(normalize(&pl)).or_insert(Cue { kind: k, gender: Plural, reports, ala });
                }
            }
        }
        for s in SOURCES {
            m.insert(s.to_string(), Cue { kind: Source, gender: Any, reports: false, ala: false });
        }
        m
    })
}

/// The cue a word is, with its conjunction و / ف (and future س) stripped.
pub fn cue(norm: &str) -> Option<Cue> {
    let c = cues();
    if let Some(&k) = c.get(norm) {
        return Some(k);
    }
    let mut s = norm;
    for p in ["و", "ف"] {
        if let Some(r) = s.strip_prefix(p) {
            if r.chars().count() >= 2 {
                s = r;
                if let Some(&k) = c.get(s) {
                    return Some(k);
                }
            }
            break;
        }
    }
    // An object pronoun on the verb: وصفته, اعتبرها, قالها (on the word with or without و/ف).
    for base in [norm, s] {
        for suf in ["ها", "هم", "ه"] {
            if let Some(r) = base.strip_suffix(suf) {
                if r.chars().count() >= 3 {
                    if let Some(&k) = c.get(r) {
                        if k.kind == Verb {
                            return Some(k);
                        }
                    }
                }
            }
        }
    }
    None
}

/// Complementizers that open reported speech; the number is how they attach (all are
/// written as one token: أن, إن, أنه, إنها, بأن, بأنه ...).
pub fn is_complementizer(norm: &str) -> bool {
    let s = norm.strip_prefix('و').unwrap_or(norm);
    let s = s.strip_prefix('ب').unwrap_or(s);
    matches!(
        s,
        "ان" | "انه" | "انها" | "انهم" | "انهما" | "انهن" | "اننا" | "انني" | "انا"
    )
}

/// Titles and roles that head a description of a person or body (the speaker's role).
const ROLE_HEADS: &[&str] = &[
    "رييس", "الرييس", "وزير", "الوزير", "وزيره", "الوزيره", "مدير", "المدير", "مديره", "المديره", "المتحدث", "متحدث",
    "الناطق", "ناطق", "المتحدثه", "الناطقه", "سفير", "السفير", "سفيره", "السفيره", "مندوب", "المندوب", "مندوبه",
    "الملك", "ملك", "الامير", "امير", "الاميره", "نايب", "النايب", "نايبه", "زعيم", "الزعيم", "قايد", "القايد",
    "مدرب", "المدرب", "محامي", "المحامي", "محاميه", "المحاميه", "الشيخ", "السيد", "السيده", "الدكتور", "الدكتوره", "د",
    "المستشار", "مستشار", "المستشاره", "الامين", "امين", "رييسه", "الرييسه", "عضو", "العضو", "مساعد", "المساعد",
    "الجنرال", "العقيد", "اللواء", "العميد", "الفريق", "المشير", "النقيب", "الرايد", "المقدم", "الفنان", "الفنانه",
    "المطرب", "المطربه", "النجم", "النجمه", "اللاعب", "اللاعبه", "الكاتب", "الكاتبه", "الروايي", "الشاعر", "المخرج",
    "الممثل", "الممثله", "البابا", "الحاكم", "حاكم", "محافظ", "المحافظ", "عمده", "العمده", "القاضي", "قاضي",
    "المدعي", "مفوض", "المفوض", "المبعوث", "مبعوث", "الحارس", "المهاجم", "المدافع", "قاده", "رييسي", "الاعلامي",
    "الاعلاميه", "الصحفي", "الصحفيه", "الصحافي", "الباحث", "الباحثه", "الخبير", "الخبيره", "البروفيسور", "الاستاذ",
    "الداعيه", "المغرد", "المغني", "المغنيه", "المنتج", "الملحن", "الامام", "المرشد", "المرشح", "المرشحه", "المتسابق",
    "المتسابقه", "الولي", "ولي", "العاهل", "رجل", "سيده", "نجم", "نجمه", "لاعب", "المذيع", "المذيعه", "النواب", "الحكم",
    "الكابتن", "القيادي", "قيادي", "الملياردير", "الناشط", "الناشطه",
];

/// Words that continue a role phrase without being a name (bodies, nationality, "the ... of").
const ROLE_CONT: &[&str] = &[
    "باسم", "لدي", "مجلس", "اداره", "هييه", "وزاره", "حركه", "حزب", "لجنه", "جمعيه", "منظمه", "اتحاد", "جامعه", "شركه",
    "بنك", "نادي", "منتخب", "فريق", "مكتب", "مركز", "قسم", "الشوون", "شوون", "العام", "العامه", "التنفيذي", "الفني",
    "الاعلي", "الاول", "السابق", "السابقه", "الحالي", "الاسبق", "الخارجيه", "الداخليه", "الدفاع", "الماليه", "الصحه",
    "هيئه", "دوله", "الدوله", "جهاز", "قوات", "القوات", "الجيش", "جيش", "الحكومه", "حكومه", "البرلمان", "برلمان", "وكاله",
    "صحيفه", "مجموعه", "مؤسسه", "موسسه", "مرصد", "المرصد", "الجمهوريه", "الوزراء", "رياسه", "الرياسه", "الامم", "المتحده",
    "قياده", "مستشفي", "مجله", "بلديه", "صندوق", "معهد", "سفاره", "قنصليه", "دايره", "مديريه", "مفوضيه", "وحدات",
    "كتايب", "محكمه", "شرطه", "نقابه", "رابطه", "اكاديميه", "تحرير", "مجموعه",
    "العهد", "للشوون", "لشوون", "الدولي", "الدوليه", "الوطني", "الوطنيه", "الاتحاد", "المجلس", "الحزب", "الحركه", "ادارة",
];

/// Heads of descriptions that stand for an unnamed speaker (مصدر أمني, تقارير, شهود عيان).
const DESCRIPTION_HEADS: &[&str] = &[
    "مصدر", "مصادر", "المصدر", "المصادر", "مسوول", "مسوولون", "مسوولين", "المسوول", "المسوولون", "تقارير", "تقرير",
    "التقرير", "التقارير", "شهود", "شاهد", "الشهود", "وسايل", "بيان", "البيان", "متحدث", "ناطق", "باحثون", "خبراء",
    "الخبراء", "ناشطون", "الناشطون", "المتظاهرون", "متظاهرون", "سكان", "السكان", "مراقبون", "المراقبون", "محللون",
    "المحللون", "دبلوماسي", "دبلوماسيون", "مسعفون", "عناصر", "نواب", "النواب", "مصدر", "الشرطه", "السلطات", "الحكومه",
    "الوكاله", "الصحيفه", "المنظمه", "الوزاره", "اللجنه", "الجيش", "الادعاء", "الدفاع", "الرياسه", "والده", "والدته",
    "والدها", "والدتها", "والد", "والده", "ابنه", "ابنته", "زوجته", "زوجها", "شقيقه", "شقيقته", "عايله", "العايله",
    "اسره", "الاسره", "الام", "الاب", "المخرجان", "المتحدث", "الناطق", "الاخيره", "الاخير", "كثيرا", "عدد", "بعض",
    "المحكمه", "محكمه", "القضاه", "النيابه", "الهييه", "الحزب", "الاتحاد", "المرصد", "البيت", "البنتاغون", "الكرملين",
    "الخارجيه", "الداخليه", "صحيفه", "وكاله", "موقع", "قناه", "شبكه", "مجله", "التلفزيون", "الاذاعه", "وزاره",
    "منظمه", "هييه", "لجنه", "مجلس", "الرييس", "النظام", "المعارضه", "الفصايل", "التحالف", "القوات", "قوات", "الحوثيون",
];

/// Words that end a speaker phrase: prepositions, complementizers, time words, conjunctions.
const STOPS: &[&str] = &[
    "ان", "انه", "انها", "انهم", "بان", "بانه", "بانها", "انني", "اننا", "في", "فى", "خلال", "امام", "عن", "علي", "الي",
    "من", "مع", "لدي", "قبل", "بعد", "عند", "منذ", "حول", "ضد", "عبر", "اليوم", "امس", "غدا", "الاثنين", "الثلاثاء",
    "الاربعاء", "الخميس", "الجمعه", "السبت", "الاحد", "صباح", "مساء", "ايضا", "كذلك", "بدوره", "بدورها", "حيث", "كما",
    "لكن", "ولكن", "الذي", "التي", "الذين", "وهو", "وهي", "هو", "هي", "ما", "لا", "لم", "لن", "قد", "وقد", "ثم", "او",
    "و", "ف", "لقد", "فقد", "ولقد", "انذاك", "حينها", "تعليقا", "ردا", "قبيل", "عقب", "اثناء", "لوسايل", "للصحفيين", "للصحافيين",
    "لوكاله", "لصحيفه", "لقناه", "لموقع", "لشبكه", "لمجله", "لتلفزيون", "للتلفزيون", "لاذاعه", "للاذاعه", "لبي", "ل",
    "مؤخرا", "موخرا", "سابقا", "لاحقا", "الاسبوع", "الشهر", "العام", "يوم", "ليل", "الليله", "قوله", "قولها", "تصريح", "تصريحات",
    "مقابله", "موتمر", "كلمه", "تغريده", "حسابه", "حسابها", "صفحته", "مضيفا", "قايلا", "بقوله", "بالقول", "نفسه",
    "نفسها", "صراحه", "مره", "اخري", "كان", "كانت", "يكون", "تكون", "مازحا", "ضاحكا", "مبتسما", "باكيا", "مازحه", "ضاحكه", "مبتسمه", "غاضبا", "معلقا", "مجددا", "مرارا", "بشكل", "الان", "هذا", "هذه", "ذلك", "تلك", "انذاك", "لها", "له", "لهم", "بها",
    "به", "فيه", "فيها", "عليه", "عليها", "منه", "منها", "اذ", "اذا", "لان", "لانه", "بل", "الا", "غير", "جدا",
];

/// Nouns that introduce a title in quotation marks (a show, song, book, slogan): whatever
/// its length, the content is not speech.
const TITLES: &[&str] = &[
    "برنامج", "مسلسل", "فيلم", "روايه", "اغنيه", "البوم", "كتاب", "شعار", "عنوان", "بعنوان", "مسرحيه", "قصيده",
    "ديوان", "هاشتاغ", "هاشتاج", "وسم", "زر", "خيار", "خيارات", "رابط", "تبويب", "اسم", "لقب", "يسمي", "تسمي",
    "المسمي", "المسماه", "الملقب", "الملقبه", "سمي", "سميت", "انقر", "المعروف", "المعروفه", "المعروفين",
    "المعروفون", "يعرف", "تعرف", "يدعي", "تدعي", "المدعو", "المدعوه", "عرف", "عرفت", "يلقب", "تلقب", "اضغط", "حملة", "حمله", "مبادره", "موسم", "شعارات", "هتافات", "هتاف",
];

/// Nouns that name what follows in quotation marks (a title, brand or label, not speech).
const NAMING: &[&str] = &[
    "مع", "صفوف", "لصفوف", "بقيمه", "رمز", "رموز", "مسيره", "ضمن", "محطه", "خارطه", "راديو", "اذاعه", "محافظه", "عاصمه", "ولايه", "اقليم", "منطقه", "مثل", "منصتها", "منصته", "موسسه",
    "موقع", "برنامج", "شركه", "تطبيق", "وكاله", "صحيفه", "قناه", "مسلسل", "فيلم", "الفيلم", "المسلسل", "رواية", "روايه",
    "الروايه", "اغنيه", "اغنيتها", "اغنيته", "الاغنيه", "البوم", "الالبوم", "كتاب", "الكتاب", "كتابه", "اسم", "باسم",
    "حساب", "تنظيم", "التنظيم", "حزب", "مجموعه", "فرقه", "مجله", "دوريه", "هاتف", "نظام", "منتدي", "مبادره", "حمله",
    "شعار", "لقب", "مرحله", "عمليه", "هاشتاغ", "هاشتاج", "وسم", "ميدان", "ملعب", "عنوان", "بعنوان", "مهرجان", "جايزه",
    "مشروع", "بطوله", "منصه", "خدمه", "رابط", "خيار", "خيارات", "زر", "قسم", "تبويب", "مسرحيه", "المسرحيه", "عرض",
    "سلسله", "مقال", "مقاله", "قصيده", "ديوان", "لعبه", "جماعه", "حركه", "ميليشيا", "ميليشيات", "كتيبه", "لواء",
    "فصيل", "ائتلاف", "تحالف", "جبهه", "منظمه", "مركز", "مستشفي", "مطعم", "فندق", "سفينه", "طايره", "صاروخ",
    "منظومه", "طراز", "ماركه", "علامه", "نسخه", "تحديث", "اصدار", "جهاز", "سياره", "مدينه", "قريه", "حي", "شارع",
    "مسجد", "كنيسه", "نادي", "فريق", "منتخب", "تطبيقات", "مواقع", "شبكه", "الشبكه", "منصات", "برامج", "البرنامج",
    "صفحه", "مدونه", "بودكاست", "موسم", "الموسم", "دوره", "نسخته", "بعنوانها", "يسمي", "تسمي", "المسمي", "المسماه",
    "المعروف", "المعروفه", "المعروفين", "يعرف", "تعرف", "يدعي", "تدعي", "المدعو", "المدعوه", "الملقب", "الملقبه",
    "لقبه", "عمله", "فيلمه", "فيلمها", "مسلسله", "مسلسلها", "روايتها", "روايته", "كتابها", "البومه", "البومها",
    "اغاني", "اغانيه", "قصه", "الدوري", "كاس", "سلاح", "عمليه", "دار", "معرض", "متحف", "جامعه", "مدرسه", "مجمع",
];

type Set = FastSet<String>;

fn set_of(lists: &[&[&str]]) -> Set {
    lists.iter().flat_map(|l| l.iter()).map(|w| normalize(w)).collect()
}

static SETS: OnceLock<[Set; 4]> = OnceLock::new();

fn sets() -> &'static [Set; 4] {
    SETS.get_or_init(|| {
        [set_of(&[ROLE_HEADS]), set_of(&[ROLE_CONT]), set_of(&[DESCRIPTION_HEADS]), set_of(&[STOPS, NAMING_STOPS])]
    })
}

/// Extra stop words for speaker phrases that are also in other lists.
const NAMING_STOPS: &[&str] = &["قايله", "مضيفه", "مشيرا", "مشيره", "موكدا", "موكده", "لافتا", "موضحا"];

static NAMING_SET: OnceLock<Set> = OnceLock::new();
static TITLE_SET: OnceLock<Set> = OnceLock::new();

/// A noun that introduces a title in marks (برنامج "ذا فويس", أغنية "...").
pub fn is_title_noun(n: &str) -> bool {
    let s = TITLE_SET.get_or_init(|| set_of(&[TITLES]));
    in_set(s, n)
}

pub fn is_role_head(n: &str) -> bool {
    sets()[0].contains(n) || sets()[0].contains(strip_conj(n))
}
pub fn is_role_cont(n: &str) -> bool {
    sets()[1].contains(n)
}
pub fn is_description_head(n: &str) -> bool {
    sets()[2].contains(n) || sets()[2].contains(strip_conj(n))
}
pub fn is_stop(n: &str) -> bool {
    sets()[3].contains(n)
}
/// A noun that names what follows in marks (موقع "تويتر", برنامج "ذا فويس"); proclitics stripped.
pub fn is_naming(n: &str) -> bool {
    let s = NAMING_SET.get_or_init(|| set_of(&[NAMING, TITLES]));
    in_set(s, n)
}

fn in_set(s: &Set, n: &str) -> bool {
    if s.contains(n) {
        return true;
    }
    for p in ["و", "ب", "ل", "ف", "وب", "ول", "لل", "ال"] {
        if let Some(r) = n.strip_prefix(p) {
            if r.chars().count() >= 2 && (s.contains(r) || s.contains(&format!("ال{r}"))) {
                return true;
            }
        }
    }
    // A possessive suffix: منصتها, أغنيته.
    for suf in ["ها", "ه", "هم"] {
        if let Some(r) = n.strip_suffix(suf) {
            let r = r.strip_prefix("ال").unwrap_or(r);
            let fem = r.strip_suffix('ت').map(|b| format!("{b}ه"));
            if r.chars().count() >= 2 && (s.contains(r) || fem.is_some_and(|f| s.contains(&f))) {
                return true;
            }
        }
    }
    false
}

fn strip_conj(n: &str) -> &str {
    match n.strip_prefix('و') {
        Some(r) if r.chars().count() >= 2 => r,
        _ => n,
    }
}

/// "On his part" phrases: من جهته, من جانبه (and feminine / plural forms).
pub fn is_on_his_part(n: &str) -> Option<Gender> {
    match n {
        "جهته" | "جانبه" => Some(Masc),
        "جهتها" | "جانبها" => Some(Fem),
        "جهتهم" | "جانبهم" => Some(Plural),
        _ => None,
    }
}

/// Words of a noun that agree in the feminine (organizations, countries, feminine titles).
pub fn looks_feminine(n: &str) -> bool {
    n.ends_with('ه') || n.ends_with("ات")
}

/// Documents whose author speaks through them (جاء في تقرير المنظمة, ملخص بيان الوزارة).
pub fn is_document(n: &str) -> bool {
    matches!(n, "ملخص" | "تقرير" | "بيان" | "نص" | "رساله" | "كلمه" | "تغريده" | "مقال" | "منشور" | "خطاب" | "تصريح" | "وثيقه" | "مذكره" | "تقريرها" | "بيانها" | "بيانه" | "تقريره")
}
