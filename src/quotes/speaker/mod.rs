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
//!
//! The steps: [`phrases`] finds speaker candidates (the noun phrases around a cue, names,
//! roles, descriptions), [`choice`] chooses the speaker of each quote from its cue,
//! [`history`] keeps who has spoken so far, and [`canonical`] gives the chosen speaker its
//! canonical name and cluster. This module holds the speaker type ([`Spk`]) and runs the steps
//! in text order ([`resolve`]).

mod canonical;
mod choice;
mod history;
mod phrases;

use super::candidates::Cand;
use super::{Ctx, Found, NONE};
use crate::text::normalize;
use crate::vocab::{self, Gender};
use canonical::Names;
use history::History;
use std::ops::Range;

/// A speaker as found: its mention span, whether it is a name, and the gender the text gives it.
#[derive(Clone, Debug)]
struct Spk {
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

fn gender_ok(have: Gender, want: Gender) -> bool {
    !matches!((have, want), (Gender::Masc, Gender::Fem) | (Gender::Fem, Gender::Masc))
}

/// Resolves the speakers of the candidates (in text order) and builds the quotes.
pub(super) fn resolve(ctx: &Ctx, cands: Vec<Cand>) -> Vec<Found> {
    let (spks, last_named, written) = in_text_order(ctx, &cands);
    let names = Names::new(ctx, &spks);
    let mut out = Vec::with_capacity(cands.len());
    for (((c, s), fallback), written) in cands.into_iter().zip(spks).zip(last_named).zip(written) {
        let how = s.as_ref().map_or(0, |s| written as u8 | (s.named as u8) << 1);
        let speaker = s.map(|s| names.speaker(ctx, s, &fallback));
        out.push(Found {
            span: c.span,
            kind: c.kind,
            cue: c.cue.map(|k| ctx.toks[k].start..ctx.toks[k].end),
            speaker,
            how,
        });
    }
    out
}

/// The speaker chosen for each candidate, in text order, with the history of speakers kept
/// as it goes; and for each, the latest named person when the speaker is a title with no name.
fn in_text_order(ctx: &Ctx, cands: &[Cand]) -> (Vec<Option<Spk>>, Vec<Option<Spk>>, Vec<bool>) {
    let mut hist = History::default();
    let mut spks: Vec<Option<Spk>> = Vec::with_capacity(cands.len());
    let mut last_named: Vec<Option<Spk>> = Vec::with_capacity(cands.len());
    let mut written_at: Vec<bool> = Vec::with_capacity(cands.len());
    for c in cands {
        let (s, written) = choice::of_quote(ctx, c, &hist);
        hist.record(c.kind, &s, written);
        last_named.push(hist.named_for_title(ctx, s.as_ref()));
        spks.push(s);
        written_at.push(written);
    }
    (spks, last_named, written_at)
}
