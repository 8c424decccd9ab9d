import { UserError } from '../errors.js';
import type { CollectPoolRow, Store } from '../store/store.js';
import { findProjectOrThrow } from '../verify/find-project.js';
import { frequencyTable } from '../verify/frequency-rows.js';
import { matchFrequencies, type CandidateFrequency, type FrequencyCandidate } from './core/index.js';

/**
 * Where resolve takes selection frequencies from: a named crowd project, `auto` (the one crowd project that labels
 * some of the pool's candidates, if exactly one does), or `none` (keep the first id).
 */
export type FrequencySource = { readonly kind: 'project'; readonly project: string } | { readonly kind: 'auto' } | { readonly kind: 'none' };

export interface PoolFrequencies {
  /** The crowd project the frequencies come from. */
  readonly project: string;
  /** Accepted candidates with a frequency (matched and seen by at least one valid assignment). */
  readonly matched: number;
  readonly byCandidate: ReadonlyMap<string, CandidateFrequency>;
}

/**
 * Selection frequencies of a pool's accepted candidates from a crowd project (candidates are matched to the project's
 * images by the sha256 of a stored copy, or by an item named after the candidate id; see core/match-frequencies.ts).
 * `auto` reads every project and uses the one that matches; it refuses to guess between several. Returns null when
 * no frequencies apply (`none`, or `auto` with no project matching).
 */
export async function poolFrequencies(store: Store, pool: CollectPoolRow, source: FrequencySource): Promise<PoolFrequencies | null> {
  if (source.kind === 'none') return null;
  const candidates: FrequencyCandidate[] = (await store.listCandidates(pool.id, { status: 'accepted' })).map((c) => ({
    id: c.id, wnid: c.wnid, shas: [c.original_sha256, c.scaled_sha256, c.thumb_sha256].filter((s): s is string => s !== null),
  }));
  const fromProject = async (name: string, exitCode: 1 | 2 = 2): Promise<PoolFrequencies> => {
    const table = await frequencyTable(store, await findProjectOrThrow(store, name, exitCode));
    const byCandidate = matchFrequencies(candidates, table.rows);
    return { project: name, matched: byCandidate.size, byCandidate };
  };
  if (source.kind === 'project') return fromProject(source.project);
  const matching: PoolFrequencies[] = [];
  for (const p of await store.listCrowdProjects()) {
    const f = await fromProject(p.name);
    if (f.matched > 0) matching.push(f);
  }
  if (matching.length > 1) {
    throw new UserError(`pool ${pool.name}: crowd projects ${matching.map((m) => m.project).join(', ')} all label its candidates; choose one with --frequencies-from PROJECT (or --no-frequencies)`);
  }
  return matching[0] ?? null;
}
