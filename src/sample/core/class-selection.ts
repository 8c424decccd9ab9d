/** One image chosen for a class. */
export interface ChosenImage {
  readonly id: string;
  /** It was in the previous revision and is still eligible (carried over). */
  readonly carried: boolean;
  /** MatchedFrequency: the bin it was taken from; when it filled a lower bin's slot, `forBin` is that bin. */
  readonly bin?: number;
  readonly forBin?: number;
}

/** A MatchedFrequency bin short of candidates, and how its missing slots were filled. */
export interface BinDeficit {
  readonly bin: number;
  readonly missing: number;
  /** Slots filled from higher bins (upward sampling), per source bin. */
  readonly filledFrom: ReadonlyArray<{ readonly bin: number; readonly count: number }>;
  /** Slots left empty (no higher bin had candidates left, or upward sampling off). */
  readonly unfilled: number;
}

/** What a strategy did for one class. */
export interface ClassSelection {
  readonly chosen: readonly ChosenImage[];
  /** MatchedFrequency: target images per bin after rounding. */
  readonly target?: readonly number[];
  readonly deficits?: readonly BinDeficit[];
}

/** The per-class input of every strategy: eligible candidates only, already filtered by the eligibility rules. */
export interface EligibleCandidate {
  readonly id: string;
  readonly frequency: number;
  readonly shown: number;
  /** In the revision this one starts from. */
  readonly inPrevious: boolean;
}
