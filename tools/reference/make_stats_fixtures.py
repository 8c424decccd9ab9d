#!/usr/bin/env python3
"""Reference values for src/stats, written as CSV into test/fixtures/stats/.

Run from the repository root:  python3 tools/reference/make_stats_fixtures.py
Needs numpy and scipy only (statsmodels is not assumed to be installed; its McNemar
formulas are reproduced below from statsmodels.stats.contingency_tables.mcnemar).

Every float is written with repr(), i.e. the shortest string that round-trips to the
same double, so the TypeScript tests compare against exactly what scipy computed.
The outputs are deterministic (fixed numpy seed), so re-running the script must not
change the committed fixtures unless scipy itself changes.
"""

import csv
import math
import os
import sys

import numpy as np
import scipy
from scipy import stats
from scipy.special import expit, logit, ndtri

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.normpath(os.path.join(HERE, "..", "..", "test", "fixtures", "stats"))


def fmt(v):
    """Shortest round-trip repr; booleans/ints as themselves."""
    if isinstance(v, str):
        return v
    if isinstance(v, (bool, np.bool_)):
        return "1" if v else "0"
    if isinstance(v, (int, np.integer)):
        return str(int(v))
    v = float(v)
    if math.isnan(v):
        return "NaN"
    if math.isinf(v):
        return "Infinity" if v > 0 else "-Infinity"
    return repr(v)


def write(name, header, rows):
    path = os.path.join(OUT, name)
    with open(path, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        for r in rows:
            w.writerow([fmt(v) for v in r])
    print(f"wrote {path} ({len(rows)} rows)", file=sys.stderr)


# ---------------------------------------------------------------------------
# Binomial proportion intervals.
# Clopper-Pearson: the textbook beta-quantile form, scipy.stats.beta.ppf (Boost ibeta_inv).
# Wilson: scipy.stats.binomtest(k, n).proportion_ci(method='wilson') (Newcombe 1998).
# ---------------------------------------------------------------------------
def intervals():
    rows = []
    ns = [1, 2, 3, 5, 10, 30, 100, 1000, 12345, 50000, 100000, 1000000]
    alphas = [0.05, 0.01, 0.1, 0.001]
    for n in ns:
        ks = {0, 1, 2, 3, n // 10, n // 3, n // 2, n - 3, n - 2, n - 1, n, (9 * n) // 10}
        ks = sorted(k for k in ks if 0 <= k <= n)
        for alpha in alphas:
            for k in ks:
                lo = 0.0 if k == 0 else stats.beta.ppf(alpha / 2, k, n - k + 1)
                hi = 1.0 if k == n else stats.beta.ppf(1 - alpha / 2, k + 1, n - k)
                rows.append(("clopper-pearson", k, n, alpha, lo, hi))
                ci = stats.binomtest(k, n).proportion_ci(confidence_level=1 - alpha, method="wilson")
                rows.append(("wilson", k, n, alpha, ci.low, ci.high))
    write("intervals.csv", ["method", "k", "n", "alpha", "lower", "upper"], rows)


# ---------------------------------------------------------------------------
# McNemar, reproducing statsmodels.stats.contingency_tables.mcnemar:
#   exact=True:  statistic = min(b, c); pvalue = min(1, 2 * binom.cdf(min(b, c), b + c, 0.5))
#   exact=False, correction=True: statistic = (|b - c| - 1)**2 / (b + c); pvalue = chi2.sf(statistic, 1)
# statsmodels does NOT clip |b - c| - 1 at zero, so b == c gives statistic 1/(b + c) > 0, not 0.
# For b + c == 0 statsmodels divides by zero (statistic inf, pvalue 0); we write the project's
# documented convention instead (statistic 0, pvalue 1) and mark the row.
# ---------------------------------------------------------------------------
def mcnemar():
    pairs = [
        (0, 0), (1, 0), (0, 1), (1, 1), (2, 2), (1, 2), (5, 5), (10, 10), (3, 7), (7, 3),
        (0, 10), (10, 0), (0, 25), (4, 20), (25, 40), (100, 150), (150, 100), (200, 600),
        (1000, 1100), (5000, 5000), (5000, 5001), (10000, 10400), (100000, 110000),
        (0, 1000), (10, 1000), (123456, 125000), (2, 2000), (600, 200), (50, 51), (49, 51),
    ]
    rows = []
    for b, c in pairs:
        m = min(b, c)
        exact_p = min(1.0, 2 * stats.binom.cdf(m, b + c, 0.5))
        if b + c == 0:
            chi2_stat, chi2_p, note = 0.0, 1.0, "convention"
        else:
            chi2_stat = (abs(b - c) - 1) ** 2 / (1.0 * (b + c))
            chi2_p = stats.chi2.sf(chi2_stat, 1)
            note = "statsmodels"
        rows.append((b, c, m, exact_p, chi2_stat, chi2_p, note))
    write("mcnemar.csv", ["b", "c", "exact_statistic", "exact_p", "chi2_statistic", "chi2_p", "source"], rows)


# ---------------------------------------------------------------------------
# OLS of g(y) on g(x) across models, scipy.stats.linregress on the transformed data.
# residual_se = sqrt(SSR / (n - 2)).  predict(x) = ginv(slope * g(x) + intercept).
# effective robustness = y - predict(x).
# ---------------------------------------------------------------------------
TRANSFORMS = {
    "linear": (lambda v: v, lambda v: v),
    "probit": (ndtri, stats.norm.cdf),
    "logit": (logit, expit),
}


def make_datasets():
    rng = np.random.default_rng(20150216)
    sets = []
    for name, n in [("tiny", 3), ("small", 12), ("medium", 60), ("large", 300)]:
        x = rng.uniform(0.2, 0.95, n)
        z = 0.9 * ndtri(x) - 0.45 + rng.normal(0, 0.12, n)
        y = np.clip(stats.norm.cdf(z), 0.005, 0.995)
        sets.append((name, x, y, 0.0))
    # A dataset with accuracies exactly 0 and 1, only usable under probit/logit with clip.
    x = np.array([0.0, 0.25, 0.5, 0.75, 1.0, 0.6, 0.9])
    y = np.array([0.0, 0.1, 0.33, 0.6, 1.0, 0.41, 0.82])
    sets.append(("clipped", x, y, 1e-3))
    return sets


def fits():
    data_rows, fit_rows, eval_rows = [], [], []
    grid = [0.05, 0.2, 0.35, 0.5, 0.65, 0.8, 0.95]
    for name, x, y, clip in make_datasets():
        for i, (xi, yi) in enumerate(zip(x, y)):
            data_rows.append((name, i, float(xi), float(yi)))
        for tname, (g, ginv) in TRANSFORMS.items():
            xs, ys = x, y
            if tname != "linear" and clip > 0:
                xs = np.clip(x, clip, 1 - clip)
                ys = np.clip(y, clip, 1 - clip)
            gx, gy = g(xs), g(ys)
            r = stats.linregress(gx, gy)
            n = len(x)
            resid = gy - (r.slope * gx + r.intercept)
            rse = math.sqrt(float(np.sum(resid**2)) / (n - 2)) if n > 2 else float("nan")
            fit_rows.append((name, tname, clip, n, r.slope, r.intercept, r.rvalue**2, rse))
            for gxv in grid:
                xv = min(max(gxv, clip), 1 - clip) if (tname != "linear" and clip > 0) else gxv
                eval_rows.append((name, tname, "predict", -1, gxv, float(ginv(r.slope * g(xv) + r.intercept))))
            er = y - ginv(r.slope * gx + r.intercept)
            for i, (xi, v) in enumerate(zip(x, er)):
                eval_rows.append((name, tname, "er", i, float(xi), float(v)))
    write("fits_data.csv", ["dataset", "index", "x", "y"], data_rows)
    write("fits.csv", ["dataset", "transform", "clip", "n", "slope", "intercept", "r2", "residual_se"], fit_rows)
    write("fits_eval.csv", ["dataset", "transform", "kind", "index", "x", "value"], eval_rows)


def main():
    os.makedirs(OUT, exist_ok=True)
    print(f"numpy {np.__version__}, scipy {scipy.__version__}", file=sys.stderr)
    intervals()
    mcnemar()
    fits()


if __name__ == "__main__":
    main()
