import { UserError } from '../errors.js';
import type { CollectPairInfo, CollectPoolRow, ReferenceImageItem, Store } from '../store/store.js';
import { needsReview, type NearDuplicateMetric, type ReviewThresholds } from './core/index.js';
import { findPoolOrThrow } from './find-pool.js';
import { poolThresholds } from './review-thresholds.js';

export type ReviewStatus = 'pending' | 'decided' | 'all';

/** One pair as reviewers see it. */
export interface ReviewPair {
  readonly id: number;
  readonly candidate: string;
  readonly referenceKind: 'image' | 'candidate';
  readonly reference: string;
  readonly distances: Readonly<Partial<Record<NearDuplicateMetric, number>>>;
  readonly decision: 'same' | 'different' | null;
  /** Who decided (the signed-in account on the server, `--reviewer` on the CLI), null while pending or unnamed. */
  readonly reviewer: string | null;
  /** Blob of the candidate's 256×256 copy, and of the reference (its image, or the other candidate's copy). */
  readonly candidateBlob: string | null;
  readonly referenceBlob: string | null;
  readonly candidateWnid: string | null;
  /** Where a reference image lives (dataset/split/name), for context; never its class. */
  readonly referenceItem: ReferenceImageItem | null;
}

export interface ReviewQueue {
  readonly pool: CollectPoolRow;
  readonly thresholds: ReviewThresholds;
  /** Pairs at or below some threshold: the ones a person must look at. */
  readonly toReview: number;
  readonly decided: number;
  /** The requested page of pairs. */
  readonly pairs: readonly ReviewPair[];
}

/**
 * The review queue of a pool: pairs at or below a threshold of some metric (recorded by the last dedup), closest
 * first by pHash then dHash, with progress counts. `pending` lists the undecided ones.
 */
export async function reviewQueue(store: Store, poolName: string, q: { status?: ReviewStatus; offset?: number; limit?: number } = {}): Promise<ReviewQueue> {
  const pool = await findPoolOrThrow(store, poolName);
  const thresholds = poolThresholds(pool);
  const all = (await store.listPairs(pool.id)).filter((p) => needsReview(p.distances, thresholds));
  const status = q.status ?? 'pending';
  const chosen = all
    .filter((p) => status === 'all' || (status === 'pending' ? p.decision === null : p.decision !== null))
    .sort((a, b) => (a.distances.phash ?? 64) - (b.distances.phash ?? 64) || (a.distances.dhash ?? 64) - (b.distances.dhash ?? 64) || a.id - b.id);
  const offset = q.offset ?? 0;
  const page = chosen.slice(offset, q.limit === undefined ? undefined : offset + q.limit);
  return { pool, thresholds, toReview: all.length, decided: all.filter((p) => p.decision !== null).length, pairs: await describePairs(store, page) };
}

/** Records a reviewer's decision on a pair of the given pool. */
export async function decidePair(store: Store, poolName: string, pairId: number, decision: 'same' | 'different', reviewer: string | null, now = new Date()): Promise<ReviewPair> {
  const pool = await findPoolOrThrow(store, poolName);
  const pair = await store.findPair(pairId);
  if (!pair || pair.pool_id !== pool.id) throw new UserError(`pool ${pool.name} has no pair ${pairId} (list them with heldout collect review --pool ${pool.name})`);
  await store.decidePair(pairId, decision, reviewer, now);
  const [described] = await describePairs(store, [{ ...pair, decision, reviewer }]);
  return described!;
}

async function describePairs(store: Store, pairs: readonly CollectPairInfo[]): Promise<ReviewPair[]> {
  const items = new Map((await store.referenceImageItems(pairs.filter((p) => p.reference_kind === 'image').map((p) => p.reference_id))).map((i) => [i.sha256, i]));
  const out: ReviewPair[] = [];
  for (const p of pairs) {
    const cand = await store.findCandidate(p.candidate_id);
    const other = p.reference_kind === 'candidate' ? await store.findCandidate(p.reference_id) : undefined;
    out.push({
      id: p.id, candidate: p.candidate_id, referenceKind: p.reference_kind as 'image' | 'candidate', reference: p.reference_id,
      distances: p.distances, decision: (p.decision as 'same' | 'different' | null) ?? null, reviewer: p.reviewer ?? null,
      candidateBlob: cand?.thumb_sha256 ?? null,
      referenceBlob: p.reference_kind === 'image' ? p.reference_id : (other?.thumb_sha256 ?? null),
      candidateWnid: cand?.wnid ?? null,
      referenceItem: items.get(p.reference_id) ?? null,
    });
  }
  return out;
}

/** A distance rule standing in for a person: pairs whose `metric` is at most `max` are the same image. */
export interface DecisionRule {
  readonly metric: NearDuplicateMetric;
  readonly max: number;
  /** Also mark every other pending pair `different` (otherwise they stay pending for a person). */
  readonly elseDifferent: boolean;
}

export interface RuleDecisions {
  readonly reviewer: string;
  readonly same: number;
  readonly different: number;
  readonly pending: number;
}

/**
 * Decides the pending pairs of a pool by a distance rule, in one transaction, recorded with reviewer `rule:<metric><=<max>`
 * so a report can tell rule decisions from a person's. Pairs with a decision are left alone.
 */
export async function decideByRule(store: Store, poolName: string, rule: DecisionRule, now = new Date()): Promise<RuleDecisions> {
  const pool = await findPoolOrThrow(store, poolName);
  const thresholds = poolThresholds(pool);
  const pending = (await store.listPairs(pool.id)).filter((p) => p.decision === null && needsReview(p.distances, thresholds));
  const reviewer = `rule:${rule.metric}<=${rule.max}`;
  let same = 0;
  let different = 0;
  await store.transaction(async (tx) => {
    for (const p of pending) {
      const d = p.distances[rule.metric];
      if (d !== undefined && d !== null && d <= rule.max) {
        await tx.decidePair(p.id, 'same', reviewer, now);
        same++;
      } else if (rule.elseDifferent) {
        await tx.decidePair(p.id, 'different', reviewer, now);
        different++;
      }
    }
  });
  return { reviewer, same, different, pending: pending.length - same - different };
}
