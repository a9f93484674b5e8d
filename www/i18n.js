// Interface strings in Arabic (default) and English. The direction of the interface follows its
// language; the analyzed article is always Arabic and right to left.

export const STRINGS = {
  ar: {
    title: "مرصد",
    tagline: "من ذُكر في النص، ومن قال ماذا — في متصفحك، دون خادم",
    skip: "انتقل إلى النص المحلَّل",
    langSwitch: "English",
    langSwitchLabel: "Switch the interface to English",
    inputHeading: "النص",
    inputLabel: "الصق نصًّا عربيًّا أو اكتبه، أو أسقط هنا ملفًّا نصيًّا",
    placeholder: "الصق مقالًا عربيًّا هنا…",
    openFile: "افتح ملفًّا…",
    analyzeNow: "حلّل الآن",
    clear: "امسح",
    examples: "أمثلة",
    examplesNote: "الأمثلة: مقال من وكالة سانا، وثلاثة مقالات من مدوّنة ANT (رخصة Apache-2.0):",
    sources: "المصادر والتراخيص",
    outputHeading: "النص المحلَّل",
    outputEmpty: "سيظهر النص هنا مع تمييز الأسماء والأقوال. الصق مقالًا، أو جرّب أحد الأمثلة.",
    legend: "المفتاح",
    PER: "شخص",
    LOC: "مكان",
    ORG: "منظمة",
    MISC: "أخرى",
    DATE: "تاريخ",
    TIME: "وقت",
    MONEY: "مبلغ",
    PERCENT: "نسبة",
    QUANTITY: "عدد",
    EXPR: "تواريخ وأعداد",
    panelEXPR: "تواريخ وأعداد",
    value: "القيمة",
    needsDate: "حدّد تاريخ المستند لحسابه",
    docDate: "تاريخ المستند",
    docDateNote: "اختياري: تُحسب منه التواريخ النسبية (اليوم، الشهر الماضي).",
    direct: "قول مباشر",
    indirect: "قول غير مباشر",
    headline: "عنوان منسوب",
    cue: "فعل القول",
    panelsHeading: "الأسماء والأقوال",
    panelPER: "الأشخاص",
    panelLOC: "الأماكن",
    panelORG: "المنظمات",
    panelMISC: "أخرى",
    panelQuotes: "الأقوال حسب القائل",
    none: "لا شيء",
    unknownSpeaker: "قائل غير معروف",
    mentions: (n) => (n === 1 ? "مرة واحدة" : n === 2 ? "مرتان" : n >= 3 && n <= 10 ? `${n} مرات` : `${n} مرة`),
    quotesCount: (n) => (n === 1 ? "قول واحد" : n === 2 ? "قولان" : n <= 10 ? `${n} أقوال` : `${n} قولًا`),
    prev: "السابق",
    next: "التالي",
    clearSelection: "ألغِ التحديد",
    exportHeading: "تصدير",
    exportFormat: "الصيغة",
    fmtJson: "النتيجة JSON",
    fmtEntitiesCsv: "الأسماء CSV",
    fmtQuotesCsv: "الأقوال CSV",
    fmtHtml: "نسخة HTML موسومة",
    download: "نزّل",
    copy: "انسخ",
    copied: "نُسخ إلى الحافظة",
    copyFailed: "تعذّر النسخ إلى الحافظة",
    downloaded: "نُزّل الملف",
    nothingToExport: "لا توجد نتيجة بعد",
    loading: "يجري تحميل المحلِّل…",
    analyzing: "يجري التحليل…",
    rendering: "يجري العرض…",
    ready: "جاهز",
    resultSummary: (e, q, ms, x = 0) => `الأسماء: ${e} · الأقوال: ${q}${x ? ` · تواريخ وأعداد: ${x}` : ""} · ${ms} مللي ثانية`,
    workerFailed: (m) => `تعطّل المحلِّل: ${m}. سيُعاد تشغيله عند الإدخال التالي.`,
    timeout: "استغرق التحليل وقتًا طويلًا فأوقفناه. سيُعاد تشغيله عند الإدخال التالي.",
    fileError: "تعذّرت قراءة الملف",
    role: "الصفة",
    canonical: "الاسم",
    latin: "بالحروف اللاتينية",
    speaker: "القائل",
    type: "النوع",
    shortcuts: "اختصارات: Ctrl+Enter للتحليل الآن؛ في النص: الأسهم للتنقّل بين التمييزات، Enter لتحديد الاسم، Esc لإلغاء التحديد.",
    footer: "يعمل كله في متصفحك: لا يغادر النصُّ جهازك.",
  },
  en: {
    title: "marsad",
    tagline: "Who is mentioned and who said what — in your browser, no server",
    skip: "Skip to the analyzed text",
    langSwitch: "العربية",
    langSwitchLabel: "حوّل الواجهة إلى العربية",
    inputHeading: "Text",
    inputLabel: "Paste or type Arabic text, or drop a .txt file here",
    placeholder: "Paste an Arabic article here…",
    openFile: "Open a file…",
    analyzeNow: "Analyze now",
    clear: "Clear",
    examples: "Examples",
    examplesNote: "Examples: an article from SANA, and three from the ANT corpus (Apache-2.0):",
    sources: "Sources and licenses",
    outputHeading: "Analyzed text",
    outputEmpty: "The text appears here with names and quotes highlighted. Paste an article, or try one of the examples.",
    legend: "Legend",
    PER: "Person",
    LOC: "Place",
    ORG: "Organization",
    MISC: "Other",
    DATE: "Date",
    TIME: "Time",
    MONEY: "Amount",
    PERCENT: "Percentage",
    QUANTITY: "Quantity",
    EXPR: "Dates & numbers",
    panelEXPR: "Dates & numbers",
    value: "Value",
    needsDate: "set the document date to resolve it",
    docDate: "Document date",
    docDateNote: "Optional: relative dates (today, last month) are resolved from it.",
    direct: "Direct quote",
    indirect: "Indirect quote",
    headline: "Attributed headline",
    cue: "Speech verb",
    panelsHeading: "Names and quotes",
    panelPER: "People",
    panelLOC: "Places",
    panelORG: "Organizations",
    panelMISC: "Other",
    panelQuotes: "Quotes by speaker",
    none: "None",
    unknownSpeaker: "Unknown speaker",
    mentions: (n) => (n === 1 ? "1 mention" : `${n} mentions`),
    quotesCount: (n) => (n === 1 ? "1 quote" : `${n} quotes`),
    prev: "Previous",
    next: "Next",
    clearSelection: "Clear selection",
    exportHeading: "Export",
    exportFormat: "Format",
    fmtJson: "Result JSON",
    fmtEntitiesCsv: "Entities CSV",
    fmtQuotesCsv: "Quotes CSV",
    fmtHtml: "Annotated HTML copy",
    download: "Download",
    copy: "Copy",
    copied: "Copied to the clipboard",
    copyFailed: "Could not copy to the clipboard",
    downloaded: "File downloaded",
    nothingToExport: "No result yet",
    loading: "Loading the analyzer…",
    analyzing: "Analyzing…",
    rendering: "Rendering…",
    ready: "Ready",
    resultSummary: (e, q, ms, x = 0) => `names: ${e} · quotes: ${q}${x ? ` · dates & numbers: ${x}` : ""} · ${ms} ms`,
    workerFailed: (m) => `The analyzer failed: ${m}. It restarts on the next input.`,
    timeout: "The analysis took too long and was stopped. It restarts on the next input.",
    fileError: "Could not read the file",
    role: "Role",
    canonical: "Name",
    latin: "In Latin script",
    speaker: "Speaker",
    type: "Type",
    shortcuts: "Shortcuts: Ctrl+Enter analyzes now; in the text: arrow keys move between highlights, Enter selects a name, Esc clears the selection.",
    footer: "Everything runs in your browser: the text never leaves your device.",
  },
};

let current = "ar";

export function lang() {
  return current;
}

/** The string for `key` in the current language (functions are called with `args`). */
export function t(key, ...args) {
  const v = STRINGS[current][key] ?? STRINGS.ar[key] ?? key;
  return typeof v === "function" ? v(...args) : v;
}

/**
 * Switches the interface language: `<html lang dir>`, every `[data-i18n]` element's text and
 * every `[data-i18n-attr="attr:key;attr:key"]` attribute.
 */
export function setLang(code, root = document) {
  current = STRINGS[code] ? code : "ar";
  const html = root.documentElement;
  html.lang = current;
  html.dir = current === "ar" ? "rtl" : "ltr";
  for (const el of root.querySelectorAll("[data-i18n]")) el.textContent = t(el.dataset.i18n);
  for (const el of root.querySelectorAll("[data-i18n-attr]")) {
    for (const pair of el.dataset.i18nAttr.split(";")) {
      const [attr, key] = pair.split(":");
      if (attr && key) el.setAttribute(attr.trim(), t(key.trim()));
    }
  }
  root.title = current === "ar" ? "مرصد — marsad" : "marsad — مرصد";
  // The switch speaks the other language.
  for (const el of root.querySelectorAll("[data-lang-switch]")) el.lang = current === "ar" ? "en" : "ar";
  return current;
}
