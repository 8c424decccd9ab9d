/** A team's charged submissions in a phase (the store's `submissionCounts`). */
export interface QuotaCounts {
  readonly today: number;
  readonly total: number;
  readonly pending: number;
}

/** A phase's limits per team; undefined = unlimited. */
export interface QuotaLimits {
  readonly perDay?: number | null;
  readonly total?: number | null;
  readonly concurrent?: number | null;
}

/** Why a submission may not be charged now, or null when it may. Failed and duplicate submissions never count. */
export function quotaRefusal(counts: QuotaCounts, limits: QuotaLimits): string | null {
  if (limits.total != null && counts.total >= limits.total) return `total quota reached: ${counts.total} of ${limits.total} submissions used in this phase`;
  if (limits.perDay != null && counts.today >= limits.perDay) return `daily quota reached: ${counts.today} of ${limits.perDay} submissions used today (UTC)`;
  if (limits.concurrent != null && counts.pending >= limits.concurrent) return `concurrency limit reached: ${counts.pending} of ${limits.concurrent} submissions still being scored`;
  return null;
}

/** Start of the UTC day of `now`: daily quotas reset at 00:00 UTC. */
export function utcDayStart(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}
