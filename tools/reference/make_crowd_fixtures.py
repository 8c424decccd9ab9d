#!/usr/bin/env python3
"""Reference values for the crowd-verification core (src/verify/core), written to test/fixtures/crowd/.

Run from the repository root: python3 tools/reference/make_crowd_fixtures.py
Needs numpy only (statsmodels is not installed; its formulas are written out here). Each quantity is computed along a
different path from the TypeScript code where one exists (explicit rater pairs for Krippendorff's alpha, bincount for
selection frequency, vectorised EM for Dawid-Skene), so agreement is evidence, not a copy.
"""
import json
import os

import numpy as np

OUT = os.path.join('test', 'fixtures', 'crowd')


def fleiss_kappa(counts):
    """Fleiss' kappa over units with >= 2 ratings, each unit with its own n (exactly Fleiss 1971 when n is constant)."""
    counts = np.asarray(counts, dtype=float)
    n = counts.sum(axis=1)
    keep = n >= 2
    c, n = counts[keep], n[keep]
    if len(n) == 0:
        return None
    p_u = (c * (c - 1)).sum(axis=1) / (n * (n - 1))
    p_k = c.sum(axis=0) / n.sum()
    pe = (p_k ** 2).sum()
    if pe == 1:
        return None
    return float((p_u.mean() - pe) / (1 - pe))


def fleiss_kappa_constant(counts):
    """The textbook (statsmodels.stats.inter_rater.fleiss_kappa) form, for tables with the same n in every row."""
    table = np.asarray(counts, dtype=float)
    n_sub, _ = table.shape
    n_rat = table.sum(1)[0]
    p_cat = table.sum(0) / (n_sub * n_rat)
    p_rat = ((table ** 2).sum(1) - n_rat) / (n_rat * (n_rat - 1.0))
    p_mean = p_rat.mean()
    p_mean_exp = (p_cat ** 2).sum()
    return float((p_mean - p_mean_exp) / (1 - p_mean_exp))


def krippendorff_alpha_pairs(values_by_unit, categories):
    """Nominal alpha from explicit ordered pairs of values within each unit (Krippendorff 2011, section C)."""
    index = {c: i for i, c in enumerate(categories)}
    k = len(categories)
    o = np.zeros((k, k))
    for vals in values_by_unit:
        m = len(vals)
        if m < 2:
            continue
        for i in range(m):
            for j in range(m):
                if i != j:
                    o[index[vals[i]], index[vals[j]]] += 1.0 / (m - 1)
    n_c = o.sum(axis=1)
    n = n_c.sum()
    off = ~np.eye(k, dtype=bool)
    expected = (np.outer(n_c, n_c) * off).sum()
    if expected == 0:
        return None
    return float(1 - (n - 1) * (o * off).sum() / expected)


def counts_to_values(counts):
    return [[c for c, v in enumerate(row) for _ in range(int(v))] for row in counts]


def agreement_cases():
    cases = []
    # Fleiss (1971) as worked on Wikipedia: 10 subjects, 14 raters, 5 categories, kappa = 0.210.
    wiki = [[0, 0, 0, 0, 14], [0, 2, 6, 4, 2], [0, 0, 3, 5, 6], [0, 3, 9, 2, 0], [2, 2, 8, 1, 1],
            [7, 7, 0, 0, 0], [3, 2, 6, 3, 0], [2, 5, 3, 2, 2], [6, 5, 2, 1, 0], [0, 2, 2, 3, 7]]
    cases.append({'name': 'fleiss-1971-wikipedia', 'counts': wiki, 'published': {'fleiss': 0.210}})
    # Krippendorff (2011) reliability data: 4 coders, 12 units, values 1..5, missing data; nominal alpha = 0.743.
    coders = [[1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None],
              [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, 3],
              [None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, None],
              [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None]]
    kripp = [[sum(1 for c in coders if c[u] == v) for v in range(1, 6)] for u in range(12)]
    cases.append({'name': 'krippendorff-2011', 'counts': kripp, 'published': {'krippendorff': 0.743}})
    rng = np.random.RandomState(20261128)
    for i in range(8):
        units = int(rng.randint(5, 60))
        base = rng.uniform(0.05, 0.95, size=units)
        n = rng.randint(0, 13, size=units) if i % 2 else np.full(units, 10)
        sel = rng.binomial(n, base)
        cases.append({'name': f'random-binary-{i}', 'counts': [[int(a - b), int(b)] for a, b in zip(n, sel)]})
    cases.append({'name': 'perfect-agreement', 'counts': [[10, 0], [0, 10], [10, 0], [0, 10]]})
    cases.append({'name': 'no-variation', 'counts': [[0, 10], [0, 10]]})
    cases.append({'name': 'single-raters', 'counts': [[1, 0], [0, 1]]})
    for case in cases:
        counts = case['counts']
        case['fleiss'] = fleiss_kappa(counts)
        case['krippendorff'] = krippendorff_alpha_pairs(counts_to_values(counts), list(range(len(counts[0]))))
        ns = {sum(r) for r in counts}
        if len(ns) == 1 and next(iter(ns)) >= 2 and case['fleiss'] is not None:
            assert abs(fleiss_kappa_constant(counts) - case['fleiss']) < 1e-12
    return cases


def frequency_case(seed, tasks, pairs, images_per_task, assignments, p_valid):
    rng = np.random.RandomState(seed)
    task_images = [rng.choice(pairs, size=images_per_task, replace=False) for _ in range(tasks)]
    assignment_task = rng.randint(0, tasks, size=assignments)
    valid = (rng.uniform(size=assignments) < p_valid).astype(int)
    vote_a, vote_ti, img_pair, img_a, img_sel = [], [], [], [], []
    starts = np.concatenate([[0], np.cumsum([len(t) for t in task_images])])
    for a, t in enumerate(assignment_task):
        sel = rng.uniform(size=images_per_task) < rng.uniform(0.1, 0.9)
        for j, p in enumerate(task_images[t]):
            img_pair.append(int(p)); img_a.append(a); img_sel.append(int(sel[j]))
            if sel[j]:
                vote_a.append(a); vote_ti.append(int(starts[t] + j))
    img_pair, img_a, img_sel = map(np.array, (img_pair, img_a, img_sel))
    ok = valid[img_a] == 1
    shown = np.bincount(img_pair[ok], minlength=pairs)
    selected = np.bincount(img_pair[ok], weights=img_sel[ok], minlength=pairs).astype(int)
    return {
        'pairCount': pairs,
        'taskStart': [int(s) for s in starts],
        'taskImagePair': [int(p) for t in task_images for p in t],
        'assignmentTask': [int(t) for t in assignment_task],
        'assignmentValid': [int(v) for v in valid],
        'voteAssignment': vote_a, 'voteTaskImage': vote_ti,
        'imageVotes': {'pair': img_pair.tolist(), 'assignment': img_a.tolist(), 'selected': img_sel.tolist()},
        'expected': {'selected': selected.tolist(), 'shown': shown.tolist()},
    }


def dawid_skene(items, workers, item, worker, y, clamp, max_iter=200, tol=1e-9, alpha=0.01):
    """Two-coin Dawid-Skene, vectorised with bincount; same update order and stopping rule as the TypeScript."""
    item, worker, y, clamp = map(np.asarray, (item, worker, y, clamp))
    free = clamp == -1
    n = np.bincount(item, minlength=items).astype(float)
    yes = np.bincount(item, weights=y, minlength=items)
    mu = np.where(free, np.where(n > 0, yes / np.maximum(n, 1), 0.5), clamp).astype(float)
    ll, it, converged = -np.inf, 0, False
    while it < max_iter:
        it += 1
        m = mu[item]
        pos = np.bincount(worker, weights=m, minlength=workers)
        neg = np.bincount(worker, weights=1 - m, minlength=workers)
        a = (alpha + np.bincount(worker, weights=m * y, minlength=workers)) / (2 * alpha + pos)
        b = (alpha + np.bincount(worker, weights=(1 - m) * (1 - y), minlength=workers)) / (2 * alpha + neg)
        prior = (alpha + mu[free].sum()) / (2 * alpha + free.sum()) if free.any() else 0.5
        l1 = np.bincount(item, weights=np.where(y == 1, np.log(a[worker]), np.log(1 - a[worker])), minlength=items)
        l0 = np.bincount(item, weights=np.where(y == 1, np.log(1 - b[worker]), np.log(b[worker])), minlength=items)
        x1, x0 = np.log(prior) + l1, np.log(1 - prior) + l0
        nxt = np.where(clamp == 1, l1, 0).sum() + np.where(clamp == 0, l0, 0).sum() + np.logaddexp(x1, x0)[free].sum()
        mu = np.where(free, 1 / (1 + np.exp(x0 - x1)), mu)
        if it > 1 and abs(nxt - ll) < tol * max(1, abs(nxt)):
            ll, converged = nxt, True
            break
        ll = nxt
    return {'posterior': mu.tolist(), 'sensitivity': a.tolist(), 'specificity': b.tolist(), 'prior': float(prior),
            'logLikelihood': float(ll), 'iterations': it, 'converged': converged}


def ds_case(seed, items, workers, per_item, n_controls):
    rng = np.random.RandomState(seed)
    truth = (rng.uniform(size=items) < 0.6).astype(int)
    sens = rng.uniform(0.6, 0.98, size=workers)
    spec = rng.uniform(0.6, 0.98, size=workers)
    item, worker, y = [], [], []
    for i in range(items):
        for w in rng.choice(workers, size=per_item, replace=False):
            p = sens[w] if truth[i] else 1 - spec[w]
            item.append(i); worker.append(int(w)); y.append(int(rng.uniform() < p))
    clamp = np.full(items, -1)
    clamp[:n_controls] = truth[:n_controls]
    inp = {'items': items, 'workers': workers, 'item': item, 'worker': worker, 'y': y, 'clamp': clamp.tolist()}
    return {'input': inp, 'expected': dawid_skene(items, workers, item, worker, y, clamp)}


def main():
    os.makedirs(OUT, exist_ok=True)
    fixtures = {
        'generator': f'tools/reference/make_crowd_fixtures.py (numpy {np.__version__})',
        'agreement': agreement_cases(),
        'frequency': [frequency_case(1, 6, 40, 12, 50, 0.8), frequency_case(2, 30, 300, 48, 400, 0.7)],
        'dawidSkene': [ds_case(3, 60, 8, 5, 6), ds_case(4, 300, 25, 7, 30), ds_case(5, 40, 6, 3, 0)],
    }
    with open(os.path.join(OUT, 'reference.json'), 'w') as f:
        json.dump(fixtures, f, separators=(',', ':'))
        f.write('\n')
    for c in fixtures['agreement']:
        print(f"{c['name']:24s} fleiss={c['fleiss']} krippendorff={c['krippendorff']}")


if __name__ == '__main__':
    main()
