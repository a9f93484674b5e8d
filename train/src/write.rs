//! The model file writer: the exact inverse of `marsad::ner::model::Model::from_bytes` (the format
//! is described there).

use marsad::ner::model::{encode_words, Model, Weights, FORMAT_VERSION};
use marsad::ner::tags::NTAGS;

fn u32_le(out: &mut Vec<u8>, x: usize) {
    out.extend_from_slice(&(x as u32).to_le_bytes());
}

/// Words joined by '\n': count, byte length, bytes.
fn joined<'a>(out: &mut Vec<u8>, words: impl ExactSizeIterator<Item = &'a str>) {
    u32_le(out, words.len());
    let s: Vec<&str> = words.collect();
    let s = s.join("\n");
    u32_le(out, s.len());
    out.extend_from_slice(s.as_bytes());
}

/// Feature keys as varint deltas, the scale, each feature's tag mask (3 bytes: bit t, tag t's
/// weight is not zero), then the weights that are not zero, feature by feature.
fn weights(out: &mut Vec<u8>, w: &Weights) {
    let rows = w.rows();
    u32_le(out, rows.len());
    let mut prev = 0u32;
    for &(k, _) in &rows {
        let mut d = k - prev;
        prev = k;
        loop {
            let b = (d & 0x7f) as u8;
            d >>= 7;
            if d == 0 {
                out.push(b);
                break;
            }
            out.push(b | 0x80);
        }
    }
    out.extend_from_slice(&w.scale.to_le_bytes());
    for (_, r) in &rows {
        let m = (0..NTAGS).filter(|&t| r[t] != 0).fold(0u32, |m, t| m | 1 << t);
        out.extend_from_slice(&m.to_le_bytes()[..3]);
    }
    for (_, r) in &rows {
        out.extend(r.iter().filter(|&&x| x != 0).map(|&x| x as u8));
    }
}

/// Serializes a model.
pub fn model_bytes(m: &Model) -> Vec<u8> {
    let mut out = Vec::new();
    out.extend_from_slice(b"MNER");
    out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
    let words = &m.lex.entries();
    let (coded, blocks) = encode_words(words.iter().map(|(w, _)| w.as_bytes())).expect("the lexicon's words are sorted, unique and short");
    u32_le(&mut out, words.len());
    u32_le(&mut out, coded.len());
    out.extend_from_slice(&coded);
    for o in blocks {
        out.extend_from_slice(&o.to_le_bytes());
    }
    for (_, i) in words {
        out.extend_from_slice(&i.cluster.to_le_bytes());
    }
    out.extend(words.iter().map(|(_, i)| i.coarse));
    out.extend(words.iter().map(|(_, i)| i.freq));
    for (_, i) in words {
        out.extend_from_slice(&i.flags.to_le_bytes());
    }
    out.extend(words.iter().map(|(_, i)| i.pctx));
    out.extend(words.iter().map(|(_, i)| i.art));
    out.extend(words.iter().map(|(_, i)| i.lctx));
    let phrases = &m.lex.phrase_entries();
    joined(&mut out, phrases.iter().map(|(p, _)| p.as_str()));
    out.extend(phrases.iter().map(|(_, k)| *k as u8));
    weights(&mut out, &m.weights);
    for row in &m.trans {
        for x in row {
            out.extend_from_slice(&x.to_le_bytes());
        }
    }
    for x in &m.start {
        out.extend_from_slice(&x.to_le_bytes());
    }
    out
}
