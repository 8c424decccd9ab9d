import type { Store } from '../store/store.js';
import { needsReview, resolveNearDuplicates, type CandidateFrequency, type Exclusion, type NearDuplicateComponent } from './core/index.js';
import { findPoolOrThrow } from './find-pool.js';
import { poolFrequencies, type FrequencySource } from './pool-frequencies.js';
import { poolThresholds } from './review-thresholds.js';

export interface PoolResolution {
  readonly pool: string;
  readonly accepted: number;
  readonly confirmedPairs: number;
  readonly components: readonly NearDuplicateComponent[];
  readonly excluded: ReadonlyArray<{ readonly candidate: string } & Exclusion>;
  /** Accepted candidates with a pair still to review: not eligible until a person has looked (ImageNetV2's rule). */
  readonly unreviewed: readonly string[];
  /** Accepted, not excluded, fully reviewed. */
  readonly eligible: number;
}

/**
 * Applies the reviewed pairs of a pool: confirmed ("same") pairs → connected components → exclusions (a component
 * touching a reference image excludes all its candidates; otherwise one is kept, by selection frequency when given,
 * else the first id). Candidates with undecided pairs under the thresholds are listed as not yet reviewed.
 */
export async function resolvePool(store: Store, poolName: string, selectionFrequency?: ReadonlyMap<string, number>): Promise<PoolResolution> {
  const pool = await findPoolOrThrow(store, poolName);
  const thresholds = poolThresholds(pool);
  const pairs = await store.listPairs(pool.id);
  const confirmed = pairs.filter((p) => p.decision === 'same').map((p) => ({
    candidate: p.candidate_id, reference: { kind: p.reference_kind as 'image' | 'candidate', id: p.reference_id },
  }));
  const r = resolveNearDuplicates(confirmed, selectionFrequency);
  const unreviewed = new Set<string>();
  for (const p of pairs) {
    if (p.decision !== null || !needsReview(p.distances, thresholds)) continue;
    unreviewed.add(p.candidate_id);
    if (p.reference_kind === 'candidate') unreviewed.add(p.reference_id);
  }
  const accepted = (await store.listCandidates(pool.id, { status: 'accepted' })).map((c) => c.id);
  const eligible = accepted.filter((id) => !r.excluded.has(id) && !unreviewed.has(id)).length;
  return {
    pool: pool.name, accepted: accepted.length, confirmedPairs: confirmed.length, components: r.components,
    excluded: [...r.excluded].map(([candidate, e]) => ({ candidate, ...e })).sort((a, b) => (a.candidate < b.candidate ? -1 : 1)),
    unreviewed: [...unreviewed].sort(), eligible,
  };
}

/** A resolution whose keep rule used crowd selection frequencies (when a project supplied them). */
export interface FrequencyResolution extends PoolResolution {
  /** The crowd project the frequencies came from and how many accepted candidates it gave one; null: first id kept. */
  readonly frequencies: { readonly project: string; readonly matched: number } | null;
  /** Frequency of every candidate in a component without reference images (what the keep rule compared). */
  readonly componentFrequencies: Readonly<Record<string, CandidateFrequency>>;
}

/**
 * {@link resolvePool} with selection frequencies from a crowd project (`--frequencies-from`, or the one project that
 * labels the pool's candidates): a component of candidates keeps the one people selected most often for its class.
 */
export async function resolvePoolWithFrequencies(store: Store, poolName: string, source: FrequencySource): Promise<FrequencyResolution> {
  const pool = await findPoolOrThrow(store, poolName);
  const f = await poolFrequencies(store, pool, source);
  const r = await resolvePool(store, poolName, f ? new Map([...f.byCandidate].map(([id, v]) => [id, v.frequency])) : undefined);
  const componentFrequencies: Record<string, CandidateFrequency> = {};
  for (const comp of r.components) {
    if (comp.kept === undefined) continue;
    for (const c of comp.candidates) {
      const v = f?.byCandidate.get(c);
      if (v) componentFrequencies[c] = v;
    }
  }
  return { ...r, frequencies: f ? { project: f.project, matched: f.matched } : null, componentFrequencies };
}
