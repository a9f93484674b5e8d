#!/usr/bin/env python3
"""Dates, times, money, percents and quantities through ../shared/tools/score.py.

  scripts/eval-temporal.py [--bin target/release/marsad] [--sets heldout,train,unseen,unseen2,unseen3] [--show]

Builds the gold of annotation/temporal/ (annotate.py temporal), analyzes every article with its document
date (the date in an ANT name, 2015-12-23 for the seed; see annotation/temporal/README.md), and prints
score.py's span F1 and value accuracy per label for each set. --show lists the misses and false alarms.
"""
import json, os, re, subprocess, sys, tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SHARED = os.environ.get('MARSAD_SHARED', os.path.join(ROOT, '..', 'shared'))
EXTRA = ('DATE', 'TIME', 'MONEY', 'PERCENT', 'QUANTITY')
SEED_DATE = '2015-12-23'


def doc_date(name):
    m = re.search(r'-(\d{4})(\d{2})(\d{2})$', name)
    return f'{m.group(1)}-{m.group(2)}-{m.group(3)}' if m else SEED_DATE


def main(argv):
    binary = os.path.join(ROOT, 'target', 'release', 'marsad')
    sets = ['heldout', 'train', 'unseen', 'unseen2', 'unseen3']
    show = '--show' in argv
    if '--bin' in argv:
        binary = argv[argv.index('--bin') + 1]
    if '--sets' in argv:
        sets = argv[argv.index('--sets') + 1].split(',')
    tmp = tempfile.mkdtemp(prefix='marsad-temporal-')
    subprocess.run([sys.executable, os.path.join(ROOT, 'annotation', 'annotate.py'), 'temporal', tmp], check=True,
                   stdout=subprocess.DEVNULL)
    for s in sets:
        gdir, sdir = os.path.join(tmp, s), os.path.join(tmp, s + '-sys')
        os.makedirs(sdir, exist_ok=True)
        names = sorted(f[:-4] for f in os.listdir(gdir) if f.endswith('.txt'))
        for name in names:
            out = subprocess.run([binary, 'analyze', os.path.join(gdir, name + '.txt'), '--date', doc_date(name)],
                                 check=True, capture_output=True).stdout
            with open(os.path.join(sdir, name + '.json'), 'wb') as f:
                f.write(out)
        res = json.loads(subprocess.run([sys.executable, os.path.join(SHARED, 'tools', 'score.py'), 'docs', gdir, sdir, '--json'],
                                        check=True, capture_output=True).stdout)
        print(f'== {s}: {len(names)} articles')
        for lab in EXTRA:
            v = res.get('extra', {}).get(lab)
            if not v:
                continue
            va = v['value_accuracy']
            print(f"  {lab:9} P {v['p']:.3f}  R {v['r']:.3f}  F1 {v['f1']:.3f}  gold {v['gold']:3}"
                  + (f"  value accuracy {va:.3f}" if va is not None else ''))
        if show:
            for name in names:
                text = open(os.path.join(gdir, name + '.txt'), encoding='utf-8').read()
                gold = json.load(open(os.path.join(gdir, name + '.gold.json'), encoding='utf-8'))
                syst = json.load(open(os.path.join(sdir, name + '.json'), encoding='utf-8'))
                units = text.encode('utf-16-le')
                cp = lambda u: len(units[:2 * u].decode('utf-16-le'))
                G = {(g['start'], g['end']): g for g in gold['entities'] if g['label'] in EXTRA}
                P = {(cp(e['start']), cp(e['end'])): e for e in syst['entities'] if e['label'] in EXTRA}
                for k, g in sorted(G.items()):
                    p = P.get(k)
                    if g.get('optional'):
                        continue
                    if not p or p['label'] != g['label']:
                        print(f"  MISS {name} {g['label']} «{g['text']}» = {json.dumps(g.get('value'), ensure_ascii=False)}"
                              + (f"  (got {p['label']})" if p else ''))
                    elif 'value' in g and not same(p.get('value'), g['value']):
                        print(f"  VALUE {name} {g['label']} «{g['text']}» gold {json.dumps(g['value'], ensure_ascii=False)}"
                              f" got {json.dumps(p.get('value'), ensure_ascii=False)}")
                for k, p in sorted(P.items()):
                    if k not in G and not any(a < k[1] and k[0] < b for (a, b), g in G.items() if g.get('optional')):
                        print(f"  FALSE {name} {p['label']} «{p['text']}» = {json.dumps(p.get('value'), ensure_ascii=False)}")
    return 0


def same(a, b):
    if isinstance(a, dict) and isinstance(b, dict):
        return all(same(a.get(k), b.get(k)) for k in set(a) | set(b))
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return abs(a - b) <= 1e-9 * max(1, abs(a), abs(b))
    return a == b


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
