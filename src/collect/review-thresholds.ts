import { z } from 'zod';
import { DEFAULT_REVIEW_THRESHOLDS, METRIC_NAMES, type ReviewThresholds } from './core/index.js';
import type { CollectPoolRow } from '../store/store.js';

const schema = z.object(Object.fromEntries(METRIC_NAMES.map((m) => [m, z.number().nonnegative().optional()]))).partial();

/** The thresholds recorded on a pool by its last dedup, over the defaults (a pool not yet deduplicated has none). */
export function poolThresholds(pool: CollectPoolRow): ReviewThresholds {
  if (!pool.review_thresholds) return DEFAULT_REVIEW_THRESHOLDS;
  const parsed = schema.safeParse(JSON.parse(pool.review_thresholds));
  return parsed.success ? { ...DEFAULT_REVIEW_THRESHOLDS, ...(parsed.data as Partial<ReviewThresholds>) } : DEFAULT_REVIEW_THRESHOLDS;
}
