//! Who is who: groups the mentions of one person, place or organization, picks the canonical
//! (longest) name, and attaches the roles the text gives it.
//!
//! Mentions are taken longest first; each joins the group with the same normalized name, or —
//! for people and organizations — a group whose name contains all of its words (لافروف joins
//! سيرغي لافروف; العفو الدولية joins منظمة العفو الدولية). Lookups go through hash maps keyed by
//! the normalized name and by its words, with a bounded number of candidates per word, so the
//! whole is linear in the number of mentions. Roles are the title phrase written right before a
//! mention (وزير الخارجية الروسي سيرغي لافروف) or right after it (ديميتري بيسكوف الناطق باسم
//! الرئاسة الروسية).

use crate::hash::FxMap;
use crate::vocab;
use crate::ner::tags::Label;
use crate::text::{normalize, TokKind};
use crate::ner::model::Lexicon;
use crate::ner::Mention;
use crate::text::Doc;

/// One group of mentions (indices into the mention list).
#[derive(Clone, Debug)]
pub struct Group {
    pub label: Label,
    pub canonical: String,
    pub mentions: Vec<usize>,
    pub roles: Vec<String>,
}

/// All groups, and for each mention the index of its group.
#[derive(Clone, Debug, Default)]
pub struct Clusters {
    pub list: Vec<Group>,
    pub of_mention: Vec<usize>,
}

/// How many groups one word may point to (keeps lookups bounded on huge texts).
const MAX_PER_WORD: usize = 16;

fn name_words(s: &str) -> Vec<String> {
    normalize(s).split(|c: char| c.is_whitespace() || c == '_' || c == '-').filter(|w| !w.is_empty()).map(str::to_string).collect()
}

/// A mention cut out of a word with ل + article (للنظام السوري → span لنظام السوري, whose ال
/// lost its alef after the preposition): the name with its article back (النظام), when that
/// form is better attested in the news than the bare one (للندن stays لندن). Returns the
/// normalized first word and the text's first word written with the article.
fn restored_article(lex: &Lexicon, doc: &Doc, m: &Mention, first: &str) -> Option<(String, String)> {
    let before = doc.src[..m.span.start].chars().rev().find(|&c| !crate::text::is_ignorable(c));
    if before != Some('ل') || !first.starts_with('ل') || first.starts_with("ال") || first.chars().count() < 3 {
        return None;
    }
    let with = format!("ا{first}");
    let freq = |w: &str| lex.get(w).map_or(0, |i| i.freq);
    (freq(&with) > freq(first)).then(|| (with, format!("ا{}", &doc.src[m.span.clone()])))
}

/// Groups mentions and attaches roles.
pub fn build(lex: &Lexicon, doc: &Doc, mentions: &[Mention]) -> Clusters {
    let mut canon_of: Vec<Option<String>> = vec![None; mentions.len()];
    let words: Vec<Vec<String>> = mentions
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let mut w = name_words(&doc.src[m.span.clone()]);
            if let Some((first, text)) = w.first().and_then(|f| restored_article(lex, doc, m, f)) {
                w[0] = first;
                canon_of[i] = Some(text);
            }
            w
        })
        .collect();
    // Longest names first, so shorter mentions join the group of a longer one.
    let mut order: Vec<usize> = (0..mentions.len()).collect();
    order.sort_by_key(|&i| (std::cmp::Reverse(words[i].len()), i));
    let mut list: Vec<Group> = Vec::new();
    let mut keys: Vec<Vec<String>> = Vec::new();
    let mut exact: FxMap<(Label, String), usize> = FxMap::default();
    let mut by_word: FxMap<(Label, String), Vec<usize>> = FxMap::default();
    let mut of_mention = vec![0; mentions.len()];
    for i in order {
        let label = mentions[i].label;
        let w = &words[i];
        let key = (label, w.join(" "));
        let mut found = exact.get(&key).copied();
        if found.is_none() && matches!(label, Label::PER | Label::ORG) && !w.is_empty() {
            // Candidates: groups sharing the last word; keep one that has every word.
            if let Some(cands) = w.last().and_then(|l| by_word.get(&(label, l.clone()))) {
                found = cands.iter().copied().find(|&g| {
                    let k = &keys[g];
                    k.len() > w.len() && w.iter().all(|x| k.contains(x)) && (label == Label::PER || w.len() >= 2 || k.len() <= 3)
                });
            }
        }
        let g = match found {
            Some(g) => g,
            None => {
                let canonical = canon_of[i].clone().unwrap_or_else(|| doc.src[mentions[i].span.clone()].to_string());
                list.push(Group { label, canonical, mentions: Vec::new(), roles: Vec::new() });
                keys.push(w.clone());
                let g = list.len() - 1;
                for x in w {
                    let v = by_word.entry((label, x.clone())).or_default();
                    if v.len() < MAX_PER_WORD {
                        v.push(g);
                    }
                }
                g
            }
        };
        exact.entry(key).or_insert(g);
        list[g].mentions.push(i);
        of_mention[i] = g;
    }
    // Roles, in order of first use.
    for (i, m) in mentions.iter().enumerate() {
        if !matches!(m.label, Label::PER | Label::ORG) {
            continue;
        }
        for r in roles_of(doc, mentions, i) {
            let g = &mut list[of_mention[i]];
            if !g.roles.contains(&r) {
                g.roles.push(r);
            }
        }
    }
    // Number groups in order of first mention.
    let mut first: Vec<(usize, usize)> = list.iter().enumerate().map(|(g, c)| (*c.mentions.iter().min().unwrap_or(&0), g)).collect();
    first.sort_unstable();
    let mut renum = vec![0; list.len()];
    for (new, &(_, old)) in first.iter().enumerate() {
        renum[old] = new;
    }
    let mut sorted: Vec<Option<Group>> = (0..list.len()).map(|_| None).collect();
    for (old, mut g) in list.into_iter().enumerate() {
        g.mentions.sort_unstable();
        sorted[renum[old]] = Some(g);
    }
    Clusters { list: sorted.into_iter().flatten().collect(), of_mention: of_mention.into_iter().map(|g| renum[g]).collect() }
}

/// The role phrases written right before and right after mention `i`.
fn roles_of(doc: &Doc, mentions: &[Mention], i: usize) -> Vec<String> {
    let toks = &doc.tokens;
    let m = &mentions[i];
    let mut out = Vec::new();
    let first = toks.partition_point(|t| t.end <= m.span.start);
    let last = toks.partition_point(|t| t.start < m.span.end); // one past the mention's last token
    if first >= toks.len() || first >= last {
        return out;
    }
    let other = |k: usize| -> bool {
        // Token k belongs to another mention.
        let p = mentions.partition_point(|x| x.span.end <= toks[k].start);
        p < mentions.len() && p != i && mentions[p].span.start < toks[k].end
    };
    // Before: back over role words to the farthest role head, within six tokens.
    let mut head = None;
    let mut k = first;
    while k > 0 && first - k < 6 {
        k -= 1;
        let t = &toks[k];
        if t.kind != TokKind::Arabic {
            break;
        }
        let n = strip_conj(&t.norm);
        if vocab::is_role_head(&t.norm) || vocab::is_role_head(n) {
            head = Some(k);
        } else if !(vocab::is_role_cont(n) || n.starts_with("ال") || n == "باسم" || other(k)) {
            break;
        }
        if t.line_start {
            break;
        }
    }
    if let Some(h) = head {
        if h < first {
            let w = &doc.src[toks[h].start..toks[h].end];
            let s = toks[h].start + if vocab::is_role_head(&toks[h].norm) { 0 } else { conj_len(w, &toks[h].norm) };
            out.push(doc.src[s..toks[first - 1].end].to_string());
        }
    }
    // An organization's kind written before it (شركة رولز رويس, صحيفة "ماركا"), when the
    // recognizer left it out of the name.
    if m.label == Label::ORG && head.is_none() {
        let mut k = first;
        while k > 0 && first - k < 2 && toks[k - 1].kind == TokKind::Punct && !toks[k].line_start && crate::text::is_quote_mark(&doc.src[toks[k - 1].start..toks[k - 1].end]) {
            k -= 1;
        }
        if k > 0 && !toks[k].line_start && toks[k - 1].kind == TokKind::Arabic && !other(k - 1) && vocab::is_org_kind(&toks[k - 1].norm) {
            let t = &toks[k - 1];
            let w = &doc.src[t.start..t.end];
            out.push(w[conj_len(w, &t.norm)..].to_string());
        }
    }
    // After: an optional comma, a role head, and its continuation (up to six words).
    let mut k = last;
    if k < toks.len() && toks[k].is_punct(",") && !toks[k].line_start {
        k += 1;
    }
    if k < toks.len() && !toks[k].line_start && toks[k].kind == TokKind::Arabic && vocab::is_role_head(&toks[k].norm) {
        let s = k;
        let mut e = k + 1;
        while e < toks.len() && e - s < 6 && !toks[e].line_start && toks[e].kind == TokKind::Arabic {
            let n = toks[e].norm.as_str();
            if vocab::is_stop(n) && n != "باسم" && n != "لدي" || vocab::is_complementizer(n) || vocab::cue(n).is_some() {
                break;
            }
            if !(vocab::is_role_cont(n) || n.starts_with("ال") || n == "باسم" || n == "لدي" || other(e) || e == s + 1) {
                break;
            }
            e += 1;
        }
        out.push(doc.src[toks[s].start..toks[e - 1].end].to_string());
    }
    out
}

fn strip_conj(n: &str) -> &str {
    match n.strip_prefix('و') {
        Some(r) if r.chars().count() >= 3 => r,
        _ => n,
    }
}

/// The byte length of a leading و in an original word (0 when it has none).
fn conj_len(word: &str, norm: &str) -> usize {
    if norm.starts_with('و') && word.starts_with('و') {
        'و'.len_utf8()
    } else {
        0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mention(src: &str, s: &str, label: Label) -> Mention {
        let start = src.find(s).unwrap();
        Mention { span: start..start + s.len(), label }
    }

    #[test]
    fn groups_short_names_with_full_names_and_attaches_roles() {
        let src = "وقال وزير الخارجية الروسي سيرغي لافروف إن موسكو مستعدة. وأضاف لافروف أن ديميتري بيسكوف الناطق باسم الرئاسة الروسية قال ذلك. وأكد بيسكوف ذلك.";
        let doc = Doc::new(src);
        let second_lavrov = src.find("وأضاف لافروف").unwrap() + "وأضاف ".len();
        let second_peskov = src.find("وأكد بيسكوف").unwrap() + "وأكد ".len();
        let mentions = vec![
            mention(src, "سيرغي لافروف", Label::PER),
            mention(src, "موسكو", Label::LOC),
            Mention { span: second_lavrov..second_lavrov + "لافروف".len(), label: Label::PER },
            mention(src, "ديميتري بيسكوف", Label::PER),
            Mention { span: second_peskov..second_peskov + "بيسكوف".len(), label: Label::PER },
        ];
        let c = build(&crate::ner::model().lex, &doc, &mentions);
        assert_eq!(c.of_mention[0], c.of_mention[2]);
        assert_eq!(c.of_mention[3], c.of_mention[4]);
        assert_ne!(c.of_mention[0], c.of_mention[3]);
        let lavrov = &c.list[c.of_mention[2]];
        assert_eq!(lavrov.canonical, "سيرغي لافروف");
        assert_eq!(lavrov.roles, ["وزير الخارجية الروسي"]);
        let peskov = &c.list[c.of_mention[4]];
        assert_eq!(peskov.canonical, "ديميتري بيسكوف");
        assert_eq!(peskov.roles, ["الناطق باسم الرئاسة الروسية"]);
        // Ids follow the order of first mention.
        assert_eq!(c.of_mention[0], 0);
        assert_eq!(c.of_mention[1], 1);
    }

    #[test]
    fn a_name_after_lil_joins_the_name_with_its_article() {
        // للنظام السوري: the span keeps لنظام (ANNOTATION: the preposition stays outside), the
        // cluster is that of النظام السوري; للندن stays لندن.
        let src = "قال النظام السوري إن الرسالة وصلت للنظام السوري ثم إلى لندن وللندن.";
        let at = |s: &str, label| {
            let i = src.rfind(s).unwrap();
            Mention { span: i..i + s.len(), label }
        };
        let ms = vec![mention(src, "النظام السوري", Label::ORG), at("لنظام السوري", Label::ORG), mention(src, "لندن", Label::LOC), at("لندن", Label::LOC)];
        let c = build(&crate::ner::model().lex, &Doc::new(src), &ms);
        assert_eq!(c.of_mention[0], c.of_mention[1]);
        assert_eq!(c.list[c.of_mention[1]].canonical, "النظام السوري");
        assert_eq!(c.of_mention[2], c.of_mention[3]);
        assert_eq!(c.list[c.of_mention[3]].canonical, "لندن");
    }

    #[test]
    fn places_group_only_by_the_same_name() {
        let src = "سورية والعراق وسورية";
        let doc = Doc::new(src);
        let iraq = src.find("العراق").unwrap();
        let syria2 = src.rfind("سورية").unwrap();
        let mentions = vec![
            Mention { span: 0.."سورية".len(), label: Label::LOC },
            Mention { span: iraq..iraq + "العراق".len(), label: Label::LOC },
            Mention { span: syria2..syria2 + "سورية".len(), label: Label::LOC },
        ];
        let c = build(&crate::ner::model().lex, &doc, &mentions);
        assert_eq!(c.list.len(), 2);
        assert_eq!(c.of_mention, [0, 1, 0]);
    }
}
