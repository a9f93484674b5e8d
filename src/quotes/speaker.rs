//! Speaker resolution: who said each quote.
//!
//! - A finite cue verb (قال, أضافت) takes the noun phrase after it as its subject. Titles and
//!   roles are skipped to the name (وزير الخارجية الروسي سيرغي لافروف → سيرغي لافروف), using
//!   the recognizer's mentions when it found the name and the role lexicon when it did not; a
//!   phrase with no name is a description (مصدر أمني, المتظاهرون).
//! - Otherwise the subject before it: a sentence that opens with its subject (مجلس الأمن شدد),
//!   or `كان X (قد) قال`.
//! - A cue with no written subject (وأضاف, مضيفا, من جهته ... وقال) takes an earlier speaker:
//!   participles the subject of their own sentence, verbs the latest speaker that agrees with
//!   the verb's gender (قالت → a feminine subject); من جهته/من جانبه points away from the
//!   latest speaker.
//! - Source markers (بحسب, وفق ما ذكرت, نقلا عن, على لسان) take the phrase after them.
//!
//! The canonical name is the longest name of the same entity: its cluster's canonical, or a
//! longer speaker name or cluster whose words include all the words of this one.

use crate::hash::FxMap;
use crate::vocab::{self, CueKind, Gender};
use super::{gender_ok, Cand, Ctx, Found, FoundSpeaker, NONE};
use super::QuoteKind;
use crate::ner::tags::Label;
use crate::text::{normalize, TokKind};
use std::ops::Range;

/// A speaker as found: its mention span, whether it is a name, and the gender the text gives it.
#[derive(Clone, Debug)]
pub(crate) struct Spk {
    pub span: Range<usize>,
    pub cluster: Option<usize>,
    pub named: bool,
    pub gender: Gender,
    /// The role written with the name (وزير الخارجية الروسي), in bytes.
    pub role: Option<Range<usize>>,
    /// The normalized text of the speaker.
    pub key: String,
}

fn spk_from_mention(ctx: &Ctx, m: usize, gender: Gender) -> Spk {
    let cl = ctx.clusters.of_mention.get(m).copied();
    let mut span = ctx.mentions[m].span.clone();
    // Drop stop words the recognizer may have swallowed at the end (أحلام أن).
    let src = ctx.src;
    while let Some(sp) = src[span.clone()].rfind(' ') {
        let last = normalize(&src[span.start + sp + 1..span.end]);
        if vocab::is_stop(&last) || vocab::is_complementizer(&last) {
            span.end = span.start + sp;
        } else {
            break;
        }
    }
    // A two-letter name after و is an acronym the recognizer cut (و|اس → واس).
    if span.start >= 'و'.len_utf8() && src[span.clone()].chars().count() <= 2 && src[..span.start].ends_with('و') {
        let before = &src[..span.start - 'و'.len_utf8()];
        if before.is_empty() || before.ends_with(char::is_whitespace) {
            span.start -= 'و'.len_utf8();
        }
    }
    let key = normalize(&src[span.clone()]);
    Spk { span, cluster: cl, named: true, gender, role: None, key }
}

fn spk_from_tokens(ctx: &Ctx, r: Range<usize>, named: bool, gender: Gender) -> Spk {
    // Use the mention's edges when a mention starts or ends inside (proclitics stay outside).
    let mut start = ctx.toks[r.start].start;
    let mut end = ctx.toks[r.end - 1].end;
    let m0 = ctx.mention_of[r.start];
    if m0 != NONE && ctx.mentions[m0].span.start > start && ctx.mentions[m0].span.start < end {
        start = ctx.mentions[m0].span.start;
    }
    let m1 = ctx.mention_of[r.end - 1];
    if m1 != NONE && ctx.mentions[m1].span.end > end {
        end = ctx.mentions[m1].span.end;
    }
    let cluster = (m0 != NONE && m0 == m1 && ctx.mentions[m0].span == (start..end)).then(|| ctx.clusters.of_mention.get(m0).copied()).flatten();
    Spk { span: start..end, cluster, named, gender, role: None, key: normalize(&ctx.src[start..end]) }
}

const NAME_LINKS: &[&str] = &["عبد", "ابو", "بن", "ابن", "بنت", "ام", "ذو", "اب", "عبدال", "دو", "دي", "فان", "فون", "لو", "ال"];

/// The end (exclusive) of a person's name starting at `from`, by the shape of its words: a
/// word with the article continues a name after عبد/أبو/بن, as a nisba (المصري), or as the
/// last word before the phrase ends (نعمة الصباغ،).
fn name_run(ctx: &Ctx, from: usize, limit: usize) -> usize {
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
fn skip_role(ctx: &Ctx, j: usize, e: usize) -> usize {
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
            || (nrm.starts_with('ل') && nrm.chars().count() > 4 && ctx.toks[k].kind == TokKind::Arabic && !ctx.toks[k - 1].is_punct(","))
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
fn np_after(ctx: &Ctx, j: usize, limit: usize, gender: Gender) -> Option<Spk> {
    let n = ctx.toks.len();
    let limit = limit.min(n);
    if j >= limit || !ctx.toks[j].is_word() {
        return None;
    }
    if ctx.toks[j].kind == TokKind::Arabic && ctx.norm(j).chars().count() <= 1 {
        return None; // a bare proclitic (بـ"...")
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
        let k = skip_role(ctx, j, e);
        if k < e {
            if ctx.mention_label(k) == Some(Label::PER) {
                let mut s = extended_mention(ctx, k, e, gender);
                s.role = trim_role(ctx, j, k);
                return Some(s);
            }
            let r = name_run(ctx, k, e);
            if r > k && name_ends(ctx, r, e) {
                let mut s = spk_from_tokens(ctx, k..r, true, gender);
                s.role = trim_role(ctx, j, k);
                return Some(s);
            }
            // No name after the role (محامي رمضان مرة أخرى ...): the role itself.
            return Some(description(ctx, j, k, gender));
        }
        return Some(description(ctx, j, e, gender));
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
fn trim_role(ctx: &Ctx, j: usize, mut k: usize) -> Option<Range<usize>> {
    while k > j && !ctx.toks[k - 1].is_word() {
        k -= 1;
    }
    (k > j).then(|| ctx.toks[j].start..ctx.toks[k - 1].end)
}

/// A description: the phrase up to its first comma, at most five words.
fn description(ctx: &Ctx, j: usize, e: usize, gender: Gender) -> Spk {
    let mut k = j;
    while k < e && k - j < 5 && ctx.toks[k].is_word() {
        k += 1;
    }
    spk_from_tokens(ctx, j..k.max(j + 1), false, gender)
}

/// The subject before a verb: a mention ending right before it, `كان X (قد) قال`, or a
/// sentence that opens with its subject.
fn subject_before(ctx: &Ctx, c: usize, gender: Gender) -> Option<Spk> {
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
fn plural_before(ctx: &Ctx, c: usize) -> Option<Spk> {
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

/// An earlier speaker agreeing with `gender`, not `avoid`.
fn from_history(hist: &[Spk], gender: Gender, avoid: Option<&Spk>) -> Option<Spk> {
    hist.iter()
        .rev()
        .take(8)
        .find(|s| gender_ok(s.gender, gender) && !(gender == Gender::Plural && (s.named || !looks_plural(&s.key))) && avoid.map_or(true, |a| a.span != s.span && (a.cluster.is_none() || a.cluster != s.cluster)))
        .cloned()
}

/// The nearest person or organization mentioned before token `c` (bounded look-back).
fn mention_before(ctx: &Ctx, c: usize, avoid: Option<&Spk>) -> Option<Spk> {
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

/// The subject of a sentence whose verb has no written subject: a person or organization
/// opening the sentence (ووجد حماقي ... قائلا), else the latest agreeing speaker, else the
/// nearest person before.
fn implicit(ctx: &Ctx, c: usize, gender: Gender, hist: &[Spk]) -> Option<Spk> {
    let sent = ctx.sentence_start(c);
    if gender == Gender::Fem {
        // A person right after a feminine verb in the sentence (لتتذكر أحلام, وواصلت أحلام).
        if let Some(k) = (sent + 1..c).find(|&k| (ctx.mention_label(k) == Some(Label::PER) || ctx.person[k] != NONE) && feminine_verb(ctx.norm(k - 1))) {
            return Some(person_at(ctx, k, gender));
        }
    }
    if c > sent + 1 && matches!(ctx.norm(sent), "كان" | "وكان" | "كانت" | "وكانت") {
        if let Some(s) = np_after(ctx, sent + 1, c, gender) {
            return Some(s);
        }
    }
    if gender == Gender::Plural {
        if let Some(s) = hist.iter().rev().take(8).find(|s| !s.named && looks_plural(&normalize(&ctx.src[s.span.clone()]))) {
            return Some(s.clone());
        }
    }
    // The nearest person named earlier in the same sentence, not after a preposition
    // (يذكر أن المصري رفض ...، وقال عند سؤاله; ما دفع إليسا ... قائلة).
    if gender != Gender::Plural {
        if let Some(k) = (c.saturating_sub(40).max(sent)..c).rev().find(|&k| subject_person(ctx, k)) {
            return Some(person_at(ctx, k, gender));
        }
    }
    // The person opening the previous sentence, when more recent than the last speaker
    // (وتفاعل الرئيس دونالد ترامب مع الحادث. وغرد على تويتر: "...").
    if sent > 0 && gender != Gender::Plural {
        let prev = ctx.sentence_start(sent - 1);
        if sent - prev < 60 {
            if let Some(k) = (prev..sent.min(prev + 5)).find(|&k| !ctx.quoted[k] && ctx.mention_label(k) == Some(Label::PER)) {
                let cand = person_at(ctx, k, gender);
                let h = from_history(hist, gender, None);
                if h.as_ref().map_or(true, |h| cand.span.start > h.span.start) {
                    return Some(cand);
                }
            }
        }
    }
    // (A country speaks in the feminine: قالت روسيا, لكنها شددت.)
    let fem_loc = |k: usize| gender == Gender::Fem && ctx.mention_label(k) == Some(Label::LOC);
    if let Some(k) = (sent..c.min(sent + 5)).find(|&k| !ctx.quoted[k] && (matches!(ctx.mention_label(k), Some(Label::PER | Label::ORG)) || ctx.person[k] != NONE || fem_loc(k))) {
        return Some(person_at(ctx, k, gender));
    }
    // A body named by a description opening the sentence (ولم يعط البيان ..., مكتفيا;
    // إلا أن الحكومة تنكر ..., معتبرة).
    if let Some(k) = (sent..c.min(sent + 4)).find(|&k| {
        let n = ctx.norm(k);
        n.starts_with("ال") && vocab::is_description_head(n) && gender_ok(if vocab::looks_feminine(n) { Gender::Fem } else { Gender::Masc }, gender)
    }) {
        let e = if k + 1 < c && ctx.norm(k + 1).starts_with("ال") && ctx.cues[k + 1].is_none() { k + 2 } else { k + 1 };
        return Some(description(ctx, k, e, gender));
    }
    from_history(hist, gender, None).or_else(|| mention_before(ctx, c, None))
}

/// Whether token `k` is the first word of a person mention that can be a subject: no
/// preposition attached (لحماقي) or before it (عن رمضان), not quoted.
fn subject_person(ctx: &Ctx, k: usize) -> bool {
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
fn feminine_verb(n: &str) -> bool {
    let v = n.trim_start_matches(['و', 'ف']).trim_start_matches('ل');
    v.chars().count() >= 3 && (v.ends_with('ت') || v.starts_with('ت')) && !vocab::is_stop(n)
}

/// A description that reads as plural (النواب, المتظاهرون, خبراء, مسؤولون).
fn looks_plural(t: &str) -> bool {
    let first = t.split(' ').next().unwrap_or("");
    first.ends_with("ون") || first.ends_with("ين") || first.ends_with("ات")
        || matches!(first.trim_start_matches("ال"), "نواب" | "خبراء" | "تقارير" | "مصادر" | "شهود" | "سكان" | "قضاه" | "مسوولو" | "مستشارو" | "اعضاء" | "وزراء" | "قاده" | "نشطاء" | "علماء" | "اطباء" | "زعماء")
}

/// The person or organization at token `k`: the recognizer's mention, or a name word.
fn person_at(ctx: &Ctx, k: usize, gender: Gender) -> Spk {
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

/// The speaker a cue designates, and whether it is written (explicit) at the cue.
fn of_cue(ctx: &Ctx, c: usize, hist: &[Spk], depth: u8) -> Option<(Spk, bool)> {
    let cue = ctx.cues[c]?;
    let n = ctx.toks.len();
    match cue.kind {
        CueKind::Source => {
            let next = if c + 1 < n { ctx.norm(c + 1) } else { "" };
            if ctx.norm(c) == "حد" || next.starts_with("تعبير") || next.starts_with("قول") || next.starts_with("وصف") {
                // على حد تعبيره, حسب قوله: the speaker already named.
                return from_history(hist, Gender::Any, None).map(|s| (s, false));
            }
            // وفق ما ذكرت وكالة ..., نقلا عن مصدر ..., بحسب ما نقلته صحيفة ...
            let mut j = c + 1;
            while j < n && j <= c + 3 && (matches!(ctx.norm(j), "ما" | "لما" | "عن" | "ل") || ctx.cues[j].is_some() || ctx.norm(j).ends_with("ته")) {
                j += 1;
            }
            let limit = (j + 10).min(n);
            np_after(ctx, j, limit, Gender::Any).map(|s| (s, true))
        }
        CueKind::Verb => {
            // وجاء في بيان X: the statement's author.
            if matches!(ctx.norm(c), "جاء" | "وجاء") {
                if c + 2 < n && ctx.norm(c + 1) == "في" {
                    // جاء في (ملخص) تقرير المنظمة: the document's author.
                    let mut j = c + 2;
                    while j + 1 < n && j < c + 5 && vocab::is_document(ctx.norm(j)) && ctx.toks[j + 1].is_word() && !vocab::is_stop(ctx.norm(j + 1)) {
                        j += 1;
                    }
                    return np_after(ctx, j, (c + 14).min(n), Gender::Any).map(|s| (s, true));
                }
                return None;
            }
            // نقل X عن Y / على لسان Y: the speaker is Y.
            if ctx.norm(c).trim_start_matches('و').starts_with("نقل") {
                // The last عن before the reported words (بيان صادر عن وزارة الإعلام عن النائب العام).
                if let Some(k) = (c + 1..(c + 18).min(n))
                    .take_while(|&k| !ctx.is_break(k) && !ctx.is_mark(k) && !vocab::is_complementizer(ctx.norm(k)) && !ctx.norm(k).starts_with("قول"))
                    .filter(|&k| matches!(ctx.norm(k), "عن" | "لسان"))
                    .last()
                {
                    if let Some(s) = np_after(ctx, k + 1, (k + 12).min(n), Gender::Any) {
                        return Some((s, true));
                    }
                }
            }
            // إنها حذرت ..., أنه قال ...: the subject is the outer speaker.
            if depth == 0 && c > 0 && ctx.toks[c - 1].kind == TokKind::Arabic && vocab::is_complementizer(ctx.norm(c - 1)) && ctx.norm(c - 1).len() > "ان".len() {
                let sent = ctx.sentence_start(c);
                if let Some(k0) = (sent..c - 1).rev().find(|&k| ctx.cues[k].is_some_and(|x| x.kind == CueKind::Verb)) {
                    if let Some(r) = of_cue(ctx, k0, hist, 1) {
                        return Some(r);
                    }
                }
            }
            // A sentence that opens with its subject right before the verb (مجلس الأمن شدد), or
            // كان X قد قال.
            let sent = ctx.sentence_start(c);
            let kana = (sent..c).any(|k| matches!(ctx.norm(k), "كان" | "وكان" | "كانت" | "وكانت")) && c - sent <= 12;
            if c > sent && ((c - sent <= 4 && ctx.mention_of[c - 1] != NONE) || matches!(ctx.norm(c - 1), "قد" | "وقد") || kana) {
                if let Some(s) = subject_before(ctx, c, cue.gender) {
                    return Some((s, true));
                }
            }
            // A line or sentence opening with its subject before a present verb (العفو الدولية
            // تتهم مصر ...), and any plural verb (آلاف إسرائيلي اتهموا البنك): subject before.
            let present = {
                let v = ctx.norm(c).trim_start_matches('و');
                v.starts_with('ي') || v.starts_with('ت')
            };
            if c > sent && ((present && c - sent <= 3) || cue.gender == Gender::Plural) && (sent..c).all(|k| ctx.toks[k].is_word() && !vocab::is_stop(ctx.norm(k)) && ctx.cues[k].is_none()) {
                if let Some(s) = np_after(ctx, sent, c, cue.gender) {
                    return Some((s, true));
                }
            }
            if cue.gender == Gender::Plural {
                return subject_before(ctx, c, cue.gender)
                    .or_else(|| plural_before(ctx, c))
                    .map(|s| (s, true))
                    .or_else(|| implicit(ctx, c, cue.gender, hist).map(|s| (s, false)));
            }
            let mut j = c + 1;
            // Skip a time word between the verb and its subject.
            while j < n && j <= c + 2 && matches!(ctx.norm(j), "اليوم" | "امس" | "ايضا" | "كذلك" | "الاثنين" | "الثلاثاء" | "الاربعاء" | "الخميس" | "الجمعه" | "السبت" | "الاحد") {
                j += 1;
            }
            // A name in marks as the subject (وأوضح "مجلس منبج العسكري" في بيان أن): inside
            // the marks, when they hold no quote.
            if j + 1 < n && j == c + 1 && ctx.is_mark(j) && !ctx.quoted[j + 1] && ctx.toks[j + 1].is_word() {
                j += 1;
            }
            let limit = (j + 14).min(n);
            if let Some(s) = np_after(ctx, j, limit, cue.gender) {
                return Some((s, true));
            }
            if let Some(s) = subject_before(ctx, c, cue.gender) {
                return Some((s, true));
            }
            // من جهته / من جانبه before the verb, with no subject: the other party.
            let on_his_part = (c.saturating_sub(3)..c).any(|k| vocab::is_on_his_part(ctx.norm(k)).is_some() && k > 0 && ctx.norm(k - 1) == "من");
            if on_his_part {
                let last = hist.last();
                return mention_before(ctx, c, last).or_else(|| from_history(hist, cue.gender, last)).map(|s| (s, false));
            }
            implicit(ctx, c, cue.gender, hist).map(|s| (s, false))
        }
        CueKind::Participle => {
            // The subject of the participle's own sentence: an earlier cue verb's speaker, or
            // the person or organization opening the sentence.
            let sent = ctx.sentence_start(c);
            if cue.gender == Gender::Plural {
                if let Some(k) = (sent..c).find(|&k| ctx.toks[k].kind == TokKind::Arabic && looks_plural(ctx.norm(k)) && !vocab::is_stop(ctx.norm(k))) {
                    let e = if k + 1 < c && ctx.norm(k + 1).starts_with("ال") { k + 2 } else { k + 1 };
                    return Some((description(ctx, k, e, cue.gender), true));
                }
            }
            if depth == 0 {
                // A cue verb in the same clause right before (وغرد المهدي بن عطية قائلا).
                if let Some(k) = (c.saturating_sub(8).max(sent)..c).rev().take_while(|&k| ctx.toks[k].is_word()).find(|&k| ctx.cues[k].is_some_and(|x| x.kind == CueKind::Verb)) {
                    // Only a verb that opens its clause (وغرد, فقال), not a noun like كشف طبي.
                    let opens = k == sent || ctx.norm(k).starts_with(['و', 'ف']);
                    if let Some((s, true)) = of_cue(ctx, k, hist, 1).filter(|(s, _)| s.named && opens) {
                        return Some((s, true));
                    }
                }
                // The main verb of the sentence: its first cue verb with a subject.
                for k in sent..c {
                    if ctx.cues[k].is_some_and(|x| x.kind == CueKind::Verb) {
                        if let Some((s, e)) = of_cue(ctx, k, hist, 1) {
                            return Some((s, e));
                        }
                    }
                }
            }
            implicit(ctx, c, cue.gender, hist).map(|s| (s, false))
        }
    }
}

/// The speaker of a headline: the phrase before its colon (a mention when it opens it).
fn of_headline(ctx: &Ctx, head: Range<usize>) -> Option<Spk> {
    if head.is_empty() {
        return None;
    }
    let m = ctx.mention_of[head.start];
    if m != NONE && matches!(ctx.mentions[m].label, Label::PER | Label::ORG) && head.clone().all(|k| ctx.mention_of[k] == m) {
        return Some(spk_from_mention(ctx, m, Gender::Any));
    }
    let named = !vocab::is_role_head(ctx.norm(head.start)) && !ctx.norm(head.start).starts_with("ال");
    Some(spk_from_tokens(ctx, head, named, Gender::Any))
}

/// The order of an entry of the role table: speakers in text order, then role names written
/// in the text, then roles of clusters.
fn by_role_rank(i: usize, n_spks: usize) -> (u8, usize) {
    if i >= usize::MAX / 2 {
        (2, usize::MAX - i)
    } else {
        (u8::from(i >= n_spks), i)
    }
}

/// The first four words of a role, when it has four.
fn prefix4(k: &str) -> Option<String> {
    let w: Vec<&str> = k.split(' ').take(4).collect();
    (w.len() == 4).then(|| w.join(" "))
}

fn words(s: &str) -> Vec<String> {
    normalize(s).split(|c: char| c.is_whitespace() || c == '_').filter(|w| !w.is_empty()).map(str::to_string).collect()
}

/// Resolves the speakers of the candidates (in text order) and builds the quotes.
pub(crate) fn resolve(ctx: &Ctx, cands: Vec<Cand>) -> Vec<Found> {
    let mut hist: Vec<Spk> = Vec::new();
    let mut last_direct: Option<Spk> = None;
    let mut spks: Vec<Option<Spk>> = Vec::with_capacity(cands.len());
    let mut last_named: Vec<Option<Spk>> = Vec::with_capacity(cands.len());
    for c in &cands {
        let s = if let Some(h) = &c.head {
            let s = of_headline(ctx, h.clone());
            if let Some(s) = &s {
                hist.push(s.clone());
            }
            s
        } else if c.inherit {
            last_direct.clone()
        } else if let Some(cue) = c.cue {
            match of_cue(ctx, cue, &hist, 0) {
                Some((s, explicit)) => {
                    if explicit {
                        hist.push(s.clone());
                    }
                    Some(s)
                }
                None => None,
            }
        } else {
            // A quote with no cue (a term in marks in a sentence): the sentence's subject.
            let sent = ctx.sentence_start(ctx.toks.partition_point(|t| t.end <= c.span.start).min(ctx.toks.len() - 1));
            let at = c.at.saturating_sub(1);
            (sent..at)
                .find(|&k| matches!(ctx.mention_label(k), Some(Label::PER | Label::ORG | Label::LOC)))
                .map(|k| spk_from_mention(ctx, ctx.mention_of[k], Gender::Any))
                .or_else(|| from_history(&hist, Gender::Any, None))
        };
        if c.kind == QuoteKind::Direct {
            last_direct = s.clone();
        }
        if hist.len() > 64 {
            hist.drain(..32);
        }
        // For a title with no name (وقال الحارس الأسطوري): the latest named person.
        let titled = s.as_ref().is_some_and(|s| {
            !s.named && s.cluster.is_none() && {
                let first = s.key.split(' ').next().unwrap_or("");
                first.starts_with("ال") && vocab::is_role_head(first)
            }
        });
        last_named.push(if titled {
            let g = s.as_ref().map_or(Gender::Any, |s| s.gender);
            hist.iter().rev().take(8).find(|h| h.named && gender_ok(h.gender, g) && h.cluster.map_or(true, |c| ctx.clusters.list.get(c).is_some_and(|x| x.label == Label::PER))).cloned()
        } else {
            None
        });
        spks.push(s);
    }
    // Canonical names: the longest name in the text whose words include all of this one's.
    let mut names: Vec<(Vec<String>, String, Option<usize>)> = Vec::new();
    for (g, cl) in ctx.clusters.list.iter().enumerate() {
        if matches!(cl.label, Label::PER | Label::ORG | Label::LOC) {
            names.push((words(&cl.canonical), cl.canonical.clone(), Some(g)));
        }
    }
    for s in spks.iter().flatten() {
        if s.named && s.cluster.is_none() {
            let t = &ctx.src[s.span.clone()];
            names.push((words(t), t.to_string(), None));
        }
    }
    // Roles written with a name (رئيس مجلس إدارة البنك العربي, صبيح المصري): a later
    // description by that role designates the same person.
    let mut by_role: FxMap<String, usize> = FxMap::default();
    for (i, s) in spks.iter().enumerate() {
        if let Some(s) = s {
            if let Some(r) = &s.role {
                by_role.entry(normalize(&ctx.src[r.clone()])).or_insert(i);
            }
        }
    }
    for (g, cl) in ctx.clusters.list.iter().enumerate() {
        for r in &cl.roles {
            by_role.entry(normalize(r)).or_insert(usize::MAX - g);
        }
    }
    // Every "role name" written in the text (المدرب الإسباني روبرتو مارتينيز): a later
    // "المدرب الإسباني" is that person.
    let mut role_names: Vec<Option<Spk>> = Vec::new();
    let n = ctx.toks.len();
    for i in 0..n {
        let t = &ctx.toks[i];
        if t.kind != TokKind::Arabic || !ctx.role_head[i] || (i > 0 && !ctx.toks[i].line_start && (vocab::is_role_head(ctx.norm(i - 1)) || vocab::is_role_cont(ctx.norm(i - 1)))) {
            continue;
        }
        let mut e = i + 1;
        while e < n && e - i < 10 && !ctx.toks[e].line_start && (ctx.toks[e].is_word() || ctx.toks[e].is_punct(",")) {
            e += 1;
        }
        let k = skip_role(ctx, i, e);
        if k >= e {
            continue;
        }
        let name = if ctx.mention_label(k) == Some(Label::PER) {
            Some(spk_from_mention(ctx, ctx.mention_of[k], Gender::Any))
        } else {
            let r = name_run(ctx, k, e);
            (r > k).then(|| spk_from_tokens(ctx, k..r, true, Gender::Any))
        };
        if let (Some(name), Some(role)) = (name, trim_role(ctx, i, k)) {
            let key = normalize(&ctx.src[role]);
            if key.contains(' ') && !by_role.contains_key(&key) {
                by_role.insert(key, spks.len() + role_names.len());
                role_names.push(Some(name));
            }
        }
    }
    let mut by_word: FxMap<&str, Vec<usize>> = FxMap::default();
    for (i, (ws, _, _)) in names.iter().enumerate() {
        for w in ws {
            let v = by_word.entry(w.as_str()).or_default();
            if v.len() < 32 {
                v.push(i);
            }
        }
    }
    let mut by_prefix: FxMap<String, usize> = FxMap::default();
    for (r, &i) in &by_role {
        if let Some(p) = prefix4(r) {
            // The earliest speaker wins (independent of the map's order).
            let e = by_prefix.entry(p).or_insert(i);
            if by_role_rank(i, spks.len()) < by_role_rank(*e, spks.len()) {
                *e = i;
            }
        }
    }
    let mut out = Vec::with_capacity(cands.len());
    let mut snapshot = spks.clone();
    snapshot.extend(role_names);
    for ((c, s), fallback) in cands.into_iter().zip(spks).zip(last_named) {
        let speaker = s.map(|s| {
            if !s.named && s.cluster.is_none() {
                let key = normalize(&ctx.src[s.span.clone()]);
                let found = by_role.get(&key).or_else(|| {
                    let p = prefix4(&key)?;
                    by_prefix.get(&p)
                });
                if let Some(&i) = found {
                    if i < snapshot.len() {
                        if let Some(o) = &snapshot[i] {
                            let t = &ctx.src[o.span.clone()];
                            let mut canonical = t.to_string();
                            if let Some(g) = o.cluster.filter(|&g| g < ctx.clusters.list.len()) {
                                canonical = ctx.clusters.list[g].canonical.clone();
                            }
                            return FoundSpeaker { span: s.span.clone(), canonical, cluster: o.cluster };
                        }
                    } else {
                        let g = usize::MAX - i;
                        if g < ctx.clusters.list.len() {
                            return FoundSpeaker { span: s.span.clone(), canonical: ctx.clusters.list[g].canonical.clone(), cluster: Some(g) };
                        }
                    }
                }
            }
            let text = &ctx.src[s.span.clone()];
            if let Some(f) = &fallback {
                // The title stays the speaker's mention; the name is its canonical.
                let ft = &ctx.src[f.span.clone()];
                let (mut canonical, cluster) = match f.cluster {
                    Some(g) if g < ctx.clusters.list.len() => (ctx.clusters.list[g].canonical.clone(), Some(g)),
                    _ => (ft.to_string(), None),
                };
                if words(ft).len() > words(&canonical).len() {
                    canonical = ft.to_string();
                }
                return FoundSpeaker { span: s.span.clone(), canonical, cluster };
            }
            let ws = words(text);
            let mut canonical = match s.cluster {
                Some(g) if g < ctx.clusters.list.len() && words(&ctx.clusters.list[g].canonical).len() >= ws.len() => ctx.clusters.list[g].canonical.clone(),
                _ => text.to_string(),
            };
            let mut cluster = s.cluster;
            if s.named || s.cluster.is_some() {
                let mut best = words(&canonical).len();
                if let Some(list) = ws.last().and_then(|w| by_word.get(w.as_str())) {
                    for &i in list {
                        let (nw, name, g) = &names[i];
                        if nw.len() > best && ws.iter().all(|w| nw.contains(w)) {
                            best = nw.len();
                            canonical = name.clone();
                            if cluster.is_none() {
                                cluster = *g;
                            }
                        }
                    }
                }
            }
            FoundSpeaker { span: s.span, canonical, cluster }
        });
        out.push(Found {
            span: c.span,
            kind: c.kind,
            cue: c.cue.map(|k| ctx.toks[k].start..ctx.toks[k].end),
            speaker,
        });
    }
    out
}
