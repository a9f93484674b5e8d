//! The learned speaker ranker: a second look at every quote's speaker once the rules have
//! chosen them all. For each quote with a cue it lists the candidates — the rules' choice, the
//! people and organizations mentioned in the 150 tokens before the cue or in its sentence after
//! it, the speakers of the three quotes before, the document's two most mentioned people — and
//! scores each with a linear model over hashed features (the rules' choice, its position
//! relative to the cue in tokens, sentences and paragraphs, a preposition before it, whether it
//! sits inside a quote, how often and how early the document names it, whether it spoke just
//! before, whether a description chosen by the rules fits its roles, the cue's kind and gender),
//! and gives the quote the best one. Only speakers the rules did not find written at the cue are
//! ranked (a cue with no subject, a participle, a quote continued or with no cue). The weights (`model/speaker.bin`) are a log-linear model
//! trained by `marsad-train speaker` on the annotated news articles; see docs/quotes.md.
//!
//! The candidates and their features depend only on the rules' choices, never on the ranker's,
//! so training sees exactly what inference sees.

use super::coref::{stems, Entity};
use super::{Ctx, Found, FoundSpeaker, QuoteKind, NONE};
use crate::ner::tags::Label;
use crate::vocab::{self, CueKind, Gender};

/// log2 of the number of weight buckets (features are hashed into them).
pub const BITS: u32 = 15;
/// The model file: magic, then the non-zero weights as (bucket u32, weight f32) pairs, little
/// endian, in increasing bucket order.
pub const MAGIC: &[u8; 8] = b"MSPKR2\0\0";

/// How far before the cue candidates are looked for, in tokens.
const WINDOW: usize = 150;
/// How far after the cue (in its sentence), in tokens.
const AFTER: usize = 16;
/// How many quotes back the previous speakers are looked for.
const HISTORY: usize = 64;
/// At most this many candidates per quote.
const MAX_CANDS: usize = 16;

/// The ranker's weights, read in place from the model bytes (no parse on load): a binary
/// search over the sorted buckets.
#[derive(Clone, Copy)]
pub struct Ranker {
    pairs: &'static [u8],
}

static SPEAKER_BYTES: &[u8] = include_bytes!("../../model/speaker.bin");

impl Ranker {
    /// The shipped ranker, or `None` when the model file is empty or malformed.
    pub fn shipped() -> Option<Ranker> {
        Ranker::from_static(SPEAKER_BYTES)
    }

    pub fn from_static(b: &'static [u8]) -> Option<Ranker> {
        let pairs = b.strip_prefix(MAGIC.as_slice())?;
        (pairs.len() % 8 == 0).then_some(Ranker { pairs })
    }

    fn at(&self, i: usize) -> (u32, f32) {
        let p = &self.pairs[i * 8..i * 8 + 8];
        (u32::from_le_bytes([p[0], p[1], p[2], p[3]]), f32::from_le_bytes([p[4], p[5], p[6], p[7]]))
    }

    fn weight(&self, f: u32) -> f32 {
        let (mut lo, mut hi) = (0, self.pairs.len() / 8);
        while lo < hi {
            let mid = (lo + hi) / 2;
            let (k, w) = self.at(mid);
            match k.cmp(&f) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return w,
            }
        }
        0.0
    }

    pub fn score(&self, feats: &[u32]) -> f32 {
        feats.iter().map(|&f| self.weight(f)).sum()
    }
}

/// One speaker candidate of a quote: who, whether the rules chose it, and its features.
#[derive(Clone, Debug)]
pub struct Candidate {
    pub speaker: FoundSpeaker,
    pub rule: bool,
    pub feats: Vec<u32>,
}

/// A feature: its kind and value, hashed into a bucket.
fn feat(kind: u32, value: u32) -> u32 {
    let h = crate::hash::mix(crate::hash::mix(0x6d61_7273_6164, kind as u64), value as u64);
    (h >> (64 - BITS)) as u32
}

fn bucket(d: usize) -> u32 {
    match d {
        0 => 0,
        1 => 1,
        2 => 2,
        3..=4 => 3,
        5..=8 => 4,
        9..=15 => 5,
        16..=30 => 6,
        31..=60 => 7,
        61..=120 => 8,
        _ => 9,
    }
}

/// The token at or after byte `b`.
fn tok_at(ctx: &Ctx, b: usize) -> usize {
    ctx.toks.partition_point(|t| t.end <= b).min(ctx.toks.len().saturating_sub(1))
}

/// Where a candidate stands: its nearest mention before the cue and after it.
#[derive(Default, Clone)]
struct Place {
    before: Option<usize>,
    after: Option<usize>,
    mention: Option<usize>,
}

fn is_prep(w: &str) -> bool {
    matches!(w, "في" | "من" | "عن" | "على" | "الى" | "مع" | "بين" | "حول" | "ضد" | "لدى" | "عند" | "منذ" | "بعد" | "قبل")
}

/// Whether the token before `t` (or a proclitic glued to it) makes it an object.
fn after_prep(ctx: &Ctx, t: usize, span_start: usize) -> bool {
    let tok = &ctx.toks[t];
    let glued = span_start > tok.start && matches!(&ctx.src[tok.start..span_start], "ل" | "ب" | "لل" | "وب" | "ول" | "فل");
    glued || (t > 0 && is_prep(ctx.norm(t - 1)))
}

/// The candidates of each quote (empty for headlines, continued quotes and quotes the rules
/// gave no speaker).
pub(super) fn candidates(ctx: &Ctx, ents: &[Option<Entity>], found: &[Found]) -> Vec<Vec<Candidate>> {
    let n = ctx.toks.len();
    let nc = ctx.clusters.list.len();
    // How often and where first each cluster is mentioned.
    let mut count = vec![0usize; nc];
    let mut first = vec![usize::MAX; nc];
    for (m, &g) in ctx.clusters.of_mention.iter().enumerate() {
        if g < nc {
            count[g] += 1;
            first[g] = first[g].min(ctx.mentions[m].span.start);
        }
    }
    let mut salient: Vec<usize> = (0..nc).filter(|&g| ctx.clusters.list[g].label == Label::PER).collect();
    salient.sort_by_key(|&g| (std::cmp::Reverse(count[g]), first[g]));
    // Salience rank of each cluster: 0–2 for the three most mentioned people, 3 for the other
    // people, 4 for the rest.
    let mut rank = vec![4u32; nc];
    for (p, &g) in salient.iter().enumerate() {
        rank[g] = p.min(3) as u32;
    }
    let rank_of = |g: usize| rank[g];
    let first_para_end = ctx.toks.iter().skip(1).position(|t| t.line_start).map_or(n, |p| p + 1);
    let first_para_end = ctx.toks.get(first_para_end).map_or(usize::MAX, |t| t.start);
    let mut out = Vec::with_capacity(found.len());
    for (i, f) in found.iter().enumerate() {
        if f.kind == QuoteKind::Headline {
            out.push(Vec::new());
            continue;
        }
        let rule = f.speaker.as_ref();
        // The cue's token, or for a quote with no cue its first token.
        let a = tok_at(ctx, f.cue.as_ref().map_or(f.span.start, |c| c.start));
        // A speaker written at the cue (its subject, a source's phrase) is where the rules are
        // exact: not second-guessed (see docs/quotes.md for what ranking those too gave).
        // So is من جهته / من جانبه before the cue, which points away from the latest speaker.
        // The rules' choice is the only candidate (its features are never scored).
        if let Some(r) = rule.filter(|_| f.how & 1 == 1 || f.cue.is_some() && ctx.on_his_part_before(a)) {
            out.push(vec![Candidate { speaker: r.clone(), rule: true, feats: Vec::new() }]);
            continue;
        }
        let cue_info = if f.cue.is_some() { ctx.cues[a] } else { None };
        let cue_kind = cue_info.map_or(0, |c| match c.kind {
            CueKind::Verb => 1,
            CueKind::Participle => 2,
            CueKind::Source => 3,
        }) + (f.cue.is_none() as u32) * 4;
        let cue_gender = cue_info.map_or(0, |c| match c.gender {
            Gender::Any => 0,
            Gender::Masc => 1,
            Gender::Fem => 2,
            Gender::Plural => 3,
        });
        let kind = f.kind as u32;
        let sent = ctx.sentence_start(a);
        let (qs, qe) = (f.span.start, f.span.end);
        // Clusters near the cue.
        let mut places: Vec<(usize, Place)> = Vec::new();
        let place_of = |g: usize, t: usize, m: usize, places: &mut Vec<(usize, Place)>| {
            let k = match places.iter().position(|(x, _)| *x == g) {
                Some(k) => k,
                None => {
                    places.push((g, Place::default()));
                    places.len() - 1
                }
            };
            let p = &mut places[k].1;
            if t < a {
                if p.before.map_or(true, |b| t > b) {
                    p.before = Some(t);
                    p.mention = Some(m);
                }
            } else if p.after.is_none() {
                p.after = Some(t);
                if p.before.is_none() {
                    p.mention = Some(m);
                }
            }
        };
        let mut t = a.saturating_sub(WINDOW);
        let end = (a + AFTER).min(n);
        while t < end {
            if t > a && ctx.is_break(t - 1) {
                break;
            }
            let m = ctx.mention_of[t];
            let inside = ctx.toks[t].start >= qs && ctx.toks[t].end <= qe;
            if m != NONE && !inside && matches!(ctx.mentions[m].label, Label::PER | Label::ORG) {
                if let Some(&g) = ctx.clusters.of_mention.get(m) {
                    place_of(g, t, m, &mut places);
                }
                // Skip the rest of the mention.
                while t + 1 < end && ctx.mention_of[t + 1] == m {
                    t += 1;
                }
            }
            t += 1;
        }
        // The speakers of the three quotes before, by recency.
        let mut prev: Vec<Option<usize>> = Vec::new();
        let mut prev_keys: Vec<&str> = Vec::new();
        for q in found[i.saturating_sub(HISTORY)..i].iter().rev() {
            if let Some(s) = &q.speaker {
                if !prev_keys.contains(&s.canonical.as_str()) {
                    prev_keys.push(&s.canonical);
                    prev.push(s.cluster);
                }
            }
            if prev_keys.len() >= 3 {
                break;
            }
        }
        let mut groups: Vec<usize> = places.iter().map(|(g, _)| *g).collect();
        for g in prev.iter().flatten().chain(salient.iter().take(2)) {
            if !groups.contains(g) && ctx.clusters.list[*g].label != Label::LOC {
                groups.push(*g);
            }
        }
        // The rules' description (no cluster): its words for the fit with each cluster.
        let desc = rule.filter(|r| r.cluster.is_none()).map(|r| stems(&ctx.src[r.span.clone()])).filter(|w| !w.is_empty() && w.len() <= 5);
        let rule_cluster = rule.and_then(|r| r.cluster);
        let mut cands: Vec<Candidate> = Vec::new();
        let add = |speaker: FoundSpeaker, g: Option<usize>, place: Place, is_rule: bool, cands: &mut Vec<Candidate>| {
            let mut fs: Vec<u32> = Vec::with_capacity(32);
            let mut push = |k: u32, v: u32| fs.push(feat(k, v));
            let lab = match g.map(|g| ctx.clusters.list[g].label) {
                Some(Label::PER) => 1,
                Some(Label::ORG) => 2,
                Some(Label::LOC) => 4,
                Some(_) => 5,
                None => 3,
            };
            let r = is_rule as u32;
            push(1, r | kind << 1);
            // How the rules found their choice (written at the cue, a name), and its place.
            let how = if is_rule { 1 + f.how as u32 } else { 0 };
            push(25, how | lab << 3 | cue_kind << 6);
            push(2, lab | r << 4);
            push(3, r | cue_kind << 1 | lab << 4);
            push(4, r | cue_gender << 1 | lab << 4);
            // Position relative to the cue.
            let tb = place.before.or(place.after).unwrap_or(a);
            let after = tb > a;
            let d = if after { tb - a } else { a - tb };
            let b = bucket(d);
            push(5, b | (after as u32) << 4 | r << 5);
            if is_rule {
                push(26, 1 + f.how as u32 | b << 3 | (after as u32) << 7);
            }
            push(6, b | (after as u32) << 4 | cue_kind << 5);
            let same_sent = tb >= sent && (after || ctx.sentence_start(tb) == sent);
            push(7, same_sent as u32 | (after as u32) << 1 | r << 2 | cue_kind << 3);
            let pd = {
                let mut p = 0u32;
                let mut k = a;
                while k > tb && p < 3 {
                    let ps = ctx.para_start[k];
                    if ps <= tb {
                        break;
                    }
                    p += 1;
                    k = ps.saturating_sub(1);
                }
                p
            };
            push(8, pd | r << 2);
            if let Some(ta) = place.after {
                push(9, bucket(ta - a) | r << 4);
            }
            let span_start = place.mention.map_or(speaker.span.start, |m| ctx.mentions[m].span.start);
            let prep = after_prep(ctx, tb, span_start);
            push(10, prep as u32 | (after as u32) << 1 | r << 2);
            push(11, ctx.quoted.get(tb).copied().unwrap_or(false) as u32 | r << 1);
            if let Some(g) = g {
                push(12, bucket(count[g]).min(7) | lab << 4);
                push(13, rank_of(g) | r << 3);
                push(14, (first[g] < first_para_end) as u32 | lab << 1);
                push(20, (!ctx.clusters.list[g].roles.is_empty()) as u32 | r << 1 | lab << 2);
                // The gender the name or its roles show (فاطمة, الممثلة), against the cue's.
                let grp = &ctx.clusters.list[g];
                let first_word = crate::text::normalize(grp.canonical.split(' ').next().unwrap_or(""));
                let fem_name = vocab::looks_feminine(&first_word) as u32;
                let fem_role = grp.roles.iter().any(|r| vocab::looks_feminine(&crate::text::normalize(r.split(' ').next().unwrap_or("")))) as u32;
                push(24, fem_name | fem_role << 1 | cue_gender << 2 | lab << 4);
            }
            let pr = prev.iter().position(|&p| p.is_some() && p == g).map_or(0, |p| p as u32 + 1);
            let pr = if pr == 0 && g.is_none() && prev_keys.first() == Some(&speaker.canonical.as_str()) { 1 } else { pr };
            push(15, pr | cue_kind << 2 | r << 4);
            push(16, pr | same_sent as u32 * 4 | (after as u32) << 3);
            if let (Some(w), Some(e)) = (&desc, g.and_then(|g| ents.get(g)?.as_ref())) {
                let (roles, names) = (&e.role, &e.name);
                let head = roles.contains(&w[0]) as u32 | (names.contains(&w[0]) as u32) << 1;
                let agree = w[1..].iter().filter(|x| roles.contains(x) || names.contains(x)).count();
                let all = (agree == w.len() - 1) as u32;
                push(17, head | all << 2 | lab << 3);
            }
            if desc.is_some() {
                push(18, r | lab << 1 | cue_kind << 4);
            }
            if g.is_none() {
                // What kind of phrase a description is: a role or description head (الوزير,
                // مصدر), a definite noun, a preposition or a verbal noun (بعدم, توجيه اللوم).
                let w0 = crate::text::normalize(ctx.src[speaker.span.clone()].split(' ').next().unwrap_or(""));
                let words = ctx.src[speaker.span.clone()].split(' ').count();
                let shape = vocab::is_role_head(&w0) as u32
                    | (vocab::is_description_head(&w0) as u32) << 1
                    | (w0.starts_with("ال") as u32) << 2
                    | ((w0.starts_with('ب') || w0.starts_with('ل')) && !w0.starts_with("ال") && !w0.starts_with("لل")) as u32 * 8
                    | (vocab::is_stop(&w0) as u32) << 4;
                push(21, shape | r << 5);
                push(22, shape | (words.min(4) as u32) << 5 | cue_kind << 8);
                let fem = vocab::looks_feminine(&w0) as u32;
                push(23, fem | cue_gender << 1);
            }
            // Subject right after the cue, not an object.
            push(19, (after && d <= 3 && !prep) as u32 | r << 1 | lab << 2);
            fs.sort_unstable();
            fs.dedup();
            cands.push(Candidate { speaker, rule: is_rule, feats: fs });
        };
        // The rules' choice first.
        if let Some(rule) = rule {
            let rule_place = match rule.cluster.and_then(|g| places.iter().find(|(x, _)| *x == g)) {
                Some((_, p)) => p.clone(),
                None => {
                    let t = tok_at(ctx, rule.span.start);
                    if t < a {
                        Place { before: Some(t), after: None, mention: None }
                    } else {
                        Place { before: None, after: Some(t), mention: None }
                    }
                }
            };
            add(rule.clone(), rule.cluster, rule_place, true, &mut cands);
        }
        for g in groups {
            if cands.len() >= MAX_CANDS {
                break;
            }
            if Some(g) == rule_cluster {
                continue;
            }
            let place = places.iter().find(|(x, _)| *x == g).map(|(_, p)| p.clone()).unwrap_or_default();
            let m = place.mention.or_else(|| ctx.clusters.list[g].mentions.iter().rev().copied().find(|&m| ctx.mentions[m].span.end <= qs)).or_else(|| ctx.clusters.list[g].mentions.first().copied());
            let Some(m) = m else { continue };
            let place = if place.before.is_none() && place.after.is_none() {
                let t = tok_at(ctx, ctx.mentions[m].span.start);
                if t < a {
                    Place { before: Some(t), after: None, mention: Some(m) }
                } else {
                    Place { before: None, after: Some(t), mention: Some(m) }
                }
            } else {
                place
            };
            let speaker = FoundSpeaker { span: ctx.mentions[m].span.clone(), canonical: ctx.clusters.list[g].canonical.clone(), cluster: Some(g) };
            add(speaker, Some(g), place, false, &mut cands);
        }
        out.push(cands);
    }
    out
}

/// Gives each quote the candidate the ranker scores best (the rules' choice on ties).
pub(super) fn rerank(ctx: &Ctx, ents: &[Option<Entity>], found: &mut [Found], ranker: &Ranker) {
    let all = candidates(ctx, ents, found);
    for (f, cands) in found.iter_mut().zip(all) {
        let mut best: Option<(f32, usize)> = None;
        for (k, c) in cands.iter().enumerate() {
            let s = ranker.score(&c.feats);
            if best.map_or(true, |(b, _)| s > b) {
                best = Some((s, k));
            }
        }
        if let Some((_, k)) = best {
            if !cands[k].rule {
                f.speaker = Some(cands[k].speaker.clone());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn model(pairs: &[(u32, f32)]) -> &'static [u8] {
        let mut b = MAGIC.to_vec();
        for (k, w) in pairs {
            b.extend_from_slice(&k.to_le_bytes());
            b.extend_from_slice(&w.to_le_bytes());
        }
        Box::leak(b.into_boxed_slice())
    }

    #[test]
    fn weights_are_found_by_bucket() {
        let r = Ranker::from_static(model(&[(3, 0.5), (70, -2.0), (9000, 1.25)])).unwrap();
        assert_eq!(r.weight(3), 0.5);
        assert_eq!(r.weight(70), -2.0);
        assert_eq!(r.weight(9000), 1.25);
        assert_eq!(r.weight(4), 0.0);
        assert_eq!(r.score(&[3, 70, 9000, 5]), -0.25);
    }

    #[test]
    fn malformed_models_are_refused() {
        assert!(Ranker::from_static(b"").is_none());
        assert!(Ranker::from_static(b"MSPKR1\0\0\0\0\0\0").is_none());
        let mut odd = MAGIC.to_vec();
        odd.extend_from_slice(&[1, 2, 3]);
        assert!(Ranker::from_static(Box::leak(odd.into_boxed_slice())).is_none());
        assert!(Ranker::shipped().is_some(), "model/speaker.bin is a ranker");
    }

    #[test]
    fn features_stay_in_their_buckets() {
        for k in 0..40 {
            for v in 0..600 {
                assert!(feat(k, v) < 1 << BITS);
            }
        }
        assert_ne!(feat(1, 2), feat(2, 1));
    }
}
