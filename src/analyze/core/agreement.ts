/** Pairwise agreement of models' top-1 predictions (Mania et al. 2019) and what their accuracies alone force. */
export interface Agreement {
  /** k × k, row-major: the fraction of images on which models i and j predict the same class (1 on the diagonal). */
  readonly agreement: Float64Array;
  /** k × k: max(0, aᵢ + aⱼ − 1), the least agreement two models with these accuracies can have (both right). */
  readonly minimum: Float64Array;
  readonly k: number;
  readonly n: number;
}

/**
 * Agreement between every pair of models on one test set. `top1s[m][i]` is model m's class for image i (−1 = no
 * guess; two missing guesses do not agree). Two models agree on an image when both are right (counted with bitsets:
 * one AND and popcount per 32 images and pair) or both are wrong with the same class (counted per image, by grouping
 * the wrong models by their guess). Same result as comparing every pair on every image ({@link agreementMatrixNaive}),
 * without its k² · n comparisons: 300 models on 10,000 images take a few hundred ms instead of seconds.
 */
export function agreementMatrix(top1s: readonly Int32Array[], labels: Int32Array): Agreement {
  const k = top1s.length;
  const n = labels.length;
  if (n === 0) throw new RangeError('agreement needs at least one image');
  if (k >= 65536) throw new RangeError(`agreement supports at most 65,535 models, got ${k}`);
  const words = (n + 31) >>> 5;
  const bits = new Int32Array(k * words);
  const acc = new Float64Array(k);
  for (let m = 0; m < k; m++) {
    const t = top1s[m]!;
    if (t.length !== n) throw new RangeError(`every model needs one prediction per image (${n}), got ${t.length}`);
    let c = 0;
    for (let i = 0; i < n; i++) {
      const v = t[i]!;
      if (v === labels[i] && v >= 0) {
        bits[m * words + (i >>> 5)]! |= 1 << (i & 31);
        c++;
      }
    }
    acc[m] = c / n;
  }
  const same = new Float64Array(k * k);
  bothRight(bits, k, words, same);
  bothWrongAlike(top1s, labels, same);
  const agreement = new Float64Array(k * k);
  const minimum = new Float64Array(k * k);
  for (let a = 0; a < k; a++) {
    agreement[a * k + a] = 1;
    minimum[a * k + a] = 1;
    for (let b = a + 1; b < k; b++) {
      agreement[a * k + b] = agreement[b * k + a] = same[a * k + b]! / n;
      minimum[a * k + b] = minimum[b * k + a] = Math.max(0, acc[a]! + acc[b]! - 1);
    }
  }
  return { agreement, minimum, k, n };
}

/** same[a·k + b] += images both a and b got right, for a < b. */
function bothRight(bits: Int32Array, k: number, words: number, same: Float64Array): void {
  for (let a = 0; a < k; a++) {
    const oa = a * words;
    for (let b = a + 1; b < k; b++) {
      const ob = b * words;
      let c = 0;
      for (let w = 0; w < words; w++) c += popcount(bits[oa + w]! & bits[ob + w]!);
      same[a * k + b]! += c;
    }
  }
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24);
}

/**
 * same[a·k + b] += images on which a and b are both wrong with the same guess, for a < b: per image, the wrong
 * models' (guess, model) keys are sorted and every run of one guess adds 1 to each pair in it.
 */
function bothWrongAlike(top1s: readonly Int32Array[], labels: Int32Array, same: Float64Array): void {
  const k = top1s.length;
  const keys = new Float64Array(k);
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i]!;
    let w = 0;
    for (let m = 0; m < k; m++) {
      const v = top1s[m]![i]!;
      if (v >= 0 && v !== label) keys[w++] = v * 65536 + m;
    }
    if (w < 2) continue;
    const run = keys.subarray(0, w).sort();
    for (let s = 0; s < w;) {
      const cls = Math.floor(run[s]! / 65536);
      let e = s + 1;
      while (e < w && Math.floor(run[e]! / 65536) === cls) e++;
      for (let u = s; u < e - 1; u++) {
        const row = (run[u]! - cls * 65536) * k;
        for (let v = u + 1; v < e; v++) same[row + run[v]! - cls * 65536]! += 1;
      }
      s = e;
    }
  }
}

/** The definition, pair by pair and image by image: the reference for {@link agreementMatrix} in tests. */
export function agreementMatrixNaive(top1s: readonly Int32Array[], n: number): Float64Array {
  const k = top1s.length;
  const out = new Float64Array(k * k);
  for (let a = 0; a < k; a++) {
    for (let b = 0; b < k; b++) {
      let c = 0;
      for (let i = 0; i < n; i++) if (top1s[a]![i] === top1s[b]![i] && top1s[a]![i]! >= 0) c++;
      out[a * k + b] = a === b ? 1 : c / n;
    }
  }
  return out;
}

/** The mean of the off-diagonal entries of a k × k matrix (NaN for k < 2). */
export function meanOffDiagonal(m: Float64Array, k: number): number {
  if (k < 2) return Number.NaN;
  let s = 0;
  for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) if (a !== b) s += m[a * k + b]!;
  return s / (k * (k - 1));
}

/**
 * Effective number of models after Mania et al.'s argument (a Bernstein-type sketch, not their theorem): the losses of
 * two models differ only where their predictions differ, so with mean pairwise agreement s̄ the union bound over k
 * models costs like ln(2k_eff/δ) = 4(1 − s̄) · ln(2k/δ) independent ones (Hoeffding vs Bernstein, lower-order term
 * dropped). Clamped to [1, k]. δ = 0.05 by default.
 */
export function effectiveModels(k: number, meanAgreement: number, delta = 0.05): number {
  if (k < 1) return 0;
  if (!Number.isFinite(meanAgreement)) return k;
  const lnEff = 4 * (1 - meanAgreement) * Math.log((2 * k) / delta);
  const eff = (delta / 2) * Math.exp(lnEff);
  return Math.min(k, Math.max(1, eff));
}
