#!/usr/bin/env python3
"""numpy/scipy equivalent of a study's reports (bench/study-report.mjs runs it on the same data; see bench/RESULTS.md).

For each new test set: per-model accuracies with Clopper-Pearson intervals (scipy beta.ppf, vectorised), Newcombe
intervals and z-tests of the drops, the probit OLS fit with a 10,000-resample percentile bootstrap band on 61 grid
points (resample indices as one matrix per chunk, the four sums reduced per row), effective robustness, the
image-level mean drop with its normal interval, Kendall tau-b and Spearman rho (scipy), and the pairwise top-1
agreement matrix on the original set (one vectorised comparison per model against all later ones).

Usage: study-report.py DIR [--resamples 10000] [--repeat K]; DIR holds labels.npy (sets x images) and preds.npy
(sets x models x images). Prints JSON with the in-process wall times (after one warm-up) and check values.
"""
import argparse
import json
import time

import numpy as np
import scipy
from scipy import stats
from scipy.special import ndtr, ndtri


def wilson(k, n, z):
    p = k / n
    d = 1 + z * z / n
    c = (p + z * z / (2 * n)) / d
    h = z * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / d
    return c - h, c + h


def report(labels, preds, j, resamples, rng, alpha=0.05):
    z = ndtri(1 - alpha / 2)
    n = labels.shape[1]
    correct = preds == labels[:, None, :]          # sets x models x images
    k = correct.sum(axis=2)
    acc = k / n
    cp_lo = np.where(k == 0, 0, stats.beta.ppf(alpha / 2, k, n - k + 1))
    cp_hi = np.where(k == n, 1, stats.beta.ppf(1 - alpha / 2, k + 1, n - k))
    x, y = acc[0], acc[j]
    # drops: Newcombe from Wilson intervals, pooled z-test
    l1, u1 = wilson(k[0], n, z)
    l2, u2 = wilson(k[j], n, z)
    gap = x - y
    lo = gap - np.sqrt((x - l1) ** 2 + (u2 - y) ** 2)
    hi = gap + np.sqrt((u1 - x) ** 2 + (y - l2) ** 2)
    pooled = (k[0] + k[j]) / (2 * n)
    pv = 2 * ndtr(-np.abs(gap) / np.sqrt(pooled * (1 - pooled) * 2 / n))
    # fit + band
    gx, gy = ndtri(x), ndtri(y)
    fit = stats.linregress(gx, gy)
    er = y - ndtr(fit.slope * gx + fit.intercept)
    mx, my = gx.mean(), gy.mean()
    cx, cy = gx - mx, gy - my
    m = len(x)
    grid = np.linspace(gx.min(), gx.max(), 61) - mx
    slopes = np.empty(resamples)
    inters = np.empty(resamples)
    for s in range(0, resamples, 1000):
        e = min(resamples, s + 1000)
        idx = rng.randint(0, m, size=(e - s, m))
        X, Y = cx[idx], cy[idx]
        sx, sy = X.sum(1), Y.sum(1)
        b = ((X * Y).sum(1) - sx * sy / m) / ((X * X).sum(1) - sx * sx / m)
        slopes[s:e] = b
        inters[s:e] = (sy - b * sx) / m
    pred = my + inters[:, None] + slopes[:, None] * grid[None, :]
    band = ndtr(np.percentile(pred, [100 * alpha / 2, 100 * (1 - alpha / 2)], axis=0))
    ci_s = np.percentile(slopes, [2.5, 97.5])
    # image-level mean drop
    vo = correct[0].mean(axis=0)
    vn = correct[j].mean(axis=0)
    md = x.mean() - y.mean()
    se = np.sqrt(vo.var(ddof=1) / n + vn.var(ddof=1) / n)
    tau = stats.kendalltau(x, y).statistic
    rho = stats.spearmanr(x, y).statistic
    # agreement on the original set
    p0 = preds[0]
    agree = np.eye(m)
    for a in range(m - 1):
        v = (p0[a + 1:] == p0[a]).mean(axis=1)
        agree[a, a + 1:] = v
        agree[a + 1:, a] = v
    return {'slope': fit.slope, 'meanDrop': md, 'meanAgreement': (agree.sum() - m) / (m * (m - 1)),
            'band': band, 'ciSlope': ci_s, 'er': er, 'cp': (cp_lo, cp_hi), 'drops': (lo, hi, pv), 'md': (md - z * se, md + z * se), 'rank': (tau, rho)}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('dir')
    ap.add_argument('--resamples', type=int, default=10000)
    ap.add_argument('--repeat', type=int, default=3)
    a = ap.parse_args()
    labels = np.load(f'{a.dir}/labels.npy')
    preds = np.load(f'{a.dir}/preds.npy')
    run = lambda: [report(labels, preds, j, a.resamples, np.random.RandomState(1)) for j in range(1, labels.shape[0])]
    first = run()
    times = []
    for _ in range(a.repeat):
        t0 = time.perf_counter()
        run()
        times.append((time.perf_counter() - t0) * 1000)
    r = first[0]
    print(json.dumps({'timesMs': times, 'check': {'slope': r['slope'], 'meanDrop': r['meanDrop'], 'meanAgreement': r['meanAgreement']},
                      'versions': {'numpy': np.__version__, 'scipy': scipy.__version__}}))


if __name__ == '__main__':
    main()
