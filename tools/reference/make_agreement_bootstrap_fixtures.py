#!/usr/bin/env python3
"""Reference percentile-bootstrap intervals for Fleiss' kappa and Krippendorff's alpha over crowd count tables
(src/verify/core/agreement-interval.ts), written to test/fixtures/crowd/agreement-bootstrap.json.

Run from the repository root: python3 tools/reference/make_agreement_bootstrap_fixtures.py (needs numpy and scipy).
scipy.stats.bootstrap resamples units one by one; Heldout draws the same distribution as multinomial counts of the
distinct rows, so the two agree within Monte Carlo error, not digit for digit. The tests allow for that.
"""
import json
import os

import numpy as np
import scipy
from scipy import stats

OUT = os.path.join('test', 'fixtures', 'crowd', 'agreement-bootstrap.json')
RESAMPLES = 20000


def fleiss(counts):
    n = counts.sum(axis=1)
    keep = n >= 2
    c, n = counts[keep], n[keep]
    if len(n) == 0:
        return np.nan
    p_u = (c * (c - 1)).sum(axis=1) / (n * (n - 1))
    p_k = c.sum(axis=0) / n.sum()
    pe = (p_k ** 2).sum()
    return np.nan if pe == 1 else (p_u.mean() - pe) / (1 - pe)


def krippendorff(counts):
    """Nominal alpha from coincidences: o_ck = sum_u n_uc (n_uk - [c == k]) / (m_u - 1)."""
    m = counts.sum(axis=1)
    keep = m >= 2
    c, m = counts[keep], m[keep]
    if len(m) == 0:
        return np.nan
    k = counts.shape[1]
    o = np.einsum('uc,uk->ck', c / (m - 1)[:, None], c) - np.diag((c / (m - 1)[:, None]).sum(axis=0))
    n_c = o.sum(axis=1)
    n = n_c.sum()
    off = ~np.eye(k, dtype=bool)
    expected = (np.outer(n_c, n_c) * off).sum()
    return np.nan if expected == 0 else 1 - (n - 1) * (o * off).sum() / expected


def case(seed, units, n_max, constant_n):
    rng = np.random.RandomState(seed)
    base = rng.beta(0.6, 0.6, size=units)
    n = np.full(units, n_max) if constant_n else rng.randint(0, n_max + 1, size=units)
    sel = rng.binomial(n, base)
    counts = np.stack([n - sel, sel], axis=1).astype(float)
    out = {'name': f'binary-{seed}', 'counts': counts.astype(int).tolist(), 'resamples': RESAMPLES}
    for name, f in (('fleiss', fleiss), ('krippendorff', krippendorff)):
        res = stats.bootstrap((np.arange(units),), lambda idx: f(counts[idx.astype(int)]), n_resamples=RESAMPLES,
                              method='percentile', vectorized=False, random_state=np.random.default_rng(seed))
        out[name] = {'value': float(f(counts)), 'lower': float(res.confidence_interval.low), 'upper': float(res.confidence_interval.high)}
    return out


def main():
    cases = [case(1, 150, 10, True), case(2, 400, 12, False), case(3, 60, 10, True)]
    with open(OUT, 'w') as f:
        json.dump({'generator': f'tools/reference/make_agreement_bootstrap_fixtures.py (numpy {np.__version__}, scipy {scipy.__version__})', 'cases': cases}, f, separators=(',', ':'))
        f.write('\n')
    for c in cases:
        print(c['name'], c['fleiss'], c['krippendorff'])


if __name__ == '__main__':
    main()
