//! Descriptions resolved to the entity they designate. A speaker the text gives only as a
//! description (وقال الرئيس الأمريكي, وأضافت المحكمة, واعتبرت السفارة) that the earlier steps
//! left unresolved takes the person or organization, mentioned before it, that the description
//! fits: its head noun is a word of the entity's name (المحكمة → المحكمة الجنائية الدولية) or of
//! a role the text gives the entity (الرئيس → الرئيس الأمريكي دونالد ترامب), and its modifiers
//! (الأمريكي, الروسية) agree with them. Of the entities that fit, the one with the most agreeing
//! modifiers wins, then the one mentioned last. The speaker's mention stays the description; its
//! canonical name and cluster become the entity's. A statement (وأضاف البيان) speaks for the
//! speaker before it.

use super::{Ctx, Found};
use crate::ner::tags::Label;
use crate::text::normalize;

/// The longest description looked at, in words.
const MAX_WORDS: usize = 5;

/// Words for a statement (البيان, الرسالة), as stems: a statement speaks for its issuer.
const STATEMENTS: [&str; 3] = ["بيان", "رسال", "تغريد"];

/// A word's matching form: normalized, without و/ف, ال, ل and a final ة/ه (الروسية ~ روسي).
fn stem(w: &str) -> String {
    let mut w = w;
    for p in ["وال", "فال", "بال", "لل", "ال"] {
        if let Some(r) = w.strip_prefix(p) {
            if r.chars().count() >= 2 {
                w = r;
                break;
            }
        }
    }
    let w = w.strip_suffix('ة').or_else(|| w.strip_suffix('ه')).filter(|r| r.chars().count() >= 2).unwrap_or(w);
    w.to_string()
}

pub(super) fn stems(s: &str) -> Vec<String> {
    normalize(s).split(|c: char| c.is_whitespace() || c == '_' || c == '-' || c == '#').filter(|w| w.chars().count() >= 2).map(stem).collect()
}

/// What is known of one entity: the stems of its names, the stems of its roles, and the byte
/// starts of its mentions in text order. Built once per document ([`entities`]), read here and by
/// the speaker ranker.
pub(super) struct Entity {
    pub name: Vec<String>,
    pub role: Vec<String>,
    starts: Vec<usize>,
}

/// The entity of each cluster that may speak (PER, ORG), `None` for the others.
pub(super) fn entities(ctx: &Ctx) -> Vec<Option<Entity>> {
    let mut ents: Vec<Option<Entity>> = Vec::with_capacity(ctx.clusters.list.len());
    for g in &ctx.clusters.list {
        ents.push(matches!(g.label, Label::PER | Label::ORG).then(|| {
            let mut name: Vec<String> = Vec::new();
            for &m in &g.mentions {
                name.extend(stems(&ctx.src[ctx.mentions[m].span.clone()]));
            }
            let role: Vec<String> = g.roles.iter().flat_map(|r| stems(r)).collect();
            let mut starts: Vec<usize> = g.mentions.iter().map(|&m| ctx.mentions[m].span.start).collect();
            starts.sort_unstable();
            Entity { name, role, starts }
        }));
    }
    ents
}

pub(super) fn resolve(ctx: &Ctx, ents: &[Option<Entity>], found: &mut [Found]) {
    // The latest speaker that is not a statement: who issued a statement cited next.
    let mut issuer: Option<(String, Option<usize>)> = None;
    for f in found.iter_mut() {
        let Some(s) = f.speaker.as_mut() else { continue };
        let text = &ctx.src[s.span.clone()];
        let ws = stems(text);
        if s.cluster.is_some() || s.canonical != text || ws.is_empty() || ws.len() > MAX_WORDS {
            issuer = Some((s.canonical.clone(), s.cluster));
            continue;
        }
        // وأضاف البيان: the statement's issuer, the speaker before it.
        if ws.len() == 1 && STATEMENTS.contains(&ws[0].as_str()) {
            if let Some((canonical, cluster)) = &issuer {
                s.canonical = canonical.clone();
                s.cluster = *cluster;
            }
            continue;
        }
        let (head, mods) = (&ws[0], &ws[1..]);
        let mut best: Option<((bool, usize, usize), usize)> = None;
        for (g, e) in ents.iter().enumerate() {
            let Some(e) = e else { continue };
            // The latest mention before the description.
            let last = match e.starts.partition_point(|&b| b < s.span.start) {
                0 => continue,
                k => e.starts[k - 1],
            };
            let is_org = ctx.clusters.list[g].label == Label::ORG;
            let fits = e.role.contains(head) || (is_org && e.name.contains(head));
            if !fits {
                continue;
            }
            let agree = mods.iter().filter(|m| e.role.contains(m) || e.name.contains(m)).count();
            let key = (agree == mods.len(), agree, last);
            if best.as_ref().map_or(true, |(b, _)| key > *b) {
                best = Some((key, g));
            }
        }
        if let Some(((all, _, _), g)) = best {
            if all {
                s.canonical = ctx.clusters.list[g].canonical.clone();
                s.cluster = Some(g);
            }
        }
        issuer = Some((s.canonical.clone(), s.cluster));
    }
}
