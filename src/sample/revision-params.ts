import { z } from 'zod';
import { UserError } from '../errors.js';
import { SAMPLING_STRATEGIES, type SampleParameters, type SamplingStrategy } from './core/index.js';

const wnid = z.string().regex(/^n\d{8}$/);

/**
 * Every parameter of a revision, stored as JSON with it so a revision can be re-run exactly. Defaults follow
 * ImageNetV2 (10 per class, ≥ 10 annotations, ≥ 20 reference images per class, τ = 0.7, upward sampling on).
 */
export const revisionParamsSchema = z.strictObject({
  /** The crowd project (`--pool`). */
  pool: z.string().min(1),
  /** The original test set, `dataset:split`. */
  reference: z.string().regex(/^[^:]+:[^:]+$/),
  strategy: z.enum(Object.keys(SAMPLING_STRATEGIES) as [SamplingStrategy, ...SamplingStrategy[]]),
  perClass: z.number().int().min(1).max(10_000).default(10),
  seed: z.number().int().min(1).max(4_294_967_295),
  minAnnotations: z.number().int().min(1).max(10_000).default(10),
  minReference: z.number().int().min(1).max(100_000).default(20),
  threshold: z.number().min(0).max(1).default(0.7),
  thresholdOverrides: z.record(wnid, z.number().min(0).max(1)).default({}),
  upward: z.boolean().default(true),
  skipNearDuplicateCheck: z.boolean().default(false),
  /** Collect pools consulted for near-duplicate status; null = every deduplicated pool. */
  collectPools: z.array(z.string().min(1)).nullable().default(null),
  /** The parent revision's name (`--from`). */
  from: z.string().nullable().default(null),
});

export type RevisionParams = z.infer<typeof revisionParamsSchema>;
export type RevisionParamsInput = z.input<typeof revisionParamsSchema>;

/** Validates parameters (CLI flags merged over a parent's), with a one-line error naming the field. */
export function parseRevisionParams(input: unknown): RevisionParams {
  const r = revisionParamsSchema.safeParse(input);
  if (!r.success) {
    const i = r.error.issues[0];
    throw new UserError(`sample parameters: ${i?.path.join('.') || '(root)'}: ${i?.message}`);
  }
  return r.data;
}

/** The pure core's view of the parameters. */
export function coreParameters(p: RevisionParams): SampleParameters {
  return {
    strategy: p.strategy, perClass: p.perClass, seed: p.seed, minAnnotations: p.minAnnotations, threshold: p.threshold,
    thresholdOverrides: p.thresholdOverrides, upward: p.upward, skipNearDuplicateCheck: p.skipNearDuplicateCheck,
  };
}
