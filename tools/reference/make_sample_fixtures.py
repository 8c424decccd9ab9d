"""Reference values for src/sample/core/mean-interval.ts: mean, sample sd and the 95% Student-t interval of the mean,
computed with numpy/scipy. Writes test/fixtures/sample-mean-ci.json. Run: python3 tools/reference/make_sample_fixtures.py"""
import json
import numpy as np
from scipy import stats

rng = np.random.RandomState(20261207)
cases = [[0.1, 0.2, 0.3, 0.4, 0.5], [0.7, 0.8], [1.0, 0.9, 0.8, 0.9, 1.0, 0.6, 0.7, 0.9, 1.0, 0.8]]
cases += [list(np.round(rng.binomial(10, rng.uniform(0.3, 1.0), size=n) / 10, 1)) for n in (3, 20, 100, 1000)]
out = []
for values in cases:
    x = np.asarray(values, dtype=float)
    mean = float(x.mean())
    sd = float(x.std(ddof=1))
    lo, hi = stats.t.interval(0.95, len(x) - 1, loc=mean, scale=sd / np.sqrt(len(x)))
    out.append({"values": [float(v) for v in values], "mean": mean, "sd": sd, "ci": [float(lo), float(hi)]})
with open("test/fixtures/sample-mean-ci.json", "w") as f:
    json.dump(out, f, indent=1)
    f.write("\n")
