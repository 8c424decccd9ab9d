/**
 * Binary ("two-coin") Dawid–Skene by EM for grid clicks. Item i is truly of the class with probability μ_i; worker w
 * checks a true image with probability a_w (sensitivity) and leaves a false one unchecked with probability b_w
 * (specificity). Controls are clamped (μ fixed to 1 or 0), as Get-Another-Label does with gold, which also anchors
 * the labels (no label switching) and tells the model what each worker does on known images.
 *
 *   M-step  a_w = (α + Σ μ_i y_iw) / (2α + Σ μ_i),   b_w = (α + Σ (1−μ_i)(1−y_iw)) / (2α + Σ (1−μ_i)),
 *           p   = (α + Σ_free μ_i) / (2α + #free)     (the prior is the candidates' prevalence, not the controls')
 *   E-step  μ_i = σ(L1_i − L0_i),  L1 = log p + Σ_w log a_w^y (1−a_w)^(1−y),  L0 = log(1−p) + Σ_w log (1−b_w)^y b_w^(1−y)
 *
 * Initialised from vote shares (μ_i = share of its labels that checked it). Stops when the log-likelihood changes by
 * less than `tolerance` · max(1, |ℓ|). α (default 0.01) keeps a worker with no positives or negatives away from 0/1.
 */
export interface BinaryLabels {
  readonly items: number;
  readonly workers: number;
  readonly item: Int32Array;
  readonly worker: Int32Array;
  /** 1 = checked. */
  readonly y: Uint8Array;
  /** Per item: -1 free, 0 or 1 clamped (a control with a known answer). */
  readonly clamp?: Int8Array;
}

export interface DawidSkeneOptions {
  readonly maxIterations?: number;
  readonly tolerance?: number;
  readonly smoothing?: number;
}

export interface DawidSkeneResult {
  /** P(item is of the class | all labels), per item; clamped items keep their clamp. */
  readonly posterior: Float64Array;
  readonly sensitivity: Float64Array;
  readonly specificity: Float64Array;
  /** Expected positives (Σ μ) and negatives (Σ 1 − μ) each worker labelled: the n behind a_w and b_w. */
  readonly positivesSeen: Float64Array;
  readonly negativesSeen: Float64Array;
  readonly prior: number;
  readonly logLikelihood: number;
  readonly iterations: number;
  readonly converged: boolean;
}

export function dawidSkene(d: BinaryLabels, o: DawidSkeneOptions = {}): DawidSkeneResult {
  const maxIterations = o.maxIterations ?? 200;
  const tolerance = o.tolerance ?? 1e-9;
  const alpha = o.smoothing ?? 0.01;
  const { items, workers, item, worker, y } = d;
  const clamp = d.clamp ?? new Int8Array(items).fill(-1);
  if (worker.length !== item.length || y.length !== item.length) throw new RangeError('label columns differ in length');
  if (clamp.length !== items) throw new RangeError('clamp must have one entry per item');
  // α = 0 would let a perfect worker reach a_w = 1, and log(1 − a_w) = −∞ turns every posterior into NaN.
  if (!(alpha > 0)) throw new RangeError(`smoothing must be > 0, got ${alpha}`);

  const mu = initialShares(d, clamp);
  const a = new Float64Array(workers);
  const b = new Float64Array(workers);
  const posSeen = new Float64Array(workers);
  const negSeen = new Float64Array(workers);
  const l1 = new Float64Array(items);
  const l0 = new Float64Array(items);
  let prior = 0.5;
  let ll = -Infinity;
  let iterations = 0;
  let converged = false;

  while (iterations < maxIterations) {
    iterations++;
    // M-step.
    const sa = new Float64Array(workers);
    const sb = new Float64Array(workers);
    posSeen.fill(0);
    negSeen.fill(0);
    for (let k = 0; k < item.length; k++) {
      const m = mu[item[k]!]!;
      const w = worker[k]!;
      posSeen[w]! += m;
      negSeen[w]! += 1 - m;
      if (y[k] === 1) sa[w]! += m;
      else sb[w]! += 1 - m;
    }
    for (let w = 0; w < workers; w++) {
      a[w] = (alpha + sa[w]!) / (2 * alpha + posSeen[w]!);
      b[w] = (alpha + sb[w]!) / (2 * alpha + negSeen[w]!);
    }
    let free = 0;
    let freeMass = 0;
    for (let i = 0; i < items; i++) {
      if (clamp[i] !== -1) continue;
      free++;
      freeMass += mu[i]!;
    }
    prior = free === 0 ? 0.5 : (alpha + freeMass) / (2 * alpha + free);

    // E-step.
    const la1 = new Float64Array(workers);
    const la0 = new Float64Array(workers);
    const lb1 = new Float64Array(workers);
    const lb0 = new Float64Array(workers);
    for (let w = 0; w < workers; w++) {
      la1[w] = Math.log(a[w]!);
      la0[w] = Math.log(1 - a[w]!);
      lb1[w] = Math.log(1 - b[w]!);
      lb0[w] = Math.log(b[w]!);
    }
    l1.fill(0);
    l0.fill(0);
    for (let k = 0; k < item.length; k++) {
      const i = item[k]!;
      const w = worker[k]!;
      if (y[k] === 1) {
        l1[i]! += la1[w]!;
        l0[i]! += lb1[w]!;
      } else {
        l1[i]! += la0[w]!;
        l0[i]! += lb0[w]!;
      }
    }
    const lp = Math.log(prior);
    const lq = Math.log(1 - prior);
    let next = 0;
    for (let i = 0; i < items; i++) {
      const c = clamp[i]!;
      if (c === 1) next += l1[i]!;
      else if (c === 0) next += l0[i]!;
      else {
        const x1 = lp + l1[i]!;
        const x0 = lq + l0[i]!;
        const mx = Math.max(x1, x0);
        next += mx + Math.log(Math.exp(x1 - mx) + Math.exp(x0 - mx));
        mu[i] = 1 / (1 + Math.exp(x0 - x1));
      }
    }
    if (iterations > 1 && Math.abs(next - ll) < tolerance * Math.max(1, Math.abs(next))) {
      ll = next;
      converged = true;
      break;
    }
    ll = next;
  }
  return { posterior: mu, sensitivity: a, specificity: b, positivesSeen: posSeen, negativesSeen: negSeen, prior, logLikelihood: ll, iterations, converged };
}

/** Vote shares for free items (0.5 for an item nobody labelled), clamps for controls. */
function initialShares(d: BinaryLabels, clamp: Int8Array): Float64Array {
  const yes = new Float64Array(d.items);
  const n = new Float64Array(d.items);
  for (let k = 0; k < d.item.length; k++) {
    n[d.item[k]!]!++;
    yes[d.item[k]!]! += d.y[k]!;
  }
  const mu = new Float64Array(d.items);
  for (let i = 0; i < d.items; i++) mu[i] = clamp[i] === -1 ? (n[i] === 0 ? 0.5 : yes[i]! / n[i]!) : clamp[i]!;
  return mu;
}

/** Majority vote for comparison: an item is positive when at least half of its labels checked it (SF ≥ 0.5). */
export function majorityVote(d: BinaryLabels): Uint8Array {
  const yes = new Float64Array(d.items);
  const n = new Float64Array(d.items);
  for (let k = 0; k < d.item.length; k++) {
    n[d.item[k]!]!++;
    yes[d.item[k]!]! += d.y[k]!;
  }
  const out = new Uint8Array(d.items);
  for (let i = 0; i < d.items; i++) out[i] = n[i]! > 0 && yes[i]! / n[i]! >= 0.5 ? 1 : 0;
  return out;
}
