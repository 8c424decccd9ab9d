import type { Rng } from '../../stats/index.js';

/** A simulated worker: the two-coin model plus speed. Spammers click at random, so sensitivity = 1 − specificity. */
export interface SimulatedWorker {
  readonly sensitivity: number;
  readonly specificity: number;
  readonly spammer: boolean;
  /** Mean seconds spent per image of a grid. */
  readonly secondsPerImage: number;
}

export interface CrowdSpec {
  readonly workers: number;
  /** Share of spammers (0…1), default 0.2. */
  readonly spamRate?: number;
  /** Ranges [lo, hi] that careful workers' parameters are drawn from uniformly. */
  readonly sensitivity?: readonly [number, number];
  readonly specificity?: readonly [number, number];
  readonly secondsPerImage?: readonly [number, number];
}

const uniform = (rng: Rng, [lo, hi]: readonly [number, number]) => lo + (hi - lo) * rng.next();

/**
 * Draws a crowd. Careful workers get sensitivity and specificity from the given ranges; a spammer selects every image
 * with one probability q ∈ [0.1, 0.9] whatever it shows (sensitivity q, specificity 1 − q: no information) and is fast.
 */
export function simulatedCrowd(spec: CrowdSpec, rng: Rng): SimulatedWorker[] {
  const spamRate = spec.spamRate ?? 0.2;
  if (!(spamRate >= 0 && spamRate <= 1)) throw new RangeError(`spam rate must be in [0, 1], got ${spamRate}`);
  if (!Number.isInteger(spec.workers) || spec.workers < 0) throw new RangeError(`workers must be a non-negative integer, got ${spec.workers}`);
  const out: SimulatedWorker[] = [];
  for (let w = 0; w < spec.workers; w++) {
    if (rng.next() < spamRate) {
      const q = uniform(rng, [0.1, 0.9]);
      out.push({ sensitivity: q, specificity: 1 - q, spammer: true, secondsPerImage: uniform(rng, [0.05, 0.2]) });
    } else {
      out.push({
        sensitivity: uniform(rng, spec.sensitivity ?? [0.75, 0.98]),
        specificity: uniform(rng, spec.specificity ?? [0.8, 0.99]),
        spammer: false,
        secondsPerImage: uniform(rng, spec.secondsPerImage ?? [0.4, 1.5]),
      });
    }
  }
  return out;
}

/**
 * One worker's answer to a grid. `truth[i]` is the probability that a careful person would call image i a member of
 * the class: 0 or 1 for clear images, in between for ambiguous ones (which is what spreads real selection frequencies
 * over (0, 1)). P(select i) = sensitivity · truth_i + (1 − specificity) · (1 − truth_i).
 */
export function answerGrid(worker: SimulatedWorker, truth: ArrayLike<number>, rng: Rng): { selected: boolean[]; durationMs: number } {
  const selected: boolean[] = [];
  let seconds = 1.5; // reading the header
  for (let i = 0; i < truth.length; i++) {
    const t = truth[i]!;
    const p = worker.sensitivity * t + (1 - worker.specificity) * (1 - t);
    selected.push(rng.next() < p);
    seconds += worker.secondsPerImage * (0.5 + rng.next());
  }
  return { selected, durationMs: Math.round(seconds * 1000) };
}
