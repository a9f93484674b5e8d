//! The shared view of the document for the quote finder ([`Ctx`]): tokens, the mention over
//! each token, each token's cue, paragraph starts, and the words the text marks as people's
//! names without the recognizer ([`person_words`]). Built once per document, read by every step.

use crate::hash::{FxMap, FxSet};
use crate::clusters::Clusters;
use crate::ner::tags::Label;
use crate::text::{TokKind, Token};
use crate::ner::Mention;
use crate::text::Doc;
use crate::vocab::{self, Cue, CueKind};

/// Shared view of the document for the quote finder.
pub(super) struct Ctx<'a> {
    pub src: &'a str,
    pub toks: &'a [Token],
    pub mentions: &'a [Mention],
    pub clusters: &'a Clusters,
    /// For each token, the mention that overlaps it (usize::MAX for none).
    pub mention_of: Vec<usize>,
    /// For each token, its cue entry.
    pub cues: Vec<Option<Cue>>,
    /// For each token, the index of the first token of its paragraph.
    pub para_start: Vec<usize>,
    /// For each token, whether it is inside an accepted quote (set once marks are paired).
    pub quoted: Vec<bool>,
    /// For each token, the byte where a person's name starts in it when the token is a word of
    /// a name the text marks as a person's without the recognizer (see [`person_words`]).
    pub person: Vec<usize>,
    /// For each token, whether its word is a role head (وزير, الرئيس; see [`vocab::is_role_head`]).
    pub role_head: Vec<bool>,
}

pub(super) const NONE: usize = usize::MAX;

impl<'a> Ctx<'a> {
    pub(super) fn new(doc: &'a Doc, mentions: &'a [Mention], clusters: &'a Clusters) -> Self {
        let toks = &doc.tokens[..];
        let mut mention_of = vec![NONE; toks.len()];
        let mut m = 0;
        for (i, t) in toks.iter().enumerate() {
            while m < mentions.len() && mentions[m].span.end <= t.start {
                m += 1;
            }
            if m < mentions.len() && mentions[m].span.start < t.end && t.start < mentions[m].span.end {
                mention_of[i] = m;
            }
        }
        let mut para_start = vec![0; toks.len()];
        let mut ps = 0;
        for (i, t) in toks.iter().enumerate() {
            if t.line_start {
                ps = i;
            }
            para_start[i] = ps;
        }
        // The lexicon is looked up once per word form (news repeat their words).
        let mut by_form: FxMap<&str, (Option<Cue>, bool)> = FxMap::default();
        let mut role_head = vec![false; toks.len()];
        let cues: Vec<Option<Cue>> = toks
            .iter()
            .enumerate()
            .map(|(i, t)| {
                if t.kind != TokKind::Arabic {
                    return None;
                }
                let &mut (raw, is_role) = by_form.entry(t.norm.as_str()).or_insert_with(|| (vocab::cue(&t.norm), vocab::is_role_head(&t.norm)));
                role_head[i] = is_role;
                // A word inside a name the recognizer found is no cue (شيانغ راي).
                if mention_of[i] != NONE {
                    return None;
                }
                let mut c = raw?;
                // "كما قال/نقل/ذكر X": a source, not the speaker of the sentence.
                if c.kind == CueKind::Verb && i > 0 && matches!(toks[i - 1].norm.as_str(), "كما" | "وكما" | "حسبما" | "بحسب" | "وفق") {
                    c.kind = CueKind::Source;
                    c.reports = false;
                }
                // "نقلا عن", "على لسان": markers only with their preposition.
                if t.norm == "لسان" && !(i > 0 && is_ala(toks[i - 1].text(doc.src))) {
                    return None;
                }
                Some(c)
            })
            .collect();
        let person = person_words(doc.src, toks, &cues, &mention_of);
        let quoted = vec![false; toks.len()];
        Ctx { src: doc.src, toks, mentions, clusters, mention_of, cues, para_start, quoted, person, role_head }
    }

    pub fn norm(&self, i: usize) -> &str {
        &self.toks[i].norm
    }

    pub fn is_punct(&self, i: usize, p: &str) -> bool {
        i < self.toks.len() && self.toks[i].is_punct(p)
    }

    /// A sentence break: . ! ? ؟ (a run of periods such as ".." is a pause, not a break).
    pub fn is_break(&self, i: usize) -> bool {
        let t = &self.toks[i];
        if t.kind != TokKind::Punct {
            return false;
        }
        match t.norm.as_str() {
            "!" | "?" => true,
            "." => {
                let prev_dot = i > 0 && self.toks[i - 1].is_punct(".") && touching(self.src, self.toks[i - 1].end, t.start);
                let next_dot = i + 1 < self.toks.len() && self.toks[i + 1].is_punct(".") && touching(self.src, t.end, self.toks[i + 1].start);
                // A period between letters with no space (آر.جيه.أو) is an abbreviation.
                let inner = i > 0
                    && i + 1 < self.toks.len()
                    && self.toks[i - 1].is_word()
                    && self.toks[i + 1].is_word()
                    && touching(self.src, self.toks[i - 1].end, t.start)
                    && touching(self.src, t.end, self.toks[i + 1].start);
                !prev_dot && !next_dot && !inner
            }
            _ => false,
        }
    }

    pub fn is_mark(&self, i: usize) -> bool {
        let t = &self.toks[i];
        t.kind == TokKind::Punct && crate::text::is_quote_mark(t.text(self.src))
    }

    /// The first token of the sentence containing token `i` (bounded look-back).
    pub fn sentence_start(&self, i: usize) -> usize {
        let ps = self.para_start[i];
        let mut k = i;
        while k > ps && i - k < 120 {
            if self.is_break(k - 1) {
                return k;
            }
            k -= 1;
        }
        k
    }

    /// Whether من جهته / من جانبه stands in the three tokens before token `c` (a cue).
    pub fn on_his_part_before(&self, c: usize) -> bool {
        (c.saturating_sub(3)..c).any(|k| k > 0 && vocab::is_on_his_part(self.norm(k)).is_some() && self.norm(k - 1) == "من")
    }

    pub fn mention_label(&self, i: usize) -> Option<Label> {
        let m = self.mention_of[i];
        (m != NONE).then(|| self.mentions[m].label)
    }
}

/// Words the text itself marks as people's names, so that speakers can be found where the
/// recognizer found nothing: hashtags (#أحلام, #عاصي_الحلاني), the word after a personal title
/// (الفنانة أحلام, المدرب رينارد), and a bare name right after a cue verb (وقال بوحجة). Every
/// occurrence of such a word (with و/ل/ب stripped) is marked, with the byte where the name
/// starts in its token, or NONE.
fn person_words(src: &str, toks: &[Token], cues: &[Option<Cue>], mention_of: &[usize]) -> Vec<usize> {
    let plain = |t: &Token| {
        t.kind == TokKind::Arabic
            && t.norm.chars().count() >= 3
            && !t.norm.starts_with("ال")
            && !vocab::is_stop(&t.norm)
            && !vocab::is_role_head(&t.norm)
            && !vocab::is_role_cont(&t.norm)
            && !vocab::is_description_head(&t.norm)
            && !vocab::is_complementizer(&t.norm)
            && vocab::cue(&t.norm).is_none()
    };
    let mut names: FxSet<&str> = FxSet::default();
    for i in 0..toks.len() {
        let t = &toks[i];
        let next = toks.get(i + 1).filter(|n| !n.line_start);
        if t.is_punct("#") {
            if let Some(n) = next.filter(|n| n.kind == TokKind::Arabic && touching(src, t.end, n.start)) {
                for w in n.norm.split('_') {
                    if w.chars().count() >= 3 && !vocab::is_stop(w) {
                        names.insert(w);
                    }
                }
            }
        } else if t.kind == TokKind::Arabic && t.norm.starts_with("ال") && vocab::is_role_head(&t.norm) {
            if let Some(n) = next.filter(|n| plain(n) && mention_of[i + 1] == NONE) {
                names.insert(n.norm.as_str());
            }
        } else if cues[i].is_some_and(|c| c.kind == CueKind::Verb) {
            if let Some(n) = next.filter(|n| plain(n) && mention_of[i + 1] == NONE) {
                names.insert(n.norm.as_str());
            }
        }
    }
    let mut out = vec![NONE; toks.len()];
    if names.is_empty() {
        return out;
    }
    for (i, t) in toks.iter().enumerate() {
        if t.kind != TokKind::Arabic {
            continue;
        }
        if names.contains(t.norm.as_str()) {
            out[i] = t.start;
            continue;
        }
        for p in ["و", "ل", "ب", "ول", "وب", "ف"] {
            if let Some(r) = t.norm.strip_prefix(p) {
                if r.chars().count() >= 3 && names.contains(r) {
                    out[i] = t.start + crate::text::byte_after_visible(&src[t.start..t.end], p.chars().count());
                    break;
                }
            }
        }
    }
    out
}

/// Whether two tokens touch: nothing but invisible marks and tatweel between them.
pub(super) fn touching(src: &str, end: usize, start: usize) -> bool {
    end <= start && src[end..start].chars().all(crate::text::is_ignorable)
}

/// Whether a word is the preposition على, however it is written (marks and diacritics inside).
pub(super) fn is_ala(text: &str) -> bool {
    crate::text::normalize_light(text) == "على"
}
