//! Who is who: groups the mentions of one person, place or organization and picks the canonical
//! (longest) name.

use crate::result::Label;
use crate::text::normalize;
use crate::{Doc, Mention};

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

/// Groups mentions: the same normalized name, or (for people) a name whose words are all words of
/// a longer name of the same label (لافروف with سيرغي لافروف).
pub fn build(doc: &Doc, mentions: &[Mention]) -> Clusters {
    let norms: Vec<String> = mentions.iter().map(|m| normalize(&doc.src[m.span.clone()])).collect();
    // Longest names first, so shorter mentions join the group of a longer one.
    let mut order: Vec<usize> = (0..mentions.len()).collect();
    order.sort_by_key(|&i| (std::cmp::Reverse(norms[i].split(' ').count()), i));
    let mut list: Vec<Group> = Vec::new();
    let mut keys: Vec<(Label, Vec<String>)> = Vec::new();
    let mut of_mention = vec![0; mentions.len()];
    for i in order {
        let words: Vec<String> = norms[i].split(' ').map(str::to_string).collect();
        let label = mentions[i].label;
        let found = keys.iter().position(|(l, k)| {
            *l == label && (k == &words || (label == Label::PER && words.iter().all(|w| k.contains(w))))
        });
        let g = match found {
            Some(g) => g,
            None => {
                list.push(Group { label, canonical: doc.src[mentions[i].span.clone()].to_string(), mentions: Vec::new(), roles: Vec::new() });
                keys.push((label, words));
                list.len() - 1
            }
        };
        list[g].mentions.push(i);
        of_mention[i] = g;
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
