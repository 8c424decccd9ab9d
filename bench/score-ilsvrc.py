"""Baseline for bench/score-ilsvrc.mjs: the same job as `heldout score` in Python + numpy.

Parses an ILSVRC Task-1 predictions file (one line per image, 5 devkit IDs) and the ground-truth file, then
computes top-1 and top-5 accuracy. np.loadtxt is numpy's C-accelerated text reader (numpy >= 1.23).
Usage: python3 bench/score-ilsvrc.py PREDICTIONS GROUND_TRUTH
"""
import json
import sys
import time

import numpy as np

t0 = time.perf_counter()
c0 = time.process_time()
pred = np.loadtxt(sys.argv[1], dtype=np.int64, ndmin=2)
truth = np.loadtxt(sys.argv[2], dtype=np.int64, ndmin=1)
if pred.shape[0] != truth.shape[0]:
    sys.exit(f'{pred.shape[0]} predictions but {truth.shape[0]} labels')
hits = pred[:, :5] == truth[:, None]
top1, top5 = int(hits[:, 0].sum()), int(hits.any(axis=1).sum())
ms = (time.perf_counter() - t0) * 1000  # parse + score, after `import numpy`
cpu_ms = (time.process_time() - c0) * 1000  # the same span in CPU time (all threads)
print(json.dumps({'n': int(truth.shape[0]), 'top1': top1, 'top5': top5, 'ms': ms, 'cpu_ms': cpu_ms}))
