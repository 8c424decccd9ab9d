#!/usr/bin/env python3
"""numpy baseline for `heldout stats fit --bootstrap` (bench/bootstrap-band.mjs runs it; see bench/RESULTS.md).

The same computation as src/stats/bootstrap-fit-band.ts, vectorised across resamples the way a numpy user would
write it: probit-transform x and y once, centre on the full-data means, draw all resample indices as one
(resamples x n) integer matrix, gather, reduce the four OLS sums per row, predict on a grid of 100 x values
spaced evenly over [min x, max x], and take type-7 percentiles (numpy's default 'linear') per grid column and of the
slopes and intercepts. The band's percentiles are taken on the probit scale and mapped back with Phi, which equals
the percentile of the predicted accuracies because Phi is increasing.

The resample loop is chunked (default 1,000 resamples per chunk), which keeps the gathered matrices in cache; it is
faster than one 10,000 x 300 gather on the benchmark machine, so the baseline gets the faster of the two.

Usage: bootstrap-band.py CSV [--x x] [--y y] [--resamples 10000] [--grid 100] [--seed 1] [--confidence 0.95]
                             [--chunk 1000] [--repeat K]
Prints JSON: the fit, the CIs and the band; with --repeat K also the in-process times of K timed runs (after one
untimed warm-up run) in milliseconds, reading the CSV excluded: wall clock (timesMs) and CPU time of this process
(cpuMs, which a loaded machine inflates less).
"""
import argparse
import csv
import json
import sys
import time

import numpy as np
from scipy.special import ndtr, ndtri


def read_columns(path, xcol, ycol):
    with open(path, newline='') as f:
        rows = list(csv.DictReader(f))
    return np.array([float(r[xcol]) for r in rows]), np.array([float(r[ycol]) for r in rows])


def bootstrap_band(x, y, resamples, grid_points, alpha, seed, chunk):
    gx, gy = ndtri(x), ndtri(y)
    n = gx.size
    mx, my = gx.mean(), gy.mean()
    cx, cy = gx - mx, gy - my
    sxx_full = cx @ cx
    slope_full = (cx @ cy) / sxx_full
    fit = {'n': int(n), 'slope': float(slope_full), 'intercept': float(my - slope_full * mx)}

    rng = np.random.default_rng(seed)
    slopes = np.empty(resamples)
    intercepts_c = np.empty(resamples)  # on the centred scale: g(y) - my = slope (g(x) - mx) + b
    for start in range(0, resamples, chunk):
        stop = min(start + chunk, resamples)
        idx = rng.integers(0, n, size=(stop - start, n))
        X, Y = cx[idx], cy[idx]
        sx, sy = X.sum(axis=1), Y.sum(axis=1)
        sxx = np.einsum('ij,ij->i', X, X)
        sxy = np.einsum('ij,ij->i', X, Y)
        # A resample whose models all share one x would divide by 0 here; with 300 distinct x values it does not happen
        # (the TypeScript version redraws such resamples, and reports how many; it is 0 in this benchmark).
        slope = (sxy - sx * sy / n) / (sxx - sx * sx / n)
        slopes[start:stop] = slope
        intercepts_c[start:stop] = (sy - slope * sx) / n

    grid = np.linspace(x.min(), x.max(), grid_points)
    d = ndtri(grid) - mx
    pred = (my + intercepts_c)[:, None] + slopes[:, None] * d[None, :]
    q = [100 * alpha / 2, 100 * (1 - alpha / 2)]
    lo, hi = np.percentile(pred, q, axis=0)
    intercepts = my + intercepts_c - slopes * mx
    return {
        **fit,
        'slopeCi': np.percentile(slopes, q).tolist(),
        'interceptCi': np.percentile(intercepts, q).tolist(),
        'grid': grid.tolist(),
        'lower': ndtr(lo).tolist(),
        'upper': ndtr(hi).tolist(),
    }


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('csv')
    p.add_argument('--x', default='x')
    p.add_argument('--y', default='y')
    p.add_argument('--resamples', type=int, default=10_000)
    p.add_argument('--grid', type=int, default=100)
    p.add_argument('--seed', type=int, default=1)
    p.add_argument('--confidence', type=float, default=0.95)
    p.add_argument('--chunk', type=int, default=1000)
    p.add_argument('--repeat', type=int, default=0)
    a = p.parse_args()
    x, y = read_columns(a.csv, a.x, a.y)
    alpha = round(1 - a.confidence, 12)
    out = bootstrap_band(x, y, a.resamples, a.grid, alpha, a.seed, a.chunk)
    if a.repeat > 0:
        times, cpu = [], []
        for _ in range(a.repeat):
            t0, c0 = time.perf_counter(), time.process_time()
            bootstrap_band(x, y, a.resamples, a.grid, alpha, a.seed, a.chunk)
            times.append((time.perf_counter() - t0) * 1000)
            cpu.append((time.process_time() - c0) * 1000)
        out['timesMs'] = times
        out['cpuMs'] = cpu
    out['numpy'] = np.__version__
    json.dump(out, sys.stdout)
    sys.stdout.write('\n')


if __name__ == '__main__':
    main()
