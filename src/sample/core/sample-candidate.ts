/** What the near-duplicate check (collect stage) says about a candidate image. */
export type NearDuplicateStatus =
  | { readonly kind: 'clear' }
  /** Confirmed the same as a reference image or a kept candidate (or a candidate for several classes). */
  | { readonly kind: 'near-duplicate'; readonly detail: string }
  /** A close pair under the review thresholds is still undecided. */
  | { readonly kind: 'review-incomplete' }
  /** The image is in no deduplicated candidate pool. */
  | { readonly kind: 'not-checked' };

/** One verified candidate: an (image, class) pair of the crowd project with its votes and checks. */
export interface SampleCandidate {
  /** Image id (sha256 of the image bytes). */
  readonly id: string;
  readonly wnid: string;
  /** Valid assignments that selected it. */
  readonly selected: number;
  /** Valid assignments that showed it: the number of annotations. */
  readonly shown: number;
  /** Blacklist reason, if the image is blacklisted. */
  readonly blacklisted?: string | undefined;
  readonly nearDuplicate: NearDuplicateStatus;
}

/** Selection frequency (0 when nobody has seen it). */
export function frequencyOf(c: Pick<SampleCandidate, 'selected' | 'shown'>): number {
  return c.shown > 0 ? c.selected / c.shown : 0;
}
