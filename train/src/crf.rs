//! A linear-chain CRF trained by L-BFGS over marsad's BIOES tags and hashed features. The
//! objective is the negative log-likelihood plus an L2 penalty; a partly annotated sequence (latent
//! tags, see [`latent_allows`]) contributes the log of the probability of all the paths its
//! annotation allows (Tsuboi et al. 2008). Forward-backward runs in probability space with one
//! scale per position, on two threads.

use crate::learn::{Indexed, Learned};
use marsad::ner::tags::{allowed, latent_allows, may_end, NTAGS};

/// Negative log-likelihood of one sequence, its gradient added to `g`.
fn seq_nll(p: &[f64], nf: usize, d: &Indexed, g: &mut [f64], buf: &mut Buf) -> f64 {
    let n = d.tags.len();
    if n == 0 {
        return 0.0;
    }
    let (to, so) = (nf * NTAGS, nf * NTAGS + NTAGS * NTAGS);
    // Emission scores, then exp(score - max) per position.
    buf.em.clear();
    buf.shift.clear();
    for i in 0..n {
        let mut e = d.emission(i, p);
        if i == 0 {
            for t in 0..NTAGS {
                e[t] += p[so + t];
            }
        }
        let m = e.iter().cloned().fold(f64::NEG_INFINITY, f64::max);
        buf.shift.push(m);
        buf.em.push(std::array::from_fn(|t| (e[t] - m).exp()));
    }
    let tr: [[f64; NTAGS]; NTAGS] = std::array::from_fn(|a| std::array::from_fn(|b| if allowed(Some(a), b) { p[to + a * NTAGS + b].exp() } else { 0.0 }));
    let ends: [f64; NTAGS] = std::array::from_fn(|t| if may_end(t) { 1.0 } else { 0.0 });
    let starts: [f64; NTAGS] = std::array::from_fn(|t| if allowed(None, t) { 1.0 } else { 0.0 });
    // Free lattice (model expectations, +1) and the lattice the annotation allows (-1).
    let mut nll = 0.0;
    for (sign, constrained) in [(1.0f64, false), (-1.0, true)] {
        let mask = |i: usize, t: usize| if !constrained || latent_allows(d.tags[i], t) { 1.0 } else { 0.0 };
        let (alpha, beta, scale) = (&mut buf.alpha, &mut buf.beta, &mut buf.scale);
        alpha.clear();
        beta.clear();
        scale.clear();
        let mut a0: [f64; NTAGS] = std::array::from_fn(|t| buf.em[0][t] * starts[t] * mask(0, t));
        let c0: f64 = a0.iter().sum();
        if c0 <= 0.0 {
            return 0.0; // nothing allowed (cannot happen with well-formed tags)
        }
        a0.iter_mut().for_each(|x| *x /= c0);
        alpha.push(a0);
        scale.push(c0);
        for i in 1..n {
            let prev = alpha[i - 1];
            let mut a = [0f64; NTAGS];
            for b in 0..NTAGS {
                let mut s = 0.0;
                for x in 0..NTAGS {
                    s += prev[x] * tr[x][b];
                }
                a[b] = s * buf.em[i][b] * mask(i, b);
            }
            let c: f64 = a.iter().zip(&ends).map(|(x, e)| if i + 1 == n { x * e } else { *x }).sum();
            if c <= 0.0 {
                return 0.0;
            }
            if i + 1 == n {
                for t in 0..NTAGS {
                    a[t] *= ends[t];
                }
            }
            a.iter_mut().for_each(|x| *x /= c);
            alpha.push(a);
            scale.push(c);
        }
        if n == 1 {
            let a = &mut alpha[0];
            let c: f64 = a.iter().zip(&ends).map(|(x, e)| x * e).sum();
            if c <= 0.0 {
                return 0.0;
            }
            for t in 0..NTAGS {
                a[t] *= ends[t] / c;
            }
            scale[0] *= c;
        }
        // log Z = sum of log scales + the per-position shifts.
        let log_z: f64 = scale.iter().map(|c| c.ln()).sum::<f64>() + buf.shift.iter().sum::<f64>();
        nll += sign * log_z;
        beta.resize(n, [0.0; NTAGS]);
        beta[n - 1] = ends;
        for i in (0..n - 1).rev() {
            let next = beta[i + 1];
            let mut bb = [0f64; NTAGS];
            for a in 0..NTAGS {
                let mut s = 0.0;
                for x in 0..NTAGS {
                    s += tr[a][x] * buf.em[i + 1][x] * mask(i + 1, x) * next[x];
                }
                bb[a] = s / scale[i + 1];
            }
            beta[i] = bb;
        }
        // Marginals into the gradient.
        for i in 0..n {
            let m: [f64; NTAGS] = std::array::from_fn(|t| alpha[i][t] * beta[i][t]);
            for &f in &d.feats[d.offs[i] as usize..d.offs[i + 1] as usize] {
                let row = &mut g[f as usize * NTAGS..f as usize * NTAGS + NTAGS];
                for t in 0..NTAGS {
                    row[t] += sign * m[t];
                }
            }
            if i == 0 {
                for t in 0..NTAGS {
                    g[so + t] += sign * m[t];
                }
            } else {
                for a in 0..NTAGS {
                    if alpha[i - 1][a] == 0.0 {
                        continue;
                    }
                    for b in 0..NTAGS {
                        if tr[a][b] != 0.0 {
                            let e = alpha[i - 1][a] * tr[a][b] * buf.em[i][b] * mask(i, b) * beta[i][b] / scale[i];
                            g[to + a * NTAGS + b] += sign * e;
                        }
                    }
                }
            }
        }
    }
    nll
}

#[derive(Default)]
struct Buf {
    em: Vec<[f64; NTAGS]>,
    shift: Vec<f64>,
    alpha: Vec<[f64; NTAGS]>,
    beta: Vec<[f64; NTAGS]>,
    scale: Vec<f64>,
}

/// The regularized objective and its gradient, over all sequences (two threads).
fn objective(p: &[f64], nf: usize, data: &[Indexed], c2: f64, g: &mut [f64], g2: &mut [f64]) -> f64 {
    let half = data.len() / 2;
    let (a, b) = data.split_at(half);
    let mut f = std::thread::scope(|s| {
        let h = s.spawn(|| {
            g2.iter_mut().for_each(|x| *x = 0.0);
            let mut buf = Buf::default();
            b.iter().map(|d| seq_nll(p, nf, d, g2, &mut buf)).sum::<f64>()
        });
        g.iter_mut().for_each(|x| *x = 0.0);
        let mut buf = Buf::default();
        let f1: f64 = a.iter().map(|d| seq_nll(p, nf, d, g, &mut buf)).sum();
        f1 + h.join().expect("CRF worker")
    });
    for (x, y) in g.iter_mut().zip(g2.iter()) {
        *x += y;
    }
    for (x, gi) in p.iter().zip(g.iter_mut()) {
        f += 0.5 * c2 * x * x;
        *gi += c2 * x;
    }
    f
}

/// Trains the CRF by L-BFGS (history 6, backtracking line search) for at most `iters` iterations.
pub fn train(data: &[Indexed], nf: usize, c2: f64, iters: usize) -> Learned {
    let np = nf * NTAGS + NTAGS * NTAGS + NTAGS;
    let mut x = vec![0f64; np];
    let mut g = vec![0f64; np];
    let mut g2 = vec![0f64; np];
    let mut f = objective(&x, nf, data, c2, &mut g, &mut g2);
    const M: usize = 6;
    let mut hist: std::collections::VecDeque<(Vec<f64>, Vec<f64>, f64)> = std::collections::VecDeque::new();
    let dot = |a: &[f64], b: &[f64]| a.iter().zip(b).map(|(x, y)| x * y).sum::<f64>();
    let mut gnew = vec![0f64; np];
    let mut q = vec![0f64; np];
    let mut xnew = vec![0f64; np];
    for it in 0..iters {
        // Two-loop recursion: d = -H g.
        q.copy_from_slice(&g);
        let mut alphas = Vec::with_capacity(hist.len());
        for (s, y, rho) in hist.iter().rev() {
            let a = rho * dot(s, &q);
            q.iter_mut().zip(y).for_each(|(qi, yi)| *qi -= a * yi);
            alphas.push(a);
        }
        let gamma = hist.back().map_or(1.0 / dot(&g, &g).sqrt().max(1e-12), |(s, y, _)| dot(s, y) / dot(y, y));
        q.iter_mut().for_each(|v| *v *= gamma);
        for ((s, y, rho), a) in hist.iter().zip(alphas.iter().rev()) {
            let b = rho * dot(y, &q);
            q.iter_mut().zip(s).for_each(|(qi, si)| *qi += (a - b) * si);
        }
        q.iter_mut().for_each(|v| *v = -*v);
        let d = &q;
        let slope = dot(&g, d);
        if slope >= 0.0 {
            hist.clear();
            continue;
        }
        // Backtracking (Armijo).
        let mut step = 1.0;
        let mut fnew;
        loop {
            for i in 0..np {
                xnew[i] = x[i] + step * d[i];
            }
            fnew = objective(&xnew, nf, data, c2, &mut gnew, &mut g2);
            if fnew <= f + 1e-4 * step * slope || step < 1e-8 {
                break;
            }
            step *= 0.5;
        }
        let (mut s, mut y) = if hist.len() == M { hist.pop_front().map(|h| (h.0, h.1)).unwrap_or_default() } else { (vec![0f64; np], vec![0f64; np]) };
        for i in 0..np {
            s[i] = xnew[i] - x[i];
            y[i] = gnew[i] - g[i];
        }
        let sy = dot(&s, &y);
        if sy > 1e-12 {
            hist.push_back((s, y, 1.0 / sy));
        }
        let rel = (f - fnew).abs() / f.abs().max(1.0);
        std::mem::swap(&mut x, &mut xnew);
        std::mem::swap(&mut g, &mut gnew);
        f = fnew;
        if it % 10 == 0 {
            eprintln!("  CRF iteration {it}: objective {f:.1}, step {step}");
        }
        if rel < 1e-5 {
            break;
        }
    }
    let (to, so) = (nf * NTAGS, nf * NTAGS + NTAGS * NTAGS);
    let w: Vec<f32> = x[..to].iter().map(|&v| v as f32).collect();
    let tr: [[f32; NTAGS]; NTAGS] = std::array::from_fn(|a| std::array::from_fn(|b| x[to + a * NTAGS + b] as f32));
    let st: [f32; NTAGS] = std::array::from_fn(|t| x[so + t] as f32);
    (w, tr, st)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn data() -> Vec<Indexed> {
        // Two sequences over 5 features: a fully tagged one (O B-PER E-PER S-LOC) and a latent one.
        vec![
            Indexed { feats: vec![0, 1, 2, 3, 1, 4], offs: vec![0, 1, 3, 5, 6], tags: vec![0, 1, 3, 8] },
            Indexed { feats: vec![0, 2, 4], offs: vec![0, 1, 2, 3], tags: vec![marsad::ner::tags::LATENT_O, 4, 255] },
        ]
    }

    #[test]
    fn gradient_matches_finite_differences() {
        let d = data();
        let nf = 5;
        let np = nf * NTAGS + NTAGS * NTAGS + NTAGS;
        let mut seed = 7u64;
        let p: Vec<f64> = (0..np)
            .map(|_| {
                seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                ((seed >> 33) as f64 / (1u64 << 31) as f64 - 0.5) * 0.6
            })
            .collect();
        let (mut g, mut g2) = (vec![0f64; np], vec![0f64; np]);
        let f0 = objective(&p, nf, &d, 0.5, &mut g, &mut g2);
        assert!(f0.is_finite() && f0 > 0.0);
        let (mut gt, mut gt2) = (vec![0f64; np], vec![0f64; np]);
        // Emission weights of features 1 and 4, a transition B-PER → E-PER, a start score.
        for i in [NTAGS + 1, NTAGS + 3, 4 * NTAGS, nf * NTAGS + NTAGS + 3, nf * NTAGS + NTAGS * NTAGS + 1] {
            let h = 1e-6;
            let mut q = p.clone();
            q[i] += h;
            let fp = objective(&q, nf, &d, 0.5, &mut gt, &mut gt2);
            q[i] -= 2.0 * h;
            let fm = objective(&q, nf, &d, 0.5, &mut gt, &mut gt2);
            let num = (fp - fm) / (2.0 * h);
            assert!((num - g[i]).abs() < 1e-5 * (1.0 + num.abs()), "coordinate {i}: numeric {num}, analytic {}", g[i]);
        }
    }

    #[test]
    fn training_fits_the_tags() {
        let d = data();
        let (w, tr, st) = train(&d[..1], 5, 0.01, 50);
        let em: Vec<[f32; NTAGS]> = (0..4).map(|i| d[0].emission(i, &w)).collect();
        assert_eq!(marsad::ner::model::viterbi(&em, &tr, &st), d[0].tags);
    }
}
