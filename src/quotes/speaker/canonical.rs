//! Canonical names: what turns a chosen speaker span into the canonical string and cluster of
//! the quote's speaker. A named speaker takes the longest name in the text (a cluster's
//! canonical or another speaker's name) whose words include all of its words; a description
//! written earlier as the role of a name (رئيس مجلس إدارة البنك العربي صبيح المصري, المدرب
//! الإسباني روبرتو مارتينيز) is that person; a title with no name (الحارس الأسطوري) takes the
//! latest named person the history gives it.

use super::phrases::{name_run, skip_role, trim_role};
use super::{spk_from_mention, spk_from_tokens, Spk};
use super::super::{Ctx, FoundSpeaker};
use crate::hash::FxMap;
use crate::ner::tags::Label;
use crate::text::{normalize, TokKind};
use crate::vocab::{self, Gender};

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

/// The names and roles of a document that speakers are canonicalized against.
pub(super) struct Names {
    /// Every name in the text: its words, its text and its cluster.
    names: Vec<(Vec<String>, String, Option<usize>)>,
    /// A role (normalized) to the speaker written with it: an index into `snapshot`, or
    /// `usize::MAX - g` for the roles of cluster `g`.
    by_role: FxMap<String, usize>,
    /// The first four words of a role to its earliest entry in `by_role`.
    by_prefix: FxMap<String, usize>,
    /// A word to the names (indices into `names`) that have it, at most 32.
    by_word: FxMap<String, Vec<usize>>,
    /// The speakers of the quotes, then the role names written in the text.
    snapshot: Vec<Option<Spk>>,
}

impl Names {
    /// Collects the names and roles of the document and of the speakers `spks` (one per quote).
    pub(super) fn new(ctx: &Ctx, spks: &[Option<Spk>]) -> Names {
        let names = names_in_text(ctx, spks);
        let mut by_role = roles_written(ctx, spks);
        let role_names = role_names(ctx, spks.len(), &mut by_role);
        let by_word = index_words(&names);
        let by_prefix = index_prefixes(&by_role, spks.len());
        let mut snapshot = spks.to_vec();
        snapshot.extend(role_names);
        Names { names, by_role, by_prefix, by_word, snapshot }
    }

    /// The speaker of a quote as found: `s` with its canonical name and cluster; `fallback` is
    /// the latest named person when `s` is a title with no name.
    pub(super) fn speaker(&self, ctx: &Ctx, s: Spk, fallback: &Option<Spk>) -> FoundSpeaker {
        if !s.named && s.cluster.is_none() {
            let key = normalize(&ctx.src[s.span.clone()]);
            let found = self.by_role.get(&key).or_else(|| {
                let p = prefix4(&key)?;
                self.by_prefix.get(&p)
            });
            if let Some(&i) = found {
                if i < self.snapshot.len() {
                    if let Some(o) = &self.snapshot[i] {
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
        if let Some(f) = fallback {
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
            if let Some(list) = ws.last().and_then(|w| self.by_word.get(w.as_str())) {
                for &i in list {
                    let (nw, name, g) = &self.names[i];
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
    }
}

/// Every name in the text (its words, its text, its cluster): the canonicals of the clusters
/// of people, organizations and places, then the speakers' names that have no cluster.
fn names_in_text(ctx: &Ctx, spks: &[Option<Spk>]) -> Vec<(Vec<String>, String, Option<usize>)> {
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
    names
}

/// The roles written with a speaker's name (an index into `spks`), then the roles of the
/// clusters (`usize::MAX - g` for cluster `g`).
fn roles_written(ctx: &Ctx, spks: &[Option<Spk>]) -> FxMap<String, usize> {
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
    by_role
}

/// The names written after a role in the text, each added to `by_role` under its role (an index
/// `n_spks + i` for the `i`-th of them) when the role is not there yet.
fn role_names(ctx: &Ctx, n_spks: usize, by_role: &mut FxMap<String, usize>) -> Vec<Option<Spk>> {
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
                by_role.insert(key, n_spks + role_names.len());
                role_names.push(Some(name));
            }
        }
    }
    role_names
}

/// A word to the names that have it (at most 32 per word).
fn index_words(names: &[(Vec<String>, String, Option<usize>)]) -> FxMap<String, Vec<usize>> {
    let mut by_word: FxMap<String, Vec<usize>> = FxMap::default();
    for (i, (ws, _, _)) in names.iter().enumerate() {
        for w in ws {
            let v = by_word.entry(w.clone()).or_default();
            if v.len() < 32 {
                v.push(i);
            }
        }
    }
    by_word
}

/// The first four words of a role to its earliest entry in `by_role`.
fn index_prefixes(by_role: &FxMap<String, usize>, n_spks: usize) -> FxMap<String, usize> {
    let mut by_prefix: FxMap<String, usize> = FxMap::default();
    for (r, &i) in by_role {
        if let Some(p) = prefix4(r) {
            // The earliest speaker wins (independent of the map's order).
            let e = by_prefix.entry(p).or_insert(i);
            if by_role_rank(i, n_spks) < by_role_rank(*e, n_spks) {
                *e = i;
            }
        }
    }
    by_prefix
}
