#!/usr/bin/env python3
"""Turn compact annotation specs into gold files (../shared/ANNOTATION.md format). Standard library only.

Texts are never copied into the repo: they are read from the ANT corpus in ../shared/data/news (or, for
news-train supplements, from ../shared/data/news-train; for quotes-dev and the seed, from ../shared/data/quotes-dev
and ../shared/examples) each time.

  annotate.py text DOCNO            print the article (title, blank line, body) as it will be annotated
  annotate.py quotes DOCNO          the quotes a news-train gold file has already (direct only)
  annotate.py check SPEC...         resolve specs, print every span in context and every problem
  annotate.py build                 specs/*.ann -> gold/*.gold.json, news-train/*.ann -> gold-news-train/
  annotate.py agree DIR_A DIR_B     entity F1 and speaker agreement between two annotations of the same docs
  annotate.py materialize OUT       OUT/NAME.txt + OUT/NAME.gold.json for training (pool gold, and news-train
                                    gold merged with its supplements)
  annotate.py temporal OUT          temporal/*.ann (dates, times, money, numbers) merged into the existing gold of
                                    their articles -> OUT/heldout/ (quotes-dev, seed), OUT/train/ (news-train) and
                                    OUT/unseen/, OUT/unseen2/, OUT/unseen3/ (other ANT articles, new types only),
                                    NAME.txt + NAME.gold.json
                                    with `labels`, for score.py docs

The spec format is described in annotation/GUIDE.md.
"""
import json, lzma, os, re, sys, unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = os.environ.get('MARSAD_SHARED', os.path.join(HERE, '..', '..', 'shared'))
NEWS = os.path.join(SHARED, 'data', 'news', 'ant-multisource-v2.1.jsonl.xz')
NEWS_TRAIN = os.path.join(SHARED, 'data', 'news-train')
QUOTES_DEV = os.path.join(SHARED, 'data', 'quotes-dev')
EXAMPLES = os.path.join(SHARED, 'examples')
POOL = os.path.join(SHARED, 'data', 'annotation-pool', 'docnos.txt')
CORE = ('PER', 'LOC', 'ORG')
EXTRA = ('DATE', 'TIME', 'MONEY', 'PERCENT', 'QUANTITY')
KINDS = ('direct', 'indirect', 'headline')
PROCLITICS = ('و', 'ف', 'ب', 'ل', 'ك')

_texts = {}


def pool_docnos():
    with open(POOL, encoding='utf-8') as f:
        return [l.strip() for l in f if l.strip()]


def load_texts(docnos):
    """docno -> text (title, blank line, body, newline), as news-train and quotes-dev lay it out."""
    want = set(docnos) - set(_texts)
    for d in list(want):
        p = text_path(d)
        if p:
            with open(p, encoding='utf-8') as f:
                _texts[d] = f.read()
            want.discard(d)
    if want:
        with lzma.open(NEWS, 'rt', encoding='utf-8') as f:
            for line in f:
                m = re.match(r'\{"docno": "([^"]+)"', line)
                if m and m.group(1) in want:
                    r = json.loads(line)
                    _texts[r['docno']] = r['title'] + '\n\n' + r['text'] + '\n'
                    want.discard(r['docno'])
                    if not want:
                        break
    if want:
        raise SystemExit('not in the ANT corpus: ' + ' '.join(sorted(want)))
    return {d: _texts[d] for d in docnos}


def text_path(docno):
    """The .txt of an article that already has gold in ../shared (news-train, quotes-dev, the seed), or None."""
    for d in (NEWS_TRAIN, QUOTES_DEV, EXAMPLES):
        p = os.path.join(d, docno + '.txt')
        if os.path.exists(p):
            return p
    return None


def is_word_char(c):
    cat = unicodedata.category(c)
    return cat[0] in 'LN' or cat == 'Mn' or c == '\u0640'


def left_ok(text, i):
    """An entity may start at i: at a word start, or after attached proclitics (و ف ب ل ك, up to two)."""
    if text[i].isdigit() and i > 0 and not (text[i - 1].isdigit() or text[i - 1] in '.,٫'):
        return True  # a number written onto the word before it (لمدة24 ساعة، في16 نيسان)
    j = i
    for _ in range(3):
        if j == 0 or not is_word_char(text[j - 1]):
            return True
        if j - 1 >= 0 and text[j - 1] == '\u0640':  # proclitic written with tatweel: لـCNN
            j -= 1
            continue
        if text[j - 1] in PROCLITICS:
            j -= 1
            continue
        return False
    return False


def right_ok(text, k):
    return k == len(text) or not is_word_char(text[k])


def occurrences(text, s):
    """(start, end) where string s stands as a name (proclitics allowed before, no letter after). A name that
    starts with the article also matches after ل+article contracted to لل (للأمم المتحدة -> لأمم المتحدة)."""
    out = set()
    pats = [s]
    if s.startswith('ال') and len(s) > 3:
        pats.append('ل' + s[2:])
    for n, pat in enumerate(pats):
        i = text.find(pat)
        while i >= 0:
            k = i + len(pat)
            if n == 0:
                ok = left_ok(text, i)
            else:  # the contracted form must follow another ل
                ok = i > 0 and text[i - 1] == 'ل' and left_ok(text, i - 1)
            if ok and right_ok(text, k):
                out.add((i, k))
            i = text.find(pat, i + 1)
    return sorted(out)


class Problem(Exception):
    pass


def parse_spec(path):
    """-> docno, list of entity rules, list of quote rules, extra header fields."""
    docno, ents, quotes, header = None, [], [], {}
    with open(path, encoding='utf-8') as f:
        lines = f.read().splitlines()
    for n, raw in enumerate(lines, 1):
        line = raw.strip()
        if not line or line.startswith('#'):
            continue
        where = f'{os.path.basename(path)}:{n}'
        if line.startswith('@'):
            key, _, val = line[1:].partition(' ')
            if key == 'doc':
                docno = val.strip()
            else:
                header[key] = val.strip()
            continue
        head, _, rest = line.partition(' ')
        rest = rest.strip()
        if head == 'Q':
            kind, _, body = rest.partition(' ')
            if kind not in KINDS:
                raise Problem(f'{where}: quote kind must be one of {KINDS}, not {kind!r}')
            body, arrow, names = body.partition('=>')
            if not arrow:
                raise Problem(f'{where}: a quote needs "=> speaker name | other name"')
            ctx = None
            if ' @ ' in body:
                body, ctx = body.split(' @ ', 1)
            parts = [p.strip() for p in body.split(' ~ ')]
            if len(parts) > 2 or not all(parts):
                raise Problem(f'{where}: quote text is "HEAD ~ TAIL" or the whole text')
            speakers = [s.strip() for s in names.split('|') if s.strip()]
            quotes.append({'kind': kind, 'head': parts[0], 'tail': parts[-1] if len(parts) == 2 else None,
                           'ctx': ctx.strip() if ctx else None, 'speaker': speakers, 'where': where})
            continue
        optional = head.endswith('?')
        lab = head.rstrip('?')
        if lab not in CORE + ('MISC',) + EXTRA:
            raise Problem(f'{where}: unknown line start {head!r}')
        value = None
        if lab in EXTRA and ' = ' in rest:
            rest, value = rest.rsplit(' = ', 1)
            value = value.strip()
            if value.startswith('{'):
                value = json.loads(value)
            elif lab in ('DATE', 'TIME'):  # ISO strings, even when they look like numbers (2018)
                pass
            else:
                try:
                    value = float(value) if '.' in value else int(value)
                except ValueError:
                    pass
        sel = None
        if ' @' in rest:
            rest, sel = rest.split(' @', 1)
            sel = sel.strip()
        ents.append({'label': lab, 'text': rest.strip(), 'optional': optional, 'sel': sel, 'value': value,
                     'where': where})
    if not docno:
        raise Problem(f'{path}: no "@doc DOCNO" line')
    return docno, ents, quotes, header


def resolve(text, ents, quotes):
    """Spec rules -> gold entities and quotes (code-point offsets); problems as a list of strings."""
    problems, cands = [], []
    for r in ents:
        occ = occurrences(text, r['text'])
        if not occ:
            problems.append(f"{r['where']}: {r['label']} {r['text']!r} is not in the text as a word")
            continue
        sel = r['sel']
        if sel:
            if re.fullmatch(r'[0-9, ]+', sel):
                idx = [int(x) for x in sel.replace(' ', '').split(',') if x]
                bad = [i for i in idx if not 1 <= i <= len(occ)]
                if bad:
                    problems.append(f"{r['where']}: {r['text']!r} has {len(occ)} occurrences, not {bad}")
                occ = [occ[i - 1] for i in idx if 1 <= i <= len(occ)]
            else:
                ctxs = []
                i = text.find(sel)
                while i >= 0:
                    ctxs.append((i, i + len(sel)))
                    i = text.find(sel, i + 1)
                kept = [(s, t) for s, t in occ if any(a <= s and t <= b for a, b in ctxs)]
                if not kept:
                    problems.append(f"{r['where']}: no occurrence of {r['text']!r} inside {sel!r}")
                occ = kept
        for s, t in occ:
            cands.append((s, t, r))
    # outermost spans win: longest first, then earlier rules
    cands.sort(key=lambda c: (-(c[1] - c[0]), c[0]))
    taken, out = [], []
    for s, t, r in cands:
        if any(a < t and s < b for a, b in taken):
            continue
        taken.append((s, t))
        e = {'start': s, 'end': t, 'label': r['label'], 'text': text[s:t]}
        if r['optional']:
            e['optional'] = True
        if r['value'] is not None:
            e['value'] = r['value']
        out.append(e)
    out.sort(key=lambda e: (e['start'], e['end']))
    gq, cursor = [], 0
    for q in quotes:
        lo, hi = 0, len(text)
        if q['ctx']:
            c = text.find(q['ctx'])
            if c < 0:
                problems.append(f"{q['where']}: context {q['ctx']!r} not in the text")
                continue
            lo, hi = c, c + len(q['ctx'])
        s = text.find(q['head'], max(lo, cursor) if not q['ctx'] else lo, hi)
        if s < 0 and not q['ctx']:
            s = text.find(q['head'], lo, hi)
        if s < 0:
            problems.append(f"{q['where']}: quote start {q['head']!r} not in the text")
            continue
        if q['tail']:
            e = text.find(q['tail'], s + len(q['head']) - len(q['tail']) if len(q['tail']) < len(q['head']) else s)
            if e < 0:
                problems.append(f"{q['where']}: quote end {q['tail']!r} not found after its start")
                continue
            e += len(q['tail'])
        else:
            e = s + len(q['head'])
        if '\n' in text[s:e] and q['kind'] != 'headline' and text[s:e].count('\n') > 3:
            problems.append(f"{q['where']}: quote spans {text[s:e].count(chr(10))} line breaks; check its end")
        for name in q['speaker']:
            if name not in text:
                problems.append(f"{q['where']}: speaker name {name!r} is not in the text")
        if not q['speaker']:
            problems.append(f"{q['where']}: no speaker")
        gq.append({'start': s, 'end': e, 'text': text[s:e], 'kind': q['kind'], 'speaker': q['speaker']})
        cursor = s + 1
    gq.sort(key=lambda q: (q['start'], q['end']))
    # A direct fragment may stand inside the indirect clause that reports it (nested); any other
    # overlap is a mistake.
    for i, a in enumerate(gq):
        for b in gq[i + 1:]:
            if b['start'] >= a['end']:
                break
            inside = (a['start'] <= b['start'] and b['end'] <= a['end']) or (b['start'] <= a['start'] and a['end'] <= b['end'])
            if not (inside and {a['kind'], b['kind']} == {'direct', 'indirect'}):
                problems.append(f"quotes overlap: {a['text'][:30]!r} and {b['text'][:30]!r}")
    return out, gq, problems


def spec_files(d):
    p = os.path.join(HERE, d)
    if not os.path.isdir(p):
        return []
    return sorted(os.path.join(p, f) for f in os.listdir(p) if f.endswith('.ann'))


def build_one(path, pool):
    docno, ents, quotes, header = parse_spec(path)
    in_temporal = os.path.basename(os.path.dirname(os.path.abspath(path))) in ('temporal', 'temporal-unseen2', 'temporal-unseen3')  # any ANT article
    if not text_path(docno) and docno not in pool and not in_temporal:
        raise Problem(f'{path}: {docno} is in neither the annotation pool nor news-train, quotes-dev, examples')
    text = load_texts([docno])[docno]
    ge, gq, problems = resolve(text, ents, quotes)
    gold = {'docno': docno, 'text_file': docno + '.txt', 'offsets': 'Unicode code points'}
    labels = sorted({e['label'] for e in ents if e['label'] in EXTRA})
    if labels:
        gold['labels'] = list(CORE) + [l for l in EXTRA if l in labels or l in header.get('labels', '')]
    gold['entities'] = ge
    gold['quotes'] = gq
    if header.get('annotator'):
        gold['annotator'] = header['annotator']
    return docno, text, gold, problems


def try_build(path, pool):
    """build_one, or None after printing why the spec cannot be read."""
    try:
        return build_one(path, pool)
    except Problem as e:
        print('ERROR', e)
        return None


def cmd_check(paths):
    pool = set(pool_docnos())
    bad = 0
    for p in paths:
        built = try_build(p, pool)
        if built is None:
            bad += 1
            continue
        docno, text, gold, problems = built
        print(f'== {docno}: {len(gold["entities"])} entities, {len(gold["quotes"])} quotes')
        for e in gold['entities']:
            ctx = text[max(0, e['start'] - 12):e['start']] + '[' + e['text'] + ']' + text[e['end']:e['end'] + 12]
            val = f" = {json.dumps(e['value'], ensure_ascii=False)}" if 'value' in e else ''
            print(f"  {e['label']}{'?' if e.get('optional') else ''} {e['start']}..{e['end']} {ctx!r}{val}")
        for q in gold['quotes']:
            t = q['text']
            print(f"  Q {q['kind']} {q['start']}..{q['end']} «{t[:40]}{'…' + t[-25:] if len(t) > 65 else t[40:]}» => {' | '.join(q['speaker'])}")
        for pr in problems:
            print('  PROBLEM', pr)
        bad += bool(problems)
    return 1 if bad else 0


def cmd_build():
    pool = set(pool_docnos())
    n_bad = 0
    for src, dst in (('specs', 'gold'), ('news-train', 'gold-news-train'), ('specs2', 'gold2'), ('temporal', 'gold-temporal')):
        files = spec_files(src)
        if not files:
            continue
        os.makedirs(os.path.join(HERE, dst), exist_ok=True)
        load_texts([parse_spec(p)[0] for p in files])
        for p in files:
            built = try_build(p, pool)
            if built is None:
                n_bad += 1
                continue
            docno, text, gold, problems = built
            for pr in problems:
                print('PROBLEM', pr)
            n_bad += bool(problems)
            with open(os.path.join(HERE, dst, docno + '.gold.json'), 'w', encoding='utf-8') as f:
                json.dump(gold, f, ensure_ascii=False, indent=0)
                f.write('\n')
        print(f'{src}: {len(files)} specs -> {dst}/')
    return 1 if n_bad else 0


def merged_news_train(docno, text):
    with open(os.path.join(NEWS_TRAIN, docno + '.gold.json'), encoding='utf-8') as f:
        gold = json.load(f)
    sup = os.path.join(HERE, 'gold-news-train', docno + '.gold.json')
    if os.path.exists(sup):
        with open(sup, encoding='utf-8') as f:
            extra = json.load(f)
        have = [(q['start'], q['end']) for q in gold['quotes']]
        for q in extra['quotes']:
            # Kept unless it crosses a gold direct quote (containing one is nesting, allowed).
            crosses = any(a < q['end'] and q['start'] < b and not (q['start'] <= a and b <= q['end']) for a, b in have)
            if q['kind'] != 'direct' and not crosses:
                gold['quotes'].append(q)
        gold['quotes'].sort(key=lambda q: (q['start'], q['end']))
        gold['quote_kinds'] = list(KINDS)
    else:
        gold['quote_kinds'] = ['direct']
    return gold


def cmd_materialize(out):
    os.makedirs(out, exist_ok=True)
    gdir = os.path.join(HERE, 'gold')
    pool_gold = sorted(f[:-10] for f in os.listdir(gdir) if f.endswith('.gold.json')) if os.path.isdir(gdir) else []
    nt = sorted(f[:-4] for f in os.listdir(NEWS_TRAIN) if f.endswith('.txt'))
    texts = load_texts(pool_gold + nt)
    for d in pool_gold + nt:
        if d in pool_gold:
            with open(os.path.join(gdir, d + '.gold.json'), encoding='utf-8') as f:
                gold = json.load(f)
            gold['quote_kinds'] = list(KINDS)
        else:
            gold = merged_news_train(d, texts[d])
        with open(os.path.join(out, d + '.txt'), 'w', encoding='utf-8') as f:
            f.write(texts[d])
        with open(os.path.join(out, d + '.gold.json'), 'w', encoding='utf-8') as f:
            json.dump(gold, f, ensure_ascii=False)
    print(f'{len(pool_gold)} pool articles + {len(nt)} news-train articles -> {out}')
    return 0


def cmd_temporal(out):
    """Each temporal spec's entities added to the article's existing gold (entities and quotes from ../shared),
    with `labels` listing every type, so score.py scores the new types there and the old ones as before."""
    n = 0
    for p in spec_files('temporal') + spec_files('temporal-unseen2') + spec_files('temporal-unseen3'):
        docno, ents, _, _ = parse_spec(p)
        src = text_path(docno)
        text = load_texts([docno])[docno]
        ge, _, problems = resolve(text, ents, [])
        if problems:
            raise Problem('; '.join(problems))
        if src:
            with open(src[:-4] + '.gold.json', encoding='utf-8') as f:
                gold = json.load(f)
            gold['entities'] = sorted([e for e in gold['entities'] if label_of(e) not in EXTRA] + ge,
                                      key=lambda e: (e['start'], e['end']))
            gold['labels'] = list(CORE) + list(EXTRA)
            sub = 'train' if os.path.dirname(src) == NEWS_TRAIN else 'heldout'
        else:  # an ANT article with no other gold: only the new types are scored (its PER/LOC/ORG figures mean nothing)
            gold = {'docno': docno, 'text_file': docno + '.txt', 'offsets': 'Unicode code points',
                    'labels': list(EXTRA), 'entities': ge, 'quotes': []}
            sub = {'temporal-unseen2': 'unseen2', 'temporal-unseen3': 'unseen3'}.get(os.path.basename(os.path.dirname(p)), 'unseen')
        sub = os.path.join(out, sub)
        os.makedirs(sub, exist_ok=True)
        with open(os.path.join(sub, docno + '.txt'), 'w', encoding='utf-8') as f:
            f.write(text)
        with open(os.path.join(sub, docno + '.gold.json'), 'w', encoding='utf-8') as f:
            json.dump(gold, f, ensure_ascii=False)
        n += 1
    print(f'{n} temporal specs -> {out}/heldout, {out}/train, {out}/unseen, {out}/unseen2, {out}/unseen3')
    return 0


def label_of(e):
    return (e.get('label') or '').upper()


def cmd_agree(a, b):
    """Entity F1 (exact span and label, optional spans neither rewarded nor penalized) and speaker agreement
    (quotes matched by half-union overlap within the kind group; speakers agree when a name is shared)."""
    A = {f[:-10] for f in os.listdir(a) if f.endswith('.gold.json')}
    B = {f[:-10] for f in os.listdir(b) if f.endswith('.gold.json')}
    both = sorted(A & B)
    tp = fp = fn = 0
    per = {l: [0, 0, 0] for l in CORE}
    qm = {k: [0, 0, 0] for k in KINDS}
    sp = {k: [0, 0] for k in KINDS}
    norm = lambda s: re.sub('[أإآٱ]', 'ا', s).replace('ى', 'ي').replace('ة', 'ه').strip()
    for d in both:
        ga = json.load(open(os.path.join(a, d + '.gold.json'), encoding='utf-8'))
        gb = json.load(open(os.path.join(b, d + '.gold.json'), encoding='utf-8'))
        opt = [(e['start'], e['end']) for g in (ga, gb) for e in g['entities'] if e.get('optional')]
        ea = {(e['start'], e['end'], e['label']) for e in ga['entities'] if not e.get('optional') and e['label'] in CORE}
        eb = {(e['start'], e['end'], e['label']) for e in gb['entities'] if not e.get('optional') and e['label'] in CORE}
        for x in ea - eb:
            if not any(s < x[1] and x[0] < t for s, t in opt):
                per[x[2]][2] += 1
        for x in eb - ea:
            if not any(s < x[1] and x[0] < t for s, t in opt):
                per[x[2]][1] += 1
        for x in ea & eb:
            per[x[2]][0] += 1
        used = set()
        for q in ga['quotes']:
            best = None
            for j, r in enumerate(gb['quotes']):
                if j in used or r['kind'] != q['kind']:
                    continue
                inter = max(0, min(q['end'], r['end']) - max(q['start'], r['start']))
                union = max(q['end'], r['end']) - min(q['start'], r['start'])
                if union and inter * 2 >= union:
                    best = j
                    break
            if best is None:
                qm[q['kind']][2] += 1
                continue
            used.add(best)
            qm[q['kind']][0] += 1
            r = gb['quotes'][best]
            sp[q['kind']][1] += 1
            sp[q['kind']][0] += bool({norm(x) for x in q['speaker']} & {norm(x) for x in r['speaker']})
        for j, r in enumerate(gb['quotes']):
            if j not in used:
                qm[r['kind']][1] += 1
    f1 = lambda t, p, n: 2 * t / (2 * t + p + n) if t else 0.0
    T = [sum(per[l][i] for l in CORE) for i in range(3)]
    print(f'{len(both)} articles annotated twice')
    print(f'entities PER/LOC/ORG F1 {f1(*T):.3f} (agreed {T[0]}, only in B {T[1]}, only in A {T[2]})')
    for l in CORE:
        print(f'  {l} F1 {f1(*per[l]):.3f} ({per[l][0]} / {per[l][1]} / {per[l][2]})')
    for k in KINDS:
        t, p, n = qm[k]
        s_ok, s_n = sp[k]
        print(f'{k} quotes F1 {f1(t, p, n):.3f} (both {t}, only B {p}, only A {n}); '
              f'speaker agreement {s_ok}/{s_n} = {s_ok / s_n if s_n else 0:.3f}')
    return 0


def main(argv):
    if len(argv) < 2:
        print(__doc__)
        return 2
    cmd = argv[1]
    try:
        if cmd == 'text':
            for d, t in load_texts(argv[2:]).items():
                sys.stdout.write(t)
            return 0
        if cmd == 'quotes':  # the quotes a news-train gold file already has
            for d in argv[2:]:
                with open(os.path.join(NEWS_TRAIN, d + '.gold.json'), encoding='utf-8') as f:
                    for q in json.load(f)['quotes']:
                        print(f"{q['kind']} {q['start']}..{q['end']} «{q['text']}» => {' | '.join(q['speaker'])}")
            return 0
        if cmd == 'check':
            return cmd_check(argv[2:])
        if cmd == 'build':
            return cmd_build()
        if cmd == 'agree':
            return cmd_agree(argv[2], argv[3])
        if cmd == 'materialize':
            return cmd_materialize(argv[2])
        if cmd == 'temporal':
            return cmd_temporal(argv[2])
    except Problem as e:
        print('ERROR', e)
        return 1
    print(__doc__)
    return 2


if __name__ == '__main__':
    sys.exit(main(sys.argv))
