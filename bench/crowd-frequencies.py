#!/usr/bin/env python3
"""Peer for bench/crowd-frequencies.mjs: selection counts with numpy bincount over the same image-vote columns.

Usage: python3 bench/crowd-frequencies.py DIR RUNS   (DIR holds pair.i32, assignment.i32, selected.u8, valid.u8, meta.json)
Prints one JSON line: {"medianMs": ..., "runsMs": [...], "checksum": ...}.
"""
import json
import os
import sys
import time

import numpy as np


def main():
    d, runs = sys.argv[1], int(sys.argv[2])
    meta = json.load(open(os.path.join(d, 'meta.json')))
    pair = np.fromfile(os.path.join(d, 'pair.i32'), dtype=np.int32)
    assignment = np.fromfile(os.path.join(d, 'assignment.i32'), dtype=np.int32)
    selected = np.fromfile(os.path.join(d, 'selected.u8'), dtype=np.uint8)
    valid = np.fromfile(os.path.join(d, 'valid.u8'), dtype=np.uint8)
    times = []
    for _ in range(runs + 1):  # the first run warms up and is dropped
        t = time.perf_counter()
        ok = valid[assignment] == 1
        p = pair[ok]
        shown = np.bincount(p, minlength=meta['pairCount'])
        sel = np.bincount(p, weights=selected[ok], minlength=meta['pairCount'])
        times.append((time.perf_counter() - t) * 1000)
    times = times[1:]
    print(json.dumps({'medianMs': float(np.median(times)), 'runsMs': times, 'checksum': int(shown.sum()) * 1_000_003 + int(sel.sum())}))


if __name__ == '__main__':
    main()
