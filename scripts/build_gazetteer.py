#!/usr/bin/env python3
"""First lexicon for marsad's entity recognizer: names → label, from ../shared/data.

Deterministic: the same inputs give the same model/gazetteer.txt byte for byte. Reads ANERcorp *train*
only (never test), the country / territory / city lists, and nothing that is scored.
"""
import json, os, re, sys
from collections import Counter, defaultdict

SHARED = os.environ.get('MARSAD_SHARED', os.path.join(os.path.dirname(__file__), '..', '..', 'shared'))
DATA = os.path.join(SHARED, 'data')
OUT = os.path.join(os.path.dirname(__file__), '..', 'model', 'gazetteer.txt')

DIAC = re.compile('[\u0610-\u061A\u064B-\u065F\u0670\u0640\u200B-\u200F\u202A-\u202E]')


def norm(s):
    s = DIAC.sub('', s)
    s = re.sub('[أإآٱ]', 'ا', s).replace('ى', 'ي').replace('ة', 'ه').replace('ؤ', 'و').replace('ئ', 'ي')
    return ' '.join(s.lower().split())


def main():
    votes = defaultdict(Counter)
    # ANERcorp train entities, and how often each string is seen untagged.
    sents, cur = [], []
    for line in open(os.path.join(DATA, 'anercorp', 'train.txt'), encoding='utf-8'):
        line = line.rstrip('\n')
        if not line.strip():
            if cur:
                sents.append(cur)
            cur = []
            continue
        w, t = line.rsplit(' ', 1)
        cur.append((w, t))
    if cur:
        sents.append(cur)
    as_o = Counter()
    for s in sents:
        i = 0
        while i < len(s):
            w, t = s[i]
            if t.startswith('B-'):
                lab = t[2:]
                j = i + 1
                while j < len(s) and s[j][1] == 'I-' + lab:
                    j += 1
                name = norm(' '.join(x for x, _ in s[i:j]))
                votes[name][{'PERS': 'PER'}.get(lab, lab)] += 1
                i = j
            else:
                as_o[norm(w)] += 1
                i += 1
    out = {}
    for name, c in votes.items():
        lab, n = c.most_common(1)[0]
        if n >= as_o.get(name, 0) and len(name) > 1:
            out[name] = lab
    countries = json.load(open(os.path.join(DATA, 'gazetteers', 'countries-ar.i18n-iso-countries-7.14.0.json'), encoding='utf-8'))
    for v in countries['countries'].values():
        for n in (v if isinstance(v, list) else [v]):
            out.setdefault(norm(n), 'LOC')
    terr = json.load(open(os.path.join(DATA, 'gazetteers', 'territories-ar.cldr-48.2.0.json'), encoding='utf-8'))
    for v in terr['main']['ar']['localeDisplayNames']['territories'].values():
        out.setdefault(norm(v), 'LOC')
    cities = json.load(open(os.path.join(DATA, 'gazetteers', 'cities-ar.geonames-cities5000.json'), encoding='utf-8'))
    for c in cities:
        if c['population'] >= 100000:
            for n in c['arabic_strict']:
                if as_o.get(norm(n), 0) == 0:
                    out.setdefault(norm(n), 'LOC')
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, 'w', encoding='utf-8') as f:
        for name in sorted(out):
            f.write(f'{out[name]}\t{name}\n')
    print(f'{len(out)} names → {OUT}', file=sys.stderr)


if __name__ == '__main__':
    main()
