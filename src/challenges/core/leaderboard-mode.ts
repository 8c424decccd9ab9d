/** How a phase's public leaderboard releases scores. */
export type LeaderboardMode =
  | { readonly kind: 'standard' }
  /** Blum & Hardt's Ladder: a team's release moves only when it beats its last release by more than η, rounded to η. */
  | { readonly kind: 'ladder'; readonly eta: string }
  /** The parameter-free Ladder: moves only on a paired improvement of more than one standard error. */
  | { readonly kind: 'ladder-free' };

/** Parses `standard`, `ladder-free` or `ladder(0.01)`; the inverse of {@link modeText}. */
export function parseModeText(text: string): LeaderboardMode | undefined {
  if (text === 'standard') return { kind: 'standard' };
  if (text === 'ladder-free') return { kind: 'ladder-free' };
  const m = /^ladder\(\s*(\d*\.?\d+(?:e-?\d+)?)\s*\)$/i.exec(text);
  return m ? { kind: 'ladder', eta: m[1]! } : undefined;
}

export function modeText(mode: LeaderboardMode): string {
  return mode.kind === 'ladder' ? `ladder(${mode.eta})` : mode.kind;
}

/** The mode stored on a phase row (mode + eta columns). */
export function modeOfPhase(phase: { readonly mode: string; readonly eta: string | null }): LeaderboardMode {
  if (phase.mode === 'ladder') return { kind: 'ladder', eta: phase.eta ?? '0.01' };
  return phase.mode === 'ladder-free' ? { kind: 'ladder-free' } : { kind: 'standard' };
}
