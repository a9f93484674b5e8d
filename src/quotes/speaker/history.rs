//! History: who has been speaking. The speakers written at their cue (and headline speakers)
//! in text order, at most the latest 64 ([`History::record`]), and the speaker of the
//! latest direct quote (taken by a quote continued after a short break). A cue with no written
//! subject takes an earlier speaker from here ([`from_history`]); a title with no name takes
//! the latest named person ([`History::named_for_title`]).

use super::{gender_ok, Spk};
use super::super::{Ctx, QuoteKind};
use super::phrases::looks_plural;
use crate::ner::tags::Label;
use crate::vocab::{self, Gender};

/// An earlier speaker agreeing with `gender`, not `avoid`.
pub(super) fn from_history(hist: &[Spk], gender: Gender, avoid: Option<&Spk>) -> Option<Spk> {
    hist.iter()
        .rev()
        .take(8)
        .find(|s| gender_ok(s.gender, gender) && !(gender == Gender::Plural && (s.named || !looks_plural(&s.key))) && avoid.map_or(true, |a| a.span != s.span && (a.cluster.is_none() || a.cluster != s.cluster)))
        .cloned()
}

/// Who has been speaking, in text order.
#[derive(Default)]
pub(super) struct History {
    /// The speakers written at their cue, and headline speakers.
    pub(super) spoken: Vec<Spk>,
    /// The speaker of the latest direct quote.
    pub(super) last_direct: Option<Spk>,
}

impl History {
    /// Records the speaker `s` chosen for a quote of kind `kind`; `written` when it is written at
    /// the quote's cue (or is a headline's), which makes it an earlier speaker for later cues.
    pub(super) fn record(&mut self, kind: QuoteKind, s: &Option<Spk>, written: bool) {
        if written {
            if let Some(s) = s {
                self.spoken.push(s.clone());
            }
        }
        if kind == QuoteKind::Direct {
            self.last_direct = s.clone();
        }
        if self.spoken.len() > 64 {
            self.spoken.drain(..32);
        }
    }

    /// For a title with no name (وقال الحارس الأسطوري): the latest named person.
    pub(super) fn named_for_title(&self, ctx: &Ctx, s: Option<&Spk>) -> Option<Spk> {
        let hist = &self.spoken;
        let titled = s.is_some_and(|s| {
            !s.named && s.cluster.is_none() && {
                let first = s.key.split(' ').next().unwrap_or("");
                first.starts_with("ال") && vocab::is_role_head(first)
            }
        });
        if titled {
            let g = s.map_or(Gender::Any, |s| s.gender);
            hist.iter().rev().take(8).find(|h| h.named && gender_ok(h.gender, g) && h.cluster.map_or(true, |c| ctx.clusters.list.get(c).is_some_and(|x| x.label == Label::PER))).cloned()
        } else {
            None
        }
    }
}
