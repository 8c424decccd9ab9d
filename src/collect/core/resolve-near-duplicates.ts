import { connectedComponents } from './connected-components.js';

/** The other side of a pair: an image of a reference dataset (by sha256) or another candidate (by id). */
export interface PairReference {
  readonly kind: 'image' | 'candidate';
  readonly id: string;
}

/** A pair a person confirmed as the same image. */
export interface ConfirmedPair {
  readonly candidate: string;
  readonly reference: PairReference;
}

export type Exclusion =
  | { readonly kind: 'near-duplicate-of-reference'; readonly references: readonly string[] }
  | { readonly kind: 'near-duplicate-of-candidate'; readonly kept: string };

export interface NearDuplicateComponent {
  /** Candidate ids in the component, sorted. */
  readonly candidates: readonly string[];
  /** Reference image sha256s in the component, sorted. */
  readonly references: readonly string[];
  /** The candidate kept, when the component touches no reference image. */
  readonly kept?: string;
}

export interface Resolution {
  readonly components: readonly NearDuplicateComponent[];
  /** Every candidate that must not be used, with why. Candidates in no confirmed pair are absent (kept). */
  readonly excluded: ReadonlyMap<string, Exclusion>;
}

/**
 * ImageNetV2's rule (`near_duplicate_data.py`): confirmed pairs form a graph; a connected component that contains a
 * reference image excludes all its candidates, otherwise one candidate is kept, the one with the highest selection
 * frequency when `selectionFrequency` is given (candidates missing from it rank lowest), ties and the no-crowd-data
 * case going to the first id in sort order. Pure and deterministic: the input order of pairs does not matter.
 */
export function resolveNearDuplicates(pairs: readonly ConfirmedPair[], selectionFrequency?: ReadonlyMap<string, number>): Resolution {
  const node = (r: PairReference) => `${r.kind === 'image' ? 'i' : 'c'}:${r.id}`;
  const edges = pairs.map((p) => [node({ kind: 'candidate', id: p.candidate }), node(p.reference)] as const);
  const components: NearDuplicateComponent[] = [];
  const excluded = new Map<string, Exclusion>();
  for (const members of connectedComponents(edges)) {
    const candidates = members.filter((m) => m.startsWith('c:')).map((m) => m.slice(2)).sort();
    const references = members.filter((m) => m.startsWith('i:')).map((m) => m.slice(2)).sort();
    if (references.length > 0) {
      for (const c of candidates) excluded.set(c, { kind: 'near-duplicate-of-reference', references });
      components.push({ candidates, references });
      continue;
    }
    const freq = (c: string) => selectionFrequency?.get(c) ?? Number.NEGATIVE_INFINITY;
    // Stable: candidates are sorted by id, so among equal frequencies the first id wins.
    let kept = candidates[0]!;
    for (const c of candidates) if (freq(c) > freq(kept)) kept = c;
    for (const c of candidates) if (c !== kept) excluded.set(c, { kind: 'near-duplicate-of-candidate', kept });
    components.push({ candidates, references, kept });
  }
  return { components, excluded };
}
