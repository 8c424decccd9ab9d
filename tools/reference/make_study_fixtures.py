#!/usr/bin/env python3
"""Reference values for the study statistics (test/analyze/reference.test.ts), from numpy and scipy.

Writes test/fixtures/analyze/study-reference.json:
- fits: scipy.stats.linregress of g(new) on g(original) for linear/probit/logit, and effective robustness;
- band: the percentile bootstrap of that fit under a fixed resample plan (the index matrix is in the file, so the
  TypeScript test replays exactly these resamples), percentiles with numpy's default (type 7, 'linear');
- rank: scipy.stats.kendalltau (tau-b) and spearmanr, with Fisher-z intervals (FHP and Bonett-Wright standard errors);
- bh: scipy.stats.false_discovery_control(method='bh') and a plain numpy implementation (they must agree);
- meanDiff: the image-level mean difference and its normal interval; agreement: pairwise top-1 agreement.

Run from the repository root: python3 tools/reference/make_study_fixtures.py  (numpy 2.x, scipy >= 1.11).
"""
import json
import numpy as np
from scipy import stats

OUT = 'test/fixtures/analyze/study-reference.json'
rs = np.random.RandomState(20190601)

# A study of 12 models: original accuracy 0.55..0.93 on n=10000, new accuracy on a harder set, slope > 1 on probit.
N_ORIG, N_NEW = 10000, 10000
orig_acc = np.sort(rs.uniform(0.55, 0.93, 12))
new_true = stats.norm.cdf(1.15 * stats.norm.ppf(orig_acc) - 0.35)
orig_correct = np.round(orig_acc * N_ORIG).astype(int)
new_correct = rs.binomial(N_NEW, new_true)
models = [f'm{i:02d}' for i in range(12)]
x = orig_correct / N_ORIG
y = new_correct / N_NEW

G = {
    'linear': (lambda p: p, lambda z: z),
    'probit': (stats.norm.ppf, stats.norm.cdf),
    'logit': (lambda p: np.log(p) - np.log1p(-p), lambda z: 1 / (1 + np.exp(-z))),
}

fits = {}
for name, (g, ginv) in G.items():
    r = stats.linregress(g(x), g(y))
    er = y - ginv(r.slope * g(x) + r.intercept)
    fits[name] = {'slope': r.slope, 'intercept': r.intercept, 'r2': r.rvalue ** 2, 'effectiveRobustness': er.tolist()}

# Band under a fixed resample plan.
R = 400
plan = rs.randint(0, len(x), size=(R, len(x)))
assert all(len(set(x[row])) > 1 for row in plan)
grid = [0.6, 0.7, 0.8, 0.9]
bands = {}
for name, (g, ginv) in G.items():
    gx, gy = g(x), g(y)
    slopes, inters, preds = [], [], []
    for row in plan:
        A = np.vstack([gx[row], np.ones(len(row))]).T
        (a, b), *_ = np.linalg.lstsq(A, gy[row], rcond=None)
        slopes.append(a)
        inters.append(b)
        preds.append(ginv(a * g(np.array(grid)) + b))
    preds = np.array(preds)
    bands[name] = {
        'slope': np.percentile(slopes, [2.5, 97.5]).tolist(),
        'intercept': np.percentile(inters, [2.5, 97.5]).tolist(),
        'lower': np.percentile(preds, 2.5, axis=0).tolist(),
        'upper': np.percentile(preds, 97.5, axis=0).tolist(),
    }

# Rank correlations.
z975 = stats.norm.ppf(0.975)
def fisher(r, se):
    c = np.arctanh(r)
    return [float(np.tanh(c - z975 * se)), float(np.tanh(c + z975 * se))]
rank_cases = []
vectors = [
    (x.tolist(), y.tolist()),
    ([1, 2, 3, 4, 5, 6, 7, 8], [2, 1, 4, 3, 6, 5, 8, 7]),
    ([1, 2, 2, 3, 4, 4, 4, 5, 6, 7], [3, 1, 2, 2, 5, 4, 6, 6, 9, 8]),
    (rs.normal(size=30).round(1).tolist(), rs.normal(size=30).round(1).tolist()),
]
for a, b in vectors:
    n = len(a)
    tau = stats.kendalltau(a, b).statistic
    rho = stats.spearmanr(a, b).statistic
    rank_cases.append({
        'x': a, 'y': b,
        'kendall': tau, 'kendallCi': fisher(tau, np.sqrt(0.437 / (n - 4))),
        'spearman': rho, 'spearmanCi': fisher(rho, np.sqrt((1 + rho ** 2 / 2) / (n - 3))),
    })

# Benjamini-Hochberg.
def bh_numpy(p):
    p = np.asarray(p, float)
    m = len(p)
    order = np.argsort(p, kind='stable')
    ranked = p[order] * m / np.arange(1, m + 1)
    adj = np.minimum.accumulate(ranked[::-1])[::-1]
    out = np.empty(m)
    out[order] = np.minimum(adj, 1)
    return out
bh_cases = []
for p in [[0.01, 0.04, 0.03], [0.001, 0.008, 0.039, 0.041, 0.042, 0.06, 0.074, 0.205, 0.212, 0.216], rs.uniform(size=25).tolist(), [0.5, 0.5, 0.5, 0.0, 1.0]]:
    ref = stats.false_discovery_control(p, method='bh')
    assert np.allclose(ref, bh_numpy(p), rtol=1e-14, atol=0)
    bh_cases.append({'p': list(map(float, p)), 'adjusted': ref.tolist()})

# Image-level mean difference: 5 models, 300 + 200 images.
labels_a = rs.randint(0, 10, 300)
labels_b = rs.randint(0, 10, 200)
pa = np.where(rs.uniform(size=(5, 300)) < np.linspace(0.6, 0.9, 5)[:, None], labels_a, (labels_a + 1) % 10)
pb = np.where(rs.uniform(size=(5, 200)) < np.linspace(0.5, 0.8, 5)[:, None], labels_b, (labels_b + 2) % 10)
va = (pa == labels_a).mean(axis=0)
vb = (pb == labels_b).mean(axis=0)
value = (pa == labels_a).mean(axis=1).mean() - (pb == labels_b).mean(axis=1).mean()
se = np.sqrt(va.var(ddof=1) / 300 + vb.var(ddof=1) / 200)
agreement = [[float((pa[i] == pa[j]).mean()) for j in range(5)] for i in range(5)]

out = {
    'study': {'models': models, 'nOriginal': N_ORIG, 'nNew': N_NEW, 'originalCorrect': orig_correct.tolist(), 'newCorrect': new_correct.tolist()},
    'fits': fits,
    'band': {'plan': plan.tolist(), 'grid': grid, 'alpha': 0.05, 'results': bands},
    'rank': rank_cases,
    'bh': bh_cases,
    'meanDiff': {
        'labelsA': labels_a.tolist(), 'labelsB': labels_b.tolist(), 'predA': pa.tolist(), 'predB': pb.tolist(),
        'value': value, 'se': se, 'ci': [value - z975 * se, value + z975 * se], 'agreement': agreement,
    },
    'versions': {'numpy': np.__version__, 'scipy': __import__('scipy').__version__},
}
with open(OUT, 'w') as f:
    json.dump(out, f)
print(f'wrote {OUT}')
