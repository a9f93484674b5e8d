//! Speaker candidates: the noun phrases around a cue that can be its speaker. The subject
//! after a cue ([`np_after`]: a role skipped to the name, a mention, a bare name, or a
//! description), the subject before it ([`subject_before`], [`plural_before`]), the nearest
//! person mentioned before it ([`mention_before`], [`person_at`]), and the shapes of names,
//! roles and descriptions these are built from ([`name_run`], [`skip_role`], [`trim_role`],
//! [`description`]).

use super::{spk_from_mention, spk_from_tokens, Spk};
use super::super::{Ctx, NONE};
use crate::ner::tags::Label;
use crate::text::{normalize, TokKind};
use crate::vocab::{self, Gender};
use std::ops::Range;

const NAME_LINKS: &[&str] = &["عبد", "ابو", "بن", "ابن", "بنت", "ام", "ذو", "اب", "عبدال", "دو", "دي", "فان", "فون", "لو", "ال"];

/// The end (exclusive) of a person's name starting at `from`, by the shape of its words: a
/// word with the article continues a name after عبد/أبو/بن, as a nisba (المصري), or as the
/// last word before the phrase ends (نعمة الصباغ،).
pub(super) fn name_run(ctx: &Ctx, from: usize, limit: usize) -> usize {
    name_run_from(ctx, from, limit, false)
}

/// The end of the words continuing a name that ends just before `from` (محمد | الدراجي).
fn name_continues(ctx: &Ctx, from: usize, limit: usize) -> usize {
    name_run_from(ctx, from, limit.min(from + 4), true)
}

fn name_run_from(ctx: &Ctx, from: usize, limit: usize, continuing: bool) -> usize {
    let boundary = |k: usize| {
        k >= limit
            || !ctx.toks[k].is_word()
            || ctx.toks[k].line_start
            || vocab::is_stop(ctx.norm(k))
            || vocab::is_complementizer(ctx.norm(k))
            || ctx.cues[k].is_some()
            || vocab::is_role_head(ctx.norm(k))
    };
    let mut k = from;
    while k < limit && k - from < 5 {
        if boundary(k) {
            break;
        }
        let n = ctx.norm(k);
        if ctx.toks[k].kind == TokKind::Arabic && n.chars().count() <= 1 {
            break;
        }
        // A verb or noun with an object pronoun (أجرته, نشرتها), or a preposition on a verbal
        // noun (باستخدام, بتخفيض, للتسبب), does not continue a name.
        if k > from && (n.ends_with("ته") || n.ends_with("تها") || ["بت", "باست", "لاست"].iter().any(|p| n.starts_with(p))) {
            break;
        }
        if n.starts_with("ال") {
            if k == from && !continuing {
                break;
            }
            if k == 0 {
                break;
            }
            let prev = ctx.norm(k - 1);
            let linked = NAME_LINKS.contains(&prev);
            let nisba = n.ends_with('ي') && n.chars().count() >= 5;
            if !(linked || nisba || boundary(k + 1)) {
                break;
            }
        }
        if (k > from || continuing) && matches!(ctx.mention_label(k), Some(Label::LOC | Label::ORG)) && !NAME_LINKS.contains(&n) {
            break;
        }
        k += 1;
    }
    k
}

/// The token after the mention covering token `k` (k + 1 when none does), at most `limit`.
fn past_mention(ctx: &Ctx, k: usize, limit: usize) -> usize {
    let m = ctx.mention_of[k];
    let mut r = k + 1;
    while m != NONE && r < limit && ctx.mention_of[r] == m {
        r += 1;
    }
    r
}

/// Skips a role phrase starting at `j` (وزير الخارجية الروسي, المتحدث باسم الكرملين,
/// المدير العام لشبكة الجزيرة،): the index of the first token after it.
pub(super) fn skip_role(ctx: &Ctx, j: usize, e: usize) -> usize {
    let mut k = j + 1;
    // An indefinite head (رئيس, وزير, سفير) is followed by its genitive: رئيس بلدية كلكتا.
    if !ctx.norm(j).starts_with("ال") && k < e && ctx.toks[k].is_word() {
        k = past_mention(ctx, k, e);
    }
    while k < e {
        let nrm = ctx.norm(k);
        if matches!(nrm, "باسم" | "لدي" | "في" | "عن") {
            // The represented body or person belongs to the role.
            k += 1;
            if k < e {
                k = past_mention(ctx, k, e);
            }
            continue;
        }
        let is_role = ctx.toks[k].is_punct(",")
            || vocab::is_role_cont(nrm)
            || vocab::is_role_head(nrm)
            || nrm.starts_with("ال")
            || (nrm.starts_with('ل') && (nrm.chars().count() > 4 || k + 1 < e && ctx.norm(k + 1).starts_with("ال")) && ctx.toks[k].kind == TokKind::Arabic && !ctx.toks[k - 1].is_punct(","))
            || matches!(ctx.mention_label(k), Some(Label::ORG | Label::LOC));
        if !is_role {
            break;
        }
        k += 1;
    }
    k
}

/// The subject noun phrase starting at token `j` (before `limit`): a name, a mention, or a
/// description.
pub(super) fn np_after(ctx: &Ctx, j: usize, limit: usize, gender: Gender) -> Option<Spk> {
    let n = ctx.toks.len();
    let limit = limit.min(n);
    if j >= limit || !ctx.toks[j].is_word() {
        return None;
    }
    if ctx.toks[j].kind == TokKind::Arabic && ctx.norm(j).chars().count() <= 1 {
        return None; // a bare proclitic (بـ"...")
    }
    if matches!(ctx.norm(j), "كان" | "وكان" | "كانت" | "وكانت" | "مضي" | "ومضي" | "لكنه" | "ولكنه" | "لكنها" | "ولكنها") {
        return None; // an auxiliary or a pronoun on لكن: no written subject
    }
    if ctx.mention_of[j] == NONE && ["بال", "لل"].iter().any(|p| ctx.norm(j).starts_with(p)) && ctx.norm(j).chars().count() > 4 {
        return None; // a preposition or conjunction on a noun (أقر بالذنب) is no subject
    }
    // The phrase: words up to a stop, a cue, punctuation (commas allowed around a role).
    let mut e = j;
    let mut commas = 0;
    let mut role_only = vocab::is_role_head(ctx.norm(j));
    while e < limit && e - j < 12 {
        let t = &ctx.toks[e];
        if e > j && t.line_start {
            break;
        }
        let m = ctx.mention_of[e];
        if t.is_word() {
            let nrm = t.norm.as_str();
            let inside_mention = m != NONE && ctx.mentions[m].span.start < t.start;
            let next_def = e + 1 < limit && (ctx.norm(e + 1).starts_with("ال") || ctx.mention_of[e + 1] != NONE);
            let role_gen = role_only && e > j && nrm.starts_with('ل') && nrm.chars().count() > 4 && (!vocab::is_stop(nrm) || next_def);
            let role_word = role_only && e > j && vocab::is_role_cont(nrm);
            if !inside_mention && !role_gen && !role_word && (vocab::is_stop(nrm) || vocab::is_complementizer(nrm) || (e > j && ctx.cues[e].is_some())) {
                let next_def = e + 1 < limit && (ctx.norm(e + 1).starts_with("ال") || ctx.mention_of[e + 1] != NONE);
                let inner = e > j && role_only && (nrm == "باسم" || (matches!(nrm, "لدي" | "في" | "عن") && next_def));
                if !inner {
                    break;
                }
            }
            let role_prep = e > j && matches!(nrm, "باسم" | "لدي" | "في" | "عن");
            if !(vocab::is_role_head(nrm) || vocab::is_role_cont(nrm) || nrm.starts_with("ال") || role_gen || role_prep || matches!(ctx.mention_label(e), Some(Label::ORG | Label::LOC))) {
                role_only = false;
            }
            e += 1;
        } else if t.is_punct("#") && e > j && e + 1 < limit && ctx.toks[e + 1].is_word() && !ctx.toks[e + 1].line_start {
            e += 1; // a name written as a hashtag (رئيس الحكومة اللبنانية #سعد_الحريري)
        } else if t.is_punct(",") && commas < 2 && e > j && e + 1 < limit && ctx.toks[e + 1].is_word() && (role_only || commas == 1) {
            commas += 1;
            e += 1;
        } else {
            break;
        }
    }
    while e > j && !ctx.toks[e - 1].is_word() {
        e -= 1;
    }
    if e == j {
        return None;
    }
    let first = ctx.norm(j);
    // 1. Title and role, then the name (the recognizer's, or by the shape of the words).
    if vocab::is_role_head(first) {
        let mut k = skip_role(ctx, j, e);
        if k + 1 < e && ctx.toks[k].is_punct("#") {
            k += 1;
        }
        if k < e {
            if ctx.mention_label(k) == Some(Label::PER) {
                let mut s = extended_mention(ctx, k, e, gender);
                s.role = trim_role(ctx, j, k);
                return Some(s);
            }
            let r = name_run(ctx, k, e);
            if r > k && name_ends(ctx, r, e) && name_like(ctx, k) {
                let mut s = spk_from_tokens(ctx, k..r, true, gender);
                s.role = trim_role(ctx, j, k);
                return Some(s);
            }
            // No name after the role (محامي رمضان مرة أخرى ...): the role itself.
            return Some(role_name_ahead(ctx, e, gender).unwrap_or_else(|| description(ctx, j, k, gender)));
        }
        return Some(role_name_ahead(ctx, e, gender).unwrap_or_else(|| description(ctx, j, e, gender)));
    }
    // 2. A person, organization or place the recognizer found at the start.
    match ctx.mention_label(j) {
        Some(Label::PER) => return Some(extended_mention(ctx, j, e, gender)),
        Some(Label::LOC) if j + 1 < e && ctx.mention_of[j + 1] != ctx.mention_of[j] && ctx.mention_of[j + 1] == NONE && name_run(ctx, j + 1, e) > j + 1 && !ctx.norm(j + 1).starts_with("ال") => {
            // A one-word "place" followed by a name: the recognizer cut a person's name (دو فيلييه).
            let r = name_run(ctx, j + 1, e);
            return Some(spk_from_tokens(ctx, j..r, true, gender));
        }
        Some(Label::ORG | Label::LOC) => return Some(spk_from_mention(ctx, ctx.mention_of[j], gender)),
        _ => {}
    }
    // 3. A bare name (وقال بوحجة ...), or a description (مصدر أمني, المتظاهرون, قيادة الدفاع).
    if !vocab::is_description_head(first) && !vocab::is_role_cont(first) && !first.starts_with("ال") && ctx.toks[j].kind == TokKind::Arabic {
        let r = name_run(ctx, j, e);
        if r > j && (name_ends(ctx, r, e) || ctx.person[j] != NONE) {
            return Some(spk_from_tokens(ctx, j..r, true, gender));
        }
    }
    if let Some(k) = (j..e).find(|&k| matches!(ctx.mention_label(k), Some(Label::PER))) {
        if k == j + 1 && vocab::is_description_head(first) && !first.starts_with("ال") {
            // An indefinite head with the person as its genitive (عائلة أبوالفتوح, والد
            // الطفل): the speaker is the head's referent, not the person.
            return Some(spk_from_tokens(ctx, j..past_mention(ctx, k, e), false, gender));
        }
        return Some(spk_from_mention(ctx, ctx.mention_of[k], gender));
    }
    if let Some(k) = (j..e).find(|&k| matches!(ctx.mention_label(k), Some(Label::ORG))) {
        if k <= j + 2 {
            return Some(spk_from_mention(ctx, ctx.mention_of[k], gender));
        }
    }
    Some(description(ctx, j, e, gender))
}

/// The name that ends a role phrase longer than the phrase's words (المحلل في شؤون كوريا
/// الشمالية، روبرت كيلي; رئيسة هذه الجمعية إليز بوغوسيان): a person the recognizer found within
/// a few words after `e`, with no cue, complementizer, quote, break or preposition of another
/// party (مع, عن, إلى, على, ل...) between.
fn role_name_ahead(ctx: &Ctx, e: usize, gender: Gender) -> Option<Spk> {
    let n = ctx.toks.len();
    let mut k = e;
    while k < n && k < e + 8 {
        let t = &ctx.toks[k];
        if (k > e && t.line_start) || ctx.is_break(k) || ctx.is_mark(k) || ctx.quoted[k] || ctx.cues[k].is_some() {
            return None;
        }
        if ctx.mention_label(k) == Some(Label::PER) {
            return Some(extended_mention(ctx, k, n.min(k + 8), gender));
        }
        if t.kind == TokKind::Arabic {
            let w = ctx.norm(k);
            if vocab::is_complementizer(w) || matches!(w, "مع" | "عن" | "الي" | "علي" | "نظيره" | "نظيرته") || (w.starts_with('ل') && !w.starts_with("ال")) || ctx.mention_of[k] == NONE && vocab::cue(w).is_some() {
                return None;
            }
        } else if !t.is_punct(",") {
            return None;
        }
        k += 1;
    }
    None
}

/// The person mention at token `k`, extended over name words the recognizer cut off
/// (محمد | الدراجي, سعود | بن عبد الله المعجب).
fn extended_mention(ctx: &Ctx, k: usize, e: usize, gender: Gender) -> Spk {
    let m = ctx.mention_of[k];
    let mut s = spk_from_mention(ctx, m, gender);
    let after = past_mention(ctx, k, ctx.toks.len());
    if after < e && (ctx.mention_of[after] == NONE || NAME_LINKS.contains(&ctx.norm(after)) || ctx.mention_label(after) == Some(Label::PER)) {
        let r = name_continues(ctx, after, e);
        if r > after {
            s.span.end = ctx.toks[r - 1].end;
            s.key = normalize(&ctx.src[s.span.clone()]);
        }
    }
    s
}

/// Whether the word at `k`, after a role, may start a name the recognizer missed: a name part
/// of the gazetteers, a word the text uses as a person's, or Latin letters (not the object or
/// verbal noun of وواصل الرئيس توجيه اللوم, وطالب الرئيس بتوقيع ...).
fn name_like(ctx: &Ctx, k: usize) -> bool {
    use crate::ner::model::{F_FOREIGN_NAME, F_GIVEN, F_NAMEPART, F_SURNAME};
    if ctx.person[k] != NONE || ctx.toks[k].kind == TokKind::Latin {
        return true;
    }
    let lex = &crate::ner::model().lex;
    let w = ctx.norm(k);
    // Seen as a name part, or after titles in the news; an unknown word may be a name too.
    lex.get(w).map_or(true, |info| info.flags & (F_GIVEN | F_SURNAME | F_NAMEPART | F_FOREIGN_NAME) != 0 || info.pctx & 3 != 0)
}

/// Whether a name run ending at `r` (before `e`) ends where a name can end: at the end of
/// the phrase, before punctuation, an article word, a mention, a stop word, a role, or a
/// preposition.
fn name_ends(ctx: &Ctx, r: usize, e: usize) -> bool {
    r >= e
        || r >= ctx.toks.len()
        || !ctx.toks[r].is_word()
        || ctx.norm(r).starts_with("ال")
        || ctx.mention_of[r] != NONE
        || vocab::is_stop(ctx.norm(r))
        || vocab::is_role_head(ctx.norm(r))
        || ctx.norm(r).starts_with('ل')
        || ctx.norm(r).starts_with('ب')
}

/// The role phrase `j..k` without trailing commas, as a byte range.
pub(super) fn trim_role(ctx: &Ctx, j: usize, mut k: usize) -> Option<Range<usize>> {
    while k > j && !ctx.toks[k - 1].is_word() {
        k -= 1;
    }
    (k > j).then(|| ctx.toks[j].start..ctx.toks[k - 1].end)
}

/// A description: the phrase up to its first comma, at most five words, with the complement
/// that follows it (see [`complement`]).
pub(super) fn description(ctx: &Ctx, j: usize, e: usize, gender: Gender) -> Spk {
    let mut k = j;
    while k < e && k - j < 5 && ctx.toks[k].is_word() {
        k += 1;
    }
    if k == e && k > j {
        k = complement(ctx, k);
    }
    // Not a preposition the five words cut from its object (متحدثان باسم الفصائل المعارضة في).
    while k > j + 1 && k < e && joins_complement(ctx.norm(k - 1)) {
        k -= 1;
    }
    spk_from_tokens(ctx, j..k.max(j + 1), false, gender)
}

/// Where a description ending at `k` really ends: over the definite words or the name that
/// qualify it (مسؤولو | الخطوط الجوية, الجيش | التركي), and over a preposition with such a
/// phrase (مسؤول رفيع | في الرئاسة الكورية الجنوبية, شخص بالنيابة | عن العائلة, المحللون | في
/// ليبروم كابيتال); at most six words more, never over a cue, a quote, a person or a line end.
fn complement(ctx: &Ctx, k: usize) -> usize {
    let n = ctx.toks.len();
    let np_word = |i: usize| {
        i < n
            && ctx.toks[i].is_word()
            && !ctx.toks[i].line_start
            && ctx.cues[i].is_none()
            && !ctx.quoted[i]
            && !vocab::is_complementizer(ctx.norm(i))
            && ctx.mention_label(i) != Some(Label::PER)
            && (ctx.mention_of[i] != NONE || (ctx.norm(i).starts_with("ال") && !vocab::is_stop(ctx.norm(i))))
    };
    let mut e = k;
    // An organization's name in marks after its kind (صحيفة "ماركا" الإسبانية).
    if e < n && ctx.is_mark(e) && vocab::is_org_kind(ctx.norm(k - 1)) {
        if let Some(close) = (e + 1..n.min(e + 8)).find(|&i| ctx.is_mark(i) || !ctx.toks[i].is_word() || ctx.toks[i].line_start) {
            if ctx.is_mark(close) && close > e + 1 && !ctx.toks[close].line_start {
                e = close + 1;
            }
        }
    }
    if e < n && joins_complement(ctx.norm(e)) && np_word(e + 1) {
        e += 1;
    }
    while e < k + 7 && np_word(e) {
        e += 1;
    }
    e
}

/// A preposition that joins a description to its complement (مسؤول في ..., مصدر مطلع على ...).
fn joins_complement(n: &str) -> bool {
    matches!(n, "في" | "عن" | "من" | "لدي" | "علي" | "باسم")
}

/// The subject before a verb: a mention ending right before it, `كان X (قد) قال`, or a
/// sentence that opens with its subject.
pub(super) fn subject_before(ctx: &Ctx, c: usize, gender: Gender) -> Option<Spk> {
    let sent = ctx.sentence_start(c);
    let mut k = c;
    while k > sent && (ctx.toks[k - 1].is_punct(",") || matches!(ctx.norm(k - 1), "قد" | "وقد")) {
        k -= 1;
    }
    if k == sent {
        return None;
    }
    // كان X قد قال / وكان X أكد
    let mut b = k;
    while b > sent && k - b < 10 {
        b -= 1;
        if matches!(ctx.norm(b), "كان" | "وكان" | "كانت" | "وكانت") {
            if let Some(s) = np_after(ctx, b + 1, k, gender) {
                return Some(s);
            }
            break;
        }
    }
    let m = ctx.mention_of[k - 1];
    if m != NONE && matches!(ctx.mentions[m].label, Label::PER | Label::ORG | Label::LOC) && ctx.mentions[m].span.end <= ctx.toks[k - 1].end {
        let ms = ctx.toks.partition_point(|t| t.end <= ctx.mentions[m].span.start);
        let inner = ms > 0 && matches!(ctx.norm(ms - 1), "لدي" | "باسم" | "في" | "عن" | "من" | "علي" | "عبر" | "الي" | "مع");
        // In a relative clause (ركلة الجزاء التي سجلها كريستيانو رونالدو قال): not the subject.
        let relative = (ms.saturating_sub(4).max(sent)..ms).any(|i| matches!(ctx.norm(i), "الذي" | "التي" | "الذين" | "اللذين" | "اللتين"));
        let inner = inner || relative;
        if !inner {
            return Some(spk_from_mention(ctx, m, gender));
        }
    }
    // A sentence that opens with its subject: "مجلس الأمن شدد ...".
    if k - sent <= 4 && (sent..k).all(|i| ctx.toks[i].is_word() && !vocab::is_stop(ctx.norm(i)) && ctx.cues[i].is_none()) {
        let mut s = sent;
        if matches!(ctx.norm(s), "لكن" | "ولكن") {
            s += 1;
        }
        return np_after(ctx, s, k, gender);
    }
    None
}

/// The plural noun phrase right before a plural verb (أكثر من ستة آلاف إسرائيلي اتهموا,
/// لكن كثيرا من الخبراء يقولون).
pub(super) fn plural_before(ctx: &Ctx, c: usize) -> Option<Spk> {
    let sent = ctx.sentence_start(c);
    let mut k = c;
    while k > sent && c - k < 6 {
        let t = &ctx.toks[k - 1];
        if !t.is_word() || ctx.cues[k - 1].is_some() || vocab::is_complementizer(&t.norm) {
            break;
        }
        let quantified = t.norm == "من" && k >= 2 && matches!(ctx.norm(k - 2), "اكثر" | "اقل" | "عشرات" | "مئات" | "الاف" | "كثير" | "كثيرا" | "بعض" | "عدد" | "مييات");
        if vocab::is_stop(&t.norm) && !quantified {
            break;
        }
        k -= 1;
    }
    (k < c && looks_plural_phrase(ctx, k..c)).then(|| spk_from_tokens(ctx, k..c, false, Gender::Plural))
}

/// A phrase with a plural or a number word in it.
fn looks_plural_phrase(ctx: &Ctx, r: Range<usize>) -> bool {
    r.clone().any(|k| {
        let n = ctx.norm(k);
        looks_plural(n) || ctx.toks[k].kind == TokKind::Number || matches!(n, "الاف" | "مئات" | "عشرات" | "كثيرا" | "اكثر" | "خمس" | "ثلاث" | "اربع")
    })
}

/// The nearest person or organization mentioned before token `c` (bounded look-back).
pub(super) fn mention_before(ctx: &Ctx, c: usize, avoid: Option<&Spk>) -> Option<Spk> {
    let mut k = c;
    while k > 0 && c - k < 80 {
        k -= 1;
        let m = ctx.mention_of[k];
        if ctx.quoted[k] {
            continue;
        }
        if (m != NONE && matches!(ctx.mentions[m].label, Label::PER | Label::ORG)) || (m == NONE && ctx.person[k] != NONE) {
            let s = person_at(ctx, k, Gender::Any);
            let same = avoid.is_some_and(|a| (a.cluster.is_some() && a.cluster == s.cluster) || normalize(&ctx.src[a.span.clone()]) == normalize(&ctx.src[s.span.clone()]));
            if !same {
                return Some(s);
            }
        }
    }
    None
}

/// Whether token `k` is the first word of a person mention that can be a subject: no
/// preposition attached (لحماقي) or before it (عن رمضان), not quoted.
pub(super) fn subject_person(ctx: &Ctx, k: usize) -> bool {
    let m = ctx.mention_of[k];
    if m == NONE || ctx.quoted[k] || ctx.mentions[m].label != Label::PER || (k > 0 && ctx.mention_of[k - 1] == m) {
        return false;
    }
    let lead = &ctx.src[ctx.toks[k].start..ctx.mentions[m].span.start.max(ctx.toks[k].start)];
    if !lead.chars().all(|ch| ch == 'و' || ch == 'ف') {
        return false;
    }
    // Over a title or nationality before the name (طلب من المطربة أحلام, سجلها البرتغالي X).
    let mut b = k;
    while b > 0 && k - b < 2 && ctx.toks[b - 1].is_word() && (vocab::is_role_head(ctx.norm(b - 1)) || (ctx.norm(b - 1).starts_with("ال") && !vocab::is_stop(ctx.norm(b - 1)))) {
        b -= 1;
    }
    if b > 0 && vocab::is_stop(ctx.norm(b - 1)) && !matches!(ctx.norm(b - 1), "ان" | "انه" | "لكن" | "ولكن" | "حيث" | "كما" | "و" | "ف" | "اذ" | "بل" | "ثم") {
        return false;
    }
    // In a relative clause (التي سجلها رونالدو): not the subject.
    !(b.saturating_sub(3)..b).any(|i| matches!(ctx.norm(i), "الذي" | "التي" | "الذين" | "اللذين" | "اللتين"))
}

/// A verb in the feminine: past -ت (غادرت, واصلت) or present تـ (لتتذكر).
pub(super) fn feminine_verb(n: &str) -> bool {
    let v = n.trim_start_matches(['و', 'ف']).trim_start_matches('ل');
    v.chars().count() >= 3 && (v.ends_with('ت') || v.starts_with('ت')) && !vocab::is_stop(n)
}

/// A description that reads as plural (النواب, المتظاهرون, خبراء, مسؤولون).
pub(super) fn looks_plural(t: &str) -> bool {
    let first = t.split(' ').next().unwrap_or("");
    first.ends_with("ون") || first.ends_with("ين") || first.ends_with("ات")
        || matches!(first.trim_start_matches("ال"), "نواب" | "خبراء" | "تقارير" | "مصادر" | "شهود" | "سكان" | "قضاه" | "مسوولو" | "مستشارو" | "اعضاء" | "وزراء" | "قاده" | "نشطاء" | "علماء" | "اطباء" | "زعماء")
}

/// The person or organization at token `k`: the recognizer's mention, or a name word.
pub(super) fn person_at(ctx: &Ctx, k: usize, gender: Gender) -> Spk {
    let m = ctx.mention_of[k];
    if m != NONE {
        return spk_from_mention(ctx, m, gender);
    }
    let start = if ctx.person[k] != NONE { ctx.person[k] } else { ctx.toks[k].start };
    let mut r = k + 1;
    while r < ctx.toks.len() && r < k + 4 && !ctx.toks[r].line_start && (ctx.person[r] != NONE || (NAME_LINKS.contains(&ctx.norm(r)) && r + 1 < ctx.toks.len() && ctx.toks[r + 1].is_word())) {
        r += if ctx.person[r] != NONE { 1 } else { 2 };
    }
    let r = r.min(ctx.toks.len());
    let end = ctx.toks[r - 1].end;
    Spk { span: start..end, cluster: None, named: true, gender, role: None, key: normalize(&ctx.src[start..end]) }
}
