/** A two-sided interval; `lower ≤ upper`. */
export interface Interval {
  readonly lower: number;
  readonly upper: number;
}
