//! The choice of speaker per quote: from its cue ([`of_cue`]: a source marker, a cue verb or
//! a participle), from a headline's head ([`of_headline`]), from the sentence for a quote with
//! no cue, and for a cue with no written subject from the sentence and the history
//! ([`implicit`]). Each step takes the first speaker candidate that fits, in a fixed order.

use super::history::{from_history, History};
use super::phrases::{description, feminine_verb, looks_plural, mention_before, np_after, person_at, plural_before, subject_before, subject_person};
use super::{gender_ok, spk_from_mention, spk_from_tokens, Spk};
use super::super::candidates::Cand;
use super::super::{Ctx, NONE};
use crate::ner::tags::Label;
use crate::text::{normalize, TokKind};
use crate::vocab::{self, Cue, CueKind, Gender};
use std::ops::Range;

/// The speaker of a quote candidate, and whether it is written at the quote (at its cue, or a
/// headline's) and so joins the history.
pub(super) fn of_quote(ctx: &Ctx, c: &Cand, history: &History) -> (Option<Spk>, bool) {
    let hist = &history.spoken[..];
    if let Some(h) = &c.head {
        (of_headline(ctx, h.clone()), true)
    } else if c.inherit {
        (history.last_direct.clone(), false)
    } else if let Some(cue) = c.cue {
        match of_cue(ctx, cue, hist, 0) {
            Some((s, explicit)) => (Some(s), explicit),
            None => (None, false),
        }
    } else {
        // A quote with no cue (a term in marks in a sentence): the sentence's subject.
        let sent = ctx.sentence_start(ctx.toks.partition_point(|t| t.end <= c.span.start).min(ctx.toks.len() - 1));
        let at = c.at.saturating_sub(1);
        let s = (sent..at)
            .find(|&k| matches!(ctx.mention_label(k), Some(Label::PER | Label::ORG | Label::LOC)))
            .map(|k| spk_from_mention(ctx, ctx.mention_of[k], Gender::Any))
            .or_else(|| from_history(hist, Gender::Any, None));
        (s, false)
    }
}

/// The speaker a cue designates, and whether it is written (explicit) at the cue.
fn of_cue(ctx: &Ctx, c: usize, hist: &[Spk], depth: u8) -> Option<(Spk, bool)> {
    let cue = ctx.cues[c]?;
    match cue.kind {
        CueKind::Source => of_source(ctx, c, hist),
        CueKind::Verb => of_verb(ctx, c, cue, hist, depth),
        CueKind::Participle => of_participle(ctx, c, cue, hist, depth),
    }
}

/// The speaker of a source marker (بحسب, وفق ما ذكرت, نقلا عن): the phrase after it.
fn of_source(ctx: &Ctx, c: usize, hist: &[Spk]) -> Option<(Spk, bool)> {
    let n = ctx.toks.len();
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

/// The speaker of a cue verb: its subject after it or before it, else an earlier speaker.
fn of_verb(ctx: &Ctx, c: usize, cue: Cue, hist: &[Spk], depth: u8) -> Option<(Spk, bool)> {
    // وجاء في بيان X: the statement's author.
    if matches!(ctx.norm(c), "جاء" | "وجاء") {
        return of_statement(ctx, c);
    }
    // نقل X عن Y / على لسان Y: the speaker is Y.
    if ctx.norm(c).trim_start_matches('و').starts_with("نقل") {
        if let Some(s) = relayed_from(ctx, c) {
            return Some((s, true));
        }
    }
    // إنها حذرت ..., أنه قال ...: the subject is the outer speaker.
    if depth == 0 && c > 0 && ctx.toks[c - 1].kind == TokKind::Arabic && vocab::is_complementizer(ctx.norm(c - 1)) && ctx.norm(c - 1).len() > "ان".len() {
        if let Some(r) = outer_speaker(ctx, c, hist) {
            return Some(r);
        }
    }
    if let Some(s) = subject_opening(ctx, c, cue.gender) {
        return Some((s, true));
    }
    if cue.gender == Gender::Plural {
        return subject_before(ctx, c, cue.gender)
            .or_else(|| plural_before(ctx, c))
            .map(|s| (s, true))
            .or_else(|| implicit(ctx, c, cue.gender, hist).map(|s| (s, false)));
    }
    if let Some(s) = subject_after(ctx, c, cue.gender) {
        return Some((s, true));
    }
    if let Some(s) = subject_before(ctx, c, cue.gender) {
        return Some((s, true));
    }
    // من جهته / من جانبه before the verb, with no subject: the other party.
    if ctx.on_his_part_before(c) {
        let last = hist.last();
        return mention_before(ctx, c, last).or_else(|| from_history(hist, cue.gender, last)).map(|s| (s, false));
    }
    implicit(ctx, c, cue.gender, hist).map(|s| (s, false))
}

/// The author of a statement introduced by جاء (وجاء في بيان X).
fn of_statement(ctx: &Ctx, c: usize) -> Option<(Spk, bool)> {
    let n = ctx.toks.len();
    if c + 2 < n && ctx.norm(c + 1) == "في" {
        // جاء في (ملخص) تقرير المنظمة: the document's author.
        let mut j = c + 2;
        while j + 1 < n && j < c + 5 && vocab::is_document(ctx.norm(j)) && ctx.toks[j + 1].is_word() && !vocab::is_stop(ctx.norm(j + 1)) {
            j += 1;
        }
        return np_after(ctx, j, (c + 14).min(n), Gender::Any).map(|s| (s, true));
    }
    None
}

/// The speaker a relaying verb names (نقل X عن Y / على لسان Y: Y), over a name in marks
/// (ونقلت "فرانس برس" عن كلوب قوله), not into a quote.
fn relayed_from(ctx: &Ctx, c: usize) -> Option<Spk> {
    let n = ctx.toks.len();
    // The last عن before the reported words (بيان صادر عن وزارة الإعلام عن النائب العام).
    if let Some(k) = (c + 1..(c + 18).min(n))
        .take_while(|&k| !ctx.is_break(k) && !(ctx.is_mark(k) && (ctx.quoted[k] || ctx.quoted.get(k + 1).copied().unwrap_or(true))) && !vocab::is_complementizer(ctx.norm(k)) && !ctx.norm(k).starts_with("قول"))
        .filter(|&k| matches!(ctx.norm(k), "عن" | "لسان"))
        .last()
    {
        return np_after(ctx, k + 1, (k + 12).min(n), Gender::Any);
    }
    None
}

/// The speaker of the reporting verb outside a complementizer (إنها حذرت ..., أنه قال ...).
fn outer_speaker(ctx: &Ctx, c: usize, hist: &[Spk]) -> Option<(Spk, bool)> {
    let sent = ctx.sentence_start(c);
    if let Some(k0) = (sent..c - 1).rev().find(|&k| ctx.cues[k].is_some_and(|x| x.kind == CueKind::Verb)) {
        return of_cue(ctx, k0, hist, 1);
    }
    None
}

/// The subject before a verb in a sentence that opens with it: right before the verb (مجلس
/// الأمن شدد), كان X قد قال, or before a present or plural verb.
fn subject_opening(ctx: &Ctx, c: usize, gender: Gender) -> Option<Spk> {
    // A sentence that opens with its subject right before the verb (مجلس الأمن شدد), or
    // كان X قد قال.
    let sent = ctx.sentence_start(c);
    let kana = (sent..c).any(|k| matches!(ctx.norm(k), "كان" | "وكان" | "كانت" | "وكانت")) && c - sent <= 12;
    if c > sent && ((c - sent <= 4 && ctx.mention_of[c - 1] != NONE) || matches!(ctx.norm(c - 1), "قد" | "وقد") || kana) {
        if let Some(s) = subject_before(ctx, c, gender) {
            return Some(s);
        }
    }
    // A line or sentence opening with its subject before a present verb (العفو الدولية
    // تتهم مصر ...), and any plural verb (آلاف إسرائيلي اتهموا البنك): subject before.
    let present = {
        let v = ctx.norm(c).trim_start_matches('و');
        v.starts_with('ي') || v.starts_with('ت')
    };
    if c > sent && ((present && c - sent <= 3) || gender == Gender::Plural) && (sent..c).all(|k| ctx.toks[k].is_word() && !vocab::is_stop(ctx.norm(k)) && ctx.cues[k].is_none()) {
        if let Some(s) = np_after(ctx, sent, c, gender) {
            return Some(s);
        }
    }
    None
}

/// The subject after a verb: the noun phrase after it, over a time word or into a name in
/// marks.
fn subject_after(ctx: &Ctx, c: usize, gender: Gender) -> Option<Spk> {
    let n = ctx.toks.len();
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
    // The addressee before the subject (فيقول لفرانس24 ..., قالت لنا, وتوضح لـ"العربية.نت" X):
    // skipped, the subject comes after it.
    if j == c + 1 {
        if let Some(k) = past_addressee(ctx, j) {
            if k == j {
                return None;
            }
            let limit = (k + 14).min(n);
            return np_after(ctx, k, limit, gender);
        }
    }
    // A document its author made (كشف تحقيق أجرته العفو الدولية, أظهرت دراسة أعدتها الوزارة):
    // the author.
    if j + 2 < n && vocab::is_document(ctx.norm(j)) && is_made_by(ctx.norm(j + 1)) {
        if let Some(s) = np_after(ctx, j + 2, (j + 16).min(n), Gender::Any) {
            return Some(s);
        }
    }
    let limit = (j + 14).min(n);
    np_after(ctx, j, limit, gender)
}

/// A verb of making with the document as its object pronoun (أجرته, أعدتها, أصدره, نشرتها).
fn is_made_by(n: &str) -> bool {
    ["اجر", "اعد", "اصدر", "نشر"].iter().any(|v| n.strip_prefix(v).is_some_and(|rest| matches!(rest, "ته" | "تها" | "ه" | "ها" | "اه" | "تاه")))
}

/// The token after an addressee at `j` (ل + a pronoun, ل + a name the recognizer found with
/// the preposition outside it, ل + a medium: لوكالة الأنباء الألمانية), or `None` when there is
/// none. Returns `Some(j)` when the addressee runs to the end of the clause.
fn past_addressee(ctx: &Ctx, j: usize) -> Option<usize> {
    let n = ctx.toks.len();
    let t = ctx.toks.get(j)?;
    if t.kind != TokKind::Arabic {
        return None;
    }
    let w = ctx.norm(j);
    let m = ctx.mention_of[j];
    let mut k = if matches!(w, "لنا" | "له" | "لها" | "لهم" | "لي" | "لك" | "لكم") {
        j + 1
    } else if m != NONE && ctx.mentions[m].span.start > t.start && ctx.src[t.start..ctx.mentions[m].span.start].trim_end_matches('ـ') == "ل" {
        ctx.toks.partition_point(|x| x.end <= ctx.mentions[m].span.end)
    } else if w.starts_with('ل') && !w.starts_with("ال") && !w.starts_with("لل") && w.chars().count() > 3 && vocab::is_naming(&w['ل'.len_utf8()..]) {
        // ل + a medium and its name (لوكالة الأنباء, لصحيفة "الحياة")
        let mut k = j + 1;
        while k < n && k - j <= 4 && !ctx.toks[k].line_start && (ctx.norm(k).starts_with("ال") || ctx.mention_of[k] != NONE || ctx.is_mark(k) || ctx.toks[k].kind != TokKind::Arabic && ctx.toks[k].is_word()) {
            k += 1;
        }
        k
    } else {
        return None;
    };
    // A number or Latin written onto the name (لفرانس24), and commas after it.
    while k < n && (ctx.toks[k].kind == TokKind::Number || ctx.is_punct(k, ",")) && k - j <= 6 {
        k += 1;
    }
    Some(if k >= n || !ctx.toks[k].is_word() || ctx.cues[k].is_some() || vocab::is_complementizer(ctx.norm(k)) { j } else { k })
}

/// The speaker of a participle (مضيفا, قائلة): the subject of its own sentence.
fn of_participle(ctx: &Ctx, c: usize, cue: Cue, hist: &[Spk], depth: u8) -> Option<(Spk, bool)> {
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
