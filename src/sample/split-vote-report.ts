import { seededRng } from '../stats/index.js';
import type { Store } from '../store/store.js';
import type { LoadedProject } from '../verify/find-project.js';
import { expandJudgments, loadProjectVotes } from '../verify/project-votes.js';
import { matchedHeldOutMean, splitVoteDiagnostic, type SplitVoteGroup } from './core/index.js';

export interface SplitVoteReport {
  readonly seed: number;
  /** `reference` (its images shown as positive controls) and `pool` (every candidate with enough annotations). */
  readonly groups: readonly SplitVoteGroup[];
  /**
   * Held-out (B) mean of a set matched to the reference's A-histogram from the pool, next to the reference's own B
   * mean: their difference is the bias of matching on noisy frequencies (negative: harder than the reference).
   */
  readonly matched: { readonly pool: number | null; readonly reference: number | null; readonly difference: number | null };
}

/**
 * The split-vote diagnostic over stored votes (Engstrom et al. 2020, see core/split-vote.ts): every image's valid
 * votes (one per assignment that showed it, 1 when selected) in assignment order, split with the revision's seed.
 * The revision's own images are not a group: they were chosen on all their votes, so their held-out half is biased
 * upward by construction; the pool, binned on half A, shows what matching on noisy frequencies does.
 */
export async function splitVoteReport(
  store: Store, loaded: LoadedProject,
  o: { readonly referenceSplitId: number; readonly minAnnotations: number; readonly seed: number },
): Promise<SplitVoteReport> {
  const v = await loadProjectVotes(store, loaded.project.id);
  const j = expandJudgments(v);
  const votes: number[][] = v.pairs.map(() => []);
  for (let i = 0; i < j.assignment.length; i++) votes[v.taskImagePair[j.taskImage[i]!]!]!.push(j.selected[i]!);
  const refItems = new Set((await store.listItems(o.referenceSplitId)).map((i) => i.id));
  const reference: number[][] = [];
  const pool: number[][] = [];
  v.pairs.forEach((p, k) => {
    const x = votes[k]!;
    if (p.roles.includes('positive') && p.itemIds.some((id) => refItems.has(id)) && x.length >= o.minAnnotations) reference.push(x);
    if (p.roles.includes('candidate') && p.sha256 !== null && x.length >= o.minAnnotations) pool.push(x);
  });
  const groups = splitVoteDiagnostic([
    { name: 'reference', images: reference }, { name: 'pool', images: pool },
  ], seededRng(o.seed));
  const poolMatched = matchedHeldOutMean(groups[0]!, groups[1]!);
  const refB = groups[0]!.b.mean;
  return {
    seed: o.seed, groups,
    matched: { pool: poolMatched, reference: refB, difference: poolMatched !== null && refB !== null ? poolMatched - refB : null },
  };
}
