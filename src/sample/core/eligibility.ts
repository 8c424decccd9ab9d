import type { SampleCandidate } from './sample-candidate.js';
import { frequencyOf } from './sample-candidate.js';

/** Why a candidate cannot be sampled, in the order the rules are checked (ImageNetV2's `is_cid_ok`). */
export const INELIGIBLE_REASONS = {
  blacklisted: 'on the blacklist',
  'few-annotations': 'fewer annotations than the minimum',
  'below-threshold': 'selection frequency below the threshold (Threshold only)',
  'near-duplicate': 'a confirmed near-duplicate',
  'review-incomplete': 'near-duplicate review incomplete',
  'not-checked': 'not checked for near-duplicates',
} as const;

export type IneligibleReason = keyof typeof INELIGIBLE_REASONS;

export interface EligibilityRules {
  /** Annotations (valid assignments that showed the image) needed; ImageNetV2: 10. */
  readonly minAnnotations: number;
  /** Threshold of this candidate's class (Threshold strategy only). */
  readonly threshold?: number | undefined;
  /** Treat images never checked for near-duplicates as clear (recorded in the revision; confirmed ones still count). */
  readonly skipNearDuplicateCheck?: boolean | undefined;
}

/**
 * The first rule a candidate breaks, or null when it is eligible. Order: not blacklisted; ≥ min annotations;
 * (Threshold) frequency ≥ τ; not a near-duplicate; near-duplicate review complete; checked at all.
 */
export function ineligibility(c: SampleCandidate, rules: EligibilityRules): IneligibleReason | null {
  if (c.blacklisted !== undefined) return 'blacklisted';
  if (c.shown < rules.minAnnotations) return 'few-annotations';
  if (rules.threshold !== undefined && frequencyOf(c) < rules.threshold) return 'below-threshold';
  if (c.nearDuplicate.kind === 'near-duplicate') return 'near-duplicate';
  if (c.nearDuplicate.kind === 'review-incomplete') return 'review-incomplete';
  if (c.nearDuplicate.kind === 'not-checked' && !rules.skipNearDuplicateCheck) return 'not-checked';
  return null;
}
