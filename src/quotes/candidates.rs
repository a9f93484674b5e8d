//! Quote candidates: the spans that are quotes, each with its kind and cue, before any speaker
//! is chosen. Direct quotes in marks ([`direct_in_marks`]), colon speech after a cue
//! ([`colon_speech`]), reported speech after a cue and أن / إن / على ([`indirect`]), and
//! headline lines `SPEAKER: statement` ([`headlines`]); [`collect`] runs them in that order and
//! drops overlaps of one kind ([`drop_overlaps`]).

use super::context::is_ala;
use super::marks;
use super::{Ctx, QuoteKind, NONE};
use crate::ner::tags::Label;
use crate::text::TokKind;
use crate::vocab::{self, CueKind};
use std::ops::Range;

/// The longest colon speech or reported clause, in tokens (keeps the work linear on texts
/// without sentence breaks).
const MAX_SPEECH: usize = 400;

/// One quote while it is being built (token ranges; the speaker is resolved later).
#[derive(Clone, Debug)]
pub(super) struct Cand {
    pub(super) kind: QuoteKind,
    /// Content span in bytes.
    pub(super) span: Range<usize>,
    /// The token the quote is ordered by (its first content token).
    pub(super) at: usize,
    pub(super) cue: Option<usize>,
    /// Take the speaker of the previous direct quote (a quote continued after a short break).
    pub(super) inherit: bool,
    /// For a headline: the tokens before the colon.
    pub(super) head: Option<Range<usize>>,
}

/// The quote candidates of the document in text order (no two of one kind overlapping), and
/// for each token whether it is inside an accepted quote in marks.
pub(super) fn collect(ctx: &Ctx, pairs: &[marks::Pair]) -> (Vec<Cand>, Vec<bool>) {
    let mut cands: Vec<Cand> = Vec::new();
    let in_quote = in_marks(ctx, pairs, &mut cands);
    let mut pair_close = vec![NONE; ctx.toks.len()];
    for p in pairs {
        if p.open < pair_close.len() && !p.unclosed {
            pair_close[p.open] = p.close;
        }
    }
    colon_speech(ctx, &in_quote, &mut cands);
    indirect(ctx, &in_quote, &pair_close, &mut cands);
    headlines(ctx, &mut cands);
    cands.sort_by_key(|c| (c.at, c.span.start));
    let cands = drop_overlaps(cands);
    (cands, in_quote)
}

/// The direct quotes in marks (pushed to `cands`), and for each token whether it is inside one.
fn in_marks(ctx: &Ctx, pairs: &[marks::Pair], cands: &mut Vec<Cand>) -> Vec<bool> {
    // Tokens inside accepted quotes do not act as cues for other quotes.
    let mut in_quote = vec![false; ctx.toks.len()];
    let mut prev_close: Option<(usize, usize)> = None; // (close token, index in cands)
    let mut rejected_close: Option<usize> = None;
    for p in pairs {
        // A list of names in marks ("ساندهيرست" و"ويست بوينت"): what follows a rejected name
        // with only و or a comma between is a name too.
        let after_rejected = rejected_close.is_some_and(|rc| rc < p.open && p.open - rc <= 4 && (rc + 1..p.open).all(|k| ctx.is_punct(k, ",") || (ctx.toks[k].kind == TokKind::Arabic && (ctx.norm(k).chars().count() <= 1 || (k == rc + 1 && ctx.norm(k).starts_with("ال"))))));
        match direct_in_marks(ctx, p, prev_close) {
            Some(c) if !(after_rejected && words_in(ctx, p.open + 1..p.close) <= 3 && !c.inherit) => {
                for f in in_quote.iter_mut().take(p.close.min(ctx.toks.len())).skip(p.open + 1) {
                    *f = true;
                }
                prev_close = Some((p.close, cands.len()));
                cands.push(c);
            }
            _ => rejected_close = Some(p.close),
        }
    }
    in_quote
}

/// Keeps quotes of one kind from overlapping: the earlier (outer) one wins.
fn drop_overlaps(cands: Vec<Cand>) -> Vec<Cand> {
    let mut last_end: [usize; 3] = [0; 3];
    let mut out = Vec::with_capacity(cands.len());
    let mut sorted = cands;
    sorted.sort_by_key(|c| (c.span.start, std::cmp::Reverse(c.span.end)));
    for c in sorted {
        let k = match c.kind {
            QuoteKind::Direct => 0,
            QuoteKind::Indirect => 1,
            QuoteKind::Headline => 2,
        };
        if c.span.start >= last_end[k] {
            last_end[k] = last_end[k].max(c.span.end);
            out.push(c);
        }
    }
    out.sort_by_key(|c: &Cand| (c.at, c.span.start));
    out
}

fn words_in(ctx: &Ctx, r: Range<usize>) -> usize {
    r.filter(|&i| ctx.toks[i].kind != TokKind::Punct).count()
}

/// The word before token `i`, skipping a bare proclitic written apart (بـ"..." , و "...").
fn word_before(ctx: &Ctx, i: usize) -> Option<usize> {
    let mut k = i;
    let ps = ctx.para_start[i];
    while k > ps {
        k -= 1;
        let t = &ctx.toks[k];
        if t.kind == TokKind::Arabic && t.norm.chars().count() <= 1 {
            continue;
        }
        if t.kind == TokKind::Arabic && t.norm == "ال" {
            continue;
        }
        return t.is_word().then_some(k);
    }
    None
}

/// Decides whether a pair of marks holds a quote, and finds its cue.
fn direct_in_marks(ctx: &Ctx, p: &marks::Pair, prev_close: Option<(usize, usize)>) -> Option<Cand> {
    let (a, b) = (p.open + 1, p.close);
    if a >= b || b > ctx.toks.len() {
        return None;
    }
    // Content: trim trailing punctuation of an unclosed quote (its final period).
    let mut e = b;
    if p.unclosed {
        while e > a && (ctx.toks[e - 1].kind == TokKind::Punct) {
            e -= 1;
        }
        if e == a {
            return None;
        }
    }
    let n_words = words_in(ctx, a..e);
    if n_words == 0 {
        return None;
    }
    // The cue before the quote, in its sentence.
    let sent = ctx.sentence_start(p.open);
    let mut cue = None;
    let mut source = None;
    let mut inherit = false;
    let mut k = p.open;
    while k > sent && p.open - k < 40 {
        k -= 1;
        if let Some((pc, _)) = prev_close {
            if k == pc {
                // Reached the previous quote in this sentence: a continuation ("..." و"...",
                // "..." يجب تسويتها إلا أنها "...").
                if cue.is_none() {
                    inherit = true;
                }
                break;
            }
        }
        if let Some(c) = ctx.cues[k] {
            if c.kind == CueKind::Source {
                source.get_or_insert(k);
            } else {
                cue = Some(k);
                break;
            }
        }
    }
    let intro = p.open > 0 && {
        let t = p.open - 1;
        ctx.is_punct(t, ":")
            || (ctx.toks[t].kind == TokKind::Arabic && vocab::is_complementizer(&ctx.toks[t].norm))
            || ctx.cues[t].is_some_and(|c| c.kind != CueKind::Source)
            || (t > 0 && ctx.is_punct(t, ",") && ctx.cues[t - 1].is_some())
    };
    // A cue right after the quote: "..." قال X / "..."، بحسب المرصد / "..." على حد تعبيره.
    let mut after = None;
    if b < ctx.toks.len() && !p.unclosed {
        let mut j = b + 1;
        while j < ctx.toks.len() && j <= b + 2 && ctx.toks[j].kind == TokKind::Punct && !ctx.is_mark(j) && !ctx.toks[j].line_start {
            j += 1;
        }
        let broken = (b + 1..j.min(ctx.toks.len())).any(|k| ctx.is_break(k));
        if j < ctx.toks.len() && !ctx.toks[j].line_start && !broken {
            if ctx.cues[j].is_some() {
                after = Some(j);
            } else if is_ala(ctx.toks[j].text(ctx.src)) && j + 2 < ctx.toks.len() && ctx.norm(j + 1) == "حد" {
                after = Some(j + 1);
            }
        }
    }
    let before_word = word_before(ctx, p.open);
    // A bare proclitic right before the mark (الطائرة بـ"الانتحاري"): not a naming construction.
    let bare_proclitic = p.open > 0 && ctx.toks[p.open - 1].kind == TokKind::Arabic && ctx.norm(p.open - 1).chars().count() <= 1 && ctx.norm(p.open - 1) != "ل";
    let naming = before_word.is_some_and(|w| {
        let n = &ctx.toks[w].norm;
        vocab::is_title_noun(n) || (!bare_proclitic && n_words <= 4 && vocab::is_naming(n))
    }) && !intro;
    if naming {
        return None;
    }
    // A name in marks: the content is one entity mention (or entity mentions only).
    let all_mentions = (a..e).all(|i| ctx.toks[i].kind == TokKind::Punct || ctx.mention_of[i] != NONE);
    let is_latin = (a..e).all(|i| ctx.toks[i].kind != TokKind::Arabic);
    // A short name in marks right after a finite verb is its subject (أعلن "مجلس منبج العسكري").
    let sentence_goes_on = b + 1 < ctx.toks.len() && !ctx.toks[b + 1].line_start && ctx.toks[b + 1].is_word();
    let after_verb = p.open > 0 && ctx.cues[p.open - 1].is_some_and(|c| c.kind != CueKind::Participle);
    // بحسب ما أعلنت "قوات سوريا الديمقراطية": the subject of a relative "ما + verb".
    let relative = after_verb && p.open > 1 && matches!(ctx.norm(p.open - 2), "ما" | "لما" | "حسبما" | "كما" | "بحسب" | "وفق");
    let verb_then_name = after_verb && n_words <= 4 && (sentence_goes_on || relative);
    // لـ"سكاي نيوز عربية": a name after a detached preposition.
    let detached_li = p.open > 0 && ctx.toks[p.open - 1].kind == TokKind::Arabic && ctx.norm(p.open - 1) == "ل" && n_words <= 4;
    let verb_then_name = verb_then_name || detached_li;
    let accept = if verb_then_name {
        false
    } else if intro {
        !(all_mentions && n_words <= 3 && !ctx.is_punct(p.open - 1, ":"))
    } else if (all_mentions && n_words <= 4) || p.unclosed {
        false
    } else if n_words >= 6 {
        true
    } else if is_latin && n_words <= 3 {
        false
    } else {
        cue.is_some() || after.is_some() || inherit
    };
    if !accept {
        return None;
    }
    let cue = cue.map(|k| outer_cue(ctx, k, sent));
    let cue_tok = match (cue, after) {
        (Some(c), Some(f)) if p.open - c > 12 && ctx.cues[f].is_some_and(|x| x.kind != CueKind::Participle) && !refers_back(ctx, f) => Some(f),
        (Some(c), _) => Some(c),
        (None, Some(f)) => Some(f),
        (None, None) => source,
    };
    let inherit = inherit && cue.is_none();
    Some(Cand {
        kind: QuoteKind::Direct,
        span: ctx.toks[a].start..ctx.toks[e - 1].end,
        at: a,
        cue: if inherit { None } else { cue_tok },
        inherit,
        head: None,
    })
}

/// A source marker that refers to the speaker already named (على حد تعبيره, حسب قوله).
fn refers_back(ctx: &Ctx, f: usize) -> bool {
    let next = if f + 1 < ctx.toks.len() { ctx.norm(f + 1) } else { "" };
    ctx.norm(f) == "حد" || next.starts_with("تعبير") || next.starts_with("قول") || next.starts_with("وصف")
}

/// The cue that governs a quote whose nearest cue is `k`: a source marker before the verb in the
/// sentence (وحسب الوكالة، دعا الملك ... "..."), or the outer reporting verb when `k` is inside
/// reported speech (قالت الصين إنها حذرت ... بـ"...", ذكر X أن بوتين أعرب عن "...").
fn outer_cue(ctx: &Ctx, k: usize, sent: usize) -> usize {
    if let Some(s) = (sent..k.min(sent + 3)).find(|&i| ctx.cues[i].is_some_and(|c| c.kind == CueKind::Source) && ctx.norm(i) != "حد") {
        return s;
    }
    let mut cur = k;
    for _ in 0..3 {
        // A complementizer before `cur`, and a reporting cue before that.
        let lo = cur.saturating_sub(25).max(sent);
        let Some(m) = (lo..cur).rev().find(|&i| ctx.toks[i].kind == TokKind::Arabic && vocab::is_complementizer(ctx.norm(i))) else { break };
        let lo2 = m.saturating_sub(14).max(sent);
        let Some(k0) = (lo2..m).rev().find(|&i| ctx.cues[i].is_some_and(|c| c.kind != CueKind::Source && c.reports)) else { break };
        // Another verb between the complementizer and `cur` starts a clause of its own.
        if (m + 1..cur).any(|i| ctx.cues[i].is_some_and(|c| c.kind == CueKind::Verb)) {
            break;
        }
        cur = k0;
    }
    cur
}

/// A cue, then (within its clause) a colon and unmarked speech: direct to the end of the
/// paragraph, or to a sentence that starts with another cue.
fn colon_speech(ctx: &Ctx, in_quote: &[bool], cands: &mut Vec<Cand>) {
    let n = ctx.toks.len();
    for c in 0..n {
        let Some(cue) = ctx.cues[c] else { continue };
        if in_quote[c] || cue.kind == CueKind::Source || (cue.kind == CueKind::Participle && !participle_acts(ctx, c)) {
            continue;
        }
        // Find the colon.
        let mut k = c + 1;
        let mut colon = None;
        while k < n && k <= c + 12 && !ctx.toks[k].line_start {
            let t = &ctx.toks[k];
            if ctx.is_punct(k, ":") {
                colon = Some(k);
                break;
            }
            if ctx.is_mark(k) || ctx.is_break(k) || (t.kind == TokKind::Arabic && vocab::is_complementizer(&t.norm)) || ctx.cues[k].is_some_and(|x| x.kind != CueKind::Source) {
                break;
            }
            k += 1;
        }
        let Some(colon) = colon else { continue };
        if colon > 0 && ctx.toks[colon - 1].kind == TokKind::Arabic && vocab::is_naming(ctx.norm(colon - 1)) {
            continue; // فيلم: الفهد الأسود
        }
        // The speaker's words between the cue and the colon: narration naming them ends the speech.
        let subject: Vec<&str> = (c + 1..colon)
            .filter(|&k| ctx.toks[k].kind == TokKind::Arabic && !vocab::is_stop(ctx.norm(k)) && ctx.norm(k).chars().count() >= 3)
            .map(|k| ctx.norm(k))
            .collect();
        let names_speaker = |k: usize| {
            let n = ctx.norm(k);
            let n2 = n.strip_prefix('و').unwrap_or(n);
            subject.iter().any(|w| *w == n || *w == n2)
        };
        let s = colon + 1;
        if s >= n || ctx.toks[s].line_start || !ctx.toks[s].is_word() || in_quote[s] {
            continue;
        }
        // To the end of the paragraph, or to a sentence starting with a cue.
        let mut e = s;
        while e < n && e - s < MAX_SPEECH && !(e > s && ctx.toks[e].line_start) {
            if ctx.is_break(e) && e + 1 < n && !ctx.toks[e + 1].line_start {
                let next_cue = (e + 1..(e + 3).min(n)).any(|j| ctx.cues[j].is_some_and(|x| x.kind != CueKind::Source) || names_speaker(j));
                if next_cue {
                    break;
                }
            }
            e += 1;
        }
        while e > s && (ctx.toks[e - 1].kind == TokKind::Punct) {
            e -= 1;
        }
        if words_in(ctx, s..e) < 2 {
            continue;
        }
        cands.push(Cand { kind: QuoteKind::Direct, span: ctx.toks[s].start..ctx.toks[e - 1].end, at: s, cue: Some(c), inherit: false, head: None });
    }
}

/// Reported speech: a cue, then أن / إن / أنه / بأن (or على after شدد, أكد ...) within its clause,
/// and the clause after it to the end of the sentence, to the next participle cue, or to the
/// next reporting clause. A name in marks between the cue and أن is skipped over.
fn indirect(ctx: &Ctx, in_quote: &[bool], pair_close: &[usize], cands: &mut Vec<Cand>) {
    let n = ctx.toks.len();
    let mut found: Vec<(usize, usize, usize)> = Vec::new(); // start, end (tokens), cue
    for c in 0..n {
        let Some(cue) = ctx.cues[c] else { continue };
        if cue.kind == CueKind::Source || !(cue.reports || cue.ala) {
            continue;
        }
        let mut k = c + 1;
        let mut comp = None;
        while k < n && k <= c + 14 && !ctx.toks[k].line_start {
            let t = &ctx.toks[k];
            if ctx.is_mark(k) {
                if pair_close[k] != NONE && !in_quote[(k + 1).min(n - 1)] && pair_close[k] > k {
                    k = pair_close[k] + 1;
                    continue;
                }
                break;
            }
            if ctx.is_break(k) || ctx.is_punct(k, ":") {
                break;
            }
            if t.kind == TokKind::Arabic {
                if cue.reports && vocab::is_complementizer(&t.norm) {
                    comp = Some(k);
                    break;
                }
                if cue.ala && is_ala(t.text(ctx.src)) && k <= c + 8 {
                    comp = Some(if k + 1 < n && vocab::is_complementizer(ctx.norm(k + 1)) { k + 1 } else { k });
                    break;
                }
                if ctx.cues[k].is_some_and(|x| x.kind != CueKind::Source) {
                    break;
                }
            }
            k += 1;
        }
        let Some(comp) = comp else { continue };
        let s = comp + 1;
        // A mark right after إن that opens an accepted direct quote: that quote only. A number
        // or a hashtag may open the clause (أن 3 مديريات, إن #موسكو), and so may a name in marks
        // (أن "فيستا 4" سيظل ...).
        if s >= n || ctx.toks[s].line_start {
            continue;
        }
        let opens = ctx.toks[s].is_word() || ctx.toks[s].kind == TokKind::Number || ctx.is_punct(s, "#");
        if !opens && !(ctx.is_mark(s) && s + 1 < n && !in_quote[s + 1]) {
            continue;
        }
        let mut e = s;
        while e < n && e - s < MAX_SPEECH && !(e > s && ctx.toks[e].line_start) && !ctx.is_break(e) {
            if e > s && in_quote[e] == in_quote[s] {
                let adverbial = ctx.cues[e].is_some_and(|x| x.kind == CueKind::Participle) && ctx.norm(e).ends_with('ا');
                if adverbial || (ctx.cues[e].is_some_and(|x| x.kind != CueKind::Source) && participle_acts(ctx, e)) {
                    break;
                }
                if ctx.is_punct(e, ":") {
                    break;
                }
            }
            e += 1;
        }
        // A clause that is one word and then a direct quote to its end: the direct quote only.
        if s + 2 < e && ctx.is_mark(s + 1) && pair_close.get(s + 1).is_some_and(|&pc| pc != NONE && pc + 2 >= e) {
            continue;
        }
        found.push((s, e, c));
    }
    // A reporting clause ends where the next, coordinated one starts (، وقال / مشيرا إلى أن);
    // a clause reported inside another (هناك من يقول إن ...) stays inside it.
    let mut skip = vec![false; found.len()];
    for i in 0..found.len() {
        let (s, mut e, c) = found[i];
        if skip[i] {
            continue;
        }
        if let Some(&(s2, _, c2)) = found.get(i + 1) {
            if s2 < e && c2 > s {
                let coordinated = ctx.cues[c2].is_some_and(|x| x.kind == CueKind::Participle)
                    || ctx.norm(c2).starts_with('و')
                    || ctx.toks[c2 - 1].is_punct(",")
                    || matches!(ctx.norm(c2 - 1), "عندما" | "حين" | "حينما" | "بينما" | "فيما" | "كما");
                if coordinated {
                    e = e.min(c2);
                } else {
                    skip[i + 1] = true;
                }
            }
        }
        while e > s && ctx.toks[e - 1].kind == TokKind::Punct && !ctx.is_mark(e - 1) {
            e -= 1;
        }
        while e > s && matches!(ctx.norm(e - 1), "عندما" | "حين" | "حينما" | "بينما" | "فيما" | "و" | "كما") {
            e -= 1;
        }
        while e > s && ctx.toks[e - 1].kind == TokKind::Punct && !ctx.is_mark(e - 1) {
            e -= 1;
        }
        if words_in(ctx, s..e) < 2 {
            continue;
        }
        cands.push(Cand { kind: QuoteKind::Indirect, span: ctx.toks[s].start..ctx.toks[e - 1].end, at: s, cue: Some(c), inherit: false, head: None });
    }
}

/// A participle acts as a cue when a complementizer, a colon or a mark follows it closely
/// (مشيرا إلى أن, قائلا: "...", مضيفة "...").
fn participle_acts(ctx: &Ctx, e: usize) -> bool {
    let n = ctx.toks.len();
    (e + 1..(e + 4).min(n)).any(|j| ctx.is_punct(j, ":") || ctx.is_mark(j) || (ctx.toks[j].kind == TokKind::Arabic && vocab::is_complementizer(ctx.norm(j))))
}

/// Labels that end in a colon without being a speaker.
const NOT_SPEAKERS: &[&str] = &["اقرا", "ايضا", "شاهد", "المصدر", "تنويه", "ملاحظه", "صور", "فيديو", "تابعوا", "رابط", "المصادر", "اضغط", "انظر", "اقرء", "تحديث", "عاجل", "تابع"];

/// Headline statements: a line `SPEAKER: statement` whose speaker part is a short phrase with
/// no cue (بيسكوف: لا معلومات لدينا ...).
fn headlines(ctx: &Ctx, cands: &mut Vec<Cand>) {
    let n = ctx.toks.len();
    let mut s = 0;
    while s < n {
        let mut e = s + 1;
        while e < n && !ctx.toks[e].line_start {
            e += 1;
        }
        let line = s..e;
        s = e;
        let Some(colon) = line.clone().take(7).find(|&k| ctx.is_punct(k, ":")) else { continue };
        let head = line.start..colon;
        if head.is_empty() || e - colon > 45 {
            continue;
        }
        if !head.clone().all(|k| ctx.toks[k].is_word()) || head.clone().any(|k| ctx.cues[k].is_some() || NOT_SPEAKERS.contains(&ctx.norm(k)) || vocab::is_stop(ctx.norm(k))) {
            continue;
        }
        if head.len() > 4 || head.clone().all(|k| ctx.mention_label(k) == Some(Label::LOC)) {
            continue; // a place as a topic label (الجزائر: ...)
        }
        let mut st = colon + 1;
        let mut en = e;
        while en > st && ctx.toks[en - 1].kind == TokKind::Punct && !ctx.is_mark(en - 1) {
            en -= 1;
        }
        if st < en && ctx.is_mark(st) && ctx.is_mark(en - 1) && en - st > 2 {
            st += 1;
            en -= 1;
        }
        if words_in(ctx, st..en) < 3 || (st..en).any(|k| ctx.is_break(k)) {
            continue;
        }
        cands.push(Cand { kind: QuoteKind::Headline, span: ctx.toks[st].start..ctx.toks[en - 1].end, at: st, cue: None, inherit: false, head: Some(head) });
    }
}
