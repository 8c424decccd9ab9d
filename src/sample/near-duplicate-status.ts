import { UserError } from '../errors.js';
import { resolvePool } from '../collect/resolve-pool.js';
import type { Store } from '../store/store.js';
import type { NearDuplicateStatus } from './core/index.js';

const RANK: Record<NearDuplicateStatus['kind'], number> = { 'not-checked': 0, clear: 1, 'review-incomplete': 2, 'near-duplicate': 3 };

export interface NearDuplicateLookup {
  /** Status per image sha256 (images in no consulted pool are absent: not checked). */
  readonly status: ReadonlyMap<string, NearDuplicateStatus>;
  /** The deduplicated pools consulted, sorted. */
  readonly pools: readonly string[];
}

/**
 * Near-duplicate status of images from the collect stage. Candidates are matched to images by the sha256 of any
 * stored copy (original, scaled, thumb). For each deduplicated pool (a pool whose dedup recorded thresholds), the
 * pool's reviews are resolved by ImageNetV2's rule (collect/resolve-pool.ts, keeping in a candidate-only component the
 * one with the highest selection frequency): an excluded candidate is a near-duplicate, one with an undecided close
 * pair is "review incomplete", the rest are clear. Where several pools hold an image the worst status wins.
 * `pools` limits the lookup to named pools (default: every deduplicated pool).
 */
export async function nearDuplicateStatus(
  store: Store, images: ReadonlyMap<string, number>, pools: readonly string[] | null,
): Promise<NearDuplicateLookup> {
  const all = await store.listPools();
  if (pools) {
    const unknown = pools.filter((p) => !all.some((x) => x.name === p));
    if (unknown.length) throw new UserError(`no candidate pool named ${unknown.map((p) => `"${p}"`).join(', ')} (pools: ${all.map((p) => p.name).join(', ') || 'none'})`);
    const undeduplicated = all.filter((p) => pools.includes(p.name) && !p.review_thresholds).map((p) => p.name);
    if (undeduplicated.length) throw new UserError(`candidate pool ${undeduplicated.join(', ')} has not been deduplicated yet (heldout collect dedup --pool …)`);
  }
  const consulted = all.filter((p) => p.review_thresholds && (!pools || pools.includes(p.name))).map((p) => p.name).sort();
  const status = new Map<string, NearDuplicateStatus>();
  const merge = (sha: string, s: NearDuplicateStatus) => {
    const old = status.get(sha);
    if (!old || RANK[s.kind] > RANK[old.kind]) status.set(sha, s);
  };
  for (const name of consulted) {
    const pool = all.find((p) => p.name === name)!;
    const shaOf = new Map<string, string>();
    const frequency = new Map<string, number>();
    for (const c of await store.listCandidates(pool.id, { status: 'accepted' })) {
      const sha = [c.original_sha256, c.scaled_sha256, c.thumb_sha256].find((s) => s !== null && images.has(s));
      if (!sha) continue;
      shaOf.set(c.id, sha);
      frequency.set(c.id, images.get(sha)!);
    }
    if (shaOf.size === 0) continue;
    const r = await resolvePool(store, name, frequency);
    const excluded = new Map(r.excluded.map((e) => [e.candidate, e]));
    const unreviewed = new Set(r.unreviewed);
    for (const [id, sha] of shaOf) {
      const e = excluded.get(id);
      if (e) {
        const detail = e.kind === 'near-duplicate-of-reference'
          ? `same as reference image ${e.references[0]?.slice(0, 12) ?? '?'}… (pool ${name})`
          : `same as candidate ${e.kept.slice(0, 12)}…, which was kept (pool ${name})`;
        merge(sha, { kind: 'near-duplicate', detail });
      } else if (unreviewed.has(id)) merge(sha, { kind: 'review-incomplete' });
      else merge(sha, { kind: 'clear' });
    }
  }
  return { status, pools: consulted };
}
